"""The attribution limits: one frozen object with today's values (measured on PolNeAR dev+train)."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "LIMITS"]


@dataclass(frozen=True)
class Limits:
    """Distances and sizes the rules use. Change a value here, then re-run the golden diff
    (``scripts/golden_attribution.py diff``) and ``stance evaluate`` on PolNeAR."""

    #: the longest tail (tokens) after a trailing cue that still reads as "when/where/to whom"
    #: (", Sun said on Wednesday in Beijing.") rather than as the content of a new clause
    trailing_tail_tokens: int = 10
    #: how far (tokens) "that" may sit after the cue and still open the content
    #: ("said in a statement on Wednesday that ...")
    that_distance: int = 10
    #: the shortest content (word tokens) worth reporting as a statement
    min_content_words: int = 2
    #: how many sentences a paragraph-final (or paragraph-opening) cue may reach over
    paragraph_reach: int = 6
    #: quote-only paragraphs that may continue a direct statement whose quote was closed (crossing
    #: paragraphs does not pay on PolNeAR: annotators treat a new quoted paragraph as new)
    continued_paragraphs: int = 0
    #: words that may separate an attribution from the quotation that continues it
    #: ('"A," he said in a statement Monday, "B."')
    split_gap_words: int = 8
    #: words between an "as" cue and the comma that ends it ("as X reported on Friday,")
    as_tail_words: int = 8
    #: words of an "according to" source's postmodifier ("aides who spoke to reporters,")
    according_tail_words: int = 10
    #: tokens a subject noun phrase may have before the cue (longer stretches are clauses)
    subject_tokens: int = 9
    #: tokens an apposition between a name and its cue may have
    apposition_tokens: int = 30
    #: tokens a name may have
    name_tokens: int = 7
    #: characters either side of a mention in which a description, a title or a pronoun looks for
    #: the name it stands for: more than any article's length (PolNeAR's longest is 34,000), and a
    #: bound that keeps resolution linear on long texts
    resolution_window: int = 40_000


LIMITS = Limits()
