"""The fast TF-IDF transform equals scikit-learn's, bit for bit, on awkward text and settings."""
import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from stance import tfidf

TRAIN = [
    "Tariffs on steel hurt farmers, the minister said.",
    "“We will not back down,” she told reporters in Geneva.",
    "A 25% levy\ton imports   starts Monday; exporters worry.",
    "Climate pledges:\n\nnet-zero by 2050, or not at all?",
    "I a b c d",  # one-letter words: shorter than the padded n-gram
]
NEW = [
    "Steel tariffs hurt exporters and farmers alike, officials said on Monday.",
    "  leading and trailing spaces \u00a0 and a no-break space ",
    "Ünïcödé wörds, CAPITALS and İstanbul (whose lower case is longer)",
    "tabs\tand\nnew\r\nlines\u2003em space",
    "",
    "x",
    "words never seen: zyzzyva quixotic",
    "Tariffs tariffs TARIFFS tariffs, tariffs.",
]


def _same(a, b) -> bool:
    a, b = a.tocsr(), b.tocsr()
    return (a.shape == b.shape and np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
            and np.array_equal(a.data, b.data))


@pytest.mark.parametrize("params", [
    dict(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
    dict(analyzer="char_wb", ngram_range=(1, 3)),
    dict(analyzer="char_wb", ngram_range=(4, 6), lowercase=False, norm="l1", use_idf=False),
    dict(analyzer="char_wb", ngram_range=(2, 4), strip_accents="unicode", binary=True),
    dict(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
    dict(analyzer="word", ngram_range=(1, 3), stop_words=["the", "and"], norm=None),
    dict(analyzer="word", ngram_range=(2, 2), binary=True),
    dict(analyzer="word", ngram_range=(1, 2), stop_words=["the", "and", "on"], lowercase=False),
    dict(analyzer="word", ngram_range=(1, 2), max_features=4),  # the vocabulary may hold no bigram
    dict(analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", strip_accents="unicode"),
    dict(analyzer="char", ngram_range=(2, 3)),
])
@pytest.mark.parametrize("at_once", [1, tfidf.AT_ONCE])  # a char_wb batch's new words: at once, or one by one
def test_transform_equals_scikit_learn(params, at_once, monkeypatch):
    monkeypatch.setattr(tfidf, "AT_ONCE", at_once)
    vec = TfidfVectorizer(**params).fit(TRAIN)
    assert _same(tfidf.transform(vec, NEW), vec.transform(NEW))
    assert _same(tfidf.transform(vec, TRAIN + NEW), vec.transform(TRAIN + NEW))


def test_ngrams_of_one_word_follow_scikit_learn():
    for min_n, max_n in ((2, 5), (4, 6), (1, 1)):
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(min_n, max_n))
        for word in ("a", "ab", "abc", "abcdef", "x" * 70):  # the last is longer than the shared slices
            padded = f" {word} "
            expected = vec._char_wb_ngrams(word)
            assert [padded[c] for c in tfidf._ngram_slices(len(padded), min_n, max_n)] == expected


def test_cached_word_columns_give_the_same_matrix(monkeypatch):
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True).fit(TRAIN)
    expected = vec.transform(NEW)
    assert _same(tfidf.transform(vec, NEW), expected)  # first call fills the cache
    assert _same(tfidf.transform(vec, NEW), expected)  # second call reads it
    monkeypatch.setattr(tfidf, "WORDS_CACHED", 3)  # the cache starts over whenever it holds more than 3 words
    assert _same(tfidf.transform(vec, NEW[::-1]), vec.transform(NEW[::-1]))
    assert len(tfidf._STORES[vec].rows) <= len({w for t in NEW for w in t.lower().split()})
    assert _same(tfidf.transform(vec, ["", " "]), vec.transform(["", " "]))


@pytest.mark.parametrize("params", [
    dict(ngram_range=(1, 2)),
    dict(ngram_range=(1, 1)),
    dict(ngram_range=(2, 2)),
    dict(ngram_range=(1, 4)),
    dict(ngram_range=(3, 5), lowercase=False),
    dict(ngram_range=(1, 3), stop_words=["the", "and", "on"]),
    dict(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", strip_accents="unicode"),
])
def test_word_analyzer_equals_scikit_learn(params):
    vec = TfidfVectorizer(analyzer="word", **params)
    ours, theirs = tfidf._word_analyzer(vec), vec.build_analyzer()
    for text in TRAIN + NEW + ["one", "two words", "a b", "The tgtpro and tgtcon | topictag_tariffs topictag_tariffs"]:
        assert ours(text) == theirs(text), text


def test_default_tokens_are_scikit_learns():
    vec = TfidfVectorizer()
    text = ("a ab abc _ __ a_b 1 12 x1 \u00e9t\u00e9 \u0130stanbul na\u00efve-ish don't e.g. \u4e2d\u6587 "
            "tab\tsep\u00a0nbsp \u2003em x y z")
    assert tfidf._TOKENS.findall(text) == vec.build_tokenizer()(text)
    assert tfidf._TOKENS.findall(text.upper()) == vec.build_tokenizer()(text.upper())


def test_split_cuts_where_scikit_learns_whitespace_runs_are():
    every = "".join(map(chr, range(0x110000)))
    assert re.findall(r"\s", every, flags=re.UNICODE) == [c for c in every if c.isspace()]


def test_bigram_index_finds_what_scikit_learn_finds_in_any_vocabulary():
    # keys a fitted vocabulary never holds (two spaces, a space at either end, empty, a three-word key)
    vocabulary = {"tariffs": 0, "tariffs hurt": 1, "hurt tariffs": 2, "hurt": 3, "a  b": 4, " a": 5, "a ": 6,
                  "": 7, "steel tariffs hurt": 8, "farmers": 9, "on": 10, "on monday": 11}
    for ngram_range in ((1, 2), (2, 2)):
        vec = TfidfVectorizer(vocabulary=vocabulary, ngram_range=ngram_range).fit(TRAIN + NEW)
        assert tfidf._BigramIndex.covers(vec)
        for texts in (NEW, TRAIN + NEW, [""], ["", "tariffs", "", "hurt tariffs hurt", ""]):
            assert _same(tfidf.transform(vec, texts), vec.transform(texts)), texts


def test_bigram_index_covers_only_default_tokens_up_to_bigrams():
    assert tfidf._BigramIndex.covers(TfidfVectorizer(ngram_range=(1, 2)))
    assert not tfidf._BigramIndex.covers(TfidfVectorizer(ngram_range=(1, 3)))
    assert not tfidf._BigramIndex.covers(TfidfVectorizer(ngram_range=(1, 1)))
    assert not tfidf._BigramIndex.covers(TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"\S+"))
    assert not tfidf._BigramIndex.covers(TfidfVectorizer(ngram_range=(1, 2), tokenizer=str.split))


def test_word_store_shared_by_threads_gives_the_same_matrices():
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).fit(TRAIN)
    batches = [NEW[i:] + TRAIN[:i] for i in range(len(NEW))]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda texts: tfidf.transform(vec, texts), batches * 3))
    assert all(_same(g, vec.transform(b)) for g, b in zip(got, batches * 3))


