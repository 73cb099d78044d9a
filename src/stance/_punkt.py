"""nltk's Punkt sentence tokenizer, imported without nltk's package initializer.

``import nltk`` (which any ``import nltk.<module>`` runs first) imports nearly
all of nltk and, through it, scipy and scikit-learn: about 3 s, longer than
everything else ``stance quotes`` does on an article. Punkt itself needs a
handful of small nltk modules. When nltk is not imported yet, they are
imported under empty stand-ins for the ``nltk`` and ``nltk.tokenize``
packages, and every ``nltk`` entry this adds to ``sys.modules`` is removed
again: a later ``import nltk`` anywhere in the process runs nltk's own
initializer as usual and gets a complete, unshared nltk.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types


def _import_punkt() -> types.ModuleType:
    if "nltk" in sys.modules:  # already paid for: use it
        return importlib.import_module("nltk.tokenize.punkt")
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("stance needs nltk: pip install nltk")
    root = list(spec.submodule_search_locations)[0]
    before = set(sys.modules)
    for name, path in (("nltk", root), ("nltk.tokenize", os.path.join(root, "tokenize"))):
        stand_in = types.ModuleType(name)
        stand_in.__path__ = [path]
        sys.modules[name] = stand_in
    try:
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


_punkt = _import_punkt()
PunktParameters = _punkt.PunktParameters
PunktSentenceTokenizer = _punkt.PunktSentenceTokenizer

__all__ = ["PunktParameters", "PunktSentenceTokenizer"]
