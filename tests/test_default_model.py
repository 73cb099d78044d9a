"""The committed default model is what `python train.py` builds from data/labeled/ (reproducibility)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stance import Analyzer, StanceModel

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "stance.joblib"


def _train_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_script", ROOT / "train.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LABELED = sorted({p for pattern in _train_script().DATA for p in ROOT.glob(pattern)})

# Hand-written for this test, one or two per topic.
STATEMENTS = [
    "Tariffs on imported steel will protect our workers.",
    "There is no winner in a trade war, and protectionism hurts everyone.",
    "The United Nations must remain at the centre of the international system.",
    "We call for a comprehensive reform of the Security Council.",
    "The new railway corridor will link our port with the landlocked countries of the region.",
    "We must cut emissions now and honour the Paris Agreement.",
    "The unilateral embargo must be lifted without delay.",
    "The Council should impose targeted sanctions on those who block the peace process.",
    "The delegation visited the national museum on Tuesday.",
]


@pytest.mark.skipif(not MODEL.exists(), reason="no default model committed")
def test_retraining_reproduces_the_committed_model(tmp_path):
    from stance.training import train

    committed = StanceModel.load(MODEL)
    meta = committed.metadata_
    from stance.data import read_labeled

    assert meta["trained_on"] == [p.name for p in LABELED], "models/stance.joblib is stale: run python train.py"
    assert meta["training_sha256"] == read_labeled(LABELED).sha256, "data changed since training: python train.py"
    # Cross-validation (skipped here for time) only picks the stance head, stored in the
    # metadata, and calibration temperatures, which never change the predicted label.
    assert meta["selection"]["params"] == _train_script().PARAMS, "train.py settings changed: python train.py"
    retrained, _ = train(LABELED, tmp_path / "m.joblib", group_column="document", folds=0,
                         params=dict(meta["params"]))

    def labels(model):
        topics = np.asarray(model.topics_)[model.predict_topic_proba(STATEMENTS).argmax(axis=1)].tolist()
        stances = [np.asarray(model.classes_)[model.predict_stance_proba(STATEMENTS, [t] * len(STATEMENTS))
                                              .argmax(axis=1)].tolist() for t in sorted(model.stance_heads_)]
        return topics, stances

    assert labels(retrained) == labels(committed)


@pytest.mark.skipif(not MODEL.exists(), reason="no default model committed")
def test_default_model_is_installed_and_scores():
    analyzer = Analyzer.load()
    assert analyzer.model_info["name"] == "stance-default"
    results = analyzer.classify(STATEMENTS)
    assert [r.text for r in results] == STATEMENTS
    assert {r.topic for r in results} <= set(analyzer.model.topics_)
    assert all(r.probabilities is None if r.topic == "other" else abs(sum(r.probabilities.values()) - 1) < 1e-6
               for r in results)
