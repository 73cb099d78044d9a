"""``direct.quote_then_cue``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "direct.quote_then_cue"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.trailing_cue"


TABLE = [
    row('"It works," she said.',
        ('she', 'said', 'It works', 'direct', NAME), id='05-quote-then-cue'),
    row('“Is it safe?” asked Lena Park.',
        ('Lena Park', 'asked', 'Is it safe?', 'direct', NAME), id='06-question-inverted'),
    row("''We will appeal,'' Mr. Ortiz said.",
        ('Mr. Ortiz', 'said', 'We will appeal', 'direct', NAME), id='23-doubled-apostrophes'),
    row('“We need more nurses,” Ortiz said Tuesday in a statement.',
        ('Ortiz', 'said', 'We need more nurses', 'direct', NAME), id='20-trailing-adverbial-tail'),
    row('"The roads are closed. Stay home tonight," the sheriff said.',
        ('the sheriff', 'said', 'The roads are closed. Stay home tonight', 'direct', NAME), id='multi-sentence-quotation'),
    row('"My father told me that hard work pays," Ortiz said.',
        ('Ortiz', 'said', 'My father told me that hard work pays', 'direct', NAME), id='nested-cue-inside-quotation-is-content', alone=False),
    row('“It is fine,” said Tom Holm, a dentist from Dover, who said he is friendly with the mayor.',
        ('Tom Holm', 'said', 'It is fine', 'direct', NAME),
        ('who', 'said', 'he is friendly with the mayor', 'indirect', 'indirect.subject_cue'), id='relative-cue-after-trailing-speaker', alone=False),
    row('“Watch out for fraud by the mayor,” tweeted another.',
        ('another', 'tweeted', 'Watch out for fraud by the mayor', 'direct', NAME), id='inverted-quantifier-speaker'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_direct_quote_then_cue(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected
