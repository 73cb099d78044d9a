from __future__ import annotations

import pytest

from stance import lexicon
from stance.errors import StanceError


def test_reporting_verbs_have_known_kinds():
    rows = lexicon.reporting_verbs()
    assert len(rows) > 100
    assert {r.kind for r in rows} == {"speech", "thought", "source"}
    assert {r.use for r in rows} == {"cue", "that", "to", "noun", "no"}
    forms = {r.form: r for r in rows}
    assert forms["said"].kind == "speech" and forms["said"].lemma == "say"
    assert forms["thinks"].kind == "thought"
    assert forms["according to"].kind == "source"
    assert forms["called on"].lemma == "call on"


def test_loaders_are_cached():
    assert lexicon.reporting_verbs() is lexicon.reporting_verbs()
    assert lexicon.titles() is lexicon.titles()


def test_every_file_has_a_source_and_licence_header():
    from importlib import resources

    root = resources.files("stance.lexicon")
    for name in lexicon.available():
        head = (root / f"{name}.txt").read_text(encoding="utf-8").splitlines()[:6]
        text = "\n".join(head).lower()
        assert head[0].startswith("#")
        assert "source" in text and "licen" in text, name


def test_punkt_parameters_present():
    abbr = {r[0] for r in lexicon.punkt_rows("abbreviations.txt")}
    assert {"mr", "sen", "u.s", "jan"} <= abbr


def test_unknown_lexicon_lists_available():
    with pytest.raises(StanceError, match="titles.txt"):
        lexicon.read_rows("nope.txt")


def test_tables_are_tab_separated():
    for name in ("titles", "pronouns", "person_nouns", "org_words", "reporting_verbs"):
        for row in lexicon.read_rows(f"{name}.txt"):
            assert len(row) >= 2, (name, row)


def test_attribution_word_lists():
    assert {"the", "a", "an"} <= lexicon.word_set("determiners")
    assert "for his part" in lexicon.word_set("discourse_asides")  # entries may hold spaces
    assert lexicon.word_set("prepositions") is lexicon.word_set("prepositions")
    with pytest.raises(StanceError, match="determiners"):
        lexicon.word_set("nope")
