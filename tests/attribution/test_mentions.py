"""Speaker mentions next to a cue (stance.attribution.mentions, nouns), on hand-written text."""
from __future__ import annotations

import pytest

from stance.attribution import find_quotes
from stance.attribution.mentions import mention_after, mention_before
from stance.attribution.nouns import mention_class


@pytest.mark.parametrize(
    "mention, cls",
    [("He", "pronoun"), ("the expert", "description"), ("the Nordic Trade Ministry", "org"),
     ("Ana Ortiz", "name"), ("local observers", "group"), ("a source", "group")],
)
def test_mention_class(mention, cls):
    assert mention_class(mention) == cls


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Ana Ortiz, head of the port authority, said", "Ana Ortiz", id="apposition"),
        pytest.param("In a statement on Friday, the ministry said", "the ministry", id="intro-phrase"),
        pytest.param("On Tuesday Ortiz said", "Ortiz", id="day-intro"),
        pytest.param("But he also said", "he", id="conjunction-adverb"),
        pytest.param("Experts who study the river said", "Experts", id="restrictive-relative"),
        pytest.param("It is not what she said", "she", id="after-what-quotes-blocks-it"),
        pytest.param("He did not want to say", None, id="to-before-cue"),
    ],
)
def test_mention_before(text, expected):
    cue = text.rindex("sa")
    m = mention_before(text, 0, cue)
    got = text[m[0][0]:m[0][1]] if m else None
    assert got == expected


def test_mention_after():
    text = "The port will grow, said a spokesman for the authority."
    sp = mention_after(text, text.index("said") + 4, len(text))
    assert text[sp[0]:sp[1]] == "a spokesman"


def test_let_me_say_names_the_writer():
    quotes = find_quotes("Let me say that the levy is unfair.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [("me", "the levy is unfair")]
