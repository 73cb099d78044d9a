"""Speaker resolution (stance.attribution.resolution), on hand-written news-style text."""
from __future__ import annotations

import random

import pytest

from stance.attribution import find_quotes
from stance.attribution.nouns import mention_class
from stance.attribution.resolution import _full_name, _name_index, canonical_name, resolve_speakers
from stance.attribution.text import RE_TOKEN


@pytest.mark.parametrize(
    "mention, expected",
    [
        pytest.param("Chinese President Xi Jinping", "Xi Jinping", id="nationality-title"),
        pytest.param("Mayor Ana Ortiz", "Ana Ortiz", id="title"),
        pytest.param("Sen. Paul Brandt", "Paul Brandt", id="abbreviated-title"),
        pytest.param("the Nordic Trade Ministry", "Nordic Trade Ministry", id="org-drops-the"),
        pytest.param("White House press secretary Jo Kim", "Jo Kim", id="lowercase-role"),
    ],
)
def test_canonical_name(mention, expected):
    assert canonical_name(mention) == expected


ARTICLE = (
    "Harbor Minister Lena Okafor opened the new container terminal in Port Vale on Monday.\n\n"
    "Okafor said the terminal would double the port's capacity by 2030. She added that "
    "two thousand jobs would follow.\n\n"
    "The project is a turning point for the region, Tomas Reyes, an economist at Vale University, "
    "told the Coast Herald.\n\n"
    "Shipping costs should fall within two years, the economist said.\n\n"
    "He warned that dredging could harm the estuary.\n\n"
    "The first ships will dock in April, according to the Port Vale Authority.\n\n"
    "Minister Okafor also said that the terminal would run on shore power."
)


def test_article_resolution():
    got = [(q.speaker_mention, q.speaker) for q in find_quotes(ARTICLE)]
    assert got == [
        ("Okafor", "Lena Okafor"),  # short form joined to the full name
        ("She", "Lena Okafor"),  # pronoun -> previous person speaker
        ("Tomas Reyes", "Tomas Reyes"),  # name with apposition
        ("the economist", "Tomas Reyes"),  # definite description -> previous person speaker
        ("He", "Tomas Reyes"),
        ("the Port Vale Authority", "Port Vale Authority"),  # organization
        ("Minister Okafor", "Lena Okafor"),  # title + short form
    ]


def test_resolve_speakers_relative_pronoun():
    text = "Ana Ortiz, who runs the shelter, said beds were full."
    who = text.index("who")
    ana = (0, len("Ana Ortiz"))
    assert resolve_speakers(text, [((who, who + 3), ana)]) == ["Ana Ortiz"]


def test_unresolvable_pronoun_is_none():
    text = "They said the road was closed."
    assert resolve_speakers(text, [((0, 4), None)]) == [None]


def test_description_prefers_same_head_noun():
    text = ("Mayor Ana Ortiz said the budget grew. The tram will close, a source said. "
            "Costs are rising, the source added.")
    got = [(q.speaker_mention, q.speaker) for q in find_quotes(text)]
    assert got[-1] == ("the source", "a source")


OWNED_ROLES = [
    pytest.param("Peru will leave the pact, the government's chief spokesperson said late on Friday.\n\n"
                 "Ana Ruiz said the decision followed months of talks.",
                 ("the government's chief spokesperson", "Ana Ruiz"), id="named-in-the-next-sentence"),
    pytest.param("The talks went well, Tom Okafor said. Peru's trade envoy said the pact was dead.\n\n"
                 "Okafor said the talks would go on.",
                 ("Peru's trade envoy", "Peru's trade envoy"), id="next-name-already-known"),
    pytest.param("Peru's trade envoy said the pact was dead.\n\nThe Lima Port Authority reopened the docks.",
                 ("Peru's trade envoy", "Peru's trade envoy"), id="next-name-not-a-speaker"),
    pytest.param("The union's president, Ana Ruiz, said the strike would go on.",
                 ("The union's president", "Ana Ruiz"), id="name-in-apposition"),
    pytest.param("Ana Ruiz, the Chilean envoy, spoke first. Peru's envoy said the pact was dead. "
                 "Tom Okafor said the vote would wait.",
                 ("Peru's envoy", "Tom Okafor"), id="someone-elses-envoy-named-elsewhere"),
]


@pytest.mark.parametrize("text, expected", OWNED_ROLES)
def test_owned_role_resolves_to_the_name_given_next(text, expected):
    """Wire ledes name someone's role first ("the country's spokesperson said") and the person
    in the next sentence; an owned role is not the same role of someone else named before."""
    got = [(q.speaker_mention, q.speaker) for q in find_quotes(text)]
    assert expected in got, got


def test_he_never_stands_for_a_country():
    text = ("“Our new levies will protect the mills,” the trade adviser Rosa Almeida told reporters.\n\n"
            "Peru promised to answer in kind.\n\n"
            "On a day when the index fell 300 points because of fears of a trade war, Almeida played down "
            "the worry that the levies would hurt growth. Instead, she insisted the fight would cost little.\n\n"
            "“It is a small price,” she said.")
    got = [(q.speaker_mention, q.speaker) for q in find_quotes(text)]
    assert got[1:] == [("Peru", "Peru"), ("she", "Rosa Almeida"), ("she", "Rosa Almeida")]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Peru has stepped up its warnings about the canal.\n\nIt has urged its neighbours not to sign the "
                 "port deal.", [("It", "Peru")], id="it-continues-a-state"),
    pytest.param("The Andean Council issued new rules on Monday. It said the port fees would double.",
                 [("It", "Andean Council")], id="it-continues-an-organization"),
])
def test_it_takes_the_organization_it_continues(text, expected):
    assert [(q.speaker_mention, q.speaker) for q in find_quotes(text)] == expected


def test_initials_take_the_organization_they_abbreviate():
    text = ("Lima will not sign a deal that hurts its ports: MFA on the canal plan\n\n"
            "Lima rejected the canal plan on Friday, and Ministry of Foreign Affairs spokesperson Rosa Diaz "
            "said the deal was one-sided.")
    got = [(q.speaker_mention, q.speaker) for q in find_quotes(text)]
    assert got[0] == ("MFA", "Ministry of Foreign Affairs")


def test_initials_never_take_a_persons_name():
    from stance.attribution.acronyms import expand

    text = "Rosa Diaz and Tomas Lee met the Andean Press Agency."
    assert expand(text, "RD", 0, len(text)) is None
    assert expand(text, "APA", 0, len(text)) == "Andean Press Agency"


def test_he_continues_a_one_word_name_introduced_with_a_title():
    text = ("President Moss visited the mills on Thursday.\n\n"
            "When reading out the figures during his speech on Thursday that listed cuts to many sectors if the "
            "pact went ahead, Moss paused and praised the farmers.\n\n"
            "“In short, the pact costs jobs,” he continued.\n\n"
            "As Moss tells it, the old rules held back the mills.")
    assert [q.speaker for q in find_quotes(text) if q.speaker_mention == "he"] == ["Moss"]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("A spokeswoman for the harbour board, Ines Falk, said the quay would reopen.",
                     "Ines Falk", id="description-then-name-in-apposition"),
        pytest.param("The head of the Andean Fisheries Council, Pablo Ruiz, warned that stocks were falling.",
                     "Pablo Ruiz", id="title-of-org-then-name-in-apposition"),
        pytest.param("The governor of Vale Province, Tomas Brun, on Monday said the ferry would run daily.",
                     "Tomas Brun", id="title-of-place-then-name-then-time-phrase"),
        pytest.param("A spokeswoman for the harbour board said the quay would reopen.",
                     "A spokeswoman for the harbour board", id="description-without-a-name-stays"),
    ],
)
def test_description_takes_the_name_in_apposition(text, expected):
    assert [q.speaker for q in find_quotes(text)] == [expected]


def test_headline_role_takes_the_body_name_with_that_role():
    text = ("Ferry cuts will hurt islanders, warns coastal mayor\n\n"
            "PORT VALE, May 2 (Reuters) - The mayor of Port Vale, Ana Brun, warned on Monday that the "
            "ferry cuts would isolate three islands.\n\n"
            "Fishermen said the harbour was already half empty.")
    got = [(q.speaker_mention, q.speaker) for q in find_quotes(text)]
    assert got[0] == ("coastal mayor", "Ana Brun")
    assert got[-1] == ("Fishermen", "Fishermen")  # a body group keeps its own mention


WORD_BREAK_TEXTS = ["Li Na said. Li Nan, Li-Na and xLi Na did not; Li Na_ neither. Li Na",
                    "Li Na Li Na Li Na", "spokeswoman Li Na, co-spokeswoman Bo Yi, Spokeswoman Ann Lee and "
                    "spokeswoman spokeswoman Jo Kim"]


