"""Evaluation: stance metrics (:mod:`.stance`) and attribution scoring (:mod:`.attribution`)."""
