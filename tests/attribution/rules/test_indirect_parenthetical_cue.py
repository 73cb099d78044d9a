"""``indirect.parenthetical_cue``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "indirect.parenthetical_cue"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.trailing_cue"


TABLE = [
    row('The real problem, the mayor said, is the lack of housing.',
        ('the mayor', 'said', 'The real problem, the mayor said, is the lack of housing', 'indirect', NAME), id='21-parenthetical-cue'),
    row('But in recent weeks, aides to the mayor say, she has grown tired of the council.',
        ('aides to the mayor', 'say', 'she has grown tired of the council', 'indirect', NAME), id='parenthetical-after-intro', xfail='the content before the attribution is only an introductory phrase'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_indirect_parenthetical_cue(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected
