"""Analyzer: text -> attributed statements with topic and stance (the embeddable API)."""
from __future__ import annotations

import os
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import numpy as np

from .articles import check_article, check_text
from .data import OTHER_TOPIC
from .errors import ModelError
from .model import StanceModel
from .attribution import find_statements, resolve_statements
from .types import ArticleResult, Classification, Quote

DEFAULT_MODEL_FILE = "stance.joblib"
MODEL_ENV = "STANCE_MODEL"


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

    def __init__(self, model: StanceModel):
        model._check_fitted()
        self.model = model

    @classmethod
    def load(cls, path=None) -> "Analyzer":
        """Load the model at ``path``, ``$STANCE_MODEL`` or the installed default model."""
        resolved = resolve_model_path(path)
        if not path and not os.environ.get(MODEL_ENV) and not resolved.exists():
            raise ModelError("no default model installed; run `python train.py` in the stance checkout, "
                             "then reinstall, or pass --model PATH")
        return cls(StanceModel.load(resolved))

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
        """Analyze several articles; order is preserved and statements are scored in one batch.

        ``n_jobs`` > 1 runs attribution in that many worker processes.
        """
        texts = list(texts)
        articles = list(articles) if articles is not None else ["-"] * len(texts)
        if len(articles) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(articles)} article names")
        for text, name in zip(texts, articles):
            check_article(text, name=name)
        self._check_topics(topics)
        if n_jobs == 1 or len(texts) < 2:
            found = [find_quotes(t) for t in texts]
        else:
            from joblib import delayed

            from .workers import parallel

            found = parallel(n_jobs)(delayed(find_quotes)(t) for t in texts)
        flat = [q for quotes in found for q in quotes]
        scored = iter(self._score_quotes(flat, topics))
        per_topic = len(topics) if topics else 1
        info = self.model_info
        return [
            ArticleResult(article=name, model=info,
                          quotes=tuple(next(scored) for _ in range(len(quotes) * per_topic)))
            for name, quotes in zip(articles, found)
        ]

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

    def _score_quotes(self, quotes: list[Quote], topics: Optional[Sequence[str]]) -> list[Quote]:
        scores = self._score_texts([q.content for q in quotes], topics)
        per_topic = len(topics) if topics else 1
        return [
            replace(quotes[i // per_topic], topic=t, topic_probability=tp, stance=st, probabilities=p)
            for i, (t, tp, st, p) in enumerate(scores)
        ]

    def _score_texts(self, texts: list[str], topics: Optional[Sequence[str]]):
        """(topic, topic_probability, stance, probabilities) per text, or per text and topic."""
        if not texts:
            return []
        model = self.model
        X = model.transform(texts)
        topic_proba = model.predict_topic_proba(texts, X=X)
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
                [texts[rows[j]] for j in scored], [pair_topics[j] for j in scored], X=X[rows[scored]])
        out = []
        for j, (i, topic) in enumerate(pairs):
            tp = float(topic_proba[i, model.topics_.index(topic)]) if topic in model.topics_ else None
            if topic == OTHER_TOPIC:
                out.append((topic, tp, "none", None))
                continue
            probs = {c: float(p) for c, p in zip(model.classes_, stance_proba[j])}
            out.append((topic, tp, model.classes_[int(stance_proba[j].argmax())], probs))
        return out
