"""``paragraph.trailing_cue``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "paragraph.trailing_cue"


TABLE = [
    row('The dam is old. Repairs will take two years. Costs may double, the engineer said.\n\nWork begins in May.',
        ('the engineer', 'said', 'The dam is old. Repairs will take two years. Costs may double', 'indirect', NAME), id='reaches-back'),
    row('The dam is old. He has waffled for years. Costs may double, the engineer said.',
        ('the engineer', 'said', 'Costs may double', 'indirect', 'indirect.trailing_cue'), id='stops-at-a-pronoun-subject'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_paragraph_trailing_cue(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
