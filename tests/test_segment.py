from __future__ import annotations

import os
import subprocess
import sys

import pytest

from stance.segment import split_paragraphs, split_sentences


def _texts(text):
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("One. Two.", ["One.", "Two."], id="01-simple"),
        pytest.param('"This is great." she said.', ['"This is great." she said.'], id="02-quote-then-lowercase-cue"),
        pytest.param("“This is great.” she said. Then she left.", ["“This is great.” she said.", "Then she left."],
                     id="03-curly-quote-then-cue"),
        pytest.param('"Why?" Smith asked. He left.', ['"Why?" Smith asked.', "He left."], id="04-question-then-name-cue"),
        pytest.param("Mr. Li met Sen. Warren on Jan. 5 in the U.S. Senate.",
                     ["Mr. Li met Sen. Warren on Jan. 5 in the U.S. Senate."], id="05-abbreviations"),
        pytest.param("Dr. Ortiz spoke. Gov. Hale agreed.", ["Dr. Ortiz spoke.", "Gov. Hale agreed."], id="06-titles"),
        pytest.param("Headline without period\nBody starts here. Second.",
                     ["Headline without period", "Body starts here.", "Second."], id="07-line-break"),
        pytest.param('"Go now!" said the officer.', ['"Go now!" said the officer.'], id="08-exclaim-said-x"),
        pytest.param("He moved to Washington, D.C. in May.", ["He moved to Washington, D.C. in May."], id="09-dc"),
        pytest.param("“Who knows?” Li told the radio station in an interview. It ended.",
                     ["“Who knows?” Li told the radio station in an interview.", "It ended."], id="13-question-quote-attribution"),
        pytest.param("Rep. G.K. Bolt spoke. Then he left.", ["Rep. G.K. Bolt spoke.", "Then he left."], id="12-initials"),
        pytest.param("Cornyn, the No. 2 Republican, said no. Then he left.",
                     ["Cornyn, the No. 2 Republican, said no.", "Then he left."], id="11-no-before-number"),
        pytest.param("The U.S. The end.", ["The U.S.", "The end."], id="10-us-then-the"),
    ],
)
def test_split_sentences(text, expected):
    assert _texts(text) == expected


def test_offsets_index_the_original_text():
    text = "  First para. Mr. X said so.\n\n\n“Quoted,” he said.  Last one?\n"
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


def test_paragraphs_blank_line_separated():
    text = "A one.\n\nB two.\n \nC three."
    assert [text[a:b] for a, b in split_paragraphs(text)] == ["A one.", "B two.", "C three."]
    assert [s.paragraph for s in split_sentences(text)] == [0, 1, 2]


def test_empty_text():
    assert split_sentences("") == []
    assert split_paragraphs("   \n\n ") == []


def test_works_with_empty_nltk_data(tmp_path):
    code = "from stance.segment import split_sentences; print(len(split_sentences('Mr. A said. B.')))"
    env = dict(os.environ, NLTK_DATA=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2"
