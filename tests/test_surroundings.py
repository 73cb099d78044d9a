"""The text around a statement: what it holds, and how much of the stance it sways."""
from __future__ import annotations

import numpy as np
import pytest

from stance import StanceModel
from stance.analyzer import Analyzer
from stance.evaluate.run import score_gold_statements
from stance.surroundings import surroundings


def test_surroundings_leave_the_statement_out_and_stop_at_the_text_ends():
    text = "Officials cheered. “We will win,” she said at the port on Monday."
    start = text.index("We")
    end = text.index("win") + 3
    assert surroundings(text, (start, end), chars=10) == "cheered. “ ,” she sai"
    assert surroundings(text, (0, 9), chars=1000) == " " + text[9:]
    assert surroundings(text, (start, end)) == text[:start] + " " + text[end:]


@pytest.fixture
def fitted(train_rows):
    texts, topics, stances = zip(*train_rows)
    return StanceModel(min_df=1, char_ngrams=(3, 4)).fit(texts, topics, stances)


def test_surround_weight_mixes_the_logits_of_statement_and_surroundings(fitted):
    statements, topics = ["We will see what happens next."], ["tariffs"]
    around = ["Tariffs protect our workers and our steel mills, the minister said."]
    alone = fitted.predict_stance_proba(statements, topics)
    # weight 0 ignores the surroundings; weight 1 reads them alone
    np.testing.assert_allclose(fitted.set_params(surround_weight=0.0).predict_stance_proba(
        statements, topics, surroundings=around), alone)
    np.testing.assert_allclose(fitted.set_params(surround_weight=1.0).predict_stance_proba(
        statements, topics, surroundings=around), fitted.predict_stance_proba(around, topics))
    half = fitted.set_params(surround_weight=0.5).predict_stance_proba(statements, topics, surroundings=around)
    favor = fitted.classes_.index("favor")
    assert alone[0, favor] < half[0, favor] < fitted.predict_stance_proba(around, topics)[0, favor]
    np.testing.assert_allclose(half.sum(axis=1), 1.0)
    with pytest.raises(ValueError, match="surroundings"):
        fitted.predict_stance_proba(statements, topics, surroundings=around * 2)


def test_surround_weight_reaches_analyze_and_the_gold_evaluation(fitted, tmp_path):
    article = ("Tariffs protect our workers, the minister said, and tariffs protect our mills. "
               '"We will see what happens next," she said. Tariffs protect our jobs.')
    start = article.index("We will")
    span = (start, article.index('," she'))

    def favor_of_the_quote(model):
        quotes = [q for q in Analyzer(model).analyze(article).quotes if q.content_span == span]
        assert len(quotes) == 1
        return quotes[0].probabilities["favor"]

    alone = favor_of_the_quote(fitted.set_params(surround_weight=0.0, context_weight=0.0))
    assert favor_of_the_quote(fitted.set_params(surround_weight=0.5)) > alone
    gold = [("d1", article, {"content_span": list(span), "topic": "tariffs", "stance": "favor"})]
    fitted.set_params(surround_weight=0.0)
    apart = score_gold_statements(fitted, gold)["stance"]["calibration"]["brier"]
    fitted.set_params(surround_weight=1.0)
    assert score_gold_statements(fitted, gold)["stance"]["calibration"]["brier"] < apart
    path = fitted.save(tmp_path / "m.stance")
    assert StanceModel.load(path).surround_weight == 1.0
