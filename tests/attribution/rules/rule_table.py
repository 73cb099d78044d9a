"""Rows of the per-rule tables (imported by the test modules next to it)."""
from __future__ import annotations

import pytest


def row(text, *statements, id, alone=True, xfail=None):
    """One invented sentence and every statement the pipeline should give for it, as
    ``(speaker mention, cue, content, kind, rule)``. ``alone``: the module's sentence rule
    (``ENTRY``) run alone gives the same (``False``: other rules are needed; a rule name: that
    rule alone does). ``xfail``: a known miss, with the reason."""
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(text, list(statements), alone, id=id, marks=marks)
