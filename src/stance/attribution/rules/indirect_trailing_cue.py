"""``indirect.trailing_cue`` — the attribution follows the content.

    The talks went well, Sun said.
    The plan is sound, Zhu Yongbiao, director of the institute, told the Global Times.

The rule runs over a sentence's cues right to left, so the outermost cue wins. For each cue it
first tries the inverted order (:mod:`.indirect_inverted_cue`), then a speaker before the cue.
The statement may come out as :mod:`.direct_quote_then_cue`, :mod:`.direct_split_quote` or
:mod:`.indirect_parenthetical_cue` (see :mod:`._trailing`), and a shared-subject cue in the tail
(``..., said Zhu, noting that ...``) adds an :mod:`.indirect_shared_subject` statement.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional, Sequence

from ...types import Sentence, Span
from ..arbiter import SentenceClaims
from ..candidates import Candidate, Proposal
from ..cues import CUE_KIND, NOUN_FORMS, RE_CUE, Cue
from ..document import Document
from ..mentions import mention_before
from ..text import has_words
from ..wire_credits import is_wire_service, relays_a_speaker
from . import indirect_inverted_cue, indirect_shared_subject
from ._trailing import trailing_candidate

NAME = "indirect.trailing_cue"
#: '"...," said Ana Reyes, a nurse, who said she ...': a relative clause about the speaker
RE_RELATIVE_CUE = re.compile(r",\s*who\s+(?:(?:also|later|has|have|had|previously|\w+ly)\s+){0,2}(?P<cue>[a-z])")
#: the filters of :func:`_can_trail`, searched within the sentence's bounds (the two with ``\b`` on a
#: copy of the text before the cue, so that ``\b`` at the sentence start does not look before it)
RE_TO = re.compile(r"\s+to\b")
RE_OBJECT_OF = re.compile(r"\s+(?:of|with|by)\b")
RE_QUOTED_BEFORE = re.compile(r"[,?!]\s*(?:''|[\"”’])\s*\S+(?:\s+\S+){0,4}\s*$")
RE_PERFECT = re.compile(r"\b(?:have|has|had|the|his|her|their|its)\s+$")
RE_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+$")
#: a comma, a closing quote or ", as" separating the content from a speaker before the cue
RE_CONTENT_SEPARATOR = re.compile(r"(?:,\s*(?:''|[\"”’])?|[?!…](?:''|[\"”’])|(?:''|[\"”’]),?|,\s*as)\s*$")


def triggers(doc: Document, si: int, cues: Sequence[Cue]) -> Iterator[Cue]:
    """The sentence's cues, right to left."""
    return reversed(cues)


def match(doc: Document, cue: Cue, claims: SentenceClaims) -> Optional[Proposal]:
    """A trailing attribution at ``cue`` (inverted first), with any shared-subject statement
    in its tail; it claims the sentence from its content on."""
    text = doc.text
    s = doc.sentences[cue.sentence]
    if not _can_trail(text, s, cue):
        return None
    frame, shared_at = indirect_inverted_cue.inverted_candidate(doc, cue)
    if frame is None and cue.tag in ("past", "pres", "base"):
        frame, shared_at = _speaker_before(doc, s, cue)
    if frame is None:
        return None
    if is_wire_service(text, frame.speaker) and relays_a_speaker(doc, claims.cues, frame.content):
        return None  # "Ruiz said ..., the agency reported": the outlet is only the channel
    candidates, claims_made = [frame], []
    cm = RE_CUE.match(text, shared_at) if shared_at is not None else None
    if cm:  # ", noting that ...": same speaker, new cue
        found = indirect_shared_subject.shared_candidate(doc, cue.sentence, frame.speaker, (cm.start(), cm.end()), s.end)
        if found is not None:
            candidates.append(found[0])
            claims_made.append(found[1])
    claims_made.append(_claim(doc, s, frame))
    return Proposal(tuple(candidates), tuple(claims_made))


def _can_trail(text: str, s: Sentence, cue: Cue) -> bool:
    """Filters: a base form, a noun reading, a perfect or passive, a participle after a noun."""
    if cue.tag == "base" and cue.form != "say":
        return False
    if cue.lemma == "add" and RE_TO.match(text, cue.end, s.end):
        return False  # "added to her delegate lead": not speech
    if cue.form in NOUN_FORMS and not RE_QUOTED_BEFORE.search(text, s.start, cue.start):
        return False  # "..., 30 states." / "have claims": noun readings (but '"...," he mocks.')
    if cue.tag == "pres" and RE_PERFECT.search(text[s.start:cue.start]):
        return False
    if cue.tag in ("past", "part") and RE_PASSIVE.search(text[s.start:cue.start]):
        return False  # passive: "Reyes's campaign manager was asked"
    if cue.lemma in ("accuse", "charge", "cite", "quote") and RE_OBJECT_OF.match(text, cue.end, s.end):
        return False  # a participle after a noun: "..., an American contractor accused of spying"
    return True


def _speaker_before(doc: Document, s: Sentence, cue: Cue):
    """``..., Sun said``: a speaker before the cue, separated from the content by a comma or quote."""
    text = doc.text
    m = mention_before(text, s.start, cue.start)
    if m is None or RE_CUE.search(text, m[0][0], m[0][1]) or text[m[0][0]:m[0][1]].lower() in ("who", "which", "that"):
        return None, None  # (a relative clause is not a trailing attribution)
    sp = m[0]
    pm = RE_CONTENT_SEPARATOR.search(text, s.start, sp[0])
    if pm and has_words(text, s.start, pm.start(), 1):
        return trailing_candidate(doc, cue, pm.start(), sp, cue.end, NAME)
    return None, None


def _claim(doc: Document, s: Sentence, frame: Candidate) -> Span:
    """From the content to the sentence end, except a new clause after a direct quote
    ('"...," Carson said, but he said ...') or a relative clause about the speaker holding its own
    statement ('"...," said Ana Reyes, a nurse, who said she ...'), left to the other rules."""
    text = doc.text
    lo = max(min(frame.content[0], frame.cue[0]), s.start) if not frame.direct else max(frame.content[0], s.start)
    if frame.tail == "clause":
        return lo, max(frame.cue[1], frame.speaker[1])
    after = max(frame.cue[1], frame.speaker[1], frame.content[1])
    for rm in RE_RELATIVE_CUE.finditer(text, after, s.end):
        cm = RE_CUE.match(text, rm.start("cue"))
        if not doc.inside[rm.start()] and cm and CUE_KIND[cm.group()].tag in ("past", "pres"):
            return lo, rm.start()
    return lo, s.end
