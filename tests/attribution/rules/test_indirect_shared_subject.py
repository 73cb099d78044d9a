"""``indirect.shared_subject``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "indirect.shared_subject"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.shared_subject"


TABLE = [
    row('A county judge sealed the files, saying the case involved minors.',
        ('A county judge', 'saying', 'the case involved minors', 'indirect', NAME), id='22-shared-subject-saying'),
    row('The former mayor showed restraint on Monday and described the deal as a mistake.',
        ('The former mayor', 'described', 'the deal as a mistake', 'indirect', NAME), id='36-and-shared-any-cue'),
    row('Ortiz said the plan was fine and added that costs would fall.',
        ('Ortiz', 'said', 'the plan was fine', 'indirect', 'indirect.subject_cue'),
        ('Ortiz', 'added', 'costs would fall', 'indirect', NAME), id='and-added-that', alone='indirect.subject_cue'),
    row('The envoy said the talks had made “real headway,” noting that a deal was near.',
        ('The envoy', 'said', 'the talks had made “real headway,”', 'mixed', 'indirect.subject_cue'),
        ('The envoy', 'noting', 'a deal was near', 'indirect', NAME), id='after-a-quoted-phrase-and-its-comma',
        alone='indirect.subject_cue'),
    row('The envoy announced that the talks were over, affirming that a deal would follow.',
        ('The envoy', 'announced', 'the talks were over', 'indirect', 'indirect.subject_cue'),
        ('The envoy', 'affirming', 'a deal would follow', 'indirect', NAME), id='affirming-that',
        alone='indirect.subject_cue'),
    row('Repairs will take two years, the engineer said, adding that costs may double.',
        ('the engineer', 'said', 'Repairs will take two years', 'indirect', 'indirect.trailing_cue'),
        ('the engineer', 'adding', 'costs may double', 'indirect', NAME), id='trailing-then-adding', alone='indirect.trailing_cue'),
    row('The mayor left early, continuing a pattern of missed meetings.',
        id='continuing-is-not-speech'),
    row('Holm spoke at the fair, saying that “the levy hurts farmers” in the valley, including the dairies.',
        ('Holm', 'saying', '“the levy hurts farmers” in the valley, including the dairies', 'mixed', NAME), id='quotation-then-more-words'),
    row('The governor gave a defense of “rural values,” saying the town was the heart of the state.',
        ('The governor', 'saying', 'the town was the heart of the state', 'indirect', NAME), id='after-a-closing-quotation-mark'),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_indirect_shared_subject(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected


def test_end_anchored_searches_run_only_where_they_can_match():
    """The pre-tests that skip a search (on how the text before the cue ends) never skip a match."""
    import random

    from stance.attribution.rules.indirect_shared_subject import COORDINATED_ENDS, RE_AFTER_BY, RE_COORDINATED
    from stance.attribution.rules.indirect_subject_cue import PASSIVE_ADVERB_ENDS, RE_PASSIVE_ADVERBS

    rng = random.Random(0)
    words = ["and", "but", "also", "then", "later", "by", "was", "is", "first", "previously", "quickly", "x", ",",
             " ", "\n", "\u00a0"]
    hits = 0
    for _ in range(20000):
        pre = "".join(rng.choice(words) + rng.choice(["", " ", "  "]) for _ in range(rng.randint(0, 6)))
        last = pre.rstrip()
        for rx, ends in ((RE_COORDINATED, COORDINATED_ENDS), (RE_AFTER_BY, ("by",)),
                         (RE_PASSIVE_ADVERBS, PASSIVE_ADVERB_ENDS)):
            if rx.search(pre):
                hits += 1
                assert last.endswith(ends), (rx.pattern, pre)
    assert hits > 1000
