"""Analyzer: text -> attributed statements with topic and stance (the embeddable API)."""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from itertools import islice, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Sequence

from .articles import check_article, check_text
from .data import OTHER_TOPIC
from .errors import ModelError
from .surroundings import surroundings
from .attribution import find_statements, resolve_statements
from .types import ArticleResult, Classification, Quote

if TYPE_CHECKING:  # the model (scikit-learn) is imported when a model is loaded, not by ``attribute``
    from .model import StanceModel

DEFAULT_MODEL_FILE = "stance.joblib"
MODEL_ENV = "STANCE_MODEL"
CHUNK_SIZE = 64
"""Articles attributed and scored together: enough to batch the model, few enough that memory stays flat."""


def default_model_path() -> Path:
    """The model installed with the package (``models/stance.joblib`` in a checkout)."""
    return Path(str(resources.files("stance.default_model").joinpath(DEFAULT_MODEL_FILE)))


def resolve_model_path(path=None) -> Path:
    """``path``, else ``$STANCE_MODEL``, else the default model."""
    if path:
        return Path(path)
    if os.environ.get(MODEL_ENV):
        return Path(os.environ[MODEL_ENV])
    return default_model_path()


def find_quotes(text: str) -> list:
    """Attribution in its two stages: the statements, then their speakers resolved."""
    if not text.strip():
        return []
    return resolve_statements(*find_statements(text))


def attribute(text: str, *, article: str = "-") -> ArticleResult:
    """Attribution only (who said what), without loading a model."""
    check_article(text, name=article)
    return ArticleResult(article=article, quotes=tuple(find_quotes(text)), model=None)


