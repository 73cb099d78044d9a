"""Training: labeled CSVs -> cross-validated, fitted StanceModel saved with its metadata.

``stance train`` and ``python train.py`` both call :func:`train`.
"""
from __future__ import annotations

import collections
import datetime as _dt
import itertools
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np
import sklearn
from joblib import delayed
from sklearn.base import clone
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from . import __version__
from .data import OTHER_TOPIC, STANCE_LABELS, LabeledData, read_labeled
from .errors import DataError
from .evaluate.stance import calibration, classification_report, f_avg
from .model import StanceModel, fit_temperature, head_logits, softmax
from .progress import run_parallel


DEFAULT_HEADS = ("per_topic", "joint")
"""Stance heads that default training compares by cross-validation (see :func:`train`)."""

TUNE_GRID = {
    "word_ngrams": [(1, 2), (1, 3)],
    "char_ngrams": [(2, 5)],
    "C": [1.0, 2.0, 4.0, 10.0],
    "class_weight": ["balanced", None],
    "stance_head": ["per_topic", "joint"],
}
"""The search ``stance train --tune`` runs (every combination, cross-validated)."""

SMALL_DATA = 500
"""Below this many rows :func:`train` runs in one process whatever ``n_jobs`` says."""

_FEATURE_PARAMS = ("word_ngrams", "char_ngrams", "min_df", "max_features", "split_hashtags")


def check_trainable(data: LabeledData, folds: int) -> None:
    """Refuse data that cannot be trained or cross-validated, naming the fix."""
    if all(t == OTHER_TOPIC for t in data.topics):
        raise DataError(f"every row has topic {OTHER_TOPIC!r}: there is no stance to learn")
    if folds > 1:
        units = len(set(data.groups)) if data.groups is not None else len(data)
        what = "groups" if data.groups is not None else "rows"
        if units < folds:
            raise DataError(f"{units} {what} are too few for {folds} cross-validation folds; "
                            "use fewer --folds (0 skips cross-validation)")


