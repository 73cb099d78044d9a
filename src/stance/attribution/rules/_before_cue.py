"""The subject noun phrase before a cue, looked for once per cue.

The trailing-cue rule (its inverted check too) and the subject-cue rule each ask
:func:`~stance.attribution.mentions.mention_before` for the phrase that ends right before the
same cue, from the sentence start. It is a pure function of the text and the two offsets, so the
answers for the last few sentences' cues are kept.
"""
from __future__ import annotations

from functools import lru_cache

from ..mentions import mention_before

__all__ = ["mention_before_cue"]

#: ``mention_before(text, sentence_start, cue_start)``, remembered for the last 256 cues
mention_before_cue = lru_cache(maxsize=256)(mention_before)
