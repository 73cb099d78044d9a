"""``direct.continued``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "direct.continued"


TABLE = [
    row('"We are ready," she said. "Nobody can stop us now."\n\nThe match starts at noon.',
        ('she', 'said', 'We are ready," she said. "Nobody can stop us now.', 'direct', NAME), id='next-quoted-sentence'),
    row('"We are ready," she said.\n\n"Nobody can stop us now."',
        ('she', 'said', 'We are ready', 'direct', 'direct.quote_then_cue'),
        ('she', 'said', 'Nobody can stop us now', 'direct', 'direct.quote_paragraph'), id='not-across-a-closed-paragraph'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_direct_continued(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
