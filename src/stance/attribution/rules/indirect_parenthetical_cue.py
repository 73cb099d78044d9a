"""``indirect.parenthetical_cue`` — the attribution sits inside the sentence it reports.

    The truth, the senator said, is that the bridge is unsafe.

Found by the trailing-cue rule when the sentence goes on after ``, X said,`` (see
:func:`stance.attribution.tails.tail_kind`); the content covers the sentence around it.
"""
from __future__ import annotations

from ...types import Sentence
from ..candidates import Candidate
from ..document import Document
from ..text import trim

NAME = "indirect.parenthetical_cue"


def over_sentence(doc: Document, s: Sentence, c: Candidate) -> None:
    """Run the candidate's content on over the rest of the sentence, past the attribution."""
    c.content = (c.content[0], trim(doc.text, c.content[0], s.end)[1])
