"""Paragraphs and sentences, with offsets into the text exactly as given.

Sentences come from nltk's Punkt with parameters we ship in
``stance/lexicon/punkt/`` (no ``nltk.download``, no nltk data lookups), then
two repairs:

* a sentence never runs across a line break (news text often has one
  paragraph a line, and headlines have no final period);
* Punkt's known weakness: ``"This is great." she said.`` is split after the
  closing quote; a piece that starts in lowercase, or that is only an
  attribution (``Smith said.``, ``said the expert.``) is joined back to the
  sentence before it.

The text is never rewritten: every :class:`~stance.types.Sentence` carries
``(start, end)`` and ``text[start:end] == sentence.text``.

Time is linear in the text whatever its punctuation: a line longer than
:data:`MAX_LINE_CHARS` is cut (at a sentence end or a space where it can be)
before Punkt sees it, and a sentence longer than :data:`MAX_SENTENCE_CHARS`
is cut the same way, so every later step works on bounded pieces. Should
nltk's regular-expression time limit fire anyway (a very busy machine), the
piece is kept as one sentence rather than raising ``TimeoutError``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterator, List, Optional, Tuple

from ._punkt import PunktParameters, PunktSentenceTokenizer, QuickPunkt

from . import lexicon
from .types import Sentence

__all__ = ["split_paragraphs", "split_sentences", "punkt_parameters", "punkt_tokenizer", "plain_punkt", "bounded_pieces",
           "MAX_LINE_CHARS", "MAX_SENTENCE_CHARS"]

MAX_LINE_CHARS = 2000
"""Longest stretch handed to Punkt at once; news lines (one paragraph each) are shorter (99.9th percentile
of a news sample ~850 characters), and Punkt's cost on one piece grows faster than its length."""
MAX_SENTENCE_CHARS = 1000
"""Longest sentence kept whole (twice the longest in a news sample); attribution rules look back over the
sentence from each cue, so a bound here keeps them linear in the text."""

RE_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
RE_LINE = re.compile(r"[^\n]+")
#: a sentence end (punctuation, closing quotes) followed by a space: the preferred place to cut a long piece
RE_SENTENCE_END = re.compile(r"""[.!?…]["”’']*\s""")
RE_SPACE = re.compile(r"\s")
#: a piece that starts like the continuation of the previous sentence
RE_LOWER_START = re.compile(r"[\"'“”‘’(\[]?\s*[a-z]")
#: the closing quotation marks of RE_QUOTE_END and RE_QUESTION_QUOTE_END
QUOTE_CHARS = frozenset("\"”’'")
#: the previous piece ends with a quotation closed after ! ? . or ,
RE_QUOTE_END = re.compile(r"""[.!?,…]\s*["”’']{1,2}\s*$""")
#: the previous piece ends with a question or exclamation inside quotation marks
RE_QUESTION_QUOTE_END = re.compile(r"""[!?]\s*["”’']{1,2}\s*$""")
#: a short piece that is only an attribution: "Smith said." / "the expert added." / "said Zhu."
RE_ATTRIBUTION_ONLY = re.compile(
    r"""^(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Tt]he\s+\w+)\s+
        (?:said|says|asked|asks|added|adds|told\s+\S+(?:\s+\S+){0,3}|wrote|writes|replied|explained|noted|insisted|declared|continued)
        [.!?]?\s*$""",
    re.X,
)


#: a capitalized word (or title) followed by initials: "Rep. G.K.", "John D.", "Robert E."
RE_NAME_INITIALS = re.compile(
    r"\b(?!(?:The|A|An|In|On|At|Of|For|To|From|And|But|By|With|Into|Across|Over)\b)[A-Z][a-z]*\.?\s+(?:[A-Z]\.){1,3}$")
#: abbreviations that precede a number ("No. 2", "Vol. 3", "Art. 5")
RE_NUMBER_ABBREV = re.compile(r"\b(?:No|Nos|Vol|Fig|Art|Sec|Ch|pp|p)\.$")


