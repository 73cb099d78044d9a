"""Stance metrics against hand-computed values."""
from __future__ import annotations

import numpy as np
import pytest

from stance.evaluate.stance import (bootstrap_units, calibration, cell_recall, classification_report, f_avg,
                                    format_report, macro_f1_interval, stance_report)

GOLD = ["favor", "favor", "against", "against", "none", "none"]
PRED = ["favor", "against", "against", "against", "favor", "none"]


def test_f_avg_is_mean_of_favor_and_against_f1():
    # favor: P=1/2, R=1/2 -> F1=.5; against: P=2/3, R=1 -> F1=.8
    assert f_avg(GOLD, PRED) == pytest.approx((0.5 + 0.8) / 2)


def test_classification_report():
    r = classification_report(GOLD, PRED, labels=["favor", "against", "none"])
    assert r["accuracy"] == pytest.approx(4 / 6)
    assert r["per_class"]["none"] == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2})
    assert r["macro_f1"] == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)
    assert r["confusion"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]


def test_per_topic_mean_is_reported_separately():
    topics = ["a", "a", "a", "b", "b", "b"]
    r = stance_report(GOLD, PRED, topics)
    assert r["f_avg"] == pytest.approx(f_avg(GOLD, PRED))
    assert r["f_avg_topic_mean"] == pytest.approx(np.mean([r["per_topic"][t]["f_avg"] for t in "ab"]))


def test_calibration_of_perfect_and_overconfident_predictions():
    classes = ["against", "favor"]
    perfect = calibration(["favor", "against"], np.array([[0.0, 1.0], [1.0, 0.0]]), classes)
    assert (perfect["brier"], perfect["ece"]) == (0.0, 0.0)
    assert perfect["reliability"] == [{"low": 0.9, "high": 1.0, "n": 2, "confidence": 1.0, "accuracy": 1.0}]
    wrong = calibration(["favor", "against"], np.array([[1.0, 0.0], [0.0, 1.0]]), classes)
    assert wrong["brier"] == pytest.approx(2.0) and wrong["ece"] == pytest.approx(1.0)


def test_reliability_bins_weigh_the_ece():
    # two rows at confidence .6 (one right), two at .9 (both right)
    proba = np.array([[0.6, 0.4], [0.6, 0.4], [0.1, 0.9], [0.9, 0.1]])
    r = calibration(["against", "favor", "favor", "against"], proba, ["against", "favor"])
    assert [(b["n"], b["accuracy"]) for b in r["reliability"]] == [(2, 0.5), (2, 1.0)]
    assert r["ece"] == pytest.approx(0.5 * abs(0.5 - 0.6) + 0.5 * abs(1.0 - 0.9))


def test_cell_recall_shows_a_constant_side():
    # topic a: the model answers "favor" always; topic b: it gets both sides right
    gold = ["favor", "favor", "against", "against", "favor", "against"]
    pred = ["favor", "favor", "favor", "favor", "favor", "against"]
    cells = cell_recall(gold, pred, ["a", "a", "a", "a", "b", "b"])
    assert cells == {"a/against": {"n": 2, "recall": 0.0}, "a/favor": {"n": 2, "recall": 1.0},
                     "b/against": {"n": 1, "recall": 1.0}, "b/favor": {"n": 1, "recall": 1.0}}


def test_bootstrap_resamples_whole_groups_reproducibly():
    groups = ["d1", "d1", "d1", "d2", "d3", "d3"]
    first = bootstrap_units(groups, len(groups), samples=50, seed=3)
    again = bootstrap_units(groups, len(groups), samples=50, seed=3)
    assert all((x == y).all() for x, y in zip(first, again))
    blocks = {"d1": [0, 1, 2], "d2": [3], "d3": [4, 5]}
    for sample in first:
        rows = list(sample)
        while rows:  # every resample is a concatenation of whole groups
            block = next(b for b in blocks.values() if rows[:len(b)] == b)
            rows = rows[len(block):]


def test_macro_f1_interval_brackets_the_figure_and_collapses_when_perfect():
    gold = ["favor", "against", "none"] * 10
    assert macro_f1_interval(gold, gold, bootstrap_units(None, 30, samples=100)) == [1.0, 1.0]
    pred = ["favor", "favor", "none"] * 10
    low, high = macro_f1_interval(gold, pred, bootstrap_units(None, 30, samples=300))
    point = classification_report(gold, pred)["macro_f1"]
    assert low <= point <= high and low < high


def test_stance_report_with_bootstrap_has_cell_intervals():
    r = stance_report(GOLD, PRED, ["a"] * 6, groups=["x", "x", "y", "y", "z", "z"], bootstrap=200)
    assert r["bootstrap"] == {"samples": 200, "seed": 0, "unit": "group"}
    low, high = r["cells"]["a/against"]["interval"]
    assert low == high == 1.0  # both against rows are always right
    assert "95% CI" in format_report(r, title="t") and "a/favor" in format_report(r, title="t")
