"""Speaker mentions and their resolution to the person, organization or group meant.

Mentions are found next to a reporting cue (see :mod:`stance.quotes`), without a
parser, by the following explicit steps:

* :func:`mention_before` — the subject noun phrase that ends right before a cue.
  Auxiliaries and adverbs before the cue are skipped (``has also repeatedly
  said``); an apposition between commas or a parenthetical is stepped over to
  the name before it (``Zhu Yongbiao, executive director of ..., told`` ->
  ``Zhu Yongbiao``; ``Sen. Lee (R-Ohio) said`` -> ``Sen. Lee``); otherwise the
  phrase starts after the last clause boundary (punctuation, ``that``, ``and``,
  ``because`` ...), loses introductory adverbs/prepositional phrases, trailing
  time phrases (``on Tuesday``) and post-modifiers after its head (``Moss in
  his speech`` -> ``Moss``), and must look like a noun phrase (no finite verb
  or modal, no possessive head, at most ``MAX_SUBJECT_TOKENS`` tokens). A pronoun
  right before the cue is taken as is; a relative ``who`` is the mention and the
  noun phrase before it its antecedent.
* :func:`mention_after` — the noun phrase right after an inverted cue
  (``said the expert`` -> ``the expert``; ``according to the Chinese Foreign
  Ministry`` -> ``the Chinese Foreign Ministry``).
* :func:`sentence_subject` — the subject at the start of a sentence, for a cue
  that shares it (``A judge sealed the files, saying ...``).

Resolution (:func:`resolve_speakers`) is applied to the statements of one
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

Everything is computed per call; module objects hold only constants built from
the lexicons at import time.
"""
from __future__ import annotations

import bisect
import re
from typing import List, Optional, Sequence, Tuple

from . import lexicon

__all__ = [
    "Mention",
    "sentence_subject",
    "mention_before",
    "mention_after",
    "canonical_name",
    "is_pronoun",
    "mention_class",
    "resolve_speakers",
]

Span = Tuple[int, int]
Mention = Tuple[int, int]

RE_TOKEN = re.compile(r"\w+(?:[.'’&-]\w+)*|[^\w\s]")
TITLES = frozenset(t.rstrip(".") for t in lexicon.titles())
TITLES_LOWER = frozenset(t.lower() for t in TITLES)
PRONOUNS = lexicon.pronouns()
PERSON_NOUNS = lexicon.person_nouns()
ORG_WORDS = lexicon.org_words()
ORG_LOWER = frozenset(w.lower().rstrip(".") for w in ORG_WORDS)

#: how many tokens a subject noun phrase may have before the cue (longer stretches are clauses)
MAX_SUBJECT_TOKENS = 9
#: how many tokens an apposition between a name and its cue may have
MAX_APPOSITION_TOKENS = 30
#: how many tokens a name may have
MAX_NAME_TOKENS = 7

DETERMINERS = frozenset(
    "the a an another some many most several few one two three four five six seven eight nine ten "
    "both all other several numerous top senior former".split()
)
POSSESSIVES = frozenset("his her their its my our your this these those".split())
#: words that may sit between a subject and its cue ("Xi also said", "he has repeatedly said")
AUX_ADVERBS = frozenset(
    "has have had also later then previously once again repeatedly publicly recently reportedly "
    "just further would will did does do is was were are been being often always already still "
    "even first initially subsequently specifically separately similarly privately quickly flatly "
    "simply earlier frequently openly explicitly long had since now today yesterday tonight "
    "herself himself themselves itself bluntly".split()
)
_NUM = r"(?:\d+|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)"
#: a poll proportion as the subject: "Two in three said", "about 4 in 10 Republicans say"
RE_PROPORTION_SUBJECT = re.compile(
    r"(?:^|(?<=[\s,;:(—–-]))((?:(?:[Aa]bout|[Nn]early|[Aa]lmost|[Rr]oughly|[Oo]nly|[Jj]ust|[Ss]ome|[Oo]ver|"
    r"[Mm]ore\s+than|[Ff]ewer\s+than|[Ll]ess\s+than)\s+)?" + _NUM + r"\s+(?:in|out\s+of)\s+" + _NUM
    + r"(?:\s+[a-z][\w-]*){0,2})\s+(?:also\s+|still\s+)?$")
