"""The text around a statement in its article, which the stance model may read beside the statement.

A quote often carries little evidence of its side on its own ("This is a
national security issue"), but the sentences around it usually do: the
journalist's framing, the speaker's other remarks and the argument the quote
answers. :meth:`stance.model.StanceModel.predict_stance_proba` blends the
stance logits of a statement with those of its surroundings (the model's
``surround_weight``). The surroundings are a fixed number of characters
either side of the statement, its own text left out, so a long quote does not
outweigh the context and the context never repeats the quote.

Examples
--------
>>> text = "Tariffs are back. 'It is the right call,' he said. Markets fell."
>>> surroundings(text, (19, 39), chars=20)
"Tariffs are back. ' ,' he said. Markets "
"""
from __future__ import annotations

SURROUND_CHARS = 150
"""Characters read either side of a statement (150 and 600 scored alike on news_dev; BENCHMARKS.md, issue 11)."""


def surroundings(text: str, span: tuple[int, int], *, chars: int = SURROUND_CHARS) -> str:
    """Up to ``chars`` characters of ``text`` before and after ``span`` (``(start, end)``), joined by a space."""
    start, end = span
    return text[max(0, start - chars):start] + " " + text[end:end + chars]
