"""nltk's Punkt sentence tokenizer, imported without nltk's package initializer.

``import nltk`` (which any ``import nltk.<module>`` runs first) imports nearly
all of nltk and, through it, scipy and scikit-learn: about 3 s, longer than
everything else ``stance quotes`` does on an article. Punkt itself needs a
handful of small nltk modules. When nltk is not imported yet, they are
imported under empty stand-ins for the ``nltk`` and ``nltk.tokenize``
packages, and every ``nltk`` entry this adds to ``sys.modules`` is removed
again: a later ``import nltk`` anywhere in the process runs nltk's own
initializer as usual and gets a complete, unshared nltk.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import re
import string
import sys
import types
from functools import lru_cache
from typing import Any, Iterator, List, Optional, Tuple


def _import_punkt() -> types.ModuleType:
    if "nltk" in sys.modules:  # already paid for: use it
        return importlib.import_module("nltk.tokenize.punkt")
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("stance needs nltk: pip install nltk")
    root = list(spec.submodule_search_locations)[0]
    before = set(sys.modules)
    for name, path in (("nltk", root), ("nltk.tokenize", os.path.join(root, "tokenize"))):
        stand_in = types.ModuleType(name)
        stand_in.__path__ = [path]
        sys.modules[name] = stand_in
    try:
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


_punkt = _import_punkt()
PunktParameters = _punkt.PunktParameters
PunktSentenceTokenizer = _punkt.PunktSentenceTokenizer
PunktToken = _punkt.PunktToken

__all__ = ["PunktParameters", "PunktSentenceTokenizer", "QuickPunkt"]

MEMO_SIZE = 1 << 14
"""Entries kept by each memo below (least recently used dropped first): both full take under 8 MB, so memory
stays flat over any number of articles, and they hold a news stream's common words and contexts (a third of
the decisions on unseen articles are then found in the memo)."""

SHORT_CONTEXT = 64
"""Longest decision context matched without nltk's regular-expression timeout and memoized (see
:class:`QuickPunkt`); longer ones are rare."""


def _untimed(pattern):
    """The compiled pattern inside nltk's timeout wrapper (nltk versions without the wrapper give it directly)."""
    return getattr(pattern, "_rx", pattern)


_REGEX_SPACES = {r"\s": r"[^\S\x1c-\x1f]", r"\S": r"[\S\x1c-\x1f]"}
"""``\\s`` and ``\\S`` as the ``regex`` module reads them (Unicode White_Space): ``re``'s ``\\s`` also takes U+001C-1F."""


def _as_re(pattern):
    """nltk's pattern (run by the ``regex`` module) compiled with ``re``, which matches the same in a third of the time.

    ``\\s`` and ``\\S`` are spelled as ``regex`` reads them; a pattern with them
    inside a character class, which that spelling cannot express, stays with ``regex``.
    """
    raw = _untimed(pattern)
    flags = raw.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
    source = _spell_spaces(raw.pattern, verbose=bool(flags & re.VERBOSE))
    return raw if source is None else re.compile(source, flags)


def _spell_spaces(source: str, verbose: bool) -> Optional[str]:
    """``source`` with :data:`_REGEX_SPACES` spelled out, ``None`` when one is inside a character class."""
    out, i, class_from = [], 0, None  # class_from: where the open class's members begin
    while i < len(source):
        c = source[i]
        if c == "\\":
            pair = source[i:i + 2]
            if pair in _REGEX_SPACES and class_from is not None:
                return None
            out.append(_REGEX_SPACES.get(pair, pair))
            i += 2
            continue
        if class_from is None and c == "[":
            class_from = i + 2 if source.startswith("[^", i) else i + 1
        elif class_from is not None and c == "]" and i > class_from:  # (a "]" first in a class is a member)
            class_from = None
        elif class_from is None and verbose and c == "#":  # a comment, to the end of the line
            end = source.find("\n", i)
            end = len(source) if end < 0 else end
            out.append(source[i:end])
            i = end
            continue
        out.append(c)
        i += 1
    return "".join(out)


_NUMERIC, _ELLIPSIS, _INITIAL = map(_untimed, (PunktToken._RE_NUMERIC, PunktToken._RE_ELLIPSIS, PunktToken._RE_INITIAL))


@lru_cache(maxsize=MEMO_SIZE)
def _token_type(tok: str) -> str:
    """``PunktToken``'s case-normalized type (a regular-expression substitution per token, memoized)."""
    return _NUMERIC.sub("##number##", tok.lower())


