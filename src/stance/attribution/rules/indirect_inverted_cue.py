"""``indirect.inverted_cue`` — the cue comes before its speaker.

    The talks went well, said Zhu.
    Said Ellis: “We will not stop.”

:func:`inverted_candidate` is tried first by the trailing-cue rule for each cue;
:func:`match_said_first` is its own rule for a sentence opening with ``Said X``.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator, Optional, Sequence, Tuple

from ..arbiter import SentenceClaims
from ..candidates import Candidate, Proposal
from ..config import LIMITS
from ..cues import CUE_KIND, NO_INVERSION, Cue
from ..document import Document
from ..mentions import mention_after, mention_before
from ..text import RE_WORD, trim, word_count
from ._trailing import trailing_candidate

NAME = "indirect.inverted_cue"
#: content, then punctuation (and a closing quote) right before an inverted cue ('...," said Zhu')
RE_INVERSION = re.compile(r"(?:[,:;—–―‒]\s*(?:''|[\"”’])?|[?!…](?:''|[\"”’])|(?:''|[\"”’]),?)\s*$")
#: the last non-space characters ``RE_INVERSION`` can end on (a cheap test before its scan)
INVERSION_LAST = frozenset(",:;—–―‒'\"”’")
#: the characters ``RE_INVERSION`` matches besides spaces: its match lies in the run of them (and spaces) that
#: ends the text, so its scan starts there (see ``_inversion``)
INVERSION_CHARS = frozenset(",:;—–―‒?!…'\"”’")
#: "Said Ellis: “...”": a sentence opening with an inverted speech verb, then the speaker and a
#: comma or colon, then the statement
RE_SAID_FIRST = re.compile(r"[“\"]?(?:Said|Says|Added|Adds)\s+(?=[A-Z])")


def inverted_candidate(doc: Document, cue: Cue) -> Tuple[Optional[Candidate], Optional[int]]:
    """``..., said Zhu`` / ``...," said Zhu``: the speaker after the cue (not after a hearer
    cue like "told", and not when a name with an apposition stands before the cue)."""
    text = doc.text
    s = doc.sentences[cue.sentence]
    before = text[s.start:cue.start]
    last = before.rstrip()[-1:]
    if last not in INVERSION_LAST:
        return None, None
    inv = _inversion(before)
    if not inv:
        return None, None
    if last == ",":
        m = mention_before(text, s.start, cue.start)
        if m is not None and m[1] is not None:
            return None, None  # "Zhu, a professor, said": the speaker stands before the cue
    if cue.form in NO_INVERSION or cue.tag not in ("past", "pres") or text[cue.start - 1:cue.start] not in " \u00a0":
        return None, None
    sp = mention_after(text, cue.end, s.end)
    if not sp:
        return None, None
    content_end = cue.start - (len(before) - inv.start())
    return trailing_candidate(doc, cue, content_end, sp, sp[1], NAME)


def _inversion(before: str) -> Optional[re.Match]:
    """``RE_INVERSION.search(before)``, scanning only the marks and spaces that end ``before``."""
    run = len(before)
    while run and (before[run - 1] in INVERSION_CHARS or before[run - 1].isspace()):
        run -= 1
    return RE_INVERSION.search(before, run)


def said_first_triggers(doc: Document, si: int, cues: Sequence[Cue]) -> Iterator[Cue]:
    """The opening ``Said``/``Says``/``Added``/``Adds`` of a sentence (the whole match)."""
    s = doc.sentences[si]
    m = RE_SAID_FIRST.match(doc.text, s.start)
    if m is not None:
        w = RE_WORD.search(doc.text, m.start(), m.end())
        yield Cue(m.start(), m.end(), w.group(), si, CUE_KIND[w.group().lower()])


def match_said_first(doc: Document, trigger: Cue, claims: SentenceClaims) -> Optional[Proposal]:
    """``Said Ellis: “...”`` / ``Said Ellis, who ..., “...”``: the speaker follows a sentence-initial
    speech verb; the statement runs from the comma or colon (or the quotation) on."""
    text = doc.text
    s = doc.sentences[trigger.sentence]
    if doc.inside[trigger.start]:
        return None
    sp = mention_after(text, trigger.end, s.end)
    if sp is None:
        return None
    pm = re.compile(r"[^,:]{0,80}?[,:]\s*").match(text, sp[1])
    if pm is None or ("," in text[sp[1]:pm.end()] and re.match(r"\s*(?:who|which)\b", text[pm.end():])):
        # "Said Poynter, who grew up there, “...”": skip the apposition up to the quotation
        q = bisect.bisect_left(doc.starts, sp[1])
        if q >= len(doc.regions) or doc.regions[q][0] >= s.end:
            return None
        start = doc.regions[q][0]
    else:
        start = pm.end()
    region = doc.region_starting_at(start)
    end = doc.chain_forward(region) if region is not None else s.end
    c = trim(text, start, end, final_period=False)
    if word_count(text, *c) < LIMITS.min_content_words:
        return None
    w = RE_WORD.search(text, trigger.start, trigger.end)
    return Proposal((Candidate(c, sp, (w.start(), w.end()), NAME, trigger.sentence, direct=region is not None),),
                    ((s.start, s.end),))
