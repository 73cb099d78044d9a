"""``indirect.as_cue`` — an "as" clause opens the sentence with the attribution.

    As the ministry said on Monday, the talks went well.
    Of course, as the senator noted, the bill has no money.

The content is the main clause after the comma (or colon) that closes the attribution.
"""
from __future__ import annotations

import re
from typing import Optional

from ..arbiter import SentenceClaims
from ..candidates import Candidate, Proposal
from ..config import LIMITS
from ..content import content_end
from ..cues import RE_CUE, Cue
from ..document import Document
from ..mentions import mention_before
from ..text import trim, word_count

NAME = "indirect.as_cue"
#: "As Politico reported, ...", "Of course, as the senator noted, ...": the attribution opens the sentence
RE_AS_OPENING = re.compile(r"(?:[^,;:]{0,30},\s*)?(?:(?:But|And|So|Yet|Still)\s+)?[Aa]s\s+(?=\S)")


def match(doc: Document, cue: Cue, claims: SentenceClaims) -> Optional[Proposal]:
    text = doc.text
    s = doc.sentences[cue.sentence]
    cs, ce = cue.span
    if cue.tag not in ("past", "pres"):
        return None
    m = RE_AS_OPENING.match(text, s.start, cs)
    if m is None or doc.inside[m.end()]:
        return None
    found = mention_before(text, m.end(), cs)
    if found is None:
        return None
    sp, appos = found
    if sp[0] != m.end() and appos is None and not re.fullmatch(r"[\s\w’'.-]*", text[m.end():sp[0]]):
        return None
    if RE_CUE.search(text, sp[0], sp[1]):
        return None
    close = re.compile(r"[,:]").search(text, ce, s.end)
    if close is None or any(doc.inside[ce:close.start()]) or word_count(text, ce, close.start()) > LIMITS.as_tail_words:
        return None
    start = close.end()
    lead = start + len(text[start:s.end]) - len(text[start:s.end].lstrip())
    region = doc.region_starting_at(lead)
    if region is not None:
        end = doc.chain_forward(region)
        c = trim(text, lead, end, final_period=False)
    else:
        end = content_end(doc, lead, s.end)[0]
        c = trim(text, lead, end)
    if c[1] <= c[0] or word_count(text, *c) < LIMITS.min_content_words:
        return None
    return Proposal((Candidate(c, sp, (cs, ce), NAME, cue.sentence, direct=region is not None),),
                    ((m.start(), max(c[1], end)),))