@pytest.mark.parametrize("direct_keys", [0, tfidf.DIRECT_KEYS, 10 ** 9])  # no n, the short n, every n in tables
@pytest.mark.parametrize("ngram_range", [(2, 5), (1, 3), (4, 6), (1, 1), (3, 3)])
def test_columns_found_at_once_equal_those_found_one_by_one(monkeypatch, ngram_range, direct_keys):
    monkeypatch.setattr(tfidf, "DIRECT_KEYS", direct_keys)
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range, lowercase=False).fit(TRAIN)
    rng = np.random.default_rng(7)
    letters = list("abcdefgTSWüé-.,’") + ["\u4e2d", "\U0001f600", "q"]  # the last three never seen in training
    words = ["".join(rng.choice(letters, size=rng.integers(1, 12))) for _ in range(300)]
    words += ["a", "I", "Tariffs", "steel", "x" * 70]
    at_once = tfidf._columns_at_once(vec, words)
    assert at_once is not None
    searched = [isinstance(t, tuple) for t in tfidf._gram_index(vec)[2].values()]
    assert all(searched) if direct_keys == 0 else not all(searched)
    for word, a, b in zip(words, _per_word(*at_once), _per_word(*tfidf._columns_one_by_one(vec, words)), strict=True):
        assert sorted(a.tolist()) == sorted(b.tolist()), word


def _per_word(columns, counts):
    ends = np.cumsum(counts)
    return np.split(columns, ends[:-1])


def test_vocabulary_of_thousands_of_characters_looks_words_up_one_by_one(monkeypatch):
    monkeypatch.setattr(tfidf, "AT_ONCE", 1)
    # 7,000 distinct characters: a 5-character key no longer fits in 64 bits
    words = ["".join(chr(0x4E00 + i + j) for j in range(3)) for i in range(0, 7000, 3)]
    train = [" ".join(words[i:i + 50]) for i in range(0, len(words), 50)]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).fit(train)
    assert tfidf._gram_index(vec) is None
    new = [" ".join(words[::7]), "mixed \u4e00\u4e01 text"]
    assert _same(tfidf.transform(vec, new), vec.transform(new))


def test_word_store_grows_in_place_and_keeps_earlier_matrices():
    store = tfidf._WordStore(10)
    batches = [(["a", "b"], [1, 2, 3], [2, 1]), (["c"], [4], [1]), (["d", "e"], [5, 6, 7, 8, 9], [1, 4])]
    matrices = []
    for words, columns, counts in batches:
        store.add(words, np.array(columns, dtype=np.int32), np.array(counts))
        matrices.append(store.matrix())
    assert store.rows == {"a": 0, "b": 1, "c": 2, "d": 3, "e": 4}
    assert [m.indices.tolist() for m in matrices] == [[1, 2, 3], [1, 2, 3, 4], [1, 2, 3, 4, 5, 6, 7, 8, 9]]
    assert [m.indptr.tolist() for m in matrices] == [[0, 2, 3], [0, 2, 3, 4], [0, 2, 3, 4, 5, 9]]
    assert all((m.data == 1).all() for m in matrices)
