"""Cross-validate default training on a labeled CSV and report it as an evaluation.

It sits above both :mod:`stance.training` and :mod:`stance.evaluate` (which never import
each other's runners), so the dependency between them runs one way: training uses the metrics
of :mod:`stance.evaluate.stance`.
"""
from __future__ import annotations

from typing import Any, Optional

from .data import STANCE_LABELS, read_labeled
from .evaluate.stance import format_report, stance_report
from .training import check_trainable, out_of_fold


def cross_validate_file(path, *, folds: int = 5, group_column: Optional[str] = None, text_column: str = "text",
                        topic_column: str = "topic", stance_column: str = "stance",
                        encoding: str = "utf-8", seed: int = 0) -> tuple[dict[str, Any], str]:
    """No model needed: cross-validate default training on a labeled CSV and report as for a model.

    Stance is scored on the gold topic from out-of-fold, temperature-scaled
    probabilities (see :func:`stance.training.out_of_fold`); folds keep rows
    with the same ``group_column`` value together.
    """
    data = read_labeled([path], text_column=text_column, topic_column=topic_column,
                        stance_column=stance_column, group_column=group_column, encoding=encoding)
    check_trainable(data, folds)
    oof = out_of_fold(data, folds=folds, seed=seed)
    rows = oof["rows"]
    gold = [data.stances[i] for i in rows]
    topics = [data.topics[i] for i in rows]
    cv = oof["cv"]
    report: dict[str, Any] = {"file": str(path), "rows": len(data), "folds": folds, "seed": seed,
                              "grouped": group_column is not None, "stance_head": cv["stance_head"],
                              "heads": cv["heads"]}
    report["stance"] = stance_report(gold, oof["pred"], topics, proba=oof["proba"], classes=list(STANCE_LABELS))
    split = f"grouped by {group_column}" if group_column else "stratified"
    heads = ", ".join(f"{h} F_avg {s['f_avg']:.4f}" for h, s in cv["heads"].items())
    lines = [f"{folds}-fold cross-validation on {path} ({len(data)} rows, {split}, seed {seed})",
             f"  stance head chosen: {cv['stance_head']} ({heads})"]
    if "topic" in cv:
        report["topic"] = dict(cv["topic"])
        lines.append(f"  topic    accuracy {cv['topic']['accuracy']:.4f}  macro-F1 {cv['topic']['macro_f1']:.4f}")
    title = "stance on the gold topic, out-of-fold, temperature-scaled"
    return report, "\n".join(lines) + "\n\n" + format_report(report["stance"], title=title)
