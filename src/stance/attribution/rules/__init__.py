"""The attribution rules, one module per output ``rule`` name, in the order they run.

A sentence rule is a pure function ``match(doc, cue, claims) -> Proposal | None``: given the
document, one trigger (a cue, an "according to", a sentence-opening "Said") and a read-only view
of the sentence (its cues and what earlier triggers claimed), it proposes candidate statements
and the stretches they claim. :data:`RULES` runs them in order; a trigger inside a claimed
stretch is skipped (see :mod:`stance.attribution.arbiter`). :data:`PASSES` then extend the
statements found, document-wide. To add a rule, write a module here and give it a row.

Output name -> module: ``indirect.subject_cue`` -> ``indirect_subject_cue.py``, and so on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

from ..arbiter import SentenceClaims
from ..candidates import Candidate, Proposal
from ..cues import Cue
from ..document import Document
from ..open_quotes import extend_open_quotes
from ..wire_credits import CREDIT_PASS, record_credits
from . import (direct_block_quote, headline_colon, direct_continued, direct_cue_then_quote, direct_quote_paragraph,
               direct_quote_then_cue,
               direct_split_quote, indirect_according_to, indirect_as_cue, indirect_inverted_cue,
               indirect_parenthetical_cue, indirect_shared_subject, indirect_subject_cue, indirect_trailing_cue,
               paragraph_leading_cue, paragraph_trailing_cue)

__all__ = ["Rule", "Pass", "RULES", "PASSES", "RULE_NAMES", "cues_in_order"]

Triggers = Callable[[Document, int, Sequence[Cue]], Iterable[Cue]]


def cues_in_order(doc: Document, si: int, cues: Sequence[Cue]) -> Iterable[Cue]:
    """The sentence's cues, left to right."""
    return cues


@dataclass(frozen=True)
class Rule:
    """A sentence rule: its name, what triggers it, the function, and the output names it can give."""

    name: str
    triggers: Triggers
    match: Callable[[Document, Cue, SentenceClaims], Optional[Proposal]]
    produces: Tuple[str, ...]
    #: its triggers are the sentence's cues, so a sentence without cues (most of them) is skipped unasked
    on_cues: bool = False


@dataclass(frozen=True)
class Pass:
    """A document pass that extends the statements found (in place, recording its name)."""

    name: str
    extend: Callable[[Document, Sequence[Sequence[Cue]], List[Candidate]], None]
    produces: Tuple[str, ...]


#: sentence rules by priority: an earlier rule claims its stretch first
RULES: Tuple[Rule, ...] = (
    Rule(headline_colon.NAME, headline_colon.triggers, headline_colon.match, (headline_colon.NAME,)),
    Rule(indirect_trailing_cue.NAME, indirect_trailing_cue.triggers, indirect_trailing_cue.match,
         (direct_quote_then_cue.NAME, direct_split_quote.NAME, indirect_trailing_cue.NAME,
          indirect_inverted_cue.NAME, indirect_parenthetical_cue.NAME, indirect_shared_subject.NAME), on_cues=True),
    Rule(indirect_according_to.NAME, indirect_according_to.triggers, indirect_according_to.match,
         (indirect_according_to.NAME,)),
    Rule(indirect_inverted_cue.NAME, indirect_inverted_cue.said_first_triggers, indirect_inverted_cue.match_said_first,
         (indirect_inverted_cue.NAME,)),
    Rule(indirect_as_cue.NAME, cues_in_order, indirect_as_cue.match, (indirect_as_cue.NAME,), on_cues=True),
    Rule(indirect_subject_cue.NAME, cues_in_order, indirect_subject_cue.match,
         (indirect_subject_cue.NAME, direct_cue_then_quote.NAME, direct_block_quote.NAME,
          indirect_shared_subject.NAME), on_cues=True),
    Rule(indirect_shared_subject.NAME, cues_in_order, indirect_shared_subject.match, (indirect_shared_subject.NAME,),
         on_cues=True),
)

#: document passes, in order
PASSES: Tuple[Pass, ...] = (
    Pass(paragraph_trailing_cue.NAME, paragraph_trailing_cue.extend, (paragraph_trailing_cue.NAME,)),
    Pass(paragraph_leading_cue.NAME, paragraph_leading_cue.extend, (paragraph_leading_cue.NAME,)),
    Pass("extend_open_quote", extend_open_quotes, ()),
    Pass(direct_continued.NAME, direct_continued.extend, (direct_continued.NAME, direct_split_quote.NAME)),
    Pass(direct_quote_paragraph.NAME, direct_quote_paragraph.extend, (direct_quote_paragraph.NAME,)),
    Pass(CREDIT_PASS, record_credits, ()),
)

#: every name a statement's ``rule`` field can hold
RULE_NAMES: Tuple[str, ...] = (
    direct_quote_then_cue.NAME,
    direct_split_quote.NAME,
    direct_cue_then_quote.NAME,
    indirect_trailing_cue.NAME,
    indirect_inverted_cue.NAME,
    indirect_subject_cue.NAME,
    indirect_according_to.NAME,
    indirect_as_cue.NAME,
    indirect_shared_subject.NAME,
    indirect_parenthetical_cue.NAME,
    paragraph_trailing_cue.NAME,
    paragraph_leading_cue.NAME,
    direct_continued.NAME,
    direct_quote_paragraph.NAME,
    direct_block_quote.NAME,
    headline_colon.NAME,
)
