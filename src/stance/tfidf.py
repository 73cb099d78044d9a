"""TF-IDF transform equal to scikit-learn's ``TfidfVectorizer.transform``, without its per-n-gram Python loop.

scikit-learn counts n-grams one Python step at a time (a ``try`` and two
dict operations per n-gram; the character block makes about four n-grams
per character), so vectorizing whole articles cost more than finding their
quotes. Here the vocabulary lookups run in ``map`` and the counting in
SciPy. For the ``char_wb`` analyzer, whose n-grams never cross a word, each
distinct word is cut and looked up once (then kept, see
:data:`WORDS_CACHED`), and words are summed into documents with one sparse
product (documents x words @ words x features); news repeats its words, so
a batch of articles has about one distinct word in five.
Counts are integers and the TF-IDF steps are scikit-learn's, in its order,
so the matrix equals ``vectorizer.transform(texts)`` bit for bit
(tests/test_tfidf.py).

Examples
--------
>>> from sklearn.feature_extraction.text import TfidfVectorizer
>>> vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)).fit(["tariffs hurt", "trade helps"])
>>> (transform(vec, ["tariffs help trade"]) != vec.transform(["tariffs help trade"])).nnz
0
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain, repeat
from typing import Sequence
from weakref import WeakKeyDictionary

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

_SCIKIT_TOKENS = r"(?u)\b\w\w+\b"
"""scikit-learn's default ``token_pattern``: each run of two or more word characters."""
_TOKENS = re.compile(r"(?u)\w\w+")
"""The same runs: a scan reaches a run at its first character and ``\\w+`` is greedy; without the leading
``\\b``, ``re`` jumps from word character to word character instead of trying every position."""

WORDS_CACHED = 50_000
"""Distinct words whose ``char_wb`` columns a process keeps per vectorizer (about 16 MB), then it starts over.

Worker processes score small chunks of articles; without the cache each
chunk would cut its words again (measured: chunks of 11 articles cost 15%
more than chunks of 64), and the words of news recur from one article to
the next."""
_COLUMNS: "WeakKeyDictionary[object, dict[str, np.ndarray]]" = WeakKeyDictionary()


def transform(vectorizer, texts: Sequence[str]):
    """``vectorizer.transform(texts)`` of a fitted TfidfVectorizer (float64 features, as by default)."""
    if vectorizer.dtype != np.float64:  # scikit-learn would keep float32; not worth a second path
        return vectorizer.transform(texts)
    texts = [vectorizer.decode(t) for t in texts]
    counts = _char_wb_counts(vectorizer, texts) if vectorizer.analyzer == "char_wb" else _counts(vectorizer, texts)
    if vectorizer.binary:  # from here on scikit-learn's CountVectorizer and TfidfTransformer, step for step
        counts.data.fill(1)
    if vectorizer.sublinear_tf:
        np.log(counts.data, counts.data)
        counts.data += 1.0
    if vectorizer.use_idf:
        counts.data *= vectorizer.idf_[counts.indices]
    if vectorizer.norm is not None:
        counts = normalize(counts, norm=vectorizer.norm, copy=False)
    return counts


def _counts(vectorizer, texts: list[str]) -> sp.csr_matrix:
    """Vocabulary counts (float64, sorted indices) of the analyzer's features of each text."""
    analyze = _word_analyzer(vectorizer) if vectorizer.analyzer == "word" else vectorizer.build_analyzer()
    features = [analyze(t) for t in texts]
    rows = np.repeat(np.arange(len(features)), [len(f) for f in features])
    return _count_matrix(vectorizer.vocabulary_, chain.from_iterable(features), rows, len(features))


def _word_analyzer(vectorizer):
    """scikit-learn's ``word`` analyzer (its preprocessor, tokenizer and stop words) with the n-grams joined in bulk.

    scikit-learn joins each n-gram in its own Python step; here ``map`` joins
    them over shifted copies of the token list, in scikit-learn's order
    (every unigram, then every bigram, ...), so the features are the same list.
    """
    preprocess, tokenize = vectorizer.build_preprocessor(), vectorizer.build_tokenizer()
    if vectorizer.tokenizer is None and vectorizer.token_pattern == _SCIKIT_TOKENS:
        tokenize = _TOKENS.findall
    stop_words = vectorizer.get_stop_words()
    min_n, max_n = vectorizer.ngram_range

    def analyze(text: str) -> list[str]:
        tokens = tokenize(preprocess(text))
        if stop_words is not None:
            tokens = [w for w in tokens if w not in stop_words]
        grams = list(tokens) if min_n == 1 else []
        for n in range(max(min_n, 2), max_n + 1):
            grams.extend(map(" ".join, zip(*(tokens[i:] for i in range(n)))))
        return grams

    return analyze


