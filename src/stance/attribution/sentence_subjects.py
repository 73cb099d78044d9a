"""The subject at the start of a sentence, shared by a later cue ("A judge sealed the files, saying ...")."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import List, Optional, Sequence

from ..types import Span
from .config import LIMITS
from .nouns import (AUX_ADVERBS, DAY_MONTH, DETERMINERS, LEFT_BOUNDARY_WORDS,
                    NON_NP_WORDS, PERSON_NOUNS, POSSESSIVES, PREPOSITIONS, SENTENCE_ADVERBS,
                    TIME_NOUNS, TITLES_LOWER, is_cap, word_key)
from .text import QUOTE_START, Token, tokens

#: a dateline before the first sentence: "WASHINGTON —", "ORLANDO, Fla. (Reuters) -", "LONDON, Dec. 8 (UPI) —"
RE_DATELINE = re.compile(r"\s*[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w.]*(?:\s+\d+)?\.?)?\s*(?:\([^)]{1,30}\))?\s*[—–―-]{1,2}\s*")


@lru_cache(maxsize=64)  # pronouns and shared-subject cues of one article ask about the same sentences
def sentence_subject(text: str, start: int, end: int) -> Optional[Span]:
    """The subject noun phrase at the start of a sentence, for shared-subject cues.

    ``A New York judge has rejected ..., saying ...`` -> ``A New York judge``;
    ``In a statement, the ministry ...`` -> ``the ministry``. Only a pronoun,
    a capitalized name (titles allowed, parenthetical dropped) or a
    determiner + words ending in a person/organization noun or a name.
    """
    dm = RE_DATELINE.match(text, start, end)
    if dm:
        start = dm.end()  # "WASHINGTON — ...", "ORLANDO, Fla. (Reuters) - ..."
    toks = tokens(text, start, min(end, start + 400))
    if toks and word_key(toks[0][2]) in ("it", "there") and len(toks) > 1 and word_key(toks[1][2]) in ("is", "was", "’s", "'s"):
        return None  # "It was a potent one-two punch ...": no subject to share
    i = _skip_intro(toks)
    if i is None:
        return None
    while i < len(toks) and (word_key(toks[i][2]) in SENTENCE_ADVERBS or toks[i][2] in (",", '"', "“", "'", "‘")):
        i += 1
    if i >= len(toks):
        return None
    w = toks[i][2]
    lw = word_key(w)
    if lw in ("he", "she", "they", "we", "i", "it"):
        return (toks[i][0], toks[i][1])
    if lw in DETERMINERS or lw in POSSESSIVES:
        return _determiner_subject(toks, i)
    if is_cap(w) and i + 1 < len(toks) and (toks[i + 1][2] == "," or word_key(toks[i + 1][2]) in PREPOSITIONS) \
            and lw not in PERSON_NOUNS:
        # "Once in my early 20s, ...", "Chastened, Moss ...": an introductory word, not a name
        for k in range(i + 1, min(len(toks), i + 15)):
            if toks[k][2] == ",":
                return sentence_subject(text, toks[k][1], end) if toks[k][1] < end else None
        return None
    if re.search(r"[’'](?:m|re|ve|ll|d)$|n[’']t$", w) or re.fullmatch(r"(?:what|that|this|there|here|it)[’']s", lw):
        return None
    return _name_subject(toks, i) if is_cap(w) else None


def continued_subject(text: str, span: Span, sentences: Sequence[Span]) -> Optional[Span]:
    """The subject a pronoun at ``span`` continues: that of its own sentence when it ends before
    the pronoun ("Ana Ruiz arrived late, and she said ..."), else that of the sentence before."""
    k = bisect.bisect_right(sentences, (span[0], len(text))) - 1  # the sentence holding the pronoun
    for si in (k, k - 1):
        if si < 0 or si >= len(sentences):
            continue
        if text[sentences[si][0]:sentences[si][0] + 1] in QUOTE_START:
            continue  # '"In short, the plan works," he said': a subject inside the quotation
        subj = sentence_subject(text, *sentences[si])
        if subj is None or subj[0] <= span[0] < subj[1] or (si == k and subj[1] > span[0]):
            continue
        return subj
    return None


#: the first word of an introductory phrase ("In a statement, ...", "Meanwhile, ...", "On Monday, ...")
INTRO_STARTS = PREPOSITIONS | SENTENCE_ADVERBS | LEFT_BOUNDARY_WORDS | DAY_MONTH | TIME_NOUNS


def _skip_intro(toks: List[Token]) -> Optional[int]:
    """Skip up to three introductory phrases that end at a comma ("In a statement, ...",
    "Meanwhile, ...", "Speaking at a town hall in Salem, New Hampshire, ...", "Hours later, ...")."""
    i = 0
    for _ in range(3):
        if not toks[i:]:
            return None
        w0 = toks[i][2]
        intro = (word_key(w0) in INTRO_STARTS
                 or w0.endswith("ly") or w0.lower().endswith("ing")
                 or (i + 1 < len(toks) and word_key(toks[i + 1][2]) in ("later", "earlier", "ago")))
        # a place name continuing the intro phrase: "in Salem, New Hampshire, Moss ..."
        place = i > 2 and is_cap(toks[i - 2][2]) and is_cap(w0) and any(t[2] == "," for t in toks[i:i + 4]) and \
            all(is_cap(t[2]) or t[2] == "." for t in toks[i:next(k for k in range(i, len(toks)) if toks[k][2] == ",")])
        if not (intro or place):
            break
        for k in range(i, min(len(toks), i + 32)):  # (a long fronted clause: "When running down ..., Moss")
            if toks[k][2] == ",":
                i = k + 1
                break
        else:
            return None
    return i


def _determiner_subject(toks: List[Token], i: int) -> Optional[Span]:
    """``A New York judge``, ``the Republican Party’s presumptive nominee``: a determiner and
    words up to the last person noun or capitalized word."""
    j = i + 1
    last_ok = None
    while j < len(toks) and j - i <= 6:
        t = toks[j][2]
        lt = word_key(t)
        if lt == "of" and last_ok == j - 1 and word_key(toks[last_ok][2]) in PERSON_NOUNS \
                and j + 1 < len(toks) and is_cap(toks[j + 1][2]):
            j += 1  # "The head of the agency Mira Holt": a role of a named body, then the name
            continue
        if t in (",", "(", ";", ":") or lt in NON_NP_WORDS or lt in AUX_ADVERBS or lt in PREPOSITIONS:
            break
        if last_ok is not None and not is_cap(t) and lt not in PERSON_NOUNS \
                and not toks[last_ok][2].endswith(("’s", "'s")):
            break
        if (lt in PERSON_NOUNS or is_cap(t)) and not t.endswith(("’s", "'s")):
            last_ok = j
        elif t.endswith(("’s", "'s")):
            last_ok = j  # "the Republican Party’s presumptive nominee": keep reading
        j += 1
    if last_ok is None:
        return None
    return (toks[i][0], toks[last_ok][1])


def _name_subject(toks: List[Token], i: int) -> Optional[Span]:
    """A capitalized name (titles and person nouns before a name allowed) starting at ``i``."""
    j = i
    titled = False
    while j < len(toks) and j - i < MAX_TITLED_NAME_TOKENS and (
        is_cap(toks[j][2]) or toks[j][2] in (".", "’s", "'s") and j > i
        or ((word_key(toks[j][2]) in PERSON_NOUNS or word_key(toks[j][2]) in TITLES_LOWER)
            and j + 1 < len(toks) and is_cap(toks[j + 1][2]))
        or (titled and _joins_title(toks, j))
    ):
        titled = titled or word_key(toks[j][2]) in TITLES_LOWER
        j += 1
    if j > i and toks[j - 1][2].endswith(("’s", "'s")):
        # "Brazil's foreign minister": a possessive name, then a role
        k = _role_after(toks, j)
        if k is not None:
            j = k + 1
    while j > i and toks[j - 1][2] in (".",):
        j -= 1
    if j > i:
        return (toks[i][0], toks[j - 1][1])
    return None


#: how many tokens a titled name may have ("US Secretary of State Ana Ruiz")
MAX_TITLED_NAME_TOKENS = LIMITS.name_tokens + 4


def _joins_title(toks: List[Token], j: int) -> bool:
    """``of``/``and``/``,`` inside a long title, followed by a capitalized word
    ("Minister of Ports, Roads and Water Lwazi Dube")."""
    return toks[j][2] in ("of", "and", "for", ",") and j + 1 < len(toks) and is_cap(toks[j + 1][2]) \
        and not (toks[j][2] == "," and j + 2 < len(toks) and word_key(toks[j + 2][2]) in ("who", "which"))


def _role_after(toks: List[Token], j: int) -> Optional[int]:
    """The index of a role noun within three lowercase words after a possessive ("Brazil's
    foreign minister", "Kenya's embassy"), if any."""
    for k in range(j, min(len(toks), j + 3)):
        w = toks[k][2]
        if not w[:1].islower():
            return None
        if word_key(w) in PERSON_NOUNS:
            return k
    return None
