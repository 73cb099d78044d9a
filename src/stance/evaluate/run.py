"""Evaluate files: a labeled CSV against the model, an attribution gold JSONL against the rules."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional, TextIO

from ..data import OTHER_TOPIC, read_labeled
from ..errors import InputError
from ..pooling import named_speaker, pool_by_speaker
from ..surroundings import surroundings
from .stance import (BOOTSTRAP_SAMPLES, bootstrap_units, calibration, classification_report, format_report,
                     macro_f1_interval, stance_report)


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
                                         classes=model.classes_, bootstrap=BOOTSTRAP_SAMPLES)
        parts.append(format_report(report["stance"], title="stance on the gold topic"))
    if len(set(data.topics)) > 1 and model.topic_head_ is not None:
        topic_proba = model.predict_topic_proba(None, X=X)
        pred_topics = [model.topics_[j] for j in topic_proba.argmax(axis=1)]
        report["topic"] = topic_report(list(data.topics), pred_topics)
        parts.append(format_report(report["topic"], title="topic"))
    if skipped:
        parts.append("topics the model has no stance model for (not scored): " + ", ".join(skipped))
    return report, "\n\n".join(parts)


def read_gold(path, *, encoding: str = "utf-8") -> list[dict[str, Any]]:
    """Attribution gold: one JSON article a line (``.jsonl``) or one article or a list of them (``.json``).

    An article has ``doc_id``, ``text`` (or ``text_file``, a path relative to the
    current directory or to the gold file) and ``attributions``.
    """
    path = Path(path)
    try:
        content = path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a JSON or JSONL file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not valid {encoding}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if path.suffix == ".json":
        try:
            whole = json.loads(content)
        except ValueError as exc:
            raise InputError(f"{path}: not valid JSON ({exc})") from None
        entries = [(f"{path}: article {i + 1}", doc) for i, doc in enumerate(whole if isinstance(whole, list)
                                                                             else [whole])]
    else:
        entries = []
        for n, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                entries.append((f"{path}:{n}", json.loads(line)))
            except ValueError:
                raise InputError(f"{path}:{n}: not a JSON object") from None
    docs = []
    for where, doc in entries:
        if isinstance(doc, dict) and "text" not in doc and isinstance(doc.get("text_file"), str):
            doc = {**doc, "text": _read_text_file(doc["text_file"], path, where, encoding)}
        if not isinstance(doc, dict) or not {"doc_id", "text", "attributions"} <= doc.keys():
            raise InputError(f"{where}: expected an object with doc_id, text (or text_file) and attributions")
        if not isinstance(doc["text"], str) or not isinstance(doc["attributions"], list) or not all(
                isinstance(a, dict) and ("content_span" in a or "content_spans" in a) for a in doc["attributions"]):
            raise InputError(f"{where}: text must be a string and attributions a list of objects "
                             "with content_span")
        docs.append(doc)
    if not docs:
        raise InputError(f"{path}: no articles")
    return docs


def _read_text_file(name: str, gold: Path, where: str, encoding: str) -> str:
    for candidate in (Path(name), gold.parent / name):
        if candidate.is_file():
            try:
                return candidate.read_text(encoding=encoding)
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"{where}: cannot read text_file {name!r} ({exc})") from None
    raise InputError(f"{where}: text_file {name!r} not found (relative to the current directory or {gold.parent})")


def evaluate_attribution_file(path, *, scope: str = "speech", errors: Optional[TextIO] = None,
                              encoding: str = "utf-8", load_analyzer=None) -> tuple[dict[str, Any], str]:
    """Run the attribution rules over every gold article and score them (SCORING.md).

    Where gold attributions carry ``topic`` and ``stance``, the model
    (``load_analyzer()``, called only then) is scored on them too: topic on
    every such attribution, stance on the gold topic.
    """
    from ..attribution import find_quotes
    from .attribution import attribution_errors, format_attribution_report, format_errors, score_attribution

    docs = read_gold(path, encoding=encoding)
    predictions = {d["doc_id"]: [q.to_dict() for q in find_quotes(d["text"])] for d in docs}
    report = score_attribution(docs, predictions, scope=scope)
    if errors is not None:
        errors.write(format_errors(attribution_errors(docs, predictions, scope=scope)))
    text = format_attribution_report(report)
    labeled = [(d["doc_id"], d["text"], a) for d in docs for a in d["attributions"]
               if a.get("topic") and a.get("stance")]
    if labeled and load_analyzer is not None:
        report.update(score_gold_statements(load_analyzer().model, labeled))
        text += "\n\n" + "\n\n".join(format_report(report[k], title=title) for k, title in (
            ("stance", "stance of the gold statements on their gold topic"), ("topic", "topic of the gold statements"))
            if k in report)
    return report, text


def _gold_content(text: str, attribution: dict) -> str:
    spans = attribution.get("content_spans") or [attribution["content_span"]]
    return " ".join(text[s:e] for s, e in spans)


def _gold_extent(attribution: dict) -> tuple[int, int]:
    """From the start of a gold statement's first content span to the end of its last."""
    spans = attribution.get("content_spans") or [attribution["content_span"]]
    return spans[0][0], spans[-1][1]


def predicted_speakers(labeled: list) -> list:
    """The named speaker (:func:`~stance.pooling.named_speaker`) the attribution finds for each gold statement.

    Each gold statement ``(doc_id, article text, attribution)`` takes the
    speaker of the predicted quote whose content overlaps it most; ``None``
    when no predicted quote overlaps it or its speaker is not named.
    """
    from ..attribution import find_quotes

    found: dict = {}
    out = []
    for doc, text, gold in labeled:
        if doc not in found:
            found[doc] = find_quotes(text)
        spans = gold.get("content_spans") or [gold["content_span"]]
        best, overlap = None, 0
        for quote in found[doc]:
            qs, qe = quote.content_span
            shared = sum(max(0, min(e, qe) - max(s, qs)) for s, e in spans)
            if shared > overlap:
                best, overlap = quote, shared
        out.append(named_speaker(best.speaker, best.speaker_mention) if best is not None else None)
    return out


def topic_report(gold: list, pred: list, *, groups: Optional[list] = None) -> dict[str, Any]:
    """:func:`classification_report` of topics with a bootstrap 95% interval of macro-F1."""
    report = classification_report(gold, pred)
    report["macro_f1_interval"] = macro_f1_interval(gold, pred, bootstrap_units(groups, len(gold)))
    report["bootstrap"] = {"samples": BOOTSTRAP_SAMPLES, "seed": 0, "unit": "group" if groups else "row"}
    return report


def score_gold_statements(model, labeled: list) -> dict[str, Any]:
    """Topic and stance (on the gold topic) of gold statements ``(doc_id, article text, attribution)``.

    The topic model sees each statement's article as :meth:`Analyzer.analyze`
    does (``context_weight``); the stance model reads the text around each
    statement (``surround_weight``, :mod:`stance.surroundings`), and stance
    probabilities are pooled over each speaker's statements on the same topic
    in the article as the Analyzer pools them (``speaker_weight``,
    :mod:`stance.pooling`), with the speakers :func:`predicted_speakers`
    finds, not the gold ones. Intervals resample whole articles: statements
    of one article are not independent. The stance report holds the recall of every (topic, stance)
    cell, the figure that shows whether the model hears both sides.
    """
    contents = [_gold_content(text, a) for _, text, a in labeled]
    docs = [str(doc) for doc, _, _ in labeled]
    topics = [a["topic"] for _, _, a in labeled]
    stances = [a["stance"].strip().lower() for _, _, a in labeled]
    X = model.transform(contents)
    out: dict[str, Any] = {}
    rows = [i for i, t in enumerate(topics) if t != OTHER_TOPIC and t in model.stance_heads_]
    if rows:
        proba = model.predict_stance_proba(None, [topics[i] for i in rows], X=X[rows], surroundings=[
            surroundings(labeled[i][1], _gold_extent(labeled[i][2])) for i in rows])
        weight = getattr(model, "speaker_weight", 0.0)
        if weight:  # speaker consistency, with the speakers the product's own attribution finds
            speakers = predicted_speakers([labeled[i] for i in rows])
            proba = pool_by_speaker(proba, [(docs[i], s, topics[i]) if s else None for i, s in zip(rows, speakers)],
                                    weight)
        pred = [model.classes_[j] for j in proba.argmax(axis=1)]
        out["stance"] = stance_report([stances[i] for i in rows], pred, [topics[i] for i in rows],
                                      proba=proba, classes=model.classes_, groups=[docs[i] for i in rows],
                                      bootstrap=BOOTSTRAP_SAMPLES)
    if model.topic_head_ is not None:
        topic_proba = model.predict_topic_proba(None, X=X, contexts=[text for _, text, _ in labeled])
        pred_topics = [model.topics_[j] for j in topic_proba.argmax(axis=1)]
        out["topic"] = topic_report(topics, pred_topics, groups=docs)
        out["topic"]["calibration"] = calibration(topics, topic_proba, model.topics_)
        out["topic"]["calibration"].pop("reliability")
    return out
