"""TF-IDF transform equal to scikit-learn's ``TfidfVectorizer.transform``, without its per-n-gram Python loop.

scikit-learn counts n-grams one Python step at a time (a ``try`` and two
dict operations per n-gram; the character block makes about four n-grams
per character), so vectorizing whole articles cost more than finding their
quotes. Here Python looks up each token or word once and NumPy and SciPy do
the rest:

- ``word`` 1-2-grams (the model's setting): each token is looked up once in
  a per-process index of the vocabulary's tokens (:class:`_BigramIndex`),
  and the bigrams are pairs of token ids found by one sorted search; no
  n-gram string is built. Other settings join the n-grams and look them up
  with ``map``.
- ``char_wb``, whose n-grams never cross a word: each distinct word is cut
  and looked up once (a batch's new words all at once, as integer keys
  looked up in NumPy: :func:`_columns_at_once`), then kept as a row of a words x features matrix
  (:class:`_WordStore`, bounded by :data:`WORDS_CACHED`), and the words are
  summed into documents with one sparse product (documents x words @ words
  x features); news repeats its words, so a batch of articles has about
  one distinct word in five.

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
import threading
from functools import lru_cache
from itertools import chain, repeat
from typing import NamedTuple, Sequence
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
"""Distinct words whose ``char_wb`` columns a process keeps per vectorizer (about 22 MB), then it starts over.

Worker processes score small chunks of articles; without the cache each
chunk would cut its words again (measured: chunks of 11 articles cost 15%
more than chunks of 64), and the words of news recur from one article to
the next."""


def transform(vectorizer, texts: Sequence[str]):
    """``vectorizer.transform(texts)`` of a fitted TfidfVectorizer (float64 features, as by default)."""
    if vectorizer.dtype != np.float64:  # scikit-learn would keep float32; not worth a second path
        return vectorizer.transform(texts)
    texts = [vectorizer.decode(t) for t in texts]
    if vectorizer.analyzer == "char_wb":
        counts = _char_wb_counts(vectorizer, texts)
    elif vectorizer.analyzer == "word" and _BigramIndex.covers(vectorizer):
        counts = _bigram_counts(vectorizer, texts)
    else:
        counts = _counts(vectorizer, texts)
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
    columns = np.fromiter(map(vectorizer.vocabulary_.get, chain.from_iterable(features), repeat(-1)),
                          dtype=np.int64, count=len(rows))
    return _count_matrix(rows, columns, len(features), len(vectorizer.vocabulary_))


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


class _BigramIndex(NamedTuple):
    """A ``word`` vocabulary of unigrams and bigrams as token ids, so a token is looked up once, not in 3 n-grams.

    Built once per process and vectorizer (about 0.1 s of CPU and 3 MB for the
    model's 100,000 n-grams of 11,000 tokens) and kept while the vectorizer
    lives.
    """
    tokens: dict[str, int]
    """Each token of a vocabulary key -> its id; ``len(tokens)`` stands for any other token."""
    unigrams: np.ndarray
    """The column of each token id's unigram, -1 if none (so for the last id, any other token)."""
    keys: np.ndarray
    """``first * len(tokens) + second`` of each bigram of the vocabulary, sorted, then ``len(tokens) ** 2``."""
    bigrams: np.ndarray
    """The column of each of ``keys`` (-1 for the last)."""

    @staticmethod
    def covers(vectorizer) -> bool:
        """Whether ``vectorizer`` makes only unigrams and bigrams, or only bigrams, of scikit-learn's default tokens.

        Those tokens never hold a space, so a feature is a vocabulary key
        exactly when its tokens are the key cut at its one space (or the
        key itself, with no space).
        """
        return (vectorizer.ngram_range in ((1, 2), (2, 2)) and vectorizer.tokenizer is None
                and vectorizer.token_pattern == _SCIKIT_TOKENS)

    @classmethod
    def of(cls, vectorizer) -> "_BigramIndex":
        """This process's index of a fitted vectorizer's vocabulary."""
        index = _INDEXES.get(vectorizer)
        if index is None:
            index = _INDEXES[vectorizer] = cls.build(vectorizer.vocabulary_)
        return index

    @classmethod
    def build(cls, vocabulary: dict[str, int]) -> "_BigramIndex":
        # all keys' tokens in one flat list (a list per key costs twice as much); a key with two spaces or
        # an empty token gets ids no text's tokens have, so it is never found, as in scikit-learn
        parts = " ".join(vocabulary).split(" ")
        tokens = {t: i for i, t in enumerate(dict.fromkeys(parts))}
        ids = np.fromiter(map(tokens.__getitem__, parts), dtype=np.int64, count=len(parts))
        spaces = np.fromiter(map(str.count, vocabulary, repeat(" ")), dtype=np.int64, count=len(vocabulary))
        starts = np.cumsum(spaces + 1) - spaces - 1  # where each key's tokens begin in parts
        columns = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(vocabulary))
        unigrams = np.full(len(tokens) + 1, -1, dtype=np.int64)
        unigrams[ids[starts[spaces == 0]]] = columns[spaces == 0]
        pairs = starts[spaces == 1]
        keys = ids[pairs] * len(tokens) + ids[pairs + 1]
        order = np.argsort(keys)
        return cls(tokens, unigrams, np.append(keys[order], len(tokens) ** 2),
                   np.append(columns[spaces == 1][order], -1))


