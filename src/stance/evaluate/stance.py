"""Stance and topic metrics: accuracy, macro-F1, SemEval F_avg, calibration.

F_avg is the SemEval-2016 Task 6 figure: the mean of F1(favor) and
F1(against) with counts pooled over all topics. The per-topic mean of F_avg
is a different number and is reported under its own name.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

CALIBRATION_BINS = 10
"""Equal-width confidence bins for the expected calibration error (the usual choice)."""

BOOTSTRAP_SAMPLES = 1000
"""Resamples behind every 95% interval; with a fixed seed the intervals are reproducible."""


def prf(gold: Sequence[str], pred: Sequence[str], label: str) -> dict[str, float]:
    """Precision, recall, F1 and support of one label."""
    tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
    n_pred = sum(1 for p in pred if p == label)
    n_gold = sum(1 for g in gold if g == label)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": n_gold}


def f_avg(gold: Sequence[str], pred: Sequence[str]) -> float:
    """SemEval-2016 Task 6 F_avg: mean of F1(favor) and F1(against), counts pooled."""
    return (prf(gold, pred, "favor")["f1"] + prf(gold, pred, "against")["f1"]) / 2


def classification_report(gold: Sequence[str], pred: Sequence[str],
                          labels: Optional[Sequence[str]] = None) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class P/R/F1 and the confusion matrix (rows gold, columns predicted)."""
    labels = list(labels) if labels is not None else sorted(set(gold) | set(pred))
    per_class = {label: prf(gold, pred, label) for label in labels}
    present = [label for label in labels if per_class[label]["support"] > 0]
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        if g in index and p in index:
            matrix[index[g]][index[p]] += 1
    return {
        "n": len(gold),
        "accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0,
        "macro_f1": float(np.mean([per_class[c]["f1"] for c in present])) if present else 0.0,
        "per_class": per_class,
        "labels": labels,
        "confusion": matrix,
    }


