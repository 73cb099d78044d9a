"""Evaluation figures: the stance confusion matrix and a reliability diagram, in one PNG.

matplotlib is the optional extra ``plot`` (``pip install 'stance[plot]'``);
it is imported only here, when a figure is asked for.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import StanceError

MISSING_MATPLOTLIB = "--plot needs matplotlib: pip install 'stance[plot]'"


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise StanceError(MISSING_MATPLOTLIB) from None
    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    return plt


def plot_stance_report(report: dict[str, Any], path, *, title: str = "stance") -> Path:
    """Draw ``report``'s confusion matrix and reliability diagram side by side into ``path``.

    ``report`` is a :func:`~stance.evaluate.stance.stance_report` (with
    ``calibration`` when probabilities were given; otherwise the reliability
    panel says so).

    Raises
    ------
    StanceError
        matplotlib is not installed.
    """
    plt = _pyplot()
    labels, matrix = report["labels"], report["confusion"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.8))
    try:
        left.imshow(matrix, cmap="Blues")
        left.set_xticks(range(len(labels)), labels)
        left.set_yticks(range(len(labels)), labels)
        left.set_xlabel("predicted")
        left.set_ylabel("gold")
        peak = max((max(row) for row in matrix), default=0) or 1
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                left.text(j, i, str(value), ha="center", va="center",
                          color="white" if value > peak / 2 else "black")
        left.set_title(f"confusion (n={report['n']}, F_avg {report.get('f_avg', float('nan')):.3f})")
        right.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
        cal = report.get("calibration")
        if cal and cal.get("reliability"):
            bins = cal["reliability"]
            right.bar([(b["low"] + b["high"]) / 2 for b in bins], [b["accuracy"] for b in bins],
                      width=[(b["high"] - b["low"]) * 0.9 for b in bins], alpha=0.6, label="accuracy per bin")
            right.plot([b["confidence"] for b in bins], [b["accuracy"] for b in bins], marker="o", color="C1",
                       label="mean confidence vs accuracy")
            right.set_title(f"reliability (ECE {cal['ece']:.3f}, Brier {cal['brier']:.3f})")
        else:
            right.set_title("reliability (no probabilities)")
        right.set_xlim(0, 1)
        right.set_ylim(0, 1.03)
        right.set_xlabel("confidence of the predicted label")
        right.set_ylabel("accuracy")
        right.legend(loc="upper left", fontsize="small")
        fig.suptitle(title)
        fig.tight_layout()
        path = Path(path)
        try:
            fig.savefig(path, dpi=110)
        except OSError as exc:
            raise StanceError(f"{path}: cannot write the plot ({exc.strerror or exc})") from None
    finally:
        plt.close(fig)
    return path
