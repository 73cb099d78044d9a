"""The default model, installed as package data of ``stance.default_model`` (see pyproject.toml).

This file makes the directory a regular package, so editable installs
(``pip install -e .``) find the model too.
"""