#: whether "X did not say ..." / "X never said ..." finds X as the subject (a negated statement)
NEGATED_CUES = True
#: words that end a subject noun phrase on the left (a clause starts after them)
LEFT_BOUNDARY_WORDS = frozenset(
    "that because when while if but although though as since after before so where whereas and or "
    "than what how why whom whose until unless once whether nor yet".split()
)
#: words that cannot occur inside a subject noun phrase
NON_NP_WORDS = frozenset(
    "is was are were be been will would could should can may might must do does did has have had "
    "not to n't never no there here".split()
)
SENTENCE_ADVERBS = frozenset(
    "but and so yet still now then meanwhile later also however instead indeed moreover "
    "furthermore nonetheless nevertheless thus hence separately similarly earlier finally "
    "today yesterday".split()
)
DAY_MONTH = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec "
    "today yesterday tonight".split()
)
PREPOSITIONS = frozenset(
    "in on at during for with from by of about to into over under after before since through "
    "across against among between per via without within".split()
)
NAME_CONNECTORS = frozenset("of de van von der al bin da du la le del di y and for the".split())


def _tokens(text: str, lo: int, hi: int) -> List[Tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in RE_TOKEN.finditer(text, lo, hi)]


def _word(tok: str) -> str:
    return tok.rstrip(".").lower()


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() and False)


def is_pronoun(mention: str) -> bool:
    """True when the whole mention is a pronoun (``He``, ``they``, ``who``)."""
    return mention.strip().lower() in PRONOUNS


def mention_class(mention: str) -> str:
    """One of ``pronoun``, ``description``, ``org``, ``name``, ``group``."""
    words = [w for _, _, w in _tokens(mention, 0, len(mention)) if w[:1].isalnum()]
    if not words:
        return "group"
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if any(w.rstrip(".") in ORG_WORDS or w in ORG_WORDS for w in words if _is_cap(w)):
        return "org"
    head = words[-1]
    if _is_cap(head) and head.lower() not in PERSON_NOUNS:
        return "name"
    if head.lower() in PERSON_NOUNS:
        num, cls = PERSON_NOUNS[head.lower()]
        if words[0].lower() == "the" and num == "sg" and cls == "person":
            return "description"
        if cls == "org":
            return "org" if words[0].lower() in ("the", "its") else "group"
        return "group"
    return "group"


#: whether a lone quantifier ("some", "many", "others") can be a subject
QUANTIFIER_SUBJECTS = True
QUANTIFIER_PRONOUNS = frozenset("some many most several few others another those one".split())


def _valid_np(toks: Sequence[Tuple[int, int, str]]) -> bool:
    if not toks or len(toks) > MAX_SUBJECT_TOKENS:
        return False
    words = [t[2] for t in toks]
    low = [_word(w) for w in words]
    if any(lw in NON_NP_WORDS and (i == 0 or not _is_cap(w)) for i, (w, lw) in enumerate(zip(words, low))):
        return False
    if any(not (w[:1].isalnum() or w in ("’s", "'s", "-", "&", "’", "'")) for w in words):
        # punctuation inside (other than possessive / hyphen) breaks a noun phrase
        if any(w in (",", ";", ":", "(", ")", "—", "–", "―", "‒", '"', "“", "”") for w in words):
            return False
    head = low[-1]
    if low[0] in ("which", "that", "whose", "having") or (head[:1].isdigit() and len(toks) > 3):
        return False
    if len(toks) > 7 and not (_is_cap(words[-1]) or head in PERSON_NOUNS):
        return False
    if words[-1].endswith(("’s", "'s", "’", "s'")) and len(words[-1]) > 2 and not words[-1].endswith("ss'"):
        if words[-1].endswith(("’s", "'s", "’")):
            return False  # a possessive ("Moss’s comments", "Editor’s note") is not a subject
    if len(toks) == 1:
        if QUANTIFIER_SUBJECTS and head in QUANTIFIER_PRONOUNS and (words[0][:1].islower() or head in ("some", "many", "most")):
            return True  # "some said ...", "most say ...": a quantifier standing alone for people
        if head in POSSESSIVES or head in DETERMINERS or head in ("him", "them", "me", "us"):
            return False
        if head in PRONOUNS:
            return head not in ("that", "which") or True
        if _is_cap(words[-1]):
            return True
        return head in PERSON_NOUNS or head.endswith("s")
    if low[0] in POSSESSIVES and len(toks) == 1:
        return False
    if head in PREPOSITIONS or head in DETERMINERS or head in LEFT_BOUNDARY_WORDS:
        return False
    return True


QUANTITY_WORDS = frozenset(
    "half third quarter two three four five six seven eight nine ten a one dozen".split())


