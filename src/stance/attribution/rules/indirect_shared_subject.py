"""``indirect.shared_subject`` — a new cue that shares the subject of the clause before it.

    A county judge sealed the files, saying the case involved minors.
    "It works," said Zhu, noting that the cost was low.
    The mayor praised the plan and vowed to fund it.

:func:`match` is the rule for a cue after a non-reporting main verb; the trailing-cue and
subject-cue rules call :func:`shared_candidate` for a second cue of their own speaker.
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

from ...types import Span
from ..arbiter import SentenceClaims
from ..candidates import Candidate, Proposal
from ..config import LIMITS
from ..content import content_end, content_start
from ..cues import AND_SHARED_LEMMAS, Cue
from ..document import Document
from ..sentence_subjects import sentence_subject
from ..text import trim, word_count

NAME = "indirect.shared_subject"
#: "..., saying" (``re`` finds the comma it starts with fast), "... by telling" (searched only when the text
#: before the cue ends on "by": an end-anchored search tries every position of that text)
RE_AFTER_COMMA = re.compile(r",\s*(?:[”’]\s*|''\s*)?(?:even\s+|also\s+|while\s+)?$")
RE_AFTER_BY = re.compile(r"\bby\s+$")
#: "... and vowed", "..., then told": searched only when the text before the cue ends on one of ``COORDINATED_ENDS``
RE_COORDINATED = re.compile(r"(?:\s(?:and|but)\s+(?:also\s+|then\s+|later\s+)?|,\s+then\s+)$")
COORDINATED_ENDS = ("and", "but", "also", "then", "later")


def match(doc: Document, cue: Cue, claims: SentenceClaims) -> Optional[Proposal]:
    """A reporting verb sharing the subject of a non-reporting main verb ("..., saying ...",
    "... and vowed to ...", "... by telling ...")."""
    text = doc.text
    s = doc.sentences[cue.sentence]
    cs, ce, v = cue.start, cue.end, cue.verb
    if any(f.cue[0] <= cs < f.content[1] or f.content[0] <= cs < f.content[1] for f in claims.accepted):
        return None
    if not _shares_a_subject(text[s.start:cs], text[ce:s.end], v):
        return None
    subj = sentence_subject(text, s.start, cs)
    if subj is None or subj[1] >= cs or any(f.cue[0] < cs for f in claims.accepted):
        return None
    found = shared_candidate(doc, cue.sentence, subj, cue.span, s.end)
    return Proposal((found[0],), (found[1],)) if found is not None else None


def _shares_a_subject(pre: str, post: str, v) -> bool:
    """Is the cue (after ``pre``, before ``post``) a participle or a coordinated verb of speech?"""
    if v.lemma == "continue":
        return False  # "..., continuing a pattern of ...": not speech
    if v.lemma == "add" and re.match(r"\s+to\b", post):
        return False  # "..., adding to her lead": not speech
    if v.lemma == "claim" and re.match(r"\s+(?:(?:his|her|their|its|a|an|the)\s+)?(?:\w+\s+){0,2}?"
                                       r"(?:victory|victories|win|wins|seat|title|prize|nomination|credit)\b", post):
        return False  # "..., claiming his third victory": winning, not a statement
    last = pre.rstrip()
    return bool((v.tag == "ing" and (RE_AFTER_COMMA.search(pre) or (
        v.lemma in ("say", "tell", "ask", "call") and last.endswith("by") and RE_AFTER_BY.search(pre))))
                or (v.tag in ("past", "pres") and (v.lemma in AND_SHARED_LEMMAS or v.lemma == "tell")
                    and last.endswith(COORDINATED_ENDS) and RE_COORDINATED.search(pre)))


def shared_candidate(doc: Document, si: int, sp: Span, cue: Span, end: int,
                     antecedent: Optional[Span] = None) -> Optional[Tuple[Candidate, Span]]:
    """The statement of a shared-subject cue at ``cue`` by speaker ``sp``, and the stretch it claims."""
    text = doc.text
    start = content_start(doc, cue, end)
    region = doc.region_starting_at(start + len(text[start:end]) - len(text[start:end].lstrip()))
    if region is not None and re.match(r"\s+\w", text[doc.chain_forward(region):end]):
        region = None  # "saying that “race matters” in America, ...": the sentence goes on after the quotation
    if region is not None:
        e = doc.chain_forward(region)
        c = trim(text, start, e, final_period=False)
    else:
        e = content_end(doc, start, end)[0]
        c = trim(text, start, e, strip_that=True)
    if word_count(text, *c) < LIMITS.min_content_words:
        return None
    return (Candidate(c, sp, cue, NAME, si, antecedent=antecedent, direct=region is not None),
            (cue[0], max(c[1], e)))