def split_paragraphs(text: str) -> List[Tuple[int, int]]:
    """Spans of the blank-line separated paragraphs, leading/trailing whitespace trimmed.

    >>> split_paragraphs("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    """
    spans: List[Tuple[int, int]] = []
    pos = 0
    for m in RE_PARAGRAPH_BREAK.finditer(text):
        _add_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _add_trimmed(text, pos, len(text), spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, out: List[Tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def punkt_parameters() -> PunktParameters:
    """Punkt's parameters from the files we ship in ``lexicon/punkt/`` (a fresh object on each call)."""
    params = PunktParameters()
    params.abbrev_types = {r[0] for r in lexicon.punkt_rows("abbreviations.txt")}
    params.collocations = {(r[0], r[1]) for r in lexicon.punkt_rows("collocations.txt") if len(r) > 1}
    params.sent_starters = {r[0] for r in lexicon.punkt_rows("sentence_starters.txt")}
    ortho = defaultdict(int)
    for r in lexicon.punkt_rows("ortho_context.txt"):
        ortho[r[0]] = int(r[1])
    params.ortho_context = ortho
    return params


@lru_cache(maxsize=1)
def punkt_tokenizer() -> QuickPunkt:
    """The tokenizer of :func:`split_sentences`: Punkt on our parameters, memoized (built once)."""
    return QuickPunkt(punkt_parameters())


def plain_punkt() -> PunktSentenceTokenizer:
    """nltk's own Punkt on the same parameters: the yardstick of the benchmarks and of QuickPunkt's tests."""
    return PunktSentenceTokenizer(punkt_parameters())


def split_sentences(text: str, paragraphs: Optional[List[Tuple[int, int]]] = None) -> List[Sentence]:
    """Sentences of ``text`` with offsets and paragraph index (see module notes); ``paragraphs`` are
    ``split_paragraphs(text)`` when the caller has them already.

    >>> [s.text for s in split_sentences('"This is great." she said. Mr. Li left.')]
    ['"This is great." she said.', 'Mr. Li left.']
    """
    out: List[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(split_paragraphs(text) if paragraphs is None else paragraphs):
        for lm in RE_LINE.finditer(text, p_start, p_end):
            l_start, l_end = lm.span()
            if text[l_start:l_end].isspace():
                continue
            for c_start, c_end in _bounded(text, l_start, l_end, MAX_LINE_CHARS):
                for s, e in _punkt_sentences(text, c_start, c_end):
                    for b_start, b_end in _bounded(text, s, e, MAX_SENTENCE_CHARS):
                        out.append(Sentence(b_start, b_end, p_index, text[b_start:b_end]))
    return out


def _bounded(text: str, start: int, end: int, limit: int):
    """:func:`bounded_pieces`, without a generator for the usual range within the limit."""
    return ((start, end),) if end - start <= limit else bounded_pieces(text, start, end, limit)


def _punkt_sentences(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    """Punkt's sentences of ``text[start:end]`` (one line or a piece of one), with the repairs joined back."""
    try:
        spans = list(punkt_tokenizer().span_tokenize(text[start:end]))
    except TimeoutError:  # nltk's regex time limit on a starved machine: keep the piece whole
        spans = [(0, end - start)]
    pieces: List[Tuple[int, int]] = []
    for s, e in spans:
        s, e = start + s, start + e
        if pieces and _joins_previous(text, pieces[-1], (s, e)):
            pieces[-1] = (pieces[-1][0], e)
        else:
            pieces.append((s, e))
    return pieces


def bounded_pieces(text: str, start: int, end: int, limit: int) -> Iterator[Tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``limit`` characters (whitespace between them dropped).

    Each cut goes after the last sentence end in the second half of the window,
    else at its last space, else at the limit itself (a run without spaces), so
    the pieces cover the text in time linear in its length. A range within the
    limit comes back unchanged.

    >>> list(bounded_pieces("One two. Three four five.", 0, 25, 12))
    [(0, 8), (9, 19), (20, 25)]
    """
    while end - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = None
        for m in RE_SENTENCE_END.finditer(text, lo, hi + 1):
            cut = m.end() - 1
        if cut is None:
            for m in RE_SPACE.finditer(text, lo, hi + 1):
                cut = m.start()
        if cut is None:
            cut = hi
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def _joins_previous(text: str, prev: Tuple[int, int], cur: Tuple[int, int]) -> bool:
    """True when ``cur`` is the tail of ``prev`` that Punkt split off."""
    piece = text[cur[0]:cur[1]]
    before = text[prev[0]:prev[1]]
    if RE_LOWER_START.match(piece):
        return True
    # the searches below are anchored at the end of ``before`` but scan all of it: each runs only when
    # the last characters could match (pieces lie within one line, so ``$`` is the end of ``before``)
    if before[-1:] == "." and "A" <= before[-2:-1] <= "Z" and piece[:1].isupper() and RE_NAME_INITIALS.search(before):
        return True  # "Rep. G.K. Butterfield": initials after a capitalized word are not a sentence end
    if piece[:1].isdigit() and RE_NUMBER_ABBREV.search(before):
        return True  # "the No. 2 Republican": "no" is not in the abbreviation list ("he said no.")
    if before.rstrip()[-1:] not in QUOTE_CHARS:
        return False
    if RE_QUOTE_END.search(before) and RE_ATTRIBUTION_ONLY.match(piece):
        return True
    if RE_QUESTION_QUOTE_END.search(before) and _attribution_start().match(piece):
        return True  # '"Who knows?" Moss told the station in an interview ...'
    return False


@lru_cache(maxsize=1)
def _attribution_start() -> "re.Pattern[str]":
    """A piece that opens with ``<speaker> <reporting verb>`` or ``<reporting verb> <speaker>``."""
    forms = sorted({v.form for v in lexicon.reporting_verbs()
                    if v.kind == "speech" and v.tag in ("past", "pres") and " " not in v.form}, key=len, reverse=True)
    verbs = "|".join(re.escape(f) for f in forms)
    speaker = r"(?:(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)|(?:[Tt]he\s+)?(?:[A-Z][\w.'’-]*\.?\s+){0,4}[A-Z][\w'’-]*|[Tt]he\s+\w+)"
    appos = r"(?:,[^,.!?\"“”]{1,80},)?"
    return re.compile(rf"(?:{speaker}{appos}\s+(?:{verbs})|(?:{verbs})\s+{speaker})\b")
