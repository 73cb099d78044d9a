"""The attribution pipeline: document -> cues -> rules (arbitrated per sentence) -> passes ->
nested statements dropped. Speaker resolution is a separate stage (:mod:`.resolution`)."""
from __future__ import annotations

from typing import List, Sequence, Tuple

from .arbiter import SentenceClaims, drop_nested
from .candidates import Candidate
from .cues import Cue, find_cues
from .document import Document, build_document
from .rules import PASSES, RULES, Rule

__all__ = ["find_statements", "run_rules"]


def find_statements(text: str) -> Tuple[Document, List[Candidate]]:
    """The document and its statements (speakers unresolved), sorted by content start."""
    doc = build_document(text)
    cues = find_cues(doc)
    candidates: List[Candidate] = []
    for si in range(len(doc.sentences)):
        candidates.extend(run_rules(doc, si, cues[si], RULES))
    for p in PASSES:
        p.extend(doc, cues, candidates)
    candidates = [c for c in candidates if c.content[1] > c.content[0]]
    keep = drop_nested(candidates)
    keep.sort(key=lambda c: (c.content[0], c.cue[0]))
    return doc, keep


def run_rules(doc: Document, si: int, cues: Sequence[Cue], rules: Sequence[Rule]) -> List[Candidate]:
    """Run ``rules`` in order over sentence ``si``: each trigger not inside a stretch already
    claimed gets its rule's proposal accepted."""
    claims = SentenceClaims(cues)
    for rule in rules:
        if rule.on_cues and not cues:
            continue
        for trigger in rule.triggers(doc, si, cues):
            if claims.is_claimed(trigger.start):
                continue
            proposal = rule.match(doc, trigger, claims)
            if proposal is not None:
                claims.accept(proposal)
    return claims.accepted
