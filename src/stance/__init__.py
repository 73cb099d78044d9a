"""stance: who said what in news articles, and where they stand."""
from __future__ import annotations

import logging

from .errors import DataError, InputError, ModelError, NotFittedError, StanceError
from .types import ArticleResult, Classification, Quote, Sentence

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

_LAZY = {"Analyzer": "analyzer", "attribute": "analyzer", "StanceModel": "model"}
_LAZY.update({"summarize": "summary", "SummaryRow": "summary", "render_report": "report"})


def __getattr__(name: str):
    """Import the scikit-learn-backed parts on first use, so ``import stance`` and the CLI start fast."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Analyzer",
    "ArticleResult",
    "Classification",
    "DataError",
    "InputError",
    "ModelError",
    "NotFittedError",
    "Quote",
    "Sentence",
    "StanceError",
    "StanceModel",
    "SummaryRow",
    "attribute",
    "render_report",
    "summarize",
    "__version__",
]
