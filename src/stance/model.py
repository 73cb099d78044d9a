"""StanceModel: a topic model and per-topic stance models over shared TF-IDF features.

One :class:`~sklearn.pipeline.FeatureUnion` of word and character TF-IDF is
fitted once on all training texts; a logistic-regression head on top picks the
topic, and one head per topic scores favor / against / none. Every statement
is vectorized once, whatever the number of heads.

The stance heads are trained in one of two ways (``stance_head``):
``"per_topic"`` fits one logistic regression per topic on that topic's rows;
``"joint"`` fits ONE logistic regression on all topics' rows over
topic-independent features, topic-specific copies of them (the feature times
a topic indicator, "frustratingly easy domain adaptation") and a topic
one-hot, so topics with few examples borrow strength from the others. A
joint head is stored as the per-topic linear heads it is equivalent to
(shared + topic-specific weights), so prediction and the file layout are
the same for both. Every head's probabilities can be rescaled by a
temperature (a plain float) fitted on out-of-fold scores (see
:func:`fit_temperature` and :func:`stance.training.train`).

Model files hold plain arrays and dicts (vocabularies, idf weights,
coefficients, label order), never pickled scikit-learn objects, and the
pipeline is rebuilt on load, so a file loads under any scikit-learn version
the package admits. :mod:`stance.modelfile` writes and reads them: JSON and
numeric arrays in one file whose every byte is checksummed, nothing
unpickled, written atomically.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence

import re

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from .errors import ModelError, NotFittedError, StanceError, unknown
from . import tfidf
from .features import TargetRewriter, target_lexicon
from .modelfile import RETRAIN_HINT, read_model_file, write_model_file

FORMAT_VERSION = 4
"""Bump when the file layout changes; files of another version are refused with the fix.

4: no pickle: JSON and ``.npy`` arrays in one file, every byte checksummed
(:mod:`stance.modelfile`). Formats 1 to 3 stored a joblib pickle and are
refused (3 added ``target_terms``, ``negation``, ``signed_features``,
``shared_weight``, ``context_weight`` and the model's copy of the target
lexicon, see :mod:`stance.features`; 2 the temperatures, ``stance_head`` and
``split_hashtags``). Later, within format 4: ``speaker_weight`` and
``surround_weight`` (files without them load with 0); ``negation``, ``signed_features`` and
``shared_weight`` retired (issue 11 round 2, not adopted): files that list
them load when they were off, as every file of the round-1 code did.
"""

RETIRED_PARAMS = {"negation": False, "signed_features": False, "shared_weight": 1.0}
"""Parameters of earlier format-4 files that this version no longer has, with the value that made them a no-op."""

STANCE_HEADS = ("per_topic", "joint")

_HASHTAG = re.compile(r"#(\w+)")

_VECTORIZER_PARAMS = (
    "analyzer", "ngram_range", "lowercase", "min_df", "max_df", "max_features",
    "sublinear_tf", "norm", "use_idf", "smooth_idf", "token_pattern", "strip_accents",
)


class StanceModel(BaseEstimator):
    """Topic and stance classifier for short statements.

    Parameters
    ----------
    word_ngrams : tuple of int, default=(1, 2)
        n-gram range of the word TF-IDF block.
    char_ngrams : tuple of int, default=(2, 5)
        n-gram range of the character (``char_wb``) TF-IDF block.
    min_df : int, default=1
        Minimum document frequency of a feature.
    max_features : int or None, default=100000
        Cap on each block's vocabulary (keeps model files small).
    C : float, default=4.0
        Inverse regularization strength of every logistic-regression head.
    class_weight : {"balanced"} or None, default="balanced"
        Class weighting of every head. With a joint stance head, "balanced"
        weighs each (topic, label) pair as a per-topic head would.
    stance_head : {"per_topic", "joint"}, default="per_topic"
        One logistic regression per topic, or one joint model over
        topic-independent and topic-specific features (see the module notes).
        :func:`stance.training.train` picks one by cross-validation.
    split_hashtags : bool, default=True
        Add each hashtag's bare word before featurizing (``#climate`` ->
        ``climate #climate``), so hashtags and plain words share features.
    target_terms : bool, default=False
        The word block reads target-aware text (:mod:`stance.features`):
        topic terms become signed placeholders shared by all topics
        (``tgtpro`` for the target, ``tgtcon`` for its opposite) and topic
        hint tokens are added. The character block reads the text as given.
    context_weight : float, default=0.0
        Weight of the article's topic logits added to a statement's when the
        article is given (:meth:`predict_topic_proba`, ``contexts``); 0
        ignores the article. Used at prediction only.
    speaker_weight : float, default=0.0
        Share of the mean over the same speaker's statements on the same
        topic in the same article blended into each statement's stance
        probabilities (:mod:`stance.pooling`; applied by the Analyzer and
        ``stance evaluate``); 0 scores each statement alone. Used at
        prediction only.
    surround_weight : float, default=0.0
        Share of the stance logits of the text around a statement in its
        article (:mod:`stance.surroundings`) in the logits the statement is
        scored with: ``(1 - w) * statement + w * surroundings``, when the
        surroundings are given (:meth:`predict_stance_proba`); 0 reads the
        statement alone. Used at prediction only.
    random_state : int or None, default=0
        Seed of the solvers, kept for reproducibility.

    Attributes
    ----------
    topics_ : list of str
        Topics the topic head predicts (may include ``"other"``).
    classes_ : list of str
        Stance labels, the column order of :meth:`predict_stance_proba`.
    features_ : FeatureUnion
        The fitted word and character TF-IDF blocks.
    topic_head_ : LogisticRegression or None
        ``None`` when the training data had a single topic.
    stance_heads_ : dict of str to LogisticRegression or str
        Per topic, a classifier, or the single label the topic was trained with.
    topic_temperature_ : float
        Temperature of the topic head (1.0 until :meth:`set_temperatures`).
    stance_temperatures_ : dict of str to float
        Temperature of each topic's stance head.

    Notes
    -----
    Fitted models are read-only during prediction, so one instance can serve
    many threads, and it pickles to worker processes.

    Examples
    --------
    >>> m = StanceModel(min_df=1).fit(
    ...     ["Tariffs protect our jobs.", "Tariffs hurt everyone.", "Free trade helps."],
    ...     ["tariffs", "tariffs", "tariffs"], ["favor", "against", "against"])
    >>> m.classes_
    ['against', 'favor']
    """

    def __init__(self, *, word_ngrams=(1, 2), char_ngrams=(2, 5), min_df=1,
                 max_features=100000, C=4.0, class_weight="balanced", stance_head="per_topic",
                 split_hashtags=True, target_terms=False, context_weight=0.0,
                 speaker_weight=0.0, surround_weight=0.0, random_state=0):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.class_weight = class_weight
        self.stance_head = stance_head
        self.split_hashtags = split_hashtags
        self.target_terms = target_terms
        self.context_weight = context_weight
        self.speaker_weight = speaker_weight
        self.surround_weight = surround_weight
        self.random_state = random_state

    # -- fitting -----------------------------------------------------------

    def fit(self, texts: Sequence[str], topics: Sequence[str], stances: Sequence[str]) -> "StanceModel":
        """Fit the features, the topic head and the stance heads.

        Rows of topic ``"other"`` train the topic head only: a statement on no
        topic has no stance to learn. Temperatures are reset to 1.0.
        """
        texts, topics, stances = list(texts), list(topics), list(stances)
        if not (len(texts) == len(topics) == len(stances)) or not texts:
            raise ValueError("texts, topics and stances must be non-empty and of equal length")
        if self.stance_head not in STANCE_HEADS:  # before the costly features
            raise ValueError(f"stance_head must be one of {STANCE_HEADS}, got {self.stance_head!r}")
        X = self.fit_features(texts)
        self.fit_heads(X, topics, stances)
        return self

    def fit_features(self, texts: Sequence[str]):
        """Fit the TF-IDF blocks on ``texts`` and return their features (the first half of :meth:`fit`)."""
        self.target_lexicon_ = [list(row) for row in target_lexicon()] if self.target_terms else None
        self.features_ = self._make_features(len(texts))
        inputs = self._prepare(texts)
        return sp.hstack([vec.fit_transform(inputs[name]) for name, vec in self.features_.transformer_list],
                         format="csr")

    def fit_heads(self, X, topics: Sequence[str], stances: Sequence[str], *, topic_head="fit") -> "StanceModel":
        """Fit the topic and stance heads on rows ``X`` vectorized by :meth:`fit_features`.

        The second half of :meth:`fit`. Cross-validation uses it to share one
        vectorization per fold between candidate heads: ``topic_head`` may be
        an already fitted topic head to reuse, or ``None`` to skip it (the
        model then predicts no topics; for scoring stance only).
        """
        if self.stance_head not in STANCE_HEADS:
            raise ValueError(f"stance_head must be one of {STANCE_HEADS}, got {self.stance_head!r}")
        topics, stances = [str(t) for t in topics], [str(s) for s in stances]
        self.topics_ = sorted(set(topics))
        if len(self.topics_) == 1 or topic_head is None:
            self.topic_head_ = None
        elif isinstance(topic_head, str):
            self.topic_head_ = self._make_head().fit(X, topics)
        else:
            self.topic_head_ = topic_head
        self.classes_ = sorted({s for t, s in zip(topics, stances) if t != "other"} or {"none"})
        topic_arr, stance_arr = np.asarray(topics), np.asarray(stances)
        stance_topics = [t for t in self.topics_ if t != "other"]
        if self.stance_head == "joint":
            self.stance_heads_ = self._fit_joint(X, topic_arr, stance_arr, stance_topics)
        else:
            self.stance_heads_ = {}
            for topic in stance_topics:
                rows = np.flatnonzero(topic_arr == topic)
                labels = stance_arr[rows]
                if len(set(labels)) == 1:
                    self.stance_heads_[topic] = str(labels[0])
                else:
                    self.stance_heads_[topic] = self._make_head().fit(X[rows], labels)
        self.topic_temperature_ = 1.0
        self.stance_temperatures_ = {t: 1.0 for t in self.stance_heads_}
        return self

    def _fit_joint(self, X, topic_arr, stance_arr, stance_topics) -> dict:
        rows = np.flatnonzero(np.isin(topic_arr, stance_topics))
        labels, row_topics = stance_arr[rows], topic_arr[rows]
        if len(set(labels)) == 1:
            return {t: str(labels[0]) for t in stance_topics}
        Z = joint_features(X[rows], row_topics, stance_topics)
        # tol 1e-3: the joint problem is (topics + 1) times wider; this halves its fitting time
        head = self._make_head(class_weight=None).set_params(tol=1e-3)
        weight = _per_topic_balanced(row_topics, labels) if self.class_weight == "balanced" else None
        head.fit(Z, labels, sample_weight=weight)
        d, k = X.shape[1], len(stance_topics)
        W, b = head.coef_, head.intercept_
        heads = {}
        for i, topic in enumerate(stance_topics):
            coef = W[:, :d] + W[:, d * (i + 1):d * (i + 2)]
            heads[topic] = _linear_head(head.classes_, coef, b + W[:, d * (k + 1) + i])
        return heads
    def _make_features(self, n_rows: int) -> FeatureUnion:
        min_df = self.min_df if n_rows >= 10 * self.min_df else 1
        common = dict(lowercase=True, sublinear_tf=True, min_df=min_df, max_features=self.max_features)
        blocks = [("word", TfidfVectorizer(analyzer="word", ngram_range=tuple(self.word_ngrams), **common)),
                  ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngrams), **common))]
        return FeatureUnion(blocks)

    def _make_head(self, class_weight="inherit") -> LogisticRegression:
        # newton-cg: exact like lbfgs, several times faster on these sparse problems, deterministic.
        return LogisticRegression(C=self.C, class_weight=self.class_weight if class_weight == "inherit"
                                  else class_weight, solver="newton-cg", max_iter=2000,
                                  random_state=self.random_state)

    def _prepare(self, texts: Sequence[str]) -> dict[str, list[str]]:
        """The text each feature block reads."""
        texts = [str(t) for t in texts]
        if self.split_hashtags:
            texts = [_HASHTAG.sub(r"\1 #\1", t) if "#" in t else t for t in texts]  # the test costs less than sub
        words = texts
        if getattr(self, "target_lexicon_", None):
            rewriter = _rewriter(tuple(tuple(row) for row in self.target_lexicon_))
            words = [rewriter.rewrite(t)[0] for t in texts]
        return {"word": words, "char": texts}

    def set_temperatures(self, *, topic: Optional[float] = None,
                         stance: Optional[Mapping[str, float]] = None) -> "StanceModel":
        """Set the temperature of the topic head and of stance heads (see :func:`fit_temperature`).

        A head's probabilities become ``softmax(logits / T)``; ``T > 1``
        softens over-confident heads. The argmax (the predicted label) never
        changes.
        """
        self._check_fitted()
        if topic is not None:
            self.topic_temperature_ = _check_temperature(topic)
        for t, value in (stance or {}).items():
            self.check_topic(t)
            self.stance_temperatures_[t] = _check_temperature(value)
        return self

    # -- prediction ----------------------------------------------------------

    def _check_fitted(self) -> None:
        if not hasattr(self, "features_"):
            raise NotFittedError("this StanceModel is not fitted yet; call fit() or StanceModel.load()")

    def transform(self, texts: Sequence[str]):
        """TF-IDF features of ``texts`` (the input of every head)."""
        self._check_fitted()
        inputs = self._prepare(texts)
        return sp.hstack([tfidf.transform(vec, inputs[name]) for name, vec in self.features_.transformer_list],
                         format="csr")

    def transform_with_contexts(self, texts: Sequence[str], contexts: Optional[Sequence[str]]):
        """``(transform(texts), context_X)``, the second the features of the distinct ``contexts`` (see
        :meth:`predict_topic_proba`) or ``None`` when they are not used; one pass over both, since a
        statement's words are its article's and the character block cuts each distinct word once.
        """
        if contexts is None or self.context_weight <= 0 or self.topic_head_ is None:
            return self.transform(texts), None
        texts, distinct = list(texts), list(dict.fromkeys(str(c) for c in contexts))
        return _split_rows(self.transform(texts + distinct), len(texts))

    def predict_topic_proba(self, texts: Sequence[str], *, X=None,
                            contexts: Optional[Sequence[str]] = None, context_X=None) -> np.ndarray:
        """Probability of each of ``topics_`` per text, shape ``(n, len(topics_))``.

        ``contexts`` (optional) holds the article each text was quoted from;
        with a positive ``context_weight`` the article's topic logits, times
        the weight, are added to the statement's, so a statement without
        topic words takes the topic of the article around it. ``context_X``:
        the features of the distinct contexts in first-seen order, when
        already computed (:meth:`transform_with_contexts`).
        """
        self._check_fitted()
        X = self.transform(texts) if X is None else X
        if self.topic_head_ is None:
            return np.ones((X.shape[0], 1))
        logits = head_logits(self.topic_head_, X)
        if contexts is not None and self.context_weight > 0:
            contexts = [str(c) for c in contexts]
            if len(contexts) != X.shape[0]:
                raise ValueError(f"{X.shape[0]} texts but {len(contexts)} contexts")
            unique = list(dict.fromkeys(contexts))
            if context_X is not None and context_X.shape[0] != len(unique):
                raise ValueError(f"{len(unique)} distinct contexts but {context_X.shape[0]} rows of context_X")
            article_logits = head_logits(self.topic_head_, self.transform(unique) if context_X is None else context_X)
            where = {c: i for i, c in enumerate(unique)}
            logits = logits + self.context_weight * article_logits[[where[c] for c in contexts]]
        proba = softmax(logits / self.topic_temperature_)
        order = [list(self.topic_head_.classes_).index(t) for t in self.topics_]
        return proba[:, order]

    def predict_stance_proba(self, texts: Sequence[str], topics: Sequence[str], *, X=None,
                             surroundings: Optional[Sequence[str]] = None) -> np.ndarray:
        """Stance probabilities (columns ``classes_``) of each text on its given topic.

        ``surroundings`` (optional) holds the text around each statement in
        its article (:func:`stance.surroundings.surroundings`); with a
        positive ``surround_weight`` its stance logits are mixed into the
        statement's, so a quote that says little alone is read with its
        context.

        Raises
        ------
        StanceError
            A topic the model has no stance head for.
        """
        self._check_fitted()
        X = self.transform(texts) if X is None else X
        topics = list(topics)
        for topic in set(topics):
            self.check_topic(topic)
        weight = getattr(self, "surround_weight", 0.0)
        around = None
        if surroundings is not None and weight > 0:
            if len(surroundings) != X.shape[0]:
                raise ValueError(f"{X.shape[0]} texts but {len(surroundings)} surroundings")
            around = self.transform(surroundings)
        out = np.zeros((X.shape[0], len(self.classes_)))
        topic_arr = np.asarray(topics)
        for topic in set(topics):
            rows = np.flatnonzero(topic_arr == topic)
            head = self.stance_heads_[topic]
            if isinstance(head, str):
                out[rows, self.classes_.index(head)] = 1.0
                continue
            logits = head_logits(head, X[rows])
            if around is not None:
                logits = (1 - weight) * logits + weight * head_logits(head, around[rows])
            cols = [self.classes_.index(c) for c in head.classes_]
            out[np.ix_(rows, cols)] = softmax(logits / self.stance_temperatures_[topic])
        return out

    def check_topic(self, topic: str) -> None:
        """Raise a :class:`~stance.errors.StanceError` naming the scoreable topics."""
        self._check_fitted()
        if topic not in self.stance_heads_:
            raise StanceError(unknown("topic", topic, self.stance_heads_))

    # -- persistence -----------------------------------------------------------

    def save(self, path, *, metadata: Optional[Mapping[str, Any]] = None) -> Path:
        """Write the model atomically (see :mod:`stance.modelfile`): a crash never leaves a half-written file.

        The metadata travels in the same file as the parameters, so a reader
        never pairs a new model with old metadata.

        Raises
        ------
        OutputError
            ``path`` is a device, a directory, or in a directory that does not exist.
        """
        self._check_fitted()
        header = dict(metadata or {})
        header["format_version"] = FORMAT_VERSION
        written = write_model_file(path, self._export(), header)
        self.metadata_ = header
        return written

    @classmethod
    def load(cls, path) -> "StanceModel":
        """Read a file written by :meth:`save`, checking every byte's checksum first; nothing is unpickled.

        Raises
        ------
        ModelError
            Missing or unreadable file, not a stance model, a checksum mismatch
            (the file was damaged or modified after it was written), an older
            pickle-based format or another format version. The checksum lives
            in the same file, so it catches damage and edits, not a forgery.
        """
        header, state = read_model_file(path)
        version = header.get("format_version")
        if version != FORMAT_VERSION:
            raise ModelError(f"{path}: model format {version} but this stance reads format {FORMAT_VERSION}; "
                             f"{RETRAIN_HINT}")
        try:
            model = cls._import(state)
        except Exception as exc:  # well-formed JSON and arrays that are not a model's state
            raise ModelError(f"{path}: cannot rebuild the model ({type(exc).__name__}); {RETRAIN_HINT}") from None
        model.metadata_ = header
        return model

    def _export(self) -> dict:
        return {
            "params": self.get_params(),
            "features": [(name, _export_vectorizer(v)) for name, v in self.features_.transformer_list],
            "topics": list(self.topics_),
            "classes": list(self.classes_),
            "topic_head": _export_head(self.topic_head_) if self.topic_head_ is not None else None,
            "stance_heads": {t: h if isinstance(h, str) else _export_head(h) for t, h in self.stance_heads_.items()},
            "topic_temperature": float(self.topic_temperature_),
            "stance_temperatures": {t: float(v) for t, v in self.stance_temperatures_.items()},
            "target_lexicon": self.target_lexicon_,
        }

    @classmethod
    def _import(cls, state: dict) -> "StanceModel":
        params = dict(state["params"])
        for key, off in RETIRED_PARAMS.items():
            if params.pop(key, off) != off:
                raise ValueError(f"trained with the retired parameter {key}")
        for key in ("word_ngrams", "char_ngrams"):
            params[key] = tuple(params[key])
        model = cls(**params)
        model.features_ = FeatureUnion([(name, _import_vectorizer(v)) for name, v in state["features"]])
        model.target_lexicon_ = state["target_lexicon"]
        model.topics_ = list(state["topics"])
        model.classes_ = list(state["classes"])
        model.topic_head_ = _import_head(state["topic_head"]) if state["topic_head"] is not None else None
        model.stance_heads_ = {
            t: h if isinstance(h, str) else _import_head(h) for t, h in state["stance_heads"].items()
        }
        model.topic_temperature_ = float(state.get("topic_temperature", 1.0))
        temps = state.get("stance_temperatures", {})
        model.stance_temperatures_ = {t: float(temps.get(t, 1.0)) for t in model.stance_heads_}
        return model



def _split_rows(X: sp.csr_matrix, n: int) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """``(X[:n], X[n:])`` built on slices of ``X``'s arrays: SciPy's row slices copy every stored value."""
    cut = X.indptr[n]
    return (sp.csr_matrix((X.data[:cut], X.indices[:cut], X.indptr[:n + 1]), shape=(n, X.shape[1])),
            sp.csr_matrix((X.data[cut:], X.indices[cut:], X.indptr[n:] - cut), shape=(X.shape[0] - n, X.shape[1])))


@lru_cache(maxsize=4)
def _rewriter(rows: tuple) -> TargetRewriter:
    return TargetRewriter(rows)


def _export_vectorizer(vec: TfidfVectorizer) -> dict:
    params = {k: getattr(vec, k) for k in _VECTORIZER_PARAMS}
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    return {"params": params, "vocabulary": vocab, "idf": np.asarray(vec.idf_, dtype=np.float64)}


def _import_vectorizer(state: dict) -> TfidfVectorizer:
    params = dict(state["params"])
    params["ngram_range"] = tuple(params["ngram_range"])
    vec = TfidfVectorizer(**params)
    vec.vocabulary_ = {term: i for i, term in enumerate(state["vocabulary"])}
    vec.idf_ = np.asarray(state["idf"], dtype=np.float64)
    return vec


def _export_head(head: LogisticRegression) -> dict:
    return {
        "classes": [str(c) for c in head.classes_],
        "coef": np.asarray(head.coef_, dtype=np.float32),
        "intercept": np.asarray(head.intercept_, dtype=np.float64),
    }


def _import_head(state: dict) -> LogisticRegression:
    return _linear_head(state["classes"], state["coef"], state["intercept"])


def _linear_head(classes, coef, intercept) -> LogisticRegression:
    head = LogisticRegression()
    head.classes_ = np.asarray(classes)
    head.coef_ = np.asarray(coef, dtype=np.float64)
    head.intercept_ = np.asarray(intercept, dtype=np.float64)
    head.n_features_in_ = head.coef_.shape[1]
    return head


def joint_features(X, row_topics: Sequence[str], topics: Sequence[str]):
    """``[X, X * [topic == t] for t in topics, one-hot(topic)]``: the joint stance head's input.

    The first block is shared by all topics; each topic's copy is non-zero only
    on that topic's rows, so its weights learn what is specific to the topic.
    """
    row_topics = np.asarray(row_topics)
    indicators = np.column_stack([(row_topics == t).astype(np.float64) for t in topics])
    copy_blocks = [sp.diags(indicators[:, i]) @ X for i in range(len(topics))]
    blocks = [X] + copy_blocks + [sp.csr_matrix(indicators)]
    return sp.hstack(blocks, format="csr")


def _per_topic_balanced(row_topics: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Sample weights that balance the labels within each topic, as a per-topic head would."""
    weight = np.empty(len(labels))
    for topic in np.unique(row_topics):
        in_topic = row_topics == topic
        present = np.unique(labels[in_topic])
        for label in present:
            rows = in_topic & (labels == label)
            weight[rows] = in_topic.sum() / (len(present) * rows.sum())
    return weight * len(labels) / weight.sum()


