"""The attribution pipeline as a whole (stance.attribution.find_quotes), on hand-written text.

One table per rule lives in tests/attribution/rules/."""
from __future__ import annotations

import re

import pytest

from stance.attribution import RULE_NAMES, find_quotes

NEGATIVES = [
    pytest.param('She read "War and Peace" on the train.', id="n1-book-title"),
    pytest.param('The so-called "reform" changed nothing.', id="n2-scare-quotes"),
    pytest.param("Ortiz thinks the plan will fail.", id="n3-belief"),
    pytest.param("Ortiz believes that taxes are too high.", id="n4-belief-that"),
    pytest.param("The statement was released on Friday.", id="n5-noun-statement"),
    pytest.param("That is not what he said.", id="n6-what-he-said"),
    pytest.param("", id="n8-empty"),
    pytest.param("The city pledged to repave the road by May.", id="n13-pledged-to-infinitive"),
    pytest.param("As he spoke, the crowd cheered loudly for him.", id="n12-as-he-spoke"),
    pytest.param("Its approval rating has declined slightly from 58 percent.", id="n11-declined-figure"),
    pytest.param("The Mayor Says Hello is a song from the old show.", id="n10-capitalized-cue-outside-headline"),
    pytest.param('He said "yes', id="n9-unbalanced-quote-short"),
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text):
    assert find_quotes(text) == []


def test_channel_is_via_not_speaker():
    (q,) = find_quotes("Xu said the port will expand, according to the Harbor Gazette.")
    assert q.speaker_mention == "Xu" and q.via == "the Harbor Gazette"
    assert q.content == "the port will expand"


def test_shared_subject_noting_that():
    qs = find_quotes("The deal is good for farmers, said Ortiz, noting that prices had doubled.")
    assert [(q.speaker_mention, q.cue, q.rule) for q in qs] == [
        ("Ortiz", "said", "indirect.inverted_cue"),
        ("Ortiz", "noting", "indirect.shared_subject"),
    ]
    assert qs[1].content == "prices had doubled"
    assert qs[0].speaker_span == qs[1].speaker_span


def test_multi_sentence_direct_quote():
    text = '"The roads are closed. Stay home tonight," the sheriff said.'
    (q,) = find_quotes(text)
    assert q.content == "The roads are closed. Stay home tonight"
    assert q.kind == "direct"


def test_quote_continues_in_next_paragraph():
    text = 'The coach said: "We trained hard all winter.\n\n"Now we are ready for the final."'
    (q,) = find_quotes(text)
    assert q.content.startswith("We trained hard") and q.content.endswith("ready for the final.")


def test_quote_continued_by_next_quoted_sentence():
    text = '"We are ready," she said. "Nobody can stop us now."\n\nThe match starts at noon.'
    (q,) = find_quotes(text)
    assert q.content.endswith("Nobody can stop us now.")


def test_paragraph_trailing_cue_reaches_back():
    text = ("The dam is old. Repairs will take two years. Costs may double, the engineer said.\n\n"
            "Work begins in May.")
    (q,) = find_quotes(text)
    assert q.rule == "paragraph.trailing_cue"
    assert q.content.startswith("The dam is old") and q.content.endswith("Costs may double")


def test_paragraph_leading_cue_runs_to_end():
    text = "Ortiz said that the dam is old. Repairs will take two years.\n\nWork begins in May."
    (q,) = find_quotes(text)
    assert q.rule == "paragraph.leading_cue"
    assert q.content == "the dam is old. Repairs will take two years"


def test_nested_cue_inside_quote_is_content():
    text = '"My father told me that hard work pays," Ortiz said.'
    (q,) = find_quotes(text)
    assert q.speaker_mention == "Ortiz"


def test_unbalanced_quotes_never_raise():
    for text in ['"', '“', 'He said “ok', '"a" "b', 'x ” y “ z', '\n\n"\n\n"', 'Ortiz said: "']:
        find_quotes(text)


def test_rule_names_are_stable_and_used():
    text = ('"It works," she said. Zhu said the talks were useful. The tram will close, according to the '
            'council.')
    rules = [q.rule for q in find_quotes(text)]
    assert rules == ["direct.quote_then_cue", "indirect.subject_cue", "indirect.according_to"]
    assert set(rules) <= set(RULE_NAMES)


INVARIANT_TEXTS = [
    '"It works," she said, "and it is cheap." Zhu said the talks were useful.',
    "Prices will rise, Ortiz, the chief economist at Valebank, told reporters. He added that wages lag.",
    "According to the council, the tram will close.\n\n“A.” “B,” said the mayor.\n\nThe end, Li said.",
    'The remarks were clear, said Zhu, noting that "trade matters" to all.',
]


@pytest.mark.parametrize("text", INVARIANT_TEXTS)
def test_every_span_indexes_the_text(text):
    quotes = find_quotes(text)
    assert quotes
    for q in quotes:
        assert text[q.content_span[0]:q.content_span[1]] == q.content
        if q.speaker_span is not None:
            assert text[q.speaker_span[0]:q.speaker_span[1]] == q.speaker_mention
        if q.cue_span is not None:
            assert text[q.cue_span[0]:q.cue_span[1]] == q.cue
        assert q.kind in ("direct", "indirect", "mixed")
        assert q.topic is None and q.stance is None


def test_sorted_by_content_start():
    text = "The plan failed, Li said. Ortiz said the budget grew. “Fine by me,” Ada said."
    qs = find_quotes(text)
    assert [q.speaker_mention for q in qs] == ["Li", "Ortiz", "Ada"]
    assert [q.content_span[0] for q in qs] == sorted(q.content_span[0] for q in qs)


def test_thread_safe_and_pure():
    from concurrent.futures import ThreadPoolExecutor

    texts = [t for t in INVARIANT_TEXTS] * 5
    expected = [find_quotes(t) for t in texts]
    with ThreadPoolExecutor(4) as ex:
        got = list(ex.map(find_quotes, texts))
    assert got == expected


def test_fuzz_never_raises():
    import random

    rng = random.Random(0)
    pieces = ['"', "“", "”", "''", "'", ",", ".", ":", "(", ")", "—", "\n", "\n\n", " said", " told", " he",
              " Smith", " according to", " the expert", " that", " and", " Mr.", " U.S.", " who", ";", "?", " says",
              " called", " saying", " Sen.", " (R-Ohio)", " WASHINGTON —", " about half of", " declined to comment",
              " ―", " 5", " the No.", " added:", " told the Daily Ledger", " noting that", " “Yes,”", " as", " of",
              " It was", " Ortiz, a lawyer,", "!", " -- ", " is saying", " He’s", " which", " G.K.", " on Monday"]
    for _ in range(600):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        for q in find_quotes(text):
            assert text[q.content_span[0]:q.content_span[1]] == q.content


def test_rules_are_ordered_named_objects():
    from stance.attribution.rules import PASSES, RULES

    names = [r.name for r in RULES]
    assert names[0] == "indirect.trailing_cue" and names[-1] == "indirect.shared_subject"
    assert [p.name for p in PASSES][-1] == "direct.continued"
    for r in RULES + PASSES:
        assert set(r.produces) <= set(RULE_NAMES)
    for name in RULE_NAMES:  # every output name is one module of rules/, named after it
        module = __import__("stance.attribution.rules." + name.replace(".", "_"), fromlist=["NAME"])
        assert module.NAME == name and module.__doc__.lstrip().startswith(f"``{name}``")


def test_continued_rule_name():
    (q,) = find_quotes('"We are ready," she said. "Nobody can stop us now."')
    assert q.rule == "direct.continued"


def test_told_a_news_outlet_is_the_channel():
    (q,) = find_quotes("Prices will fall, Vera Holm told the Daily Ledger.")
    assert q.speaker_mention == "Vera Holm" and q.via == "the Daily Ledger"
    (q,) = find_quotes("Prices will fall, Vera Holm told reporters.")
    assert q.via is None


