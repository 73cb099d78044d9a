"""``direct.quote_paragraph`` — a paragraph that is wholly a quotation, right after a direct
statement that closed, is a statement of the same speaker.

    "The bridge is unsafe," the mayor said.

    "We will close it on Monday."

A pass over the statements found: the last direct statement of a paragraph takes each next
paragraph that opens with a quotation running to the paragraph's end and has no cue of its own,
one statement per paragraph (news wire convention; a quotation continued in the same paragraph
stays with :mod:`.direct_continued`).
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from ..candidates import Candidate
from ..cues import Cue, has_strong_cue
from ..document import Document
from ..text import QUOTE_START, trim

NAME = "direct.quote_paragraph"

#: fewer words than this is a label or a caption ('"Related:"'), not a remark
MIN_WORDS = 3


def extend(doc: Document, cues: Sequence[Sequence[Cue]], candidates: List[Candidate]) -> None:
    sents = doc.sentences
    busy = {sents[doc.sentence_of(p)].paragraph for c in candidates
            for p in (c.content[0], max(c.content[0], c.content[1] - 1))}
    last: Dict[int, Candidate] = {}
    for c in candidates:
        para = sents[doc.sentence_of(max(c.content[0], c.content[1] - 1))].paragraph
        if para not in last or c.content[1] > last[para].content[1]:
            last[para] = c
    added: List[Candidate] = []
    for para, c in sorted(last.items()):
        if not c.direct or c.speaker is None:
            continue
        nxt = para + 1
        while nxt < len(doc.paragraphs) and nxt not in busy:
            content = _quote_paragraph(doc, cues, nxt)
            if content is None:
                break
            added.append(Candidate(content=content, speaker=c.speaker, cue=c.cue, rule=NAME,
                                   sentence=doc.sentence_of(content[0]), antecedent=c.antecedent, via=c.via,
                                   direct=True))
            busy.add(nxt)
            nxt += 1
    candidates.extend(added)


def _quote_paragraph(doc: Document, cues: Sequence[Sequence[Cue]], para: int) -> Optional[Tuple[int, int]]:
    """The quoted content of paragraph ``para`` if the paragraph is one quotation with no cue."""
    text = doc.text
    ps, pe = doc.paragraphs[para]
    ps, pe = ps + len(text[ps:pe]) - len(text[ps:pe].lstrip()), ps + len(text[ps:pe].rstrip())
    if pe <= ps or text[ps] not in QUOTE_START:
        return None
    r = doc.region_starting_at(ps)
    if r is None or text[r[1]:pe].strip() or len(re.findall(r"\w+", text[ps:pe])) < MIN_WORDS:
        return None
    first, last = doc.sentence_of(ps), doc.sentence_of(pe - 1)
    if any(has_strong_cue(doc, cues[k], doc.sentences[k]) for k in range(first, last + 1)):
        return None
    return trim(text, ps, pe)
