"""The attribution pipeline as a whole (stance.attribution.find_quotes), on hand-written text.

One table per rule lives in tests/attribution/rules/."""
from __future__ import annotations

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
    assert names[:2] == ["headline.colon", "indirect.trailing_cue"] and names[-1] == "indirect.shared_subject"
    assert [p.name for p in PASSES][-3:] == ["direct.continued", "direct.quote_paragraph", "record_wire_credits"]
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


def test_rules_on_cues_have_no_trigger_in_a_sentence_without_cues():
    """run_rules skips them on such sentences: they would have nothing to run on."""
    from stance.attribution.document import build_document
    from stance.attribution.rules import RULES

    text = 'Ortiz said the plan works. According to Lee, it does. Said Ruiz: "Fine." Roads: "closed."'
    doc = build_document(text)
    on_cues = [r for r in RULES if r.on_cues]
    assert {r.name for r in on_cues} == {"indirect.trailing_cue", "indirect.as_cue", "indirect.subject_cue",
                                         "indirect.shared_subject"}
    for si in range(len(doc.sentences)):
        for rule in on_cues:
            assert list(rule.triggers(doc, si, ())) == []
