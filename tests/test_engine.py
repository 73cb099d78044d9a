"""The stance engine: joint heads, calibration, training with head choice and tuning, explanations.

Hand-written statements only (conftest.TRAIN_ROWS); nothing here trains on a data set.
"""
from __future__ import annotations


import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from stance import StanceModel
from stance.explain import explain_text, feature_names, top_features
from stance.model import FORMAT_VERSION, fit_temperature, joint_features, softmax
from stance.modelfile import write_model_file
from stance.training import cross_validate, train, tune

PROBES = ["Tariffs hurt consumers.", "We must raise tariffs.", "The UN must be reformed.", "Cut emissions now."]


@pytest.fixture(scope="module")
def joint_model(train_rows):
    texts, topics, stances = zip(*train_rows)
    return StanceModel(min_df=1, char_ngrams=(3, 4), stance_head="joint").fit(texts, topics, stances)


def test_joint_head_equals_the_joint_regression(train_rows, joint_model):
    texts, topics, stances = map(np.asarray, zip(*train_rows))
    keep = topics != "other"
    X = joint_model.transform(texts[keep])
    stance_topics = sorted(joint_model.stance_heads_)
    lr = LogisticRegression(C=4.0, solver="newton-cg", tol=1e-3, max_iter=2000)
    from stance.model import _per_topic_balanced

    lr.fit(joint_features(X, topics[keep], stance_topics), stances[keep],
           sample_weight=_per_topic_balanced(topics[keep], stances[keep]))
    probe_topics = ["tariffs", "climate", "multilateralism", "sanctions"]
    Xp = joint_model.transform(PROBES)
    expected = lr.predict_proba(joint_features(Xp, probe_topics, stance_topics))
    np.testing.assert_allclose(joint_model.predict_stance_proba(PROBES, probe_topics), expected, rtol=1e-6)


def test_joint_model_round_trips(joint_model, tmp_path):
    loaded = StanceModel.load(joint_model.save(tmp_path / "j.joblib"))
    assert loaded.stance_head == "joint"
    np.testing.assert_allclose(loaded.predict_stance_proba(PROBES, ["sanctions"] * 4),
                               joint_model.predict_stance_proba(PROBES, ["sanctions"] * 4), rtol=1e-5)


def test_hashtags_share_features_with_words():
    m = StanceModel(min_df=1).fit(["#tariffs now", "no tariffs"], ["t", "t"], ["favor", "against"])
    assert "tariffs" in m.features_.transformer_list[0][1].vocabulary_
    assert m._prepare(["#Climate action"])["word"] == ["Climate #Climate action"]
    assert StanceModel(split_hashtags=False)._prepare(["#a"])["word"] == ["#a"]


def test_fit_temperature_recovers_a_known_temperature():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(4000, 3)) * 3
    y = np.array([rng.choice(3, p=p) for p in softmax(logits / 2.0)])
    assert fit_temperature(logits, y) == pytest.approx(2.0, rel=0.1)


def test_temperatures_change_probabilities_not_labels(tiny_model, tmp_path):
    m = StanceModel.load(tiny_model.save(tmp_path / "m.joblib"))
    before = m.predict_stance_proba(PROBES, ["tariffs"] * 4)
    m.set_temperatures(topic=2.0, stance={"tariffs": 3.0})
    after = m.predict_stance_proba(PROBES, ["tariffs"] * 4)
    assert (before.argmax(1) == after.argmax(1)).all()
    assert after.max(1).mean() < before.max(1).mean()
    loaded = StanceModel.load(m.save(tmp_path / "t.joblib"))
    assert loaded.stance_temperatures_["tariffs"] == 3.0 and loaded.topic_temperature_ == 2.0
    with pytest.raises(ValueError, match="positive"):
        m.set_temperatures(topic=0.0)


def test_cross_validate_compares_heads_and_calibrates(train_csv):
    from stance.data import read_labeled

    data = read_labeled([train_csv])
    cv = cross_validate(data, params={"min_df": 1}, folds=2, heads=["per_topic", "joint"], n_jobs=1)
    assert set(cv["heads"]) == {"per_topic", "joint"} and cv["stance_head"] in cv["heads"]
    assert cv["stance"]["f_avg"] == cv["heads"][cv["stance_head"]]["f_avg"]
    assert {"raw", "temperature_scaled"} == set(cv["stance"]["calibration"])
    assert set(cv["temperatures"]["stance"]) <= {"tariffs", "multilateralism", "sanctions", "climate"}
    assert cv["temperatures"]["topic"] > 0