def head_logits(head: LogisticRegression, X) -> np.ndarray:
    """Logits of a fitted linear head, one column per ``head.classes_`` (binary: ``[0, z]``)."""
    z = np.asarray(X @ head.coef_.T) + head.intercept_
    return np.hstack([np.zeros_like(z), z]) if z.shape[1] == 1 else z


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, numerically stable."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, y: Sequence[int]) -> float:
    """The temperature ``T`` minimizing the log loss of ``softmax(logits / T)`` on labels ``y``.

    ``y`` holds column indices into ``logits``. Searched on a log scale in
    [0.05, 20]; fit it on out-of-fold logits, never on the rows the head was
    trained on (those are over-confident by construction).
    """
    from scipy.optimize import minimize_scalar

    logits, y = np.asarray(logits, dtype=np.float64), np.asarray(y)
    if len(y) == 0:
        return 1.0

    def nll(log_t):
        z = logits / np.exp(log_t)
        z = z - z.max(axis=1, keepdims=True)
        return float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(y)), y]))

    res = minimize_scalar(nll, bounds=(np.log(0.05), np.log(20.0)), method="bounded", options={"xatol": 1e-4})
    return float(np.exp(res.x))


def _check_temperature(value) -> float:
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"a temperature must be a positive number, got {value}")
    return value
