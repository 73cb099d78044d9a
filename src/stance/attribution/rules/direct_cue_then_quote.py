"""``direct.cue_then_quote`` — the cue, then the quotation.

    She said: "The plan works."
    He told CNN, "We will not stop."

Found by the subject-cue rule (:mod:`.indirect_subject_cue`) when a quotation opens where the
content starts; this module decides whether that quotation is the whole statement.
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

from ...types import Sentence, Span
from ..document import Document, Region
from ..text import QUOTE_END, trim, word_count

NAME = "direct.cue_then_quote"


def opening_quotation(doc: Document, s: Sentence, lead: int) -> Optional[Region]:
    """The quotation opening at ``lead``, unless the sentence goes on after it as indirect
    content ('said that "a bomb" had gone off': a quoted phrase, not a quotation)."""
    text = doc.text
    region = doc.region_starting_at(lead)
    if region is not None and region[1] < s.end and word_count(text, region[1], s.end) >= 2 \
            and not re.match(r"\s*[,;:—–-]", text[region[1]:s.end]) and text[region[1] - 1] in QUOTE_END:
        return None
    return region


def quoted_content(doc: Document, start: int, region: Region) -> Tuple[Span, int]:
    """The content from ``start`` to the end of the quotation (followed over reopened
    paragraphs), and that end."""
    end = doc.chain_forward(region)
    return trim(doc.text, start, end, final_period=False), end
