"""``direct.continued`` — quoted sentences that go on after a direct statement.

    "The bridge is unsafe," the mayor said. "We will close it on Monday."

A pass over the statements found: a direct (or trailing indirect/mixed) statement takes the
quoted sentences right after it in its paragraph that have no attribution of their own; a
quotation reopened at the next paragraph without having been closed is always followed. A later
quotation in the attribution's own sentence first makes it a :mod:`.direct_split_quote`.
"""
from __future__ import annotations

from typing import List, Sequence

from ..candidates import Candidate
from ..config import LIMITS
from ..cues import Cue, has_strong_cue
from ..document import Document
from ..text import QUOTE_START
from . import direct_split_quote

NAME = "direct.continued"


def extend(doc: Document, cues: Sequence[Sequence[Cue]], candidates: List[Candidate]) -> None:
    used = {c.sentence for c in candidates}
    for c in candidates:
        if not (c.direct or (c.trailing and c.reported_rule != "paragraph.trailing_cue")):
            continue
        end = c.content[1]
        si = doc.sentence_of(end)
        if c.direct:
            later = direct_split_quote.later_quotation(doc, c, cues)
            if later is not None:
                c.extend(direct_split_quote.run_on(doc, c, later), by=direct_split_quote.NAME,
                         reported=c.reported_rule == "direct.quote_then_cue")
                end = later[1]
                si = doc.sentence_of(end - 1)
        _follow_quoted_sentences(doc, cues, c, si, end, used)


def _follow_quoted_sentences(doc: Document, cues: Sequence[Sequence[Cue]], c: Candidate, si: int, end: int,
                             used: set) -> None:
    """Take each next sentence that opens a quotation and has no cue, within the paragraph
    (or ``LIMITS.continued_paragraphs`` more)."""
    text = doc.text
    nparas = 0
    while si + 1 < len(doc.sentences):
        nxt = doc.sentences[si + 1]
        if nxt.start < end:
            si += 1
            continue
        if (si + 1) in used or has_strong_cue(doc, cues[si + 1], nxt):
            break
        if not (text[nxt.start] in QUOTE_START and doc.inside[nxt.start]):
            break
        if nxt.paragraph != doc.sentences[si].paragraph:
            nparas += 1
            if nparas > LIMITS.continued_paragraphs:
                break
        r = doc.region_starting_at(nxt.start)
        if r is None:
            break
        rend = doc.chain_forward(r)
        c.extend(direct_split_quote.run_on(doc, c, (nxt.start, rend)), by=NAME, reported=True)
        used.add(si + 1)
        si = doc.sentence_of(rend - 1)
        end = rend
