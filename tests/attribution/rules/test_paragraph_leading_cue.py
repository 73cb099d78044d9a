"""``paragraph.leading_cue``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "paragraph.leading_cue"


TABLE = [
    row('Ortiz said that the dam is old. Repairs will take two years.\n\nWork begins in May.',
        ('Ortiz', 'said', 'the dam is old. Repairs will take two years', 'indirect', NAME), id='runs-to-paragraph-end'),
    row('Ortiz said the budget was fine. Costs will fall next year. Taxes will not rise.',
        ('Ortiz', 'said', 'the budget was fine. Costs will fall next year. Taxes will not rise', 'indirect', NAME), id='needs-an-explicit-that', xfail="paragraph.leading_cue needs an explicit 'that' (PolNeAR measured)"),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_paragraph_leading_cue(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
