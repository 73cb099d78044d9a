"""Reading article text: every kind of bad input is one clear InputError."""
from __future__ import annotations

import pytest

from stance import InputError
from stance.articles import check_text, decode_article, read_article


def test_reads_utf8_and_strips_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffXi said it.".encode("utf-8"))
    assert read_article(p) == "Xi said it."


@pytest.mark.parametrize("raw, message", [
    (b"", "empty text"),
    (b"  \n\n ", "empty text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ("Caf\u00e9 au lait".encode("latin-1"), "not valid utf-8.*--encoding"),
], ids=["empty", "blank", "binary", "latin-1"])
def test_bad_bytes(raw, message):
    with pytest.raises(InputError, match=message):
        decode_article(raw, name="x")


def test_other_encoding_on_request():
    assert decode_article("Caf\u00e9".encode("latin-1"), encoding="latin-1") == "Caf\u00e9"
    with pytest.raises(InputError, match="unknown encoding"):
        decode_article(b"x", encoding="no-such-codec")


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


def test_check_text_rejects_non_strings():
    with pytest.raises(InputError, match="expected a string"):
        check_text(b"bytes")
