"""Errors the library raises; the CLI and the service map them to exit codes
and HTTP statuses in one place each."""
from __future__ import annotations

from typing import Iterable


class StanceError(Exception):
    """Base class: a problem with the caller's input, data or model file."""


class InputError(StanceError):
    """Text or a file that cannot be read as an article (empty, binary, bad encoding)."""


class InputTooLargeError(InputError):
    """An article over :data:`stance.articles.MAX_ARTICLE_CHARS` (the service answers 413)."""


class DataError(StanceError):
    """A labeled CSV that is missing columns, has unknown labels or empty rows."""


class OutputError(StanceError):
    """A path that cannot be written as a regular file (a device, a directory, a missing directory)."""


class ModelError(StanceError):
    """A model file that is missing, not a stance model, damaged or modified, or incompatible."""


class NotFittedError(StanceError):
    """A model used before it was fitted."""


def unknown(what: str, value: object, allowed: Iterable[object]) -> str:
    """One message shape for every 'unknown X' error: names the value and the choices."""
    choices = ", ".join(repr(a) for a in sorted(allowed, key=str))
    return f"unknown {what} {value!r}; expected one of: {choices}"
