"""A pass after the rules: indirect content cut at a sentence end inside a quotation that opened
within the content runs on to the quotation's close ('Limbaugh told his audience, "A. B. C."';
'According to X, "A. B."'). It extends content without changing the statement's name."""
from __future__ import annotations

import bisect
from typing import List, Sequence

from .candidates import Candidate
from .cues import Cue
from .document import Document
from .text import trim

#: the statements whose content may run on into an open quotation
EXTENDED_RULES = frozenset(("indirect.subject_cue", "indirect.according_to", "indirect.shared_subject",
                            "indirect.as_cue", "indirect.inverted_cue", "paragraph.leading_cue"))


def extend_open_quotes(doc: Document, cues: Sequence[Sequence[Cue]], candidates: List[Candidate]) -> None:
    for c in candidates:
        if c.reported_rule not in EXTENDED_RULES:
            continue
        cs, ce = c.content
        if ce <= cs or not doc.inside[ce - 1]:
            continue
        k = bisect.bisect_right(doc.starts, ce - 1) - 1
        if k < 0:
            continue
        r = doc.regions[k]
        if not (r[0] <= ce - 1 < r[1]) or r[0] < cs - 1:
            continue  # the statement sits inside a quotation: leave it
        rend = doc.chain_forward(r)
        if rend > ce + 1:
            c.extend((cs, trim(doc.text, cs, rend, final_period=False)[1]), by="extend_open_quote")
