"""Resolution: each statement's speaker mention to the person, organization or group meant.

Resolution (:func:`resolve_speakers`, run by :func:`resolve_statements`) is applied to the statements of one
article in text order:

1. **Names.** Titles, nationality adjectives before a title and leading
   determiners are dropped (``Chinese President Xi Jinping`` -> ``Xi
   Jinping``). A name of one token (or a shorter form) is joined to the most
   recent full name in the article that starts or ends with it, looking first
   before the mention, then anywhere (``Zhu`` -> ``Zhu Yongbiao``, ``President
   Xi`` -> ``Xi Jinping``).
2. **Organizations** (a name containing a word of ``org_words.txt``, or a country) keep
   their full name without a leading ``the`` (``the Chinese Foreign
   Ministry`` -> ``Chinese Foreign Ministry``).
3. **Singular personal pronouns** (``he``, ``she``) and **definite singular
   descriptions** (``the expert``, ``the spokesman``) take the speaker of the
   closest earlier statement whose speaker is a named person; failing that, the
   closest earlier full person name in the text. A description first looks for an
   earlier speaker with the same head noun (``a source said ... the source
   added`` -> ``a source``). Someone's role without a name (``Peru's trade
   envoy``) takes the name in apposition, else the person the next sentence
   names first as a speaker when the article has not named them before. Any description or
   title followed by a full name between commas (``The head of the agency, Ana Ruiz, said``) is
   that name.
4. **Relative pronouns** (``who``) take the noun phrase they refer to.
5. ``they`` / ``it`` take the closest earlier group / organization speaker (``it`` first the
   organization or state that is the subject of its or the previous sentence). A state's or
   organization's initials (``MFA``) take the name they abbreviate in the article.
6. Anything else (``Chinese observers``, ``a source``, ``The two leaders``)
   is its own speaker, as written.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

from ..types import Quote, Span
from . import acronyms
from .candidates import Candidate
from .config import LIMITS
from .cues import RE_CUE
from .document import Document, quote_kind
from .names import RE_NAME_RUN, canonical_name, names_after, whole_word_starts
from .nouns import (DETERMINERS, LEFT_BOUNDARY_WORDS, PERSON_NOUNS, PREPOSITIONS, PRONOUNS, SENTENCE_ADVERBS,
                    TITLES, TITLES_LOWER, mention_class, word_key)
from .sentence_subjects import continued_subject
from .text import RE_TOKEN

__all__ = ["resolve_statements", "resolve_speakers", "canonical_name"]


#: capitalized at a sentence start, never the first word of a name
INTRO_WORDS = PREPOSITIONS | LEFT_BOUNDARY_WORDS | SENTENCE_ADVERBS
RE_AFTER_TITLE_JOIN = re.compile(r"(?:\b(?:of|and|for)|,)\s+$")
#: a name in apposition: ", Ana Ruiz,"
RE_COMMA_NAME_COMMA = re.compile(r",[ \u00a0]+(" + RE_NAME_RUN.pattern + r"),")


def _name_index(text: str, headline: Optional[Span] = None) -> List[Tuple[int, str]]:
    """(position, full name) for every capitalized name of two or more tokens in the text."""
    out: List[Tuple[int, str]] = []
    for m in RE_NAME_RUN.finditer(text):
        if headline is not None and headline[0] <= m.start() < headline[1]:
            continue  # a title-case headline is not a run of names
        run = m.group()
        # only a name of three or more words is cut after a title: most runs need not look back
        after_title = len(run.split()) > 2 and \
            RE_AFTER_TITLE_JOIN.search(text, max(0, m.start() - 5), m.start()) is not None
        name = _full_name(run, after_title)
        if name is not None:
            out.append((m.start(), name))
    return out


@lru_cache(maxsize=4096)  # an article repeats its names, and news the same people's
def _full_name(run: str, after_title: bool) -> Optional[str]:
    """The full name (two or more tokens) a run of capitalized words gives, if any; ``after_title``:
    the run follows a title phrase's "of"/"and"/"for" or comma."""
    words = run.split()
    while words and word_key(words[0]) in INTRO_WORDS:
        words = words[1:]  # "As Trump put it", "When Ana Ruiz spoke": the sentence's first word
    if len(words) < 2:
        return None  # (the canonical name of one word is one word)
    name = canonical_name(" ".join(words))
    if after_title and len(name.split()) > 2:
        name = " ".join(name.split()[-2:])  # "... of Energy and Mines Ana Ruiz": the name is the end
    return name if len(name.split()) >= 2 and mention_class(name) == "name" else None


_role_word = lru_cache(maxsize=None)(lambda head: re.compile(r"(?i:" + re.escape(head) + ")"))
"""A role word's pattern ("spokeswoman"), compiled once (re's own cache overflows)."""


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
    headline: Optional[Span] = None,
    sentences: Sequence[Span] = (),
) -> List[Optional[str]]:
    """Resolve each statement's speaker mention, in text order (see module notes).

    ``mentions`` holds one ``(speaker_span, antecedent_span)`` per statement,
    sorted by position; ``antecedent_span`` is the noun phrase a relative
    pronoun refers to (or ``None``). ``headline``: the headline's span (its title-cased words
    are not names); ``sentences``: the sentence spans, for the subject a pronoun continues.
    Returns one resolved speaker (or ``None``) per statement.
    """
    names = _name_index(text, headline)
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
        titled = _titled_name(text, mention, span, by_token) if cls in ("description", "org", "group") \
            else _title_holder(text, mention, span)
        appositive = _appositive_name(text, span) if cls in ("description", "org", "group") or (
            cls == "name" and low.split()[0] in ("the", "a", "an")) else None  # "The premier of Ontario, <Name>,"
        if cls == "pronoun":
            speaker, scls = _resolve_pronoun(text, low, span, antecedent, history, names, by_token, sentences)
        elif appositive is not None:
            speaker, scls = appositive, "person"
        elif titled is not None:
            speaker, scls = titled, "person"
        elif cls == "description":
            # "a source said ... the source added": an earlier speaker with the same head noun first
            head = low.split()[-1]
            same = next((sp_ for p_, sp_, c_, m_ in reversed(mention_heads) if m_ == head and c_ != "description"), None)
            speaker, scls = (same or _named_next(text, mention, span, sentences, names)
                             or _last_person(history, span[0], names) or mention), "person"
        elif cls == "name" and (expanded := acronyms.expand(text, mention.strip(), *_window(text, span))):
            speaker, scls = expanded, "org"  # "MFA" -> "Ministry of Foreign Affairs"
        elif cls == "name":
            speaker, scls = _resolve_name(mention, span[0], names, by_token), "person"
        elif cls == "org":
            speaker, scls = canonical_name(mention), "org"
        else:
            named = _named_next(text, mention, span, sentences, names)
            speaker, scls = (named, "person") if named else (mention, "group")
        out.append(speaker)
        if speaker is not None:
            history.append((span[0], speaker, scls))
            mention_heads.append((span[0], speaker, cls, low.split()[-1] if low.split() else ""))
    _headline_roles(text, mentions, out, headline)
    return out


def _headline_roles(text: str, mentions: Sequence[Tuple[Optional[Span], Optional[Span]]],
                    out: List[Optional[str]], headline: Optional[Span]) -> None:
    """A headline's role without a name ("Tariffs will hurt, warns state premier") is the person
    the body first names under the same role word ("The premier of the state, Ana Ruiz, said")."""
    if headline is None:
        return
    for k, (span, _) in enumerate(mentions):
        if span is None or not headline[0] <= span[0] < headline[1] \
                or mention_class(text[span[0]:span[1]]) not in ("description", "group"):
            continue
        head = text[span[0]:span[1]].split()[-1].lower()
        out[k] = next((sp for (body, _), sp in zip(mentions, out)
                       if body is not None and body[0] >= headline[1] and sp is not None
                       and head in text[body[0]:body[1]].lower().split()
                       and len(sp.split()) >= 2 and mention_class(sp) == "name"), out[k])


def _resolve_pronoun(text: str, low: str, span: Span, antecedent: Optional[Span],
                     history: Sequence[Tuple[int, str, str]], names: Sequence[Tuple[int, str]],
                     by_token: dict, sentences: Sequence[Span] = ()) -> Tuple[Optional[str], str]:
    """``who`` -> its antecedent; ``he``/``she`` -> the named person who is the subject of the
    sentence (before the pronoun) or of the sentence before, else the last named speaker; ``they``
    -> the last group; ``it`` -> such a subject if an organization, else the last organization.
    Returns the speaker and the class it stands for."""
    kind = PRONOUNS.get(low, "")
    speaker: Optional[str]
    if kind == "relative" and antecedent is not None:
        speaker = _resolve_name(text[antecedent[0]:antecedent[1]], antecedent[0], names, by_token)
    elif kind == "person_sg":
        speakers = frozenset(s for _, s, c in history if c == "person")
        speaker = _subject_person(text, span, sentences, names, by_token, speakers) \
            or _last_person(history, span[0], names)
    elif kind == "plural":
        speaker = next((s for p, s, c in reversed(history) if c == "group"), None)
    elif kind == "thing":
        speaker = _subject_org(text, span, sentences) or next((s for p, s, c in reversed(history) if c == "org"), None)
    else:
        speaker = None
    return speaker, ("person" if kind == "person_sg" else ("group" if kind == "plural" else "org"))


def _resolve_name(mention: str, pos: int, names: Sequence[Tuple[int, str]], by_token: Optional[dict] = None) -> str:
    if mention_class(mention) == "org":
        return canonical_name(mention)
    name = canonical_name(mention)
    return _join_short(name, pos, names, by_token)


def _subject_person(text: str, span: Span, sentences: Sequence[Span], names: Sequence[Tuple[int, str]],
                    by_token: dict, speakers: frozenset = frozenset()) -> Optional[str]:
    """The named person a ``he``/``she`` continues (:func:`~.sentence_subjects.continued_subject`); ``None`` unless
    that is a name introduced as a person's, or one of two or more words that spoke before."""
    subj = continued_subject(text, span, sentences)
    if subj is None or mention_class(text[subj[0]:subj[1]]) != "name":
        return None  # "The ministry said ... He ...": leave it to the speakers so far
    name = _resolve_name(text[subj[0]:subj[1]], subj[0], names, by_token)
    introduced = _introduced_as_person(text, name, span)  # ("President Moss" makes "Moss" a person)
    return name if (len(name.split()) >= 2 and name in speakers) or introduced else None


def _subject_org(text: str, span: Span, sentences: Sequence[Span]) -> Optional[str]:
    """The organization or state an ``it`` continues ("The ministry issued rules. It said ...")."""
    subj = continued_subject(text, span, sentences)
    return canonical_name(text[subj[0]:subj[1]]) if subj is not None and \
        mention_class(text[subj[0]:subj[1]]) == "org" else None


def _window(text: str, span: Span) -> Tuple[int, int]:
    """The stretch of ``text`` around ``span`` that resolution searches (``LIMITS.resolution_window``)."""
    return max(0, span[0] - LIMITS.resolution_window), min(len(text), span[1] + LIMITS.resolution_window)


RE_WORD_BEFORE = re.compile(r"[\w’'.]+")
#: a comma and a role after a name ("Li Na, a spokeswoman")
RE_ROLE_AFTER = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?([\w’']+)(?:\s+([\w’']+))?")


def _introduced_as_person(text: str, name: str, span: Span) -> bool:
    """Is ``name`` introduced as a person somewhere: after a title or role ("Vice Premier He
    Wenbo", "spokeswoman Li Na") or before a comma and a role ("Li Na, a spokeswoman")? Keeps a
    place or country at the start of a sentence ("The United States ...") from taking a pronoun."""
    for start in whole_word_starts(text, name, *_window(text, span)):
        before = RE_WORD_BEFORE.findall(text, max(0, start - 30), start)
        if before and (before[-1].rstrip(".") in TITLES or before[-1].lower() in PERSON_NOUNS
                       or before[-1].lower() in TITLES_LOWER):
            return True
        after = RE_ROLE_AFTER.match(text, start + len(name), start + len(name) + 60)
        if after and any(w and (w.lower() in PERSON_NOUNS or w.lower() in TITLES_LOWER) for w in after.groups()):
            return True
    return False


def _title_holder(text: str, mention: str, span: Span) -> Optional[str]:
    """A long title written without its holder resolved to the name the article writes after the
    same title elsewhere: "The Minister of Trade and Industry" -> "Ana Ruiz" from "Minister of
    Trade and Industry Ana Ruiz"."""
    if " of " not in mention:
        return None  # (most mentions; the test below needs " of " in the title, a part of the mention)
    title = re.sub(r"^[Tt]he\s+", "", mention.strip())
    words = title.split()
    if len(words) < 3 or " of " not in title or words[0].rstrip(".") not in TITLES:
        return None
    for start, run in names_after(re.compile(re.escape(title)), text, *_window(text, span), word_start=False):
        if not span[0] <= start < span[1]:
            name = canonical_name(run)
            if len(name.split()) >= 2 and mention_class(name) == "name":
                return name
    return None


def _titled_name(text: str, mention: str, span: Span, by_token: dict) -> Optional[str]:
    """A description resolved to the name the article gives the same role: "the spokeswoman"
    -> "Li Na" where the article writes "spokeswoman Li Na" or "the spokeswoman, Li Na,".
    Among several, the one whose preceding words share most words with the description, then the
    closest."""
    words = [w for w in RE_TOKEN.findall(mention) if w[:1].isalpha()]
    head = next((w.lower() for w in words if w.islower() and PERSON_NOUNS.get(w.lower()) == ("sg", "person")), None)
    if head is None:
        return None
    others = {re.sub(r"[’']s$", "", w.lower()) for w in words if w.lower() != head and w.lower() not in DETERMINERS}
    lower = [w.lower() for w in words]
    owned = any(re.search(r"[’']s$", w) for w in lower[:lower.index(head)])  # "China's ambassador"
    best: Optional[Tuple[int, int, str]] = None
    for start, run in names_after(_role_word(head), text, *_window(text, span), word_start=True):
        if span[0] <= start < span[1]:
            continue
        name = canonical_name(run)
        if len(name.split()) < 2 or mention_class(name) != "name" or name.split()[0].lower() in PRONOUNS:
            continue
        before = {w.lower().rstrip("’'s") for w in re.findall(r"[\w’']+", text[max(0, start - 60):start])}
        key = (len(others & before), -abs(start - span[0]), name)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None or (owned and best[0] == 0):
        return None  # "China's ambassador" is not the Russian ambassador named elsewhere
    return best[2]


def _appositive_name(text: str, span: Span) -> Optional[str]:
    """The wire lede's "<role>, <Name>, said": a description or title followed by a person's full
    name between commas is that person ("The head of the agency, Ana Ruiz, warned" -> "Ana Ruiz")."""
    m = RE_COMMA_NAME_COMMA.match(text, span[1], span[1] + 80)
    if m is None:
        return None
    name = canonical_name(m.group(1))
    return name if len(name.split()) >= 2 and mention_class(name) == "name" else None


def _owned_role(mention: str) -> bool:
    """Someone's one-person role without a name: "the government's chief spokesperson",
    "Peru's trade envoy" (not "supporters of X for president", not "the Gawker employee", which
    refers back to someone already named)."""
    words = [w for w in RE_TOKEN.findall(mention) if w[:1].isalpha() or w in ("’s", "'s")]
    return bool(words) and words[-1].islower() and PERSON_NOUNS.get(words[-1]) == ("sg", "person") \
        and any(w in ("’s", "'s") or w.endswith(("’s", "'s")) for w in words[:-1]) \
        and not any(w in ("of", "for", "at", "in", "with", "from") for w in words)


def _named_next(text: str, mention: str, span: Span, sentences: Sequence[Span],
                names: Sequence[Tuple[int, str]]) -> Optional[str]:
    """The wire lede: a role stated without a name ("the ministry's spokesperson said ...") is the
    person the next sentence names first as a speaker ("Ana Ruiz said ..."), when the article
    has not named that person before (a person named earlier is someone else). A name in
    apposition ("the union's president, Ana Ruiz, said") comes first."""
    if not _owned_role(mention):
        return None
    apposition = RE_COMMA_NAME_COMMA.match(text, span[1], span[1] + 80)
    if apposition is not None and mention_class(apposition.group(1)) == "name":
        return canonical_name(apposition.group(1))
    k = bisect.bisect_right(sentences, (span[0], len(text))) - 1  # the sentence holding the mention
    if k < 0 or k + 1 >= len(sentences):
        return None
    lo, hi = sentences[k + 1]
    i = bisect.bisect_left(names, (lo, ""))
    first = names[i] if i < len(names) and names[i][0] < hi else None
    if first is None or not RE_CUE.match(text, text.find(first[1], first[0]) + len(first[1]) + 1):
        return None
    surname = re.compile(r"(?<![\w-])" + re.escape(first[1].split()[-1]) + r"(?![\w-])")
    if surname.search(text, _window(text, span)[0], span[0]):
        return None
    return first[1]


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
    resolved = resolve_speakers(text, [(c.speaker, c.antecedent) for c in order], doc.headline,
                                [(x.start, x.end) for x in doc.sentences])
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
