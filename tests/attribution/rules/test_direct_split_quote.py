"""``direct.split_quote``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "direct.split_quote"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.trailing_cue"


TABLE = [
    row('"We are ready," he said, "and we are not afraid."',
        ('he', 'said', 'We are ready," he said, "and we are not afraid.', 'direct', NAME), id='08-split-quote'),
    row('"That," he added, "makes life harder for our children."',
        ('he', 'added', 'That," he added, "makes life harder for our children.', 'direct', NAME), id='41-split-quote-one-word-opening'),
    row('"We like the plan," she said, but "the budget is another matter."',
        ('she', 'said', 'We like the plan," she said, but "the budget is another matter.', 'mixed', NAME), id='later-quotation-in-sentence', alone=False),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_direct_split_quote(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected
