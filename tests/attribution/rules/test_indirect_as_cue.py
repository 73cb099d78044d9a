"""``indirect.as_cue``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "indirect.as_cue"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.as_cue"


TABLE = [
    row('As the Daily Ledger reported on Friday, the mill will stay open until May.',
        ('the Daily Ledger', 'reported', 'the mill will stay open until May', 'indirect', NAME), id='33-as-cue'),
    row('But as Holm said: "We will not close."',
        ('Holm', 'said', 'We will not close.', 'direct', NAME), id='34-as-cue-quote'),
    row('As he spoke, the crowd cheered loudly for him.',
        id='as-he-spoke-is-no-statement'),
    row('Of course, as the senator noted, the bill has no money in it.',
        ('the senator', 'noted', 'the bill has no money in it', 'indirect', NAME), id='as-after-intro', alone=False, xfail='the trailing-cue rule runs first and reads the sentence as a parenthetical attribution'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_indirect_as_cue(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected
