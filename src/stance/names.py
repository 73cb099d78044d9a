"""Speaker names across articles: one name per speaker, and the organisation a person speaks for.

Attribution resolves speakers inside one article ("Xi" -> "Xi Jinping" when
the article names him in full). Across a corpus the same speaker still shows
up in several forms: "Trump" in one article, "Donald Trump" in another,
"State Department spokeswoman Tammy Bruce" where a role was left on the
name. :func:`merge_names` maps every form to one name, with rules a reader
can check:

1. :func:`clean_name` strips what is not the name: a leading dateline or
   dash, a sentence-initial conjunction ("But Lutnick"), determiners, a
   possessive "'s", and titles or roles before a name ("President Xi" ->
   "Xi", "Ministry of External Affairs Spokesperson Raveesh Kumar" ->
   "Raveesh Kumar"). Case differences collapse ("the Trump Administration").
2. A longer form that ends with a full name seen in the corpus joins it
   ("Treasury Scott Bessent" -> "Scott Bessent").
3. A one-word form joins the one full name in the corpus that ends with it
   (else starts with it: "Xi" -> "Xi Jinping"); when two full names fit
   ("Trump": "Donald Trump", "Ivanka Trump") it stays as it is.

:func:`organisation` finds the organisation a mention names ("a Commerce
Ministry spokesman" -> "Commerce Ministry"), for ``stance summarize --by-org``.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Dict, Iterable, List, Optional, Sequence

from . import lexicon

TITLES = frozenset(t.rstrip(".") for t in lexicon.titles())
ROLE_NOUNS = frozenset(n for n, (_, kind) in lexicon.person_nouns().items() if kind in ("person", "group"))
ORG_WORDS = frozenset(w.rstrip(".") for w in lexicon.org_words())
DETERMINERS = frozenset("the a an".split())
LEADING_CONNECTIVES = frozenset(
    "as but and or so yet however meanwhile while when then also still now later earlier separately "
    "instead indeed moreover".split())
"""Sentence-initial words the resolver sometimes leaves on a name ("But Lutnick said ...")."""
NAME_PARTICLES = frozenset("von van der de del della di da du la le al el bin ibn ben dos das".split())
ORG_CONNECTORS = frozenset("of for and on the".split())
MAX_NAME_TOKENS = 4
"""A person's name rarely has more words; a longer 'name' is a role or an org kept whole."""
MAX_SPEAKER_TOKENS = 5
"""A resolved speaker longer than this that merely extends the mention is a title-case line
(a headline) the resolver ran into; the mention is the speaker then."""
MIN_ACRONYM = 3
"""All-capital words this long or longer name an organisation ("EPA", "UNESCO"); two letters
are mostly countries ("US", "UK")."""

RE_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+\s+[-–—]+\s+")
RE_LEADING_JUNK = re.compile(r"^[\W_]+")
RE_POSSESSIVE = re.compile(r"['’]s$")


def _bare(token: str) -> str:
    return token.rstrip(".,;:")


def _is_cap(token: str) -> bool:
    return token[:1].isupper()


def _is_acronym(token: str) -> bool:
    word = _bare(token)
    return len(word) >= MIN_ACRONYM and word.isalpha() and word.isupper()


def _is_role(token: str) -> bool:
    """A title or a role noun: "President", "Mr.", "spokeswoman", "Chairman"."""
    word = _bare(token)
    return word in TITLES or word.lower() in ROLE_NOUNS


def _is_org_word(token: str) -> bool:
    return _bare(token) in ORG_WORDS or _is_acronym(token)


def _is_name_token(token: str) -> bool:
    word = _bare(token)
    return bool(word) and (_is_cap(word) or word.lower() in NAME_PARTICLES) and not _is_org_word(word)


def _looks_like_person(tokens: Sequence[str]) -> bool:
    """Capitalized words of a name, no titles, roles or org words ("Orrin G. Hatch", "Ursula von der Leyen")."""
    return (1 <= len(tokens) <= MAX_NAME_TOKENS and _is_cap(tokens[0]) and _is_cap(tokens[-1])
            and all(_is_name_token(t) and not _is_role(t) for t in tokens)
            and not all(_bare(t).isupper() for t in tokens))


def _tokens(name: str) -> List[str]:
    name = RE_LEADING_JUNK.sub("", name.strip())
    name = RE_DATELINE.sub("", name)
    toks = name.split()
    while len(toks) > 1 and toks[0].lower() in LEADING_CONNECTIVES | DETERMINERS:
        toks = toks[1:]
    if toks:
        toks[-1] = RE_POSSESSIVE.sub("", toks[-1]) or toks[-1]
    return toks


def _split_role(toks: Sequence[str]) -> tuple[list[str], list[str]]:
    """(role words, name words): the name is what follows the last person title or org word.

    After an org word the name must have two words ("UNESCO Irina Bokova"), so an
    organisation's own name is not cut ("Institute of Trade Policy").
    """
    for i in range(len(toks) - 1, -1, -1):
        person_title, org = _is_person_title(_bare(toks[i])), _is_org_word(toks[i])
        if person_title or org:
            tail = list(toks[i + 1:])
            if tail and _looks_like_person(tail) and (person_title or len(tail) >= 2):
                return list(toks[: i + 1]), tail
            break
    return [], list(toks)


