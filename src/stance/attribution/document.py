"""The article as attribution sees it: sentences, paragraphs and quotation regions, built once.

Every later stage reads a :class:`Document`; nothing changes it. Quotation regions are
disjoint and sorted, so lookups bisect over their starts and ends instead of scanning.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import compress
from typing import Dict, List, Optional, Tuple

from ..segment import split_paragraphs, split_sentences
from ..types import Sentence, Span
from .layout import headline_span, strip_datelines
from .nouns import PERSON_NOUNS, TITLES
from .text import CLOSE_QUOTES, OPEN_QUOTES, QUOTE_END, STRAIGHT

__all__ = ["Document", "Region", "build_document", "quote_regions", "quote_kind"]

#: a quotation mark, or an apostrophe that may start the mark '' (one regex alternative for it scans the text
#: three times slower)
RE_QUOTE_MARK = re.compile(r"[“”«»„\"']")

#: ``(open_mark, close_mark_end)`` of one quotation
Region = Tuple[int, int]


@dataclass(frozen=True)
class Document:
    """One article: its sentences, paragraphs and quotation regions (all offsets into ``text``)."""

    text: str
    sentences: Tuple[Sentence, ...]
    paragraphs: Tuple[Tuple[int, int], ...]
    regions: Tuple[Region, ...]
    inside: bytes  # 1 where a char is inside a quotation (marks included)
    by_start: Dict[int, Region]
    by_end: Dict[int, Region]
    starts: Tuple[int, ...]  # sorted region starts (for bisect)
    ends: Tuple[int, ...]  # sorted region ends (regions are disjoint)
    headline: Optional[Tuple[int, int]] = None  # the headline line, if the article opens with one
    sentence_starts: Tuple[int, ...] = ()  # the sentences' starts (for bisect)

    def in_headline(self, pos: int) -> bool:
        return self.headline is not None and self.headline[0] <= pos < self.headline[1]

    def region_starting_at(self, pos: int) -> Optional[Region]:
        return self.by_start.get(pos)

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence that holds (or last starts before) ``pos``; 0 before the first."""
        return max(bisect.bisect_right(self.sentence_starts, pos) - 1, 0)

    def chain_back(self, region: Region) -> int:
        """Start of a quotation, following reopened-paragraph quotes backwards."""
        text = self.text
        start = region[0]
        while True:
            j = start  # the region (if any) that ends at the last non-space character before ``start``
            while j > 0 and text[j - 1].isspace():
                j -= 1
            prev = self.by_end.get(j)
            if prev is None or prev[1] >= start or "\n" not in text[j:start] or text[j - 1] in QUOTE_END:
                return start
            start = prev[0]  # a region that ran to its line end right before this one

    def chain_forward(self, region: Region) -> int:
        """End of a quotation, following reopened-paragraph quotes forwards."""
        text = self.text
        end = region[1]
        while text[end - 1] not in QUOTE_END:
            k = bisect.bisect_left(self.starts, end)  # the first region at or after ``end``
            if k == len(self.regions) or text[end:self.regions[k][0]].strip():
                break
            end = self.regions[k][1]
        return end

    def region_closing_before(self, content_end: int, attribution_start: int) -> Optional[Region]:
        """The first quotation that overlaps ``content_end`` and closes right before the
        attribution (only spaces and commas between)."""
        text = self.text
        k = bisect.bisect_left(self.ends, content_end - 1)
        while k < len(self.regions) and self.regions[k][0] < content_end:
            r = self.regions[k]
            if r[1] <= attribution_start and not text[r[1]:attribution_start].strip(" ,\u00a0"):
                return r
            k += 1
        return None


#: title-case words before a colon that make it a colon headline's speaker, not a dateline place
_SPEAKER_WORDS = frozenset(TITLES) | frozenset(PERSON_NOUNS)


def build_document(text: str) -> Document:
    """The document of ``text``: sentences (datelines cut off), paragraphs, quotations, headline."""
    regions = quote_regions(text)
    inside = bytearray(len(text))
    for a, b in regions:
        inside[a:b] = b"\x01" * (b - a)
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    headline = headline_span(text, sentences)
    sentences = strip_datelines(text, sentences, headline, not_words=_SPEAKER_WORDS)
    return Document(text, tuple(sentences), tuple(paragraphs), tuple(regions),
                    bytes(inside), {r[0]: r for r in regions}, {r[1]: r for r in regions},
                    tuple(r[0] for r in regions), tuple(r[1] for r in regions), headline,
                    tuple(x.start for x in sentences))


def quote_regions(text: str) -> List[Region]:
    """Spans ``(open, close+1)`` of double-quoted stretches, marks included.

    Paired per line; a quote left open at the end of a line continues into
    the next line when that line starts with an opening mark (the news
    convention for multi-paragraph quotes); otherwise the stray mark is
    skipped. Never raises on unbalanced marks.
    """
    regions: List[Region] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for li, (ls, le) in enumerate(lines):
        open_at = _pair_marks(text, ls, le, regions)
        if open_at is not None and li + 1 < len(lines) and _opens_with_quote(text, *lines[li + 1]):
            end = le
            while end > open_at and text[end - 1].isspace():
                end -= 1
            regions.append((open_at, end))
    regions.sort()
    return regions


def _pair_marks(text: str, ls: int, le: int, regions: List[Region]) -> Optional[int]:
    """Pair the quotation marks of one line into ``regions``; return a mark left open, if any."""
    open_at: Optional[int] = None
    mark_end = ls
    for m in RE_QUOTE_MARK.finditer(text, ls, le):
        i = m.start()
        ch = text[i]
        if ch == "'":  # only two apostrophes in a row (left to right, not overlapping) make a mark
            if i < mark_end or i + 1 >= le or text[i + 1] != "'":
                continue
            ch = "''"
        mark_end = i + len(ch)
        if ch in OPEN_QUOTES:
            open_at = i
        elif ch in CLOSE_QUOTES:
            if open_at is not None:
                regions.append((open_at, mark_end))
                open_at = None
        else:  # straight " or doubled ''
            prev = text[i - 1] if i > ls else " "
            nxt = text[mark_end] if mark_end < le else " "
            if open_at is None:
                if prev.isspace() or prev in "([{—–―‒-:/" or i == ls:
                    open_at = i
            elif not nxt.isalnum() or prev in ".,!?;:’'…":
                regions.append((open_at, mark_end))
                open_at = None
            elif prev.isspace():
                open_at = i
    return open_at


def _opens_with_quote(text: str, ls: int, le: int) -> bool:
    j = ls
    while j < le and text[j].isspace():
        j += 1
    return j < le and (text[j] in OPEN_QUOTES or text[j] == STRAIGHT or text.startswith("''", j))


def quote_kind(text: str, span: Span, inside: bytes) -> str:
    """``direct`` when >= 80% of the content's letters are inside quotation marks, ``mixed``
    when some are, else ``indirect`` (the PolNeAR converter's definition)."""
    if inside.find(1, span[0], span[1]) < 0:
        return "indirect"  # (most statements: nothing quoted; many others: all quoted)
    if inside.find(0, span[0], span[1]) < 0:
        return "direct" if any(map(str.isalpha, text[span[0]:span[1]])) else "indirect"
    alpha = list(map(str.isalpha, text[span[0]:span[1]]))
    letters, quoted = sum(alpha), sum(compress(inside[span[0]:span[1]], alpha))
    if not letters or not quoted:
        return "indirect"
    return "direct" if quoted >= 0.8 * letters else "mixed"
