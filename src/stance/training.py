"""Training: labeled CSVs -> cross-validated, fitted StanceModel saved with its metadata.

``stance train`` and ``python train.py`` both call :func:`train`.
"""
from __future__ import annotations

import collections
import datetime as _dt
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np
import sklearn
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from . import __version__
from .data import OTHER_TOPIC, LabeledData, read_labeled
from .evaluate.stance import classification_report, f_avg
from .model import StanceModel


def cross_validate(data: LabeledData, *, params: Optional[dict] = None, folds: int = 5,
                   seed: int = 0) -> dict[str, Any]:
    """Out-of-fold topic and stance predictions and their scores.

    Folds are stratified by topic and stance, and split by ``data.groups``
    when given (so sentences of one document never sit on both sides).
    Stance is predicted on the gold topic, over rows whose topic is not
    ``other``.
    """
    texts = np.asarray(data.texts, dtype=object)
    topics = np.asarray(data.topics)
    stances = np.asarray(data.stances)
    strata = _rare_merged(np.asarray([f"{t}|{s}" for t, s in zip(topics, stances)]), folds)
    if data.groups is not None:
        splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
        splits = splitter.split(texts, strata, groups=np.asarray(data.groups))
    else:
        splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(texts, strata)
    topic_pred = np.empty(len(texts), dtype=object)
    stance_pred = np.empty(len(texts), dtype=object)
    for train_idx, test_idx in splits:
        model = StanceModel(**(params or {})).fit(texts[train_idx], topics[train_idx], stances[train_idx])
        X = model.transform(texts[test_idx])
        if model.topic_head_ is not None:
            topic_pred[test_idx] = np.asarray(model.topics_)[model.predict_topic_proba(None, X=X).argmax(axis=1)]
        known = [i for i, t in zip(test_idx, topics[test_idx]) if t != OTHER_TOPIC and t in model.stance_heads_]
        if known:
            rows = [list(test_idx).index(i) for i in known]
            proba = model.predict_stance_proba(None, topics[known], X=X[rows])
            stance_pred[known] = np.asarray(model.classes_)[proba.argmax(axis=1)]
    scored = [i for i in range(len(texts)) if stance_pred[i] is not None]
    result: dict[str, Any] = {"folds": folds, "grouped": data.groups is not None, "seed": seed}
    gold_s, pred_s = [stances[i] for i in scored], [stance_pred[i] for i in scored]
    result["stance"] = {"n": len(scored), "f_avg": f_avg(gold_s, pred_s),
                        "macro_f1": classification_report(gold_s, pred_s)["macro_f1"],
                        "per_topic": {}}
    for topic in sorted(set(topics[scored])):
        rows = [i for i in scored if topics[i] == topic]
        g, p = [stances[i] for i in rows], [stance_pred[i] for i in rows]
        result["stance"]["per_topic"][topic] = {
            "n": len(rows), "macro_f1": classification_report(g, p)["macro_f1"], "f_avg": f_avg(g, p)}
    if len(set(topics)) > 1:
        report = classification_report(list(topics), list(topic_pred))
        result["topic"] = {"n": len(texts), "accuracy": report["accuracy"], "macro_f1": report["macro_f1"]}
    return result


def _rare_merged(strata: np.ndarray, folds: int) -> np.ndarray:
    """Strata with fewer rows than folds cannot be stratified; pool them into one."""
    counts = collections.Counter(strata)
    return np.asarray([s if counts[s] >= folds else "rare" for s in strata])


def train(paths: Sequence, output, *, text_column: str = "text", topic_column: str = "topic",
          stance_column: str = "stance", group_column: Optional[str] = None, encoding: str = "utf-8",
          folds: int = 5, seed: int = 0, name: Optional[str] = None,
          params: Optional[dict] = None) -> tuple[StanceModel, dict[str, Any]]:
    """Read labeled CSVs, cross-validate, fit on all rows and save to ``output`` atomically.

    The file at ``output`` is replaced only after the new model was fitted
    and fully written, so a failed run never replaces a good model.
    """
    data = read_labeled(paths, text_column=text_column, topic_column=topic_column,
                        stance_column=stance_column, group_column=group_column, encoding=encoding)
    params = dict(params or {})
    params.setdefault("random_state", seed)
    cv = cross_validate(data, params=params, folds=folds, seed=seed) if folds > 1 else None
    model = StanceModel(**params).fit(data.texts, data.topics, data.stances)
    counts = collections.Counter(zip(data.topics, data.stances))
    metadata = {
        "name": name or Path(output).stem,
        "version": __version__,
        "trained_on": [Path(p).name for p in data.sources],
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "sklearn_version": sklearn.__version__,
        "topics": model.topics_,
        "labels": model.classes_,
        "rows": len(data),
        "rows_by_topic_stance": {f"{t}/{s}": n for (t, s), n in sorted(counts.items())},
        "training_sha256": data.sha256,
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in model.get_params().items()},
        "cv": cv,
    }
    model.save(output, metadata=metadata)
    return model, metadata
