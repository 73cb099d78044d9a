"""International wire news: datelines, headlines, long titles, descriptions and pronouns.

Every sentence here is invented for these tests.
"""
from __future__ import annotations

import pytest

from stance.attribution import find_quotes
from stance.attribution.document import build_document
from stance.attribution.layout import dateline_end


def _speakers(text):
    return [(q.speaker_mention, q.speaker, q.content) for q in find_quotes(text)]


@pytest.mark.parametrize(
    "line, rest",
    [
        pytest.param("LIMA, March 3 (Reuters) - The minister said the mine would reopen.",
                     "The minister said", id="city-date-credit"),
        pytest.param("WASHINGTON: The envoy said talks would resume.", "The envoy said", id="city-colon"),
        pytest.param("NAIROBI - A ministry spokeswoman said the port would open.", "A ministry", id="city-dash"),
        pytest.param("Geneva — The delegate said the vote was delayed.", "The delegate", id="title-case-city"),
        pytest.param("(AFP) The council said it would meet again.", "The council", id="credit-only"),
        pytest.param("OSLO, 4 May 2021 (NTB/AFP) – Ana Berg said no.", "Ana Berg", id="day-month-year"),
        pytest.param("Minister: Tariffs will hurt our farmers", "Minister:", id="speaker-colon-kept"),
        pytest.param("The minister said the mine would reopen.", "The minister", id="no-dateline"),
    ],
)
def test_dateline_end(line, rest):
    from stance.attribution.nouns import PERSON_NOUNS, TITLES
    at = dateline_end(line, 0, len(line), not_words=frozenset(TITLES) | frozenset(PERSON_NOUNS))
    assert line[at:].startswith(rest)


def test_title_case_place_and_colon_is_a_dateline_only_where_the_article_opens():
    doc = build_document("Talks Stall In Geneva\n\nGeneva: The delegate said the vote was delayed.\n\n"
                         "Ellis: The vote was delayed again.\n")
    assert doc.sentences[1].text.startswith("The delegate")
    assert doc.sentences[2].text.startswith("Ellis:")


def test_dateline_is_never_the_speaker_or_content():
    text = ("Ports Reopen After Strike\n\nMOMBASA, June 2 (Reuters) - The strike is over, "
            "a union leader said on Friday.\n")
    (mention, _, content), = _speakers(text)
    assert mention == "a union leader"
    assert content == "The strike is over"


def test_headline_is_a_line_of_its_own():
    doc = build_document("Talks Stall In Lima\n\nThe envoy said the talks had stalled.\n")
    assert doc.headline == (0, len("Talks Stall In Lima"))
    assert build_document("The envoy said the talks had stalled. They left.\n").headline is None


def test_headline_words_are_not_names():
    text = ("Ruiz Declares Mine Closed\n\nMinister Ana Ruiz spoke on Monday. "
            "She said the mine would stay closed until May.\n")
    assert ("She", "Ana Ruiz", "the mine would stay closed until May") in _speakers(text)


@pytest.mark.parametrize(
    "text, mention, speaker",
    [
        pytest.param("Peruvian Minister of Energy and Mines Ana Ruiz said the mine would reopen.",
                     "Peruvian Minister of Energy and Mines Ana Ruiz", "Ana Ruiz", id="of-and-title"),
        pytest.param("US Secretary of State Tom Reyes voiced concern, saying the plan was risky.",
                     "US Secretary of State Tom Reyes", "Tom Reyes", id="shared-subject-of-title"),
        pytest.param("The head of UNHCR Mira Holt voiced regret, calling it a loss.",
                     "The head of UNHCR Mira Holt", "Mira Holt", id="head-of-body"),
        pytest.param("\"The plan is risky,\" says Minister of Ports, Roads and Water Lwazi Dube, at a "
                     "briefing.", "Minister of Ports, Roads and Water Lwazi Dube", "Lwazi Dube",
                     id="inverted-long-title"),
        pytest.param("The plan is risky, said the Minister of Finance.", "the Minister", None,
                     id="title-without-a-name-stays-short"),
        pytest.param("Brazil's foreign minister defended the decision, saying she expects no retaliation.",
                     "Brazil's foreign minister", None, id="possessive-role"),
    ],
)
def test_long_titles_kept_whole(text, mention, speaker):
    q, = find_quotes(text)
    assert q.speaker_mention == mention
    if speaker is not None:
        assert q.speaker == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param("Foreign ministry spokeswoman Li Na spoke in Beijing. Later, a foreign ministry "
                     "spokeswoman said the visit was useful.", "Li Na", id="role-before-name"),
        pytest.param("The talks ended late. The spokesman, Omar Haddad, arrived first. "
                     "The talks were useful, the spokesman said.", "Omar Haddad", id="apposition"),
        pytest.param("Environment Administrator Joe Lake toured the plant. The administrator "
                     "said the plant was clean.", "Joe Lake", id="the-administrator"),
    ],
)
def test_description_resolved_to_the_name_given_its_role(text, speaker):
    assert find_quotes(text)[-1].speaker == speaker


