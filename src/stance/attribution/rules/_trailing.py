"""The statement of a trailing attribution (``..., X said`` / ``..., said X``), shared by
:mod:`.indirect_trailing_cue` and :mod:`.indirect_inverted_cue`."""
from __future__ import annotations

from typing import Optional, Tuple

from ...types import Span
from ..candidates import Candidate
from ..config import LIMITS
from ..cues import RE_ACCORDING, TELL_FORMS, Cue
from ..document import Document
from ..mentions import mention_after
from ..tails import media_hearer, tail_kind
from ..text import has_words, trim
from . import direct_quote_then_cue, direct_split_quote, indirect_parenthetical_cue


def trailing_candidate(doc: Document, cue: Cue, content_end: int, sp: Span, after: int,
                       rule: str) -> Tuple[Optional[Candidate], Optional[int]]:
    """The statement whose content ends at ``content_end`` (a quotation closing there, else the
    sentence up to there), and where a shared-subject cue in the tail starts (``, noting``)."""
    text = doc.text
    s = doc.sentences[cue.sentence]
    kind, at = tail_kind(doc, after, s.end, hearer_skip=cue.form in TELL_FORMS and after == cue.end,
                         inverted=sp[0] > cue.start)
    ce = content_end
    while ce > s.start and text[ce - 1] in " ,":
        ce -= 1
    region = direct_quote_then_cue.closing_quotation(doc, s, ce, min(sp[0], cue.start))
    direct = region is not None
    if region is not None:
        ce = max(ce, region[1])
        start = direct_quote_then_cue.quotation_start(doc, s, region)
    else:
        start = s.start
    if kind in ("clause", "quote") and not direct:
        return None, None  # 'As they marched, they chanted "..."': the quotation after the cue is the content
    c = trim(text, start, ce, final_period=not direct)
    if not has_words(text, *c, LIMITS.min_content_words) and not (direct and kind == "quote" and has_words(text, *c, 1)):
        return None, None  # ('"That," he added, "promises ...": a split quotation counts as a whole)
    quotation = direct_split_quote.quotation_after_tail(doc, at) if kind == "quote" else None
    if quotation is not None:
        name = direct_split_quote.NAME
    elif kind == "parenthetical" and not direct:
        name = indirect_parenthetical_cue.NAME
    else:
        name = direct_quote_then_cue.NAME if direct else rule
    f = Candidate(c, sp, cue.span, name, cue.sentence, direct=direct, trailing=True, tail=kind)
    if sp[1] <= cue.start:
        f.via = media_hearer(doc, cue.span, s.end)
    if kind == "according":
        m = RE_ACCORDING.match(text, at)
        if m:
            f.via = mention_after(text, m.end(), s.end)
    elif quotation is not None:
        f.content = direct_split_quote.run_on(doc, f, quotation)
    elif kind == "shared":
        return f, at
    elif name == indirect_parenthetical_cue.NAME:
        indirect_parenthetical_cue.over_sentence(doc, s, f)
    return f, None
