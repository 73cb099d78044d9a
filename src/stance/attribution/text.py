"""Character-level helpers shared by every attribution stage: quote marks, tokens, trimming."""
from __future__ import annotations

import re
from itertools import islice
from typing import List, Tuple

from ..types import Span

__all__ = ["OPEN_QUOTES", "CLOSE_QUOTES", "STRAIGHT", "QUOTE_START", "QUOTE_END", "RE_WORD", "RE_TOKEN",
           "Token", "tokens", "first_tokens", "word_count", "trim"]

OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
STRAIGHT = '"'
#: characters that can begin / end a quotation region (doubled apostrophes included)
QUOTE_START = OPEN_QUOTES + STRAIGHT + "'"
QUOTE_END = CLOSE_QUOTES + STRAIGHT + "'"
RE_WORD = re.compile(r"\w+")
RE_TOKEN = re.compile(r"\w+(?:[.'’&-]\w+)*|[^\w\s]")

#: (start, end, token text)
Token = Tuple[int, int, str]


def word_count(text: str, s: int, e: int) -> int:
    """How many ``\\w+`` words ``text[s:e]`` holds."""
    return len(RE_WORD.findall(text, s, e))


def tokens(text: str, s: int, e: int) -> List[Token]:
    """Words (with inner ``.'’&-``) and single punctuation marks of ``text[s:e]``."""
    return [(m.start(), m.end(), m.group()) for m in RE_TOKEN.finditer(text, s, e)]


def first_tokens(text: str, s: int, e: int, n: int) -> List[Token]:
    """The first ``n`` of :func:`tokens` (for readers of the few words right after a cue)."""
    return [(m.start(), m.end(), m.group()) for m in islice(RE_TOKEN.finditer(text, s, e), n)]


def trim(text: str, s: int, e: int, *, strip_that: bool = False, final_period: bool = True) -> Span:
    """Trim whitespace, outer quote marks, a leading ``that`` and trailing punctuation, until stable."""
    while True:
        s0, e0 = s, e
        while s < e and (text[s].isspace() or text[s] in ":,;—–―‒-"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–―‒-"):
            e -= 1
        if final_period:
            while e > s and text[e - 1] == ".":
                e -= 1
        if strip_that and text.startswith("that ", s):
            s += 5
        s, e = _trim_doubled_apostrophes(text, s, e)
        if e - s >= 2:
            s, e = _trim_quote_marks(text, s, e)
        if (s, e) == (s0, e0):
            return s, e


def _trim_doubled_apostrophes(text: str, s: int, e: int) -> Span:
    """``''`` used as a quotation mark (some wire text): drop an unpaired or enclosing pair."""
    if text.startswith("''", s) and "''" not in text[s + 2:e]:
        s += 2
    elif text.startswith("''", s) and text.endswith("''", s, e) and e - s >= 4:
        s, e = s + 2, e - 2
    elif e - s >= 2 and text.endswith("''", s, e) and "''" not in text[s:e - 2]:
        e -= 2
    return s, e


def _trim_quote_marks(text: str, s: int, e: int) -> Span:
    """Drop enclosing quotation marks, or one unbalanced mark at either end."""
    quotes = OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT
    first, last = text[s], text[e - 1]
    if first not in OPEN_QUOTES + STRAIGHT and last not in CLOSE_QUOTES + STRAIGHT:
        return s, e  # (most spans: no mark at either end, nothing to count)
    inner = text[s + 1:e - 1]
    n_inner = sum(inner.count(q) for q in quotes)
    if first in OPEN_QUOTES + STRAIGHT and last in CLOSE_QUOTES + STRAIGHT and (n_inner % 2 == 0 or "\n" in inner):
        return s + 1, e - 1
    if first in OPEN_QUOTES + STRAIGHT and sum(text[s:e].count(q) for q in quotes) % 2 == 1:
        return s + 1, e
    if last in CLOSE_QUOTES + STRAIGHT and sum(text[s:e].count(q) for q in quotes) % 2 == 1:
        return s, e - 1
    return s, e