def test_long_text_gives_each_paragraph_its_statements():
    """A long article is many paragraphs: each gets the statements it gets alone, at shifted offsets.

    (Speed on long texts is measured by scripts/bench_attribution.py, not asserted here.)
    """
    para = ('"We will win," Ortiz said. The plan, the mayor said, is sound. According to the council, '
            'the tram will close. Li told the Daily Ledger that costs rose.\n\n')
    alone = [(q.content_span, q.speaker, q.rule) for q in find_quotes(para)]
    assert len(alone) >= 3
    many = [(q.content_span, q.speaker, q.rule) for q in find_quotes(para * 400)]
    expected = [((s + k * len(para), e + k * len(para)), speaker, rule)
                for k in range(400) for (s, e), speaker, rule in alone]
    assert many == expected


def test_statement_inside_a_quotation_is_not_extended():
    text = '“Dela said the bridge is safe. We checked it twice,” the engineer said.'
    quotes = find_quotes(text)
    assert [q.speaker_mention for q in quotes] == ["the engineer"]
    assert all(q.content_span[1] <= text.index("” the engineer") for q in quotes)


def test_add_up_is_not_a_cue():
    assert find_quotes("The small fees add up to a large bill each month.") == []
    assert [q.speaker_mention for q in find_quotes("The clerk added that the fees were too high.")] == ["The clerk"]


@pytest.mark.parametrize("text", [
    pytest.param("Everything the mayor says is a lie.", id="free-choice-head"),
    pytest.param("Nothing the council said changed the vote.", id="nothing-head"),
])
def test_free_choice_pronoun_is_not_a_speaker(text):
    assert find_quotes(text) == []


@pytest.mark.parametrize("text", [
    pytest.param("Would you vote for a candidate who said and did the same things?", id="said-and-did"),
    pytest.param("Ana Holm reported from Lisbon, and Dan Ruiz from Porto.", id="byline-reported-from"),
])
def test_no_statement_without_content(text):
    assert find_quotes(text) == []



def test_shared_subject_quote_then_more_words_is_one_statement():
    text = "Holm spoke at the fair, saying that “the levy hurts farmers” in the valley, including the dairies."
    quotes = [q for q in find_quotes(text) if q.cue == "saying"]
    assert len(quotes) == 1
    assert re.findall(r"\w+", quotes[0].content) == re.findall(
        r"\w+", "the levy hurts farmers in the valley, including the dairies")


