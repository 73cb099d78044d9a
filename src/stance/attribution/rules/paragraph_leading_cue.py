"""``paragraph.leading_cue`` — a paragraph opening ``Sun said that ...`` is Sun's to its end.

    Sun said that the bridge is unsafe. Repairs would take a year. Nothing has been funded.

A pass over the statements found: an indirect subject-cue statement that opens its paragraph
with an explicit "that", covers its sentence and has no ``via`` also takes the paragraph's later
sentences that have no attribution and read as reported speech.
"""
from __future__ import annotations

import re
from typing import List, Sequence

from ..candidates import Candidate
from ..cues import Cue
from ..document import Document
from ..text import trim
from ._paragraph import by_sentence, is_first_in_paragraph, reach

NAME = "paragraph.leading_cue"


def extend(doc: Document, cues: Sequence[Sequence[Cue]], candidates: List[Candidate]) -> None:
    attributed = by_sentence(candidates)
    sents = doc.sentences
    for c in candidates:
        s = sents[c.sentence]
        if c.direct or c.reported_rule != "indirect.subject_cue" or not is_first_in_paragraph(sents, c.sentence) \
                or c.via is not None or not re.search(r"\bthat\s*$", doc.text[c.cue[1]:c.content[0]]) \
                or c.content[1] < trim(doc.text, s.start, s.end)[1] - 1:
            continue
        k = reach(doc, cues, attributed, c.sentence, +1)
        if k > c.sentence:
            c.extend((c.content[0], trim(doc.text, sents[k].start, sents[k].end)[1]), by=NAME, reported=True)
