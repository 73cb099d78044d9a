"""Statement detection: who said what, as :class:`~stance.types.Quote` records.

The public entry point is :func:`find_quotes`. It runs the ordered tuple of
named rules :data:`RULES` over one article: five sentence rules (trailing cue,
according to, as cue, subject cue, shared subject), each seeing every sentence with the
cues the earlier rules left unclaimed, then two document rules (paragraph
extension, continuation). Every statement's ``rule`` field is the stable dotted
name of the case that produced it, so a wrong attribution leads straight back
to one rule (``scripts/bench_attribution.py`` prints scores per rule name).

Statement rule names:

* ``direct.quote_then_cue`` — ``"It works," she said.`` / ``"...?" asked Li.``
* ``direct.split_quote`` — ``"It works," she said, "and it is cheap."``
* ``direct.cue_then_quote`` — ``She said: "It works."`` / ``He told CNN, "..."``
* ``indirect.trailing_cue`` — ``The talks went well, Sun said.`` /
  ``..., Zhu Yongbiao, director of ..., told the Global Times.``
* ``indirect.inverted_cue`` — ``The talks went well, said Zhu.``
* ``indirect.subject_cue`` — ``Zhu said (that) the talks went well.`` /
  ``Xi told reporters ...`` / ``Xi called on both sides to ...``
* ``indirect.according_to`` — ``According to the ministry, ...`` /
  ``..., according to the ministry.`` (only when no other speaker is named;
  otherwise the named channel becomes ``via``)
* ``indirect.as_cue`` — ``As the ministry said on Monday, the talks went well.``: the content
  is the main clause after the attribution
* ``indirect.parenthetical_cue`` — ``The talks, Sun said, went well.``: the
  attribution sits inside the sentence; the content covers the sentence around it
* ``indirect.shared_subject`` — ``..., said Zhu, noting that ...`` /
  ``He said ... and vowed to ...``: same speaker, new cue
* ``paragraph.trailing_cue`` — a paragraph ending ``..., Sun said.`` also
  gives Sun the paragraph's earlier sentences that have no attribution and
  read as reported speech (no quotation marks, no first person, not opening
  with a pronoun subject or a narrative connective: see ``_reads_as_reported``)
* ``paragraph.leading_cue`` — a paragraph opening ``Sun said that ...`` (an
  explicit ``that``) is Sun's to its end under the same conditions
* ``direct.block_quote`` — ``The governor added:`` closing a paragraph, the next
  paragraph (without quotation marks) is the content
* ``direct.continued`` — quoted sentences right after a direct (or trailing)
  statement in the same paragraph continue it; a quote reopened at the next
  paragraph without having been closed is always followed

``find_quotes`` is pure: all per-call state lives in local objects.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

from . import lexicon
from .segment import split_paragraphs, split_sentences
from .speakers import mention_after, mention_before, resolve_speakers, sentence_subject
from .types import Quote, Sentence, Span

__all__ = ["find_quotes", "RULES", "RULE_NAMES", "quote_kind"]

# --------------------------------------------------------------------------- constants

#: the longest tail (in tokens) after a trailing cue that still reads as "when/where/to whom"
#: (", Sun said on Wednesday in Beijing.") rather than as the content of a new clause
MAX_TRAILING_TAIL_TOKENS = 10
#: how far (tokens) "that" may sit after the cue and still open the content
#: ("said in a statement on Wednesday that ...")
MAX_THAT_DISTANCE = 10
#: the shortest content (in word tokens) worth reporting as a statement
MIN_CONTENT_WORDS = 2
#: how many sentences a paragraph-final cue may reach back over (a whole news paragraph)
MAX_PARAGRAPH_REACH = 6
#: quote-only paragraphs that may continue a direct statement whose quote was closed (measured
#: on PolNeAR dev+train: crossing paragraphs does not pay; reopened quotes are chained anyway)
MAX_CONTINUED_PARAGRAPHS = 0  # a closed quote + a new quoted paragraph: annotators treat it as new
#: adverbs that may stand between an auxiliary and a progressive cue ("is now demanding")
PROGRESSIVE_ADVERBS = frozenset("also still now again once already always even just increasingly not never".split())
#: "with Senator Tom Lund telling ...", "footage of Ana Reyes asking ...": the name is the speaker
RE_OF_WITH_NAME = re.compile(r"\b(?:with|of)\s+((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w'’-]*)\s+$")
#: how many words may separate an attribution from the quotation that continues it
#: ('"A," he said in a statement Monday, "B."')
MAX_SPLIT_GAP_WORDS = 8
#: whether a mid-sentence "..., according to X, ..." covers the whole sentence
ACCORDING_SPANS_SENTENCE = True
#: whether quoted sentences after a trailing indirect/mixed attribution continue it
CONTINUE_TRAILING = True

_VERBS = [v for v in lexicon.reporting_verbs() if v.kind in ("speech", "source") and v.use != "no"]
#: headline forms ("Mayor Says Bridge Will Reopen"): the title-cased form of every cue, matched only
#: in a title-case headline (see ``_is_headline``)
_TITLE_VERBS = [v._replace(form=" ".join(w[:1].upper() + w[1:] for w in v.form.split())) for v in _VERBS
                if v.form[:1].islower() and v.form != "according to"]
_TITLE_VERBS = [v for v in _TITLE_VERBS if v.form not in {u.form for u in _VERBS}]
_FORMS = sorted({v.form for v in _VERBS if v.form != "according to"}, key=len, reverse=True)
RE_CUE = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(f) for f in _FORMS) + r")(?![\w’'-])")
#: cues in a headline: the lexicon forms and their title-cased forms
RE_CUE_HEADLINE = re.compile(r"(?<![\w’'-])(?:" + "|".join(
    re.escape(f) for f in sorted(set(_FORMS) | {v.form for v in _TITLE_VERBS}, key=len, reverse=True)) + r")(?![\w’'-])")
_VERBS += _TITLE_VERBS
CUE_KIND = {v.form: v for v in _VERBS}
RE_ACCORDING = re.compile(r"(?<![\w’'-])[Aa]ccording to(?![\w’'-])")
RE_WORD = re.compile(r"\w+")
RE_NON_SPACE = re.compile(r"\S")
RE_TOKEN = re.compile(r"\w+(?:[.'’&-]\w+)*|[^\w\s]")
OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
STRAIGHT = '"'
RE_QUOTE_MARK = re.compile(r"''|[“”«»„\"]")
#: characters that can begin / end a quotation region (doubled apostrophes included)
QUOTE_START = OPEN_QUOTES + STRAIGHT + "'"
QUOTE_END = CLOSE_QUOTES + STRAIGHT + "'"
#: cue forms that take the content right after them (no speaker-object to skip)
CONTENT_FIRST = frozenset(
    v.form for v in _VERBS if v.lemma in ("call on", "call for", "urge", "point out", "go on to say")
)
TELL_FORMS = frozenset(v.form for v in _VERBS if v.lemma in ("tell", "inform", "assure", "ask", "urge", "warn", "remind"))
#: cues whose following noun phrase is a hearer, never an inverted speaker ("..., told the paper")
NO_INVERSION = frozenset(v.form for v in _VERBS if v.lemma in ("tell", "inform", "assure", "remind"))
#: weak cues: a statement only before "that", ":" or a quotation, or in trailing position
WEAK_FORMS = frozenset(v.form for v in _VERBS if v.use in ("that", "to", "noun"))
#: forms read mostly as nouns ("his claims", "30 states"): never trailing cues
NOUN_FORMS = frozenset(v.form for v in _VERBS if v.use == "noun")
#: forms that also take a to-infinitive as their content ("pledged to push for ...")
TO_FORMS = frozenset(v.form for v in _VERBS if v.use == "to")
#: past-tense cues that may continue a statement with the same subject after "and"
AND_SHARED_LEMMAS = frozenset("add vow promise pledge warn urge call on call for say note insist argue claim suggest "
                              "predict declare stress emphasize acknowledge admit".split()) | frozenset(
    # "... showed restraint and described the deal as ...": any speech lemma with a plain past cue form
    v.lemma for v in _VERBS if v.use == "cue" and v.tag == "past" and v.kind == "speech")
#: what a trailing attribution's tail may start with ("..., Sun said on Monday in Beijing.")
ADVERBIAL_STARTS = frozenset(
    "in on at during for with from by of about to into after before since through last this earlier later "
    "recently yesterday today tonight then again repeatedly afterward afterwards late early once also "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december when while as according".split()
)
PASSIVE_AUX = frozenset("was were been be being is are".split())
SHARED_SUBJECT_FORMS = frozenset(v.form for v in _VERBS if v.tag in ("ing",))
#: words that open a new clause in a trailing tail ("..., Sun said, and the talks ended")
TAIL_STOP = frozenset("that and but because while although if when as which who".split())
WH_BLOCKERS = frozenset("what as than how whatever".split())
#: "what X said was ...", "how experts say it would work": the wh-clause, with its speaker and
#: cue, is the content (PolNeAR's reading)
WH_SAY_CLAUSE = True
#: a speaker mention that is a reduced relative clause ("the impact it" said) or headed by a
#: free-choice pronoun ("Everything Moss" says) is not a speaker
BAD_MENTION_CHECK = True
COORD_AFTER_CUE = True
SHARED_QUOTE_RUNS_ON = True
#: "said officials have video that ...": only a tell-type cue takes a hearer before "that"
HEARER_NEEDS_TELL = True
#: "-ly" before "that" is an adverbial only alone or before another adverbial ("said publicly
#: on Monday that"), not in "proposed jointly owned drones that could ..."
LY_NEEDS_ADVERBIAL = True
RE_BAD_MENTION = re.compile(r"^(?:Everything|Anything|Nothing|Something|Whatever)\s+\S|\b[a-z]\w+\s+(?:it|he|she|they|we)$")
RE_WH_NO_COMPLEMENT = re.compile(r"\s+(?:when|after|before|during|since|in|on|at|to|about|of|for|with|by|as)\b")
RE_WH_CLAUSE_END = re.compile(r"[,;:.!?()]|\s[–—―-]+\s|\s(?:and|but|or|while|because)\s")


# --------------------------------------------------------------------------- records


@dataclass
class _Frame:
    """A statement under construction (mutable, local to one call)."""

    content: Span
    speaker: Optional[Span]
    cue: Span
    rule: str
    sentence: int
    antecedent: Optional[Span] = None
    via: Optional[Span] = None
    direct: bool = False
    trailing: bool = False
    extra: List[Span] = field(default_factory=list)
    tail: str = ""


@dataclass(frozen=True)
class _Doc:
    text: str
    sentences: Tuple[Sentence, ...]
    paragraphs: Tuple[Tuple[int, int], ...]
    regions: Tuple[Tuple[int, int], ...]  # (open_mark, close_mark_end) of quotations
    inside: bytes  # 1 where a char is inside a quotation (marks included)
    by_start: dict  # region start -> region
    by_end: dict  # region end -> region
    starts: Tuple[int, ...]  # sorted region starts (for bisect)


# --------------------------------------------------------------------------- quotations


def _quote_regions(text: str) -> List[Tuple[int, int]]:
    """Spans ``(open, close+1)`` of double-quoted stretches, marks included.

    Paired per line; a quote left open at the end of a line continues into
    the next line when that line starts with an opening mark (the news
    convention for multi-paragraph quotes); otherwise the stray mark is
    skipped. Never raises on unbalanced marks.
    """
    regions: List[Tuple[int, int]] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for li, (ls, le) in enumerate(lines):
        open_at: Optional[int] = None
        for m in RE_QUOTE_MARK.finditer(text, ls, le):
            i, ch = m.start(), m.group()
            if ch in OPEN_QUOTES:
                open_at = i
            elif ch in CLOSE_QUOTES:
                if open_at is not None:
                    regions.append((open_at, m.end()))
                    open_at = None
            else:  # straight " or doubled ''
                prev = text[i - 1] if i > ls else " "
                nxt = text[m.end()] if m.end() < le else " "
                if open_at is None:
                    if prev.isspace() or prev in "([{—–―‒-:/" or i == ls:
                        open_at = i
                elif not nxt.isalnum() or prev in ".,!?;:’'…":
                    regions.append((open_at, m.end()))
                    open_at = None
                elif prev.isspace():
                    open_at = i
        if open_at is not None:
            nxt = lines[li + 1] if li + 1 < len(lines) else None
            if nxt is not None:
                j = nxt[0]
                while j < nxt[1] and text[j].isspace():
                    j += 1
                if j < nxt[1] and (text[j] in OPEN_QUOTES or text[j] == STRAIGHT or text.startswith("''", j)):
                    end = le
                    while end > open_at and text[end - 1].isspace():
                        end -= 1
                    regions.append((open_at, end))
    regions.sort()
    return regions


def quote_kind(text: str, span: Span, inside: bytes) -> str:
    """``direct`` when >= 80% of the content's letters are inside quotation marks, ``mixed``
    when some are, else ``indirect`` (the PolNeAR converter's definition)."""
    letters = quoted = 0
    for i in range(span[0], span[1]):
        if text[i].isalpha():
            letters += 1
            quoted += inside[i]
    if not letters or not quoted:
        return "indirect"
    return "direct" if quoted >= 0.8 * letters else "mixed"


# --------------------------------------------------------------------------- helpers


def _trim(text: str, s: int, e: int, *, strip_that: bool = False, final_period: bool = True) -> Span:
    """Trim whitespace, outer quote marks, a leading ``that`` and trailing punctuation."""
    quotes = OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT
    while True:
        s0, e0 = s, e
        while s < e and (text[s].isspace() or text[s] in ":,;—–―‒-"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–―‒-"):
            e -= 1
        if final_period:
            while e > s and text[e - 1] == ".":
                e -= 1
        if strip_that and text.startswith("that ", s):
            s += 5
        if text.startswith("''", s) and "''" not in text[s + 2:e]:
            s += 2
        elif text.startswith("''", s) and text.endswith("''", s, e) and e - s >= 4:
            s, e = s + 2, e - 2
        elif e - s >= 2 and text.endswith("''", s, e) and "''" not in text[s:e - 2]:
            e -= 2
        if e - s >= 2:
            first, last = text[s], text[e - 1]
            inner = text[s + 1:e - 1]
            n_inner = sum(inner.count(q) for q in quotes)
            if first in OPEN_QUOTES + STRAIGHT and last in CLOSE_QUOTES + STRAIGHT and (n_inner % 2 == 0 or "\n" in inner):
                s, e = s + 1, e - 1
            elif first in OPEN_QUOTES + STRAIGHT and sum(text[s:e].count(q) for q in quotes) % 2 == 1:
                s += 1
            elif last in CLOSE_QUOTES + STRAIGHT and sum(text[s:e].count(q) for q in quotes) % 2 == 1:
                e -= 1
        if (s, e) == (s0, e0):
            return s, e


def _words(text: str, s: int, e: int) -> int:
    return len(RE_WORD.findall(text, s, e))


def _toks(text: str, s: int, e: int) -> List[Tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in RE_TOKEN.finditer(text, s, e)]


def _regions_from(doc: _Doc, k: int):
    """The quotation regions from index ``k`` on, without copying the tuple."""
    return (doc.regions[i] for i in range(k, len(doc.regions)))


def _region_starting_at(doc: _Doc, pos: int) -> Optional[Tuple[int, int]]:
    return doc.by_start.get(pos)


def _chain_back(doc: _Doc, region: Tuple[int, int]) -> int:
    """Start of a quotation, following reopened-paragraph quotes backwards."""
    start = region[0]
    while True:
        # the region (if any) that ends at the last non-space character before ``start``
        j = start
        while j > 0 and doc.text[j - 1].isspace():
            j -= 1
        prev = doc.by_end.get(j)
        if prev is None or prev[1] >= start or "\n" not in doc.text[j:start] or doc.text[j - 1] in QUOTE_END:
            return start
        start = prev[0]  # a region that ran to its line end right before this one


def _chain_forward(doc: _Doc, region: Tuple[int, int]) -> int:
    """End of a quotation, following reopened-paragraph quotes forwards."""
    end = region[1]
    while doc.text[end - 1] not in QUOTE_END:
        k = bisect.bisect_left(doc.starts, end)  # only the next region can follow with nothing but spaces
        if k == len(doc.regions) or RE_NON_SPACE.search(doc.text, end, doc.regions[k][0]):
            break
        end = doc.regions[k][1]
    return end


def _sentence_of(doc: _Doc, pos: int) -> int:
    lo, hi = 0, len(doc.sentences) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if doc.sentences[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


#: small words a title-case headline leaves in lower case
HEADLINE_SMALL = frozenset("a an the of to in on for and or but at by with from as vs via is".split())


def _is_headline(text: str, s: Sentence) -> bool:
    """``Mayor Lee Says Bridge Will Reopen In May``: most words capitalized, as in a headline."""
    words = [w for w in RE_WORD.findall(text, s.start, s.end) if w[:1].isalpha() and w.lower() not in HEADLINE_SMALL]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.85 * len(words)


#: cue forms that are not speech in context: "it all adds up"
NOT_CUE_CONTEXT = True


def _measure_not_cue(text: str, lo: int, cs: int, ce: int) -> bool:
    form = text[cs:ce]
    if CUE_KIND[form].lemma == "add" and re.match(r"\s+up\b", text[ce:ce + 4]):
        return True  # "the costs add up": not speech
    return False


MAX_CUES_PER_SENTENCE = 16
"""Cues kept per sentence (news sentences have at most a handful). The rules look back over the sentence
from each cue, so this bound, with :data:`~stance.segment.MAX_SENTENCE_CHARS`, keeps attribution linear
in the text even on degenerate input such as ``"Lee said said said ..."``."""


def _cues(doc: _Doc, s: Sentence) -> List[Tuple[int, int]]:
    out: List[Tuple[int, int]] = []
    rx = RE_CUE_HEADLINE if _is_headline(doc.text, s) else RE_CUE
    for m in rx.finditer(doc.text, s.start, s.end):
        if doc.inside[m.start()] or (m.start() == s.start and m.group()[:1].isupper()):
            continue
        if NOT_CUE_CONTEXT and _measure_not_cue(doc.text, s.start, m.start(), m.end()):
            continue
        out.append((m.start(), m.end()))
        if len(out) == MAX_CUES_PER_SENTENCE:
            break
    return out


HEARER_WORDS = frozenset("him her them me us you reporters journalists supporters lawmakers voters viewers "
                         "listeners members officials the a an".split()) - {"the", "a", "an"}


def _tail_kind(doc: _Doc, pos: int, end: int, hearer_skip: bool = False, inverted: bool = False) -> Tuple[str, int]:
    """Classify the text after a trailing attribution: ``end`` (nothing but an adverbial),
    ``according`` (``, according to X``), ``shared`` (``, noting that ...``), ``quote`` (``, "..."``),
    ``clause`` (something else). Returns the kind and the position where it starts."""
    text = doc.text
    j = pos
    while j < end and text[j] in " \t\u00a0":
        j += 1
    rest = text[j:end]
    if not rest.strip(" .!?\"”’'") or rest.strip() in (".", "!", "?"):
        return "end", j
    m = re.match(r"[,;]?\s*", rest)
    k = j + (m.end() if m else 0)
    if RE_ACCORDING.match(text, k):
        return "according", k
    if k < len(text) and text[k] in QUOTE_START and doc.inside[k]:
        return "quote", k
    cm = RE_CUE.match(text, k)
    if cm and text[j] == "," and cm.group() in SHARED_SUBJECT_FORMS:
        return "shared", k
    am = re.match(r"and\s+(?:then\s+|also\s+)?", text[k:end])
    if am:
        cm = RE_CUE.match(text, k + am.end())
        if cm and CUE_KIND[cm.group()].lemma in AND_SHARED_LEMMAS:
            return "shared", k + am.end()
    if rest[:1] in ",—–―‒(" and inverted and re.match(r"[,—–―‒(]\s*(?:a|an|the|who|whom|whose|which|as|while|after|before|"
                                          r"when|because|although|though|in|on|at|during|speaking|referring|"
                                          r"referencing|citing|pointing|responding|\w+ing)\b", rest):
        return "end", j  # an apposition or a subordinate clause, not content
    if rest[:1] == ":":
        return "clause", j
    toks = _toks(text, j, end)
    first_part = []
    for t in toks:
        if t[2] in (",", "—", "–", "―", "‒", ";", "(") or doc.inside[t[0]]:
            if doc.inside[t[0]]:
                # 'told MSNBC's "Morning Joe" that ...': a complement after the quoted name
                after_q = [x for x in toks if x[0] > t[0] and not doc.inside[x[0]]]
                if after_q and after_q[0][2].lower() == "that":
                    return "clause", j
            break
        first_part.append(t)
    rest_after = first_part[-1][1] if first_part else j
    sm = re.match(r"\s*,\s*(?:and\s+)?", text[rest_after:end])
    paren = False
    if sm:
        cm = RE_CUE.match(text, rest_after + sm.end())
        if cm and cm.group() in SHARED_SUBJECT_FORMS:
            shared_at = rest_after + sm.end()
        else:
            shared_at = None
            after_comma = text[rest_after + sm.end():end]
            # "The truth, the senator said, was that ...": the sentence goes on after the attribution
            if (not inverted and sm.group().strip() == "," and _words(after_comma, 0, len(after_comma)) >= 3
                    and not after_comma.lstrip()[:1] in QUOTE_START
                    and not RE_ACCORDING.match(after_comma.lstrip())
                    and not re.match(r"\s*(?:who|which|whose|whom|but|and|though|although|while|as|because|when|"
                                     r"after|before|if|even)\b", after_comma)):
                paren = True
    else:
        shared_at = None
    words = [t for t in first_part if t[2][:1].isalnum()]
    if words and hearer_skip:
        words = words[_hearer_len(words):]
    if not words:
        if paren:
            return "parenthetical", j
        return ("shared", shared_at) if shared_at is not None else ("end", j)
    if words[0][2].lower() not in ADVERBIAL_STARTS and not (words[0][2].endswith("ly") and words[0][2].islower()):
        return "clause", j
    if words[0][2].lower() in ("as", "when", "while", "after", "before", "because", "during"):
        # "..., Okafor told his advisers as he labored over ...": a subordinate clause of time
        return ("shared", shared_at) if shared_at is not None else ("end", j)
    if words[0][2].lower() == "to" and len(words) > 1 and words[1][2][:1].islower() \
            and words[1][2].lower() not in HEARER_WORDS | {"the", "a", "an", "his", "her", "their", "its", "my", "our"}:
        return "clause", j  # "Moss called to ban ...": an infinitive is content
    if len(words) <= MAX_TRAILING_TAIL_TOKENS and not any(t[2].lower() in TAIL_STOP - {"as", "when", "while"} for t in words[1:]):
        if paren:
            return "parenthetical", j
        return ("shared", shared_at) if shared_at is not None else ("end", j)
    return "clause", j


MEDIA_WORDS = frozenset(w for w, c in lexicon.org_words().items() if c == "media")


def _media_hearer(doc: _Doc, cue: Span, end: int) -> Optional[Span]:
    """``told the Global Times``: the hearer when it is a news outlet (DESIGN: the channel is
    ``via``, not a second speaker); ``None`` for people ("told reporters", "told me")."""
    text = doc.text
    if text[cue[0]:cue[1]] not in TELL_FORMS:
        return None
    toks = [t for t in _toks(text, cue[1], min(end, cue[1] + 120))]
    words = []
    for t in toks:
        if not (t[2][:1].isalnum() or t[2] in ("’s", "'s", "’", "'")):
            break
        words.append(t)
    n = _hearer_len(words)
    hearer = words[:n]
    if hearer and any(t[2] in MEDIA_WORDS for t in hearer):
        return (hearer[0][0], hearer[-1][1])
    return None


def _hearer_len(words: Sequence[Tuple[int, int, str]]) -> int:
    """Tokens of the hearer after ``told`` ("the Global Times", "reporters", "CNN’s Jake Tapper",
    "a Senate panel", "his closest advisers"): up to an adverbial, a time word or the end."""
    if not words:
        return 0
    w0 = words[0][2]
    if w0.lower() in HEARER_WORDS:
        return 1
    if w0.lower() in ("the", "a", "an", "his", "her", "their", "its", "our", "my"):
        i = 1
        while i < len(words) and i <= 5 and words[i][2].lower() not in ADVERBIAL_STARTS:
            i += 1
        return i
    i = 0
    while i < len(words) and (words[i][2][:1].isupper() or words[i][2] in ("’s", "'s", "&")) \
            and words[i][2].lower() not in ADVERBIAL_STARTS:
        i += 1
    return i


def _content_end(doc: _Doc, start: int, end: int) -> Tuple[int, Optional[Span], Optional[Tuple[int, int]]]:
    """Where indirect content starting at ``start`` ends inside ``[start, end)``: before
    ``, according to X`` (returns its mention as ``via``) or before a shared-subject cue
    (``, adding that``). Returns (end, via_span, shared_cue_span)."""
    text = doc.text
    via = None
    shared = None
    for m in RE_ACCORDING.finditer(text, start, end):
        if doc.inside[m.start()]:
            continue
        pre = text[start:m.start()].rstrip()
        if pre.endswith(","):
            via = mention_after(text, m.end(), end)
            return len(pre) + start - 1 if False else start + len(pre) - 1, via, None
    stop = end
    # an independent clause after a semicolon (outside quotations) is not part of the content
    for m in RE_CLAUSE_BREAK.finditer(text, start, end):
        if not doc.inside[m.start()] and (m.group() == ";" or _words(text, start, m.start()) >= 3):
            stop = m.start()
            break
    if COORD_VP_STOP:
        for m in RE_COORD_VP.finditer(text, start, stop):
            if doc.inside[m.start()] or _words(text, start, m.start()) < 2:
                continue
            verb = m.group("verb")
            v = CUE_KIND.get(verb)
            if v is not None and v.lemma in AND_SHARED_LEMMAS:
                continue  # "... and added that ...": the shared-subject rule takes it
            if not (verb.endswith("ed") or verb in IRREGULAR_PAST or m.group("aux")):
                continue
            pw = re.search(r"(\w+)\W*$", text[start:m.start()])
            if pw and not text[m.start()] == "," and (pw.group(1).endswith("ed") or pw.group(1) in IRREGULAR_PAST
                                                              or pw.group(1) in PARTICIPLES):
                continue  # "have always respected and trusted each other": coordinated participles
            stop = m.start()
            break
    for m in RE_CUE.finditer(text, start, stop):
        if doc.inside[m.start()]:
            continue
        pre = text[start:m.start()]
        v = CUE_KIND[m.group()]
        if m.group() in SHARED_SUBJECT_FORMS and re.search(r",\s*(?:and\s+)?$", pre):
            shared = (m.start(), m.end())
            return start + len(pre.rstrip().rstrip(",").rstrip()), None, shared
        am = re.search(r",?\s+(?:and|but)\s+(?:then\s+|also\s+|later\s+)?$", pre)
        if am and v.tag in ("past", "pres") and v.lemma in AND_SHARED_LEMMAS:
            return start + am.start(), None, (m.start(), m.end())
        # "..., but he said that ...": a new subject and cue start a new statement
        nm = RE_NEW_CLAUSE.search(pre)
        if nm and v.tag in ("past", "pres") and v.use == "cue" and not (
                re.match(r"\s+and\b", nm.group()) and re.search(r"\b(?:he|she|both|either|him|her|[A-Z][\w’'-]*)\s*$", pre[:nm.start()])):
            # ("both he and Ortiz promised": a coordinated subject, not a new clause)
            return start + nm.start(), None, None
    return stop, None, None


#: where indirect content stops: a semicolon or a concessive clause outside quotations
#: (a spaced dash measured neutral on PolNeAR)
RE_CLAUSE_BREAK = re.compile(r";|,\s+(?:although|though|even though|whereas|leading to|prompting|sparking|triggering)\b|,\s+but\s+(?:he|she|they|it|we|I)\b")
#: whether an attribution inside a fronted subordinate clause ("While X said A, B happened") ends
#: its content at the comma before the main clause
SUBORDINATE_STOP = True
RE_SUBORDINATOR = re.compile(r"(?:^|[\s,])(?:[Ww]hile|[Tt]hough|[Aa]lthough|[Ww]hereas|[Ee]ven\s+though|[Ee]ven\s+as"
                             r"|[Ii]f|[Ss]ince|[Bb]ecause|[Aa]fter|[Bb]efore|[Ww]hen|[Oo]nce)(?:\s+[^\s,]+){0,6}\s*$")
RE_MAIN_CLAUSE = re.compile(r",[”\"’]?\s+(?=(?:he|she|they|we|I|it|there|He|She|They|We|It|There)(?:[’']\w+)?\s"
                            r"|(?:the|a|an)\s+\w+\s+(?:has|have|had|is|was|were|will|would)\b"
                            r"|(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*\s+(?:has|have|had|is|was|will|would|\w+ed|\w+s)\b)")
#: whether "X said A and accused B" ends the content before "and accused": a finite verb right
#: after "and" shares the speaker as subject (a second predicate), it is not part of what was said
COORD_VP_STOP = True
IRREGULAR_PAST = frozenset(
    "made took gave went put cast sent wrote got held left brought kept met ran set spent stood swore "
    "sought thought became began drew fought found heard hit led lost paid read rode saw sold shot spoke "
    "struck threw took won withdrew".split())
PARTICIPLES = frozenset("born known given taken seen shown grown written done been bred".split())
#: "..., and accused", " and then threatened", " and has repeatedly characterized": a second predicate
RE_COORD_VP = re.compile(
    r",?\s+(?:—\s*)?(?:and|but)\s+(?:(?P<aux>has|have|had|is|was|did\s+not|does\s+not|didn[’']t|doesn[’']t)\s+)?(?:(?:also|then|later|later\s+on|recently|"
    r"repeatedly|subsequently|eventually|even|instead|most\s+recently|again|quickly|\w+ly)\s+)?"
    r"(?P<verb>[a-z]+)\b")
#: "..., but he said" / "... and Smith added": conjunction + short subject right before a cue
RE_NEW_CLAUSE = re.compile(
    r"(?:(?:,\s*|\s)(?:and|but|while|although|though|as|because)\s+"
    r"(?:he|she|they|we|I|it|(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*|the\s+\w+)"
    r"|,\s+(?:he|she|they|we|I)"
    # "..., while 22 percent said", "... and one in four said": a proportion subject of a poll
    r"|(?:,\s*|\s)(?:and|but|while|whereas)\s+(?:about\s+|nearly\s+|almost\s+|roughly\s+|only\s+|just\s+|more\s+than\s+)?"
    r"(?:\d[\d.,]*\s*(?:percent|%)|(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+in\s+\w+|half|a\s+majority"
    r"|a\s+third|a\s+quarter|most|many|others)(?:\s+of\s+(?:the\s+)?\w+)?"
    r"|(?:,|\s[―—–])\s+(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*(?<!\bThe)(?<!\bA))"
    r"\s+(?:also\s+|later\s+|has\s+|had\s+)?$")


def _skip_after_cue(doc: _Doc, cue: Span, end: int) -> int:
    """Position where the content of ``X <cue> ...`` starts: after ``that``, a ``:``/``,``, the
    object of ``told``/``asked`` and an adverbial before ``that``."""
    text = doc.text
    form = text[cue[0]:cue[1]]
    toks = _toks(text, cue[1], min(end, cue[1] + 200))
    if toks and toks[0][2] in (":", ","):
        return toks[0][1]
    if form in CONTENT_FIRST:
        return cue[1]
    # 'said in a statement: "..."', 'said of the request: ...': a colon closing a short adverbial
    if toks and toks[0][2].lower() in ADVERBIAL_STARTS:
        for t in toks[1: MAX_THAT_DISTANCE + 1]:
            if doc.inside[t[0]] or t[2] in (";", ".", "?", "!", ",") or t[2].lower() == "that":
                break
            if t[2] == ":":
                return t[1]
    # "that" within a short adverbial ("said in a statement on Wednesday that ...",
    # "told MSNBC’s “Morning Joe” on Friday that ...")
    for i, t in enumerate(toks[: MAX_THAT_DISTANCE + 1]):
        w = t[2].lower()
        if doc.inside[t[0]]:
            continue
        if w == "that":
            if form in NOUN_FORMS and i > 0:
                break  # "offers messages that are ...": a relative clause, not a complement
            first = toks[0][2]
            # what comes between must read as an adverbial or a hearer ("said on Monday that",
            # "told reporters that"), not as a clause ("said officials have video that shows ...")
            if i > 0 and not (first.lower() in ADVERBIAL_STARTS
                              or (first.lower() in HEARER_WORDS and (form in TELL_FORMS or not HEARER_NEEDS_TELL))
                              or (first[:1].isupper() and (form in TELL_FORMS or first.lower() in HEARER_WORDS))
                              or doc.inside[toks[0][0]]
                              or (first.endswith("ly") and (not LY_NEEDS_ADVERBIAL or i == 1 or toks[1][2] == ","
                                                            or toks[1][2].lower() in ADVERBIAL_STARTS))
                              or (form in TELL_FORMS and first.lower() in ("the", "a", "an", "his", "her", "their"))):
                break
            if i <= 4 or not any(x[2] in (",", ";", ":") for x in toks[:i]):
                return t[1]
            break
        if t[2] in (";", ".", "?", "!", ":"):
            break
    if form in TELL_FORMS and toks:
        # skip the hearer: "told the Global Times", "told reporters", "told CNN's Jake Tapper"
        i = 0
        w0 = toks[0][2]
        if w0.lower() in ("him", "her", "them", "me", "us", "you", "reporters", "journalists", "supporters",
                          "lawmakers", "voters", "viewers", "listeners", "members", "officials"):
            i = 1
        elif w0.lower() in ("the", "a", "an") or w0[:1].isupper():
            i = 1
            while i < len(toks) and (toks[i][2][:1].isupper() or toks[i][2] in ("’s", "'s", "’", "'", "s", "&", ".")):
                i += 1
            if w0.lower() in ("the", "a", "an") and i == 1 and i < len(toks) and toks[i][2].isalpha():
                i += 1  # "the newspaper"
        if i and i < len(toks):
            # drop an adverbial after the hearer: "told reporters on Tuesday"
            if toks[i][2] in (",", ":"):
                return toks[i][1]
            return toks[i][0]
    return cue[1]


# --------------------------------------------------------------------------- rules
# Each rule: (doc, taken) -> list of frames. ``taken`` marks cue starts already used.


@dataclass
class _SentenceState:
    """Per-call, per-sentence scratch state shared by the sentence-level rules."""

    si: int
    cues: List[Tuple[int, int]]
    claimed: List[Tuple[int, int]] = field(default_factory=list)
    frames: List[_Frame] = field(default_factory=list)

    def is_claimed(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.claimed)


def _rule_trailing_cue(doc: _Doc, st: _SentenceState) -> None:
    """Attribution after the content, right to left so the outermost cue wins.

    ``"It works," she said.`` -> ``direct.quote_then_cue``; ``"A," he said, "B."`` ->
    ``direct.split_quote``; ``The talks went well, Sun said.`` -> ``indirect.trailing_cue``;
    ``..., said the expert.`` -> ``indirect.inverted_cue``; ``The truth, he said, is ...`` ->
    ``indirect.parenthetical_cue``; ``..., said Zhu, noting that ...`` adds
    ``indirect.shared_subject``.
    """
    text = doc.text
    s = doc.sentences[st.si]
    si = st.si
    cues = st.cues
    frames = st.frames
    claimed = st.claimed
    is_claimed = st.is_claimed
    # ---- trailing cues, right to left (direct.quote_then_cue, direct.split_quote,
    #      indirect.trailing_cue, indirect.inverted_cue)
    for cs, ce in reversed(cues):
        if is_claimed(cs):
            continue
        form = text[cs:ce]
        if CUE_KIND[form].tag in ("base",) and form != "say":
            continue
        if CUE_KIND[form].lemma == "add" and re.match(r"\s+to\b", text[ce:s.end]):
            continue  # "added to her delegate lead": not speech
        before = text[s.start:cs]
        if form in NOUN_FORMS and not re.search(r"[,?!]\s*(?:''|[\"”’])\s*\S+(?:\s+\S+){0,4}\s*$", before):
            continue  # "..., 30 states." / "have claims": noun readings (but '"...," he mocks.')
        if CUE_KIND[form].tag == "pres" and re.search(r"\b(?:have|has|had|the|his|her|their|its)\s+$", before):
            continue
        if CUE_KIND[form].tag in ("past", "part") and re.search(r"\b(?:was|were|been|being|is|are|be)\s+$", before):
            continue  # passive: "Reyes's campaign manager was asked"
        if CUE_KIND[form].lemma in ("accuse", "charge", "cite", "quote") and re.match(r"\s+(?:of|with|by)\b", text[ce:s.end]):
            continue  # a participle after a noun: "..., an American contractor accused of spying"
        # inverted: "..., said Zhu" / "...," said Zhu
        inv = re.search(r"(?:[,:;—–―‒]\s*(?:''|[\"”’])?|[?!…](?:''|[\"”’])|(?:''|[\"”’]),?)\s*$", before)
        frame = None
        appos = None
        if inv and before.rstrip().endswith(","):
            m = mention_before(text, s.start, cs)
            appos = m if (m is not None and m[1] is not None) else None
        if inv and appos is None and form not in NO_INVERSION and CUE_KIND[form].tag in ("past", "pres") \
                and text[cs - 1:cs] in " \u00a0":
            sp = mention_after(text, ce, s.end)
            if sp:
                content_end = cs - (len(before) - inv.start())
                frame = _trailing_frame(doc, si, content_end, sp, (cs, ce), sp[1], "indirect.inverted_cue")
        if frame is None and CUE_KIND[form].tag in ("past", "pres", "base"):
            m = mention_before(text, s.start, cs)
            if m is not None and (RE_CUE.search(text, m[0][0], m[0][1])
                                  or text[m[0][0]:m[0][1]].lower() in ("who", "which", "that")):
                m = None  # a relative clause is not a trailing attribution
            if m is not None:
                (sp, appos) = m
                # a comma (or closing quote) must separate the content from the speaker
                pre = text[s.start:sp[0]]
                pm = re.search(r"(?:,\s*(?:''|[\"”’])?|[?!…](?:''|[\"”’])|(?:''|[\"”’]),?|,\s*as)\s*$", pre)
                if pm and _words(text, s.start, s.start + pm.start()) >= 1:
                    frame = _trailing_frame(doc, si, s.start + pm.start(), sp, (cs, ce), ce, "indirect.trailing_cue")
        if frame is not None:
            frames.append(frame)
            for a, b in frame.extra:
                if a == -1:  # ", noting that ...": same speaker, new cue
                    cm = RE_CUE.match(text, b)
                    if cm:
                        frames.extend(_shared_frames(doc, si, frame.speaker, (cm.start(), cm.end()), s.end, claimed))
            frame.extra = [x for x in frame.extra if x[0] != -1]
            lo = max(min(frame.content[0], frame.cue[0]), s.start) if not frame.direct else max(frame.content[0], s.start)
            # a direct quote followed by a new clause ('"...," Carson said, but he said ...') leaves
            # that clause to the other rules
            hi = max(frame.cue[1], frame.speaker[1]) if frame.tail == "clause" else s.end
            if RELATIVE_CUE_AFTER_SPEAKER and hi == s.end:
                # '"...," said Ana Reyes, a nurse, who said she ...': the relative clause about the
                # speaker holds its own statement, left to the subject-cue rule
                after = max(frame.cue[1], frame.speaker[1], frame.content[1])
                for rm in RE_RELATIVE_CUE.finditer(text, after, s.end):
                    if not doc.inside[rm.start()] and RE_CUE.match(text, rm.start("cue")) \
                            and CUE_KIND.get(RE_CUE.match(text, rm.start("cue")).group()) is not None \
                            and CUE_KIND[RE_CUE.match(text, rm.start("cue")).group()].tag in ("past", "pres"):
                        hi = rm.start()
                        break
            claimed.append((lo, hi))


#: whether a mid-sentence "according to" source with a short postmodifier ("aides who spoke to
#: reporters,") still lets the content run on to the end of the sentence
ACCORDING_SOURCE_TAIL = True
MAX_ACCORDING_TAIL_WORDS = 10
#: one-word answers that are a statement after "say" ("Asked if he would run, Holm said no.")
SHORT_ANSWERS = frozenset("yes no so".split())
#: whether a noun-like cue form before "that" + a verb ("states that have voted") is skipped
NOUN_RELATIVE_CHECK = True
RE_RELATIVE_VERB = re.compile(r"(?:have|has|had|will|would|are|is|were|was|could|can|may|might|should|must)\b")
#: whether the content of "X, who said A, <predicate> ..." stops before the main predicate
RELATIVE_STOP = True
RE_MAIN_PREDICATE = re.compile(r",\s+(?:(?:also|later|then|now|\w+ly)\s+)?(?P<v>[a-z]+)\b")
MAIN_AUX = frozenset("has had is was will would".split())
#: whether a "who said ..." relative clause after a trailing attribution is left to the subject-cue rule
RELATIVE_CUE_AFTER_SPEAKER = True
RE_RELATIVE_CUE = re.compile(r",\s*who\s+(?:(?:also|later|has|have|had|previously|\w+ly)\s+){0,2}(?P<cue>[a-z])")


#: "As Politico reported, ...", "Of course, as the senator noted, ...": the attribution opens the sentence
RE_AS_OPENING = re.compile(r"(?:[^,;:]{0,30},\s*)?(?:(?:But|And|So|Yet|Still)\s+)?[Aa]s\s+(?=\S)")
#: how many words may sit between an "as" cue and the comma that ends it ("as X reported on Friday,")
MAX_AS_TAIL_WORDS = 8


def _rule_as_cue(doc: _Doc, st: _SentenceState) -> None:
    """``As the ministry said on Monday, the talks went well.`` -> ``indirect.as_cue``: the
    content is the main clause after the comma (or colon) that closes the attribution."""
    text = doc.text
    s = doc.sentences[st.si]
    for cs, ce in st.cues:
        if st.is_claimed(cs) or CUE_KIND[text[cs:ce]].tag not in ("past", "pres"):
            continue
        m = RE_AS_OPENING.match(text, s.start, cs)
        if m is None or doc.inside[m.end()]:
            continue
        found = mention_before(text, m.end(), cs)
        if found is None:
            continue
        sp, appos = found
        if sp[0] != m.end() and appos is None and not re.fullmatch(r"[\s\w’'.-]*", text[m.end():sp[0]]):
            continue
        if RE_CUE.search(text, sp[0], sp[1]):
            continue
        close = re.compile(r"[,:]").search(text, ce, s.end)
        if close is None or any(doc.inside[ce:close.start()]) or _words(text, ce, close.start()) > MAX_AS_TAIL_WORDS:
            continue
        start = close.end()
        lead = start + len(text[start:s.end]) - len(text[start:s.end].lstrip())
        region = _region_starting_at(doc, lead)
        if region is not None:
            end = _chain_forward(doc, region)
            c = _trim(text, lead, end, final_period=False)
        else:
            end, _via, _shared = _content_end(doc, lead, s.end)
            c = _trim(text, lead, end)
        if c[1] <= c[0] or _words(text, *c) < MIN_CONTENT_WORDS:
            continue
        st.frames.append(_Frame(c, sp, (cs, ce), "indirect.as_cue", st.si, direct=region is not None))
        st.claimed.append((m.start(), max(c[1], end)))


#: "Said Ellis: “...”": a sentence opening with an inverted speech verb, then the speaker and a
#: comma or colon, then the statement
RE_SAID_FIRST = re.compile(r"[“\"]?(?:Said|Says|Added|Adds)\s+(?=[A-Z])")


def _rule_said_first(doc: _Doc, st: _SentenceState) -> None:
    """``Said Ellis: “...”`` / ``Said Ellis, who ..., “...”``: the speaker follows a sentence-initial
    speech verb; the statement runs from the comma or colon (or the quotation) on."""
    text = doc.text
    s = doc.sentences[st.si]
    m = RE_SAID_FIRST.match(text, s.start)
    if m is None or doc.inside[m.start()] or st.is_claimed(m.start()):
        return
    sp = mention_after(text, m.end(), s.end)
    if sp is None:
        return
    pm = re.compile(r"[^,:]{0,80}?[,:]\s*").match(text, sp[1])
    if pm is None or ("," in text[sp[1]:pm.end()] and re.match(r"\s*(?:who|which)\b", text[pm.end():])):
        pm = None
    if pm is None:
        # "Said Poynter, who grew up there, “...”": skip the apposition up to the quotation
        q = bisect.bisect_left(doc.starts, sp[1])
        if q >= len(doc.regions) or doc.regions[q][0] >= s.end:
            return
        start = doc.regions[q][0]
    else:
        start = pm.end()
    region = _region_starting_at(doc, start)
    end = _chain_forward(doc, region) if region is not None else s.end
    c = _trim(text, start, end, final_period=False)
    if _words(text, *c) < MIN_CONTENT_WORDS:
        return
    w = RE_WORD.search(text, m.start(), m.end())
    st.frames.append(_Frame(c, sp, (w.start(), w.end()), "indirect.inverted_cue", st.si, direct=region is not None))
    st.claimed.append((s.start, s.end))


def _rule_according_to(doc: _Doc, st: _SentenceState) -> None:
    """``According to the ministry, the tram will close.`` / ``..., according to the ministry.``

    X is the speaker only when no other speaker is named in the sentence; in ``Xi said ...,
    according to Xinhua`` the subject-cue rule keeps Xinhua as ``via``.
    """
    text = doc.text
    s = doc.sentences[st.si]
    si = st.si
    cues = st.cues
    frames = st.frames
    claimed = st.claimed
    is_claimed = st.is_claimed
    # ---- according to
    for m in RE_ACCORDING.finditer(text, s.start, s.end):
        if doc.inside[m.start()] or is_claimed(m.start()):
            continue
        sp = mention_after(text, m.end(), s.end) or _according_source(doc, m.end(), s.end)
        if sp is None:
            continue
        before = text[s.start:m.start()]
        if not before.strip() or re.fullmatch(r"\s*(?:But|And|Yet|So|Still|However|Now|Also|Instead)\s*,?\s*", before):
            # "According to X, content." / "But, according to the poll, ..."
            cm = re.compile(r",").search(text, sp[1], s.end)
            if cm is None:
                continue
            c = _trim(text, cm.end(), s.end)
            if _words(text, *c) < MIN_CONTENT_WORDS:
                continue
            frames.append(_Frame(c, sp, (m.start(), m.end()), "indirect.according_to", si))
            claimed.append((s.start, s.end))
        elif re.search(r",\s*(?:''|[\"”’])?$", before.rstrip()):
            # is there a speaker-cue earlier in the sentence? then X is only the channel (via)
            if any(a <= m.start() < b for a, b in claimed):
                continue
            if any(c0 < m.start() for c0, c1 in cues if not is_claimed(c0) and not _naming_called(text, s, c0, c1)
                   and text[c0:c1] not in WEAK_FORMS and CUE_KIND[text[c0:c1]].tag != "ing"):
                continue  # handled by the subject-cue rule as via
            c = _trim(text, s.start, s.start + len(before.rstrip()), final_period=False)
            # "Sales, according to the report, rose sharply.": the sentence goes on after the source
            after = re.match(r"\s*,\s*", text[sp[1]:s.end])
            src_end = sp[1]
            if after is None and ACCORDING_SOURCE_TAIL:
                # "..., according to aides who spoke with reporters, was ...": the comma closing the
                # source's postmodifier
                tm = re.compile(r"[,;:—–―‒()]").search(text, sp[1], s.end)
                if tm and text[tm.start()] == "," and _words(text, sp[1], tm.start()) <= MAX_ACCORDING_TAIL_WORDS \
                        and not any(doc.inside[sp[1]:tm.start()]):
                    src_end = tm.start()
                    after = re.match(r"\s*,\s*", text[src_end:s.end])
            if after and ACCORDING_SPANS_SENTENCE and _words(text, src_end, s.end) >= 3 and not RE_CUE.search(text, src_end, s.end):
                c = (c[0], _trim(text, src_end, s.end)[1])
            if _words(text, *c) < MIN_CONTENT_WORDS:
                continue
            frames.append(_Frame(c, sp, (m.start(), m.end()), "indirect.according_to", si))
            claimed.append((s.start, max(m.end(), c[1])))


def _rule_subject_cue(doc: _Doc, st: _SentenceState) -> None:
    """Speaker before the cue, content after it, left to right.

    ``Zhu said (that) the talks were useful.`` -> ``indirect.subject_cue`` (also ``X told the
    Global Times ...``, ``X called on ...``, ``X reported ...``); ``He said: "..."`` ->
    ``direct.cue_then_quote``; ``The governor added:`` + unquoted paragraph ->
    ``direct.block_quote``; ``..., adding that ...`` -> ``indirect.shared_subject``.
    """
    text = doc.text
    s = doc.sentences[st.si]
    si = st.si
    cues = st.cues
    frames = st.frames
    claimed = st.claimed
    is_claimed = st.is_claimed
    # ---- subject cues, left to right (indirect.subject_cue, direct.cue_then_quote)
    for cs, ce in cues:
        if is_claimed(cs):
            continue
        form = text[cs:ce]
        tag = CUE_KIND[form].tag
        if CUE_KIND[form].lemma == "add" and re.match(r"\s+to\b", text[ce:s.end]):
            continue  # "added to her delegate lead": not speech
        if CUE_KIND[form].lemma == "call" and re.match(r"\s+(?:into|in|up|off|back|out)\b", text[ce:s.end]):
            continue  # "called into the program": a phone call, not speech
        if CUE_KIND[form].lemma == "decline" and re.match(
                r"\s+(?:in|by|from|over|sharply|slightly|steadily|significantly|dramatically|\d)", text[ce:s.end]):
            continue  # "turnout declined by 5 percent": a fall, not a refusal
        if _naming_called(text, s, cs, ce):
            continue  # "a spa called Bulgari Tower": naming, not speech
        between = [w for w in text[s.start:cs].split() if not (w.endswith("ly") and w.islower())]
        if tag == "ing":
            # "is once again questioning", "are still demanding": an adverb before the progressive
            while between and between[-1] in PROGRESSIVE_ADVERBS:
                between.pop()
        last_word = between[-1].lower() if between else ""
        if tag == "ing" and last_word not in ("is", "are", "was", "were", "been", "’s", "'s", "keeps", "kept") \
                and not re.search(r"\b(?:with|of)\s+(?:[A-Z][\w.'’-]*\s+){1,5}$", text[s.start:cs]) \
                and not re.search(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hat|[Ww]ho)[’']s\s+$", text[s.start:cs]):
            continue  # ("with Senator Tom Lund telling reporters ..." is a statement)
        if tag in ("past", "part") and (last_word in PASSIVE_AUX or re.search(
                r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+|first\s+|also\s+|later\s+|previously\s+){1,2}$",
                text[s.start:cs])):
            continue  # passive: "was told", "have been charged", "was first reported"
        m = mention_before(text, s.start, cs)
        ow = RE_OF_WITH_NAME.search(text, s.start, cs) if tag == "ing" else None
        if ow is not None and m is not None and m[0][0] <= ow.start():
            m = ((ow.start(1), ow.end(1)), None)  # "footage of Ana Reyes asking, ..."
        if m is None:
            continue
        sp, appos = m
        if RE_CUE.search(text, sp[0], sp[1]) or RE_ACCORDING.search(text, sp[0], sp[1]):
            continue
        if COORD_AFTER_CUE and re.match(r"\s+and\s+(?!then\b|also\b|added\b|adds\b)", text[ce:s.end]) \
                and tag in ("past", "pres", "base"):
            continue  # "who said and did the same things": the verb is coordinated, no content follows
        if form in ("reported", "reports") and re.match(r"\s+from\s+[A-Z]", text[ce:s.end]):
            continue  # "X reported from Kabul": a byline
        if BAD_MENTION_CHECK and RE_BAD_MENTION.search(text[sp[0]:sp[1]]):
            continue  # "the impact it said ...", "Everything Moss says": not the speaker's noun phrase
        antecedent = None
        word = text[sp[0]:sp[1]].lower()
        if word in WH_BLOCKERS:
            continue
        prev_word = re.search(r"(\w+)\W*$", text[s.start:sp[0]])
        if prev_word and prev_word.group(1).lower() in WH_BLOCKERS:
            if WH_SAY_CLAUSE and prev_word.group(1) in ("what", "how") and CUE_KIND[form].lemma == "say" \
                    and tag in ("past", "pres", "base") and not RE_WH_NO_COMPLEMENT.match(text, ce):
                # "what the senators said was a scheme": the whole wh-clause is the statement
                wm = RE_WH_CLAUSE_END.search(text, ce, s.end)
                we = wm.start() if wm else s.end
                c = _trim(text, prev_word.start(1) + s.start, we)
                if _words(text, ce, c[1]) >= MIN_CONTENT_WORDS:
                    frames.append(_Frame(c, sp, (cs, ce), "indirect.subject_cue", si))
                    claimed.append((cs, ce))
            continue
        if prev_word and prev_word.group(1).lower() in ("which", "that", "who", "whom") and word in (
                "he", "she", "they", "it", "we", "i"):
            continue  # "which he said has increased": an attribution inside a relative clause
        if word in ("who", "which") and appos is not None:
            antecedent = appos
        elif word in ("who", "which"):
            am = re.search(r"([^,]*?),\s*$", text[s.start:sp[0]])
            if am is None:
                continue
            a = mention_before(text, s.start, s.start + am.end(1))
            antecedent = a[0] if a else None
        start = _skip_after_cue(doc, (cs, ce), s.end)
        lead = start + len(text[start:s.end]) - len(text[start:s.end].lstrip())
        if re.search(r":\s*$", text[cs:s.end]) and _words(text, ce, s.end) <= 10 and not any(doc.inside[ce:s.end]):
            lead = s.end  # "He told his audience, to rowdy applause:" + the next paragraph
            # "He said:" closing a paragraph, the quotation opening the next one
            j = s.end
            while j < len(text) and text[j].isspace():
                j += 1
            if _region_starting_at(doc, j) is not None:
                start = lead = j
            elif j < len(text) and "\n" in text[s.end:j] and CUE_KIND[form].tag in ("past", "pres"):
                # "The governor added:" then an unquoted block quotation: the next paragraph
                nxt = _sentence_of(doc, j)
                para = doc.sentences[nxt].paragraph
                k = nxt
                while k + 1 < len(doc.sentences) and doc.sentences[k + 1].paragraph == para:
                    k += 1
                c = _trim(text, doc.sentences[nxt].start, doc.sentences[k].end, final_period=False)
                if _words(text, *c) >= MIN_CONTENT_WORDS:
                    frames.append(_Frame(c, sp, (cs, ce), "direct.block_quote", si, antecedent=antecedent))
                    claimed.append((cs, s.end))
                continue
        if NOUN_RELATIVE_CHECK and form in NOUN_FORMS and re.search(r"\bthat\s*$", text[cs:lead]) \
                and RE_RELATIVE_VERB.match(text, lead):
            continue  # "the states that have voted", "claims that were denied": a relative clause
        region = _region_starting_at(doc, lead)
        progressive = tag == "ing" and (last_word in ("is", "are", "was", "were") or last_word.endswith(("’s", "'s")))
        if form in WEAK_FORMS and region is None and not re.search(
                r"\bthat\s*$" if form in NOUN_FORMS else r"(?:\bthat|:)\s*$", text[cs:lead]):
            if not (progressive or(form in TO_FORMS and text.startswith("to ", lead))
                    or (form not in NOUN_FORMS and _quote_soon(doc, lead, s.end))):
                continue
        if region is not None and region[1] < s.end and _words(text, region[1], s.end) >= 2 \
                and not re.match(r"\s*[,;:—–-]", text[region[1]:s.end]) and text[region[1] - 1] in QUOTE_END:
            region = None  # 'said that "a bomb" had gone off': a quoted phrase inside indirect content
        if region is not None:
            end = _chain_forward(doc, region)
            c = _trim(text, start, end, final_period=False)
            rule = "direct.cue_then_quote"
            via = None
            shared = None
        else:
            # stop before a stretch another rule already attributed ('Rhimes declared the need for
            # drive: "Change the world," she said.')
            limit = min([a for a, b in claimed if a > start] + [s.end])
            if SUBORDINATE_STOP and RE_SUBORDINATOR.search(text, s.start, sp[0]):
                # "While Moss has railed against X, he has sought ...": the subordinate clause ends
                # at the comma before the main clause's subject
                sub = RE_MAIN_CLAUSE.search(text, ce, limit)
                while sub is not None and doc.inside[sub.end()]:
                    sub = RE_MAIN_CLAUSE.search(text, sub.end(), limit)
                if sub is not None:
                    limit = sub.start()
            if RELATIVE_STOP and word == "who" and re.search(r",\s*$", text[s.start:sp[0]]):
                # "Lund, who says the city needs buses, tweeted that ...": a non-restrictive relative
                # clause ends at the comma before the main clause's predicate
                for rm in RE_MAIN_PREDICATE.finditer(text, ce, limit):
                    if doc.inside[rm.start()]:
                        continue
                    cm = RE_CUE.match(text, rm.start("v"))
                    if (cm and CUE_KIND[cm.group()].tag in ("past", "pres")) or rm.group("v") in MAIN_AUX:
                        limit = rm.start()
                        break
            end, via, shared = _content_end(doc, start, limit)
            c = _trim(text, start, end, strip_that=True)
            rule = "indirect.subject_cue"
        short_answer = CUE_KIND[form].lemma == "say" and text[c[0]:c[1]].lower() in SHORT_ANSWERS \
            and not re.search(r"[\"“”'‘’]", text[ce:c[0]])
        if c[1] <= c[0] or (_words(text, *c) < MIN_CONTENT_WORDS and not short_answer) \
                or _not_content(text, c, CUE_KIND[form].lemma):
            continue
        if via is None:
            via = _media_hearer(doc, (cs, ce), s.end)
        f = _Frame(c, sp, (cs, ce), rule, si, antecedent=antecedent, via=via, direct=region is not None)
        frames.append(f)
        claimed.append((cs, max(c[1], end)))
        if shared is not None:
            frames.extend(_shared_frames(doc, si, sp, shared, s.end, claimed, antecedent))


def _rule_shared_subject(doc: _Doc, st: _SentenceState) -> None:
    """``A county judge sealed the files, saying the case involved minors.``: a reporting verb
    sharing the subject of a non-reporting main verb -> ``indirect.shared_subject``."""
    text = doc.text
    s = doc.sentences[st.si]
    si = st.si
    cues = st.cues
    frames = st.frames
    claimed = st.claimed
    is_claimed = st.is_claimed
    # ---- shared subject with a non-reporting main verb: "A judge rejected the request, saying ..."
    for cs, ce in cues:
        if is_claimed(cs) or any(f.cue[0] <= cs < f.content[1] or f.content[0] <= cs < f.content[1] for f in frames):
            continue
        form = text[cs:ce]
        v = CUE_KIND[form]
        pre = text[s.start:cs]
        if v.lemma in ("continue",):
            continue  # "..., continuing a pattern of ...": not speech
        if v.lemma == "add" and re.match(r"\s+to\b", text[ce:s.end]):
            continue  # "..., adding to her lead": not speech
        if v.lemma == "claim" and re.match(r"\s+(?:(?:his|her|their|its|a|an|the)\s+)?(?:\w+\s+){0,2}?"
                                           r"(?:victory|victories|win|wins|seat|title|prize|nomination|credit)\b",
                                           text[ce:s.end]):
            continue  # "..., claiming his third victory": winning, not a statement
        if not ((v.tag == "ing" and (re.search(r",\s*(?:[”’]\s*|''\s*)?(?:even\s+|also\s+|while\s+)?$", pre)
                                     or (v.lemma in ("say", "tell", "ask", "call") and re.search(r"\bby\s+$", pre))))
                or (v.tag in ("past", "pres") and (v.lemma in AND_SHARED_LEMMAS or v.lemma == "tell")
                    and re.search(r"(?:\s(?:and|but)\s+(?:also\s+|then\s+|later\s+)?|,\s+then\s+)$", pre))):
            continue
        subj = sentence_subject(text, s.start, cs)
        if subj is None or subj[1] >= cs:
            continue
        if any(f.cue[0] < cs for f in frames):
            continue
        frames.extend(_shared_frames(doc, si, subj, (cs, ce), s.end, claimed))


def _according_source(doc: _Doc, pos: int, end: int) -> Optional[Span]:
    """The source after ``according to`` when it is not a plain noun phrase ("the first figures
    of a survey run by ..."): up to the next comma, semicolon, dash or sentence end."""
    text = doc.text
    m = re.compile(r"[,;:—–―‒()]|\.\s|\.$|\s--\s").search(text, pos, end)
    stop = m.start() if m else end
    span = _trim(text, pos, stop)
    if span[1] <= span[0] or _words(text, *span) > 16 or any(doc.inside[span[0]:span[1]]):
        return None
    return span


#: content that is only an adverbial ("said in a statement", "said to People")
RE_ADVERBIAL_CONTENT = re.compile(
    r"(?:(?:in|on|at|during|after|before|from|of|with)\b|to\s+(?=[A-Z]|(?:the|a|an|his|her|their|reporters)\b)\w+)"
    r"(?:\W+\w+){0,9}\W*$|as much\b|(?:after|before|when|while|until|since)\s+\w+\s+(?:failed|was|were|had|left|met)\b")
#: lemmas whose object is often a figure, not a statement ("reported $2 billion in revenue")
FIGURE_LEMMAS = frozenset("report post add offer".split())


def _not_content(text: str, c: Span, lemma: str) -> bool:
    """Reject a would-be content that is only an adverbial or (for a few lemmas) a figure."""
    body = text[c[0]:c[1]]
    if RE_ADVERBIAL_CONTENT.match(body):
        return True
    if lemma in FIGURE_LEMMAS and re.match(r"[$€£]?\d", body):
        return True
    # "it has declined slightly from 58 percent": a quantity that fell, not a refusal
    return lemma == "decline" and bool(re.match(r"(?:\w+ly\s+)?(?:from|by|below)\s+[$€£\d]|(?:sharply|slightly|steadily|significantly)\b", body))


def _naming_called(text: str, s: Sentence, cs: int, ce: int) -> bool:
    """``a spa called Bulgari Tower``: "called" + a name after a common noun names, it does not
    report speech."""
    return (text[cs:ce] == "called"
            and bool(re.match(r"\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:[,.;:]|$)", text[ce:s.end])
                     # 'a class called “Perception”': a short quoted title right after "called"
                     or re.match(r"\s+(?:“|\"|'')[^“”\"]{1,60}?(?:”|\"|'')", text[ce:s.end])
                     and len(re.match(r"\s+(?:“|\"|'')([^“”\"]{1,60}?)(?:”|\"|'')", text[ce:s.end]).group(1).split()) <= 6)
            and bool(re.search(r"\b[a-z]+\s+$", text[s.start:cs]))
            and not re.search(r"\b(?:he|she|they|it|who|has|have|had|also)\s+$", text[s.start:cs]))


def _quote_soon(doc: _Doc, pos: int, end: int, within: int = 6) -> bool:
    """A quotation opens within the first ``within`` tokens after ``pos`` ("described as “...”")."""
    for i, t in enumerate(_toks(doc.text, pos, min(end, pos + 120))):
        if i > within:
            return False
        if doc.inside[t[0]]:
            return True
    return False


def _trailing_frame(doc: _Doc, si: int, content_end: int, sp: Span, cue: Span, after: int, rule: str) -> Optional[_Frame]:
    """Build a statement for a trailing attribution whose content ends at ``content_end``."""
    text = doc.text
    s = doc.sentences[si]
    kind, at = _tail_kind(doc, after, s.end, hearer_skip=text[cue[0]:cue[1]] in TELL_FORMS and after == cue[1],
                          inverted=sp[0] > cue[0])
    # content: the quotation that closes right before, else the sentence up to here
    ce = content_end
    while ce > s.start and text[ce - 1] in " ,":
        ce -= 1
    attribution_start = min(sp[0], cue[0])
    k = bisect.bisect_left(doc.regions, ce - 1, key=lambda r: r[1])  # disjoint regions: ends sorted too
    region = next((r for r in _regions_from(doc, k) if r[0] < ce and ce - 1 <= r[1] <= attribution_start
                   and not text[r[1]:attribution_start].strip(" ,\u00a0")), None)
    direct = False
    if region is not None and region[0] > s.start:
        lead_in = text[s.start:region[0]].rstrip()
        if lead_in and lead_in[-1] not in ",:;—–―‒(-" and not lead_in.endswith(("--", "''")) \
                and lead_in[-1] not in CLOSE_QUOTES + STRAIGHT:
            region = None  # '... and “our own citizens,” Melanie said yes': a quoted phrase, not a quote
    if region is not None:
        ce = max(ce, region[1])
        start = _chain_back(doc, region)
        if start < s.start and text[s.start:region[0]].strip():
            start = region[0]
        direct = True
    else:
        start = s.start
    if kind in ("clause", "quote") and not direct:
        return None  # 'As they marched, they chanted "..."': the quotation after the cue is the content
    c = _trim(doc.text, start, ce, final_period=not direct)
    if _words(text, *c) < MIN_CONTENT_WORDS and not (direct and kind == "quote" and _words(text, *c) >= 1):
        return None  # ('"That," he added, "promises ...": a split quotation counts as a whole)
    f = _Frame(c, sp, cue, ("direct.quote_then_cue" if direct else rule), si, direct=direct, trailing=True, tail=kind)
    if sp[1] <= cue[0]:
        f.via = _media_hearer(doc, cue, s.end)
    if kind == "according":
        m = RE_ACCORDING.match(text, at)
        if m:
            f.via = mention_after(text, m.end(), s.end)
    elif kind == "quote":
        r = _region_starting_at(doc, at)
        if r is not None:
            end = _chain_forward(doc, r)
            f.content = (f.content[0], _trim(text, r[0], end, final_period=False)[1])
            f.rule = "direct.split_quote"
            f.extra.append((r[0], end))
    elif kind == "shared":
        f.extra.append((-1, at))  # marker: shared-subject cue at ``at``
    elif kind == "parenthetical" and not direct:
        f.content = (f.content[0], _trim(text, f.content[0], s.end)[1])
        f.rule = "indirect.parenthetical_cue"
    return f


def _shared_frames(doc: _Doc, si: int, sp: Span, cue: Span, end: int, claimed: List[Tuple[int, int]],
                   antecedent: Optional[Span] = None) -> List[_Frame]:
    """``..., adding that ...`` / ``... and vowed to ...``: a new statement by the same speaker."""
    text = doc.text
    start = _skip_after_cue(doc, cue, end)
    region = _region_starting_at(doc, start + len(text[start:end]) - len(text[start:end].lstrip()))
    if region is not None and SHARED_QUOTE_RUNS_ON and re.match(r"\s+\w", text[_chain_forward(doc, region):end]):
        region = None  # "saying that “race matters” in America, ...": the sentence goes on after the quotation
    if region is not None:
        e = _chain_forward(doc, region)
        c = _trim(text, start, e, final_period=False)
    else:
        e, via, shared = _content_end(doc, start, end)
        c = _trim(text, start, e, strip_that=True)
    if _words(text, *c) < MIN_CONTENT_WORDS:
        return []
    claimed.append((cue[0], max(c[1], e)))
    return [_Frame(c, sp, cue, "indirect.shared_subject", si, antecedent=antecedent, direct=region is not None)]


def _apply_paragraph_rules(doc: _Doc, frames: List[_Frame]) -> None:
    """``paragraph.trailing_cue`` and ``paragraph.leading_cue`` (see module notes)."""
    by_sentence: dict = {}
    for f in frames:
        by_sentence.setdefault(f.sentence, []).append(f)
    sents = doc.sentences
    for f in frames:
        if f.direct:
            continue
        s = sents[f.sentence]
        if f.rule in ("indirect.trailing_cue", "indirect.inverted_cue") and f.content[0] <= s.start + 1:
            # reach back over earlier sentences of the paragraph that have no attribution
            k = f.sentence
            reach = 0
            while k - 1 >= 0 and sents[k - 1].paragraph == s.paragraph and (k - 1) not in by_sentence \
                    and reach < MAX_PARAGRAPH_REACH and not _has_cue(doc, sents[k - 1]) \
                    and _reads_as_reported(doc, sents[k - 1]):
                k -= 1
                reach += 1
            if k < f.sentence:
                f.content = (_trim(doc.text, sents[k].start, f.content[1])[0], f.content[1])
                f.rule = "paragraph.trailing_cue"
        elif f.rule == "indirect.subject_cue" and _is_first_in_paragraph(sents, f.sentence) \
                and f.content[1] >= _trim(doc.text, s.start, s.end)[1] - 1 and f.via is None \
                and re.search(r"\bthat\s*$", doc.text[f.cue[1]:f.content[0]]):
            k = f.sentence
            reach = 0
            while k + 1 < len(sents) and sents[k + 1].paragraph == s.paragraph and (k + 1) not in by_sentence \
                    and reach < MAX_PARAGRAPH_REACH and not _has_cue(doc, sents[k + 1]) \
                    and _reads_as_reported(doc, sents[k + 1]):
                k += 1
                reach += 1
            if k > f.sentence:
                f.content = (f.content[0], _trim(doc.text, sents[k].start, sents[k].end)[1])
                f.rule = "paragraph.leading_cue"


#: sentence openings that mark narrative rather than more of someone's reported statement
RE_NARRATIVE_START = re.compile(
    r"(?:I|We|He|She|They|It|His|Her|Their|But|Still|However|Meanwhile|Then|In the meantime|Yet|So|And)\b|\W")
RE_FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|us|our)\b")


def _reads_as_reported(doc: _Doc, s: Sentence) -> bool:
    """May this unattributed sentence belong to a neighbouring paragraph-level statement?

    No quotation marks, no first-person words, not a question or a colon-lead, and not opening
    with a pronoun subject or a narrative connective ("He has waffled ...", "But ...")."""
    t = s.text
    if any(doc.inside[s.start:s.end]) or any(c in t for c in "\"“”"):
        return False
    if t.rstrip().endswith(("?", ":")) or RE_FIRST_PERSON.search(t):
        return False
    return not RE_NARRATIVE_START.match(t)


def _has_cue(doc: _Doc, s: Sentence) -> bool:
    """Does the sentence hold a strong reporting cue (outside quotations) or "according to"?"""
    return any(doc.text[a:b] not in WEAK_FORMS for a, b in _cues(doc, s)) \
        or bool(RE_ACCORDING.search(doc.text, s.start, s.end))


def _is_first_in_paragraph(sents: Sequence[Sentence], i: int) -> bool:
    return i == 0 or sents[i - 1].paragraph != sents[i].paragraph


RULE_NAMES = (
    "direct.quote_then_cue",
    "direct.split_quote",
    "direct.cue_then_quote",
    "indirect.trailing_cue",
    "indirect.inverted_cue",
    "indirect.subject_cue",
    "indirect.according_to",
    "indirect.as_cue",
    "indirect.shared_subject",
    "indirect.parenthetical_cue",
    "paragraph.trailing_cue",
    "paragraph.leading_cue",
    "direct.continued",
    "direct.block_quote",
)


@dataclass(frozen=True)
class _Rule:
    """A named rule: ``apply(doc, state)`` for ``scope == "sentence"`` (one sentence's
    :class:`_SentenceState`), ``apply(doc, frames)`` for ``scope == "document"``.
    ``produces`` lists the ``Quote.rule`` names it can emit."""

    name: str
    scope: str
    apply: Callable
    produces: Tuple[str, ...] = ()


def _run_continuations(doc: _Doc, frames: List[_Frame]) -> None:
    """``direct.continued``: quoted sentences right after a direct statement (same or next
    paragraphs) with no attribution of their own continue it."""
    text = doc.text
    used = {f.sentence for f in frames}
    for f in frames:
        if not (f.direct or (CONTINUE_TRAILING and f.trailing and f.rule != "paragraph.trailing_cue")):
            continue
        end = f.content[1]
        si = _sentence_of(doc, end)
        s = doc.sentences[si]
        if f.direct:
            # a later quotation in the same sentence, after the attribution, continues the quote
            # ('"We like the plan," she said, but "the budget is another matter."')
            attr_end = max(end, f.cue[1], f.speaker[1] if f.speaker else 0)
            k = bisect.bisect_left(doc.starts, attr_end)
            later = []
            while k < len(doc.regions) and doc.regions[k][0] < s.end:
                if _words(text, attr_end, doc.regions[k][0]) <= MAX_SPLIT_GAP_WORDS:
                    later.append(doc.regions[k])
                k += 1
            if later and not any(not doc.inside[c0] and c0 > f.cue[1] for c0, _ in _cues(doc, s)
                                 if c0 < later[0][0]):
                rend = _chain_forward(doc, later[0])
                f.content = (f.content[0], _trim(text, later[0][0], rend, final_period=False)[1])
                if f.rule == "direct.quote_then_cue":
                    f.rule = "direct.split_quote"
                end = rend
                si = _sentence_of(doc, rend - 1)
        nparas = 0
        while si + 1 < len(doc.sentences):
            nxt = doc.sentences[si + 1]
            if nxt.start < end:
                si += 1
                continue
            if (si + 1) in used or _has_cue(doc, nxt):
                break
            lead = nxt.start
            if not (text[lead] in QUOTE_START and doc.inside[lead]):
                break
            if nxt.paragraph != doc.sentences[si].paragraph:
                nparas += 1
                if nparas > MAX_CONTINUED_PARAGRAPHS:
                    break
            r = _region_starting_at(doc, lead)
            if r is None:
                break
            rend = _chain_forward(doc, r)
            f.content = (f.content[0], _trim(text, lead, rend, final_period=False)[1])
            f.rule = "direct.continued"
            used.add(si + 1)
            si = _sentence_of(doc, rend - 1)
            end = rend


#: an indirect statement whose content opens a quotation that runs past the sentence end takes
#: the whole quotation ('Limbaugh told his audience, "A. B. C."'; 'According to X, "A. B."')
EXTEND_OPEN_QUOTE = True
EXTEND_OPEN_QUOTE_RULES = frozenset(("indirect.subject_cue", "indirect.according_to", "indirect.shared_subject", "indirect.as_cue", "indirect.inverted_cue", "paragraph.leading_cue"))


def _extend_open_quotes(doc: _Doc, frames: List[_Frame]) -> None:
    """Content cut at a sentence end inside a quotation that opened within the content runs on
    to the quotation's close."""
    if not EXTEND_OPEN_QUOTE:
        return
    text = doc.text
    for f in frames:
        if f.rule not in EXTEND_OPEN_QUOTE_RULES:
            continue
        cs, ce = f.content
        if ce <= cs or not doc.inside[ce - 1]:
            continue
        k = bisect.bisect_right(doc.starts, ce - 1) - 1
        if k < 0:
            continue
        r = doc.regions[k]
        if not (r[0] <= ce - 1 < r[1]) or r[0] < cs - 1:
            continue  # the statement sits inside a quotation: leave it
        rend = _chain_forward(doc, r)
        if rend <= ce + 1:
            continue
        f.content = (cs, _trim(text, cs, rend, final_period=False)[1])


RULES: Tuple[_Rule, ...] = (
    _Rule("indirect.trailing_cue", "sentence", _rule_trailing_cue,
          ("direct.quote_then_cue", "direct.split_quote", "indirect.trailing_cue", "indirect.inverted_cue",
           "indirect.parenthetical_cue", "indirect.shared_subject")),
    _Rule("indirect.according_to", "sentence", _rule_according_to, ("indirect.according_to",)),
    _Rule("indirect.said_first", "sentence", _rule_said_first, ("indirect.inverted_cue",)),
    _Rule("indirect.as_cue", "sentence", _rule_as_cue, ("indirect.as_cue",)),
    _Rule("indirect.subject_cue", "sentence", _rule_subject_cue,
          ("indirect.subject_cue", "direct.cue_then_quote", "direct.block_quote", "indirect.shared_subject")),
    _Rule("indirect.shared_subject", "sentence", _rule_shared_subject, ("indirect.shared_subject",)),
    _Rule("paragraph", "document", _apply_paragraph_rules, ("paragraph.trailing_cue", "paragraph.leading_cue")),
    _Rule("extend_open_quote", "document", _extend_open_quotes, ()),
    _Rule("direct.continued", "document", _run_continuations, ("direct.continued",)),
)
"""The rules in the order they run. Sentence rules see each sentence once, with the cues the
earlier rules left unclaimed; document rules then extend or continue the statements found."""


def _drop_nested(frames: List[_Frame]) -> List[_Frame]:
    """Nested attributions are content: drop a statement whose cue lies inside another
    statement's content (by another speaker).

    In O(n log n): over the frames sorted by content start, each prefix keeps the
    frame whose content reaches furthest and the furthest-reaching one by another
    speaker; a cue is nested when one of those two, by a speaker other than its
    own, reaches past it.
    """
    by_start = sorted(frames, key=lambda g: g.content[0])
    starts = [g.content[0] for g in by_start]
    best: List[Tuple[Optional[_Frame], Optional[_Frame]]] = []
    first = second = None
    for g in by_start:
        if first is None or g.content[1] > first.content[1]:
            if first is not None and first.speaker != g.speaker:
                second = first
            first = g
        elif g.speaker != first.speaker and (second is None or g.content[1] > second.content[1]):
            second = g
        best.append((first, second))

    def nested(f: _Frame) -> bool:
        i = bisect.bisect_right(starts, f.cue[0])
        if i == 0:
            return False
        return any(g is not None and g is not f and g.speaker != f.speaker and f.cue[0] < g.content[1]
                   for g in best[i - 1])

    return [f for f in frames if not nested(f)]


def _build_doc(text: str) -> _Doc:
    regions = _quote_regions(text)
    inside = bytearray(len(text))
    for a, b in regions:
        for i in range(a, b):
            inside[i] = 1
    return _Doc(text, tuple(split_sentences(text)), tuple(split_paragraphs(text)), tuple(regions), bytes(inside),
                {r[0]: r for r in regions}, {r[1]: r for r in regions}, tuple(r[0] for r in regions))


def find_quotes(text: str) -> List[Quote]:
    """Every attributed statement in ``text``, sorted by content start.

    Attribution fields only (``topic``/``stance`` stay ``None``). Pure and
    thread-safe: nothing is stored between calls.

    >>> [(q.speaker, q.cue, q.content) for q in find_quotes("Zhu said the talks were useful.")]
    [('Zhu', 'said', 'the talks were useful')]
    """
    if not text or not text.strip():
        return []
    doc = _build_doc(text)
    states = [_SentenceState(si, _cues(doc, sent)) for si, sent in enumerate(doc.sentences)]
    frames: List[_Frame] = []
    done_sentence_rules = False
    for rule in RULES:
        if rule.scope == "sentence":
            for st in states:
                if st.cues or RE_ACCORDING.search(text, doc.sentences[st.si].start, doc.sentences[st.si].end) \
                        or RE_SAID_FIRST.match(text, doc.sentences[st.si].start):
                    rule.apply(doc, st)
            continue
        if not done_sentence_rules:
            frames = [f for st in states for f in st.frames]
            done_sentence_rules = True
        rule.apply(doc, frames)
    if not done_sentence_rules:
        frames = [f for st in states for f in st.frames]
    frames = [f for f in frames if f.content[1] > f.content[0]]
    keep = _drop_nested(frames)
    keep.sort(key=lambda f: (f.content[0], f.cue[0]))
    order = sorted(keep, key=lambda f: f.speaker[0] if f.speaker else f.cue[0])
    resolved = resolve_speakers(text, [(f.speaker, f.antecedent) for f in order])
    names = {id(f): r for f, r in zip(order, resolved)}
    out = []
    for f in keep:
        sp = f.speaker
        out.append(Quote(
            content=text[f.content[0]:f.content[1]],
            content_span=f.content,
            speaker=names[id(f)],
            speaker_mention=text[sp[0]:sp[1]] if sp else None,
            speaker_span=sp,
            cue=text[f.cue[0]:f.cue[1]],
            cue_span=f.cue,
            kind=quote_kind(text, f.content, doc.inside),
            rule=f.rule,
            via=text[f.via[0]:f.via[1]] if f.via else None,
        ))
    return out