_WORD = r"[^\W_]+"  # letters and digits: never a token's end nor a sentence end


def _word_period_next(lang_vars: Any) -> "re.Pattern[str]":
    """Contexts nltk's word tokenizer cuts into a word ending in a period and a token after it that cannot end a
    sentence, so only the word before can: ``said. The``, ``U.S. Senate,``, ``Mr. Trump's`` (the comma and the
    ``'s`` are tokens that end nothing) or ``said.”`` (a closing mark). Groups: the word with its period, then
    the token after it (a word, or the mark). The marks that end a token are the language's own; an opening
    quotation mark before a word stays in its token."""
    ends_token = f"(?![?!]){lang_vars._re_non_word_chars}"  # (a "?" or "!" token would end a sentence)
    return re.compile(rf"({_WORD}(?:[.-]{_WORD})*\.)(?: ([“‘]?{_WORD}(?:-{_WORD})*)(?:,|{ends_token}{_WORD})?"
                      rf"|({ends_token}))")


_WORD_MARK_NEXT = re.compile(rf"{_WORD}[?!] \S")
"""A context whose "?" or "!" is a token (a mark that ends the word before) followed by another: nltk's rules break
there whatever the words."""

_LC, _UC, _MID_UC, _BEG_LC = _punkt._ORTHO_LC, _punkt._ORTHO_UC, _punkt._ORTHO_MID_UC, _punkt._ORTHO_BEG_LC


