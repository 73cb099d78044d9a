"""``direct.split_quote`` — a quotation interrupted by its attribution.

    "The plan works," she said, "and it is cheap."
    "We like the plan," she said, but "the budget is another matter."

The trailing-cue rule takes the quotation after the attribution as part of the statement
(:func:`quotation_after_tail`); the continuation pass (:mod:`.direct_continued`) does the same for a
later quotation in the sentence that starts within a few words (:func:`later_quotation`).
"""
from __future__ import annotations

import bisect
from typing import Optional, Sequence

from ...types import Span
from ..candidates import Candidate
from ..config import LIMITS
from ..cues import Cue
from ..document import Document
from ..text import trim, word_count

NAME = "direct.split_quote"


def quotation_after_tail(doc: Document, at: int) -> Optional[Span]:
    """The quotation opening at ``at`` (after ``, she said,``): its region start and chained end."""
    r = doc.region_starting_at(at)
    if r is None:
        return None
    return r[0], doc.chain_forward(r)


def later_quotation(doc: Document, c: Candidate, cues: Sequence[Sequence[Cue]]) -> Optional[Span]:
    """A quotation later in the same sentence, at most ``LIMITS.split_gap_words`` words after
    the attribution, with no other cue before it: (its start, its chained end)."""
    text = doc.text
    si = doc.sentence_of(c.content[1])
    s = doc.sentences[si]
    attr_end = max(c.content[1], c.cue[1], c.speaker[1] if c.speaker else 0)
    k = bisect.bisect_left(doc.starts, attr_end)
    later = []
    while k < len(doc.regions) and doc.regions[k][0] < s.end:
        if word_count(text, attr_end, doc.regions[k][0]) <= LIMITS.split_gap_words:
            later.append(doc.regions[k])
        k += 1
    if not later or any(not doc.inside[q.start] and q.start > c.cue[1] for q in cues[si] if q.start < later[0][0]):
        return None
    return later[0][0], doc.chain_forward(later[0])


def run_on(doc: Document, c: Candidate, quotation: Span) -> Span:
    """The candidate's content run on to the end of ``quotation``."""
    return c.content[0], trim(doc.text, quotation[0], quotation[1], final_period=False)[1]
