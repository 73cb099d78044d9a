"""The arbiter: which candidates stand when rules overlap.

Within a sentence, rules run in the order of :data:`~stance.attribution.rules.RULES`; a
trigger inside a stretch already claimed by an accepted candidate is skipped, so an earlier
rule wins. Rules never write this state: they read it and return a
:class:`~stance.attribution.candidates.Proposal`; only :class:`SentenceClaims` records it.
Across the document, :func:`drop_nested` removes statements nested in another's content.
"""
from __future__ import annotations

import bisect
from typing import List, Optional, Sequence

from ..types import Span
from .candidates import Candidate, Proposal
from .cues import Cue

__all__ = ["SentenceClaims", "drop_nested"]


class SentenceClaims:
    """One sentence as the rules see it: its cues, the stretches accepted candidates claim, and
    those candidates."""

    def __init__(self, cues: Sequence[Cue] = ()) -> None:
        self.cues = tuple(cues)  # the sentence's cues, for rules that weigh the other cues
        self._claims: List[Span] = []
        self.accepted: List[Candidate] = []

    def is_claimed(self, pos: int) -> bool:
        for a, b in self._claims:  # (a loop, not ``any``: most sentences have no claim yet)
            if a <= pos < b:
                return True
        return False

    def next_claim_after(self, pos: int, default: int) -> int:
        """The start of the first claim that begins after ``pos`` (else ``default``)."""
        return min([a for a, _ in self._claims if a > pos] + [default])

    def accept(self, proposal: Proposal) -> None:
        self.accepted.extend(proposal.candidates)
        self._claims.extend(proposal.claims)


def drop_nested(candidates: Sequence[Candidate]) -> List[Candidate]:
    """Nested attributions are content: drop a candidate whose cue lies inside another
    candidate's content by another speaker.

    Sorted by content start, a prefix scan keeps the furthest content end and the furthest
    end by any other speaker, so each cue is checked in O(log n) instead of against all pairs.
    """
    spans = sorted(((c.content[0], c.content[1], c.speaker) for c in candidates), key=lambda x: x[:2])
    starts = [s for s, _, _ in spans]
    best: List[tuple] = []  # per prefix: (furthest end, its speaker), furthest end by another speaker
    top: Optional[tuple] = None
    other = -1
    for _, end, speaker in spans:
        if top is None or end > top[0]:
            if top is not None and top[1] != speaker:
                other = max(other, top[0])
            top = (end, speaker)
        elif speaker != top[1]:
            other = max(other, end)
        best.append((top, other))
    keep = []
    for c in candidates:
        k = bisect.bisect_right(starts, c.cue[0])
        if k == 0:
            keep.append(c)
            continue
        (end, speaker), other_end = best[k - 1]
        reach = end if speaker != c.speaker else other_end
        if not c.cue[0] < reach:
            keep.append(c)
    return keep
