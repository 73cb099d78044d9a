"""stance: who said what in news articles, and where they stand."""
from __future__ import annotations

import logging

from .errors import DataError, InputError, ModelError, NotFittedError, StanceError
from .types import ArticleResult, Quote, Sentence

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "ArticleResult",
    "DataError",
    "InputError",
    "ModelError",
    "NotFittedError",
    "Quote",
    "Sentence",
    "StanceError",
    "__version__",
]