def _strip_left(toks: List[Tuple[int, int, str]]) -> List[Tuple[int, int, str]]:
    """Drop sentence adverbs, conjunctions and leading prepositional/time phrases."""
    changed = True
    while toks and changed:
        changed = False
        w = _word(toks[0][2])
        if w in SENTENCE_ADVERBS and len(toks) > 1:
            toks = toks[1:]
            changed = True
        elif w in ("about", "nearly", "almost", "roughly", "some", "only", "over") and len(toks) > 1 and (
                toks[1][2][:1].isdigit() or _word(toks[1][2]) in QUANTITY_WORDS):
            break  # "about half of voters", "About 4 in 10": a quantity, not a preposition
        elif w in PREPOSITIONS and len(toks) > 1:
            # "On Tuesday Moss said" / "In a statement the ministry said": drop up to a day/month
            # word, or to the next determiner, keeping at least one token
            for i in range(1, len(toks)):
                if _word(toks[i][2]) in DAY_MONTH:
                    if i + 1 < len(toks):
                        toks = toks[i + 1:]
                        changed = True
                    break
            else:
                return []
            if not changed:
                return []
    return toks


#: whether a comma-enclosed discourse adverbial before the cue ("X, however, said") is skipped
DISCOURSE_ASIDE_SKIP = True
DISCOURSE_ASIDES = frozenset([
    "though", "however", "meanwhile", "too", "also", "instead", "in turn", "for example", "for instance",
    "in contrast", "by contrast", "for his part", "for her part", "for their part", "for its part",
    "in response", "in addition", "moreover", "likewise", "similarly", "nevertheless", "still",
    "on the other hand", "in fact", "indeed", "later", "then", "at the time", "at one point", "again"])


def mention_before(text: str, lo: int, cue_start: int) -> Optional[Tuple[Span, Optional[Span]]]:
    """The subject noun phrase that ends right before ``cue_start``, searched from ``lo``.

    Returns ``((start, end), apposition_span_or_None)`` or ``None``. The span
    is the head noun phrase (a name without its apposition).
    """
    qm = RE_PROPORTION_SUBJECT.search(text, lo, cue_start)
    if qm is not None:
        wm = re.search(r"\s(who|that)$", qm.group(1))
        if wm is not None:  # "the 6 in 10 voters who say ...": the relative pronoun is the mention
            return (qm.start(1) + wm.start(1), qm.end(1)), (qm.start(1), qm.start(1) + wm.start())
        return (qm.start(1), qm.end(1)), None  # "Two in three said", "nearly 4 in 10 voters say"
    toks = _tokens(text, lo, cue_start)
    # strip aux/adverbs between subject and cue
    while toks and (_word(toks[-1][2]) in AUX_ADVERBS
                    or (toks[-1][2].endswith("ly") and toks[-1][2].islower() and len(toks[-1][2]) > 3)):
        toks.pop()
    if DISCOURSE_ASIDE_SKIP and len(toks) >= 3 and toks[-1][2] == ",":
        # "Lund, though, said ...", "The mayor, for her part, told ...": a comma-enclosed discourse
        # adverbial between the subject and the cue is not an apposition
        for k in (2, 3, 4):
            if len(toks) > k and toks[-k - 1][2] == "," and " ".join(
                    _word(t[2]) for t in toks[-k:-1]) in DISCOURSE_ASIDES:
                toks = toks[:-k - 1]
                while toks and (_word(toks[-1][2]) in AUX_ADVERBS
                                or (toks[-1][2].endswith("ly") and toks[-1][2].islower() and len(toks[-1][2]) > 3)):
                    toks.pop()
                break
    if not toks:
        return None
    if NEGATED_CUES and (_word(toks[-1][2]) in ("not", "never") or re.search(r"\w(?:n[’']t|not)$", toks[-1][2])):
        # "Lawmakers have not said", "He didn't say", "Ortiz never said": a negated statement
        # (PolNeAR annotates it) has the same subject
        last = toks[-1][2]
        toks.pop()
        if re.search(r"\w(?:n[’']t|not)$", last) and not re.fullmatch(r"(?i)(?:did|does|do|has|have|had|would|will|"
                                                                      r"could|should|is|was|were|are|ca|wo)(?:n[’']t|not)", last):
            return None
        while toks and (_word(toks[-1][2]) in AUX_ADVERBS
                        or (toks[-1][2].endswith("ly") and toks[-1][2].islower() and len(toks[-1][2]) > 3)):
            toks.pop()
        if not toks or _word(toks[-1][2]) in ("not", "never", "to"):
            return None
    if _word(toks[-1][2]) in ("not", "never", "n't", "to"):
        return None
    appos: Optional[Span] = None
    if _word(toks[-1][2]) in ("he", "she", "they", "we", "i"):
        return (toks[-1][0], toks[-1][1]), None  # "To which she said", "As it happens, he said"
    if len(toks) >= 2 and _word(toks[-2][2]) == "let" and _word(toks[-1][2]) in ("me", "us"):
        return (toks[-1][0], toks[-1][1]), None  # "Let me say that ...": the writer speaks
    pm = re.fullmatch(r"(he|she|it|who)[’'](?:s|re)", toks[-1][2], re.I)
    if pm:
        return (toks[-1][0], toks[-1][0] + len(pm.group(1))), None  # "He’s claiming that ..."
    if toks[-1][2] in (",", ")"):
        # "Zhu Yongbiao, executive director of ..., told" / "Butterfield (D-N.C.), head of ..., said"
        found = _apposition(toks[:-1] if toks[-1][2] == "," else toks)
        if found is None:
            return None
        name_toks, appos = found
        if not name_toks:
            return None
        return (name_toks[0][0], name_toks[-1][1]), appos
    # cut at the last left boundary
    cut = 0
    for i in range(len(toks) - 1, -1, -1):
        w = toks[i][2]
        lw = _word(w)
        if w in (",", ";", ":", "(", ")", "—", "–", "―", "‒", "--", '"', "“", "”", "‘", "’", "'", "?", "!", "…") or (
            lw in LEFT_BOUNDARY_WORDS and not (lw == "and" and _and_joins_names(toks, i))
        ):
            cut = i + 1
            break
    np = _strip_postmodifier(_strip_right_time(_strip_left(toks[cut:])))
    if cut > 0 and np:
        # "Lindqvist, who won the primary, said" handled above; "Experts who study X said" -> cut at who
        pass
    for i, t in enumerate(np):
        if _word(t[2]) in ("who", "which", "whom") and i > 0:
            if i == len(np) - 1:
                # "an architect who said ...": the relative pronoun is the mention, the noun phrase
                # before it its antecedent (returned in the apposition slot)
                ante = np[:i]
                if ante and _word(ante[-1][2]) == "of":
                    ante = ante[:-1]
                return (t[0], t[1]), ((ante[0][0], ante[-1][1]) if ante else None)
            np = np[:i]
            break
    # "Sun Xiuwen, an associate professor at X told": a description whose previous segment is a name
    if cut > 0 and toks[cut - 1][2] == "," and np and _word(np[0][2]) in DETERMINERS:
        prev = _segment_before(toks, cut - 1)
        if prev and _is_name(prev) and len(np) <= MAX_APPOSITION_TOKENS:
            return (prev[0][0], prev[-1][1]), (np[0][0], np[-1][1])
    if not _valid_np(np):
        if np and len(np) > MAX_SUBJECT_TOKENS and _word(np[-1][2]) in PRONOUNS:
            np = np[-1:]
        else:
            # "organizations that have endorsed him say": the head before a restrictive relative clause
            if cut > 0 and _word(toks[cut - 1][2]) in ("that", "who") and cut - 1 > 0 \
                    and toks[cut - 2][2] not in (",", ";", ":"):
                rel = mention_before(text, lo, toks[cut - 1][0])
                if rel is not None and rel[1] is None and _word(text[rel[0][0]:rel[0][1]].split()[-1]) not in PRONOUNS:
                    return rel
            # "sources close to her campaign say": the longest valid head-final prefix
            for k in (range(len(np) - 1, 0, -1) if PREFIX_FALLBACK else ()):
                head = _word(np[k - 1][2])
                if _valid_np(np[:k]) and (head in PERSON_NOUNS or _is_cap(np[k - 1][2])
                                          or (head.endswith("s") and head not in PRONOUNS)):
                    return (np[0][0], np[k - 1][1]), None
            run = _final_name_run(np or toks[cut:])
            if run is None:
                return None
            return run, None
    return (np[0][0], np[-1][1]), None