def clean_name(name: str) -> str:
    """The speaker's name without titles, roles, conjunctions or possessives.

    >>> clean_name("But Lutnick")
    'Lutnick'
    >>> clean_name("State Department spokeswoman Tammy Bruce")
    'Tammy Bruce'
    >>> clean_name("the Chinese Foreign Ministry")
    'Chinese Foreign Ministry'
    """
    toks = _tokens(name)
    if not toks:
        return name.strip()
    _, rest = _split_role(toks)
    return " ".join(rest)


def speaker_form(speaker: Optional[str], mention: Optional[str]) -> Optional[str]:
    """The form to merge for one statement: the resolved speaker, unless it is a headline.

    "Meloni Confirms Withdrawal From ..." resolved from the mention "Meloni" is
    a title-case line, not a name: the mention is used instead.
    """
    if speaker is None or not mention:
        return speaker
    said, named = _tokens(speaker), _tokens(mention)
    if len(said) > MAX_SPEAKER_TOKENS and named and said[: len(named)] == named:
        return mention
    return speaker


def merge_names(forms: Iterable[Optional[str]]) -> Dict[str, str]:
    """Map every speaker form to the name its rows are merged under (see the module notes).

    >>> m = merge_names(["Xi Jinping", "President Xi", "Xi", "Lee", "Ann Lee", "Bo Lee"])
    >>> m["President Xi"], m["Xi"], m["Lee"]
    ('Xi Jinping', 'Xi Jinping', 'Lee')
    """
    forms = [f for f in dict.fromkeys(forms) if f]
    cleaned = {f: clean_name(f) for f in forms}
    # one spelling per name, whatever the case: the most frequent, then the first seen
    spellings = Counter(cleaned.values())
    display: Dict[str, str] = {}
    for spelling, _ in spellings.most_common():
        display.setdefault(spelling.casefold(), spelling)
    full = {display[c.casefold()] for c in cleaned.values() if len(c.split()) >= 2 and _looks_like_person(c.split())}
    ending: Dict[str, List[str]] = defaultdict(list)
    starting: Dict[str, List[str]] = defaultdict(list)
    for f in sorted(full):
        ending[f.split()[-1]].append(f)
        starting[f.split()[0]].append(f)
    out: Dict[str, str] = {}
    for form, name in cleaned.items():
        name = display[name.casefold()]
        toks = name.split()
        if len(toks) >= 3:
            shorter = [" ".join(toks[-k:]) for k in range(2, len(toks))]
            fits = [f for f in shorter if f in full]
            if len(fits) == 1:
                name = fits[0]
        elif len(toks) == 1 and _looks_like_person(toks):
            fits = ending.get(toks[0]) or starting.get(toks[0]) or []
            if len(fits) == 1:
                name = fits[0]
        out[form] = name
    return out


def organisation(mention: Optional[str]) -> Optional[str]:
    """The organisation a speaker mention names, if it names one.

    >>> organisation("a Commerce Ministry spokesman")
    'Commerce Ministry'
    >>> organisation("Senate Finance Committee Chairman Orrin G. Hatch")
    'Senate Finance Committee'
    >>> organisation("President Xi") is None
    True
    """
    if not mention:
        return None
    toks = _tokens(mention)
    role, name = _split_role(toks)
    words = role if role else toks
    if not role and _looks_like_person(name):
        return None
    for i, tok in enumerate(words):
        if not _is_org_word(tok):
            continue
        lo, hi = i, i + 1
        while lo > 0 and _extends_org(words[lo - 1]):
            lo -= 1
        while hi < len(words) and _extends_org(words[hi]):
            hi += 1
        run = words[lo:hi]
        while run and run[0].lower() in ORG_CONNECTORS:
            run = run[1:]
        while run and run[-1].lower() in ORG_CONNECTORS:
            run = run[:-1]
        return " ".join(_bare(t) if j == len(run) - 1 else t for j, t in enumerate(run))
    return None


def _extends_org(token: str) -> bool:
    """Words that belong to an organisation's name: capitalized non-role words and inner connectors."""
    word = _bare(token)
    if word.lower() in ORG_CONNECTORS:
        return True
    if word.lower() in DETERMINERS or not _is_cap(word):
        return False
    return _is_org_word(word) or word.lower() not in ROLE_NOUNS and not _is_person_title(word)


def _is_person_title(word: str) -> bool:
    """A title naming a person's role ("President", "Sen.", "Mr"), not a word of an office ("State", "Trade").

    Role nouns, abbreviated titles and non-political titles qualify; the other
    political titles in the lexicon describe offices.
    """
    if word.lower() in ROLE_NOUNS:
        return True
    if word not in TITLES:
        return False
    kinds = lexicon.titles()
    return word + "." in kinds or kinds.get(word, "political") != "political"


RE_APPOSITION_ORG = re.compile(
    r"\s*,\s*(?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){0,6}?(?:of|at|for|from|with)\s+(?:the\s+)?"
    r"((?:[A-Z][\w’'&.-]*)(?:\s+(?:(?:of|for|and|on|the)\s+)*[A-Z][\w’'&.-]*)*)")
"""", executive director of the Center for Asian Studies at ...": the first org after a role."""


def apposition_organisation(text: str, speaker_end: int) -> Optional[str]:
    """The organisation in an apposition right after a speaker mention, if the article gives one.

    >>> apposition_organisation("Ana Ruiz, a researcher at the Institute of Trade Policy, said ...", 8)
    'Institute of Trade Policy'
    """
    m = RE_APPOSITION_ORG.match(text, speaker_end)
    if not m:
        return None
    return organisation(m.group(1))
