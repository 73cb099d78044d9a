"""Speaker mentions next to a cue.

Mentions are found next to a reporting cue (see :mod:`stance.attribution.cues`), without a
parser, by the following explicit steps:

* :func:`mention_before` — the subject noun phrase that ends right before a cue.
  Auxiliaries and adverbs before the cue are skipped (``has also repeatedly
  said``); an apposition between commas or a parenthetical is stepped over to
  the name before it (``Zhu Yongbiao, executive director of ..., told`` ->
  ``Zhu Yongbiao``; ``Sen. Lee (R-Ohio) said`` -> ``Sen. Lee``; :mod:`.appositions`); otherwise the
  phrase starts after the last clause boundary (punctuation, ``that``, ``and``,
  ``because`` ...), loses introductory adverbs/prepositional phrases, trailing
  time phrases (``on Tuesday``) and post-modifiers after its head (``Moss in
  his speech`` -> ``Moss``), and must look like a noun phrase (no finite verb
  or modal, no possessive head, at most ``LIMITS.subject_tokens`` tokens). A pronoun
  right before the cue is taken as is; a relative ``who`` is the mention and the
  noun phrase before it its antecedent.
* :func:`mention_after` — the noun phrase right after an inverted cue
  (``said the expert`` -> ``the expert``; ``according to the Chinese Foreign
  Ministry`` -> ``the Chinese Foreign Ministry``).
* :func:`~stance.attribution.sentence_subjects.sentence_subject` — the subject at the start of a sentence, for a cue
  that shares it (``A judge sealed the files, saying ...``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

from .. import lexicon
from ..alternation import literal_alternation
from ..types import Span
from .appositions import apposition
from .config import LIMITS
from .nouns import (AUX_ADVERBS, DETERMINERS, LEFT_BOUNDARY_WORDS, NON_NP_WORDS, ORG_LOWER,
                    PERSON_NOUNS, POSSESSIVES, POSTMODIFIER_PREPOSITIONS, PRONOUNS, QUANTIFIER_PRONOUNS,
                    RE_PROPORTION_SUBJECT, TITLES, TITLES_LOWER, and_joins_names, is_cap, is_name, is_time_phrase,
                    long_title_end, segment_before, strip_left, strip_postmodifier, strip_right_time,
                    title_list_end, valid_np, word_key)
from .text import Token, tokens

#: comma-enclosed discourse adverbials between a subject and its cue ("X, however, said")
DISCOURSE_ASIDES = lexicon.word_set("discourse_asides")


Subject = Tuple[Span, Optional[Span]]
#: punctuation that ends the clause a subject starts after
CLAUSE_MARKS = frozenset((",", ";", ":", "(", ")", "—", "–", "―", "‒", "--", '"', "“", "”", "‘", "’", "'", "?", "!", "…"))

_CAP_WORD = r"[A-Z][\w’'-]*"
#: a long title as the subject right before its cue: a title, "of", capitalized words joined by
#: commas and "and", and at most a two-word name ("The Minister of Ports, Roads and Water")
RE_LONG_TITLE_SUBJECT = re.compile(
    r"(?:^|(?<=[\s(—–-]))((?:[Tt]he\s+)?(?:" + _CAP_WORD + r"\s+){0,2}(?:" + literal_alternation(
        t for t in TITLES if t[:1].isupper() and t.isalpha())
    + r")\s+of\s+(?:the\s+)?" + _CAP_WORD + r"(?:(?:,\s*|\s+and\s+|\s+)" + _CAP_WORD + r"){1,7})"
    r"\s+(?:(?:also|has|have|had)\s+)?$")
#: a part each of the two subject patterns must hold: a plain scan for it spares most stretches
#: before a cue the costly search of a pattern anchored at the cue
RE_PROPORTION_PART = re.compile(r"\s(?:in|out\s+of)\s")
RE_LONG_TITLE_PART = re.compile(r"\sof\s")
#: a negated verb ("didn't", "cannot") right before the cue
RE_NEGATED = re.compile(r"\w(?:n[’']t|not)$")
#: "He’s", "who're": a pronoun and its contracted verb
RE_PRONOUN_CONTRACTION = re.compile(r"(he|she|it|who)[’'](?:s|re)", re.I)


@lru_cache(maxsize=64)  # several rules ask about the same cue of the article at hand: read it once
def mention_before(text: str, lo: int, cue_start: int) -> Optional[Subject]:
    """The subject noun phrase that ends right before ``cue_start``, searched from ``lo``.

    Returns ``((start, end), apposition_span_or_None)`` or ``None``. The span
    is the head noun phrase (a name without its apposition).
    """
    qm = RE_PROPORTION_SUBJECT.search(text, lo, cue_start) if RE_PROPORTION_PART.search(text, lo, cue_start) else None
    if qm is not None:
        wm = re.search(r"\s(who|that)$", qm.group(1))
        if wm is not None:  # "the 6 in 10 voters who say ...": the relative pronoun is the mention
            return (qm.start(1) + wm.start(1), qm.end(1)), (qm.start(1), qm.start(1) + wm.start())
        return (qm.start(1), qm.end(1)), None  # "Two in three said", "nearly 4 in 10 voters say"
    lm = RE_LONG_TITLE_SUBJECT.search(text, lo, cue_start) if RE_LONG_TITLE_PART.search(text, lo, cue_start) else None
    if lm is not None:  # "The Minister of Ports, Roads and Water says"
        return (lm.start(1), lm.end(1)), None
    toks = _tokens_before_cue(text, lo, cue_start)
    if not toks:
        return None
    found = _pronoun_subject(toks)
    if found is not None:
        return found
    if toks[-1][2] in (",", ")"):
        # "Zhu Yongbiao, executive director of ..., told" / "Butterfield (D-N.C.), head of ..., said"
        found_appos = apposition(toks[:-1] if toks[-1][2] == "," else toks)
        if found_appos is None or not found_appos[0]:
            return None
        name_toks, appos = found_appos
        return (name_toks[0][0], name_toks[-1][1]), appos
    return _noun_phrase_subject(text, lo, toks)


def _pop_aux_adverbs(toks: List[Token]) -> None:
    while toks and (word_key(toks[-1][2]) in AUX_ADVERBS
                    or (toks[-1][2].endswith("ly") and toks[-1][2].islower() and len(toks[-1][2]) > 3)):
        toks.pop()


def _tokens_before_cue(text: str, lo: int, cue_start: int) -> Optional[List[Token]]:
    """The tokens before a cue without auxiliaries, adverbs, a discourse aside or a negation
    ("has also said", "Lund, though, said", "never said"); ``None`` when no subject can end there."""
    toks = tokens(text, lo, cue_start)
    _pop_aux_adverbs(toks)
    if len(toks) >= 3 and toks[-1][2] == ",":
        # "Lund, though, said ...", "The mayor, for her part, told ...": a comma-enclosed discourse
        # adverbial between the subject and the cue is not an apposition
        for k in (2, 3, 4):
            if len(toks) > k and toks[-k - 1][2] == "," and " ".join(
                    word_key(t[2]) for t in toks[-k:-1]) in DISCOURSE_ASIDES:
                toks = toks[:-k - 1]
                _pop_aux_adverbs(toks)
                break
    if not toks:
        return None
    comma = _last_comma(text, lo, toks)
    if comma is not None and is_time_phrase(toks[comma + 1:]):
        # "The premier of the province, Ana Ruiz, on Thursday warned": the time phrase after the
        # apposition's closing comma is not the subject
        toks = toks[:comma + 1]
    if word_key(toks[-1][2]) in ("not", "never") or RE_NEGATED.search(toks[-1][2]):
        # "Lawmakers have not said", "He didn't say", "Ortiz never said": a negated statement
        # (PolNeAR annotates it) has the same subject
        last = toks.pop()[2]
        if RE_NEGATED.search(last) and not re.fullmatch(r"(?i)(?:did|does|do|has|have|had|would|will|"
                                                                      r"could|should|is|was|were|are|ca|wo)(?:n[’']t|not)", last):
            return None
        _pop_aux_adverbs(toks)
        if not toks or word_key(toks[-1][2]) in ("not", "never", "to"):
            return None
    if word_key(toks[-1][2]) in ("not", "never", "n't", "to"):
        return None
    return toks


def _last_comma(text: str, lo: int, toks: List[Token]) -> Optional[int]:
    """The index of the last comma in ``toks`` (tokens of ``text`` from ``lo``), else ``None``. A comma
    is always a token of its own, so a plain search of the text says first whether there is one: most
    stretches before a cue have none."""
    if text.find(",", lo, toks[-1][1]) < 0:
        return None
    i = len(toks) - 1
    while toks[i][2] != ",":
        i -= 1
    return i


def _pronoun_subject(toks: Sequence[Token]) -> Optional[Subject]:
    """A personal pronoun right before the cue ("To which she said", "Let me say", "He’s claiming")."""
    if word_key(toks[-1][2]) in ("he", "she", "they", "we", "i"):
        return (toks[-1][0], toks[-1][1]), None  # "To which she said", "As it happens, he said"
    if len(toks) >= 2 and word_key(toks[-2][2]) == "let" and word_key(toks[-1][2]) in ("me", "us"):
        return (toks[-1][0], toks[-1][1]), None  # "Let me say that ...": the writer speaks
    pm = RE_PRONOUN_CONTRACTION.fullmatch(toks[-1][2])
    if pm:
        return (toks[-1][0], toks[-1][0] + len(pm.group(1))), None  # "He’s claiming that ..."
    return None


def _noun_phrase_subject(text: str, lo: int, toks: List[Token]) -> Optional[Subject]:
    """The noun phrase after the last clause boundary, its relative pronoun, or a fallback."""
    cut = 0
    for i in range(len(toks) - 1, -1, -1):
        w = toks[i][2]
        if w in CLAUSE_MARKS:
            cut = i + 1
            break
        lw = word_key(w)
        if lw in LEFT_BOUNDARY_WORDS and not (lw == "and" and and_joins_names(toks, i)):
            cut = i + 1
            break
    np = strip_postmodifier(strip_right_time(strip_left(toks[cut:])))
    for i, t in enumerate(np):
        if word_key(t[2]) in ("who", "which", "whom") and i > 0:
            if i == len(np) - 1:
                # "an architect who said ...": the relative pronoun is the mention, the noun phrase
                # before it its antecedent (returned in the apposition slot)
                ante = np[:i]
                if ante and word_key(ante[-1][2]) == "of":
                    ante = ante[:-1]
                return (t[0], t[1]), ((ante[0][0], ante[-1][1]) if ante else None)
            np = np[:i]
            break
    # "Tom Lee, who spoke on Day Two said": a relative clause left open, the name before it speaks
    if cut > 0 and toks[cut - 1][2] == "," and len(np) > 1 and word_key(np[0][2]) in ("who", "whose"):
        prev = segment_before(toks, cut - 1)
        if prev and is_name(prev):
            return (prev[0][0], prev[-1][1]), (np[0][0], np[-1][1])
    # "Sun Xiuwen, an associate professor at X told": a description whose previous segment is a name
    if cut > 0 and toks[cut - 1][2] == "," and np and word_key(np[0][2]) in DETERMINERS:
        prev = segment_before(toks, cut - 1)
        if prev and is_name(prev) and len(np) <= LIMITS.apposition_tokens:
            return (prev[0][0], prev[-1][1]), (np[0][0], np[-1][1])
    if valid_np(np):
        return (np[0][0], np[-1][1]), None
    if np and len(np) > LIMITS.subject_tokens and word_key(np[-1][2]) in PRONOUNS:
        return (np[-1][0], np[-1][1]), None
    return _subject_fallback(text, lo, toks, cut, np)


def _subject_fallback(text: str, lo: int, toks: List[Token], cut: int, np: List[Token]) -> Optional[Subject]:
    """When the stretch before the cue is not a noun phrase: the head before a restrictive
    relative clause, the longest valid head-final prefix, else the name that ends it."""
    # "organizations that have endorsed him say": the head before a restrictive relative clause
    if cut > 0 and word_key(toks[cut - 1][2]) in ("that", "who") and cut - 1 > 0 \
            and toks[cut - 2][2] not in (",", ";", ":"):
        rel = mention_before(text, lo, toks[cut - 1][0])
        if rel is not None and rel[1] is None and word_key(text[rel[0][0]:rel[0][1]].split()[-1]) not in PRONOUNS:
            return rel
    # "sources close to her campaign say": the longest valid head-final prefix
    for k in range(len(np) - 1, 0, -1):
        head = word_key(np[k - 1][2])
        if valid_np(np[:k]) and (head in PERSON_NOUNS or is_cap(np[k - 1][2])
                                 or (head.endswith("s") and head not in PRONOUNS)):
            return (np[0][0], np[k - 1][1]), None
    run = _final_name_run(np or toks[cut:])
    return (run, None) if run is not None else None


def _final_name_run(np: Sequence[Token]) -> Optional[Span]:
    """Fallback for a long stretch before a cue: the capitalized name that ends it
    ("Saturday at the state convention Sen. Elizabeth Warren (D-MA) said" -> "Sen. Elizabeth Warren")."""
    toks = list(np)
    if toks and toks[-1][2] == ")" and any(t[2] == "(" for t in toks):
        k = max(i for i, t in enumerate(toks) if t[2] == "(")
        toks = toks[:k]
    i = len(toks)
    while i > 0 and (is_cap(toks[i - 1][2]) or toks[i - 1][2] == "."):
        i -= 1
    run = toks[i:]
    words = [t for t in run if t[2][:1].isalnum()]
    if not words or len(words) > 4 or i == 0 or not is_cap(run[-1][2]) or run[-1][2].endswith(("’s", "'s")):
        return None
    prev = toks[i - 1][2]
    if prev[:1].isupper() or word_key(prev) in ("of", "for", "and", "the"):
        return None
    while run and run[0][2] == ".":
        run = run[1:]
    return (run[0][0], run[-1][1])


def mention_after(text: str, pos: int, hi: int) -> Optional[Span]:
    """The noun phrase right after ``pos`` (an inverted cue or ``according to``).

    Stops at punctuation, a preposition after the head, ``who``/``that``, or a
    second verb-like word. ``said Zhu, noting`` -> ``Zhu``; ``said a spokesman
    for the campaign`` -> ``a spokesman``; ``according to the Chinese Foreign
    Ministry`` -> ``the Chinese Foreign Ministry``.
    """
    toks = tokens(text, pos, hi)
    out: List[Token] = []
    for i, (s, e, w) in enumerate(toks):
        lw = word_key(w)
        if out and (w == "," or lw == "and") and (end := title_list_end(out, toks, i)) is not None:
            return out[0][0], toks[end][1]  # "said writer, teacher and analyst Ana Ruiz"
        if not w[:1].isalnum() and w not in ("’s", "'s", "-", "&", "’", "'"):
            if w == "." and out and (word_key(out[-1][2]) in TITLES_LOWER or len(out[-1][2]) == 1 or "." in out[-1][2]):
                continue
            if w in ("’", "'") and i + 1 < len(toks) and toks[i + 1][2] == "s":
                out.append((s, e, w))
                continue
            break
        if not out:
            if lw in PRONOUNS and lw not in ("that", "which", "who", "it"):
                return (s, e) if lw in ("he", "she", "they", "we", "i") else None
            if not (is_cap(w) or lw in DETERMINERS or lw in POSSESSIVES or lw in PERSON_NOUNS or w[:1].isdigit()):
                # "said retired Army Lt. Gen. Mick Bednarek", "said election lawyer Joe Birkenstock"
                nxt = [t[2] for t in toks[i + 1:i + 3]]
                if not (w.isalpha() and w.islower() and any(is_cap(x) or word_key(x) in PERSON_NOUNS for x in nxt)):
                    return None
            out.append((s, e, w))
            continue
        if lw in POSTMODIFIER_PREPOSITIONS or lw in ("who", "which", "that", "and", "said", "says"):
            break
        if lw in ("of", "for"):
            # keep "of"/"for" only inside a capitalized name ("Bank of America", "Center for X")
            if is_cap(out[-1][2]) and i + 1 < len(toks) and is_cap(toks[i + 1][2]) and word_key(out[-1][2]) in ORG_LOWER:
                out.append((s, e, w))
                continue
            if lw == "of" and out[-1][2].rstrip(".") in TITLES:
                end = long_title_end(toks, i)  # "said Minister of Ports, Roads and Water Lwazi Dube"
                if end is not None:
                    return (out[0][0], toks[end][1])
            break
        if lw in NON_NP_WORDS or lw in AUX_ADVERBS:
            break
        if w.islower() and lw.endswith("ed") and lw not in PERSON_NOUNS and len(out) >= 2:
            break  # "a lawsuit filed in Manhattan": a participle after the head
        if len(out) >= LIMITS.subject_tokens:
            break
        if not is_cap(w) and is_cap(out[-1][2]) and word_key(out[-1][2]) not in TITLES and lw not in PERSON_NOUNS and not (word_key(out[-1][2]) in DETERMINERS):
            # "Zhu noting" / "Moss Tuesday": a capitalized name ends at the first lowercase word
            break
        out.append((s, e, w))
    if len(out) == 1 and word_key(out[0][2]) in QUANTIFIER_PRONOUNS:
        return (out[0][0], out[0][1])  # '"...," added another', "said others"
    while out and (word_key(out[-1][2]) in DETERMINERS or out[-1][2] in ("-", "&", "’", "'")):
        out.pop()
    if not out:
        return None
    return (out[0][0], out[-1][1])
