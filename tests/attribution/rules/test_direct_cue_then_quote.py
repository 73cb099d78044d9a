"""``direct.cue_then_quote``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "direct.cue_then_quote"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.subject_cue"


TABLE = [
    row('The coach said: "We will win the cup."',
        ('The coach', 'said', 'We will win the cup.', 'direct', NAME), id='07-cue-then-quote'),
    row('The mayor said: "We are ready.\n\n"The bridge opens in May."',
        ('The mayor', 'said', 'We are ready.\n\n"The bridge opens in May.', 'direct', NAME), id='reopened-paragraph-quote'),
    row('She read "War and Peace" on the train.',
        id='book-title-is-no-quotation'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_direct_cue_then_quote(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected
