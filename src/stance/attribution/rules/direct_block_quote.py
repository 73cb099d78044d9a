"""``direct.block_quote`` — a cue closing a paragraph with a colon introduces the next paragraph.

    The governor added:
    We will rebuild the bridge, and we will do it this year.

Found by the subject-cue rule (:mod:`.indirect_subject_cue`) for a cue whose sentence ends with
a colon; a quotation opening the next paragraph is left to :mod:`.direct_cue_then_quote`.
"""
from __future__ import annotations

import re
from typing import Optional, Tuple, Union

from ...types import Sentence, Span
from ..candidates import Candidate, Proposal
from ..config import LIMITS
from ..cues import Cue
from ..document import Document
from ..text import trim, word_count

NAME = "direct.block_quote"


def after_colon(doc: Document, s: Sentence, cue: Cue, sp: Span, antecedent: Optional[Span],
                start: int, lead: int) -> Union[Tuple[int, int], Optional[Proposal]]:
    """For ``X said:`` ending the sentence: the (start, lead) of the content to look for (a
    quotation opening the next paragraph), or the block-quote proposal (``None`` when the
    statement is too short). Other sentences keep ``(start, lead)``."""
    text = doc.text
    if not (re.search(r":\s*$", text[cue.start:s.end]) and word_count(text, cue.end, s.end) <= 10
            and not any(doc.inside[cue.end:s.end])):
        return start, lead
    j = s.end  # "He said:" closing a paragraph, the quotation opening the next one
    while j < len(text) and text[j].isspace():
        j += 1
    if doc.region_starting_at(j) is not None:
        return j, j
    if not (j < len(text) and "\n" in text[s.end:j] and cue.tag in ("past", "pres")):
        return start, s.end  # "He told his audience, to rowdy applause:" + the next paragraph
    nxt = doc.sentence_of(j)
    para = doc.sentences[nxt].paragraph
    k = nxt
    while k + 1 < len(doc.sentences) and doc.sentences[k + 1].paragraph == para:
        k += 1
    c = trim(text, doc.sentences[nxt].start, doc.sentences[k].end, final_period=False)
    if word_count(text, *c) < LIMITS.min_content_words:
        return None
    return Proposal((Candidate(c, sp, cue.span, NAME, cue.sentence, antecedent=antecedent),), ((cue.start, s.end),))
