"""``indirect.according_to``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "indirect.according_to"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.according_to"


TABLE = [
    row('According to the city council, the tram line will close in June.',
        ('the city council', 'According to', 'the tram line will close in June', 'indirect', NAME), id='09-according-to-first'),
    row('The tram line will close in June, according to the city council.',
        ('the city council', 'according to', 'The tram line will close in June', 'indirect', NAME), id='10-according-to-last'),
    row('Sales, according to the annual report, rose sharply last year.',
        ('the annual report', 'according to', 'Sales, according to the annual report, rose sharply last year', 'indirect', NAME), id='source-mid-sentence'),
    row('Xu said the port will expand, according to the Harbor Gazette.',
        ('Xu', 'said', 'the port will expand', 'indirect', 'indirect.subject_cue'), id='channel-is-via', alone=False),
    row('According to Ostrova, “The port will reopen in spring. The cranes are already repaired.” '
        'The ministry declined to comment.',
        ("Ostrova", "According to", "The port will reopen in spring. The cranes are already repaired.", "direct", NAME),
        ("The ministry", "declined", "to comment", "indirect", "indirect.subject_cue"),
        id="content-opening-a-quotation-runs-to-its-close", alone=False),
    row('Absent from the budget, according to aides who briefed the press on Monday, was any sign of the tax cut.',
        ('aides', 'according to', 'Absent from the budget, according to aides who briefed the press on Monday, was any sign of the tax cut', 'indirect', NAME), id='source-with-postmodifier-spans-sentence'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_indirect_according_to(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected
