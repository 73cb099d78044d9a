"""Explanations of a fitted :class:`~stance.model.StanceModel`: which n-grams carry its decisions.

Every head is linear, so a label's logit is a sum over features of
``value * weight`` plus an intercept. Softmax probabilities only depend on
differences between logits, so the weight that matters for a label is its
weight minus the mean weight over the head's labels (for a binary head: the
single coefficient, split ``+w/2`` / ``-w/2``). :func:`top_features` ranks
those centered weights per topic and label; :func:`explain_text` ranks the
contributions ``value * centered weight`` of the n-grams present in one
statement. Feature names carry their block's prefix, as scikit-learn's
``FeatureUnion`` writes them: ``word__tariffs``, ``char__ tar``.

Examples
--------
>>> from stance import StanceModel
>>> m = StanceModel(min_df=1).fit(
...     ["Tariffs protect jobs.", "Tariffs hurt everyone.", "Free trade helps all."],
...     ["tariffs"] * 3, ["favor", "against", "against"])
>>> top_features(m, n=1)["tariffs"]["favor"][0][0].startswith(("word__", "char__"))
True
"""
from __future__ import annotations

from typing import Any, Optional

import numpy as np

from .model import StanceModel


def feature_names(model: StanceModel) -> np.ndarray:
    """Names of the model's features, prefixed with their block (``word__``, ``char__``)."""
    model._check_fitted()
    names = []
    for block, vectorizer in model.features_.transformer_list:
        vocab = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        names.extend(f"{block}__{term}" for term in vocab)
    return np.asarray(names, dtype=object)


def _centered(head) -> tuple[list[str], np.ndarray]:
    coef = np.asarray(head.coef_)
    if coef.shape[0] == 1:  # binary: logits [0, z]
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
    else:
        coef = coef - coef.mean(axis=0, keepdims=True)
    return [str(c) for c in head.classes_], coef


def top_features(model: StanceModel, *, n: int = 15, topics: Optional[list[str]] = None
                 ) -> dict[str, dict[str, list[tuple[str, float]]]]:
    """The ``n`` n-grams weighted most for each label of each topic's stance head.

    Returns ``{topic: {label: [(feature, centered weight), ...]}}``, heaviest
    first. A topic trained on a single label has no weights and maps to ``{}``.
    """
    names = feature_names(model)
    out: dict[str, dict[str, list[tuple[str, float]]]] = {}
    for topic in topics or sorted(model.stance_heads_):
        model.check_topic(topic)
        head = model.stance_heads_[topic]
        out[topic] = {}
        if isinstance(head, str):
            continue
        classes, coef = _centered(head)
        for label, weights in zip(classes, coef):
            idx = np.argsort(-weights, kind="stable")[:n]
            out[topic][label] = [(str(names[i]), float(weights[i])) for i in idx if weights[i] > 0]
    return out


def explain_text(model: StanceModel, text: str, *, topic: Optional[str] = None, n: int = 10) -> dict[str, Any]:
    """Why the model gave ``text`` its stance: the n-grams that moved the prediction most.

    Without ``topic`` the topic head picks one (as ``stance classify`` does).
    For the predicted label, ``for`` lists the n-grams of ``text`` that raised
    it most against the other labels and ``against`` those that lowered it
    most, each as ``(feature, contribution to the centered logit)``.
    """
    X = model.transform([text])
    topic_proba = model.predict_topic_proba(None, X=X)[0]
    if topic is None:
        topic = model.topics_[int(topic_proba.argmax())]
    out: dict[str, Any] = {"text": text, "topic": topic,
                           "topic_probability": float(topic_proba[model.topics_.index(topic)])
                           if topic in model.topics_ else None}
    if topic not in model.stance_heads_:
        if topic != "other":
            model.check_topic(topic)  # raises, naming the scoreable topics
        out.update(stance="none", probabilities=None, label=None, **{"for": [], "against": []})
        return out
    proba = model.predict_stance_proba(None, [topic], X=X)[0]
    out["probabilities"] = {c: float(p) for c, p in zip(model.classes_, proba)}
    out["stance"] = model.classes_[int(proba.argmax())]
    head = model.stance_heads_[topic]
    if isinstance(head, str):
        out.update(label=head, **{"for": [], "against": []})
        return out
    classes, coef = _centered(head)
    label = out["stance"]
    row = X.tocsr()[0]
    weights = coef[classes.index(label)][row.indices]
    contrib = row.data * weights
    names = feature_names(model)[row.indices]
    order = np.argsort(-contrib, kind="stable")
    out["label"] = label
    out["for"] = [(str(names[i]), float(contrib[i])) for i in order[:n] if contrib[i] > 0]
    out["against"] = [(str(names[i]), float(contrib[i])) for i in order[::-1][:n] if contrib[i] < 0]
    # a self-check readers can rely on: contributions plus intercept give the head's logits
    out["intercept"] = float(_centered_intercept(head)[classes.index(label)])
    return out


def _centered_intercept(head) -> np.ndarray:
    b = np.asarray(head.intercept_, dtype=float)
    if b.shape[0] == 1:
        return np.array([-b[0] / 2, b[0] / 2])
    return b - b.mean()


def format_top_features(table: dict[str, dict[str, list[tuple[str, float]]]]) -> str:
    """Readable text of :func:`top_features`."""
    lines = []
    for topic, labels in table.items():
        lines.append(f"{topic}")
        if not labels:
            lines.append("  (trained on a single label; no weights)")
        for label, feats in labels.items():
            lines.append(f"  {label}: " + ", ".join(f"{_show(f)} {w:+.2f}" for f, w in feats))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def format_explanation(exp: dict[str, Any]) -> str:
    """Readable text of :func:`explain_text`."""
    tp = f" ({exp['topic_probability']:.2f})" if exp.get("topic_probability") is not None else ""
    lines = [f"topic {exp['topic']}{tp} · stance {exp['stance']}"]
    if exp.get("probabilities"):
        lines[0] += " (" + "  ".join(f"{c} {p:.2f}" for c, p in exp["probabilities"].items()) + ")"
    if exp.get("for"):
        lines.append(f"  n-grams for {exp['label']}:     " + ", ".join(f"{_show(f)} {w:+.3f}" for f, w in exp["for"]))
    if exp.get("against"):
        lines.append(f"  n-grams against {exp['label']}: "
                     + ", ".join(f"{_show(f)} {w:+.3f}" for f, w in exp["against"]))
    return "\n".join(lines) + "\n"


def _show(feature: str) -> str:
    return repr(feature) if feature != feature.strip() or "  " in feature else feature


__all__ = ["explain_text", "feature_names", "format_explanation", "format_top_features", "top_features"]