_INDEXES: "WeakKeyDictionary[object, _BigramIndex]" = WeakKeyDictionary()


def _bigram_counts(vectorizer, texts: list[str]) -> sp.csr_matrix:
    """:func:`_counts` of the vectorizers :meth:`_BigramIndex.covers`, through their index."""
    index = _BigramIndex.of(vectorizer)
    preprocess, stop_words = vectorizer.build_preprocessor(), vectorizer.get_stop_words()
    docs = [_TOKENS.findall(preprocess(t)) for t in texts]
    if stop_words is not None:
        docs = [[w for w in d if w not in stop_words] for d in docs]
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    other = len(index.tokens)
    ids = np.fromiter(map(index.tokens.get, chain.from_iterable(docs), repeat(other)), dtype=np.int64,
                      count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(docs)), lengths)
    # two neighbouring tokens make a bigram unless the second begins a text; with another token, none of ours
    pair = (ids[:-1] != other) & (ids[1:] != other)
    starts = np.cumsum(lengths)[:-1]
    pair[starts[(starts > 0) & (starts < len(ids))] - 1] = False
    keys = ids[:-1][pair] * other + ids[1:][pair]
    order = np.argsort(keys)  # a search for sorted keys costs half as much
    keys, pair_rows = keys[order], rows[:-1][pair][order]
    found = np.searchsorted(index.keys, keys)  # never past the last key, which is larger than any pair's
    known = index.keys[found] == keys
    columns, pair_rows = index.bigrams[found[known]], pair_rows[known]
    if vectorizer.ngram_range[0] == 1:
        columns, pair_rows = np.concatenate([index.unigrams[ids], columns]), np.concatenate([rows, pair_rows])
    return _count_matrix(pair_rows, columns, len(docs), len(vectorizer.vocabulary_))


def _count_matrix(rows: np.ndarray, columns: np.ndarray, n_rows: int, n_columns: int) -> sp.csr_matrix:
    """Rows x columns counts of features at ``(rows[i], columns[i])``, those with column -1 left out.

    One sort of ``row * n_columns + column`` both sums the duplicates and
    orders each row's columns (cheaper than SciPy's conversion and sort).
    """
    known = columns >= 0
    cells, counts = np.unique(rows[known] * n_columns + columns[known], return_counts=True)
    cell_rows = cells // n_columns
    return sp.csr_matrix((counts.astype(np.float64), (cells - cell_rows * n_columns).astype(np.int32),
                          np.searchsorted(cell_rows, np.arange(n_rows + 1)).astype(np.int32)),
                         shape=(n_rows, n_columns))


