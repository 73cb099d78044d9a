"""``indirect.subject_cue``: one row per invented sentence, with every statement it should give."""
from __future__ import annotations

import pytest
from rule_table import row

NAME = "indirect.subject_cue"
#: the sentence rule that finds it (run alone by the harness)
ENTRY = "indirect.subject_cue"


TABLE = [
    row('Zhu said the talks were useful.',
        ('Zhu', 'said', 'the talks were useful', 'indirect', NAME), id='01-subject-cue'),
    row('Mayor Ortiz said that the bridge would reopen in May.',
        ('Mayor Ortiz', 'said', 'the bridge would reopen in May', 'indirect', NAME), id='02-subject-cue-that'),
    row('Vera Holm told the Daily Ledger that the mill would stay open.',
        ('Vera Holm', 'told', 'the mill would stay open', 'indirect', NAME), id='11-told-outlet'),
    row('The mayor called on residents to save water during the drought.',
        ('The mayor', 'called on', 'residents to save water during the drought', 'indirect', NAME), id='12-called-on'),
    row('Local radio reported that the river had burst its banks.',
        ('Local radio', 'reported', 'the river had burst its banks', 'indirect', NAME), id='13-reported'),
    row('Ortiz said the plan was "a total mess" and should be dropped.',
        ('Ortiz', 'said', 'the plan was "a total mess" and should be dropped', 'mixed', NAME), id='14-mixed'),
    row('Senior analysts said on Monday that exports would fall.',
        ('Senior analysts', 'said', 'exports would fall', 'indirect', NAME), id='16-said-on-day-that'),
    row('She has repeatedly said the tax is unfair.',
        ('She', 'said', 'the tax is unfair', 'indirect', NAME), id='18-aux-adverb'),
    row('Dana Reyes, who runs the shelter, said the beds were full.',
        ('Dana Reyes', 'said', 'the beds were full', 'indirect', NAME), id='19-relative-apposition'),
    row('Ortiz declined to say whether the plan would pass.',
        ('Ortiz', 'declined', 'to say whether the plan would pass', 'indirect', NAME), id='24-declined-to-say'),
    row('Ortiz said the budget was too small and left the hall early.',
        ('Ortiz', 'said', 'the budget was too small', 'indirect', NAME), id='25-coordinated-predicate'),
    row('The senator praised the tariff plan and then stormed out of the room.',
        ('The senator', 'praised', 'the tariff plan', 'indirect', NAME), id='26-coordinated-predicate-adverb'),
    row('Ortiz said the plant would close and the workers would be moved.',
        ('Ortiz', 'said', 'the plant would close and the workers would be moved', 'indirect', NAME), id='27-coordinated-clause-kept'),
    row('Holm said the two towns have long admired and trusted each other.',
        ('Holm', 'said', 'the two towns have long admired and trusted each other', 'indirect', NAME), id='28-coordinated-participles-kept'),
    row('Mayor Lee Says Bridge Will Reopen In May.',
        ('Mayor Lee', 'Says', 'Bridge Will Reopen In May', 'indirect', NAME), id='29-headline-subject-cue'),
    row('When Ortiz said the mill would close, the town was stunned.',
        ('Ortiz', 'said', 'the mill would close', 'indirect', NAME), id='31-subordinate-clause-the'),
    row('And while Holm has railed against the new levies on farms, she has sought breaks for ports.',
        ('Holm', 'railed against', 'the new levies on farms', 'indirect', NAME), id='32-subordinate-clause-pronoun'),
    row('Holm mentioned the new levies on farms.',
        ('Holm', 'mentioned', 'the new levies on farms', 'indirect', NAME), id='35-lexicon-mentioned'),
    row('Holm said of the new request: the bridge will be rebuilt by May.',
        ('Holm', 'said', 'the bridge will be rebuilt by May', 'indirect', NAME), id='37-adverbial-colon'),
    row('Lawmakers have not said whether the program will be renewed.',
        ('Lawmakers', 'said', 'whether the program will be renewed', 'indirect', NAME), id='38-negated-have-not'),
    row("He didn't say whether he would run again.",
        ('He', 'say', 'whether he would run again', 'indirect', NAME), id='39-negated-didnt'),
    row('Two in three said the economy was getting worse.',
        ('Two in three', 'said', 'the economy was getting worse', 'indirect', NAME), id='40-proportion-subject'),
    row('The mayor accused the chief, Dan Ross, of "reckless spending."',
        ('The mayor', 'accused', 'the chief, Dan Ross, of "reckless spending."', 'mixed', NAME), id='object-apposition'),
    row('Ortiz thinks the plan will fail.',
        id='belief-is-not-speech'),
    row('The city pledged to repave the road by May.',
        id='pledged-to-infinitive-alone'),
    row('Its approval rating has declined slightly from 58 percent.',
        id='declined-figure'),
    row('The Mayor Says Hello is a song from the old show.',
        id='capitalized-cue-outside-headline'),
    row('Sens. Ana Ruiz (D-Ore.), Bo Lind (D-Ohio) and Cy Moss (D-N.J.) all argued that the fee was illegal.',
        ('Sens. Ana Ruiz (D-Ore.), Bo Lind (D-Ohio) and Cy Moss (D-N.J.) all', 'argued', 'the fee was illegal', 'indirect', NAME), id='coordinated-names-with-parentheses', xfail='coordinated names with parentheticals are not one subject'),
    row("Holm argued the mill was still profitable, Ortiz also noted the new orders from abroad.",
        ("Holm", "argued", "the mill was still profitable", "indirect", NAME),
        ("Ortiz", "noted", "the new orders from abroad", "indirect", NAME), id="comma-new-named-subject"),
    row("The mayor said the mill was profitable ― Ortiz noted the orders had doubled.",
        ("The mayor", "said", "the mill was profitable", "indirect", NAME),
        ("Ortiz", "noted", "the orders had doubled", "indirect", NAME), id="dash-new-named-subject"),
    row("The towers were built on what the auditors said was a faulty survey.",
        ("the auditors", "said", "what the auditors said was a faulty survey", "indirect", NAME), id="what-said-was"),
    row("There is a gap between what Holm says the levy would raise and how analysts say it would work.",
        ("Holm", "says", "what Holm says the levy would raise", "indirect", NAME),
        ("analysts", "say", "how analysts say it would work", "indirect", NAME), id="what-and-how-say-clauses"),
    row("That was what Ostrova said when she left the board in a hurry last spring.",
        id="wh-say-without-complement"),
    row('Marlow told his listeners on Tuesday, “The council has run out of ideas. The budget is late again. '
        'Nobody is taking charge.” The session ended early.',
        ("Marlow", "told", 'his listeners on Tuesday, “The council has run out of ideas. The budget is late again. '
         'Nobody is taking charge.”', "mixed", NAME), id="content-opening-a-quotation-runs-to-its-close",
        alone=False),
]


@pytest.mark.parametrize("text, expected, alone", TABLE)
def test_indirect_subject_cue(text, expected, alone, statements, run_rule):
    assert statements(text) == expected
    if alone is True:
        assert run_rule(ENTRY, text) == expected
    elif alone:  # another sentence rule finds it alone
        assert run_rule(alone, text) == expected
