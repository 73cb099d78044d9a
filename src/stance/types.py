"""Records shared by every stage: sentences, statements, article results.

All spans are half-open ``(start, end)`` Python string indices into the text
exactly as the caller gave it, so ``text[start:end]`` is the field's value.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Mapping, Optional, Tuple

Span = Tuple[int, int]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence with its offsets and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed statement: who said what, and (once scored) its stance.

    Attribution fields are filled by :mod:`stance.attribution`; ``topic``,
    ``stance``, ``probabilities`` and ``topic_probability`` by the model
    (they stay ``None`` when only attribution was asked for).
    """

    content: str
    content_span: Span
    speaker: Optional[str]
    speaker_mention: Optional[str]
    speaker_span: Optional[Span]
    cue: Optional[str]
    cue_span: Optional[Span]
    kind: str
    rule: str
    via: Optional[str] = None
    topic: Optional[str] = None
    stance: Optional[str] = None
    probabilities: Optional[Mapping[str, float]] = None
    topic_probability: Optional[float] = None

    def scored(self, topic: Optional[str], stance: Optional[str], probabilities: Optional[Mapping[str, float]],
               topic_probability: Optional[float]) -> "Quote":
        """This quote with the model's fields set; half the cost of ``dataclasses.replace``, called per statement."""
        return Quote(self.content, self.content_span, self.speaker, self.speaker_mention, self.speaker_span,
                     self.cue, self.cue_span, self.kind, self.rule, self.via,
                     topic, stance, probabilities, topic_probability)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict in DESIGN.md's field order (spans as lists)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Mapping):
                value = dict(value)
            out[f.name] = value
        return out


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Every statement found in one article, with the model that scored it."""

    article: str
    quotes: Tuple[Quote, ...]
    model: Optional[Mapping[str, Any]] = None
    warnings: Tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The article document of DESIGN.md: ``{"schema": 1, ...}``."""
        return {
            "schema": 1,
            "article": self.article,
            "quotes": [q.to_dict() for q in self.quotes],
            "model": dict(self.model) if self.model is not None else None,
        }


@dataclass(frozen=True, slots=True)
class Classification:
    """The topic and stance of one raw statement (no attribution)."""

    text: str
    topic: str
    stance: str
    probabilities: Optional[Mapping[str, float]]
    topic_probability: Optional[float]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "text": self.text,
            "topic": self.topic,
            "stance": self.stance,
            "probabilities": dict(self.probabilities) if self.probabilities is not None else None,
            "topic_probability": self.topic_probability,
        }
