"""The speaker x topic grid of ``stance summarize`` as a figure (PNG, SVG, PDF) for a slide or a paper.

matplotlib is the optional extra ``plot``; it is imported only when a figure is asked for.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from .evaluate.plots import require_matplotlib
from .summary import UNKNOWN_SPEAKER, SummaryRow

MAX_SPEAKERS = 40
"""Speakers drawn (those with the most statements): more rows stop being readable on a page."""


def plot_summary(rows: Sequence[SummaryRow], path, *, max_speakers: int = MAX_SPEAKERS,
                 title: str = "who stands where") -> Path:
    """Draw the grid: a row per speaker, a column per topic, cells coloured by net position.

    Each cell shows the net position and the statement count; topic ``other``
    (no stance) and empty cells are grey. Colours are the colour-blind-safe
    PuOr map (orange against, purple for), as in the HTML report.

    Raises
    ------
    StanceError
        matplotlib is not installed.
    """
    plt = require_matplotlib()
    import numpy as np

    speakers: list[Optional[str]] = list(dict.fromkeys(r.speaker for r in rows))[:max_speakers]
    topics = sorted({r.topic for r in rows} - {"other"}) + (["other"] if any(r.topic == "other" for r in rows) else [])
    cells = {(r.speaker, r.topic): r for r in rows}
    grid = np.full((len(speakers), len(topics)), np.nan)
    for i, s in enumerate(speakers):
        for j, t in enumerate(topics):
            r = cells.get((s, t))
            if r is not None and r.net is not None:
                grid[i, j] = r.net
    height = max(2.5, 0.32 * len(speakers) + 1.6)
    fig, ax = plt.subplots(figsize=(1.25 * len(topics) + 3.2, height))
    try:
        cmap = plt.get_cmap("PuOr").with_extremes(bad="#eeeeee")  # orange (against, -1) to purple (for, +1)
        image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=-1, vmax=1, aspect="auto")
        ax.set_xticks(range(len(topics)), topics, rotation=30, ha="right")
        ax.set_yticks(range(len(speakers)), [(s or UNKNOWN_SPEAKER)[:32] for s in speakers])
        for i, s in enumerate(speakers):
            for j, t in enumerate(topics):
                r = cells.get((s, t))
                if r is None:
                    continue
                label = f"n={r.statements}" if r.net is None else f"{r.net:+.2f}\nn={r.statements}"
                dark = r.net is not None and abs(r.net) > 0.55
                ax.text(j, i, label, ha="center", va="center", fontsize=7, color="white" if dark else "black")
        fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="net position: P(favor) − P(against)")
        shown = "" if len(speakers) == len({r.speaker for r in rows}) else f" (top {len(speakers)} speakers)"
        ax.set_title(title + shown)
        fig.tight_layout()
        fig.savefig(path, dpi=120)
    finally:
        plt.close(fig)
    return Path(path)