class Analyzer:
    """Finds who said what in an article and scores each statement's stance.

    Parameters
    ----------
    model : StanceModel
        A fitted model (see :meth:`load`).

    Notes
    -----
    An Analyzer holds only the fitted, read-only model: load it once, call it
    from many threads, pickle it to worker processes.

    Examples
    --------
    >>> analyzer = Analyzer.load()                     # doctest: +SKIP
    >>> result = analyzer.analyze('"Tariffs hurt us all," Lee said.')  # doctest: +SKIP
    >>> result.quotes[0].speaker                       # doctest: +SKIP
    'Lee'
    """

    def __init__(self, model: "StanceModel"):
        model._check_fitted()
        self.model = model
        self._source: Optional[tuple[str, int, int]] = None  # (path, mtime_ns, size) when loaded from a file

    @classmethod
    def load(cls, path=None) -> "Analyzer":
        """Load the model at ``path``, ``$STANCE_MODEL`` or the installed default model."""
        resolved = resolve_model_path(path)
        if not path and not os.environ.get(MODEL_ENV) and not resolved.exists():
            raise ModelError("no default model installed; run `python train.py` in the stance checkout, "
                             "then reinstall, or pass --model PATH")
        from .model import StanceModel

        analyzer = cls(StanceModel.load(resolved))
        stat = resolved.stat()
        analyzer._source = (str(resolved.resolve()), stat.st_mtime_ns, stat.st_size)
        return analyzer

    @property
    def model_info(self) -> dict[str, Any]:
        """Name, version and training files of the model, as in the output's ``model`` field."""
        meta = getattr(self.model, "metadata_", {}) or {}
        return {"name": meta.get("name", "unnamed"), "version": meta.get("version"),
                "trained_on": meta.get("trained_on", [])}

    @property
    def topics(self) -> list[str]:
        """Topics a caller may name in ``topics=`` (those with a stance model)."""
        return sorted(self.model.stance_heads_)

    def analyze(self, text: str, *, topics: Optional[Sequence[str]] = None, article: str = "-") -> ArticleResult:
        """Attribute and score one article.

        Without ``topics`` the topic model picks each statement's topic
        (statements on ``other`` get stance ``none`` and no probabilities);
        with ``topics`` every statement is scored on each named topic.
        """
        return self.analyze_many([text], topics=topics, articles=[article])[0]

    def analyze_many(self, texts: Sequence[str], *, topics: Optional[Sequence[str]] = None,
                     articles: Optional[Sequence[str]] = None, n_jobs: int = 1) -> list[ArticleResult]:
        """Analyze several articles; order is preserved and statements are scored in batches.

        Every text is checked before any work starts. ``n_jobs`` > 1 runs
        attribution and scoring in that many worker processes. For more
        articles than fit in memory, use :meth:`iter_analyze`.
        """
        texts = list(texts)
        articles = list(articles) if articles is not None else ["-"] * len(texts)
        if len(articles) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(articles)} article names")
        for text, name in zip(texts, articles):
            check_article(text, name=name)
        # one chunk per worker and round (4 rounds balance uneven articles), at most CHUNK_SIZE articles
        chunk_size = max(1, min(CHUNK_SIZE, -(-len(texts) // (4 * n_jobs)))) if n_jobs > 1 else CHUNK_SIZE
        return list(self.iter_analyze(texts, topics=topics, articles=articles, n_jobs=n_jobs, chunk_size=chunk_size))

    def iter_analyze(self, texts: Iterable[str], *, topics: Optional[Sequence[str]] = None,
                     articles: Optional[Iterable[str]] = None, n_jobs: int = 1,
                     chunk_size: int = CHUNK_SIZE) -> Iterator[ArticleResult]:
        """Analyze articles as they come, yielding results in order; memory stays flat however many.

        ``texts`` (and ``articles``, the names) may be generators: they are
        read ``chunk_size`` at a time, a few chunks ahead of what was yielded.
        ``n_jobs`` > 1 attributes and scores chunks in worker processes. A bad
        text raises :class:`~stance.errors.InputError` when its chunk is reached.
        """
        self._check_topics(topics)
        topics = list(topics) if topics else None
        names = articles if articles is not None else repeat("-")
        chunks = _chunks(zip(texts, names, strict=articles is not None), chunk_size)
        if n_jobs == 1:
            for chunk in chunks:
                yield from _analyze_chunk(self, chunk, topics)
            return
        from joblib import delayed

        from .workers import parallel

        # a worker rebuilds the analyzer from its model file once, instead of unpickling ~24 MB per chunk
        handle = self._source if self._source and _unchanged(self._source) else self
        for results in parallel(n_jobs, return_as="generator")(
                delayed(_analyze_chunk)(handle, chunk, topics) for chunk in chunks):
            yield from results

    def classify(self, statements: Iterable[str], *, topic: Optional[str] = None) -> list[Classification]:
        """Topic and stance of raw statements; with ``topic``, stance on that topic only."""
        statements = [check_text(s, name="statement") for s in statements]
        topics = [topic] if topic is not None else None
        self._check_topics(topics)
        return [
            Classification(text=s, topic=t, stance=st, probabilities=p, topic_probability=tp)
            for s, (t, tp, st, p) in zip(statements, self._score_texts(statements, topics))
        ]

    # -- scoring -------------------------------------------------------------

    def _check_topics(self, topics: Optional[Sequence[str]]) -> None:
        for topic in topics or ():
            if topic != OTHER_TOPIC:
                self.model.check_topic(topic)

    def _analyze(self, texts: list[str], articles: list[str], topics: Optional[list[str]]) -> list[ArticleResult]:
        for text, name in zip(texts, articles):
            check_article(text, name=name)
        found = [find_quotes(t) for t in texts]
        contexts = [text for text, quotes in zip(texts, found) for _ in quotes]  # each quote's article
        around = [surroundings(text, q.content_span) for text, quotes in zip(texts, found) for q in quotes]
        scored = iter(self._score_quotes([q for quotes in found for q in quotes], topics, contexts, around))
        per_topic = len(topics) if topics else 1
        info = self.model_info
        weight = getattr(self.model, "speaker_weight", 0.0)
        return [
            ArticleResult(article=name, model=info,
                          quotes=_pool_speakers([next(scored) for _ in range(len(quotes) * per_topic)], weight))
            for name, quotes in zip(articles, found)
        ]

    def _score_quotes(self, quotes: list[Quote], topics: Optional[Sequence[str]],
                      contexts: Optional[list[str]] = None, around: Optional[list[str]] = None) -> list[Quote]:
        scores = self._score_texts([q.content for q in quotes], topics, contexts, around)
        per_topic = len(topics) if topics else 1
        return [
            quotes[i // per_topic].scored(t, st, p, tp)
            for i, (t, tp, st, p) in enumerate(scores)
        ]

    def _score_texts(self, texts: list[str], topics: Optional[Sequence[str]], contexts: Optional[list[str]] = None,
                     around: Optional[list[str]] = None):
        """(topic, topic_probability, stance, probabilities) per text, or per text and topic.

        ``contexts``: the article of each text, which the topic model may weigh;
        ``around``: the text around each one in its article, which the stance model may weigh.
        """
        if not texts:
            return []
        import numpy as np

        model = self.model
        X, context_X = model.transform_with_contexts(texts, contexts)
        topic_proba = model.predict_topic_proba(texts, X=X, contexts=contexts, context_X=context_X)
        if topics:
            pairs = [(i, t) for i in range(len(texts)) for t in topics]
        else:
            pairs = [(i, model.topics_[j]) for i, j in enumerate(topic_proba.argmax(axis=1))]
        rows = np.array([i for i, _ in pairs])
        pair_topics = [t for _, t in pairs]
        scored = [j for j, t in enumerate(pair_topics) if t != OTHER_TOPIC]
        stance_proba = np.zeros((len(pairs), len(model.classes_)))
        if scored:
            stance_proba[scored] = model.predict_stance_proba(
                [texts[rows[j]] for j in scored], [pair_topics[j] for j in scored], X=X[rows[scored]],
                surroundings=None if around is None else [around[rows[j]] for j in scored])
        column = {t: k for k, t in enumerate(model.topics_)}
        # Python floats by rows, not one NumPy scalar at a time
        topic_rows, stance_rows = topic_proba.tolist(), stance_proba.tolist()
        best = stance_proba.argmax(axis=1).tolist()
        out = []
        for j, (i, topic) in enumerate(pairs):
            tp = topic_rows[i][column[topic]] if topic in column else None
            if topic == OTHER_TOPIC:
                out.append((topic, tp, "none", None))
            else:
                out.append((topic, tp, model.classes_[best[j]], dict(zip(model.classes_, stance_rows[j]))))
        return out


def _pool_speakers(quotes: list[Quote], weight: float) -> tuple[Quote, ...]:
    """One article's scored quotes with stance probabilities pooled per (speaker, topic) (:mod:`stance.pooling`).

    Quotes without a named speaker (see :func:`stance.pooling.named_speaker`)
    or without probabilities (topic ``other``) are left as they are;
    ``stance`` stays the argmax.
    """
    from .pooling import named_speaker, pool_by_speaker

    keyed = [i for i, q in enumerate(quotes) if q.probabilities and named_speaker(q.speaker, q.speaker_mention)]
    if weight == 0 or len(keyed) < 2:
        return tuple(quotes)
    import numpy as np

    classes = list(quotes[keyed[0]].probabilities)
    proba = np.array([[quotes[i].probabilities[c] for c in classes] for i in keyed])
    pooled = pool_by_speaker(proba, [(quotes[i].speaker, quotes[i].topic) for i in keyed], weight)
    out = list(quotes)
    for row, i in zip(pooled, keyed):
        q = quotes[i]
        out[i] = q.scored(q.topic, classes[int(row.argmax())], dict(zip(classes, row.tolist())), q.topic_probability)
    return tuple(out)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _unchanged(source: tuple[str, int, int]) -> bool:
    try:
        stat = os.stat(source[0])
    except OSError:
        return False
    return (stat.st_mtime_ns, stat.st_size) == source[1:]


@lru_cache(maxsize=4)
def _analyzer_from_file(path: str, mtime_ns: int, size: int) -> Analyzer:
    """One Analyzer per model file (and version of it) per process: worker processes load it once.

    The model's objects then live as long as the process, so they are moved
    out of the garbage collector's reach (``gc.freeze``): joblib's workers
    collect about once a second, and a full pass over the default model's
    objects costs ~65 ms of CPU (measured), a few microseconds once frozen.
    """
    import gc

    analyzer = Analyzer.load(path)
    gc.collect()
    gc.freeze()
    return analyzer


def cached_analyzer(path) -> Analyzer:
    """The Analyzer of the model file at ``path``, loaded once per process while the file is unchanged."""
    stat = os.stat(path)
    return _analyzer_from_file(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)


def _analyze_chunk(analyzer, chunk: list[tuple[str, str]], topics: Optional[list[str]]) -> list[ArticleResult]:
    """Attribute and score one chunk of (text, name) pairs; ``analyzer`` may be a model file's (path, mtime, size)."""
    if isinstance(analyzer, tuple):
        analyzer = _analyzer_from_file(*analyzer)
    texts, names = zip(*chunk)
    return analyzer._analyze(list(texts), list(names), topics)