def _final_name_run(np: Sequence[Tuple[int, int, str]]) -> Optional[Span]:
    """Fallback for a long stretch before a cue: the capitalized name that ends it
    ("Saturday at the state convention Sen. Elizabeth Warren (D-MA) said" -> "Sen. Elizabeth Warren")."""
    toks = list(np)
    if toks and toks[-1][2] == ")" and any(t[2] == "(" for t in toks):
        k = max(i for i, t in enumerate(toks) if t[2] == "(")
        toks = toks[:k]
    i = len(toks)
    while i > 0 and (_is_cap(toks[i - 1][2]) or toks[i - 1][2] == "."):
        i -= 1
    run = toks[i:]
    words = [t for t in run if t[2][:1].isalnum()]
    if not words or len(words) > 4 or i == 0 or not _is_cap(run[-1][2]) or run[-1][2].endswith(("’s", "'s")):
        return None
    prev = toks[i - 1][2]
    if prev[:1].isupper() or _word(prev) in ("of", "for", "and", "the"):
        return None
    while run and run[0][2] == ".":
        run = run[1:]
    return (run[0][0], run[-1][1])


def _strip_postmodifier(toks: List[Tuple[int, int, str]]) -> List[Tuple[int, int, str]]:
    """"Moss in his announcement speech promised" -> "Moss"; "A news report published
    Wednesday said" -> "A news report": keep the head noun phrase (the shortest mention is the
    safest one; the words after the head are not the speaker)."""
    for i in range(1, len(toks)):
        w = toks[i][2]
        lw = _word(w)
        head = toks[i - 1][2]
        head_ok = _is_cap(head) or _word(head) in PERSON_NOUNS or _word(head).endswith("s")
        if not head_ok or _word(head) in DETERMINERS:
            continue
        if (lw in PREPOSITIONS - {"of", "for"} and not _is_cap(w)) or (
                w.islower() and lw.endswith("ed") and lw not in PERSON_NOUNS and i + 1 < len(toks)):
            return toks[:i]
    return toks


