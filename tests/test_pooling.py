"""Speaker consistency: pooling stance probabilities over one speaker's statements on a topic in an article."""
from __future__ import annotations

import numpy as np
import pytest

from stance import StanceModel
from stance.analyzer import Analyzer, _pool_speakers
from stance.evaluate.run import score_gold_statements
from stance.pooling import pool_by_speaker
from stance.types import Quote


def test_pooling_blends_each_row_with_its_group_mean_and_leaves_singletons():
    p = np.array([[0.8, 0.2], [0.2, 0.8], [0.3, 0.7], [0.6, 0.4]])
    groups = [("a", "Lee", "tariffs"), ("a", "Lee", "tariffs"), None, ("a", "Kim", "tariffs")]
    out = pool_by_speaker(p, groups, 0.5)
    np.testing.assert_allclose(out[0], [0.65, 0.35])
    np.testing.assert_allclose(out[1], [0.35, 0.65])
    np.testing.assert_allclose(out[2:], p[2:])  # no speaker / alone in its group
    np.testing.assert_allclose(out.sum(axis=1), 1.0)
    np.testing.assert_allclose(pool_by_speaker(p, groups, 1.0)[:2], [[0.5, 0.5]] * 2)
    np.testing.assert_allclose(pool_by_speaker(p, groups, 0.0), p)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        pool_by_speaker(p, groups, 1.5)
    with pytest.raises(ValueError, match="group keys"):
        pool_by_speaker(p, groups[:2], 0.5)


def _quote(speaker, topic, favor):
    return Quote(content="x", content_span=(0, 1), speaker=speaker, speaker_mention=speaker, speaker_span=None,
                 cue="said", cue_span=(2, 6), kind="direct", rule="test", topic=topic, stance="favor" if favor > 0.5 else "against",
                 probabilities={"against": 1 - favor, "favor": favor})


def test_analyzer_pools_per_speaker_and_topic_and_keeps_stance_the_argmax():
    quotes = [_quote("Lee", "tariffs", 0.9), _quote("Lee", "tariffs", 0.4), _quote("Lee", "climate", 0.4),
              _quote(None, "tariffs", 0.4)]
    out = _pool_speakers(quotes, 0.5)
    assert out[1].probabilities["favor"] == pytest.approx(0.525) and out[1].stance == "favor"
    assert out[0].probabilities["favor"] == pytest.approx(0.775)
    assert out[2] == quotes[2] and out[3] == quotes[3]  # another topic; no speaker
    assert _pool_speakers(quotes, 0.0) == tuple(quotes)


def test_speaker_weight_reaches_analyze_and_the_gold_evaluation(train_rows):
    texts, topics, stances = zip(*train_rows)
    model = StanceModel(min_df=1, char_ngrams=(3, 4)).fit(texts, topics, stances)
    article = ('"We must raise tariffs now," Lee said. "Tariffs hurt consumers," Lee added. '
               '"Tariffs hurt consumers," Kim said.')
    alone = Analyzer(model).analyze(article).quotes
    pooled = Analyzer(model.set_params(speaker_weight=1.0)).analyze(article).quotes
    lee = [i for i, q in enumerate(pooled) if q.speaker == "Lee" and q.probabilities]
    assert len(lee) == 2 and pooled[lee[0]].probabilities == pooled[lee[1]].probabilities
    assert alone[lee[0]].probabilities != alone[lee[1]].probabilities
    for q in pooled:
        if q.probabilities:
            assert sum(q.probabilities.values()) == pytest.approx(1.0)
            assert q.stance == max(q.probabilities, key=q.probabilities.get)
    # the gold evaluation pools over the gold speakers
    gold = [("d1", "Lee: tariffs good. Lee: tariffs bad.",
             {"speaker": "Lee", "content_span": [5, 18], "topic": "tariffs", "stance": "favor"}),
            ("d1", "Lee: tariffs good. Lee: tariffs bad.",
             {"speaker": "Lee", "content_span": [24, 36], "topic": "tariffs", "stance": "against"})]
    model.set_params(speaker_weight=0.0)
    apart = score_gold_statements(model, gold)["stance"]
    model.set_params(speaker_weight=1.0)
    together = score_gold_statements(model, gold)["stance"]
    assert together["accuracy"] == 0.5  # one pooled distribution: one side right, one wrong
    assert apart["n"] == together["n"] == 2
