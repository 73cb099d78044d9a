"""Character-level helpers (stance.attribution.text): tokens and trimming, on hand-written text.

``tokens`` and ``trim`` are written for speed; these tests hold them to their plain definitions."""
from __future__ import annotations

import itertools

import pytest

from stance.attribution.text import CLOSE_QUOTES, OPEN_QUOTES, RE_TOKEN, STRAIGHT, has_words, tokens, trim, word_count

TEXTS = [
    "Sen. Ana Ruiz (D-N.M.) said: “It’s over,” and left.",
    "  O'Neill's  AT&T deal -- worth $3.5 billion -- fell\u00a0through…",
    "''We won,'' he said. \"Again.\"",
    "x-ray\tU.S.-led\n\n“",
    "a\u2028b\x1c c\u3000 ,d ",
    "",
]


def _plain_tokens(text, s, e):
    return [(m.start(), m.end(), m.group()) for m in RE_TOKEN.finditer(text, s, e)]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_match_the_pattern_for_every_stretch(text):
    # (bounds inside a word or between a word and its inner mark cut it as the pattern does)
    for s, e in itertools.combinations_with_replacement(range(len(text) + 1), 2):
        assert tokens(text, s, e) == _plain_tokens(text, s, e)


def _plain_trim(text, s, e, strip_that=False, final_period=True):
    """The definition: strip until stable, counting quotation marks on slices."""
    quotes = OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT
    while True:
        s0, e0 = s, e
        while s < e and (text[s].isspace() or text[s] in ":,;—–―‒-"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–―‒-"):
            e -= 1
        while final_period and e > s and text[e - 1] == ".":
            e -= 1
        if strip_that and text.startswith("that ", s):
            s += 5
        if text.startswith("''", s) and "''" not in text[s + 2:e]:
            s += 2
        elif text.startswith("''", s) and text.endswith("''", s, e) and e - s >= 4:
            s, e = s + 2, e - 2
        elif e - s >= 2 and text.endswith("''", s, e) and "''" not in text[s:e - 2]:
            e -= 2
        if e - s >= 2:
            first, last, inner = text[s], text[e - 1], text[s + 1:e - 1]
            opening, closing = first in OPEN_QUOTES + STRAIGHT, last in CLOSE_QUOTES + STRAIGHT
            odd = sum(text[s:e].count(q) for q in quotes) % 2 == 1
            if opening and closing and (sum(inner.count(q) for q in quotes) % 2 == 0 or "\n" in inner):
                s, e = s + 1, e - 1
            elif opening and odd:
                s += 1
            elif closing and odd:
                e -= 1
        if (s, e) == (s0, e0):
            return s, e


@pytest.mark.parametrize("text", TEXTS + ["that ''", "“a” b”", "«x» “y\nz”", "\"”a\""])
@pytest.mark.parametrize("options", [{}, {"strip_that": True}, {"final_period": False}])
def test_trim_matches_its_definition(text, options):
    for s, e in itertools.combinations_with_replacement(range(len(text) + 1), 2):
        assert trim(text, s, e, **options) == _plain_trim(text, s, e, **options)


def test_trim_examples():
    text = "“The bridge will reopen,” "
    assert text[slice(*trim(text, 0, len(text)))] == "The bridge will reopen"
    text = "that ''we will win.''"
    assert text[slice(*trim(text, 0, len(text), strip_that=True))] == "we will win"


@pytest.mark.parametrize("text", TEXTS)
def test_has_words_is_a_word_count_threshold(text):
    for s, e in itertools.combinations_with_replacement(range(len(text) + 1), 2):
        for n in range(5):
            assert has_words(text, s, e, n) == (word_count(text, s, e) >= n)