#: try a shorter head-final prefix when a subject stretch is not a noun phrase
PREFIX_FALLBACK = True
TIME_NOUNS = frozenset("week month year morning afternoon evening night weekend day".split())


def _strip_right_time(toks: List[Tuple[int, int, str]]) -> List[Tuple[int, int, str]]:
    """"Lindqvist on Tuesday said", "Wells Fargo just this month announced": drop the time phrase."""
    for i in range(1, len(toks)):
        w = _word(toks[i][2])
        if w in ("on", "this", "last", "just", "earlier", "late", "in") and all(
            _word(t[2]) in DAY_MONTH | TIME_NOUNS | {"this", "last", "just", "earlier", "late", "on", "in", "the",
                                                       "early", "a", "statement", "interview"}
            or t[2][:1].isdigit() for t in toks[i:]
        ):
            return toks[:i]
    return toks


def _and_joins_names(toks: Sequence[Tuple[int, int, str]], i: int) -> bool:
    """'Xi and Peng said': keep ``and`` inside the subject when it joins two capitalized words."""
    return 0 < i < len(toks) - 1 and _is_cap(toks[i - 1][2]) and _is_cap(toks[i + 1][2])


def _segment_before(toks: Sequence[Tuple[int, int, str]], comma_index: int) -> List[Tuple[int, int, str]]:
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
        if w in (",", ";", ":", "(", "—", "–", "―", "‒", '"', "“", "”", "'", "‘", "’") or _word(w) in LEFT_BOUNDARY_WORDS - {"and"}:
            break
        seg.append(toks[j])
    seg.reverse()
    return _strip_left(seg)


def _is_name(seg: Sequence[Tuple[int, int, str]]) -> bool:
    if seg and seg[-1][2] == ".":
        seg = seg[:-1]
    if seg and (_word(seg[0][2]) in SENTENCE_ADVERBS | PREPOSITIONS | DAY_MONTH | LEFT_BOUNDARY_WORDS
                or (len(seg) == 1 and seg[0][2].lower().endswith("ly"))):
        return False
    if not seg or sum(1 for t in seg if t[2][:1].isalnum()) > MAX_NAME_TOKENS:
        return False
    if not _is_cap(seg[-1][2]):
        return False
    # lowercase words only as connectors or roles before the name ("Democratic nominee Ana Reyes")
    return all(_is_cap(t[2]) or _word(t[2]) in NAME_CONNECTORS or t[2] in ("’s", "'s", "-", ".")
               or (_word(t[2]) in PERSON_NOUNS or _word(t[2]) in TITLES_LOWER) for t in seg)


#: whether a name preceded by lowercase descriptors ("the veteran pollster Ana Reyes") can head an apposition
DESCRIBED_NAME_APPOSITION = True


def _name_tail(seg: Sequence[Tuple[int, int, str]]) -> Optional[List[Tuple[int, int, str]]]:
    """The run of two or more capitalized words that ends ``seg`` after a lowercase word, if any."""
    i = len(seg)
    while i > 0 and _is_cap(seg[i - 1][2]) and seg[i - 1][2][:1].isalpha():
        i -= 1
    run = list(seg[i:])
    if len(run) < 2 or i == 0 or _is_cap(seg[i - 1][2]) or not seg[i - 1][2][:1].isalpha() \
            or run[-1][2].endswith(("’s", "'s")) or not _is_name(run):
        return None
    return run


#: whether a "who ..." relative clause may hold a pronoun ("Holm, who said he votes, said")
RELATIVE_APPOSITION = True
#: words that cannot occur in an apposition between a speaker and the cue
APPOSITION_BREAKERS = frozenset("but if because although though so he she they it i we".split())


