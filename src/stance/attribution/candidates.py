"""What a rule proposes: a :class:`Candidate` statement and the stretch of sentence it claims."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from ..types import Span

__all__ = ["Candidate", "Proposal"]


@dataclass
class Candidate:
    """A statement found by the rule named ``rule``.

    Later passes may extend its content (a paragraph, a continued quotation); each records
    its own name in ``extended_by`` and never changes ``rule``. The output's ``rule`` field
    is :attr:`reported_rule`: the last step that shaped the content.
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

    @property
    def reported_rule(self) -> str:
        return self.extended_by[-1] if self.extended_by else self.rule

    def extend(self, content: Span, by: Optional[str] = None) -> None:
        """Take ``content`` as the new content; ``by`` names the pass that extended it."""
        self.content = content
        if by is not None:
            self.extended_by.append(by)


@dataclass(frozen=True)
class Proposal:
    """Candidates from one trigger and the sentence stretches they claim from later triggers."""

    candidates: Tuple[Candidate, ...]
    claims: Tuple[Span, ...]
