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


def stance_report(gold: Sequence[str], pred: Sequence[str], topics: Sequence[str], *,
                  proba: Optional[np.ndarray] = None, classes: Optional[Sequence[str]] = None) -> dict[str, Any]:
    """Everything ``stance evaluate`` prints for stance: pooled and per topic."""
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
    if proba is not None and classes is not None:
        report["calibration"] = calibration(gold, proba, classes)
    return report


def _stance_labels(gold: Sequence[str], pred: Sequence[str]) -> list[str]:
    order = ["favor", "against", "none"]
    return [label for label in order if label in set(gold) | set(pred)] or sorted(set(gold) | set(pred))


def format_report(report: dict[str, Any], *, title: str) -> str:
    """Readable text of a :func:`classification_report` or :func:`stance_report`."""
    lines = [f"{title} (n={report['n']})",
             f"  accuracy   {report['accuracy']:.4f}",
             f"  macro-F1   {report['macro_f1']:.4f}"]
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
    return "\n".join(lines)
