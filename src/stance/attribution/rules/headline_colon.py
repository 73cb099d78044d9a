"""``headline.colon`` — a headline that names its speaker with a colon or a dash.

    Minister: Tariffs will hurt our farmers
    Tariffs will hurt our farmers: Farm Minister
    Tariffs will hurt our farmers – Okafor

Only in the article's headline (a line of its own, see :mod:`stance.attribution.layout`): the
speaker side is a short noun phrase ending in a name, a title or a role noun; the other side is
the statement. The cue is the colon or dash itself.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional, Sequence

from ... import lexicon
from ..arbiter import SentenceClaims
from ..candidates import Candidate, Proposal
from ..cues import Cue
from ..document import Document
from ..nouns import PERSON_NOUNS, TITLES, is_cap
from ..text import has_words, tokens, trim

NAME = "headline.colon"
#: the colon or a spaced dash between the two sides
RE_SEPARATOR = re.compile(r":\s|\s[–—―-]\s")
#: how many words the speaker side may have ("EPA's Pruitt", "US Treasury Secretary")
MAX_SPEAKER_WORDS = 5
#: labels that open a headline without naming a speaker ("Exclusive: ...", "Analysis: ...")
HEADLINE_LABELS = lexicon.word_set("headline_labels")
_COLON = lexicon.ReportingVerb(":", ":", "speech", "prep", "cue")


def triggers(doc: Document, si: int, cues: Sequence[Cue]) -> Iterator[Cue]:
    """The headline's first colon or spaced dash outside quotation marks."""
    s = doc.sentences[si]
    if doc.headline is None or s.start != doc.headline[0]:
        return
    for m in RE_SEPARATOR.finditer(doc.text, s.start, s.end):
        at = m.start() if m.group()[0] == ":" else m.start() + 1
        if not doc.inside[at]:
            yield Cue(at, at + 1, doc.text[at], si, _COLON)
            return


def match(doc: Document, cue: Cue, claims: SentenceClaims) -> Optional[Proposal]:
    text = doc.text
    s = doc.sentences[cue.sentence]
    left, right = trim(text, s.start, cue.start), trim(text, cue.end, s.end)
    if _speaker_side(text, left) and has_words(text, *right, 3):
        speaker, content = left, right
    else:
        short = _before_on(text, right)
        if not _speaker_side(text, short) or not has_words(text, *left, 4):
            return None
        speaker, content = short, left
    if not has_words(text, *content, 3) or text[content[1] - 1:s.end].strip().startswith("?"):
        return None  # a question is not a statement ("Podcast: Was the deal a mistake?")
    return Proposal((Candidate(content, speaker, cue.span, NAME, cue.sentence),), ((s.start, s.end),))


def _before_on(text: str, span):
    """``MEA on the corridor plan`` -> ``MEA``: the speaker before a topic phrase."""
    m = re.search(r"\s+on\s", text[span[0]:span[1]])
    return (span[0], span[0] + m.start()) if m else span


def _speaker_side(text: str, span) -> bool:
    """A short noun phrase ending in a capitalized name, a title or a role noun."""
    if any(ch in "“”\"‘’.?!" for ch in text[span[0]:span[1]].replace("’s", "")):
        return False  # a quotation or a sentence, not a name
    words = [w for _, _, w in tokens(text, *span) if w[:1].isalnum()]
    if not words or len(words) > MAX_SPEAKER_WORDS or words[0].lower() in HEADLINE_LABELS:
        return False
    if any(w.islower() and w.lower() not in PERSON_NOUNS and w not in ("of", "and") for w in words):
        return False  # a clause, not a name ("Prices rise: ...")
    last = words[-1]
    return is_cap(last) or last.lower() in PERSON_NOUNS or last.rstrip(".") in TITLES
