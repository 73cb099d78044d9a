"""Attribution takes time linear in the text whatever its punctuation (issue 13)."""
import time

import pytest

from stance import attribute
from stance import segment
from stance.articles import MAX_ARTICLE_CHARS, check_article
from stance.errors import InputError, InputTooLargeError
from stance.attribution.cues import MAX_CUES_PER_SENTENCE, find_cues
from stance.attribution.document import build_document
from stance.segment import MAX_LINE_CHARS, MAX_SENTENCE_CHARS, bounded_pieces, split_sentences


@pytest.mark.parametrize("text, limit", [
    ("One two. Three four five.", 12),
    ("x" * 50, 7),                                  # no space at all: hard cuts
    ("a " * 40, 9),
    ("Short. " * 30 + "word " * 30, 40),
    ("  leading and trailing   ", 6),
])
def test_bounded_pieces_cover_the_text_within_the_limit(text, limit):
    pieces = list(bounded_pieces(text, 0, len(text), limit))
    assert all(0 < e - s <= limit for s, e in pieces)
    assert all(a[1] <= b[0] for a, b in zip(pieces, pieces[1:]))
    covered = "".join(text[s:e] for s, e in pieces)
    assert covered.replace(" ", "") == text.replace(" ", "")  # only whitespace between pieces is dropped


def test_a_piece_within_the_limit_comes_back_unchanged():
    assert list(bounded_pieces("  two words ", 0, 12, 100)) == [(0, 12)]


def test_bounded_pieces_prefers_a_sentence_end():
    text = "The first sentence ends here. The second one runs on and on"
    (s, e), *_ = bounded_pieces(text, 0, len(text), 40)
    assert text[s:e] == "The first sentence ends here."


@pytest.mark.parametrize("text", [
    "Lee " + "said " * 3000,
    "alpha beta gamma " * 800,
    "x" * 7000,
    "The minister said nothing. " * 200,
    ('"We will win," Lee said. ' * 150).replace(". ", ".\n", 40),
])
def test_sentences_are_bounded_and_exact(text):
    sentences = split_sentences(text)
    assert sentences
    for s in sentences:
        assert 0 < s.end - s.start <= MAX_SENTENCE_CHARS
        assert text[s.start:s.end] == s.text


def test_long_lines_are_cut_before_punkt(monkeypatch):
    seen = []
    original = segment._punkt_sentences

    def spy(text, start, end):
        seen.append(end - start)
        return original(text, start, end)

    monkeypatch.setattr(segment, "_punkt_sentences", spy)
    split_sentences("word " * 5000)
    assert seen and max(seen) <= MAX_LINE_CHARS


def test_a_regex_timeout_in_punkt_keeps_the_piece_whole(monkeypatch):
    class Starved:
        def span_tokenize(self, text):
            raise TimeoutError("regular-expression match exceeded its 5.0s time limit")

    monkeypatch.setattr(segment, "punkt_tokenizer", lambda: Starved())
    text = "Mr. Lee arrived. He said the talks were useful."
    assert [s.text for s in split_sentences(text)] == [text]
    result = attribute(text)  # no TimeoutError escapes the library
    assert all(text[q.content_span[0]:q.content_span[1]] == q.content for q in result.quotes)


def test_cues_per_sentence_are_bounded():
    text = "Lee " + "said " * 200
    cues = find_cues(build_document(text))
    assert cues and all(len(c) <= MAX_CUES_PER_SENTENCE for c in cues)
    assert max(len(c) for c in cues) == MAX_CUES_PER_SENTENCE


def test_a_sentence_of_ten_thousand_cues_finishes_quickly():
    # was quadratic: minutes before issue 13; now well under a second on an idle machine
    start = time.perf_counter()
    result = attribute("Lee " + "said " * 10000)
    assert time.perf_counter() - start < 30
    assert all(q.content for q in result.quotes)


def test_many_quotes_scale_linearly():
    # _drop_nested and the quotation lookups were quadratic in the number of statements
    small, large = '"We will win," Lee said. ' * 500, '"We will win," Lee said. ' * 4000
    t0 = time.process_time()
    assert len(attribute(small).quotes) == 500
    t1 = time.process_time()
    assert len(attribute(large).quotes) == 4000
    t2 = time.process_time()
    assert (t2 - t1) < 8 * 4 * max(t1 - t0, 0.01)  # 8x the text: linear would be 8x, quadratic 64x


def test_articles_over_the_limit_are_refused_with_a_clear_error():
    assert check_article("ok said Lee.") == "ok said Lee."
    with pytest.raises(InputTooLargeError, match="over the limit of 5,000,000") as info:
        attribute("a" * (MAX_ARTICLE_CHARS + 1), article="big.txt")
    assert isinstance(info.value, InputError)
    assert str(info.value).startswith("big.txt: article of 5,000,001 characters")