class QuickPunkt(PunktSentenceTokenizer):
    """nltk's Punkt with the same sentences for less work.

    Punkt decides each candidate sentence end from a short context (the word
    before, the mark, the next token) by building, annotating and walking
    ``PunktToken`` objects through generators. :meth:`text_contains_sentbreak`
    makes the same decision with the same regular expressions and rules
    (nltk's first and second annotation passes, inlined on plain strings);
    it is a pure function of the context for fixed parameters, and contexts
    such as ``Mr. Trump`` recur, so decisions are memoized per tokenizer
    (bounded by :data:`MEMO_SIZE`).

    nltk runs every regular-expression call under a timeout, a guard against
    pathological input that costs more than the match itself on a context of
    a dozen characters. Contexts up to :data:`SHORT_CONTEXT` characters are
    matched without it (nltk's patterns, which finish in microseconds there);
    longer ones are decided by nltk's own code, timeout included. The scans
    over a whole line (candidate ends, realignment) use nltk's patterns
    compiled with ``re`` (:func:`_as_re`): they are linear, and
    :mod:`stance.segment` bounds the line. ``tests/test_punkt.py`` holds
    this class to plain Punkt.
    """

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params)
        self._decide = lru_cache(maxsize=MEMO_SIZE)(self._contains_break)
        self._words = _as_re(self._lang_vars._word_tokenizer_re()).findall
        self._word_period_next = _word_period_next(self._lang_vars).fullmatch
        # the whole-text scan for candidate ends: linear (a mark and the token after it), so it needs no timeout
        self._period_contexts = _as_re(self._lang_vars.period_context_re())
        self._realignment = _as_re(self._lang_vars.re_boundary_realignment)

    def text_contains_sentbreak(self, text: str) -> bool:
        if len(text) > SHORT_CONTEXT:  # rare (a very long word): nltk's own code, not memoized
            return super().text_contains_sentbreak(text)
        return self._decide(text)

    def span_tokenize(self, text: str, realign_boundaries: bool = True) -> Iterator[Tuple[int, int]]:
        """nltk's ``span_tokenize`` (candidate ends, decisions, realignment) as one loop over plain spans."""
        if not realign_boundaries:
            yield from super().span_tokenize(text, realign_boundaries)
            return
        bounds = self._sentence_bounds(text)
        realign = 0
        realignment = self._realignment
        for (start, stop), (next_start, next_stop) in zip(bounds, bounds[1:]):
            start += realign
            # the realignment pattern starts with closing punctuation: a letter or digit cannot match
            m = None if text[next_start:next_start + 1].isalnum() else realignment.match(text[next_start:next_stop])
            if m:  # closing punctuation after the end belongs to this sentence
                yield start, next_start + len(m.group(0).rstrip())
                realign = m.end()
            else:
                realign = 0
                if start < stop:
                    yield start, stop
        start, stop = bounds[-1]
        if start + realign < stop:
            yield start + realign, stop

    def _sentence_bounds(self, text: str) -> List[Tuple[int, int]]:
        """Sentences before realignment (nltk's ``_slices_from_text``)."""
        bounds = []
        last_break = 0
        for match, context in self._end_contexts(text):
            if self.text_contains_sentbreak(context):
                bounds.append((last_break, match.end()))
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        bounds.append((last_break, len(text.rstrip())))
        return bounds

    def _end_contexts(self, text: str) -> Iterator[Tuple[Any, str]]:
        """Candidate ends with their contexts (nltk's ``_match_potential_end_contexts``)."""
        prev_start = prev_stop = 0  # the word before the previous candidate
        prev_match = None
        # usually none (they are all unprintable: one scan of a printable text rules them out)
        others = [] if text.isprintable() else [c for c in string.whitespace if c != " " and c in text]
        for match in self._period_contexts.finditer(text):
            space = text.rfind(" ", prev_stop, match.start())  # the last of nltk's whitespace characters
            for c in others:
                space = max(space, text.rfind(c, prev_stop, match.start()))
            word_start = space + 1 if space > prev_stop else prev_start  # nltk ignores a space right at prev_stop
            if prev_match and prev_stop <= word_start:  # (the word, the mark and the token the look-ahead saw)
                yield prev_match, text[prev_start:prev_match.end("after_tok")]
            prev_match, prev_start, prev_stop = match, word_start, match.start()
        if prev_match:
            yield prev_match, text[prev_start:prev_match.end("after_tok")]

    def _contains_break(self, text: str) -> bool:
        """True when a token of ``text`` other than the last ends a sentence (nltk's rules, see the class)."""
        m = self._word_period_next(text)
        if m is not None:  # most contexts, decided without nltk's word tokenizer (its ``regex`` costs most)
            word, nxt, mark = m.groups()
            return self._breaks_after(word, self._first_pass(word), nxt or mark, (False, False))
        if _WORD_MARK_NEXT.match(text):
            return True
        toks = [t for line in text.split("\n") if line.strip() for t in self._words(line)]
        if len(toks) < 2:
            return False
        first = [self._first_pass(t) for t in toks]
        for i in range(len(toks) - 1):
            if self._breaks_after(toks[i], first[i], toks[i + 1], first[i + 1]):
                return True
        return False

    def _first_pass(self, tok: str) -> Tuple[bool, bool]:
        """``(sentbreak, abbreviation or ellipsis)`` from the token alone (nltk's ``_first_pass_annotation``)."""
        if tok in self._lang_vars.sent_end_chars:
            return True, False
        if tok.startswith("..") and _ELLIPSIS.match(tok):
            return False, True
        if tok.endswith(".") and not tok.endswith(".."):
            low = tok[:-1].lower()
            abbrevs = self._params.abbrev_types
            if low in abbrevs or low.split("-")[-1] in abbrevs:
                return False, True
            return True, False
        return False, False

    def _breaks_after(self, tok: str, first: Tuple[bool, bool], nxt: str, nxt_first: Tuple[bool, bool]) -> bool:
        """Whether ``tok`` ends a sentence given the next token (nltk's ``_second_pass_annotation``)."""
        sentbreak, abbr_or_ellipsis = first
        if not tok.endswith("."):
            return sentbreak
        typ = _no_period(_token_type(tok))
        next_typ = _no_period(_token_type(nxt)) if nxt_first[0] else _token_type(nxt)
        params = self._params
        if (typ, next_typ) in params.collocations:
            return False
        initial = len(tok) == 2 and _INITIAL.match(tok)  # one letter and the period
        if abbr_or_ellipsis and not initial:
            if self._ortho(nxt, next_typ) is True:
                return True
            if nxt[0].isupper() and next_typ in params.sent_starters:
                return True
        if initial or typ == "##number##":
            starter = self._ortho(nxt, next_typ)
            if starter is False:
                return False
            if starter is None and initial and nxt[0].isupper() and not params.ortho_context.get(next_typ, 0) & _LC:
                return False
        return sentbreak

    def _ortho(self, tok: str, typ: str) -> Optional[bool]:
        """Whether ``tok`` starts a sentence by its spelling elsewhere; None when unsure (``_ortho_heuristic``)."""
        if tok in self.PUNCTUATION:
            return False
        context = self._params.ortho_context.get(typ, 0)
        if tok[0].isupper() and context & _LC and not context & _MID_UC:
            return True
        if tok[0].islower() and (context & _UC or not context & _BEG_LC):
            return False
        return None


def _no_period(typ: str) -> str:
    return typ[:-1] if len(typ) > 1 and typ[-1] == "." else typ
