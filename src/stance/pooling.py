"""Speaker consistency: a speaker quoted several times on one topic in one article keeps one side.

In news a speaker's statements on a topic within one article nearly always
argue the same way, but each statement alone may carry little evidence ("It
is the right decision", said after a pro-tariff remark). After scoring, each
statement's stance probabilities are blended with the mean over the
statements of the same speaker and topic in the same article::

    p' = (1 - w) * p + w * mean(p over the group)

``w`` is the model's ``speaker_weight`` (0: no pooling). Only speakers named
in the attribution itself are pooled (:func:`named_speaker`): a speaker
resolved from a pronoun ("he said") is wrong often enough that pooling it
mixes different people's sides (measured: BENCHMARKS.md, issue 11 round 2).
A statement alone in its group, or with no named speaker, is left as it is. Rows stay
probability distributions (a convex mix of distributions).

Examples
--------
>>> import numpy as np
>>> p = np.array([[0.9, 0.1], [0.4, 0.6], [0.5, 0.5]])
>>> pool_by_speaker(p, [("a", "Lee", "tariffs"), ("a", "Lee", "tariffs"), None], 0.5).round(3).tolist()
[[0.775, 0.225], [0.525, 0.475], [0.5, 0.5]]
"""
from __future__ import annotations

from typing import Hashable, Optional, Sequence

import numpy as np

from .attribution.nouns import PRONOUNS, word_key


def named_speaker(speaker: Optional[str], mention: Optional[str]) -> Optional[str]:
    """``speaker`` when the attribution names it (its mention is not a pronoun), else ``None``."""
    if not speaker or not mention or word_key(mention) in PRONOUNS:
        return None
    return speaker


def pool_by_speaker(proba: np.ndarray, groups: Sequence[Optional[Hashable]], weight: float) -> np.ndarray:
    """``proba`` with each row blended (``weight``) with the mean of its group's rows.

    ``groups`` holds one key per row, e.g. ``(article, speaker, topic)``;
    ``None`` rows (no resolved speaker) are never pooled.
    """
    proba = np.asarray(proba, dtype=np.float64)
    if len(groups) != len(proba):
        raise ValueError(f"{len(proba)} rows but {len(groups)} group keys")
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"speaker weight must be in [0, 1], got {weight}")
    out = proba.copy()
    if weight == 0:
        return out
    members: dict = {}
    for i, key in enumerate(groups):
        if key is not None:
            members.setdefault(key, []).append(i)
    for rows in members.values():
        if len(rows) > 1:
            out[rows] = (1 - weight) * proba[rows] + weight * proba[rows].mean(axis=0)
    return out
