"""Wire credits: a news agency or outlet that only carries a named speaker's words.

    According to the state news agency, Minister Ana Ruiz said the mine would reopen.
    Ruiz said the mine would reopen, the state news agency reported.

The agency is not the speaker of Ruiz's words: the rules that would make it one (``according
to X``, a trailing ``X reported``) step aside when their content holds a speaker and cue of its
own, and :func:`record_credits` records the agency as the statement's ``via``. A newspaper's
own report ("Ruiz said ..., the Post reported") stays the newspaper's.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from ..types import Span
from .candidates import Candidate
from .cues import WEAK_FORMS, Cue
from .document import Document
from .mentions import mention_after
from .text import trim
from .. import lexicon

__all__ = ["is_wire_service", "relays_a_speaker", "record_credits"]

#: the name this pass records in ``extended_by`` when it cuts a credit off a content
CREDIT_PASS = "record_wire_credits"
#: words naming a news agency (lowercase: "agency", "xinhua", "afp", ...)
WIRE_SERVICES = lexicon.word_set("wire_services")
#: "according to X", "per X", ", X reported": where a credit names its outlet
RE_CREDIT = re.compile(r"(?<![\w’'-])(?:[Aa]ccording\s+to|per)\s+")
RE_TRAILING_CREDIT = re.compile(r",\s+((?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,6})\s+"
                                r"(?:reported|reports|said|says|quoted)\b")


def is_wire_service(text: str, span: Optional[Span]) -> bool:
    """Does the mention name a news agency ("Xinhua", "the state news agency", "AFP")? A wire
    service relays what officials say; a newspaper that reports ("the Post reported") is kept
    as the source of its own report."""
    if span is None:
        return False
    return any(w.lower() in WIRE_SERVICES for w in re.findall(r"[\w-]+", text[span[0]:span[1]]))


def relays_a_speaker(doc: Document, cues: Sequence[Cue], content: Span) -> bool:
    """Does the content hold a strong reporting cue of its own, outside quotations (so the
    outlet only relays someone else's words)?"""
    return any(content[0] < c.start < content[1] and not doc.inside[c.start] and c.form not in WEAK_FORMS
               and c.tag in ("past", "pres") for c in cues)


def record_credits(doc: Document, cues: Sequence[Sequence[Cue]], candidates: List[Candidate]) -> None:
    """Give each statement without a ``via`` the agency its sentence credits, if any; a credit
    at the end of the content (``..., the state news agency reported``, ``..., per AFP``) is cut
    off the content."""
    text = doc.text
    credits: Dict[int, List[Tuple[Span, int]]] = {}  # per sentence (it often holds several statements)
    for c in candidates:
        if c.via is not None:
            continue
        if c.sentence not in credits:
            s = doc.sentences[c.sentence]
            credits[c.sentence] = _credits(doc, s.start, s.end)
        for credit, at in credits[c.sentence]:
            if credit == c.speaker or doc.inside[at]:
                continue
            if c.content[0] <= at < c.content[1]:
                if c.content[0] < at:  # the content ran on into its credit
                    c.extend(trim(text, c.content[0], at), by=CREDIT_PASS)
                    c.via = credit
                    break
                continue
            c.via = credit
            break


def _credits(doc: Document, lo: int, hi: int) -> List[Tuple[Span, int]]:
    """(agency mention, where its credit starts) for every wire credit between ``lo`` and ``hi``."""
    text = doc.text
    out = []
    # (a substring test first: ``RE_CREDIT``, opening with a look-behind, tries every position of the sentence)
    if text.find("ccording", lo, hi) >= 0 or text.find("per", lo, hi) >= 0:
        for m in RE_CREDIT.finditer(text, lo, hi):
            sp = mention_after(text, m.end(), hi)
            if sp is not None and is_wire_service(text, sp):
                at = m.start()
                k = text.rfind(",", lo, at)
                out.append((sp, k if k >= 0 and not text[k + 1:at].strip() else at))
    for m in RE_TRAILING_CREDIT.finditer(text, lo, hi):
        if is_wire_service(text, (m.start(1), m.end(1))):
            out.append(((m.start(1), m.end(1)), m.start()))
    return out

