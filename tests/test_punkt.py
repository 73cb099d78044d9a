"""QuickPunkt must give exactly plain nltk Punkt's sentences (same shipped parameters)."""
from __future__ import annotations

import random

import pytest

from stance._punkt import PunktSentenceTokenizer, QuickPunkt, _spell_spaces
from stance.segment import plain_punkt, punkt_parameters

TRICKY = [
    "Mr. Li met Sen. Warren on Jan. 5 in the U.S. Senate. Then he left.",
    "Rep. G.K. Bolt spoke. J. R. R. Tolkien wrote. Robert E. Lee rode.",
    "He paid $3.50 for it. It was No. 1 on the list. The 2. round began. 3. Then more.",
    "Wait... what? He said so... And then. . . nothing. Really?! Yes!!! No.",
    '"This is great." she said. "Why?" Smith asked. He left.',
    "“It ended.” They left. ‘Fine.’ Ok. «Oui.» Non. (See above.) Next one.",
    "The U.S. The end. In the U.K. it rained. E.g. this one. I.e. that one.",
    "ex-Gov. Smith arrived. Vice-Pres. Jones left. St. Louis is big. Ft. Worth too.",
    "Prices rose 4.5 percent in Q3. The Dow fell 1.2%. Shares at 10 a.m. fell.",
    "One.Two. Three .Four . Five.\nSix on a new line. Seven\n\nEight after a blank line.",
    "Ends with spaces.   ",
    "no capital after. lower case follows. 1. numbered. 2. list.",
    "Dr. Who? Ms. Mrs. Mx. Prof. Gen. Lt. Col. Capt. Maj. Sgt. Inc. Corp. Ltd. Co. etc. vs. al.",
    "A sentence -- with dashes. -- And another. He said: 'Go.' Then: \"Stop.\"",
    "",
    "   ",
    ".",
    "...",
    "?!",
    "word",
    "Mid-sentence. A. B. C. D. The end.",
    "He was born Jan. 3, 1970. He died Dec. 1. 2020 was a year.",
    "The vote was 52-48. Senators left. The Sept. 11 attacks. Oct. First.",
    "Who knows? she asked. Why not! he shouted. OK.",
    "Long words: " + "x" * 70 + ". Next one. Mr. " + "Y" * 80 + " came. " + "z." * 40 + " End.",
    "Quotes after ends.\" 'Next.' ) (Paren.) ] } ’ ” » Done.  \"\" Last.\"",
]


@pytest.fixture(scope="module")
def tokenizers():
    return plain_punkt(), QuickPunkt(punkt_parameters())


@pytest.mark.parametrize("text", TRICKY)
def test_same_spans_as_plain_punkt(tokenizers, text):
    plain, quick = tokenizers
    assert list(quick.span_tokenize(text)) == list(plain.span_tokenize(text))
    assert list(quick.span_tokenize(text)) == list(plain.span_tokenize(text))  # again, from the memo


@pytest.mark.parametrize("text", TRICKY)
def test_same_decision_on_every_context(tokenizers, text):
    plain, quick = tokenizers
    for _, context in plain._match_potential_end_contexts(text):
        assert quick.text_contains_sentbreak(context) == plain.text_contains_sentbreak(context), context


def test_same_spans_on_random_strings(tokenizers):
    plain, quick = tokenizers
    pieces = ["Mr.", "U.S.", "J.", "a", "The", "the", "3.", "4.5", "...", ". .", ".", "?", "!", '"', "“", "”",
              "'", "’", ")", "(", "--", "-", ",", ";", ":", " ", " ", " ", "  ", "\n", "\n\n", "Smith", "said",
              "no.", "Inc.", "e.g.", "St.", "é.", "ß", "\t", "\r", "\x0b", "\x0c", "\u00a0", "\u2028",
              "\x1c", "\x1d", "\x1e", "\x1f", "\u0085", "\u3000"]  # (re and regex disagree on U+001C-1F)
    rng = random.Random(15)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        assert list(quick.span_tokenize(text)) == list(plain.span_tokenize(text)), repr(text)
        assert list(quick.span_tokenize(text, realign_boundaries=False)) == \
            list(plain.span_tokenize(text, realign_boundaries=False)), repr(text)


@pytest.mark.parametrize("separator", ["\x1c", "\x1d", "\x1e", "\x1f"])
def test_separators_that_only_re_reads_as_space(tokenizers, separator):
    plain, quick = tokenizers
    for text in (f"He left.{separator}Then she spoke.", f"Mr.{separator}Lee said so. Fine.", f"End.{separator}"):
        assert list(quick.span_tokenize(text)) == list(plain.span_tokenize(text)), repr(text)


