"""Regex alternations that Python's ``re`` scans fast, matching exactly what the plain alternation matches.

``re`` tries an alternation's branches one after the other at every position
it scans. Two lexicon-sized alternations are scanned over every article: the
reporting-verb forms (hundreds of literal words) and the target lexicon's
rows (regexes, case-insensitive). :func:`literal_alternation` turns literal
words into a prefix tree; :func:`first_char_alternation` groups regexes by
the character they can start with, so a position is only tried against the
rows that can match there. The target rows are still slow under IGNORECASE
(``re`` checks a case-insensitive literal slowly and cannot skip a branch by
it), so :func:`lowercase_superset` and :func:`letter_factored` make a
case-sensitive regex over the lower-cased text that says where they may
match (:class:`stance.features.TargetRewriter`).

Examples
--------
>>> import re
>>> re.findall(literal_alternation(["said", "say", "says"]), "she says he said")
['says', 'said']
>>> pattern, rows = first_char_alternation(["tariffs?", "free trade"], re.IGNORECASE)
>>> m = re.search(pattern, "Free trade, not tariffs", re.IGNORECASE)
>>> m.group(), rows[m.lastgroup]
('Free trade', 1)
"""
from __future__ import annotations

import re
import string
from typing import Iterable, Iterator, Optional, Sequence

try:
    from re import _constants as _sre, _parser
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

_KEYS = frozenset(string.ascii_lowercase + string.digits)
"""First characters a group may be keyed by: under IGNORECASE no character matches two of them."""


def literal_alternation(words: Iterable[str]) -> str:
    """A regex matching what ``"|".join(map(re.escape, sorted(words, key=len, reverse=True)))`` matches.

    Written as a prefix tree, it tries about one branch per character instead of every word. At
    every fork the longer words come first (an optional group is greedy), so
    when the rest of the pattern fails ``re`` backtracks to the next shorter
    word, as with the length-sorted list.
    """
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if "" in node else ")")

    return pattern(tree)


def first_char_alternation(patterns: Sequence[str], flags: int = 0) -> tuple[str, dict[str, int]]:
    """``(regex, rows)``: a regex matching what ``"|".join(f"(?:{p})" for p in patterns)`` matches.

    Compile it with ``flags``. One group per first character ``c`` (a
    letter or digit, either case: ``(?=(?i:c))``, then the patterns that can
    start with it, in their order); a pattern whose
    first character cannot be worked out is in every group and in a last
    group for the remaining characters. ``rows`` maps the name of each
    pattern's capturing group to the pattern's index (``match.lastgroup``);
    the patterns must have no capturing groups of their own.
    """
    firsts = [_first_keys(p, flags) for p in patterns]
    keys = sorted(set().union(*(f for f in firsts if f is not None)))
    groups, rows = [], {}

    def branch(tag: str, members) -> str:
        for i in members:
            rows[f"{tag}_{i}"] = i
        return "|".join(f"(?P<{tag}_{i}>{patterns[i]})" for i in members)

    for key in keys:
        members = [i for i, f in enumerate(firsts) if f is None or key in f]
        groups.append(f"(?=(?i:{key}))(?:{branch('k' + key, members)})")  # (?i:): a superset of the first characters
    unknown = [i for i, f in enumerate(firsts) if f is None]
    if unknown:
        groups.append(f"(?:{branch('any', unknown)})")
    return "(?:" + "|".join(groups) + ")", rows


def _first_keys(pattern: str, flags: int) -> Optional[frozenset[str]]:
    """The lower-cased first characters ``pattern`` can match, or ``None`` when unsure (then it is tried everywhere)."""
    try:
        chars = _first_chars(list(_parser.parse(pattern, flags)))
    except Exception:  # anything the walk below does not know
        return None
    if chars is None or not all(c.lower() in _KEYS for c in chars):
        return None
    return frozenset(c.lower() for c in chars)


def _first_chars(items: list) -> Optional[set[str]]:
    """First characters of a parsed pattern; ``None`` when it may start otherwise (or match empty)."""
    if not items:
        return None
    op, av = items[0]
    if op is _sre.LITERAL:
        return {chr(av)}
    if op is _sre.IN:
        out: set[str] = set()
        for item_op, item in av:
            if item_op is _sre.LITERAL:
                out.add(chr(item))
            elif item_op is _sre.RANGE and item[1] - item[0] < 64:
                out.update(map(chr, range(item[0], item[1] + 1)))
            else:  # a negated set, a category such as \w
                return None
        return out
    if op is _sre.BRANCH:
        out = set()
        for alternative in av[1]:
            first = _first_chars(list(alternative))
            if first is None:
                return None
            out |= first
        return out
    if op is _sre.SUBPATTERN:
        return _first_chars(list(av[-1]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
        return _first_chars(list(av[2]))
    return None


_SUPERSET_GROUP = re.compile(r"\(\?(?::|P<\w+>|-?i:)")


def lowercase_superset(pattern: str) -> Optional[str]:
    """A case-sensitive regex that matches ``text.lower()`` wherever ``pattern`` (IGNORECASE) matches ``text``.

    Case-sensitive literals are the ones ``re`` checks fast; the result may
    match more (``(?-i:UN)`` becomes ``un``), so it only says where to try
    ``pattern`` itself. Its letters are lower-cased, scoped case flags
    dropped. The claim holds for texts without ``İ`` (whose lower case is two
    characters), ``ı`` and ``ſ`` (which IGNORECASE matches to ``i`` and ``s``;
    ``str.lower`` keeps them): in any other text, a character that IGNORECASE
    matches to an ASCII letter lower-cases to that letter. ``None`` for
    what the claim was not worked out for: non-ASCII patterns, negated
    classes, lookarounds, ``\\b``, ``\\w``, numeric escapes and other flags.
    """
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if not ch.isascii():
            return None
        if ch == "\\":
            escaped = pattern[i + 1:i + 2]
            if not escaped or (escaped.isalnum() and escaped not in "ds"):
                return None
            out.append(pattern[i:i + 2])
            i += 2
        elif ch == "[":
            if pattern.startswith("^", i + 1):
                return None
            end = i + 2 if pattern.startswith("]", i + 1) else i + 1  # a leading ] is a member
            while end < len(pattern) and pattern[end] != "]":
                if pattern[end] == "\\":
                    escaped = pattern[end + 1:end + 2]
                    if not escaped or (escaped.isalnum() and escaped not in "ds"):
                        return None
                    end += 1
                elif not pattern[end].isascii():
                    return None
                end += 1
            out.append(pattern[i:end + 1].lower())  # escapes left are \d, \s and punctuation: lower() keeps them
            i = end + 1
        elif pattern.startswith("(?", i):
            group = _SUPERSET_GROUP.match(pattern, i)
            if group is None:
                return None
            out.append(group.group() if group.group().startswith("(?P") else "(?:")
            i = group.end()
        else:
            out.append(ch.lower())
            i += 1
    return "".join(out)


def letter_factored(patterns: Sequence[str]) -> str:
    """A regex matching some string at a position exactly when one of ``patterns`` does there (which one may differ).

    The branches (those of each pattern's top level, a leading group's
    branches distributed over the rest) are grouped by their first
    character when it is a plain letter or digit: ``t(?:ariffs?|rade wars?)``.
    Case-sensitively, ``re`` then skips every group but one at a word start
    with one check. For "is there a match here" only (in a lookahead): the
    order of the branches is not kept, so neither is which one matches first.
    """
    groups: dict[str, list[str]] = {}
    others = []
    for branch in (b for p in patterns for b in _distributed(p)):
        if branch[:1].isalnum() and branch[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(branch[0], []).append(branch[1:])
        else:
            others.append(branch)
    return "(?:" + "|".join([f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items()] + others) + ")"


def _distributed(pattern: str) -> list[str]:
    """The top-level branches of ``pattern``, a branch that starts with ``(?:a|b)`` split into ``a...`` and ``b...``."""
    out = []
    for branch in _top_level(pattern, "|"):
        if branch.startswith("(?:"):
            end = _group_end(branch)
            if branch[end:end + 1] not in ("?", "*", "+", "{"):
                out += [inner + branch[end:] for inner in _distributed(branch[3:end - 1])]
                continue
        out.append(branch)
    return out


def _top_level(pattern: str, sep: str) -> list[str]:
    """``pattern`` split at each ``sep`` outside groups, classes and escapes."""
    parts, start = [], 0
    for i, ch, depth in _syntax(pattern):
        if ch == sep and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return parts + [pattern[start:]]


def _group_end(pattern: str) -> int:
    """The index after the group that opens ``pattern``."""
    for i, ch, depth in _syntax(pattern):
        if depth == 0:
            return i + 1
    raise ValueError(f"unbalanced group in {pattern!r}")


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, character, group depth after it)`` of each character outside escapes and classes."""
    depth, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        depth += {"(": 1, ")": -1}.get(ch, 0)
        yield i, ch, depth
        i += 1


def _class_end(pattern: str, start: int) -> int:
    """The index after the character class opening at ``start``."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):  # a leading ] is a member
        i += 1
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1
