"""``indirect.subject_cue`` — speaker, cue, then what was said.

    Zhu said (that) the talks were useful.
    The mayor told reporters on Monday that the bridge would reopen.
    Xi called on both sides to keep talking.

The rule runs over a sentence's cues left to right. When a quotation opens the content the
statement is :mod:`.direct_cue_then_quote`; ``X added:`` closing a paragraph gives
:mod:`.direct_block_quote`; ``..., adding that ...`` adds an :mod:`.indirect_shared_subject`
statement.
"""
from __future__ import annotations

import re
from typing import Optional

from ... import lexicon
from ...types import Sentence, Span
from ..arbiter import SentenceClaims
from ..candidates import Candidate, Proposal
from ..config import LIMITS
from ..content import content_end, content_start, naming_called, not_content, quote_soon
from ..cues import NOUN_FORMS, TO_FORMS, WEAK_FORMS, Cue
from ..document import Document
from ..tails import media_hearer
from ..text import trim, word_count
from . import direct_block_quote, direct_cue_then_quote, indirect_shared_subject
from ._subject import Subject, find_subject, indirect_limit

NAME = "indirect.subject_cue"
#: adverbs that may stand between an auxiliary and a progressive cue ("is now demanding")
PROGRESSIVE_ADVERBS = lexicon.word_set("progressive_adverbs")
PASSIVE_AUX = lexicon.word_set("passive_aux")
#: one-word answers that are a statement after "say" ("Asked if he would run, Holm said no.")
SHORT_ANSWERS = lexicon.word_set("short_answers")
#: "the states that have voted": a noun-like cue form before "that" + a verb is a relative clause
RE_WH_NO_COMPLEMENT = re.compile(r"\s+(?:when|after|before|during|since|in|on|at|to|about|of|for|with|by|as)\b")
RE_WH_CLAUSE_END = re.compile(r"[,;:.!?()]|\s[–—―-]+\s|\s(?:and|but|or|while|because)\s")
#: a passive auxiliary and one or two adverbs before the cue ("was first reported"); searched only when the text
#: before the cue ends on such an adverb (the search tries every position of that text)
RE_PASSIVE_ADVERBS = re.compile(
    r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+|first\s+|also\s+|later\s+|previously\s+){1,2}$")
PASSIVE_ADVERB_ENDS = ("ly", "first", "also", "later")
#: what follows a cue that is not speech: "added to", "called into", "declined by 5 percent", "claimed by the X"
RE_ADDED_TO = re.compile(r"\s+to\b")
RE_CALLED_INTO = re.compile(r"\s+(?:into|in|up|off|back|out)\b")
RE_DECLINED_BY = re.compile(r"\s+(?:in|by|from|over|sharply|slightly|steadily|significantly|dramatically|\d)")
RE_BY_AGENT = re.compile(r"\s+by\s+(?:the|a|an|his|her|their|its|[A-Z])")
RE_RELATIVE_VERB = re.compile(r"(?:have|has|had|will|would|are|is|were|was|could|can|may|might|should|must)\b")


def match(doc: Document, cue: Cue, claims: SentenceClaims) -> Optional[Proposal]:
    text = doc.text
    s = doc.sentences[cue.sentence]
    last_word = _word_before(text, s, cue)
    if not _reads_as_speech(text, s, cue, last_word):
        return None
    subject = find_subject(doc, s, cue)
    if subject is None:
        return None
    if subject.wh is not None:
        return _wh_clause(doc, s, cue, subject.span, *subject.wh)
    start = content_start(doc, cue.span, s.end)
    lead = start + len(text[start:s.end]) - len(text[start:s.end].lstrip())
    colon = direct_block_quote.after_colon(doc, s, cue, subject.span, subject.antecedent, start, lead)
    if not isinstance(colon, tuple):
        return colon
    start, lead = colon
    if cue.form in NOUN_FORMS and re.search(r"\bthat\s*$", text[cue.start:lead]) and RE_RELATIVE_VERB.match(text, lead):
        return None  # "the states that have voted", "claims that were denied": a relative clause
    if cue.form in WEAK_FORMS and doc.region_starting_at(lead) is None \
            and not _weak_cue_takes_content(doc, s, cue, lead, last_word):
        return None
    region = direct_cue_then_quote.opening_quotation(doc, s, lead)
    return _statement(doc, s, cue, subject, claims, start, region)


