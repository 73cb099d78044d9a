"""StanceModel: the estimator contract, probabilities, and the model file."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone

from stance import ModelError, NotFittedError, StanceError, StanceModel
from stance.errors import OutputError
from stance.model import FORMAT_VERSION, _split_rows

PROBES = ["Tariffs hurt consumers.", "We must raise tariffs.", "The UN must be reformed.", "It rained on Sunday."]


def test_init_only_stores_params():
    m = StanceModel(C=2.0, word_ngrams=(1, 3))
    assert m.get_params()["C"] == 2.0 and m.get_params()["word_ngrams"] == (1, 3)
    assert clone(m).get_params() == m.get_params()
    assert not hasattr(m, "topics_")


def test_fit_returns_self_and_learns_labels(train_rows):
    texts, topics, stances = zip(*train_rows)
    m = StanceModel(min_df=1)
    assert m.fit(texts, topics, stances) is m
    assert m.topics_ == sorted(set(topics))
    assert m.classes_ == ["against", "favor", "none"]
    assert "other" not in m.stance_heads_


def test_predict_before_fit_is_a_clear_error():
    with pytest.raises(NotFittedError, match="not fitted"):
        StanceModel().predict_topic_proba(["x"])


def test_probabilities_are_distributions(tiny_model):
    topic_p = tiny_model.predict_topic_proba(PROBES)
    assert topic_p.shape == (len(PROBES), len(tiny_model.topics_))
    np.testing.assert_allclose(topic_p.sum(axis=1), 1.0)
    stance_p = tiny_model.predict_stance_proba(PROBES, ["tariffs"] * len(PROBES))
    np.testing.assert_allclose(stance_p.sum(axis=1), 1.0)


def test_learns_the_training_signal(tiny_model):
    p = tiny_model.predict_stance_proba(["Tariffs hurt consumers and raise prices."], ["tariffs"])[0]
    assert tiny_model.classes_[p.argmax()] == "against"


def test_unknown_topic_names_the_choices(tiny_model):
    with pytest.raises(StanceError, match="unknown topic 'football'.*tariffs"):
        tiny_model.predict_stance_proba(["x"], ["football"])


def test_refit_is_reproducible(train_rows):
    texts, topics, stances = zip(*train_rows)
    a = StanceModel(min_df=1).fit(texts, topics, stances).predict_stance_proba(PROBES, ["tariffs"] * 4)
    b = StanceModel(min_df=1).fit(texts, topics, stances).predict_stance_proba(PROBES, ["tariffs"] * 4)
    np.testing.assert_array_equal(a, b)


def test_single_label_topic_is_a_constant_head():
    m = StanceModel(min_df=1).fit(["tariffs now", "more tariffs", "no sanctions"],
                                  ["tariffs", "tariffs", "sanctions"], ["favor", "favor", "against"])
    np.testing.assert_array_equal(m.predict_stance_proba(["tariffs"], ["tariffs"]), [[0.0, 1.0]])


def test_save_load_round_trip(tiny_model, tmp_path):
    path = tiny_model.save(tmp_path / "m.joblib", metadata={"name": "t"})
    loaded = StanceModel.load(path)
    assert loaded.metadata_["name"] == "t" and loaded.metadata_["format_version"] == FORMAT_VERSION
    assert loaded.topics_ == tiny_model.topics_ and loaded.classes_ == tiny_model.classes_
    np.testing.assert_allclose(loaded.predict_topic_proba(PROBES), tiny_model.predict_topic_proba(PROBES))
    np.testing.assert_allclose(loaded.predict_stance_proba(PROBES, ["climate"] * 4),
                               tiny_model.predict_stance_proba(PROBES, ["climate"] * 4), rtol=1e-5)


def test_load_does_not_warn(tiny_model_path, recwarn):
    StanceModel.load(tiny_model_path).predict_topic_proba(PROBES)
    assert not [w for w in recwarn if "sklearn" in str(w.filename) or "version" in str(w.message).lower()]


def test_tampered_file_is_refused(tiny_model_path, tmp_path):
    data = bytearray(tiny_model_path.read_bytes())
    data[-10] ^= 0xFF
    bad = tmp_path / "bad.joblib"
    bad.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="checksum mismatch.*train"):
        StanceModel.load(bad)


@pytest.mark.parametrize("content, message", [
    (b"just some text\n", "not a stance model"),
    (b"STANCE-MODEL\nnot json\n", "checksum mismatch"),
    (b'STANCE-MODEL\n{"format_version": 99}\nxx', "older model format that stored a pickle"),
], ids=["not-a-model", "bad-header", "pickle-format"])
def test_bad_model_files(tmp_path, content, message):
    path = tmp_path / "m.joblib"
    path.write_bytes(content)
    with pytest.raises(ModelError, match=message):
        StanceModel.load(path)


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelError, match="no such model file"):
        StanceModel.load(tmp_path / "absent.joblib")


def test_failed_save_keeps_the_old_file(tiny_model, tmp_path, monkeypatch):
    path = tiny_model.save(tmp_path / "m.joblib")
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("stance.outputs.os.replace", boom)
    with pytest.raises(OutputError, match="disk full"):
        tiny_model.save(path, metadata={"name": "new"})
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_article_context_lends_its_topic_to_a_statement_without_topic_words(tiny_model):
    statement = ["It will cost every family a fortune, he said."]
    article = ["Tariffs on steel and a trade war: the government raised tariffs again. " + statement[0]]
    model = clone(tiny_model)
    model.__dict__.update({k: v for k, v in tiny_model.__dict__.items() if k.endswith("_")})
    alone = model.predict_topic_proba(statement)
    assert np.array_equal(model.predict_topic_proba(statement, contexts=article), alone)  # weight 0: ignored
    model.set_params(context_weight=1.0)
    with_article = model.predict_topic_proba(statement, contexts=article)
    tariffs = model.topics_.index("tariffs")
    assert with_article[0, tariffs] > alone[0, tariffs]
    assert model.topics_[int(with_article[0].argmax())] == "tariffs"
    with pytest.raises(ValueError, match="contexts"):
        model.predict_topic_proba(statement, contexts=article * 2)


def test_statements_and_their_articles_vectorized_in_one_pass_score_the_same(tiny_model):
    model = clone(tiny_model).set_params(context_weight=1.0)
    model.__dict__.update({k: v for k, v in tiny_model.__dict__.items() if k.endswith("_")})
    articles = ["Tariffs on steel and a trade war: the government raised tariffs again. It hurts, Lee said.",
                "Paris climate talks ended late. Emissions must fall, the envoy said."]
    statements = ["It hurts", "Emissions must fall", "the government raised tariffs again"]
    contexts = [articles[0], articles[1], articles[0]]
    X, context_X = model.transform_with_contexts(statements, contexts)
    assert context_X.shape[0] == 2 and (X != model.transform(statements)).nnz == 0
    assert (context_X != model.transform(articles)).nnz == 0
    assert np.array_equal(model.predict_topic_proba(statements, X=X, contexts=contexts, context_X=context_X),
                          model.predict_topic_proba(statements, contexts=contexts))
    with pytest.raises(ValueError, match="context_X"):
        model.predict_topic_proba(statements, X=X, contexts=contexts, context_X=context_X[:1])
    assert model.set_params(context_weight=0.0).transform_with_contexts(statements, contexts)[1] is None


@pytest.mark.parametrize("n", [0, 1, 3, 4])
def test_split_rows_equals_the_row_slices(n):
    X = sp.csr_matrix(np.array([[0, 1.5, 0], [0, 0, 0], [2, 0, 3], [0, 4, 0]]))
    head, tail = _split_rows(X, n)
    for part, expected in ((head, X[:n]), (tail, X[n:])):
        assert part.shape == expected.shape and np.array_equal(part.toarray(), expected.toarray())

