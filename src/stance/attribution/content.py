"""Where content starts and ends around a cue (complementizer, hearer, clause breaks)."""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from .. import lexicon
from ..types import Sentence, Span
from .config import LIMITS
from .cues import (AND_SHARED_LEMMAS, CONTENT_FIRST, CUE_KIND, NOUN_FORMS, RE_ACCORDING, RE_CUE,
                   SHARED_SUBJECT_FORMS, TELL_FORMS)
from .document import Document
from .mentions import mention_after
from .tails import ADVERBIAL_STARTS, HEARER_WORDS, PLURAL_PERSON_NOUNS
from .text import Token, first_tokens, has_words, tokens, trim

def content_end(doc: Document, start: int, end: int) -> Tuple[int, Optional[Span], Optional[Span]]:
    """Where indirect content starting at ``start`` ends inside ``[start, end)``: before
    ``, according to X`` (returns its mention as ``via``), before a clause break or a second
    predicate, or before a shared-subject cue (``, adding that``).
    Returns (end, via_span, shared_cue_span)."""
    text = doc.text
    # (a plain search for the phrase first: most contents hold none)
    for m in RE_ACCORDING.finditer(text, start, end) if text.find("ccording to", start, end) >= 0 else ():
        if doc.inside[m.start()]:
            continue
        pre = text[start:m.start()].rstrip()
        if pre.endswith(","):
            return start + len(pre) - 1, mention_after(text, m.end(), end), None
    stop = _clause_stop(doc, start, end)
    for m in RE_CUE.finditer(text, start, stop):
        if doc.inside[m.start()]:
            continue
        pre = text[start:m.start()]
        v = CUE_KIND[m.group()]
        if m.group() in SHARED_SUBJECT_FORMS and RE_COMMA_BEFORE.search(pre):
            # (',” noting that ...': the comma of a quoted phrase closing right before the cue)
            return start + len(pre.rstrip().rstrip(",").rstrip()), None, (m.start(), m.end())
        am = RE_AND_BEFORE.search(pre)
        if am and v.tag in ("past", "pres") and v.lemma in AND_SHARED_LEMMAS:
            return start + am.start(), None, (m.start(), m.end())
        # "..., but he said that ...": a new subject and cue start a new statement
        nm = RE_NEW_CLAUSE.search(pre)
        if nm and v.tag in ("past", "pres") and v.use == "cue" and not (
                re.match(r"\s+and\b", nm.group()) and re.search(r"\b(?:he|she|both|either|him|her|[A-Z][\w’'-]*)\s*$", pre[:nm.start()])):
            # ("both he and Ortiz promised": a coordinated subject, not a new clause)
            return start + nm.start(), None, None
    return stop, None, None


def _clause_stop(doc: Document, start: int, end: int) -> int:
    """The end of the content's clause: an independent clause after a semicolon or a concessive
    conjunction, or a second predicate of the speaker ("X said A and accused B")."""
    text = doc.text
    stop = end
    for m in RE_CLAUSE_BREAK.finditer(text, start, end):
        if not doc.inside[m.start()] and (m.group() == ";" or has_words(text, start, m.start(), 3)):
            stop = m.start()
            break
    # (a plain search for the conjunctions first: more than half of the contents hold neither)
    coordinated = text.find("and", start, stop) >= 0 or text.find("but", start, stop) >= 0
    for m in RE_COORD_VP.finditer(text, start, stop) if coordinated else ():
        if doc.inside[m.start()] or not has_words(text, start, m.start(), 2):
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
        return m.start()
    return stop


#: a comma (and a closing quotation mark, an "and") right before a shared-subject cue
RE_COMMA_BEFORE = re.compile(r",\s*(?:(?:''|[\"”’])\s*)?(?:and\s+)?$")
#: "and" or "but" right before a cue that shares the subject ("... and then added")
RE_AND_BEFORE = re.compile(r",?\s+(?:and|but)\s+(?:then\s+|also\s+|later\s+)?$")
#: where indirect content stops: a semicolon or a concessive clause outside quotations
#: (a spaced dash measured neutral on PolNeAR)
RE_CLAUSE_BREAK = re.compile(r";|,\s+(?:although|though|even though|whereas|leading to|prompting|sparking|triggering)\b|,\s+but\s+(?:he|she|they|it|we|I)\b")
#: an attribution inside a fronted subordinate clause ("While X said A, B happened") ends its
#: content at the comma before the main clause
RE_SUBORDINATOR = re.compile(r"(?<![^\s,])(?:[Ww]hile|[Tt]hough|[Aa]lthough|[Ww]hereas|[Ee]ven\s+though|[Ee]ven\s+as"
                             r"|[Ii]f|[Ss]ince|[Bb]ecause|[Aa]fter|[Bb]efore|[Ww]hen|[Oo]nce)(?:\s+[^\s,]+){0,6}\s*$")
