"""What makes an unattributed sentence part of a neighbouring paragraph-level statement
(shared by :mod:`.paragraph_trailing_cue` and :mod:`.paragraph_leading_cue`)."""
from __future__ import annotations

import re
from typing import Dict, List, Sequence

from ...types import Sentence
from ..candidates import Candidate
from ..config import LIMITS
from ..cues import Cue, has_strong_cue
from ..document import Document

#: sentence openings that mark narrative rather than more of someone's reported statement
RE_NARRATIVE_START = re.compile(
    r"(?:I|We|He|She|They|It|His|Her|Their|But|Still|However|Meanwhile|Then|In the meantime|Yet|So|And)\b|\W")
RE_FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|us|our)\b")


def by_sentence(candidates: Sequence[Candidate]) -> Dict[int, List[Candidate]]:
    out: Dict[int, List[Candidate]] = {}
    for c in candidates:
        out.setdefault(c.sentence, []).append(c)
    return out


def reach(doc: Document, cues: Sequence[Sequence[Cue]], attributed: Dict[int, List[Candidate]], si: int,
          step: int) -> int:
    """The furthest sentence (going ``step`` = -1 back or +1 forward from ``si``) in the same
    paragraph over unattributed sentences that read as reported speech."""
    sents = doc.sentences
    k = si
    n = 0
    while 0 <= k + step < len(sents) and sents[k + step].paragraph == sents[si].paragraph \
            and (k + step) not in attributed and n < LIMITS.paragraph_reach \
            and not has_strong_cue(doc, cues[k + step], sents[k + step]) and reads_as_reported(doc, sents[k + step]):
        k += step
        n += 1
    return k


def reads_as_reported(doc: Document, s: Sentence) -> bool:
    """May this unattributed sentence belong to a neighbouring paragraph-level statement?

    No quotation marks, no first-person words, not a question or a colon-lead, and not opening
    with a pronoun subject or a narrative connective ("He has waffled ...", "But ...")."""
    t = s.text
    if any(doc.inside[s.start:s.end]) or any(c in t for c in "\"“”"):
        return False
    if t.rstrip().endswith(("?", ":")) or RE_FIRST_PERSON.search(t):
        return False
    return not RE_NARRATIVE_START.match(t)


def is_first_in_paragraph(sents: Sequence[Sentence], i: int) -> bool:
    return i == 0 or sents[i - 1].paragraph != sents[i].paragraph
