"""Reading labeled CSVs: remapped columns, SemEval spellings, and every bad input."""
from __future__ import annotations

import pytest

from stance import DataError
from stance.data import read_labeled


def write(tmp_path, text, name="d.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_and_normalizes(tmp_path):
    p = write(tmp_path, "text,topic,stance,speaker\nTariffs hurt.,tariffs,AGAINST,Lee\nYes.,tariffs, favor ,Kim\n")
    data = read_labeled([p])
    assert data.texts == ("Tariffs hurt.", "Yes.") and data.stances == ("against", "favor")
    assert len(data) == 2 and len(data.sha256) == 64


def test_target_is_accepted_for_topic(tmp_path):
    p = write(tmp_path, "text,target,stance\nA statement.,Atheism,NONE\n")
    assert read_labeled([p]).topics == ("Atheism",)


def test_columns_can_be_remapped(tmp_path):
    p = write(tmp_path, "tweet,about,label,doc\nA statement.,x,FAVOR,d1\n")
    data = read_labeled([p], text_column="tweet", topic_column="about", stance_column="label", group_column="doc")
    assert data.groups == ("d1",)


def test_hash_changes_with_content(tmp_path):
    a = read_labeled([write(tmp_path, "text,topic,stance\nA.,x,favor\n", "a.csv")]).sha256
    b = read_labeled([write(tmp_path, "text,topic,stance\nB.,x,favor\n", "b.csv")]).sha256
    assert a != b


@pytest.mark.parametrize("content, message", [
    ("text,stance\nA.,favor\n", "missing column.*topic"),
    ("text,topic,stance\nA.,x,maybe\n", r"d.csv:2: unknown stance 'maybe'"),
    ("text,topic,stance\nA.,x,favor\n,x,favor\n", r"d.csv:3: empty text"),
    ("text,topic,stance\nA.,,favor\n", r"d.csv:2: empty topic"),
    ("", "empty file"),
    ("text,topic,stance\n", "no labeled rows"),
], ids=["missing-column", "unknown-label", "empty-text", "empty-topic", "empty-file", "header-only"])
def test_bad_csv_names_the_problem(tmp_path, content, message):
    with pytest.raises(DataError, match=message):
        read_labeled([write(tmp_path, content)])


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_labeled([tmp_path / "absent.csv"])
    with pytest.raises(DataError, match="is a directory"):
        read_labeled([tmp_path])


def test_non_utf8_and_binary(tmp_path):
    p = write(tmp_path, "text,topic,stance\nCaf\u00e9.,x,favor\n", encoding="latin-1")
    with pytest.raises(DataError, match="not valid utf-8.*--encoding"):
        read_labeled([p])
    assert read_labeled([p], encoding="latin-1").texts == ("Caf\u00e9.",)
    b = tmp_path / "b.csv"
    b.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(DataError, match="binary"):
        read_labeled([b])
