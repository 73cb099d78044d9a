"""The fast alternations match exactly what the plain alternations match."""
import re

import pytest

from stance.attribution.cues import RE_CUE
from stance.alternation import first_char_alternation, letter_factored, literal_alternation, lowercase_superset

WORDS = ["said", "say", "says", "saying", "said that", "told", "tell", "added", "add", "a.b", "(x)", "pointed out",
         "pointed"]
TEXT = ("He said that they say, saying it: she says, said. Told? tell-tale; added to add a.b (x) unsaid "
        "pointed out and pointed; saidx says_ point")
BOUNDED = r"(?<![\w’'-])(?:{})(?![\w’'-])"


def test_same_matches_as_the_length_sorted_flat_alternation_at_every_position():
    flat = re.compile(BOUNDED.format("|".join(map(re.escape, sorted(WORDS, key=len, reverse=True)))))
    tree = re.compile(BOUNDED.format(literal_alternation(WORDS)))
    assert [m.span() for m in tree.finditer(TEXT)] == [m.span() for m in flat.finditer(TEXT)]
    for i in range(len(TEXT)):
        a, b = flat.match(TEXT, i), tree.match(TEXT, i)
        assert (a and a.span()) == (b and b.span())


def test_backtracks_to_a_shorter_word_when_the_rest_fails():
    # "pointed out" then a word character fails the boundary: "pointed" must still match
    assert re.fullmatch(r"(?:" + literal_alternation(["pointed", "pointed out"]) + r") o", "pointed o")
    assert RE_CUE.search("Lee said.").group() == "said"


ROWS = [
    r"(?:steel|import) (?:tariffs?|duties)", r"tariffs?", r"free[- ]trade(?: deals?)?", r"(?-i:UN|WHO)",
    r"united nations", r"[0-9]+ percent", r"(?:re)?negotiat\w+", r"\w+ism",  # starts with a word of any letter
    r"-?free", r"(?:an? )?deal", r"Ünion",  # may start with "-" or either letter; a non-ASCII first letter
]
ROW_TEXT = ("Steel tariffs and import duties; a free-trade deal, free trade deals, tariff-free goods. The UN "
            "and the Un, who and WHO; United Nations, 20 percent, renegotiated, negotiations, protectionism. "
            "An deal, a deal, deal; STEEL TARIFFS; ünion ÜNION; \u212aelvin; ſteel tariffs")


@pytest.mark.parametrize("flags", [re.IGNORECASE, 0])
def test_first_char_groups_match_as_the_plain_alternation(flags):
    flat = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<r{i}>{p})" for i, p in enumerate(ROWS)) + r")(?!\w)", flags)
    pattern, rows = first_char_alternation(ROWS, flags)
    grouped = re.compile(r"(?<!\w)" + pattern + r"(?!\w)", flags)
    expected = [(m.span(), int(m.lastgroup[1:])) for m in flat.finditer(ROW_TEXT)]
    assert [(m.span(), rows[m.lastgroup]) for m in grouped.finditer(ROW_TEXT)] == expected
    assert len(expected) > 15
    for i in range(len(ROW_TEXT)):
        a, b = flat.match(ROW_TEXT, i), grouped.match(ROW_TEXT, i)
        assert (a and (a.span(), int(a.lastgroup[1:]))) == (b and (b.span(), rows[b.lastgroup]))


def test_rows_are_grouped_by_the_letters_they_can_start_with():
    pattern, rows = first_char_alternation(["tariffs?", "(?:steel|import) duties", r"\w+ism"], re.IGNORECASE)
    assert sorted(set(rows.values())) == [0, 1, 2]
    assert "kt_0" in rows and "ks_1" in rows and "ki_1" in rows and "kt_1" not in rows
    assert "any_2" in rows and "kt_2" in rows  # unknown first letter: tried everywhere


@pytest.mark.parametrize("pattern, expected", [
    ("Tariffs?", "tariffs?"),
    ("free[- ]trade(?: Deals?)?", "free[- ]trade(?: deals?)?"),
    ("united nations|(?-i:U\\.N\\.|UN)", "united nations|(?:u\\.n\\.|un)"),
    ("(?-i:COP ?\\d+)|[A-F]\\s", "(?:cop ?\\d+)|[a-f]\\s"),
    ("(?P<Row>x)", "(?P<Row>x)"),
    ("[^a-z]x", None), ("(?=a)b", None), ("(?<!a)b", None), ("\\bx", None), ("\\w+", None), ("\\x41", None),
    ("caf\u00e9", None), ("(?P=a)", None), ("\\D", None), ("(?s:x)", None),
])
def test_lowercase_superset(pattern, expected):
    assert lowercase_superset(pattern) == expected


@pytest.mark.parametrize("pattern", ["tariffs?", "free[- ]trade", "united nations|(?-i:U\\.N\\.|UN)",
                                     "(?-i:COP ?\\d+)", "kelvin|k", "[A-Z]{2}x"])
def test_lowercase_superset_matches_the_lower_cased_text_wherever_the_pattern_matches(pattern):
    exact = re.compile(pattern, re.IGNORECASE)
    superset = re.compile(lowercase_superset(pattern))
    for text in ("Tariffs TARIFFS tAriff", "FREE-trade free trade", "the U.N. and the UN, un, Un",
                 "COP 28 cop28 Cop 3", "\u212aelvin K k", "ABx abX \u00c9Cx Stra\u00dfe \u03a3\u03a3x"):
        low = text.lower()
        assert len(low) == len(text)
        for i in range(len(text)):
            if exact.match(text, i):
                assert superset.match(low, i), (pattern, text, i)


def test_letter_factored_groups_branches_by_a_leading_letter():
    assert letter_factored(["tariffs?|trade wars?", "(?:import|export) duties", "s?x"]) == (
        "(?:t(?:ariffs?|rade wars?)|i(?:mport duties)|e(?:xport duties)|s?x)")


@pytest.mark.parametrize("patterns", [
    ["tariffs?|trade wars?", "(?:import|export) (?:duties|taxes)", "s?x"],
    ["(?:a|b(?:c|d))x|y", "[)|]z|(?:q)?r", "k(?:a)", "\\d+ ?%|(?:ab|c)*d", "[a-c]{2}e|a\\|b"],
])
def test_letter_factored_matches_where_one_of_the_patterns_matches(patterns):
    factored = re.compile(letter_factored(patterns))
    plain = re.compile("|".join(f"(?:{p})" for p in patterns))
    text = ("tariff tariffs trade war import taxes export duties sx x abx bcx bdx y )z |z r qr ka 12 % ababd cd "
            "abe cce a|b ade")
    for i in range(len(text) + 1):
        assert bool(factored.match(text, i)) == bool(plain.match(text, i)), text[i:]
