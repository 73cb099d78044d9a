"""What a rule proposes: a :class:`Candidate` statement and the stretch of sentence it claims."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from ..types import Span

__all__ = ["Candidate", "Proposal"]


@dataclass
class Candidate:
    """A statement found by the rule named ``rule``.

    Later passes may extend its content (a paragraph, a continued quotation, an open
    quotation); each records its name in ``extended_by`` and never changes ``rule``. A pass
    that gives the statement its own reading (``paragraph.trailing_cue``, ``direct.continued``
    ...) also sets ``reported_as``: the output's ``rule`` field is :attr:`reported_rule`, the
    rule or pass that last shaped the content, so it always names one module of ``rules/``.
    """

    content: Span
    speaker: Optional[Span]
    cue: Span
    rule: str
    sentence: int
    antecedent: Optional[Span] = None
    via: Optional[Span] = None
    direct: bool = False
    trailing: bool = False
    tail: str = ""
    extended_by: List[str] = field(default_factory=list)
    reported_as: Optional[str] = None

    @property
    def reported_rule(self) -> str:
        return self.reported_as or self.rule

    def extend(self, content: Span, *, by: str, reported: bool = False) -> None:
        """Take ``content`` as the new content, recording the pass ``by``; ``reported``: the
        output names that pass."""
        self.content = content
        self.extended_by.append(by)
        if reported:
            self.reported_as = by


@dataclass(frozen=True)
class Proposal:
    """Candidates from one trigger and the sentence stretches they claim from later triggers."""

    candidates: Tuple[Candidate, ...]
    claims: Tuple[Span, ...]