def _apposition(toks: List[Tuple[int, int, str]]) -> Optional[Tuple[List[Tuple[int, int, str]], Span]]:
    """Given tokens ending before ``, <cue>``, find ``NAME , APPOSITION`` (or ``NAME (X), APPOS``).

    The apposition may hold several commas ("Donna Rawlings, 59, of Ashton, Md., who watched ...,
    said"); the name is the closest comma segment, scanning back at most
    ``MAX_APPOSITION_TOKENS`` tokens, that is a name (or a short person description).
    """
    depth = 0
    end = len(toks)
    for j in range(len(toks) - 1, -1, -1):
        w = toks[j][2]
        if end - j > MAX_APPOSITION_TOKENS + 1:
            break
        if w == ")":
            depth += 1
        elif w == "(":
            depth -= 1
            if depth < 0:
                break
        elif depth == 0 and w == ",":
            appos_toks = toks[j + 1:]
            if not appos_toks:
                return None
            # "..., Sen. Ann Moss (D-Ore.) told": the segment is the name itself
            bare = list(appos_toks)
            if bare[-1][2] == ")" and any(t[2] == "(" for t in bare):
                k = max(i for i, t in enumerate(bare) if t[2] == "(")
                if _is_name(bare[:k]):
                    return bare[:k], (bare[k][0], bare[-1][1])
            if any(_word(t[2]) in APPOSITION_BREAKERS for t in appos_toks) and not (
                    RELATIVE_APPOSITION and _word(appos_toks[0][2]) in ("who", "whose")
                    and not any(_word(t[2]) in ("but", "if", "because", "so") for t in appos_toks)):
                break  # "..., but only if he can ...": a clause, not an apposition
            name = _segment_before(toks, j)
            if not name:
                continue
            if _is_name(name) or (len(name) <= 6 and _word(name[-1][2]) in PERSON_NOUNS) or (
                len(name) == 1 and _word(name[0][2]) in ("he", "she", "they")
            ):
                return name, (appos_toks[0][0], appos_toks[-1][1])
            # "Officials at the Port Safety Office, a division of ..., said"
            head = _strip_postmodifier(name)
            if len(head) < len(name) and len(head) <= 4 and (
                    _is_name(head) or _word(head[-1][2]) in PERSON_NOUNS or _word(head[-1][2]).endswith("s")):
                return head, (appos_toks[0][0], appos_toks[-1][1])
            # "A lawyer for the outlets, David Schulz, said": the description comes first
            seg = appos_toks
            nxt = [i for i, t in enumerate(seg) if t[2] == ","]
            if nxt:
                seg = seg[: nxt[0]]
            if _is_name(seg) and _word(name[0][2]) in DETERMINERS | POSSESSIVES:
                return list(seg), (name[0][0], name[-1][1])
            if DESCRIBED_NAME_APPOSITION:
                # "The Dutch novelist Ana Reyes, one of the signers, told": a described name
                run = _name_tail(name)
                if run is not None and _word(name[0][2]) in DETERMINERS | POSSESSIVES and len(name) <= MAX_APPOSITION_TOKENS:
                    return name, (appos_toks[0][0], appos_toks[-1][1])
                # "His wife, longtime aide Ana Reyes, announced": the name closes the second segment
                run = _name_tail(seg)
                if run is not None and _word(name[0][2]) in POSSESSIVES | {"the", "a", "an"} and len(seg) <= 6:
                    return run, (name[0][0], name[-1][1])
            # otherwise keep scanning back: the apposition may contain commas
        elif depth == 0 and (w in (";", ":", "—", "–", "―", "‒", '"', "“", "”")):
            break
    # "Butterfield (D-N.C.), said": a name followed directly by a parenthetical
    if toks and toks[-1][2] == ")" and any(t[2] == "(" for t in toks):
        k = max(i for i, t in enumerate(toks) if t[2] == "(")
        name = _segment_before(toks, k)
        while name and not _is_cap(name[0][2]):
            name = name[1:]  # "panel Chairman Rep. Jason Chaffetz (R-Utah)"
        if name and _is_name(name):
            return name, (toks[k][0], toks[-1][1])
    return None


def mention_after(text: str, pos: int, hi: int) -> Optional[Span]:
    """The noun phrase right after ``pos`` (an inverted cue or ``according to``).

    Stops at punctuation, a preposition after the head, ``who``/``that``, or a
    second verb-like word. ``said Zhu, noting`` -> ``Zhu``; ``said a spokesman
    for the campaign`` -> ``a spokesman``; ``according to the Chinese Foreign
    Ministry`` -> ``the Chinese Foreign Ministry``.
    """
    toks = _tokens(text, pos, hi)
    out: List[Tuple[int, int, str]] = []
    for i, (s, e, w) in enumerate(toks):
        lw = _word(w)
        if not w[:1].isalnum() and w not in ("’s", "'s", "-", "&", "’", "'"):
            if w == "." and out and (_word(out[-1][2]) in TITLES_LOWER or len(out[-1][2]) == 1 or "." in out[-1][2]):
                continue
            if w in ("’", "'") and i + 1 < len(toks) and toks[i + 1][2] == "s":
                out.append((s, e, w))
                continue
            break
        if not out:
            if lw in PRONOUNS and lw not in ("that", "which", "who", "it"):
                return (s, e) if lw in ("he", "she", "they", "we", "i") else None
            if not (_is_cap(w) or lw in DETERMINERS or lw in POSSESSIVES or lw in PERSON_NOUNS or w[:1].isdigit()):
                # "said retired Army Lt. Gen. Mick Bednarek", "said election lawyer Joe Birkenstock"
                nxt = [t[2] for t in toks[i + 1:i + 3]]
                if not (w.isalpha() and w.islower() and any(_is_cap(x) or _word(x) in PERSON_NOUNS for x in nxt)):
                    return None
            out.append((s, e, w))
            continue
        if lw in PREPOSITIONS - {"of", "for"} or lw in ("who", "which", "that", "and", "said", "says"):
            break
        if lw in ("of", "for"):
            # keep "of"/"for" only inside a capitalized name ("Bank of America", "Center for X")
            if _is_cap(out[-1][2]) and i + 1 < len(toks) and _is_cap(toks[i + 1][2]) and _word(out[-1][2]) in ORG_LOWER:
                out.append((s, e, w))
                continue
            break
        if lw in NON_NP_WORDS or lw in AUX_ADVERBS:
            break
        if w.islower() and lw.endswith("ed") and lw not in PERSON_NOUNS and len(out) >= 2:
            break  # "a lawsuit filed in Manhattan": a participle after the head
        if len(out) >= MAX_SUBJECT_TOKENS:
            break
        if not _is_cap(w) and _is_cap(out[-1][2]) and _word(out[-1][2]) not in TITLES and lw not in PERSON_NOUNS and not (_word(out[-1][2]) in DETERMINERS):
            # "Zhu noting" / "Moss Tuesday": a capitalized name ends at the first lowercase word
            break
        out.append((s, e, w))
    if QUANTIFIER_SUBJECTS and len(out) == 1 and _word(out[0][2]) in QUANTIFIER_PRONOUNS:
        return (out[0][0], out[0][1])  # '"...," added another', "said others"
    while out and (_word(out[-1][2]) in DETERMINERS or out[-1][2] in ("-", "&", "’", "'")):
        out.pop()
    if not out:
        return None
    return (out[0][0], out[-1][1])


def canonical_name(mention: str) -> str:
    """The mention without titles, leading determiners and nationality adjectives.

    >>> canonical_name("Chinese President Xi Jinping")
    'Xi Jinping'
    >>> canonical_name("the Chinese Foreign Ministry")
    'Chinese Foreign Ministry'
    """
    toks = [w for _, _, w in _tokens(mention, 0, len(mention)) if w != "."]
    while toks and _word(toks[0]) in ("the",):
        toks = toks[1:]
    if not toks:
        return mention.strip()
    if any(w in ORG_WORDS or w.rstrip(".") in ORG_WORDS for w in toks):
        return _join(mention, toks)
    caps = [i for i, w in enumerate(toks) if _is_cap(w)]
    if not caps or not _is_cap(toks[-1]):
        return _join(mention, toks)
    # the final capitalized run is the name
    start = len(toks) - 1
    while start > 0 and (_is_cap(toks[start - 1]) or toks[start - 1] in ("-",)):
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

    # each pool is in text order: look outwards from ``pos`` (a text naming one person
    # thousands of times stays linear)
    pools = [names] if by_token is None else [by_token.get(t, []) for t in {parts[0], parts[-1]}]
    cuts = [bisect.bisect_left(pool, pos, key=lambda entry: entry[0]) for pool in pools]
    before = [next((pool[j] for j in range(i - 1, -1, -1) if fits(pool[j][1])), None) for pool, i in zip(pools, cuts)]
    if any(before):
        return max(e for e in before if e)[1]
    after = [next((pool[j] for j in range(i, len(pool)) if fits(pool[j][1])), None) for pool, i in zip(pools, cuts)]
    return min(e for e in after if e)[1] if any(after) else short


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
        speaker: Optional[str]
        if cls == "pronoun":
            kind = PRONOUNS.get(low, "")
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
            scls = "person" if kind == "person_sg" else ("group" if kind == "plural" else "org")
        elif cls == "description":
            # "a source said ... the source added": an earlier speaker with the same head noun first
            head = low.split()[-1]
            same = next((sp_ for p_, sp_, c_, m_ in reversed(mention_heads) if m_ == head and c_ != "description"), None)
            speaker = same or _last_person(history, span[0], names) or mention
            scls = "person"
        elif cls == "name":
            speaker = _resolve_name(mention, span[0], names, by_token)
            scls = "person"
        elif cls == "org":
            speaker = canonical_name(mention)
            scls = "org"
        else:
            speaker = mention
            scls = "group"
        out.append(speaker)
        if speaker is not None:
            history.append((span[0], speaker, scls))
            mention_heads.append((span[0], speaker, cls, low.split()[-1] if low.split() else ""))
    return out


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