def test_train_records_the_choice_and_is_reproducible(train_csv, tmp_path):
    a, meta = train([train_csv], tmp_path / "a.joblib", folds=2, n_jobs=1)
    b, _ = train([train_csv], tmp_path / "b.joblib", folds=2, n_jobs=1)
    cv = meta["cv"]
    assert meta["params"]["stance_head"] == cv["stance_head"] and set(cv["heads"]) == {"per_topic", "joint"}
    loaded = StanceModel.load(tmp_path / "a.joblib")
    assert loaded.stance_head == cv["stance_head"]
    assert loaded.stance_temperatures_ == pytest.approx(
        {t: v for t, v in cv["temperatures"]["stance"].items() if t in loaded.stance_heads_})
    for t in ("tariffs", "climate"):
        np.testing.assert_array_equal(a.predict_stance_proba(PROBES, [t] * 4), b.predict_stance_proba(PROBES, [t] * 4))
    np.testing.assert_allclose(loaded.predict_topic_proba(PROBES), a.predict_topic_proba(PROBES), rtol=1e-5)


def test_train_with_a_fixed_head_skips_the_comparison(train_csv, tmp_path):
    _, meta = train([train_csv], tmp_path / "m.joblib", folds=2, n_jobs=1, params={"stance_head": "joint"})
    assert list(meta["cv"]["heads"]) == ["joint"] and meta["params"]["stance_head"] == "joint"
    _, meta = train([train_csv], tmp_path / "n.joblib", folds=0)
    assert meta["cv"] is None and meta["params"]["stance_head"] == "per_topic"


def test_tune_scores_every_candidate(train_csv, tmp_path):
    from stance.data import read_labeled

    grid = {"word_ngrams": [(1, 1), (1, 2)], "C": [1.0, 4.0], "stance_head": ["per_topic"]}
    result = tune(read_labeled([train_csv]), grid=grid, base={"min_df": 1}, folds=2, n_jobs=1)
    assert len(result["candidates"]) == 4
    assert result["best"]["f_avg"] == max(c["f_avg"] for c in result["candidates"])
    assert isinstance(result["best_params"]["word_ngrams"], tuple)
    _, meta = train([train_csv], tmp_path / "t.joblib", folds=2, n_jobs=1, do_tune=True, tune_grid=grid)
    assert meta["tune"]["best_params"].items() <= {**meta["params"], "word_ngrams": tuple(meta["params"]["word_ngrams"])}.items()


def test_top_features_are_named_by_block(tiny_model):
    table = top_features(tiny_model, n=5)
    assert set(table) == set(tiny_model.stance_heads_)
    feats = [f for labels in table.values() for rows in labels.values() for f, _ in rows]
    assert feats and all(f.startswith(("word__", "char__")) for f in feats)
    assert len(feature_names(tiny_model)) == tiny_model.transform(["x"]).shape[1]
    against = [f for f, _ in table["tariffs"]["against"]]
    assert "word__protectionism" in against and "word__our" in [f for f, _ in table["tariffs"]["favor"]]


def test_explain_text_contributions_add_up(tiny_model):
    exp = explain_text(tiny_model, "Tariffs hurt consumers and raise prices.", topic="tariffs", n=1000)
    assert exp["stance"] == "against" and exp["label"] == "against"
    head = tiny_model.stance_heads_["tariffs"]
    X = tiny_model.transform([exp["text"]])
    z = np.asarray(X @ head.coef_.T + head.intercept_)[0]
    centered = z - z.mean()
    total = sum(w for _, w in exp["for"]) + sum(w for _, w in exp["against"]) + exp["intercept"]
    assert total == pytest.approx(centered[list(head.classes_).index("against")], abs=1e-6)
    assert any("hurt" in f for f, _ in exp["for"])


def test_explain_text_predicts_the_topic_when_not_given(tiny_model):
    exp = explain_text(tiny_model, "The football team won the championship on Sunday.")
    assert exp["topic"] in tiny_model.topics_ and 0 <= exp["topic_probability"] <= 1


def test_files_with_retired_parameters_load_only_when_they_were_off(tiny_model, tmp_path):
    from stance.errors import ModelError

    state = tiny_model._export()
    state["params"].update(negation=False, signed_features=False, shared_weight=1.0)
    loaded = StanceModel.load(write_model_file(tmp_path / "off.model", state, {"format_version": FORMAT_VERSION}))
    np.testing.assert_allclose(loaded.predict_stance_proba(PROBES, ["tariffs"] * 4),
                               tiny_model.predict_stance_proba(PROBES, ["tariffs"] * 4), rtol=1e-5)
    state["params"]["signed_features"] = True
    with pytest.raises(ModelError, match="cannot rebuild"):
        StanceModel.load(write_model_file(tmp_path / "on.model", state, {"format_version": FORMAT_VERSION}))
