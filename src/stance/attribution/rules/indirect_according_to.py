"""``indirect.according_to`` — "according to X" names the source.

    According to the ministry, the tram line will close in June.
    Sales, according to the report, rose sharply.
    The tram line will close in June, according to the ministry.

X is the speaker only when no other speaker is named before it in the sentence; in ``Xi said
..., according to Xinhua`` the subject-cue rule keeps Xinhua as ``via``.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional, Sequence

from ...types import Span
from ..arbiter import SentenceClaims
from ..candidates import Candidate, Proposal
from ..config import LIMITS
from ..content import according_source, naming_called
from ..cues import CUE_KIND, RE_ACCORDING, RE_CUE, WEAK_FORMS, Cue
from ..document import Document
from ..mentions import mention_after
from ..text import trim, word_count
from ..wire_credits import is_wire_service, relays_a_speaker

NAME = "indirect.according_to"
RE_OPENING_CONNECTIVE = re.compile(r"\s*(?:But|And|Yet|So|Still|However|Now|Also|Instead)\s*,?\s*")


def triggers(doc: Document, si: int, cues: Sequence[Cue]) -> Iterator[Cue]:
    """Every "according to" of the sentence."""
    s = doc.sentences[si]
    if doc.text.find("ccording to", s.start, s.end) < 0:
        return  # (a plain substring test is much cheaper than the regex scan, and most sentences fail it)
    for m in RE_ACCORDING.finditer(doc.text, s.start, s.end):
        yield Cue(m.start(), m.end(), m.group(), si, CUE_KIND["according to"])


def match(doc: Document, cue: Cue, claims: SentenceClaims) -> Optional[Proposal]:
    text = doc.text
    s = doc.sentences[cue.sentence]
    if doc.inside[cue.start]:
        return None
    sp = mention_after(text, cue.end, s.end) or according_source(doc, cue.end, s.end)
    if sp is None:
        return None
    before = text[s.start:cue.start]
    if not before.strip() or RE_OPENING_CONNECTIVE.fullmatch(before):
        # "According to X, content." / "But, according to the poll, ..."
        cm = re.compile(r",").search(text, sp[1], s.end)
        if cm is None:
            return None
        c = trim(text, cm.end(), s.end)
        if is_wire_service(text, sp) and relays_a_speaker(doc, claims.cues, c):
            return None  # "According to Xinhua, Ruiz said ...": the outlet is only the channel
        claim = (s.start, s.end)
    elif re.search(r",\s*(?:''|[\"”’])?$", before.rstrip()):
        if _speaker_cue_before(doc, cue, claims):
            return None  # handled by the subject-cue rule as via
        c = _content_before(doc, cue, sp)
        claim = (s.start, max(cue.end, c[1]))
    else:
        return None
    if word_count(text, *c) < LIMITS.min_content_words:
        return None
    return Proposal((Candidate(c, sp, cue.span, NAME, cue.sentence),), (claim,))


def _speaker_cue_before(doc: Document, cue: Cue, claims: SentenceClaims) -> bool:
    """Is there an unclaimed strong speaker cue earlier in the sentence? Then X is only the channel."""
    s = doc.sentences[cue.sentence]
    return any(c.start < cue.start for c in claims.cues
               if not claims.is_claimed(c.start) and not naming_called(doc.text, s, c.start, c.end)
               and c.form not in WEAK_FORMS and c.tag != "ing")


def _content_before(doc: Document, cue: Cue, sp: Span) -> Span:
    """The sentence before ", according to X", run on past X when the sentence goes on after
    the source ("Sales, according to the report, rose sharply."), also past a short postmodifier
    of the source ("..., according to aides who spoke with reporters, was ...")."""
    text = doc.text
    s = doc.sentences[cue.sentence]
    before = text[s.start:cue.start]
    c = trim(text, s.start, s.start + len(before.rstrip()), final_period=False)
    after = re.match(r"\s*,\s*", text[sp[1]:s.end])
    src_end = sp[1]
    if after is None:
        tm = re.compile(r"[,;:—–―‒()]").search(text, sp[1], s.end)
        if tm and text[tm.start()] == "," and word_count(text, sp[1], tm.start()) <= LIMITS.according_tail_words \
                and not any(doc.inside[sp[1]:tm.start()]):
            src_end = tm.start()
            after = re.match(r"\s*,\s*", text[src_end:s.end])
    if after and word_count(text, src_end, s.end) >= 3 and not RE_CUE.search(text, src_end, s.end):
        c = (c[0], trim(text, src_end, s.end)[1])
    return c
