"""Scoring: attribution (``evaluate.attribution``) and stance (``evaluate.stance``)."""
