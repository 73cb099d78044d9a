"""Plain-text lexicons shipped with the package, read once through cached loaders.

Every file is UTF-8, one entry a line, tab-separated columns, ``#`` lines for
the header (source and licence) and comments. Loaders return immutable
structures (tuples, frozensets, ``MappingProxyType``) so the cached objects
can be shared between threads.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping, NamedTuple, Tuple

from ..errors import StanceError, unknown

__all__ = [
    "ReportingVerb",
    "read_rows",
    "reporting_verbs",
    "titles",
    "pronouns",
    "person_nouns",
    "org_words",
    "punkt_rows",
    "word_set",
    "available",
]


class ReportingVerb(NamedTuple):
    """One row of ``reporting_verbs.txt``."""

    form: str
    lemma: str
    kind: str  # speech | thought | source
    tag: str  # past | pres | base | ing | part | prep
    use: str = "cue"  # cue | that | no


def available() -> Tuple[str, ...]:
    """Names of the lexicon files in the package (without ``.txt``)."""
    root = resources.files(__name__)
    return tuple(sorted(p.name[:-4] for p in root.iterdir() if p.name.endswith(".txt")))


def _read_text(name: str, sub: str | None = None) -> str:
    root = resources.files(__name__)
    path = root / sub / name if sub else root / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if sub:
            raise StanceError(f"missing lexicon file {sub}/{name}") from None
        raise StanceError(unknown("lexicon", name, [a + ".txt" for a in available()])) from None


@lru_cache(maxsize=None)
def read_rows(name: str, sub: str | None = None) -> Tuple[Tuple[str, ...], ...]:
    """Rows of one lexicon file: tab-separated columns, comments and blank lines skipped."""
    rows = []
    for line in _read_text(name, sub).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(c.strip() for c in line.split("\t")))
    return tuple(rows)


@lru_cache(maxsize=None)
def reporting_verbs() -> Tuple[ReportingVerb, ...]:
    """Rows of ``reporting_verbs.txt`` as :class:`ReportingVerb` records."""
    return tuple(ReportingVerb(*r[:5]) for r in read_rows("reporting_verbs.txt"))


def _two_col(name: str) -> Mapping[str, str]:
    return MappingProxyType({r[0]: (r[1] if len(r) > 1 else "") for r in read_rows(name)})


@lru_cache(maxsize=None)
def titles() -> Mapping[str, str]:
    """Title -> class (``honorific``, ``political``, ...), case as written."""
    return _two_col("titles.txt")


@lru_cache(maxsize=None)
def pronouns() -> Mapping[str, str]:
    """Lowercase pronoun -> resolution class (``person_sg``, ``plural``, ...)."""
    return _two_col("pronouns.txt")


@lru_cache(maxsize=None)
def person_nouns() -> Mapping[str, Tuple[str, str]]:
    """Noun -> (number, class) for speaker descriptions such as "the expert"."""
    return MappingProxyType({r[0]: (r[1], r[2]) for r in read_rows("person_nouns.txt")})


@lru_cache(maxsize=None)
def org_words() -> Mapping[str, str]:
    """Capitalized word -> ``org`` or ``media``: marks a name as an organization or channel."""
    return _two_col("org_words.txt")


@lru_cache(maxsize=None)
def punkt_rows(name: str) -> Tuple[Tuple[str, ...], ...]:
    """Rows of one Punkt parameter file in ``lexicon/punkt/``."""
    return read_rows(name, "punkt")


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset:
    """One closed word list of ``attribution_words.txt`` (``determiners``, ``prepositions``, ...)."""
    words = frozenset(r[1] for r in read_rows("attribution_words.txt") if r[0] == name)
    if not words:
        lists = sorted({r[0] for r in read_rows("attribution_words.txt")})
        raise StanceError(unknown("word list", name, lists))
    return words