@pytest.mark.parametrize("source, spelled", [
    (r"a\s+\S", r"a[^\S\x1c-\x1f]+[\S\x1c-\x1f]"),
    (r"x\\s", r"x\\s"),  # an escaped backslash, then "s"
    (r"[^]x]\s", r"[^]x][^\S\x1c-\x1f]"),  # a "]" first in a class is a member
    ("# [ \\s\n\\s", "# [ \\s\n[^\\S\\x1c-\\x1f]"),  # a verbose comment is copied
    (r"[\s,]+", None),  # inside a class: left to the regex module
    (r"[]\s]", None),
])
def test_spell_spaces(source, spelled):
    assert _spell_spaces(source, verbose=True) == spelled


#: contexts decided without nltk's word tokenizer (a word ending in a period, then a token that cannot end a
#: sentence): abbreviations, initials, numbers, words in the ortho context or sentence starters, marks
QUICK_CONTEXTS = [
    "said. The", "said. the", "said. Trump", "said. Trump's", "said. Trump’s", "said. Trump,", "said. Jan",
    "Mr. Trump", "Mr. trump", "Mrs. Smith’s", "Sen. Warren,", "U.S. Senate", "U.S. the", "U.S.A. Today",
    "ex-Gov. Smith", "Vice-Pres. Jones", "St. Louis", "Inc. said", "Inc. However", "etc. But", "vs. Smith",
    "J. Smith", "j. smith", "E. coli", "A. The", "I. But", "é. Next", "ß. Next",
    "1. The", "2016. The", "2016. the", "3. Then", "No. 2", "Jan. 5", "Jan. 5,", "jan. March", "Dec. 1",
    "a. b", "said. 2016", "said. “We", "said. ‘We", "said. “we", "Mr. “Big", "said. Ana-Maria",
    "Gen. Abdul-Aziz", "said.”", 'said."', "said.'", "said.’", "said.)", "said.»", "Mr.”", "U.S.”", "J.”",
    "1.”", "p.m. Monday", "e.g. this", "Mr.Smith. Then",
]
#: contexts the quick patterns must leave to the general code (they would tokenize otherwise)
GENERAL_CONTEXTS = [
    "said. Trump.", "said. ...", "... The", "said.. The", "said.  The", "said.\u00a0The", "said.\nThe",
    "said. Smith_x", "said. Smith-", "said. --", "said. -x", 'said. "The', "said. (The", "said. ''The",
    "said?”", "said.?", "said.!", "(AP). The", "said.” The", "said. Trump’s.",
]


@pytest.fixture(scope="module", params=["shipped", "with collocations"])
def pair(request):
    params = punkt_parameters()
    if request.param == "with collocations":
        params.collocations |= {("jan", "##number##"), ("st", "louis"), ("said", "the"), ("j", "smith")}
        params.abbrev_types |= {"said"}
        params.ortho_context["smith"] |= 1 << 2  # also seen in lower case mid-sentence
    return PunktSentenceTokenizer(params), QuickPunkt(params)


@pytest.mark.parametrize("context", QUICK_CONTEXTS)
def test_quick_contexts_taken_and_decided_alike(pair, context):
    plain, quick = pair
    assert quick._word_period_next(context) is not None
    assert quick._contains_break(context) == plain.text_contains_sentbreak(context)


@pytest.mark.parametrize("context", GENERAL_CONTEXTS + ["Why? The", "Yes! no", "Why? “We", "2016? 5"])
def test_other_contexts_decided_alike(pair, context):
    plain, quick = pair
    assert quick._word_period_next(context) is None
    assert quick._contains_break(context) == plain.text_contains_sentbreak(context)


def test_random_word_period_contexts(pair):
    plain, quick = pair
    words = ["Mr", "mr", "U.S", "Jan", "jan", "J", "e", "1", "2016", "said", "Trump", "trump", "Smith", "The", "the",
             "St", "Louis", "ex-Gov", "é", "no", "March", "x-y", "a.b"]
    before = ["", "", "“", "‘", '"', "'", "(", "-", "_", "."]
    after = ["", "", "", ",", "'s", "’s", ".", ",x", "_", "-", "?", "”", ")"]
    marks = [". ", ". ", ".", "? ", "! ", ".  ", ".\u00a0", "?", ".."]
    rng = random.Random(5)
    taken = 0
    for _ in range(3000):
        context = rng.choice(words) + rng.choice(marks)
        if context.endswith(" ") or rng.random() < 0.3:
            context += rng.choice(before) + rng.choice(words) + rng.choice(after)
        else:
            context += rng.choice(["”", '"', "'", "’", ")", "»", "]"])
        taken += quick._word_period_next(context) is not None
        assert quick._contains_break(context) == plain.text_contains_sentbreak(context), repr(context)
    assert taken > 300