def _splits(data: LabeledData, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    topics = np.asarray(data.topics)
    stances = np.asarray(data.stances)
    strata = _rare_merged(np.asarray([f"{t}|{s}" for t, s in zip(topics, stances)]), folds)
    if data.groups is not None:
        splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
        return list(splitter.split(strata, strata, groups=np.asarray(data.groups)))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return list(splitter.split(strata, strata))


def _fold_scores(texts, topics, stances, train_idx, test_idx, params: dict, head_grid: list[dict],
                 topic_head: bool) -> dict[str, Any]:
    """One fold: vectorize once, fit every head variant in ``head_grid``, return test logits.

    Stance logits are in the order of ``STANCE_LABELS`` (``-inf`` for a label
    the head cannot predict) and computed on each row's gold topic.
    """
    base = StanceModel(**params)
    X_tr = base.fit_features(texts[train_idx])
    X_te = base.transform(texts[test_idx])
    out: dict[str, Any] = {"test_idx": test_idx, "stance": []}
    first_topic_head: Any = "fit" if topic_head else None
    for variant in head_grid:
        model = clone(base).set_params(**variant)
        model.features_, model.target_lexicon_ = base.features_, base.target_lexicon_
        model.fit_heads(X_tr, topics[train_idx], stances[train_idx], topic_head=first_topic_head)
        if model.topic_head_ is not None and "topic" not in out:
            first_topic_head = model.topic_head_
            order = [list(model.topic_head_.classes_).index(t) for t in model.topics_]
            out["topic"] = (list(model.topics_), head_logits(model.topic_head_, X_te)[:, order])
        out["stance"].append(_stance_logits(model, X_te, topics[test_idx]))
    return out


def _stance_logits(model: StanceModel, X, topics) -> np.ndarray:
    logits = np.full((X.shape[0], len(STANCE_LABELS)), -np.inf)
    for topic in set(topics):
        rows = np.flatnonzero(topics == topic)
        head = model.stance_heads_.get(topic)
        if head is None:
            continue
        if isinstance(head, str):
            logits[rows, STANCE_LABELS.index(head)] = 0.0
        else:
            cols = [STANCE_LABELS.index(c) for c in head.classes_]
            logits[np.ix_(rows, cols)] = head_logits(head, X[rows])
    return logits


def _full_fit(texts, topics, stances, params: dict):
    model = StanceModel(**params)
    X = model.fit_features(texts)
    return model.fit_heads(X, topics, stances), X


def _oof(data: LabeledData, params: dict, head_grid: list[dict], *, folds: int, seed: int,
         n_jobs: int, topic_head: bool = True, full_fit: bool = False) -> dict[str, Any]:
    """Out-of-fold logits of every head variant (and of the topic head), folds run in parallel.

    With ``full_fit``, fitting the model on all rows with the first head
    variant runs as one more parallel task; it comes back as ``full``
    (the model and its training features, for refitting another head).
    """
    texts = np.asarray(data.texts, dtype=object)
    topics = np.asarray(data.topics)
    stances = np.asarray(data.stances)
    splits = _splits(data, folds, seed)
    tasks = [delayed(_fold_scores)(texts, topics, stances, tr, te, params, head_grid,
                                   topic_head and len(set(topics)) > 1) for tr, te in splits]
    if full_fit:
        tasks.insert(0, delayed(_full_fit)(texts, topics, stances, {**params, **head_grid[0]}))
    results = run_parallel(tasks, n_jobs=n_jobs, label="cross-validation")
    full = results.pop(0) if full_fit else None
    n = len(texts)
    stance = [np.full((n, len(STANCE_LABELS)), -np.inf) for _ in head_grid]
    fold_of = np.zeros(n, dtype=int)
    topic_logits, topic_names = None, None
    for k, res in enumerate(results):
        idx = res["test_idx"]
        fold_of[idx] = k
        for v, logits in enumerate(res["stance"]):
            stance[v][idx] = logits
        if "topic" in res:
            names, logits = res["topic"]
            if topic_names is None:
                topic_names, topic_logits = names, np.full((n, len(names)), -np.inf)
            cols = [topic_names.index(t) for t in names if t in topic_names]
            topic_logits[np.ix_(idx, cols)] = logits[:, [names.index(topic_names[c]) for c in cols]]
    return {"stance": stance, "topic": (topic_names, topic_logits), "fold": fold_of, "full": full}


def _scored_rows(data: LabeledData, logits: np.ndarray) -> np.ndarray:
    topics = np.asarray(data.topics)
    return np.flatnonzero((topics != OTHER_TOPIC) & np.isfinite(logits).any(axis=1))


def _temperatures(logits: np.ndarray, y: np.ndarray, groups: np.ndarray) -> dict[str, float]:
    """One temperature per group (topic), fitted on the rows whose gold label the head can predict."""
    temps = {}
    for g in np.unique(groups):
        rows = np.flatnonzero((groups == g) & np.isfinite(logits[np.arange(len(y)), y]))
        temps[str(g)] = fit_temperature(logits[rows], y[rows]) if len(rows) else 1.0
    return temps


def _calibrated(logits: np.ndarray, y: np.ndarray, groups: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Cross-fitted temperature scaling: fold k's probabilities use temperatures fitted on the other folds."""
    proba = np.zeros_like(logits)
    for k in np.unique(folds):
        temps = _temperatures(logits[folds != k], y[folds != k], groups[folds != k])
        rows = np.flatnonzero(folds == k)
        t = np.asarray([temps.get(str(g), 1.0) for g in groups[rows]])
        proba[rows] = softmax(logits[rows] / t[:, None])
    return proba


def _stance_summary(gold: list[str], pred: list[str], topics: list[str]) -> dict[str, Any]:
    report = classification_report(gold, pred)
    out = {"n": len(gold), "f_avg": f_avg(gold, pred), "macro_f1": report["macro_f1"], "per_topic": {}}
    for topic in sorted(set(topics)):
        rows = [i for i, t in enumerate(topics) if t == topic]
        g, p = [gold[i] for i in rows], [pred[i] for i in rows]
        out["per_topic"][topic] = {"n": len(rows), "macro_f1": classification_report(g, p)["macro_f1"],
                                   "f_avg": f_avg(g, p)}
    return out


def cross_validate(data: LabeledData, *, params: Optional[dict] = None, folds: int = 5, seed: int = 0,
                   heads: Optional[Sequence[str]] = None, n_jobs: int = 2) -> dict[str, Any]:
    """Out-of-fold topic and stance scores, comparing stance heads, with calibration before/after.

    Folds are stratified by topic and stance, and split by ``data.groups``
    when given (so sentences of one document never sit on both sides).
    Stance is predicted on the gold topic, over rows whose topic is not
    ``other``. Every fold is vectorized once and each head in ``heads``
    (default: ``params["stance_head"]``, else per-topic) is fitted on it.
    The head with the best pooled F_avg is reported as ``stance_head``
    (ties go to the first listed) and its scores as ``stance``.

    Calibration: ``stance["calibration"]`` holds Brier and ECE of the raw
    probabilities and after temperature scaling, cross-fitted (each fold's
    temperatures are fitted on the other folds' out-of-fold logits), and
    ``temperatures`` the per-topic temperatures fitted on all folds, the
    ones :func:`train` stores in the model.
    """
    return _summarize(data, _oof(data, dict(params or {}), [{"stance_head": h} for h in _heads(params, heads)],
                                 folds=folds, seed=seed, n_jobs=n_jobs), _heads(params, heads), folds, seed)


def _heads(params: Optional[dict], heads: Optional[Sequence[str]]) -> list[str]:
    return list(heads or [(params or {}).get("stance_head", "per_topic")])


def _summarize(data: LabeledData, oof: dict, heads: list[str], folds: int, seed: int) -> dict[str, Any]:
    topics = np.asarray(data.topics)
    stances = np.asarray(data.stances)
    result: dict[str, Any] = {"folds": folds, "grouped": data.groups is not None, "seed": seed, "heads": {}}
    labels = np.asarray(STANCE_LABELS)
    best = None
    for head, logits in zip(heads, oof["stance"]):
        rows = _scored_rows(data, logits)
        pred = list(labels[logits[rows].argmax(axis=1)])
        summary = _stance_summary(list(stances[rows]), pred, list(topics[rows]))
        result["heads"][head] = {"f_avg": summary["f_avg"], "macro_f1": summary["macro_f1"]}
        if best is None or summary["f_avg"] > best[1]["f_avg"] + 1e-12:
            best = (head, summary, logits, rows)
    head, summary, logits, rows = best
    y = np.asarray([STANCE_LABELS.index(s) for s in stances[rows]])
    gold = list(stances[rows])
    raw = softmax(logits[rows])
    scaled = _calibrated(logits[rows], y, topics[rows], oof["fold"][rows])
    summary["calibration"] = {"raw": calibration(gold, raw, STANCE_LABELS),
                              "temperature_scaled": calibration(gold, scaled, STANCE_LABELS)}
    for cal in summary["calibration"].values():
        cal.pop("reliability", None)
    result["stance_head"] = head
    result["stance"] = summary
    result["temperatures"] = {"stance": _temperatures(logits[rows], y, topics[rows])}
    names, topic_logits = oof["topic"]
    if names is not None:
        t_rows = np.flatnonzero(np.isfinite(topic_logits).any(axis=1) & np.isin(topics, names))
        pred_topics = [names[j] for j in topic_logits[t_rows].argmax(axis=1)]
        report = classification_report(list(topics[t_rows]), pred_topics)
        result["topic"] = {"n": len(t_rows), "accuracy": report["accuracy"], "macro_f1": report["macro_f1"]}
        ty = np.asarray([names.index(t) for t in topics[t_rows]])
        tgroups = np.zeros(len(t_rows), dtype=int)
        result["temperatures"]["topic"] = _temperatures(topic_logits[t_rows], ty, tgroups)["0"]
        raw_t = softmax(topic_logits[t_rows])
        scaled_t = _calibrated(topic_logits[t_rows], ty, tgroups, oof["fold"][t_rows])
        result["topic"]["calibration"] = {
            "raw": calibration(list(topics[t_rows]), raw_t, names),
            "temperature_scaled": calibration(list(topics[t_rows]), scaled_t, names)}
        for cal in result["topic"]["calibration"].values():
            cal.pop("reliability", None)
    return result


def out_of_fold(data: LabeledData, *, params: Optional[dict] = None, folds: int = 5, seed: int = 0,
                n_jobs: int = 2) -> dict[str, Any]:
    """Out-of-fold stance probabilities as default training would make them, for evaluation.

    Cross-validation compares the heads (unless ``params`` names one), and
    the chosen head's out-of-fold logits are temperature-scaled with
    temperatures fitted on the other folds. Returns ``rows`` (indices of the
    scored rows: topic not ``other``), ``proba`` (columns ``STANCE_LABELS``),
    ``pred`` and the :func:`cross_validate` summary as ``cv``.
    """
    params = dict(params or {})
    params.setdefault("random_state", seed)
    heads = [params["stance_head"]] if "stance_head" in params else list(DEFAULT_HEADS)
    oof = _oof(data, params, [{"stance_head": h} for h in heads], folds=folds, seed=seed, n_jobs=n_jobs)
    cv = _summarize(data, oof, heads, folds, seed)
    logits = oof["stance"][heads.index(cv["stance_head"])]
    rows = _scored_rows(data, logits)
    topics = np.asarray(data.topics)
    y = np.asarray([STANCE_LABELS.index(s) for s in np.asarray(data.stances)[rows]])
    proba = _calibrated(logits[rows], y, topics[rows], oof["fold"][rows])
    return {"rows": rows, "proba": proba, "pred": [STANCE_LABELS[j] for j in proba.argmax(axis=1)], "cv": cv}


def tune(data: LabeledData, *, grid: Optional[dict] = None, base: Optional[dict] = None, folds: int = 5,
         seed: int = 0, n_jobs: int = 2) -> dict[str, Any]:
    """Cross-validated search over ``grid`` (default :data:`TUNE_GRID`), scored by pooled F_avg.

    Each combination of feature settings is vectorized once per fold and
    every head setting (C, class weight, stance head) is fitted on it;
    (feature setting, fold) tasks run on ``n_jobs`` processes. Returns every
    candidate's score and the best parameters (ties go to the earlier
    candidate). The best score is optimistic: it was selected on the same folds.
    """
    grid = dict(TUNE_GRID if grid is None else grid)
    base = dict(base or {})
    feature_keys = [k for k in grid if k in _FEATURE_PARAMS]
    head_keys = [k for k in grid if k not in _FEATURE_PARAMS]
    feature_grid = [dict(zip(feature_keys, v)) for v in itertools.product(*(grid[k] for k in feature_keys))]
    head_grid = [dict(zip(head_keys, v)) for v in itertools.product(*(grid[k] for k in head_keys))]
    texts = np.asarray(data.texts, dtype=object)
    topics = np.asarray(data.topics)
    stances = np.asarray(data.stances)
    splits = _splits(data, folds, seed)
    tasks = [(f, k) for f in range(len(feature_grid)) for k in range(len(splits))]
    results = run_parallel(
        (delayed(_fold_scores)(texts, topics, stances, splits[k][0], splits[k][1], {**base, **feature_grid[f]},
                               head_grid, False) for f, k in tasks), n_jobs=n_jobs, label="tuning")
    labels = np.asarray(STANCE_LABELS)
    candidates = []
    for f, feature_params in enumerate(feature_grid):
        for h, head_params in enumerate(head_grid):
            logits = np.full((len(texts), len(STANCE_LABELS)), -np.inf)
            for (tf, _), res in zip(tasks, results):
                if tf == f:
                    logits[res["test_idx"]] = res["stance"][h]
            rows = _scored_rows(data, logits)
            pred = list(labels[logits[rows].argmax(axis=1)])
            gold = list(stances[rows])
            candidates.append({"params": _jsonable({**feature_params, **head_params}),
                               "f_avg": f_avg(gold, pred),
                               "macro_f1": classification_report(gold, pred)["macro_f1"]})
    best = max(candidates, key=lambda c: c["f_avg"])  # max keeps the first of equals
    return {"folds": folds, "seed": seed, "grid": _jsonable(grid), "candidates": candidates,
            "best": best, "best_params": _params_from_json(best["params"])}


def _jsonable(params: dict) -> dict:
    return {k: ([list(x) if isinstance(x, tuple) else x for x in v] if isinstance(v, list)
                else list(v) if isinstance(v, tuple) else v) for k, v in params.items()}


def _params_from_json(params: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}


def _rare_merged(strata: np.ndarray, folds: int) -> np.ndarray:
    """Strata with fewer rows than folds cannot be stratified; pool them into one."""
    counts = collections.Counter(strata)
    return np.asarray([s if counts[s] >= folds else "rare" for s in strata])


def train(paths: Sequence, output, *, text_column: str = "text", topic_column: str = "topic",
          stance_column: str = "stance", group_column: Optional[str] = None, encoding: str = "utf-8",
          folds: int = 5, seed: int = 0, name: Optional[str] = None, params: Optional[dict] = None,
          tune_grid: Optional[dict] = None, do_tune: bool = False, n_jobs: int = 2,
          log=None, extra_metadata: Optional[dict] = None) -> tuple[StanceModel, dict[str, Any]]:
    """Read labeled CSVs, cross-validate, fit on all rows, calibrate and save to ``output`` atomically.

    Unless ``params`` names a ``stance_head``, cross-validation compares
    per-topic heads with one joint head (:data:`DEFAULT_HEADS`) on the same
    folds and the final model uses the one with the best pooled F_avg; both
    scores are stored in the metadata (``cv.heads``). Each stance head and
    the topic head get the temperature that minimizes the out-of-fold log
    loss (``cv.temperatures``). With ``do_tune``, :func:`tune` first searches
    ``tune_grid`` (default :data:`TUNE_GRID`) and its result is stored as
    ``tune`` in the metadata; ``extra_metadata`` (e.g. why these settings
    were chosen) is stored as given. Same data and ``seed`` give the same model.

    The file at ``output`` is replaced only after the new model was fitted
    and fully written, so a failed run never replaces a good model.
    """
    say = log or (lambda message: None)
    data = read_labeled(paths, text_column=text_column, topic_column=topic_column,
                        stance_column=stance_column, group_column=group_column, encoding=encoding)
    check_trainable(data, folds)
    params = dict(params or {})
    params.setdefault("random_state", seed)
    if len(data) < SMALL_DATA:
        n_jobs = 1  # starting worker processes costs more than it saves on a few hundred rows
    tuned = None
    if do_tune:
        tuned = tune(data, grid=tune_grid, base=params, folds=max(folds, 2), seed=seed, n_jobs=n_jobs)
        params.update(tuned["best_params"])
        say(f"tuned ({len(tuned['candidates'])} candidates, {tuned['folds']}-fold): best F_avg "
            f"{tuned['best']['f_avg']:.4f} with {tuned['best']['params']}")
    heads = [params["stance_head"]] if "stance_head" in params else list(DEFAULT_HEADS)
    cv = None
    if folds > 1:
        # The final fit with the first head runs in parallel with the folds; another head is refitted after.
        oof = _oof(data, params, [{"stance_head": h} for h in heads], folds=folds, seed=seed, n_jobs=n_jobs,
                   full_fit=True)
        cv = _summarize(data, oof, heads, folds, seed)
        params["stance_head"] = cv["stance_head"]
        model, X = oof["full"]
        if model.stance_head != cv["stance_head"]:
            model.set_params(stance_head=cv["stance_head"])
            model.fit_heads(X, data.topics, data.stances, topic_head=model.topic_head_)
    else:
        params.setdefault("stance_head", heads[0])
        model = StanceModel(**params).fit(data.texts, data.topics, data.stances)
    if cv is not None:
        model.set_temperatures(topic=cv["temperatures"].get("topic"),
                               stance={t: v for t, v in cv["temperatures"]["stance"].items()
                                       if t in model.stance_heads_})
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
        "params": _jsonable(model.get_params()),
        "cv": cv,
        "tune": tuned,
        **(extra_metadata or {}),
    }
    model.save(output, metadata=metadata)
    return model, metadata