def calibration(gold: Sequence[str], proba: np.ndarray, classes: Sequence[str]) -> dict[str, Any]:
    """Brier score, expected calibration error and the reliability table behind it.

    Brier is the mean over rows of the squared error summed over all classes
    (0 is perfect, 2 the worst). ECE bins the top-class confidence into
    :data:`CALIBRATION_BINS` equal-width bins and averages
    ``|accuracy - confidence|`` weighted by the bins' shares of rows.
    ``reliability`` lists, per non-empty bin, its edges, row count, mean
    confidence and accuracy (the points of a reliability diagram).
    """
    proba = np.asarray(proba, dtype=float)
    classes = list(classes)
    onehot = np.array([[1.0 if g == c else 0.0 for c in classes] for g in gold]).reshape(len(gold), len(classes))
    brier = float(np.mean(np.sum((proba - onehot) ** 2, axis=1))) if len(gold) else 0.0
    confidence = proba.max(axis=1) if len(gold) else np.zeros(0)
    correct = np.array([classes[i] == g for i, g in zip(proba.argmax(axis=1), gold)], dtype=float)
    bins = np.minimum((confidence * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    ece = 0.0
    table = []
    for b in range(CALIBRATION_BINS):
        mask = bins == b
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
            table.append({"low": b / CALIBRATION_BINS, "high": (b + 1) / CALIBRATION_BINS, "n": int(mask.sum()),
                          "confidence": float(confidence[mask].mean()), "accuracy": float(correct[mask].mean())})
    return {"brier": brier, "ece": float(ece), "reliability": table}


def _macro_f1_codes(gold: np.ndarray, pred: np.ndarray, k: int) -> float:
    """Macro-F1 over the labels present in ``gold`` (as :func:`classification_report`), on integer codes."""
    confusion = np.bincount(gold * k + pred, minlength=k * k).reshape(k, k)
    tp = np.diag(confusion).astype(float)
    support, predicted = confusion.sum(axis=1), confusion.sum(axis=0)
    denominator = support + predicted
    f1 = np.divide(2 * tp, denominator, out=np.zeros(k), where=denominator > 0)
    present = support > 0
    return float(f1[present].mean()) if present.any() else 0.0


def bootstrap_units(groups: Optional[Sequence[str]], n: int, *, samples: int = BOOTSTRAP_SAMPLES,
                    seed: int = 0) -> list[np.ndarray]:
    """Row indices of ``samples`` bootstrap resamples of the units (``groups``, else the rows).

    Resampling whole articles keeps statements of one article together, as
    they are not independent (one speaker, one story).
    """
    rng = np.random.default_rng(seed)
    if groups is None:
        return [rng.integers(0, n, n) for _ in range(samples)]
    units: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        units.setdefault(g, []).append(i)
    members = [np.asarray(v) for v in units.values()]
    return [np.concatenate([members[j] for j in rng.integers(0, len(members), len(members))])
            for _ in range(samples)]


def _interval(values: Sequence[float]) -> list[float]:
    values = [v for v in values if np.isfinite(v)]
    if not values:
        return [float("nan"), float("nan")]
    low, high = np.percentile(values, [2.5, 97.5])
    return [float(low), float(high)]


def macro_f1_interval(gold: Sequence[str], pred: Sequence[str], resamples: Sequence[np.ndarray]) -> list[float]:
    """95% percentile-bootstrap interval of macro-F1 over ``resamples`` (see :func:`bootstrap_units`)."""
    labels = sorted(set(gold) | set(pred))
    code = {label: i for i, label in enumerate(labels)}
    g = np.asarray([code[x] for x in gold], dtype=int)
    p = np.asarray([code[x] for x in pred], dtype=int)
    return _interval([_macro_f1_codes(g[r], p[r], len(labels)) for r in resamples])


def cell_recall(gold: Sequence[str], pred: Sequence[str], topics: Sequence[str], *,
                resamples: Optional[Sequence[np.ndarray]] = None) -> dict[str, dict[str, Any]]:
    """Recall of every (topic, gold stance) cell, keyed ``"topic/stance"``, with a 95% interval.

    A model that answers each topic's majority side has recall 0 in the
    other cells, however high its pooled figures: this is the table that
    shows whether it hears both sides.
    """
    gold_a, pred_a, topic_a = np.asarray(gold), np.asarray(pred), np.asarray(topics)
    hit = (gold_a == pred_a).astype(float)
    out = {}
    for topic, label in sorted(set(zip(topics, gold))):
        member = ((topic_a == topic) & (gold_a == label)).astype(float)
        cell: dict[str, Any] = {"n": int(member.sum()), "recall": float(hit[member > 0].mean())}
        if resamples is not None:
            cell["interval"] = _interval([
                (hit[r] * member[r]).sum() / member[r].sum() if member[r].sum() else float("nan")
                for r in resamples])
        out[f"{topic}/{label}"] = cell
    return out


def stance_report(gold: Sequence[str], pred: Sequence[str], topics: Sequence[str], *,
                  proba: Optional[np.ndarray] = None, classes: Optional[Sequence[str]] = None,
                  groups: Optional[Sequence[str]] = None, bootstrap: int = 0, seed: int = 0) -> dict[str, Any]:
    """Everything ``stance evaluate`` prints for stance: pooled, per topic and per (topic, stance) cell.

    With ``bootstrap`` resamples (of ``groups``, e.g. articles, else of
    rows), macro-F1 and every cell's recall get a 95% interval
    (``macro_f1_interval``, ``cells[...]["interval"]``).
    """
    report = classification_report(gold, pred, labels=_stance_labels(gold, pred))
    report["f_avg"] = f_avg(gold, pred)
    per_topic = {}
    for topic in sorted(set(topics)):
        rows = [i for i, t in enumerate(topics) if t == topic]
        g = [gold[i] for i in rows]
        p = [pred[i] for i in rows]
        per_topic[topic] = {"n": len(rows), "f_avg": f_avg(g, p),
                            "macro_f1": classification_report(g, p)["macro_f1"],
                            "accuracy": sum(a == b for a, b in zip(g, p)) / len(rows)}
    report["per_topic"] = per_topic
    report["f_avg_topic_mean"] = float(np.mean([v["f_avg"] for v in per_topic.values()]))
    resamples = bootstrap_units(groups, len(gold), samples=bootstrap, seed=seed) if bootstrap else None
    report["cells"] = cell_recall(gold, pred, topics, resamples=resamples)
    if resamples is not None:
        report["macro_f1_interval"] = macro_f1_interval(gold, pred, resamples)
        report["bootstrap"] = {"samples": bootstrap, "seed": seed, "unit": "group" if groups is not None else "row"}
    if proba is not None and classes is not None:
        report["calibration"] = calibration(gold, proba, classes)
    return report


def _stance_labels(gold: Sequence[str], pred: Sequence[str]) -> list[str]:
    order = ["favor", "against", "none"]
    return [label for label in order if label in set(gold) | set(pred)] or sorted(set(gold) | set(pred))


def format_report(report: dict[str, Any], *, title: str) -> str:
    """Readable text of a :func:`classification_report` or :func:`stance_report`."""
    macro = f"  macro-F1   {report['macro_f1']:.4f}"
    if "macro_f1_interval" in report:
        low, high = report["macro_f1_interval"]
        macro += f"   95% CI [{low:.3f}, {high:.3f}] ({_bootstrap_note(report['bootstrap'])})"
    lines = [f"{title} (n={report['n']})",
             f"  accuracy   {report['accuracy']:.4f}",
             macro]
    if "f_avg" in report:
        lines.append(f"  F_avg      {report['f_avg']:.4f}   (SemEval-2016: mean F1 of favor and against, pooled)")
        lines.append(f"  F_avg per-topic mean {report['f_avg_topic_mean']:.4f}   (not the official figure)")
    if "calibration" in report:
        cal = report["calibration"]
        lines.append(f"  Brier      {cal['brier']:.4f}   ECE {cal['ece']:.4f}")
    lines.append("")
    lw = max([16] + [len(label) + 2 for label in report["per_class"]])
    lines.append(f"  {'label':<{lw}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}")
    for label, m in report["per_class"].items():
        lines.append(f"  {label:<{lw}}{m['precision']:>10.4f}{m['recall']:>10.4f}{m['f1']:>10.4f}{m['support']:>9}")
    labels = report["labels"]
    width = max(8, max(len(x) for x in labels) + 2)
    lines.append("")
    lines.append("  confusion (rows gold, columns predicted)")
    lines.append("  " + " " * width + "".join(f"{x:>{width}}" for x in labels))
    for label, row in zip(labels, report["confusion"]):
        lines.append("  " + f"{label:<{width}}" + "".join(f"{v:>{width}}" for v in row))
    if "per_topic" in report:
        lines.append("")
        lines.append(f"  {'topic':<36}{'n':>6}{'F_avg':>9}{'macro-F1':>10}{'accuracy':>10}")
        for topic, m in report["per_topic"].items():
            lines.append(f"  {topic:<36}{m['n']:>6}{m['f_avg']:>9.4f}{m['macro_f1']:>10.4f}{m['accuracy']:>10.4f}")
    if "cells" in report:
        lines.append("")
        lines.append("  recall per (topic, gold stance) cell" + (" with 95% CI" if "bootstrap" in report else ""))
        lines.append(f"  {'topic/stance':<36}{'n':>6}{'recall':>9}")
        for cell, m in report["cells"].items():
            ci = " [{:.2f}, {:.2f}]".format(*m["interval"]) if "interval" in m else ""
            lines.append(f"  {cell:<36}{m['n']:>6}{m['recall']:>9.4f}{ci}")
    return "\n".join(lines)


def _bootstrap_note(meta: dict) -> str:
    unit = "articles" if meta["unit"] == "group" else "statements"
    return f"bootstrap over {unit}, {meta['samples']} resamples, seed {meta['seed']}"
