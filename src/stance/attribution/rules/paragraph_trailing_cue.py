"""``paragraph.trailing_cue`` — a paragraph ending ``..., Sun said.`` is Sun's from its start.

    The bridge is unsafe. Repairs would take a year. Nothing has been funded, Sun said.

A pass over the statements found: an indirect trailing (or inverted) statement that covers its
whole sentence also takes the paragraph's earlier sentences that have no attribution and read
as reported speech (see :func:`._paragraph.reads_as_reported`), up to ``LIMITS.paragraph_reach``.
"""
from __future__ import annotations

from typing import List, Sequence

from ..candidates import Candidate
from ..cues import Cue
from ..document import Document
from ..text import trim
from ._paragraph import by_sentence, reach

NAME = "paragraph.trailing_cue"


def extend(doc: Document, cues: Sequence[Sequence[Cue]], candidates: List[Candidate]) -> None:
    attributed = by_sentence(candidates)
    for c in candidates:
        s = doc.sentences[c.sentence]
        if c.direct or c.reported_rule not in ("indirect.trailing_cue", "indirect.inverted_cue") \
                or c.content[0] > s.start + 1:
            continue
        k = reach(doc, cues, attributed, c.sentence, -1)
        if k < c.sentence:
            c.extend((trim(doc.text, doc.sentences[k].start, c.content[1])[0], c.content[1]), by=NAME, reported=True)
