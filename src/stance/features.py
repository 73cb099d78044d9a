"""Target-aware text for the stance model's word features: signed target placeholders and topic hints.

A statement's side is carried by what it says about its target ("we back X",
"X hurts our farmers"), and the same wording is used for and against every
topic. Replacing the target's mentions by one placeholder lets one topic's
plentiful side teach another topic's rare side: "support tgtpro" is favor
whatever the target is. The placeholder carries the mention's sign, so
"free trade" (``tgtcon``: the opposite of tariffs) is not confused with
"tariffs" (``tgtpro``). Each match also adds a topic hint token
(``topictag_<topic>`` for a target mention, ``topiccue_<topic>`` for wording
typical of the topic), written after the statement, that the topic head
can weigh.

The terms come from ``lexicon/targets.txt`` (written from domain knowledge,
not copied from any corpus). A fitted model keeps its own copy of the rows
(plain strings), so a later edit of the file never changes a saved model.

Examples
--------
>>> rewriter = TargetRewriter([["tariffs", "pro", "tariffs?"], ["tariffs", "con", "free trade"]])
>>> rewriter.rewrite("We back tariffs, not free trade.")
('We back tgtpro, not tgtcon. | topictag_tariffs topictag_tariffs', 0)
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Optional, Sequence

try:
    from re import _parser
except ImportError:  # Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef]

from .alternation import first_char_alternation, letter_factored, lowercase_superset

TARGET_ROLES = ("pro", "con", "cue")
"""``pro``: the topic's target; ``con``: its opposite; ``cue``: topic wording without a side."""

PLACEHOLDERS = {"pro": "tgtpro", "con": "tgtcon"}

_UNLOWERED = "İıſ"
"""Characters for which :func:`stance.alternation.lowercase_superset`'s claim does not hold (looked for with
``in``: three substring tests of an article cost a tenth of a regex search for the class)."""



@lru_cache(maxsize=1)
def target_lexicon() -> tuple[tuple[str, str, str], ...]:
    """Rows ``(topic, role, pattern)`` of the shipped ``lexicon/targets.txt``."""
    text = resources.files("stance.lexicon").joinpath("targets.txt").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            topic, role, pattern = line.split("\t")
            rows.append((topic, role, pattern))
    return tuple(rows)


class TargetRewriter:
    """Rewrites topic terms of ``rows`` (``[topic, role, pattern]``) into placeholders and hints."""

    def __init__(self, rows: Sequence[Sequence[str]]):
        self.rows = [tuple(str(x) for x in row) for row in rows]
        for topic, role, _ in self.rows:
            if role not in TARGET_ROLES:
                raise ValueError(f"target lexicon row for {topic!r}: role must be one of {TARGET_ROLES}, got {role!r}")
        # the rows' alternation grouped by first letter: the same matches, twice as fast (stance.alternation)
        alternatives, self._row_of = first_char_alternation([pattern for _, _, pattern in self.rows], re.IGNORECASE)
        self._pattern = re.compile(rf"(?<!\w){alternatives}(?!\w)", re.IGNORECASE)
        self._candidates = _candidates([pattern for _, _, pattern in self.rows])

    def rewrite(self, text: str) -> tuple[str, int]:
        """``text`` with target mentions replaced, and the sign of its mentions.

        The sign is +1 when the statement names the target more often than
        its opposite, -1 for the reverse, 0 when it names neither or both
        equally.
        """
        balance = 0
        hints = []

        def replace(match: re.Match) -> str:
            nonlocal balance
            topic, role, _ = self.rows[self._row_of[match.lastgroup]]
            if role == "cue":
                hints.append(f"topiccue_{topic}")
                return match.group(0)
            balance += 1 if role == "pro" else -1
            hints.append(f"topictag_{topic}")
            return PLACEHOLDERS[role]

        if self._candidates is None or (not text.isascii() and any(c in text for c in _UNLOWERED)):
            out = self._pattern.sub(replace, text)
        else:
            out = self._sub_at_candidates(replace, text)
        if hints:  # after the text, so they never split the statement's own n-grams
            out += " | " + " ".join(hints)
        return out, (balance > 0) - (balance < 0)

    def _sub_at_candidates(self, replace, text: str) -> str:
        """``self._pattern.sub(replace, text)``, trying the pattern only where ``self._candidates`` says it may match.

        ``sub`` takes the leftmost match, then the leftmost after its end; the
        pattern matches only at candidate positions (the candidates match a
        superset on ``text.lower()``, which has the same length), so taking
        the first candidate from each end where the pattern matches finds
        the same matches. Tried alone, the IGNORECASE alternation costs ~2 us
        at every word; the case-sensitive candidates about half as much. A
        candidate is found by the character before it (see :func:`_candidates`),
        so the lower-cased text is scanned with a space in front: the candidate
        starting at ``text[i]`` is the one found at ``i`` of the scanned string.
        """
        pieces, end = [], 0
        for candidate in self._candidates.finditer(" " + text.lower()):
            start = candidate.start()
            if start < end:
                continue
            match = self._pattern.match(text, start)
            if match is not None:
                pieces += (text[end:start], replace(match))
                end = match.end()
        pieces.append(text[end:])
        return "".join(pieces)


def _candidates(patterns: Sequence[str]) -> Optional[re.Pattern]:
    """Where, in a lower-cased text, a row may match: a word start at which a row's lowercase superset
    matches up to a word end (for ASCII word characters only, a superset of ``\\w``'s boundaries); ``None`` if a
    row has no superset or may match the empty string (then ``sub`` is not a scan from match end to match end).

    The match is the character before the word start, so the text needs a character in front. Starting with
    a character class, the pattern lets ``re`` skip word characters in its own loop instead of trying the
    pattern at each of them (the scan costs about a third less)."""
    supersets = [lowercase_superset(p) for p in patterns]
    if any(s is None for s in supersets) or any(_parser.parse(p, re.IGNORECASE).getwidth()[0] == 0 for p in patterns):
        return None
    return re.compile(rf"[^0-9a-z_](?={letter_factored(supersets)}(?![0-9a-z_]))")