class _WordStore:
    """The ``char_wb`` columns of the words a process has seen, as the rows of one words x features matrix.

    Rows are only ever appended. Their columns go into free room past the
    stored ones or, when there is none, into a new array half as large again
    as needed, so a batch of new words costs about as much as those words,
    not as the whole store (up to 50,000 words, ~1.2 million columns). A
    matrix from :meth:`matrix` is a view of what was stored then, so it
    stays valid while another thread adds words.
    """

    def __init__(self, n_features: int):
        self.rows: dict[str, int] = {}
        self.indptr = np.zeros(1, dtype=np.int32)
        self.indices = np.zeros(0, dtype=np.int32)
        self.ones = np.ones(0)
        self.n_features = n_features

    def add(self, words: list[str], columns: np.ndarray, counts: np.ndarray) -> None:
        """Append ``words`` whose columns are ``columns``, ``counts[i]`` of them for ``words[i]``, in order."""
        stored = int(self.indptr[-1])
        if stored + len(columns) > len(self.indices):
            grown = np.empty((stored + len(columns)) * 3 // 2, dtype=np.int32)
            grown[:stored] = self.indices[:stored]
            self.indices, self.ones = grown, np.ones(len(grown))
        self.indices[stored:stored + len(columns)] = columns
        self.indptr = np.concatenate([self.indptr, (stored + np.cumsum(counts)).astype(np.int32)])
        self.rows.update(zip(words, range(len(self.rows), len(self.rows) + len(words))))

    def matrix(self) -> sp.csr_matrix:
        # a word's columns repeat where its n-grams do ("ss" in "assess"): a product sums them
        stored = int(self.indptr[-1])
        return sp.csr_matrix((self.ones[:stored], self.indices[:stored], self.indptr),
                             shape=(len(self.indptr) - 1, self.n_features))


_STORES: "WeakKeyDictionary[object, _WordStore]" = WeakKeyDictionary()
_STORES_LOCK = threading.Lock()


def _char_wb_counts(vectorizer, texts: list[str]) -> sp.csr_matrix:
    """:func:`_counts` for the ``char_wb`` analyzer: each distinct word cut into n-grams once per process."""
    preprocess = vectorizer.build_preprocessor()
    # scikit-learn first merges runs of whitespace (\\s\\s+ -> " "): split() would cut there all the same
    docs = [preprocess(t).split() for t in texts]
    words = list(chain.from_iterable(docs))
    with _STORES_LOCK:
        store = _STORES.get(vectorizer)
        if store is None or len(store.rows) > WORDS_CACHED:
            store = _STORES[vectorizer] = _WordStore(len(vectorizer.vocabulary_))
        rows = np.fromiter(map(store.rows.get, words, repeat(-1)), dtype=np.int32, count=len(words))
        missing = np.flatnonzero(rows < 0).tolist()
        if missing:
            new = list(dict.fromkeys(map(words.__getitem__, missing)))
            store.add(new, *_word_columns(vectorizer, new))
            rows[missing] = np.fromiter(map(store.rows.__getitem__, map(words.__getitem__, missing)),
                                        dtype=np.int32, count=len(missing))
        words_matrix = store.matrix()
    # a word twice in a text is two entries of its row: the product sums them
    docs_matrix = sp.csr_matrix((np.ones(len(rows)), rows, np.cumsum([0] + [len(d) for d in docs], dtype=np.int32)),
                                shape=(len(docs), words_matrix.shape[0]))
    # each row's columns sorted, as scikit-learn leaves them: two linear transpositions cost less than sorting
    counts = sp.csr_matrix(docs_matrix @ words_matrix).tocsc().tocsr()
    counts.sum_duplicates()  # a check only: the product has no duplicates and the indices are now sorted
    return counts


AT_ONCE = 2_000
"""New words from which :func:`_word_columns` finds their columns at once: building the index for that (once
per process, ~0.07 s) costs more than it saves on fewer (~20 us a word), as in a one-article command."""


def _word_columns(vectorizer, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The vocabulary columns of each word's ``char_wb`` n-grams, all words' in one array, and how many each has."""
    columns = None
    if len(words) >= AT_ONCE or vectorizer in _GRAM_INDEX:
        columns = _columns_at_once(vectorizer, words)
    return _columns_one_by_one(vectorizer, words) if columns is None else columns


def _columns_one_by_one(vectorizer, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_word_columns`, each n-gram cut and looked up in Python."""
    padded = [f" {w} " for w in words]  # scikit-learn pads each word with a space either side
    cuts = [_ngram_slices(len(p), *vectorizer.ngram_range) for p in padded]
    grams = chain.from_iterable(map(p.__getitem__, c) for p, c in zip(padded, cuts))
    columns = np.fromiter(map(vectorizer.vocabulary_.get, grams, repeat(-1)), dtype=np.int64,
                          count=sum(map(len, cuts)))
    known = columns >= 0
    return columns[known].astype(np.int32), np.add.reduceat(known, np.cumsum([0] + [len(c) for c in cuts[:-1]]))


def _columns_at_once(vectorizer, words: list[str]):
    """:func:`_columns_one_by_one` for all ``words`` at once in NumPy (the same columns, in another order
    within a word, which the sums never see); ``None`` when the keys of :func:`_gram_index` would not fit.

    Text not seen before has thousands of new words, about 25 n-grams each:
    slicing and looking each up cost ~1 us, as much as attribution's
    sentence splitting. Here each n-gram is a key (see :func:`_gram_index`)
    read from a table or found by binary search in the vocabulary's sorted
    keys; the columns land in a characters x n grid, so reading it row by
    row groups them by word without a sort.
    """
    index = _gram_index(vectorizer)
    if index is None:
        return None
    alphabet, base, tables = index
    min_n, max_n = vectorizer.ngram_range
    padded = " " + "  ".join(words) + " "  # each word with a space either side, all in one string
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2
    starts = np.cumsum(lengths) - lengths
    room = np.repeat(starts + lengths, lengths) - np.arange(len(padded))  # characters left in each one's word
    digits = _digits(np.frombuffer(padded.encode("utf-32-le"), dtype="<u4"), alphabet)
    grid = np.full((len(padded), max_n), -1, dtype=np.int32)  # [i, n - 1]: the column of the n-gram at i
    keys = digits
    for n in range(1, max_n + 1):
        if n > 1:
            keys = keys[:-1] * base + digits[n - 1:]  # keys[i]: the n characters from position i
        if n >= min_n:
            at = np.flatnonzero(room[:len(keys)] >= n)
        else:  # scikit-learn counts a word shorter than min_n once, whole
            at = starts[lengths == n]
        if n not in tables or not len(at):
            continue
        table, queries = tables[n], keys[at]
        if not isinstance(table, tuple):
            grid[at, n - 1] = table[queries]
            continue
        table_keys, table_columns = table
        order = np.argsort(queries)  # a binary search of sorted queries starts where the last one ended
        where = np.empty_like(order)
        where[order] = np.minimum(np.searchsorted(table_keys, queries[order]), len(table_keys) - 1)
        hit = table_keys[where] == queries
        grid[at[hit], n - 1] = table_columns[where[hit]]
    found = grid >= 0
    return grid[found], np.add.reduceat(np.count_nonzero(found, axis=1), starts)


_GRAM_INDEX: "WeakKeyDictionary[object, object]" = WeakKeyDictionary()

DIRECT_KEYS = 1 << 20
"""Keys, over all n, of the n-grams that :func:`_gram_index` looks up in a table of every key (int32: 4 MB).

A table read costs one gather where sorting the queries and a binary
search cost ~10x more. The model's alphabet of 86 characters gives its 2-
and 3-grams (about half the n-grams of a text) 666,000 keys; its 4-grams
would need 57 million, so those stay searched."""


def _gram_index(vectorizer):
    """``(alphabet, base, {n: table})`` of a fitted vectorizer's vocabulary, built once.

    The alphabet holds the code points of the vocabulary's characters, sorted;
    an n-gram's key is its characters' places in it (1, 2, ...; 0 for a
    character outside it, which no vocabulary n-gram has) read as an n-digit
    number in base ``len(alphabet) + 1``. The table of n is the column of
    every key (-1 for none) as long as such tables, shortest n first, hold
    at most :data:`DIRECT_KEYS` keys, else ``(sorted keys, their columns)``. ``None`` when the
    longest n-grams' keys would not fit in 64 bits (an alphabet of thousands
    of characters).
    """
    if vectorizer in _GRAM_INDEX:
        return _GRAM_INDEX[vectorizer]
    terms = list(vectorizer.vocabulary_)
    alphabet = np.unique(np.frombuffer("".join(terms).encode("utf-32-le"), dtype="<u4"))
    base = len(alphabet) + 1
    longest = max(map(len, terms), default=0)
    index = None
    if base ** longest < 2 ** 63:
        tables = {}
        by_length: dict[int, list[str]] = {}
        for term in terms:
            by_length.setdefault(len(term), []).append(term)
        direct = DIRECT_KEYS
        for n, group in sorted(by_length.items()):
            digits = _digits(np.frombuffer("".join(group).encode("utf-32-le"), dtype="<u4"), alphabet)
            keys = digits.reshape(len(group), n) @ (base ** np.arange(n - 1, -1, -1, dtype=np.int64))
            columns = np.fromiter(map(vectorizer.vocabulary_.__getitem__, group), dtype=np.int32, count=len(group))
            if base ** n <= direct:
                direct -= base ** n
                tables[n] = np.full(base ** n, -1, dtype=np.int32)
                tables[n][keys] = columns
            else:
                order = np.argsort(keys)
                tables[n] = (keys[order], columns[order])
        index = (alphabet, base, tables)
    _GRAM_INDEX[vectorizer] = index
    return index


def _digits(codes: np.ndarray, alphabet: np.ndarray) -> np.ndarray:
    """Each code point's place in ``alphabet`` counted from 1, or 0 when it is not there (int64)."""
    place = np.minimum(np.searchsorted(alphabet, codes), max(len(alphabet) - 1, 0))
    known = alphabet[place] == codes if len(alphabet) else np.zeros(len(codes), bool)
    return np.where(known, place + 1, 0).astype(np.int64)


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
