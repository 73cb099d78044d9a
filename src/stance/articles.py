"""Article text from files and bytes, with one clear error per kind of bad input."""
from __future__ import annotations

import codecs
from pathlib import Path

from .errors import InputError, InputTooLargeError

BINARY_SNIFF_BYTES = 8192
"""How much of a file is checked for NUL bytes: text never has them, binaries almost always do early."""


MAX_ARTICLE_CHARS = 5_000_000
"""Longest article analyzed: 5 million characters, hundreds of times a long news article. Attribution is
linear in the text: about 1.5 CPU s per MB of news and at most 6.3 s per MB on the degenerate inputs
measured (BENCHMARKS.md, issue 13), so an article at the limit takes about half a minute of one core."""


def check_text(text: object, *, name: str = "text") -> str:
    """Return ``text`` if it is a non-blank string, else raise :class:`InputError`."""
    if not isinstance(text, str):
        raise InputError(f"{name}: expected a string, got {type(text).__name__}")
    if not text.strip():
        raise InputError(f"{name}: empty text")
    return text


def check_article(text: object, *, name: str = "text") -> str:
    """:func:`check_text`, and refuse an article over :data:`MAX_ARTICLE_CHARS` (:class:`InputTooLargeError`)."""
    checked = check_text(text, name=name)
    if len(checked) > MAX_ARTICLE_CHARS:
        raise InputTooLargeError(f"{name}: article of {len(checked):,} characters is over the limit of "
                                 f"{MAX_ARTICLE_CHARS:,}; split it into smaller articles")
    return checked


def decode_article(raw: bytes, *, encoding: str = "utf-8", name: str = "text") -> str:
    """Decode article bytes, refusing binaries and text in another encoding."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if b"\x00" in raw[:BINARY_SNIFF_BYTES] and not encoding.lower().startswith("utf-16"):
        raise InputError(f"{name}: looks like a binary file, expected text")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {encoding} (byte {exc.start}); name the file's encoding with --encoding"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return check_text(text, name=name)


def read_file_bytes(path, *, expected: str = "a text file", error: type = InputError,
                    sniff_binary: bool = True) -> bytes:
    """The bytes of a text file; ``error`` says what is wrong (missing, a directory, binary)."""
    path = Path(path)
    if path.is_dir():
        raise error(f"{path}: is a directory, expected {expected}")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from None
    if sniff_binary and b"\x00" in raw[:BINARY_SNIFF_BYTES]:
        raise error(f"{path}: looks like a binary file, expected {expected}")
    return raw


def read_article(path, *, encoding: str = "utf-8") -> str:
    """Read one article file (``-`` is not handled here; the CLI reads stdin itself)."""
    raw = read_file_bytes(path, sniff_binary=False)  # decode_article sniffs, knowing the encoding
    return decode_article(raw, encoding=encoding, name=str(path))
