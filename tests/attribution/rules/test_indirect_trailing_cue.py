"""``indirect.trailing_cue``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "indirect.trailing_cue"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.trailing_cue"


TABLE = [
    row('The budget is too small, Ortiz said.',
        ('Ortiz', 'said', 'The budget is too small', 'indirect', NAME), id='03-trailing-cue'),
    row('Prices will rise again next year, Ortiz, the chief economist at Valebank, told reporters.',
        ('Ortiz', 'told', 'Prices will rise again next year', 'indirect', NAME), id='15-trailing-apposition'),
    row('The vote was a mistake, the senator added.',
        ('the senator', 'added', 'The vote was a mistake', 'indirect', NAME), id='17-description-trailing'),
    row('Clean Energy Deal Could Pass Soon, Senator Graham Says.',
        ('Senator Graham', 'Says', 'Clean Energy Deal Could Pass Soon', 'indirect', NAME), id='30-headline-trailing-cue'),
    row('The mill will stay open until May, Holm notes.',
        ('Holm', 'notes', 'The mill will stay open until May', 'indirect', NAME), id='42-trailing-notes'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_indirect_trailing_cue(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected
