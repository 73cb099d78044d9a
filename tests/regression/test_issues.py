"""Regressions found while benchmarking, each keyed by a short id and re-written by hand
(no corpus text is copied here)."""
from __future__ import annotations

import pytest

from stance.attribution import find_quotes
from stance.segment import split_sentences


def test_r1_closing_paren_without_opening_does_not_raise():
    # an apposition scan met ")" with no "(" before it
    text = "The levy rose, the clerk said). The clerk, who left) said the levy rose."
    quotes = find_quotes(text)
    assert [q.speaker_mention for q in quotes] == ["the clerk"]
    assert all(text[q.content_span[0]:q.content_span[1]] == q.content for q in quotes)


def test_r2_no_before_a_number_is_not_a_sentence_end():
    text = "Senator Ann Lee of Ohio, the No. 2 Democrat, said the vote will be Monday."
    assert len(split_sentences(text)) == 1
    (q,) = find_quotes(text)
    assert q.speaker_mention == "Senator Ann Lee of Ohio"


def test_r3_quoted_phrase_is_not_a_quotation():
    # a quoted phrase after "and" must not become the content of a later cue
    text = 'He spoke of "hope" and "change," Ortiz said yes, over and over again.'
    quotes = find_quotes(text)
    assert quotes and all(q.content not in ("change", "hope") for q in quotes)


def test_r4_dateline_dash_is_not_part_of_the_speaker():
    text = "RIVERTON ― Mayor Ana Ortiz (D) said the bridge will reopen."
    (q,) = find_quotes(text)
    assert q.speaker_mention == "Mayor Ana Ortiz"


def test_r5_question_quote_then_long_attribution_is_one_sentence():
    text = "“Who can say?” Ortiz told the local radio station in an interview on Monday."
    (q,) = find_quotes(text)
    assert q.rule == "direct.quote_then_cue" and q.content == "Who can say?"


@pytest.mark.parametrize("text", [
    "Ortiz called into the morning show to complain.",
    "The firm reported $2 billion in revenue.",
    "Ortiz, an engineer accused of fraud, left the firm.",
])
def test_r6_non_speech_readings(text):
    assert find_quotes(text) == []
