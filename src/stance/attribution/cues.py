"""Reporting cues: the lexicon's speech verbs, found once per sentence with their context.

A :class:`Cue` carries its span, its form and its lexicon entry (lemma, tag, use), so a
rule never looks the form up again. :func:`find_cues` runs once per document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Tuple

from .. import lexicon
from ..types import Sentence, Span
from .document import Document
from ..alternation import literal_alternation
from .text import RE_WORD

__all__ = ["Cue", "find_cues", "has_strong_cue", "CUE_KIND", "RE_CUE", "RE_ACCORDING", "CONTENT_FIRST",
           "TELL_FORMS", "NO_INVERSION", "WEAK_FORMS", "NOUN_FORMS", "TO_FORMS", "AND_SHARED_LEMMAS",
           "SHARED_SUBJECT_FORMS"]

_VERBS = [v for v in lexicon.reporting_verbs() if v.kind in ("speech", "source") and v.use != "no"]
#: headline forms ("Mayor Says Bridge Will Reopen"): the title-cased form of every cue, matched only
#: in a title-case headline (see ``_is_headline``)
_TITLE_VERBS = [v._replace(form=" ".join(w[:1].upper() + w[1:] for w in v.form.split())) for v in _VERBS
                if v.form[:1].islower() and v.form != "according to"]
_TITLE_VERBS = [v for v in _TITLE_VERBS if v.form not in {u.form for u in _VERBS}]
_TITLE_FORMS = frozenset(v.form for v in _TITLE_VERBS)
_FORMS = {v.form for v in _VERBS if v.form != "according to"}
RE_CUE = re.compile(r"(?<![\w’'-])(?:" + literal_alternation(_FORMS) + r")(?![\w’'-])")
#: cues in a headline: the lexicon forms and their title-cased forms
RE_CUE_HEADLINE = re.compile(r"(?<![\w’'-])(?:" + literal_alternation(_FORMS | _TITLE_FORMS)
                             + r")(?![\w’'-])")
_VERBS += _TITLE_VERBS
CUE_KIND = {v.form: v for v in _VERBS}
RE_ACCORDING = re.compile(r"(?<![\w’'-])[Aa]ccording to(?![\w’'-])")

#: cue forms that take the content right after them (no speaker-object to skip)
CONTENT_FIRST = frozenset(
    v.form for v in _VERBS if v.lemma in ("call on", "call for", "urge", "point out", "go on to say"))
TELL_FORMS = frozenset(v.form for v in _VERBS if v.lemma in ("tell", "inform", "assure", "ask", "urge", "warn", "remind"))
#: cues whose following noun phrase is a hearer, never an inverted speaker ("..., told the paper")
NO_INVERSION = frozenset(v.form for v in _VERBS if v.lemma in ("tell", "inform", "assure", "remind"))
#: weak cues: a statement only before "that", ":" or a quotation, or in trailing position
WEAK_FORMS = frozenset(v.form for v in _VERBS if v.use in ("that", "to", "noun"))
#: forms read mostly as nouns ("his claims", "30 states"): never trailing cues
NOUN_FORMS = frozenset(v.form for v in _VERBS if v.use == "noun")
#: forms that also take a to-infinitive as their content ("pledged to push for ...")
TO_FORMS = frozenset(v.form for v in _VERBS if v.use == "to")
#: past-tense cues that may continue a statement with the same subject after "and"
AND_SHARED_LEMMAS = frozenset(lexicon.word_set("and_shared_lemmas")) | frozenset(
    # "... showed restraint and described the deal as ...": any speech lemma with a plain past cue form
    v.lemma for v in _VERBS if v.use == "cue" and v.tag == "past" and v.kind == "speech")
SHARED_SUBJECT_FORMS = frozenset(v.form for v in _VERBS if v.tag == "ing")
#: small words a title-case headline leaves in lower case
HEADLINE_SMALL = lexicon.word_set("headline_small_words")
#: the only verbs that attribute a statement in an article's headline ("X says Y", "Y, X warns")
HEADLINE_CUE_LEMMAS = lexicon.word_set("headline_cue_lemmas")


@dataclass(frozen=True)
class Cue:
    """One reporting cue in one sentence, with its lexicon entry."""

    start: int
    end: int
    form: str
    sentence: int
    verb: lexicon.ReportingVerb

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    @property
    def lemma(self) -> str:
        return self.verb.lemma

    @property
    def tag(self) -> str:
        return self.verb.tag


MAX_CUES_PER_SENTENCE = 16
"""Cues kept per sentence (news sentences have at most a handful). The rules look back over the sentence
from each cue, so this bound, with :data:`~stance.segment.MAX_SENTENCE_CHARS`, keeps attribution linear
in the text even on degenerate input such as ``"Lee said said said ..."``."""


def find_cues(doc: Document) -> Tuple[Tuple[Cue, ...], ...]:
    """The cues of every sentence, in text order (outside quotations, not sentence-initial)."""
    return tuple(_sentence_cues(doc, si, s) for si, s in enumerate(doc.sentences))


def _sentence_cues(doc: Document, si: int, s: Sentence) -> Tuple[Cue, ...]:
    out = []
    headline = doc.headline is not None and s.start == doc.headline[0]
    for m in _cue_matches(doc.text, s):
        if doc.inside[m.start()] or (m.start() == s.start and m.group()[:1].isupper()):
            continue
        verb = CUE_KIND[m.group()]
        if headline and verb.lemma not in HEADLINE_CUE_LEMMAS:
            continue  # "Minister Confirms Exit", "X calls for talks": a headline verb, no statement
        if verb.lemma == "add" and re.match(r"\s+up\b", doc.text[m.end():m.end() + 4]):
            continue  # "the costs add up": not speech
        out.append(Cue(m.start(), m.end(), m.group(), si, verb))
        if len(out) == MAX_CUES_PER_SENTENCE:
            break
    return tuple(out)


def _cue_matches(text: str, s: Sentence) -> List[re.Match]:
    """The cue forms of a sentence, and their title-cased forms too in a title-case headline.

    Where the scan with the title-cased forms finds none of them, it has found the plain scan's
    matches (each is the longest plain form at its place), so only the few sentences where it
    finds one ("Says", "Told") are asked whether they read as a headline."""
    matches = list(RE_CUE_HEADLINE.finditer(text, s.start, s.end))
    if any(m.group() in _TITLE_FORMS for m in matches) and not _is_headline(text, s):
        return list(RE_CUE.finditer(text, s.start, s.end))
    return matches


def _is_headline(text: str, s: Sentence) -> bool:
    """``Mayor Lee Says Bridge Will Reopen In May``: most words capitalized, as in a headline."""
    words = [w for w in RE_WORD.findall(text, s.start, s.end) if w[:1].isalpha() and w.lower() not in HEADLINE_SMALL]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.85 * len(words)


def has_strong_cue(doc: Document, cues: Tuple[Cue, ...], s: Sentence) -> bool:
    """Does the sentence hold a strong reporting cue (outside quotations) or "according to"?"""
    return any(c.form not in WEAK_FORMS for c in cues) or (  # (the substring first: the regex tries every position)
        doc.text.find("ccording to", s.start, s.end) >= 0 and bool(RE_ACCORDING.search(doc.text, s.start, s.end)))
