"""Noun-phrase pieces shared by mention finding and resolution: word classes, tokens, names."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Sequence

from .. import lexicon
from .config import LIMITS
from .text import RE_TOKEN, Token

TITLES = frozenset(t.rstrip(".") for t in lexicon.titles())
TITLES_LOWER = frozenset(t.lower() for t in TITLES)
PRONOUNS = lexicon.pronouns()
PERSON_NOUNS = lexicon.person_nouns()
COUNTRIES = lexicon.word_set("countries")
ORG_WORDS = lexicon.org_words()
ORG_LOWER = frozenset(w.lower().rstrip(".") for w in ORG_WORDS)


DETERMINERS = lexicon.word_set("determiners")
POSSESSIVES = lexicon.word_set("possessives")
#: the first word of a description ("the", "a", "his")
DESCRIPTION_STARTS = DETERMINERS | POSSESSIVES
#: words that may sit between a subject and its cue ("Xi also said", "he has repeatedly said")
AUX_ADVERBS = lexicon.word_set("aux_adverbs")
_NUM = r"(?:\d+|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)"
#: a poll proportion as the subject: "Two in three said", "about 4 in 10 Republicans say"
RE_PROPORTION_SUBJECT = re.compile(
    r"(?:^|(?<=[\s,;:(—–-]))((?:(?:[Aa]bout|[Nn]early|[Aa]lmost|[Rr]oughly|[Oo]nly|[Jj]ust|[Ss]ome|[Oo]ver|"
    r"[Mm]ore\s+than|[Ff]ewer\s+than|[Ll]ess\s+than)\s+)?" + _NUM + r"\s+(?:in|out\s+of)\s+" + _NUM
    + r"(?:\s+[a-z][\w-]*){0,2})\s+(?:also\s+|still\s+)?$")
#: words that end a subject noun phrase on the left (a clause starts after them)
LEFT_BOUNDARY_WORDS = lexicon.word_set("left_boundary_words")
#: words that cannot occur inside a subject noun phrase
NON_NP_WORDS = lexicon.word_set("non_np_words")
SENTENCE_ADVERBS = lexicon.word_set("sentence_adverbs")
DAY_MONTH = lexicon.word_set("day_month")
PREPOSITIONS = lexicon.word_set("prepositions")
#: prepositions that end a noun phrase after its head ("of" and "for" may sit inside a name: "Bank of America")
POSTMODIFIER_PREPOSITIONS = PREPOSITIONS - {"of", "for"}
NAME_CONNECTORS = lexicon.word_set("name_connectors")


def word_key(tok: str) -> str:
    return tok.rstrip(".").lower()


def is_cap(tok: str) -> bool:
    return tok[:1].isupper()


@lru_cache(maxsize=4096)  # resolution asks about the same names again and again
def mention_class(mention: str) -> str:
    """One of ``pronoun``, ``description``, ``org``, ``name``, ``group``."""
    words = mention.split()
    if not "".join(words).isalpha():  # (words of letters only, most mentions, are RE_TOKEN's tokens)
        words = [w for w in RE_TOKEN.findall(mention) if w[:1].isalnum()]
    if not words:
        return "group"
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if is_cap(words[-1]) and " ".join(words[1:] if words[0].lower() == "the" else words).lower() in COUNTRIES:
        return "org"  # "China said", "the United States announced": a state, which he/she never stands for
    if not ORG_WORDS.keys().isdisjoint(words) and any(is_cap(w) for w in words if w in ORG_WORDS):
        return "org"  # (a word token never ends with a period)
    head = words[-1]
    if is_cap(head) and head.lower() not in PERSON_NOUNS:
        return "name"
    if head.lower() in PERSON_NOUNS:
        num, cls = PERSON_NOUNS[head.lower()]
        if words[0].lower() == "the" and num == "sg" and cls == "person":
            return "description"
        if cls == "org":
            return "org" if words[0].lower() in ("the", "its") else "group"
        return "group"
    return "group"


#: a quantifier that can stand alone for people ("some said", "said others")
QUANTIFIER_PRONOUNS = lexicon.word_set("quantifier_pronouns")


def valid_np(toks: Sequence[Token]) -> bool:
    if not toks or len(toks) > LIMITS.subject_tokens:
        return False
    words = [t[2] for t in toks]
    low = [word_key(w) for w in words]
    if any(lw in NON_NP_WORDS and (i == 0 or not is_cap(w)) for i, (w, lw) in enumerate(zip(words, low))):
        return False
    if any(not (w[:1].isalnum() or w in ("’s", "'s", "-", "&", "’", "'")) for w in words):
        # punctuation inside (other than possessive / hyphen) breaks a noun phrase
        if any(w in (",", ";", ":", "(", ")", "—", "–", "―", "‒", '"', "“", "”") for w in words):
            return False
    head = low[-1]
    if low[0] in ("which", "that", "whose", "having") or (head[:1].isdigit() and len(toks) > 3):
        return False
    if len(toks) > 7 and not (is_cap(words[-1]) or head in PERSON_NOUNS):
        return False
    if words[-1].endswith(("’s", "'s", "’", "s'")) and len(words[-1]) > 2 and not words[-1].endswith("ss'"):
        if words[-1].endswith(("’s", "'s", "’")):
            return False  # a possessive ("Moss’s comments", "Editor’s note") is not a subject
    if len(toks) == 1:
        if head in QUANTIFIER_PRONOUNS and (words[0][:1].islower() or head in ("some", "many", "most")):
            return True  # "some said ...", "most say ...": a quantifier standing alone for people
        if head in POSSESSIVES or head in DETERMINERS or head in ("him", "them", "me", "us"):
            return False
        if head in PRONOUNS:
            return True
        if is_cap(words[-1]):
            return True
        return head in PERSON_NOUNS or head.endswith("s")
    if head in PREPOSITIONS or head in DETERMINERS or head in LEFT_BOUNDARY_WORDS:
        return False
    return True


QUANTITY_WORDS = lexicon.word_set("quantity_words")


def strip_left(toks: List[Token]) -> List[Token]:
    """Drop sentence adverbs, conjunctions and leading prepositional/time phrases."""
    changed = True
    while toks and changed:
        changed = False
        w = word_key(toks[0][2])
        if w in SENTENCE_ADVERBS and len(toks) > 1:
            toks = toks[1:]
            changed = True
        elif w in ("about", "nearly", "almost", "roughly", "some", "only", "over") and len(toks) > 1 and (
                toks[1][2][:1].isdigit() or word_key(toks[1][2]) in QUANTITY_WORDS):
            break  # "about half of voters", "About 4 in 10": a quantity, not a preposition
        elif w in PREPOSITIONS and len(toks) > 1:
            # "On Tuesday Moss said" / "In a statement the ministry said": drop up to a day/month
            # word, or to the next determiner, keeping at least one token
            for i in range(1, len(toks)):
                if word_key(toks[i][2]) in DAY_MONTH:
                    if i + 1 < len(toks):
                        toks = toks[i + 1:]
                        changed = True
                    break
            else:
                return []
            if not changed:
                return []
    return toks



def strip_postmodifier(toks: List[Token]) -> List[Token]:
    """"Moss in his announcement speech promised" -> "Moss"; "A news report published
    Wednesday said" -> "A news report": keep the head noun phrase (the shortest mention is the
    safest one; the words after the head are not the speaker)."""
    for i in range(1, len(toks)):
        w = toks[i][2]
        lw = word_key(w)
        head = toks[i - 1][2]
        head_key = word_key(head)
        head_ok = is_cap(head) or head_key in PERSON_NOUNS or head_key.endswith("s")
        if not head_ok or head_key in DETERMINERS:
            continue
        if (lw in POSTMODIFIER_PREPOSITIONS and not is_cap(w)) or (
                w.islower() and lw.endswith("ed") and lw not in PERSON_NOUNS and i + 1 < len(toks)):
            return toks[:i]
    return toks


TIME_NOUNS = lexicon.word_set("time_nouns")


_TIME_OPENERS = ("on", "this", "last", "just", "earlier", "late", "in")
_TIME_WORDS = DAY_MONTH | TIME_NOUNS | {"this", "last", "just", "earlier", "late", "on", "in", "the",
                                       "early", "a", "statement", "interview"}


def is_time_phrase(toks: Sequence[Token]) -> bool:
    """"on Thursday", "earlier this month", "in a statement": a time or manner phrase, no subject."""
    return bool(toks) and word_key(toks[0][2]) in _TIME_OPENERS and all(
        word_key(t[2]) in _TIME_WORDS or t[2][:1].isdigit() for t in toks)


def strip_right_time(toks: List[Token]) -> List[Token]:
    """"Lindqvist on Tuesday said", "Wells Fargo just this month announced": drop the time phrase."""
    for i in range(1, len(toks)):
        if is_time_phrase(toks[i:]):
            return toks[:i]
    return toks


def and_joins_names(toks: Sequence[Token], i: int) -> bool:
    """'Xi and Peng said': keep ``and`` inside the subject when it joins two capitalized words."""
    return 0 < i < len(toks) - 1 and is_cap(toks[i - 1][2]) and is_cap(toks[i + 1][2])


#: words that open a clause before a comma segment ("and" may join two names in it)
SEGMENT_BOUNDARY_WORDS = LEFT_BOUNDARY_WORDS - {"and"}


def segment_before(toks: Sequence[Token], comma_index: int) -> List[Token]:
    seg = []
    stop = comma_index - 1
    # skip a parenthetical right before the comma: "Rep. Jim Jordan (R-Ohio), ..."
    if stop >= 0 and toks[stop][2] == ")":
        k = stop
        while k >= 0 and toks[k][2] != "(":
            k -= 1
        if k > 0:
            stop = k - 1
    for j in range(stop, -1, -1):
        w = toks[j][2]
        if w in (",", ";", ":", "(", "—", "–", "―", "‒", '"', "“", "”", "'", "‘", "’") or word_key(w) in SEGMENT_BOUNDARY_WORDS:
            break
        seg.append(toks[j])
    seg.reverse()
    return strip_left(seg)


#: words a name never starts with (an adverb, a preposition, a date, a clause opener)
NOT_NAME_STARTS = SENTENCE_ADVERBS | PREPOSITIONS | DAY_MONTH | LEFT_BOUNDARY_WORDS


def is_name(seg: Sequence[Token]) -> bool:
    if seg and seg[-1][2] == ".":
        seg = seg[:-1]
    if seg and (word_key(seg[0][2]) in NOT_NAME_STARTS
                or (len(seg) == 1 and seg[0][2].lower().endswith("ly"))):
        return False
    if not seg or sum(1 for t in seg if t[2][:1].isalnum()) > LIMITS.name_tokens:
        return False
    if not is_cap(seg[-1][2]):
        return False
    # lowercase words only as connectors or roles before the name ("Democratic nominee Ana Reyes")
    return all(is_cap(t[2]) or word_key(t[2]) in NAME_CONNECTORS or t[2] in ("’s", "'s", "-", ".")
               or (word_key(t[2]) in PERSON_NOUNS or word_key(t[2]) in TITLES_LOWER) for t in seg)




def name_tail(seg: Sequence[Token]) -> Optional[List[Token]]:
    """The run of two or more capitalized words that ends ``seg`` after a lowercase word, if any."""
    i = len(seg)
    while i > 0 and is_cap(seg[i - 1][2]) and seg[i - 1][2][:1].isalpha():
        i -= 1
    run = list(seg[i:])
    if len(run) < 2 or i == 0 or is_cap(seg[i - 1][2]) or not seg[i - 1][2][:1].isalpha() \
            or run[-1][2].endswith(("’s", "'s")) or not is_name(run):
        return None
    return run


#: whether a "who ..." relative clause may hold a pronoun ("Holm, who said he votes, said")


def title_list_end(out: Sequence[Token], toks: Sequence[Token], i: int) -> Optional[int]:
    """The last token of a name after a list of lowercase person nouns joined by ``,`` and
    ``and`` ("writer, teacher and political analyst Ana Ruiz"), from the first joiner at ``i``;
    ``None`` unless every item ends in a person noun and a capitalized name follows the last."""
    items = [[t[2] for t in out]]
    j = i
    while j < len(toks) and j - i <= LIMITS.subject_tokens:
        w = toks[j][2]
        if w == "," or word_key(w) == "and":
            items.append([])
        elif w.isalpha() and w.islower():
            items[-1].append(w)
        elif is_cap(w):
            break
        else:
            return None
        j += 1
    if len(items) < 2 or not all(x and x[-1] in PERSON_NOUNS and all(y.islower() for y in x) for x in items):
        return None
    k = j
    while k < len(toks) and is_cap(toks[k][2]) and toks[k][2][:1].isalpha():
        k += 1
    return k - 1 if k > j and k - j <= LIMITS.name_tokens else None


def long_title_end(toks: Sequence[Token], i: int) -> Optional[int]:
    """The last token of a long title and the name after it, from its ``of`` at ``i``: capitalized
    words joined by ``,`` or ``and`` ("of Ports, Roads and Water Lwazi Dube"), ending in
    a name of two or more words; ``None`` otherwise."""
    j, last, run = i + 1, None, 0
    while j < len(toks):
        w = toks[j][2]
        if is_cap(w) and w[:1].isalpha():
            last, run = j, run + 1
        elif w in (",", "and") and j + 1 < len(toks) and is_cap(toks[j + 1][2]) and run:
            run = 0
        else:
            break
        j += 1
    return last if last is not None and run >= 3 else None
