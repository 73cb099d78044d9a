"""What follows a cue: the kind of tail after a trailing attribution, and the hearer of "told"."""
from __future__ import annotations

import re
from typing import Optional, Sequence, Tuple

from .. import lexicon
from ..types import Span
from .config import LIMITS
from .cues import AND_SHARED_LEMMAS, CUE_KIND, RE_ACCORDING, RE_CUE, SHARED_SUBJECT_FORMS, TELL_FORMS
from .document import Document
from .text import QUOTE_START, RE_TOKEN, Token, has_words, tokens

#: what a trailing attribution's tail may start with ("..., Sun said on Monday in Beijing.")
ADVERBIAL_STARTS = lexicon.word_set("adverbial_starts")
#: words that open a new clause in a trailing tail ("..., Sun said, and the talks ended")
TAIL_STOP = lexicon.word_set("tail_stop")
#: a hearer after "told" that is a person or group ("told reporters")
HEARER_WORDS = lexicon.word_set("hearer_words")
#: a plural person noun is a hearer too ("told senators", "told visiting diplomats")
PLURAL_PERSON_NOUNS = frozenset(w for w, (number, _) in lexicon.person_nouns().items() if number == "pl")
MEDIA_WORDS = frozenset(w for w, c in lexicon.org_words().items() if c == "media")
#: marks that end the first part of a tail ("..., Sun said on Monday, adding ...")
FIRST_PART_ENDS = frozenset((",", "—", "–", "―", "‒", ";", "("))
#: what a tail's first words are read by (each matched in place, within the sentence)
RE_LEAD = re.compile(r"[,;]?\s*")
RE_AND = re.compile(r"and\s+(?:then\s+|also\s+)?")
RE_COMMA = re.compile(r"\s*,\s*(?:and\s+)?")
RE_APPOSITION_OR_CLAUSE = re.compile(
    r"[,—–―‒(]\s*(?:a|an|the|who|whom|whose|which|as|while|after|before|when|because|although|though|in|on|"
    r"at|during|speaking|referring|referencing|citing|pointing|responding|\w+ing)\b")
RE_RELATIVE = re.compile(r"(?:who|whose)\s")


def tail_kind(doc: Document, pos: int, end: int, hearer_skip: bool = False, inverted: bool = False) -> Tuple[str, int]:
    """Classify the text after a trailing attribution: ``end`` (nothing but an adverbial),
    ``according`` (``, according to X``), ``shared`` (``, noting that ...``), ``quote`` (``, "..."``),
    ``parenthetical`` (``The truth, he said, was ...``), ``clause`` (something else).
    Returns the kind and the position where it starts."""
    text = doc.text
    j = pos
    while j < end and text[j] in " \t\u00a0":
        j += 1
    rest = text[j:end]
    if not rest.strip(" .!?\"”’'") or rest.strip() in (".", "!", "?"):
        return "end", j
    found = _marked_tail(doc, j, end, rest, inverted)
    if found is not None:
        return found
    first_part = []
    toks = RE_TOKEN.finditer(text, j, end)  # (read only up to the first part's end)
    for t in toks:
        if doc.inside[t.start()]:
            # 'told MSNBC's "Morning Joe" that ...': a complement after the quoted name
            after_q = next((x for x in toks if not doc.inside[x.start()]), None)
            if after_q is not None and after_q.group().lower() == "that":
                return "clause", j
            break
        if t.group() in FIRST_PART_ENDS:
            break
        first_part.append((t.start(), t.end(), t.group()))
    words = [t for t in first_part if t[2][:1].isalnum()]
    if words and hearer_skip:
        words = words[hearer_len(words):]
        if words and _hearer_postmodifier(words):
            words = []  # "..., Okafor told reporters flying with her.": the hearer's participle
    shared_at, paren = _after_first_part(doc, first_part[-1][1] if first_part else j, end, inverted)
    calm = ("parenthetical", j) if paren else (("shared", shared_at) if shared_at is not None else ("end", j))
    if not words:
        return calm
    w0 = words[0][2].lower()
    if w0 not in ADVERBIAL_STARTS and not (words[0][2].endswith("ly") and words[0][2].islower()):
        return "clause", j
    if w0 in ("as", "when", "while", "after", "before", "because", "during"):
        # "..., Okafor told his advisers as he labored over ...": a subordinate clause of time
        return ("shared", shared_at) if shared_at is not None else ("end", j)
    if w0 == "to" and len(words) > 1 and words[1][2][:1].islower() \
            and words[1][2].lower() not in HEARER_WORDS | {"the", "a", "an", "his", "her", "their", "its", "my", "our"}:
        return "clause", j  # "Moss called to ban ...": an infinitive is content
    if len(words) <= LIMITS.trailing_tail_tokens and not any(t[2].lower() in TAIL_STOP - {"as", "when", "while"} for t in words[1:]):
        return calm
    return "clause", j


