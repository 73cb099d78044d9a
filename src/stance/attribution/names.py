"""Canonical names: a speaker mention without its titles, determiners and nationality adjectives,
the pattern of a run of capitalized name tokens (shared by resolution's name index), and the
whole-word search resolution makes for names and roles."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Sequence, Tuple

from .nouns import ORG_WORDS, PERSON_NOUNS, TITLES, is_cap, word_key
from .text import RE_TOKEN

__all__ = ["canonical_name", "whole_word_starts", "names_after", "RE_NAME_RUN", "RE_NAME_AFTER_ROLE"]


@lru_cache(maxsize=4096)  # every run of capitalized words of an article is a candidate name
def canonical_name(mention: str) -> str:
    """The mention without titles, leading determiners and nationality adjectives.

    >>> canonical_name("Chinese President Xi Jinping")
    'Xi Jinping'
    >>> canonical_name("the Chinese Foreign Ministry")
    'Chinese Foreign Ministry'
    """
    toks = mention.split()
    if not "".join(toks).isalpha():  # (words of letters only, most mentions, are RE_TOKEN's tokens)
        toks = [w for w in RE_TOKEN.findall(mention) if w != "."]
    while toks and word_key(toks[0]) in ("the",):
        toks = toks[1:]
    if not toks:
        return mention.strip()
    if not ORG_WORDS.keys().isdisjoint(toks):  # (no token but "." ends with a period)
        return _join(mention, toks)
    if not is_cap(toks[-1]):
        return _join(mention, toks)
    # the final capitalized run is the name
    start = len(toks) - 1
    while start > 0 and (is_cap(toks[start - 1]) or toks[start - 1] in ("-",)):
        start -= 1
    run = toks[start:]
    if start > 1 and toks[start - 1] in _TITLE_PHRASE_JOINS and any(w.rstrip(".") in TITLES or w.lower() in PERSON_NOUNS for w in toks[:start]) \
            and len(run) > 2:
        # "Minister of Energy and Mines Ana Ruiz": the run after the title phrase's last
        # "of"/"and" still holds its last words; the name is the final two
        run = run[-2:]
    # drop titles (and any nationality adjective before the last title)
    last_title = -1
    for i, w in enumerate(run[:-1]):
        if w.rstrip(".") in TITLES:
            last_title = i
    run = run[last_title + 1:]
    return _join(mention, run)


#: words that join the parts of a long title ("Minister of Ports, Roads and Water")
_TITLE_PHRASE_JOINS = frozenset({"of", "and", "for", ",", "the"})


def _join(mention: str, toks: Sequence[str]) -> str:
    """Re-join tokens with the spacing of the mention when possible."""
    if not toks:
        return mention.strip()
    first = mention.find(toks[0])
    last = mention.rfind(toks[-1])
    if first >= 0 and last >= first:
        return mention[first:last + len(toks[-1])]
    return " ".join(toks)


_NAME_TOKEN = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][a-z]{0,3}\.|[A-Z][\w’'-]*)"
RE_NAME_RUN = re.compile(_NAME_TOKEN + r"(?:[ \u00a0]+" + _NAME_TOKEN + r")+")


def whole_word_starts(text: str, name: str, lo: int, hi: int) -> Iterator[int]:
    """Where ``name`` (not empty) occurs in ``text[lo:hi]`` with no word character or hyphen on
    either side, left to right without overlaps: a plain ``find``, where a pattern would be
    compiled for every name an article resolves."""
    pos = lo
    while (start := text.find(name, pos, hi)) >= 0:
        end = start + len(name)
        if not (_joins(text[start - 1:start]) or (end < hi and _joins(text[end]))):
            yield start
            pos = end
        else:
            pos = start + 1


RE_NAME_AFTER_ROLE = re.compile(r",?[ \u00a0]+(" + RE_NAME_RUN.pattern + ")")
"""What follows a role word when the article names its holder: "spokeswoman, Li Na", "minister Ana Ruiz"."""


def names_after(rx: re.Pattern[str], text: str, lo: int, hi: int, *,
                word_start: bool) -> Iterator[Tuple[int, str]]:
    """``(start, name run)`` of each match of ``rx`` followed by :data:`RE_NAME_AFTER_ROLE` in ``text[lo:hi]``,
    as ``finditer`` of the joined pattern (opened by ``(?<![\\w-])`` if ``word_start``) finds them.

    ``rx`` matches a fixed length (a role word, a title), so its name can only follow where it ends.
    Joined with a role or title, RE_NAME_RUN would compile anew for each one (~3 ms; articles not seen
    before bring new ones), and a look-behind would be tried at every position of the text.
    """
    pos = lo
    while (m := rx.search(text, pos, hi)) is not None:
        name = RE_NAME_AFTER_ROLE.match(text, m.end(), hi)
        if name is None or (word_start and _joins(text[m.start() - 1:m.start()])):
            pos = m.start() + 1
        else:
            yield m.start(), name.group(1)
            pos = name.end()


def _joins(ch: str) -> bool:
    """Whether ``ch`` continues a word (regular expressions' ``[\\w-]``)."""
    return ch.isalnum() or ch in ("_", "-")