def _char_wb_counts(vectorizer, texts: list[str]) -> sp.csr_matrix:
    """:func:`_counts` for the ``char_wb`` analyzer: each distinct word cut into n-grams once."""
    preprocess = vectorizer.build_preprocessor()
    # scikit-learn first merges runs of whitespace (\\s\\s+ -> " "): split() would cut there all the same
    per_doc = [Counter(preprocess(t).split()) for t in texts]
    word_ids = {w: i for i, w in enumerate(dict.fromkeys(chain.from_iterable(per_doc)))}
    docs = sp.csr_matrix((np.fromiter(chain.from_iterable(c.values() for c in per_doc), dtype=np.float64),
                          np.fromiter(map(word_ids.__getitem__, chain.from_iterable(per_doc)), dtype=np.int64),
                          np.cumsum([0] + [len(c) for c in per_doc])), shape=(len(per_doc), len(word_ids)))
    columns = _word_columns(vectorizer, word_ids)
    lengths = np.fromiter(map(len, columns), dtype=np.int64, count=len(columns))
    # a word's columns repeat where its n-grams do ("ss" in "assess"): the product sums them
    words = sp.csr_matrix((np.ones(int(lengths.sum())), np.concatenate([np.zeros(0, np.int32), *columns]),
                           np.concatenate([[0], np.cumsum(lengths)])),
                          shape=(len(columns), len(vectorizer.vocabulary_)))
    # each row's columns sorted, as scikit-learn leaves them: two linear transpositions cost less than sorting
    counts = sp.csr_matrix(docs @ words).tocsc().tocsr()
    counts.sum_duplicates()  # a check only: the product has no duplicates and the indices are now sorted
    return counts


def _word_columns(vectorizer, words) -> list[np.ndarray]:
    """The vocabulary columns of each word's ``char_wb`` n-grams, from this process's cache where it has them."""
    cache = _COLUMNS.setdefault(vectorizer, {})
    if len(cache) > WORDS_CACHED:
        cache.clear()
    found = {w: cache.get(w) for w in words}  # kept here: another thread may clear the cache meanwhile
    new = [w for w, c in found.items() if c is None]
    if new:
        padded = [f" {w} " for w in new]  # scikit-learn pads each word with a space either side
        cuts = [_ngram_slices(len(p), *vectorizer.ngram_range) for p in padded]
        grams = chain.from_iterable(map(p.__getitem__, c) for p, c in zip(padded, cuts))
        columns = np.fromiter(map(vectorizer.vocabulary_.get, grams, repeat(-1)), dtype=np.int64,
                              count=sum(map(len, cuts)))
        known = columns >= 0
        ends = np.cumsum(np.add.reduceat(known, np.cumsum([0] + [len(c) for c in cuts[:-1]])))
        computed = np.split(columns[known].astype(np.int32), ends[:-1])
        found.update(zip(new, computed))
        cache.update(zip(new, computed))
    return list(found.values())


def _count_matrix(vocabulary: dict, features, rows: np.ndarray, n_rows: int) -> sp.csr_matrix:
    """Rows x vocabulary counts of ``features`` (a flat iterable; ``rows[i]`` is the row of the i-th)."""
    columns = np.fromiter(map(vocabulary.get, features, repeat(-1)), dtype=np.int64, count=len(rows))
    known = columns >= 0
    counts = sp.csr_matrix((np.ones(int(known.sum())), (rows[known], columns[known])),
                           shape=(n_rows, len(vocabulary)))  # duplicates are summed
    counts.sum_duplicates()
    return counts


def _ngram_slices(length: int, min_n: int, max_n: int) -> tuple[slice, ...]:
    """The slices that cut a padded word of ``length`` characters into its ``char_wb`` n-grams, as scikit-learn does."""
    if length <= _SLICES_CACHED:
        return _cached_slices(length, min_n, max_n)
    return _slices(length, min_n, max_n)


def _slices(length: int, min_n: int, max_n: int) -> tuple[slice, ...]:
    if length < min_n:  # scikit-learn counts a word shorter than min_n once, whole
        return (slice(0, length),)
    return tuple(slice(i, i + n) for n in range(min_n, min(max_n, length) + 1) for i in range(length - n + 1))


_SLICES_CACHED = 64
"""Words up to this length (nearly all) share their slices; a rare longer token gets its own, uncached."""
_cached_slices = lru_cache(maxsize=None)(_slices)