#: a dateline before the first sentence: "WASHINGTON —", "ORLANDO, Fla. (Reuters) -", "LONDON, Dec. 8 (UPI) —"
RE_DATELINE = re.compile(r"\s*[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w.]*(?:\s+\d+)?\.?)?\s*(?:\([^)]{1,30}\))?\s*[—–―-]{1,2}\s*")


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
    toks = _tokens(text, start, min(end, start + 400))
    i = 0
    if toks and _word(toks[0][2]) in ("it", "there") and len(toks) > 1 and _word(toks[1][2]) in ("is", "was", "’s", "'s"):
        return None  # "It was a potent one-two punch ...": no subject to share
    # skip introductory phrases that end at a comma ("In a statement, ...", "Meanwhile, ...",
    # "Speaking at a town hall in Salem, New Hampshire, ...", "Hours later, ...")
    for _ in range(3):
        if not toks[i:]:
            return None
        w0 = toks[i][2]
        intro = (_word(w0) in PREPOSITIONS | SENTENCE_ADVERBS | LEFT_BOUNDARY_WORDS | DAY_MONTH | TIME_NOUNS
                 or w0.endswith("ly") or w0.lower().endswith("ing")
                 or (i + 1 < len(toks) and _word(toks[i + 1][2]) in ("later", "earlier", "ago")))
        # a place name continuing the intro phrase: "in Salem, New Hampshire, Moss ..."
        place = i > 0 and _is_cap(w0) and any(t[2] == "," for t in toks[i:i + 4]) and \
            all(_is_cap(t[2]) or t[2] == "." for t in toks[i:next(k for k in range(i, len(toks)) if toks[k][2] == ",")])
        if not (intro or place):
            break
        for k in range(i, min(len(toks), i + 16)):
            if toks[k][2] == ",":
                i = k + 1
                break
        else:
            return None
    while i < len(toks) and (_word(toks[i][2]) in SENTENCE_ADVERBS or toks[i][2] in (",", '"', "“", "'", "‘")):
        i += 1
    if i >= len(toks):
        return None
    w = toks[i][2]
    lw = _word(w)
    if lw in ("he", "she", "they", "we", "i", "it"):
        return (toks[i][0], toks[i][1])
    j = i
    if lw in DETERMINERS or lw in POSSESSIVES:
        j = i + 1
        last_ok = None
        while j < len(toks) and j - i <= 6:
            t = toks[j][2]
            lt = _word(t)
            if t in (",", "(", ";", ":") or lt in NON_NP_WORDS or lt in AUX_ADVERBS or lt in PREPOSITIONS:
                break
            if last_ok is not None and not _is_cap(t) and lt not in PERSON_NOUNS \
                    and not toks[last_ok][2].endswith(("’s", "'s")):
                break
            if (lt in PERSON_NOUNS or _is_cap(t)) and not t.endswith(("’s", "'s")):
                last_ok = j
            elif t.endswith(("’s", "'s")):
                last_ok = j  # "the Republican Party’s presumptive nominee": keep reading
            j += 1
        if last_ok is None:
            return None
        return (toks[i][0], toks[last_ok][1])
    if _is_cap(w) and i + 1 < len(toks) and (toks[i + 1][2] == "," or _word(toks[i + 1][2]) in PREPOSITIONS) \
            and lw not in PERSON_NOUNS:
        # "Once in my early 20s, ...", "Chastened, Moss ...": an introductory word, not a name
        for k in range(i + 1, min(len(toks), i + 15)):
            if toks[k][2] == ",":
                return sentence_subject(text, toks[k][1], end) if toks[k][1] < end else None
        return None
    if re.search(r"[’'](?:m|re|ve|ll|d)$|n[’']t$", w) or re.fullmatch(r"(?:what|that|this|there|here|it)[’']s", lw):
        return None
    if _is_cap(w):
        while j < len(toks) and j - i < MAX_NAME_TOKENS + 2 and (
            _is_cap(toks[j][2]) or toks[j][2] in (".", "’s", "'s") and j > i
            or ((_word(toks[j][2]) in PERSON_NOUNS or _word(toks[j][2]) in TITLES_LOWER)
                and j + 1 < len(toks) and _is_cap(toks[j + 1][2]))
        ):
            j += 1
        while j > i and toks[j - 1][2] in (".",):
            j -= 1
        if j > i:
            return (toks[i][0], toks[j - 1][1])
    return None
