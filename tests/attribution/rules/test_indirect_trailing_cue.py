"""``indirect.trailing_cue``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "indirect.trailing_cue"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.trailing_cue"


TABLE = [
    row('The envoys left on the third day, the source told Radio Andina de Lima.',
        ('the source', 'told', 'The envoys left on the third day', 'indirect', NAME), id='hearer-name-with-a-particle'),
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
    row('The bridge will reopen in June, Okafor told reporters flying with her from Accra.',
        ('Okafor', 'told', 'The bridge will reopen in June', 'indirect', NAME), id='hearer-participle'),
    row('The levy was a mistake, the minister told officials gathered in Quito.',
        ('the minister', 'told', 'The levy was a mistake', 'indirect', NAME), id='hearer-past-participle'),
    row('Okafor told reporters flying with her that the bridge will reopen in June.',
        ('Okafor', 'told', 'the bridge will reopen in June', 'indirect', 'indirect.subject_cue'),
        id='hearer-participle-then-that', alone=False),
    row('The port will stay shut this year, the trade envoy has told diplomats.',
        ('the trade envoy', 'told', 'The port will stay shut this year', 'indirect', NAME), id='plural-person-hearer'),
    row('The port will stay shut this year, Ruiz told visiting farmers on Monday.',
        ('Ruiz', 'told', 'The port will stay shut this year', 'indirect', NAME), id='modified-plural-hearer'),
    row('Ruiz told diplomats the port will stay shut this year.',
        ('Ruiz', 'told', 'the port will stay shut this year', 'indirect', 'indirect.subject_cue'),
        id='plural-person-hearer-before-content', alone=False),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_indirect_trailing_cue(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected
