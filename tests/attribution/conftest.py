"""The harness for attribution tests: the whole pipeline, or one rule of the table alone."""
from __future__ import annotations

from typing import List, Tuple

import pytest

from stance.attribution import find_quotes
from stance.attribution.cues import find_cues
from stance.attribution.document import build_document, quote_kind
from stance.attribution.pipeline import run_rules
from stance.attribution.rules import RULES

#: (speaker mention, cue, content, kind, rule) of one statement
Statement = Tuple[str, str, str, str, str]


def pipeline_statements(text: str) -> List[Statement]:
    """Every statement :func:`find_quotes` finds in ``text``, in order."""
    return [(q.speaker_mention, q.cue, q.content, q.kind, q.rule) for q in find_quotes(text)]


def rule_statements(rule_name: str, text: str) -> List[Statement]:
    """The statements one sentence rule of :data:`RULES` finds alone (no other rule, no pass)."""
    rules = [r for r in RULES if r.name == rule_name]
    assert rules, f"no sentence rule named {rule_name!r}"
    doc = build_document(text)
    cues = find_cues(doc)
    found = [c for si in range(len(doc.sentences)) for c in run_rules(doc, si, cues[si], rules)]
    found.sort(key=lambda c: (c.content[0], c.cue[0]))
    return [(text[c.speaker[0]:c.speaker[1]], text[c.cue[0]:c.cue[1]], text[c.content[0]:c.content[1]],
             quote_kind(text, c.content, doc.inside), c.reported_rule) for c in found]


@pytest.fixture
def statements():
    return pipeline_statements


@pytest.fixture
def run_rule():
    return rule_statements
