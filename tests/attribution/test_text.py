"""``literal_alternation``: the prefix tree matches what the flat, longest-first alternation matches."""
import re

from stance.attribution.cues import RE_CUE
from stance.attribution.text import literal_alternation

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
