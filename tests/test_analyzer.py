"""Analyzer: the embeddable API (analyze, analyze_many, classify), threads and pickling."""
from __future__ import annotations

import dataclasses
import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

from stance import Analyzer, ArticleResult, InputError, ModelError, StanceError, attribute
from stance.types import Quote

ARTICLE = (
    "Trade ministers met in Geneva on Monday.\n\n"
    "\"Tariffs hurt consumers and raise prices for everyone,\" Maria Lopez said.\n\n"
    "Lopez added that the United Nations must remain at the core of the international system.\n"
)


@pytest.fixture(scope="module")
def analyzer(tiny_model_path):
    return Analyzer.load(tiny_model_path)


def test_analyze_scores_every_statement(analyzer):
    result = analyzer.analyze(ARTICLE, article="a")
    assert isinstance(result, ArticleResult) and result.article == "a"
    assert len(result.quotes) == 2
    first = result.quotes[0]
    assert first.speaker == "Maria Lopez" and first.kind == "direct"
    assert first.topic == "tariffs"
    assert abs(sum(first.probabilities.values()) - 1) < 1e-6
    assert first.stance == max(first.probabilities, key=first.probabilities.get)
    assert result.model["name"] == "tiny"


def test_spans_index_the_text(analyzer):
    for q in analyzer.analyze(ARTICLE).quotes:
        assert ARTICLE[q.content_span[0]:q.content_span[1]] == q.content
        assert ARTICLE[q.speaker_span[0]:q.speaker_span[1]] == q.speaker_mention
        assert ARTICLE[q.cue_span[0]:q.cue_span[1]] == q.cue


def test_named_topics_give_one_record_per_statement_and_topic(analyzer):
    result = analyzer.analyze(ARTICLE, topics=["tariffs", "climate"])
    assert [q.topic for q in result.quotes] == ["tariffs", "climate"] * 2
    assert all(q.probabilities is not None for q in result.quotes)


def test_other_topic_has_no_stance_probabilities(analyzer):
    [c] = analyzer.classify(["The football team won the championship on Sunday."])
    assert c.topic == "other" and c.stance == "none" and c.probabilities is None


def test_classify_on_a_given_topic(analyzer):
    [c] = analyzer.classify(["Tariffs hurt consumers and raise prices."], topic="tariffs")
    assert c.topic == "tariffs" and c.stance == "against"


def test_unknown_topic_is_refused(analyzer):
    with pytest.raises(StanceError, match="unknown topic"):
        analyzer.analyze(ARTICLE, topics=["football"])


def test_empty_text_is_refused(analyzer):
    with pytest.raises(InputError, match="empty"):
        analyzer.analyze("   ")


def test_to_dict_matches_the_schema(analyzer):
    doc = analyzer.analyze(ARTICLE).to_dict()
    assert doc["schema"] == 1 and set(doc) == {"schema", "article", "quotes", "model"}
    assert set(doc["quotes"][0]) == {
        "speaker", "speaker_mention", "speaker_span", "cue", "cue_span", "content", "content_span",
        "kind", "rule", "via", "topic", "stance", "probabilities", "topic_probability"}
    assert isinstance(doc["quotes"][0]["content_span"], list)


def test_a_scored_quote_keeps_every_attribution_field():
    fields = [f.name for f in dataclasses.fields(Quote)]
    quote = Quote(*(f"{name} value" for name in fields))  # every field distinct, so a dropped one shows
    scores = dict(topic="tariffs", stance="favor", probabilities={"favor": 1.0}, topic_probability=0.5)
    assert quote.scored(**scores) == dataclasses.replace(quote, **scores)


def test_analyze_many_preserves_order(analyzer):
    texts = [ARTICLE, "\"We must cut emissions now,\" said Ana Silva.", ARTICLE]
    one_by_one = [analyzer.analyze(t).to_dict() for t in texts]
    assert [r.to_dict() for r in analyzer.analyze_many(texts)] == one_by_one
    assert [r.to_dict() for r in analyzer.analyze_many(texts, n_jobs=2)] == one_by_one


def test_analyze_many_needs_one_name_per_text(analyzer):
    with pytest.raises(ValueError, match="2 texts but 1 article names"):
        analyzer.analyze_many([ARTICLE, ARTICLE], articles=["a"])


def test_threads_and_pickle_give_the_same_results(analyzer):
    expected = analyzer.analyze(ARTICLE).to_dict()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: analyzer.analyze(ARTICLE).to_dict(), range(32)))
    assert all(r == expected for r in results)
    assert pickle.loads(pickle.dumps(analyzer)).analyze(ARTICLE).to_dict() == expected


def test_attribute_needs_no_model():
    result = attribute(ARTICLE)
    assert result.model is None and all(q.topic is None for q in result.quotes)


def test_load_refuses_a_bad_file(tmp_path):
    bad = tmp_path / "x.joblib"
    bad.write_text("hello")
    with pytest.raises(ModelError, match="not a stance model"):
        Analyzer.load(bad)


def test_env_var_names_the_model(tiny_model_path, monkeypatch):
    monkeypatch.setenv("STANCE_MODEL", str(tiny_model_path))
    assert Analyzer.load().model_info["name"] == "tiny"