RE_MAIN_CLAUSE = re.compile(r",[”\"’]?\s+(?=(?:he|she|they|we|I|it|there|He|She|They|We|It|There)(?:[’']\w+)?\s"
                            r"|(?:the|a|an)\s+\w+\s+(?:has|have|had|is|was|were|will|would)\b"
                            r"|(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*\s+(?:has|have|had|is|was|will|would|\w+ed|\w+s)\b"
                            # "..., Ana Ruiz, head of the union, said": a name with an apposition
                            r"|(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*,\s+[^,;“”\"]{3,80},\s+(?:said|says|told|\w+ed)\b)")
#: "X said A and accused B": a finite verb right after "and" shares the speaker as subject (a
#: second predicate), it is not part of what was said
IRREGULAR_PAST = lexicon.word_set("irregular_past")
PARTICIPLES = lexicon.word_set("participles")
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


def content_start(doc: Document, cue: Span, end: int) -> int:
    """Position where the content of ``X <cue> ...`` starts: after ``that``, a ``:``/``,``, the
    object of ``told``/``asked`` and an adverbial before ``that``."""
    text = doc.text
    form = text[cue[0]:cue[1]]
    end = min(end, cue[1] + 200)
    toks = first_tokens(text, cue[1], end, LIMITS.that_distance + 1)  # ("that" comes within these)
    if toks and toks[0][2] in (":", ","):
        return toks[0][1]
    if form in CONTENT_FIRST:
        return cue[1]
    # 'said in a statement: "..."', 'said of the request: ...': a colon closing a short adverbial
    if toks and toks[0][2].lower() in ADVERBIAL_STARTS:
        for t in toks[1: LIMITS.that_distance + 1]:
            if doc.inside[t[0]] or t[2] in (";", ".", "?", "!", ",") or t[2].lower() == "that":
                break
            if t[2] == ":":
                return t[1]
    found = _after_that(doc, toks, form)
    if found is not None:
        return found
    if form in TELL_FORMS and toks:
        found = _after_hearer(tokens(text, cue[1], end))  # (a hearer's name may run longer)
        if found is not None:
            return found
    return cue[1]


def _after_that(doc: Document, toks: List[Token], form: str) -> Optional[int]:
    """After "that" within a short adverbial or hearer ("said in a statement on Wednesday that
    ...", "told MSNBC’s “Morning Joe” on Friday that ...")."""
    for i, t in enumerate(toks[: LIMITS.that_distance + 1]):
        if doc.inside[t[0]]:
            continue
        if t[2].lower() == "that":
            if form in NOUN_FORMS and i > 0:
                return None  # "offers messages that are ...": a relative clause, not a complement
            if i > 0 and not _adverbial_or_hearer(doc, toks, form, i):
                return None
            if i <= 4 or not any(x[2] in (",", ";", ":") for x in toks[:i]):
                return t[1]
            return None
        if t[2] in (";", ".", "?", "!", ":"):
            return None
    return None


def _adverbial_or_hearer(doc: Document, toks: List[Token], form: str, i: int) -> bool:
    """What comes between the cue and "that" reads as an adverbial or a hearer ("said on Monday
    that", "told reporters that"), not as a clause ("said officials have video that shows ...").
    Only a tell-type cue takes a hearer; "-ly" is an adverbial alone or before another adverbial
    ("said publicly on Monday that", not "proposed jointly owned drones that")."""
    first = toks[0][2]
    return (first.lower() in ADVERBIAL_STARTS
            or ((first.lower() in HEARER_WORDS or first in PLURAL_PERSON_NOUNS) and form in TELL_FORMS)
            or (first[:1].isupper() and (form in TELL_FORMS or first.lower() in HEARER_WORDS))
            or bool(doc.inside[toks[0][0]])
            or (first.endswith("ly") and (i == 1 or toks[1][2] == "," or toks[1][2].lower() in ADVERBIAL_STARTS))
            or (form in TELL_FORMS and first.lower() in ("the", "a", "an", "his", "her", "their")))


def _after_hearer(toks: List[Token]) -> Optional[int]:
    """Skip the hearer: "told the Global Times", "told reporters", "told CNN's Jake Tapper"."""
    i = 0
    w0 = toks[0][2]
    if w0.lower() in ("him", "her", "them", "me", "us", "you", "reporters", "journalists", "supporters",
                      "lawmakers", "voters", "viewers", "listeners", "members", "officials") \
            or w0 in PLURAL_PERSON_NOUNS:
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
    return None


def according_source(doc: Document, pos: int, end: int) -> Optional[Span]:
    """The source after ``according to`` when it is not a plain noun phrase ("the first figures
    of a survey run by ..."): up to the next comma, semicolon, dash or sentence end."""
    text = doc.text
    m = re.compile(r"[,;:—–―‒()]|\.\s|\.$|\s--\s").search(text, pos, end)
    stop = m.start() if m else end
    span = trim(text, pos, stop)
    if span[1] <= span[0] or has_words(text, *span, 17) or any(doc.inside[span[0]:span[1]]):
        return None
    return span


#: content that is only an adverbial ("said in a statement", "said to People")
RE_ADVERBIAL_CONTENT = re.compile(
    r"(?:(?:in|on|at|during|after|before|from|of|with)\b|to\s+(?=[A-Z]|(?:the|a|an|his|her|their|reporters)\b)\w+)"
    r"(?:\W+\w+){0,9}\W*$|as much\b|(?:after|before|when|while|until|since)\s+\w+\s+(?:failed|was|were|had|left|met)\b")
RE_ANONYMITY = re.compile(r"(?:not\s+)?(?:to\s+(?:remain|be|stay)\s+(?:anonymous|unnamed|named|identified)|anonymity)\b")
#: lemmas whose object is often a figure, not a statement ("reported $2 billion in revenue")
FIGURE_LEMMAS = lexicon.word_set("figure_lemmas")


def not_content(text: str, c: Span, lemma: str) -> bool:
    """Reject a would-be content that is only an adverbial, (for a few lemmas) a figure, or a
    source's request not to be named ("who asked to remain anonymous")."""
    body = text[c[0]:c[1]]
    if RE_ADVERBIAL_CONTENT.match(body):
        return True
    if lemma in ("ask", "request") and RE_ANONYMITY.match(body):
        return True
    if lemma in FIGURE_LEMMAS and re.match(r"[$€£]?\d", body):
        return True
    # "it has declined slightly from 58 percent": a quantity that fell, not a refusal
    return lemma == "decline" and bool(re.match(r"(?:\w+ly\s+)?(?:from|by|below)\s+[$€£\d]|(?:sharply|slightly|steadily|significantly)\b", body))


def naming_called(text: str, s: Sentence, cs: int, ce: int) -> bool:
    """``a spa called Bulgari Tower``: "called" + a name after a common noun names, it does not
    report speech."""
    return (text[cs:ce] == "called"
            and bool(re.match(r"\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:[,.;:]|$)", text[ce:s.end])
                     # 'a class called “Perception”': a short quoted title right after "called"
                     or re.match(r"\s+(?:“|\"|'')[^“”\"]{1,60}?(?:”|\"|'')", text[ce:s.end])
                     and len(re.match(r"\s+(?:“|\"|'')([^“”\"]{1,60}?)(?:”|\"|'')", text[ce:s.end]).group(1).split()) <= 6)
            and bool(re.search(r"\b[a-z]+\s+$", text[s.start:cs]))
            and not re.search(r"\b(?:he|she|they|it|who|has|have|had|also)\s+$", text[s.start:cs]))


def quote_soon(doc: Document, pos: int, end: int, within: int = 6) -> bool:
    """A quotation opens within the first ``within`` tokens after ``pos`` ("described as “...”")."""
    for i, t in enumerate(tokens(doc.text, pos, min(end, pos + 120))):
        if i > within:
            return False
        if doc.inside[t[0]]:
            return True
    return False


