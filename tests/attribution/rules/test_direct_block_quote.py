"""``direct.block_quote``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "direct.block_quote"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.subject_cue"


TABLE = [
    row('The governor added:\nWe will rebuild the bridge this year, and we will pay for it ourselves.',
        ('The governor', 'added', 'We will rebuild the bridge this year, and we will pay for it ourselves.', 'indirect', NAME), id='block-quote-next-paragraph'),
    row('The mayor said:\n"We are ready for the flood."',
        ('The mayor', 'said', 'We are ready for the flood.', 'direct', 'direct.cue_then_quote'), id='colon-then-quotation-is-cue-then-quote'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_direct_block_quote(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected
