"""Resolution: each statement's speaker mention to the person, organization or group meant.

Resolution (:func:`resolve_speakers`, run by :func:`resolve_statements`) is applied to the statements of one
article in text order:

1. **Names.** Titles, nationality adjectives before a title and leading
   determiners are dropped (``Chinese President Xi Jinping`` -> ``Xi
   Jinping``). A name of one token (or a shorter form) is joined to the most
   recent full name in the article that starts or ends with it, looking first
   before the mention, then anywhere (``Zhu`` -> ``Zhu Yongbiao``, ``President
   Xi`` -> ``Xi Jinping``).
2. **Organizations** (a name containing a word of ``org_words.txt``) keep
   their full name without a leading ``the`` (``the Chinese Foreign
   Ministry`` -> ``Chinese Foreign Ministry``).
3. **Singular personal pronouns** (``he``, ``she``) and **definite singular
   descriptions** (``the expert``, ``the spokesman``) take the speaker of the
   closest earlier statement whose speaker is a named person; failing that, the
   closest earlier full person name in the text. A description first looks for an
   earlier speaker with the same head noun (``a source said ... the source
   added`` -> ``a source``).
4. **Relative pronouns** (``who``) take the noun phrase they refer to.
5. ``they`` / ``it`` take the closest earlier group / organization speaker.
6. Anything else (``Chinese observers``, ``a source``, ``The two leaders``)
   is its own speaker, as written.
"""
from __future__ import annotations

import bisect
import re
from typing import List, Optional, Sequence, Tuple

from ..types import Quote, Span
from .candidates import Candidate
from .document import Document, quote_kind
from .nouns import ORG_WORDS, PRONOUNS, TITLES, is_cap, mention_class, word_key
from .text import tokens

__all__ = ["resolve_statements", "resolve_speakers", "canonical_name"]


def canonical_name(mention: str) -> str:
    """The mention without titles, leading determiners and nationality adjectives.

    >>> canonical_name("Chinese President Xi Jinping")
    'Xi Jinping'
    >>> canonical_name("the Chinese Foreign Ministry")
    'Chinese Foreign Ministry'
    """
    toks = [w for _, _, w in tokens(mention, 0, len(mention)) if w != "."]
    while toks and word_key(toks[0]) in ("the",):
        toks = toks[1:]
    if not toks:
        return mention.strip()
    if any(w in ORG_WORDS or w.rstrip(".") in ORG_WORDS for w in toks):
        return _join(mention, toks)
    caps = [i for i, w in enumerate(toks) if is_cap(w)]
    if not caps or not is_cap(toks[-1]):
        return _join(mention, toks)
    # the final capitalized run is the name
    start = len(toks) - 1
    while start > 0 and (is_cap(toks[start - 1]) or toks[start - 1] in ("-",)):
        start -= 1
    run = toks[start:]
    # drop titles (and any nationality adjective before the last title)
    last_title = -1
    for i, w in enumerate(run[:-1]):
        if w.rstrip(".") in TITLES:
            last_title = i
    run = run[last_title + 1:]
    return _join(mention, run)


def _join(mention: str, toks: Sequence[str]) -> str:
    """Re-join tokens with the spacing of the mention when possible."""
    if not toks:
        return mention.strip()
    first = mention.find(toks[0])
    last = mention.rfind(toks[-1])
    if first >= 0 and last >= first:
        return mention[first:last + len(toks[-1])]
    return " ".join(toks)


def _name_index(text: str) -> List[Tuple[int, str]]:
    """(position, full name) for every capitalized name of two or more tokens in the text."""
    out: List[Tuple[int, str]] = []
    for m in RE_NAME_RUN.finditer(text):
        name = canonical_name(m.group())
        if len(name.split()) >= 2 and mention_class(name) == "name":
            out.append((m.start(), name))
    return out


_NAME_TOKEN = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][a-z]{0,3}\.|[A-Z][\w’'-]*)"
RE_NAME_RUN = re.compile(_NAME_TOKEN + r"(?:[ \u00a0]+" + _NAME_TOKEN + r")+")


def _join_short(short: str, pos: int, names: Sequence[Tuple[int, str]],
                by_token: Optional[dict] = None) -> str:
    """``Zhu`` -> ``Zhu Yongbiao``: the closest earlier full name starting or ending with ``short``."""
    parts = short.split()
    if not parts:
        return short

    def fits(full: str) -> bool:
        f = full.split()
        if len(f) <= len(parts):
            return False
        return f[: len(parts)] == parts or f[-len(parts):] == parts

    pool = names if by_token is None else by_token.get(parts[0], []) + by_token.get(parts[-1], [])
    if by_token is not None:
        pool = sorted(set(pool))
    before = [n for p, n in pool if p < pos and fits(n)]
    if before:
        return before[-1]
    after = [n for p, n in pool if p >= pos and fits(n)]
    return after[0] if after else short


def _index_names(names: Sequence[Tuple[int, str]]) -> dict:
    """First and last token -> the (position, full name) entries that start or end with it."""
    out: dict = {}
    for p, n in names:
        toks = n.split()
        for t in {toks[0], toks[-1]}:
            out.setdefault(t, []).append((p, n))
    return out


def resolve_speakers(
    text: str,
    mentions: Sequence[Tuple[Optional[Span], Optional[Span]]],
) -> List[Optional[str]]:
    """Resolve each statement's speaker mention, in text order (see module notes).

    ``mentions`` holds one ``(speaker_span, antecedent_span)`` per statement,
    sorted by position; ``antecedent_span`` is the noun phrase a relative
    pronoun refers to (or ``None``). Returns one resolved speaker (or
    ``None``) per statement.
    """
    names = _name_index(text)
    by_token = _index_names(names)
    out: List[Optional[str]] = []
    history: List[Tuple[int, str, str]] = []  # (position, speaker, class)
    mention_heads: List[Tuple[int, str, str, str]] = []  # (position, speaker, mention class, head word)
    for span, antecedent in mentions:
        if span is None:
            out.append(None)
            continue
        mention = text[span[0]:span[1]]
        cls = mention_class(mention)
        low = mention.strip().lower()
        if cls == "pronoun":
            speaker, scls = _resolve_pronoun(text, low, span, antecedent, history, names, by_token)
        elif cls == "description":
            # "a source said ... the source added": an earlier speaker with the same head noun first
            head = low.split()[-1]
            same = next((sp_ for p_, sp_, c_, m_ in reversed(mention_heads) if m_ == head and c_ != "description"), None)
            speaker, scls = same or _last_person(history, span[0], names) or mention, "person"
        elif cls == "name":
            speaker, scls = _resolve_name(mention, span[0], names, by_token), "person"
        elif cls == "org":
            speaker, scls = canonical_name(mention), "org"
        else:
            speaker, scls = mention, "group"
        out.append(speaker)
        if speaker is not None:
            history.append((span[0], speaker, scls))
            mention_heads.append((span[0], speaker, cls, low.split()[-1] if low.split() else ""))
    return out


def _resolve_pronoun(text: str, low: str, span: Span, antecedent: Optional[Span],
                     history: Sequence[Tuple[int, str, str]], names: Sequence[Tuple[int, str]],
                     by_token: dict) -> Tuple[Optional[str], str]:
    """``who`` -> its antecedent; ``he``/``she`` -> the last named person; ``they`` -> the last
    group; ``it`` -> the last organization. Returns the speaker and the class it stands for."""
    kind = PRONOUNS.get(low, "")
    speaker: Optional[str]
    if kind == "relative" and antecedent is not None:
        speaker = _resolve_name(text[antecedent[0]:antecedent[1]], antecedent[0], names, by_token)
    elif kind == "person_sg":
        speaker = _last_person(history, span[0], names)
    elif kind == "plural":
        speaker = next((s for p, s, c in reversed(history) if c == "group"), None)
    elif kind == "thing":
        speaker = next((s for p, s, c in reversed(history) if c == "org"), None)
    else:
        speaker = None
    return speaker, ("person" if kind == "person_sg" else ("group" if kind == "plural" else "org"))


def _resolve_name(mention: str, pos: int, names: Sequence[Tuple[int, str]], by_token: Optional[dict] = None) -> str:
    if mention_class(mention) == "org":
        return canonical_name(mention)
    name = canonical_name(mention)
    return _join_short(name, pos, names, by_token)


def _last_person(history: Sequence[Tuple[int, str, str]], pos: int, names: Sequence[Tuple[int, str]]) -> Optional[str]:
    for p, s, c in reversed(history):
        if c == "person" and p < pos and mention_class(s) == "name":
            return s
    k = bisect.bisect_left(names, (pos, ""))  # names are in text order
    return names[k - 1][1] if k > 0 else None




def resolve_statements(doc: Document, candidates: Sequence[Candidate]) -> List[Quote]:
    """The statements as :class:`~stance.types.Quote` records, speakers resolved (in the order
    of their mentions in the text)."""
    text = doc.text
    order = sorted(candidates, key=lambda c: c.speaker[0] if c.speaker else c.cue[0])
    resolved = resolve_speakers(text, [(c.speaker, c.antecedent) for c in order])
    names = {id(c): r for c, r in zip(order, resolved)}
    return [Quote(
        content=text[c.content[0]:c.content[1]],
        content_span=c.content,
        speaker=names[id(c)],
        speaker_mention=text[c.speaker[0]:c.speaker[1]] if c.speaker else None,
        speaker_span=c.speaker,
        cue=text[c.cue[0]:c.cue[1]],
        cue_span=c.cue,
        kind=quote_kind(text, c.content, doc.inside),
        rule=c.reported_rule,
        via=text[c.via[0]:c.via[1]] if c.via else None,
    ) for c in candidates]
