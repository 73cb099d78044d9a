"""An all-capitals short form and the name it abbreviates in the same article ("MFA" ->
"Ministry of Foreign Affairs"), so a speaker named by initials resolves to the full name."""
from __future__ import annotations

import re
from typing import Optional

from .nouns import ORG_WORDS

#: capitalized words joined by the small words a name may hold ("Ministry of Foreign Affairs")
RE_CAP_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|the|and|for|on|&)\s+)*[A-Z][\w’'-]*)+")
RE_ACRONYM = re.compile(r"[A-Z]{2,6}")
SMALL = frozenset(("of", "the", "and", "for", "on", "&"))


def expand(text: str, acronym: str, lo: int, hi: int) -> Optional[str]:
    """The first stretch of a run of capitalized words in ``text[lo:hi]`` whose initials spell
    ``acronym`` ("Ministry of Foreign Affairs Spokesperson Li Na" -> its first four words);
    ``None`` if ``acronym`` is not 2-6 capitals or no organization's name (one with "of"/"and"
    or an organization word) spells it."""
    if not RE_ACRONYM.fullmatch(acronym):
        return None
    for m in RE_CAP_RUN.finditer(text, lo, hi):
        words = m.group().split()
        for i, first in enumerate(words):
            if first in SMALL:
                continue
            caps = ""
            for j in range(i, len(words)):
                if words[j] not in SMALL:
                    caps += words[j][0]
                    if caps == acronym and any(w in SMALL or w in ORG_WORDS for w in words[i:j + 1]):
                        return " ".join(words[i:j + 1])  # (an organization's name, never a person's)
                    if not acronym.startswith(caps):
                        break
    return None
