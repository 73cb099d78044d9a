"""The default model, installed as the package ``stance.default_model``.

``python train.py`` writes ``stance.joblib`` here; pyproject.toml maps this
folder into the package so ``Analyzer.load()`` finds the model after a plain
``pip install .`` (or an editable install) from any directory.
"""