def _statement(doc: Document, s: Sentence, cue: Cue, subject: Subject, claims: SentenceClaims, start: int,
               region) -> Optional[Proposal]:
    """The direct or indirect statement from ``start``, and any shared-subject statement after it."""
    text = doc.text
    via = shared = None
    if region is not None:
        c, end = direct_cue_then_quote.quoted_content(doc, start, region)
        rule = direct_cue_then_quote.NAME
    else:
        # stop before a stretch another rule already attributed ('Rhimes declared the need for
        # drive: "Change the world," she said.')
        limit = indirect_limit(doc, s, cue, subject, claims.next_claim_after(start, s.end))
        end, via, shared = content_end(doc, start, limit)
        c = trim(text, start, end, strip_that=True)
        rule = NAME
    short_answer = cue.lemma == "say" and text[c[0]:c[1]].lower() in SHORT_ANSWERS \
        and not re.search(r"[\"“”'‘’]", text[cue.end:c[0]])
    if c[1] <= c[0] or (word_count(text, *c) < LIMITS.min_content_words and not short_answer) \
            or (not_content(text, c, cue.lemma) and not re.search(r"\bthat\s*$", text[cue.end:c[0]])):
        return None  # (after "that" it is a clause: 'said that in 2020, Peru ...')
    if via is None:
        via = media_hearer(doc, cue.span, s.end)
    candidates = [Candidate(c, subject.span, cue.span, rule, cue.sentence, antecedent=subject.antecedent, via=via,
                            direct=region is not None)]
    claims_made = [(cue.start, max(c[1], end))]
    if shared is not None:
        found = indirect_shared_subject.shared_candidate(doc, cue.sentence, subject.span, shared, s.end,
                                                         subject.antecedent)
        if found is not None:
            candidates.append(found[0])
            claims_made.append(found[1])
    return Proposal(tuple(candidates), tuple(claims_made))


def _word_before(text: str, s: Sentence, cue: Cue) -> str:
    """The word before the cue, skipping "-ly" adverbs (and, before a progressive, "still", "now" ...)."""
    progressive = cue.tag == "ing"
    for w in reversed(text[s.start:cue.start].split()):
        if (w.endswith("ly") and w.islower()) or (progressive and w in PROGRESSIVE_ADVERBS):
            continue  # (before a progressive: "is once again questioning", "are still demanding")
        return w.lower()
    return ""


def _reads_as_speech(text: str, s: Sentence, cue: Cue, last_word: str) -> bool:
    """Filters for readings that are not speech: "added to", "called into", "declined by 5
    percent", "a spa called X", a participle without an auxiliary, a passive (with or without its
    auxiliary: "the reefs claimed by Chile")."""
    before = text[s.start:cue.start]
    if cue.lemma == "add" and RE_ADDED_TO.match(text, cue.end, s.end):
        return False  # "added to her delegate lead": not speech
    if cue.lemma == "call" and RE_CALLED_INTO.match(text, cue.end, s.end):
        return False  # "called into the program": a phone call, not speech
    if cue.lemma == "decline" and RE_DECLINED_BY.match(text, cue.end, s.end):
        return False  # "turnout declined by 5 percent": a fall, not a refusal
    if naming_called(text, s, cue.start, cue.end):
        return False  # "a spa called Bulgari Tower": naming, not speech
    if cue.tag == "ing" and last_word not in ("is", "are", "was", "were", "been", "’s", "'s", "keeps", "kept") \
            and not re.search(r"\b(?:with|of)\s+(?:[A-Z][\w.'’-]*\s+){1,5}$", before) \
            and not re.search(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hat|[Ww]ho)[’']s\s+$", before):
        return False  # ("with Senator Tom Lund telling reporters ..." is a statement)
    if cue.tag in ("past", "part") and (last_word in PASSIVE_AUX or (
            before.rstrip().endswith(PASSIVE_ADVERB_ENDS) and RE_PASSIVE_ADVERBS.search(before))):
        return False  # passive: "was told", "have been charged", "was first reported"
    if cue.tag in ("past", "part") and RE_BY_AGENT.match(text, cue.end, s.end):
        return False  # a participle with its agent: "the islands claimed by the Peruvians"
    return True


def _weak_cue_takes_content(doc: Document, s: Sentence, cue: Cue, lead: int, last_word: str) -> bool:
    """A weak cue ("claims", "pledged") is a statement only before "that" or ":", as a
    progressive, with a to-infinitive, or right before a quotation."""
    text = doc.text
    if re.search(r"\bthat\s*$" if cue.form in NOUN_FORMS else r"(?:\bthat|:)\s*$", text[cue.start:lead]):
        return True
    progressive = cue.tag == "ing" and (last_word in ("is", "are", "was", "were") or last_word.endswith(("’s", "'s")))
    return (progressive or (cue.form in TO_FORMS and text.startswith("to ", lead))
            or (cue.form not in NOUN_FORMS and quote_soon(doc, lead, s.end)))


def _wh_clause(doc: Document, s: Sentence, cue: Cue, sp: Span, wh_start: int, wh: str) -> Optional[Proposal]:
    """"what the senators said was a scheme", "how experts say it would work": the wh-clause,
    with its speaker and cue, is the statement (PolNeAR's reading)."""
    text = doc.text
    if not (wh in ("what", "how") and cue.lemma == "say" and cue.tag in ("past", "pres", "base")
            and not RE_WH_NO_COMPLEMENT.match(text, cue.end)):
        return None
    wm = RE_WH_CLAUSE_END.search(text, cue.end, s.end)
    c = trim(text, wh_start, wm.start() if wm else s.end)
    if word_count(text, cue.end, c[1]) < LIMITS.min_content_words:
        return None
    return Proposal((Candidate(c, sp, cue.span, NAME, cue.sentence),), (cue.span,))
