"""Evaluate files: a labeled CSV against the model, an attribution gold JSONL against the rules."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional, TextIO

from ..data import OTHER_TOPIC, read_labeled
from ..errors import InputError
from .stance import classification_report, format_report, stance_report


def evaluate_stance_file(analyzer, path, *, text_column: str = "text", topic_column: str = "topic",
                         stance_column: str = "stance", encoding: str = "utf-8") -> tuple[dict[str, Any], str]:
    """Stance scored on each row's gold topic; topic scored too when the gold has several topics.

    Rows whose gold topic is ``other`` (or that the model cannot score) count
    for the topic figures only.
    """
    data = read_labeled([path], text_column=text_column, topic_column=topic_column,
                        stance_column=stance_column, encoding=encoding)
    model = analyzer.model
    X = model.transform(data.texts)
    report: dict[str, Any] = {"file": str(path), "rows": len(data)}
    parts = []
    rows = [i for i, t in enumerate(data.topics) if t != OTHER_TOPIC and t in model.stance_heads_]
    skipped = sorted({t for t in data.topics if t != OTHER_TOPIC and t not in model.stance_heads_})
    if skipped:
        report["topics_without_stance_model"] = skipped
    if rows:
        proba = model.predict_stance_proba(None, [data.topics[i] for i in rows], X=X[rows])
        pred = [model.classes_[j] for j in proba.argmax(axis=1)]
        gold = [data.stances[i] for i in rows]
        report["stance"] = stance_report(gold, pred, [data.topics[i] for i in rows], proba=proba,
                                         classes=model.classes_)
        parts.append(format_report(report["stance"], title="stance on the gold topic"))
    if len(set(data.topics)) > 1 and model.topic_head_ is not None:
        topic_proba = model.predict_topic_proba(None, X=X)
        pred_topics = [model.topics_[j] for j in topic_proba.argmax(axis=1)]
        report["topic"] = classification_report(list(data.topics), pred_topics)
        parts.append(format_report(report["topic"], title="topic"))
    if skipped:
        parts.append("topics the model has no stance model for (not scored): " + ", ".join(skipped))
    return report, "\n\n".join(parts)


def read_gold(path, *, encoding: str = "utf-8") -> list[dict[str, Any]]:
    """Attribution gold: one JSON article per line with ``doc_id``, ``text``, ``attributions``."""
    path = Path(path)
    try:
        lines = path.read_text(encoding=encoding).splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a JSONL file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not valid {encoding}") from None
    docs = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except ValueError:
            raise InputError(f"{path}:{n}: not a JSON object") from None
        if not isinstance(doc, dict) or not {"doc_id", "text", "attributions"} <= doc.keys():
            raise InputError(f"{path}:{n}: expected an object with doc_id, text and attributions")
        docs.append(doc)
    if not docs:
        raise InputError(f"{path}: no articles")
    return docs


def evaluate_attribution_file(path, *, scope: str = "speech", errors: Optional[TextIO] = None,
                              encoding: str = "utf-8") -> tuple[dict[str, Any], str]:
    """Run the attribution rules over every gold article and score them (SCORING.md)."""
    from ..quotes import find_quotes
    from .attribution import attribution_errors, format_attribution_report, format_errors, score_attribution

    docs = read_gold(path, encoding=encoding)
    predictions = {d["doc_id"]: [q.to_dict() for q in find_quotes(d["text"])] for d in docs}
    report = score_attribution(docs, predictions, scope=scope)
    if errors is not None:
        errors.write(format_errors(attribution_errors(docs, predictions, scope=scope)))
    return report, format_attribution_report(report)


def cross_validate_file(path, *, folds: int = 5, group_column: Optional[str] = None, text_column: str = "text",
                        topic_column: str = "topic", stance_column: str = "stance",
                        encoding: str = "utf-8", seed: int = 0) -> tuple[dict[str, Any], str]:
    """Cross-validate default training on a labeled CSV (folds split by ``group_column`` when given)."""
    from ..training import DEFAULT_HEADS, cross_validate

    data = read_labeled([path], text_column=text_column, topic_column=topic_column, stance_column=stance_column,
                        group_column=group_column, encoding=encoding)
    report = cross_validate(data, folds=folds, seed=seed, heads=DEFAULT_HEADS)
    split = f"grouped by {group_column}" if group_column else "stratified"
    lines = [f"{folds}-fold cross-validation on {path} ({len(data)} rows, {split}, seed {seed})"]
    if "topic" in report:
        lines.append(f"  topic    accuracy {report['topic']['accuracy']:.4f}  macro-F1 {report['topic']['macro_f1']:.4f}")
    stance = report["stance"]
    heads = ", ".join(f"{h} F_avg {v['f_avg']:.4f}" for h, v in report["heads"].items())
    lines.append(f"  stance head chosen: {report['stance_head']} ({heads})")
    lines.append(f"  stance   macro-F1 {stance['macro_f1']:.4f}  F_avg {stance['f_avg']:.4f} "
                 f"(pooled; on the gold topic, n={stance['n']})")
    lines.append(f"  {'topic':<28}{'n':>6}{'macro-F1':>10}{'F_avg':>9}")
    for topic, m in stance["per_topic"].items():
        lines.append(f"  {topic:<28}{m['n']:>6}{m['macro_f1']:>10.4f}{m['f_avg']:>9.4f}")
    return report, "\n".join(lines)
