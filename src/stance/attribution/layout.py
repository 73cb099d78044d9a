"""The layout of a news article around its sentences: the headline and the datelines.

Wire copy opens with a headline on a line of its own and starts its first paragraph with a
dateline (``LIMA, March 3 (Reuters) -``, ``WASHINGTON:``, ``(AFP)``). Neither is part of a
sentence a speaker utters: a dateline is cut off the sentence it opens (so it never becomes a
speaker or part of a content), and the headline is known so that its title-cased words are not
taken for names and only its explicit attributions ("X says Y", "X: Y") count.
"""
from __future__ import annotations

import re
from typing import List, Optional, Sequence

from ..types import Sentence, Span

__all__ = ["dateline_end", "headline_span", "strip_datelines"]

_CREDIT = r"\((?:[A-Z][\w.&’'/ -]{0,30})\)"
_DATE = r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?))"
_DASH = r"(?:\s*[-–—―]{1,2}|:)\s+"
#: ``LIMA, March 3 (Reuters) -``, ``BEIJING:``, ``NEW DELHI -``: an upper-case place, a date, a credit
_UPPER_PLACE = r"[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,3}"
#: ``Washington —``, ``Geneva:``: a title-case place of one or two words before a dash or colon
_TITLE_PLACE = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
RE_DATELINE = re.compile(
    r"(?:" + _UPPER_PLACE + r"(?:,\s*[A-Z][\w ()’'-]{1,40}?)??" + _DATE + r"?\s*(?:" + _CREDIT + r")?" + _DASH
    + r"|" + _TITLE_PLACE + _DATE + r"?\s*(?:" + _CREDIT + r")?\s*[—–―]\s+"
    + r"|" + _CREDIT + r"\s+)(?=[A-Z“\"‘(])")
#: ``Geneva:``: a title-case place before a colon, only at the start of the article's first
#: paragraph (elsewhere "Ellis: ..." is a speaker in a transcript)
RE_OPENING_DATELINE = re.compile(_TITLE_PLACE + _DATE + r"?\s*(?:" + _CREDIT + r")?:\s+(?=[A-Z“\"‘(])")


def dateline_end(text: str, start: int, end: int, *, not_words: frozenset = frozenset(),
                 opening: bool = False) -> int:
    """Where the sentence at ``start`` begins after a dateline (``start`` when it has none).

    ``not_words``: title-case words that make a ``Word:`` prefix a speaker, not a place
    ("Minister: Tariffs will hurt farmers"); ``opening``: the sentence opens the article's first
    paragraph (where ``Geneva:`` is a dateline).
    """
    m = RE_DATELINE.match(text, start, end) or (RE_OPENING_DATELINE.match(text, start, end) if opening else None)
    if m is None or m.end() >= end:
        return start
    first = text[start:m.end()].split()[0].strip(",:()").rstrip("’'s")
    if first in not_words or first.lower() in not_words:
        return start
    return m.end()


def strip_datelines(text: str, sentences: Sequence[Sentence], headline: Optional[Span] = None, *,
                    not_words: frozenset = frozenset()) -> List[Sentence]:
    """The sentences, each first sentence of a paragraph (but the headline) starting after its
    dateline."""
    out: List[Sentence] = []
    first_body = 1 if headline is not None else -1  # without a headline the layout is unknown
    for i, s in enumerate(sentences):
        opens_paragraph = (i == 0 or sentences[i - 1].paragraph != s.paragraph) and (
            headline is None or s.start != headline[0])
        start = dateline_end(text, s.start, s.end, not_words=not_words, opening=i == first_body) \
            if opens_paragraph else s.start
        out.append(s if start == s.start else Sentence(start, s.end, s.paragraph, text[start:s.end]))
    return out


def headline_span(text: str, sentences: Sequence[Sentence]) -> Optional[Span]:
    """The headline: the article's first line when it is a single sentence on a line of its own
    with no closing full stop, followed by more text."""
    if len(sentences) < 2:
        return None
    first = sentences[0]
    line_end = text.find("\n", first.start)
    if line_end < 0 or text[first.end:line_end].strip():
        return None  # not a line of its own, or more than one sentence on it
    if text[first.start:line_end].rstrip().rstrip("’'\"”").rstrip()[-1:] in ".;:,…":
        return None  # a closing full stop (inside a closing quote too) or a colon: not a headline
    if len(text[first.start:first.end].split()) < 3:
        return None
    return first.start, first.end