@pytest.mark.parametrize("text", WORD_BREAK_TEXTS)
@pytest.mark.parametrize("lo, hi", [(0, None), (1, None), (0, -1), (3, -3)])
def test_word_break_search_finds_what_the_look_behind_pattern_finds(text, lo, hi):
    """whole_word_starts and names_after are faster forms of ``(?<![\\w-])``-patterns: same matches."""
    import re

    from stance.attribution.names import RE_NAME_RUN, names_after, whole_word_starts

    hi = len(text) + (hi or 0)
    name = re.compile(r"(?<![\w-])" + re.escape("Li Na") + r"(?![\w-])")
    assert list(whole_word_starts(text, "Li Na", lo, hi)) == [m.start() for m in name.finditer(text, lo, hi)]
    role = r"(?i:spokeswoman),?[ \u00a0]+(" + RE_NAME_RUN.pattern + ")"
    want = [(m.start(), m.group(1)) for m in re.compile(r"(?<![\w-])" + role).finditer(text, lo, hi)]
    assert list(names_after(re.compile("(?i:spokeswoman)"), text, lo, hi, word_start=True)) == want
    want = [(m.start(), m.group(1)) for m in re.compile(role).finditer(text, lo, hi)]  # (co-spokeswoman too)
    assert list(names_after(re.compile("(?i:spokeswoman)"), text, lo, hi, word_start=False)) == want
    title = "Li Na" + r",?[ \u00a0]+(" + RE_NAME_RUN.pattern + ")"  # overlapping candidates: "Li Na Li Na Li Na"
    want = [(m.start(), m.group(1)) for m in re.compile(title).finditer(text, lo, hi)]
    assert list(names_after(re.compile("Li Na"), text, lo, hi, word_start=False)) == want


def test_letter_words_are_the_token_patterns_tokens():
    """``canonical_name`` and ``mention_class`` split a mention of letter-only words on whitespace instead of
    running RE_TOKEN, and test organization words without stripping periods: both rest on these invariants."""
    rng = random.Random(3)
    letters = "abcXYZéßØ"
    pieces = ["Ana", "Inc.", "U.S.", "O'Neil", "Li’s", "ex-Gov.", "&", "...", ".", ",", "1.5", "_x", "\u00a0", " "]
    for _ in range(2000):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 4))]
        mention = rng.choice([" ", "  ", "\u00a0", "\t"]).join(words)
        assert RE_TOKEN.findall(mention) == mention.split()
        messy = "".join(rng.choice(pieces + words) for _ in range(rng.randint(1, 8)))
        assert all(t == "." or not t.endswith(".") for t in RE_TOKEN.findall(messy))


@pytest.mark.parametrize("mention, expected", [
    pytest.param("Ana Ruiz", "name", id="name"), pytest.param("Ana\u00a0Ruiz", "name", id="nbsp"),
    pytest.param("the Harbour Ministry", "org", id="org"), pytest.param("Ministry", "org", id="org-word"),
    pytest.param("the ministry", "org", id="lower-org-word"), pytest.param("the United States", "org", id="country"),
    pytest.param("the spokeswoman", "description", id="description"), pytest.param("she", "pronoun", id="pronoun"),
    pytest.param("Donald J. Trump", "name", id="initial"), pytest.param("O'Neil", "name", id="apostrophe"),
    pytest.param("Acme Trade Ministry", "org", id="org-name"), pytest.param("", "group", id="empty"),
])
def test_mention_class(mention, expected):
    assert mention_class(mention) == expected


def test_name_index_runs():
    text = ("As Ana Ruiz spoke, Minister of Energy and Mines Tomas Reyes Vega left. When Lena spoke, "
            "Mr. Osei and Ben Okafor Jr waited.")
    # three words or more after "of"/"and"/"for" or a comma end a title phrase: the name is the last two
    assert [n for _, n in _name_index(text)] == ["Ana Ruiz", "Reyes Vega", "Okafor Jr"]
    assert _full_name("When Lena", False) is None  # one word once the sentence's first word is dropped
    for run in ("Ana Ruiz", "Mr. Osei"):  # a run of two words is never cut after a title
        assert _full_name(run, True) == _full_name(run, False)
