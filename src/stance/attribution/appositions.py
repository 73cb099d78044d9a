"""A speaker's apposition before a cue: ``NAME, APPOSITION, said`` (``Zhu Yongbiao, executive
director of ..., told``; ``Butterfield (D-N.C.), head of ..., said``), for
:func:`~stance.attribution.mentions.mention_before` when a comma or a parenthesis closes the
stretch before the cue."""
from __future__ import annotations

from typing import List, Optional, Tuple

from .. import lexicon
from ..types import Span
from .config import LIMITS
from .nouns import (DESCRIPTION_STARTS, PERSON_NOUNS, POSSESSIVES, is_cap, is_name, name_tail, segment_before,
                    strip_postmodifier, word_key)
from .text import Token

#: words that cannot occur in an apposition between a speaker and the cue
APPOSITION_BREAKERS = lexicon.word_set("apposition_breakers")
#: a comma segment opening with one of these is the clause's predicate ("Lee, is following ...")
FINITE_AUXILIARIES = frozenset(("is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could"))

Apposition = Tuple[List[Token], Span]


def apposition(toks: List[Token]) -> Optional[Apposition]:
    """Given tokens ending before ``, <cue>``, find ``NAME , APPOSITION`` (or ``NAME (X), APPOS``).

    The apposition may hold several commas ("Donna Rawlings, 59, of Ashton, Md., who watched ...,
    said"); the name is the closest comma segment, scanning back at most
    ``LIMITS.apposition_tokens`` tokens, that is a name (or a short person description).
    """
    depth = 0
    end = len(toks)
    for j in range(len(toks) - 1, -1, -1):
        w = toks[j][2]
        if end - j > LIMITS.apposition_tokens + 1:
            break
        if w == ")":
            depth += 1
        elif w == "(":
            depth -= 1
            if depth < 0:
                break
        elif depth == 0 and w == ",":
            verdict, found = _comma_segment(toks, j)
            if verdict == "found":
                return found
            if verdict == "none":
                return None
            if verdict == "stop":
                break
        elif depth == 0 and (w in (";", ":", "—", "–", "―", "‒", '"', "“", "”")):
            break
    # "Butterfield (D-N.C.), said": a name followed directly by a parenthetical
    if toks and toks[-1][2] == ")" and any(t[2] == "(" for t in toks):
        k = max(i for i, t in enumerate(toks) if t[2] == "(")
        name = segment_before(toks, k)
        while name and not is_cap(name[0][2]):
            name = name[1:]  # "panel Chairman Rep. Jason Chaffetz (R-Utah)"
        if name and is_name(name):
            return name, (toks[k][0], toks[-1][1])
    return None


def _comma_segment(toks: List[Token], j: int) -> Tuple[str, Optional[Apposition]]:
    """Read the comma at ``j`` as the one after a name: ``found`` (with the name and apposition),
    ``none`` (no subject at all), ``stop`` (a clause: stop scanning) or ``next`` (scan further back)."""
    appos_toks = toks[j + 1:]
    if not appos_toks:
        return "none", None
    # "..., Sen. Ann Moss (D-Ore.) told": the segment is the name itself
    bare = list(appos_toks)
    if bare[-1][2] == ")" and any(t[2] == "(" for t in bare):
        k = max(i for i, t in enumerate(bare) if t[2] == "(")
        if is_name(bare[:k]):
            return "found", (bare[:k], (bare[k][0], bare[-1][1]))
    if word_key(appos_toks[0][2]) in FINITE_AUXILIARIES:
        return "stop", None  # "His successor, Tom Lee, is following ..., said X": a predicate, not an apposition
    if any(word_key(t[2]) in APPOSITION_BREAKERS for t in appos_toks) and not (
            word_key(appos_toks[0][2]) in ("who", "whose")
            and not any(word_key(t[2]) in ("but", "if", "because", "so") for t in appos_toks)):
        return "stop", None  # "..., but only if he can ...": a clause, not an apposition
    name = segment_before(toks, j)
    if not name:
        return "next", None
    k = toks.index(name[0])
    if k >= 2 and toks[k - 1][2] in ('"', "”") and toks[k - 2][2][-1:].isalnum():
        return "next", None  # 'does not "really need" the loans at all, ...': mid-clause after a quoted word
    appos = (appos_toks[0][0], appos_toks[-1][1])
    if is_name(name) or (len(name) <= 6 and word_key(name[-1][2]) in PERSON_NOUNS) or (
        len(name) == 1 and word_key(name[0][2]) in ("he", "she", "they")
    ):
        return "found", (name, appos)
    # "Officials at the Port Safety Office, a division of ..., said"
    head = strip_postmodifier(name)
    if len(head) < len(name) and word_key(head[-1][2]) in PERSON_NOUNS and len(appos_toks) >= 2 \
            and is_name(appos_toks) and word_key(name[0][2]) in DESCRIPTION_STARTS:
        return "found", (list(appos_toks), (name[0][0], name[-1][1]))  # "A fellow at the X Institute, Ana Ruiz, said"
    if len(head) < len(name) and len(head) <= 4 and (
            is_name(head) or word_key(head[-1][2]) in PERSON_NOUNS or word_key(head[-1][2]).endswith("s")):
        return "found", (head, appos)
    found = _described_name(name, appos_toks)
    return ("found", found) if found is not None else ("next", None)


def _described_name(name: List[Token], appos_toks: List[Token]) -> Optional[Apposition]:
    """A description and a name on either side of the comma ("A lawyer for the outlets, David
    Schulz, said"; "The Dutch novelist Ana Reyes, one of the signers, told")."""
    seg = appos_toks
    nxt = [i for i, t in enumerate(seg) if t[2] == ","]
    if nxt:
        seg = seg[: nxt[0]]
    if is_name(seg) and word_key(name[0][2]) in DESCRIPTION_STARTS:
        return list(seg), (name[0][0], name[-1][1])
    run = name_tail(name)
    if run is not None and word_key(name[0][2]) in DESCRIPTION_STARTS and len(name) <= LIMITS.apposition_tokens:
        return name, (appos_toks[0][0], appos_toks[-1][1])
    # "His wife, longtime aide Ana Reyes, announced": the name closes the second segment
    run = name_tail(seg)
    if run is not None and word_key(name[0][2]) in POSSESSIVES | {"the", "a", "an"} and len(seg) <= 6:
        return run, (name[0][0], name[-1][1])
    return None