def _marked_tail(doc: Document, j: int, end: int, rest: str, inverted: bool) -> Optional[Tuple[str, int]]:
    """Tails recognizable from their first words: "according to", a quotation, a shared-subject cue,
    an apposition after an inverted speaker, a colon."""
    text = doc.text
    k = RE_LEAD.match(text, j, end).end()
    if RE_ACCORDING.match(text, k):
        return "according", k
    if k < len(text) and text[k] in QUOTE_START and doc.inside[k]:
        return "quote", k
    cm = RE_CUE.match(text, k)
    if cm and text[j] == "," and cm.group() in SHARED_SUBJECT_FORMS:
        return "shared", k
    am = RE_AND.match(text, k, end)
    if am:
        cm = RE_CUE.match(text, am.end())
        if cm and CUE_KIND[cm.group()].lemma in AND_SHARED_LEMMAS:
            return "shared", am.end()
    if rest[:1] in ",—–―‒(" and inverted and RE_APPOSITION_OR_CLAUSE.match(rest):
        return "end", j  # an apposition or a subordinate clause, not content
    if rest[:1] == ":":
        return "clause", j
    if inverted and RE_RELATIVE.match(rest):
        return "end", j  # "..., said Okafor who faults the builders": a relative clause on the speaker
    return None


def _hearer_postmodifier(words: Sequence[Token]) -> bool:
    """The words after a hearer are a participle phrase about the hearer ("reporters flying
    with her from Lagos", "officials gathered in Geneva"), not a complement clause ("that ...")."""
    w0 = words[0][2]
    return (w0.islower() and w0.endswith(("ing", "ed")) and len(words) <= LIMITS.trailing_tail_tokens
            and not any(t[2].lower() in ("that", "to") for t in words))


def _after_first_part(doc: Document, rest_after: int, end: int, inverted: bool) -> Tuple[Optional[int], bool]:
    """After the tail's first comma: where a shared-subject cue starts (``, noting``), and whether
    the sentence goes on as the content around a parenthetical attribution."""
    text = doc.text
    sm = RE_COMMA.match(text, rest_after, end)
    if not sm:
        return None, False
    cm = RE_CUE.match(text, sm.end())
    if cm and cm.group() in SHARED_SUBJECT_FORMS:
        return sm.end(), False
    after_comma = text[sm.end():end]
    # "The truth, the senator said, was that ...": the sentence goes on after the attribution
    paren = (not inverted and sm.group().strip() == "," and has_words(text, sm.end(), end, 3)
             and not after_comma.lstrip()[:1] in QUOTE_START
             and not RE_ACCORDING.match(after_comma.lstrip())
             and not re.match(r"\s*(?:who|which|whose|whom|but|and|though|although|while|as|because|when|"
                              r"after|before|if|even)\b", after_comma))
    return None, paren


def media_hearer(doc: Document, cue: Span, end: int) -> Optional[Span]:
    """``told the Global Times``: the hearer when it is a news outlet (DESIGN: the channel is
    ``via``, not a second speaker); ``None`` for people ("told reporters", "told me")."""
    text = doc.text
    if text[cue[0]:cue[1]] not in TELL_FORMS:
        return None
    toks = [t for t in tokens(text, cue[1], min(end, cue[1] + 120))]
    words = []
    for t in toks:
        if not (t[2][:1].isalnum() or t[2] in ("’s", "'s", "’", "'")):
            break
        words.append(t)
    n = hearer_len(words)
    hearer = words[:n]
    if hearer and any(t[2] in MEDIA_WORDS for t in hearer):
        return (hearer[0][0], hearer[-1][1])
    return None


def hearer_len(words: Sequence[Token]) -> int:
    """Tokens of the hearer after ``told`` ("the Global Times", "reporters", "CNN’s Jake Tapper",
    "a Senate panel", "his closest advisers"): up to an adverbial, a time word or the end."""
    if not words:
        return 0
    w0 = words[0][2]
    if w0.lower() in HEARER_WORDS or w0 in PLURAL_PERSON_NOUNS:
        return 1
    if w0.islower() and len(words) > 1 and words[1][2] in PLURAL_PERSON_NOUNS and w0 not in ADVERBIAL_STARTS:
        return 2
    if w0.lower() in ("the", "a", "an", "his", "her", "their", "its", "our", "my"):
        i = 1
        while i < len(words) and i <= 5 and words[i][2].lower() not in ADVERBIAL_STARTS:
            i += 1
        return i
    i = 0
    while i < len(words) and words[i][2].lower() not in ADVERBIAL_STARTS and (
            words[i][2][:1].isupper() or words[i][2] in ("’s", "'s", "&") or _name_particle(words, i)):
        i += 1
    return i


def _name_particle(words: Sequence[Token], i: int) -> bool:
    """A short lowercase word inside a capitalized name ("Radio Andina de Lima", "CNN en Español")."""
    w = words[i][2]
    return 0 < i < len(words) - 1 and w.isalpha() and w.islower() and len(w) <= 3 and words[i + 1][2][:1].isupper()


