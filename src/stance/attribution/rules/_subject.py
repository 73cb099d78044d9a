"""The speaker before a subject cue, and where its indirect content must stop
(shared by :mod:`.indirect_subject_cue`)."""
from __future__ import annotations

import re
from typing import NamedTuple, Optional, Tuple

from ... import lexicon
from ...types import Sentence, Span
from ..content import RE_MAIN_CLAUSE, RE_SUBORDINATOR
from ..cues import CUE_KIND, RE_ACCORDING, RE_CUE, Cue
from ..document import Document
from ..mentions import mention_before

#: "with Senator Tom Lund telling ...", "footage of Ana Reyes asking ...": the name is the speaker
RE_OF_WITH_NAME = re.compile(r"\b(?:with|of)\s+((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w'’-]*)\s+$")
#: a speaker mention that is a reduced relative clause ("the impact it" said) or headed by a
#: free-choice pronoun ("Everything Moss" says) is not a speaker
RE_BAD_MENTION = re.compile(r"^(?:Everything|Anything|Nothing|Something|Whatever)\s+\S|\b[a-z]\w+\s+(?:it|he|she|they|we)$")
WH_BLOCKERS = lexicon.word_set("wh_blockers")
#: "X, who said A, <predicate> ...": the main predicate after a non-restrictive relative clause
RE_MAIN_PREDICATE = re.compile(r",\s+(?:(?:also|later|then|now|\w+ly)\s+)?(?P<v>[a-z]+)\b")
MAIN_AUX = lexicon.word_set("main_aux")
RE_AND_VERB = re.compile(r"\s+and\s+(?!then\b|also\b|added\b|adds\b)")
RE_FROM_PLACE = re.compile(r"\s+from\s+[A-Z]")
#: the last word of a text read backwards: ``(\w+)\W*$`` tries every position of the text, this one the end only
RE_LAST_WORD_REVERSED = re.compile(r"\W*(\w+)")


class Subject(NamedTuple):
    span: Span
    antecedent: Optional[Span]  # the noun phrase a relative "who" refers to
    word: str  # the mention, lowercased
    wh: Optional[Tuple[int, str]] = None  # "what X said ...": where the wh-word starts, and the word


def find_subject(doc: Document, s: Sentence, cue: Cue) -> Optional[Subject]:
    """The speaker before ``cue`` (with ``wh`` set when a wh-word stands before it)."""
    text = doc.text
    m = mention_before(text, s.start, cue.start)
    ow = RE_OF_WITH_NAME.search(text, s.start, cue.start) if cue.tag == "ing" else None
    if ow is not None and m is not None and m[0][0] <= ow.start():
        m = ((ow.start(1), ow.end(1)), None)  # "footage of Ana Reyes asking, ..."
    if m is None:
        return None
    sp, appos = m
    if any(not (c.group() == "states" and c.end() == sp[1]) for c in RE_CUE.finditer(text, sp[0], sp[1])) \
            or RE_ACCORDING.search(text, sp[0], sp[1]):
        return None  # (but "states" as the head is the polity: "the three states said")
    if cue.tag in ("past", "pres", "base") and RE_AND_VERB.match(text, cue.end, s.end):
        return None  # "who said and did the same things": the verb is coordinated, no content follows
    if cue.form in ("reported", "reports") and RE_FROM_PLACE.match(text, cue.end, s.end):
        return None  # "X reported from Kabul": a byline
    if RE_BAD_MENTION.search(text[sp[0]:sp[1]]):
        return None  # "the impact it said ...", "Everything Moss says": not the speaker's noun phrase
    word = text[sp[0]:sp[1]].lower()
    if word in WH_BLOCKERS:
        return None
    prev_word = _last_word(text, s.start, sp[0])
    if prev_word and prev_word[1].lower() in WH_BLOCKERS:
        return Subject(sp, None, word, prev_word)
    if prev_word and prev_word[1].lower() in ("which", "that", "who", "whom") and word in (
            "he", "she", "they", "it", "we", "i"):
        return None  # "which he said has increased": an attribution inside a relative clause
    antecedent = None
    if word in ("who", "which") and appos is not None:
        antecedent = appos
    elif word in ("who", "which"):
        am = re.search(r"([^,]*?),\s*$", text[s.start:sp[0]])
        if am is None:
            return None
        a = mention_before(text, s.start, s.start + am.end(1))
        antecedent = a[0] if a else None
    return Subject(sp, antecedent, word)


def _last_word(text: str, lo: int, hi: int) -> Optional[Tuple[int, str]]:
    """Where the last ``\\w+`` word of ``text[lo:hi]`` starts, and the word."""
    m = RE_LAST_WORD_REVERSED.match(text[lo:hi][::-1])
    return None if m is None else (hi - m.end(1), m.group(1)[::-1])


def indirect_limit(doc: Document, s: Sentence, cue: Cue, subject: Subject, limit: int) -> int:
    """Where indirect content must stop at the latest: before ``limit`` (the next claimed
    stretch), the main clause after a fronted subordinate clause ("While Moss has railed against
    X, he has sought ..."), or the main predicate after a non-restrictive relative clause ("Lund,
    who says the city needs buses, tweeted that ...")."""
    text = doc.text
    if RE_SUBORDINATOR.search(text, s.start, subject.span[0]):
        sub = RE_MAIN_CLAUSE.search(text, cue.end, limit)
        while sub is not None and doc.inside[sub.end()]:
            sub = RE_MAIN_CLAUSE.search(text, sub.end(), limit)
        if sub is not None:
            limit = sub.start()
    if subject.word == "who" and re.search(r",\s*$", text[s.start:subject.span[0]]):
        for rm in RE_MAIN_PREDICATE.finditer(text, cue.end, limit):
            if doc.inside[rm.start()]:
                continue
            cm = RE_CUE.match(text, rm.start("v"))
            if (cm and CUE_KIND[cm.group()].tag in ("past", "pres")) or rm.group("v") in MAIN_AUX:
                return rm.start()
    return limit
