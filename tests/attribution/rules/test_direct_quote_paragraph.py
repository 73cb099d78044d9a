"""``direct.quote_paragraph``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "direct.quote_paragraph"


TABLE = [
    row('"The dam will hold," the engineer said.\n\n"We tested it twice this spring."',
        ('the engineer', 'said', 'The dam will hold', 'direct', 'direct.quote_then_cue'),
        ('the engineer', 'said', 'We tested it twice this spring', 'direct', NAME), id='closed-then-quote-paragraph'),
    row('"The dam will hold," Okafor said.\n\n"We tested it twice.\n\n"Nobody should panic."',
        ('Okafor', 'said', 'The dam will hold', 'direct', 'direct.quote_then_cue'),
        ('Okafor', 'said', 'We tested it twice', 'direct', NAME),
        ('Okafor', 'said', 'Nobody should panic', 'direct', NAME), id='one-statement-per-paragraph'),
    row('"The dam will hold," Okafor said.\n\n"Really?"',
        ('Okafor', 'said', 'The dam will hold', 'direct', 'direct.quote_then_cue'), id='too-short-for-a-remark'),
    row('"The dam will hold," Okafor said.\n\n"We tested it twice," she added, "and it held."',
        ('Okafor', 'said', 'The dam will hold', 'direct', 'direct.quote_then_cue'),
        ('she', 'added', 'We tested it twice," she added, "and it held.', 'mixed', 'direct.split_quote'),
        id='paragraph-with-its-own-cue'),
    row('"The dam will hold," Okafor said.\n\n"We tested it twice" was the headline of the report.',
        ('Okafor', 'said', 'The dam will hold', 'direct', 'direct.quote_then_cue'), id='quotation-not-the-whole-paragraph'),
    row('The engineer said the dam would hold.\n\n"We tested it twice this spring."',
        ('The engineer', 'said', 'the dam would hold', 'indirect', 'indirect.subject_cue'), id='after-indirect-speech'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_direct_quote_paragraph(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
