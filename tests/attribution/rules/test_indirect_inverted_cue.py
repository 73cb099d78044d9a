"""``indirect.inverted_cue``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "indirect.inverted_cue"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.trailing_cue"


TABLE = [
    row('The budget is too small, said the treasurer.',
        ('the treasurer', 'said', 'The budget is too small', 'indirect', NAME), id='04-inverted-cue'),
    row('Said Ellis: “We will not stop the strike.”',
        ('Ellis', 'Said', 'We will not stop the strike.', 'direct', NAME), id='said-first', alone='indirect.inverted_cue'),
    row('The deal is good for farmers, said Ortiz, noting that prices had doubled.',
        ('Ortiz', 'said', 'The deal is good for farmers', 'indirect', NAME),
        ('Ortiz', 'noting', 'prices had doubled', 'indirect', 'indirect.shared_subject'), id='inverted-then-shared'),
    row('The bridge will reopen in June, said Okafor who faults the builders for the delay.',
        ('Okafor', 'said', 'The bridge will reopen in June', 'indirect', NAME), id='inverted-relative-clause'),
    row('Chile does not "really want" the new mines at the moment, as the nation’s focus is cutting costs, '
        'said Okafor who blames the costs on the last cabinet.',
        ('Okafor', 'said', 'Chile does not "really want" the new mines at the moment, as the nation’s focus is cutting costs',
         'mixed', NAME), id='quoted-words-then-a-noun-phrase-and-comma'),
    row('The harbour is silting up, said activist, writer and economist Lena Park.',
        ('activist, writer and economist Lena Park', 'said', 'The harbour is silting up', 'indirect', NAME),
        id='a-list-of-titles-before-the-name'),
    row('Her deputy, Sam Ode, is quitting the board, said the chairwoman.',
        ('the chairwoman', 'said', 'Her deputy, Sam Ode, is quitting the board', 'indirect', NAME),
        id='a-name-between-commas-then-its-predicate'),
    row('Prices will fall, said the mayor, the governor and the judge.',
        ('the mayor', 'said', 'Prices will fall', 'indirect', NAME), id='a-list-of-people-is-not-a-title-list'),
    row('Prices will fall, told the Daily Ledger.',
        id='told-takes-a-hearer-not-a-speaker'),
    row("Most analysts are unsure. Said Ostrova: “I do not see the point of it. Nobody asked for it.”",
        ("Ostrova", "Said", "I do not see the point of it. Nobody asked for it.", "direct", NAME),
        id="said-first-colon-quote", alone="indirect.inverted_cue"),
    row("The fair ended. Said Marta Holm, who ran the bakery for years, “We were all so proud of her.”",
        ("Marta Holm", "Said", "We were all so proud of her.", "direct", NAME),
        id="said-first-apposition-quote", alone="indirect.inverted_cue"),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_indirect_inverted_cue(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected


def test_inversion_scan_from_the_trailing_marks_finds_what_the_whole_scan_finds():
    import random

    from stance.attribution.rules.indirect_inverted_cue import RE_INVERSION, _inversion

    rng = random.Random(0)
    alphabet = "ab ,:;—?!…'\"”’\n\u00a0"
    found = 0
    for _ in range(5000):
        before = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        whole, tail = RE_INVERSION.search(before), _inversion(before)
        assert (whole and whole.span()) == (tail and tail.span())
        found += whole is not None
    assert found > 1000