def test_said_then_clause_with_relative_that_is_not_a_hearer():
    quotes = find_quotes("Holm said officials have a video that shows the blast.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [
        ("Holm", "officials have a video that shows the blast")]
    quotes = find_quotes("Holm told reporters on Monday that the blast was small.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [("Holm", "the blast was small")]


@pytest.mark.parametrize("text, content", [
    pytest.param("Other leaders have proposed jointly owned drones and shared equipment that could supplement the fleet.",
                 "jointly owned drones", id="ly-modifier-not-adverbial"),
    pytest.param("Holm said publicly on Monday that the plan was dead.", "the plan was dead", id="ly-adverbial-phrase"),
    pytest.param("Holm said repeatedly that the plan was dead.", "the plan was dead", id="ly-adverb-alone"),
])
def test_ly_word_before_that(text, content):
    assert find_quotes(text)[0].content.startswith(content)


def test_adverb_before_progressive_cue():
    quotes = find_quotes("The council is once again questioning whether the levy is fair.")
    assert [q.speaker_mention for q in quotes] == ["The council"]
    quotes = find_quotes("The council is not saying whether the levy is fair.")
    assert [q.speaker_mention for q in quotes] == ["The council"]


def test_comma_enclosed_discourse_adverbial_before_cue():
    quotes = find_quotes("Mr. Holm, though, said he is with the governor on taxes.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [("Mr. Holm", "he is with the governor on taxes")]
    quotes = find_quotes("The mayor, for her part, told reporters she would run.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [("The mayor", "she would run")]


def test_but_with_a_second_predicate_ends_the_content():
    quotes = find_quotes("Holm praised the plan but defended the senator as a moderate.")
    assert [q.content for q in quotes] == ["the plan"]


def test_base_form_cue_before_that():
    quotes = find_quotes("Farm groups confirm that the levy will rise next year.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [("Farm groups", "the levy will rise next year")]


def test_relative_cue_after_a_trailing_speaker():
    quotes = find_quotes("“It is fine,” said Tom Holm, a dentist from Dover, who said he is friendly with the mayor.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [
        ("Tom Holm", "It is fine"), ("who", "he is friendly with the mayor")]


def test_non_restrictive_relative_statement_ends_before_main_predicate():
    quotes = find_quotes("Holm, who says the city should add more buses, tweeted that the plan will fail.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [
        ("who", "the city should add more buses"), ("Holm", "the plan will fail")]


def test_proportion_subject_starts_a_new_statement():
    quotes = find_quotes("Among residents, 61 percent said the plan is fine, while 30 percent said it should be delayed.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [
        ("61 percent", "the plan is fine"), ("30 percent", "it should be delayed")]


def test_lone_quantifier_subject():
    quotes = find_quotes("Voters were worried; most said they were very worried about prices.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [("most", "they were very worried about prices")]


def test_shared_subject_after_a_closing_quotation_mark():
    quotes = find_quotes("The governor gave a defense of “rural values,” saying the town was the heart of the state.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [
        ("The governor", "the town was the heart of the state")]


def test_according_to_source_with_postmodifier_spans_the_sentence():
    quotes = find_quotes("Absent from the budget, according to aides who briefed the press on Monday, "
                         "was any sign of the tax cut.")
    assert len(quotes) == 1 and quotes[0].content.endswith("was any sign of the tax cut")


def test_noun_cue_before_relative_that_is_not_a_statement():
    assert find_quotes("Most northern states that will hold contests in March are small.") == []


def test_described_name_before_an_apposition():
    quotes = find_quotes("The novelist Tom Holm, one of the signers, told an audience that the law is unjust.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [("The novelist Tom Holm", "the law is unjust")]


def test_inverted_quantifier_speaker():
    quotes = find_quotes("“Watch out for fraud by the mayor,” tweeted another.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [("another", "Watch out for fraud by the mayor")]


def test_one_word_answer_after_say():
    quotes = find_quotes("Asked if he was ever bullied, the candidate said no.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [("the candidate", "no")]


def test_relative_pronoun_after_a_proportion_is_the_mention():
    quotes = find_quotes("The 6 in 10 voters who say the levy is unfair backed the mayor.")
    assert quotes and quotes[0].speaker_mention == "who"


def test_relative_apposition_with_a_pronoun_keeps_the_main_speaker():
    quotes = find_quotes("Reyes, who said he often votes for the party, said one candidate he likes is the governor.")
    assert [(q.speaker_mention, q.content) for q in quotes] == [
        ("who", "he often votes for the party"), ("Reyes", "one candidate he likes is the governor")]


def test_called_before_a_short_quoted_title_names():
    assert find_quotes("Holm shared a syllabus for a class called “Perception” on his page.") == []


def test_declined_by_an_amount_is_not_a_refusal():
    quotes = find_quotes("Turnout declined by 5 percent in the county last year.")
    assert all(q.cue != "declined" for q in quotes)


def test_leading_to_ends_indirect_content():
    quotes = find_quotes("Holm declared war on the levy, leading to a long fight in the legislature.")
    assert [q.content for q in quotes] == ["war on the levy"]


@pytest.mark.parametrize("text", [
    "Holm carried the district, adding to a string of wins across the valley.",
    "Holm won the state, claiming his third victory of the night.",
])
def test_shared_participle_that_is_not_speech(text):
    assert find_quotes(text) == []