def test_description_without_a_named_role_stays_as_written():
    q, = find_quotes("The plan will fail, a pundit said.")
    assert q.speaker == "a pundit"


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param("\"We are ready,\" said Tom Reyes, the trade envoy. Vice Premier He Wenbo met "
                     "the delegation on Monday. He said the talks were candid.", "He Wenbo",
                     id="surname-he-subject"),
        pytest.param("\"We are ready,\" said Tom Reyes, the trade envoy. Later, Sara Kim, president of "
                     "the steel union, thanked the envoy. She said the tariffs would help.", "Sara Kim",
                     id="subject-of-previous-sentence"),
        pytest.param("\"We are ready,\" said Tom Reyes, the trade envoy. The United States wants a deal. "
                     "He said the talks were useful.", "Tom Reyes", id="place-subject-is-not-a-person"),
    ],
)
def test_pronoun_takes_the_subject_it_continues(text, speaker):
    assert find_quotes(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    "text, mention, via, content",
    [
        pytest.param("According to the state news agency, Trade Envoy Lena Park emphasized that both "
                     "sides reached an understanding.", "Trade Envoy Lena Park", "the state news agency",
                     "both sides reached an understanding", id="according-to-agency"),
        pytest.param("Park said the talks would resume in May, the Nordic Press Agency reported on "
                     "Friday.", "Park", "the Nordic Press Agency", "the talks would resume in May",
                     id="trailing-agency-report"),
        pytest.param("Zhang urged the envoys to take practical steps, per AFP.", "Zhang", "AFP",
                     "the envoys to take practical steps", id="per-agency"),
        pytest.param("The talks will resume in May, Xinhua reported.", "Xinhua", None,
                     "The talks will resume in May", id="agency-as-sole-source"),
        pytest.param("Park said the talks would resume, the Daily Courier reported.", "the Daily Courier", None,
                     "Park said the talks would resume", id="newspaper-keeps-its-report"),
    ],
)
def test_wire_credit_is_via_not_speaker(text, mention, via, content):
    q, = find_quotes(text)
    assert (q.speaker_mention, q.via, q.content) == (mention, via, content)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Farm Minister: Tariffs will hurt our farmers\n\nThe minister spoke on Monday.\n",
                     [("Farm Minister", ":", "Tariffs will hurt our farmers")], id="speaker-colon-statement"),
        pytest.param("Tariffs have nullified the trade pact – Okafor\n\nOkafor spoke on Monday.\n",
                     [("Okafor", "–", "Tariffs have nullified the trade pact")], id="statement-dash-speaker"),
        pytest.param("Ports will not accept the plan: Ministry on the corridor\n\nIt spoke on Monday.\n",
                     [("Ministry", ":", "Ports will not accept the plan")], id="statement-colon-speaker-on-topic"),
        pytest.param("Exclusive: Ports close early\n\nThe port closed.\n", [], id="label-is-not-a-speaker"),
        pytest.param("Podcast Hour: Was the port deal a mistake?\n\nThe port closed.\n", [], id="question"),
        pytest.param("Cecile Ross: 'We Will Not Stop.'\n\nShe spoke on Monday.\n", [],
                     id="closing-full-stop-is-not-a-headline"),
        pytest.param("Mayor Ruiz Confirms Port Exit\n\nThe port closed.\n", [], id="headline-verb-no-statement"),
        pytest.param("Lima calls for dialogue on port\n\nThe port closed.\n", [], id="calls-for-noun"),
        pytest.param("Mayor says port will reopen in May\n\nThe port closed.\n",
                     [("Mayor", "says", "port will reopen in May")], id="says-headline-kept"),
    ],
)
def test_headline_attributions(text, expected):
    assert [(q.speaker_mention, q.cue, q.content) for q in find_quotes(text)] == expected


def test_long_title_subject_resolved_to_its_holder():
    text = ("Minister of Ports, Roads and Water Lwazi Dube spoke first. "
            "The Minister of Ports, Roads and Water says the pact is dead.")
    q = find_quotes(text)[-1]
    assert (q.speaker_mention, q.speaker) == ("The Minister of Ports, Roads and Water", "Lwazi Dube")


def test_long_title_without_a_holder_in_the_article_is_kept_as_mention():
    q, = find_quotes("The Minister of Ports, Roads and Water says the pact is dead.")
    assert q.speaker_mention == "The Minister of Ports, Roads and Water"
