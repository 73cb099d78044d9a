"""``direct.quote_then_cue`` — a quotation closes right before a trailing attribution.

    "The bridge will reopen in May," the mayor said.
    "Is that fair?" asked Ana Reyes.

Found by the trailing-cue rule (:mod:`.indirect_trailing_cue`, or :mod:`.indirect_inverted_cue`
for ``said X``); this module decides whether the content is that quotation.
"""
from __future__ import annotations

from typing import Optional

from ...types import Sentence
from ..document import Document, Region
from ..text import CLOSE_QUOTES, STRAIGHT

NAME = "direct.quote_then_cue"


def closing_quotation(doc: Document, s: Sentence, content_end: int, attribution_start: int) -> Optional[Region]:
    """The quotation that ends at ``content_end`` right before the attribution, if it opens
    the statement (not a quoted phrase inside a longer sentence)."""
    region = doc.region_closing_before(content_end, attribution_start)
    if region is not None and region[0] > s.start:
        lead_in = doc.text[s.start:region[0]].rstrip()
        if lead_in and lead_in[-1] not in ",:;—–―‒(-" and not lead_in.endswith(("--", "''")) \
                and lead_in[-1] not in CLOSE_QUOTES + STRAIGHT:
            return None  # '... and “our own citizens,” Melanie said yes': a quoted phrase, not a quote
    return region


def quotation_start(doc: Document, s: Sentence, region: Region) -> int:
    """Where the quoted content starts: a quotation reopened over paragraphs is followed back,
    unless the sentence has words before this quotation."""
    start = doc.chain_back(region)
    if start < s.start and doc.text[s.start:region[0]].strip():
        start = region[0]
    return start
