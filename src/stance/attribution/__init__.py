"""Attribution: who said what, as :class:`~stance.types.Quote` records.

Two stages, each usable alone:

1. :func:`find_statements` — the document (:mod:`.document`: sentences, paragraphs, quotation
   regions), its cues (:mod:`.cues`), the named rules of :mod:`.rules` run per sentence with an
   arbiter (:mod:`.arbiter`) choosing among overlapping candidates, then the document passes
   (paragraph extension, open quotations, continued quotations). Speaker mentions are found by
   :mod:`.mentions` and :mod:`.sentence_subjects`.
2. :func:`resolve_statements` — each mention resolved to the person, organization or group
   meant (:mod:`.resolution`).

:func:`find_quotes` runs both. Every statement's ``rule`` field names the module in
:mod:`.rules` that shaped it (``indirect.subject_cue`` -> ``rules/indirect_subject_cue.py``);
``scripts/bench_attribution.py`` prints scores per rule name. Everything is computed per call:
pure and thread-safe.
"""
from __future__ import annotations

from typing import List

from ..types import Quote
from .document import quote_kind
from .pipeline import find_statements
from .resolution import resolve_statements
from .rules import RULE_NAMES, RULES

__all__ = ["find_quotes", "find_statements", "resolve_statements", "quote_kind", "RULES", "RULE_NAMES"]


def find_quotes(text: str) -> List[Quote]:
    """Every attributed statement in ``text``, sorted by content start, speakers resolved.

    Attribution fields only (``topic``/``stance`` stay ``None``).

    >>> [(q.speaker, q.cue, q.content) for q in find_quotes("Zhu said the talks were useful.")]
    [('Zhu', 'said', 'the talks were useful')]
    """
    if not text or not text.strip():
        return []
    return resolve_statements(*find_statements(text))
