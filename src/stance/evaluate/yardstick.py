"""The news yardstick: a model's topic and stance on gold news statements, whole and in two fixed halves.

Model choices are made on real news with both sides, not by cross-validation
on the training corpus (which rewards each topic's majority side). Halves:
settings are chosen on half A of the articles and confirmed on half B, so a
choice that only fits these articles shows up as a gap between the halves.
``scripts/news_yardstick.py`` and ``train.py`` call :func:`score_gold_docs`.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from ..data import OTHER_TOPIC

BARS = {"stance_macro_f1": 0.60, "topic_macro_f1": 0.70, "cell_recall": 0.40}
"""Issue 11's bars: stance macro-F1 on the gold topic, topic macro-F1, recall in every big cell."""

MIN_CELL = 10
"""Cells with fewer gold statements are reported but carry no bar (in a half: half as many)."""


def halves(doc_ids: Sequence[str], seed: int = 0) -> tuple[set, set]:
    """Two fixed halves of the articles (a seeded permutation of the sorted ids)."""
    ids = sorted(set(doc_ids))
    order = np.random.default_rng(seed).permutation(len(ids))
    half = len(ids) // 2
    return {ids[i] for i in order[:half]}, {ids[i] for i in order[half:]}


def labeled_statements(docs: list[dict]) -> list[tuple]:
    """``(doc_id, article text, attribution)`` of every gold attribution with a topic and a stance."""
    return [(d["doc_id"], d["text"], a) for d in docs for a in d["attributions"] if a.get("topic") and a.get("stance")]


def summarize(report: dict[str, Any], big_cells: set) -> dict[str, Any]:
    """The yardstick figures of a :func:`~stance.evaluate.run.score_gold_statements` report."""
    stance, topic = report.get("stance", {}), report.get("topic", {})
    cells = {c: m for c, m in stance.get("cells", {}).items() if c in big_cells}
    worst: tuple[Optional[str], float] = (None, float("nan"))
    if cells:
        name = min(cells, key=lambda c: cells[c]["recall"])
        worst = (name, cells[name]["recall"])
    out = {"n": stance.get("n", 0), "stance_macro_f1": stance.get("macro_f1", float("nan")),
           "stance_macro_f1_ci": stance.get("macro_f1_interval"),
           "topic_macro_f1": topic.get("macro_f1", float("nan")), "topic_macro_f1_ci": topic.get("macro_f1_interval"),
           "min_cell_recall": worst[1], "min_cell": worst[0],
           "cells": {c: round(m["recall"], 4) for c, m in stance.get("cells", {}).items()}}
    if "calibration" in stance:
        out["stance_brier"], out["stance_ece"] = stance["calibration"]["brier"], stance["calibration"]["ece"]
    if "calibration" in topic:
        out["topic_brier"], out["topic_ece"] = topic["calibration"]["brier"], topic["calibration"]["ece"]
    out["bars"] = bool(out["stance_macro_f1"] >= BARS["stance_macro_f1"]
                       and out["topic_macro_f1"] >= BARS["topic_macro_f1"]
                       and (worst[0] is None or worst[1] >= BARS["cell_recall"]))
    return out


def score_gold_docs(model, docs: list[dict]) -> dict[str, dict[str, Any]]:
    """Yardstick figures of ``model`` on gold articles ``docs``: ``{"all", "half A", "half B"}``."""
    from .run import score_gold_statements

    labeled = labeled_statements(docs)
    a_ids, b_ids = halves([d["doc_id"] for d in docs])
    out = {}
    for part, keep, least in (("all", None, MIN_CELL), ("half A", a_ids, MIN_CELL / 2),
                              ("half B", b_ids, MIN_CELL / 2)):
        rows = [x for x in labeled if keep is None or x[0] in keep]
        out[part] = summarize(score_gold_statements(model, rows), _big_cells(rows, least))
    return out


def _big_cells(rows: list[tuple], least: float) -> set:
    counts: dict[str, int] = {}
    for _, _, a in rows:
        if a["topic"] != OTHER_TOPIC:
            key = f"{a['topic']}/{a['stance'].strip().lower()}"
            counts[key] = counts.get(key, 0) + 1
    return {c for c, n in counts.items() if n >= least}
