"""Character-level helpers shared by every attribution stage: quote marks, tokens, trimming."""
from __future__ import annotations

import re
from itertools import islice
from typing import List, Tuple

from ..types import Span

__all__ = ["OPEN_QUOTES", "CLOSE_QUOTES", "STRAIGHT", "QUOTE_START", "QUOTE_END", "RE_WORD", "RE_TOKEN",
           "Token", "tokens", "first_tokens", "word_count", "has_words", "trim"]

OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
STRAIGHT = '"'
#: characters that can begin / end a quotation region (doubled apostrophes included)
QUOTE_START = OPEN_QUOTES + STRAIGHT + "'"
QUOTE_END = CLOSE_QUOTES + STRAIGHT + "'"
_QUOTES = OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT
_OPENING = OPEN_QUOTES + STRAIGHT
_CLOSING = CLOSE_QUOTES + STRAIGHT
RE_WORD = re.compile(r"\w+")
RE_TOKEN = re.compile(r"\w+(?:[.'’&-]\w+)*|[^\w\s]")
#: each token of :data:`RE_TOKEN` with the white space before it
_RE_SPACED_TOKEN = re.compile(r"(\s*)(" + RE_TOKEN.pattern + ")")

#: (start, end, token text)
Token = Tuple[int, int, str]


def word_count(text: str, s: int, e: int) -> int:
    """How many ``\\w+`` words ``text[s:e]`` holds."""
    return len(RE_WORD.findall(text, s, e))


def has_words(text: str, s: int, e: int, n: int) -> bool:
    """Whether ``text[s:e]`` holds at least ``n`` words (reading only the first ``n``: the checks
    against a few words need not count those of a whole paragraph)."""
    return sum(1 for _ in islice(RE_WORD.finditer(text, s, e), n)) == n


def tokens(text: str, s: int, e: int) -> List[Token]:
    """Words (with inner ``.'’&-``) and single punctuation marks of ``text[s:e]``.

    Every character that is not white space belongs to a token, so only white space separates
    them: each token's place is the white space and tokens before it counted up, from
    :data:`_RE_SPACED_TOKEN`'s pairs (cheaper than a match object or a ``find`` per token)."""
    out = []
    for space, w in _RE_SPACED_TOKEN.findall(text, s, e):
        s += len(space)
        out.append((s, s + len(w), w))
        s += len(w)
    return out


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
        if text.startswith("'", s) or text.endswith("'", s, e):
            s, e = _trim_doubled_apostrophes(text, s, e)
        if e - s >= 2 and (text[s] in _OPENING or text[e - 1] in _CLOSING):
            s, e = _trim_quote_marks(text, s, e)
        if (s, e) == (s0, e0):
            return s, e


def _trim_doubled_apostrophes(text: str, s: int, e: int) -> Span:
    """``''`` used as a quotation mark (some wire text): drop an unpaired or enclosing pair."""
    if text.startswith("''", s):
        if text.find("''", s + 2, e) < 0:
            return s + 2, e
        if text.endswith("''", s, e) and e - s >= 4:
            return s + 2, e - 2
    if e - s >= 2 and text.endswith("''", s, e) and text.find("''", s, e - 2) < 0:
        return s, e - 2
    return s, e


def _trim_quote_marks(text: str, s: int, e: int) -> Span:
    """Drop enclosing quotation marks, or one unbalanced mark at either end (of a span that
    has a mark at one end at least)."""
    first, last = text[s] in _OPENING, text[e - 1] in _CLOSING
    n_inner = sum(text.count(q, s + 1, e - 1) for q in _QUOTES)
    if first and last and (n_inner % 2 == 0 or text.find("\n", s + 1, e - 1) >= 0):
        return s + 1, e - 1
    if (n_inner + (text[s] in _QUOTES) + (text[e - 1] in _QUOTES)) % 2 == 1:  # all the span's marks
        return (s + 1, e) if first else (s, e - 1)
    return s, e
