"""SCORING.md on tiny hand-made gold documents."""
from __future__ import annotations

import pytest

from stance.errors import StanceError
from stance.evaluate.attribution import (
    attribution_errors,
    dice,
    format_attribution_report,
    format_errors,
    same_entity,
    score_attribution,
    speaker_matches_mention,
)
from stance.attribution import find_quotes

TEXT = "Ortiz said the bridge will reopen in May. He added that tolls will rise. Ortiz thinks it is fine."
#       0    5    10   15        25        35   40


def _span(sub, text=TEXT, start=0):
    i = text.index(sub, start)
    return [i, i + len(sub)]


def _gold(content, source, cue, scopes=("speech", "source"), speaker=None, kind="indirect", start=0):
    g = {"source": source, "source_span": _span(source, start=start), "cue": cue, "cue_span": _span(cue, start=start),
         "content": content, "content_span": _span(content), "content_spans": [_span(content)],
         "quote_type": kind, "scopes": list(scopes), "source_is_pronoun": source.lower() in ("he", "she")}
    if speaker:
        g["speaker"] = speaker
    return g


GOLD = [{
    "doc_id": "d1",
    "text": TEXT,
    "attributions": [
        _gold("the bridge will reopen in May", "Ortiz", "said", speaker="Ana Ortiz"),
        _gold("tolls will rise", "He", "added", speaker="Ana Ortiz"),
        _gold("it is fine", "Ortiz", "thinks", scopes=("source",), start=40),
    ],
}]


def _pred(content, mention, speaker, start=0):
    return {"content": content, "content_span": _span(content), "speaker": speaker,
            "speaker_mention": mention, "speaker_span": _span(mention, start=start), "cue": "said", "rule": "t"}


def test_dice():
    assert dice(frozenset({1, 2}), frozenset({2, 3})) == 0.5
    assert dice(frozenset(), frozenset()) == 0.0


def test_perfect_and_dont_care():
    preds = {"d1": [_pred("the bridge will reopen in May", "Ortiz", "Ana Ortiz"),
                    _pred("tolls will rise", "He", "Ana Ortiz"),
                    _pred("it is fine", "Ortiz", "Ana Ortiz", start=40)]}  # matches out-of-scope gold: don't care
    r = score_attribution(GOLD, preds, n_boot=50)
    s = r["statement"]["0.5"]
    assert (s["tp"], s["predicted"], s["gold"]) == (2, 2, 2)
    assert r["end_to_end"]["f1"] == 1.0
    assert r["speaker"]["mention"]["pronoun"]["total"] == 1
    assert r["recall_by_kind"]["indirect"]["statement_recall"] == 1.0
    assert "ci95" in r


def test_false_alarm_and_miss():
    preds = {"d1": [_pred("the bridge will reopen", "Ortiz", "Ana Ortiz"),
                    _pred("Ortiz thinks it is fine", "Ortiz", "X", start=40)]}
    r = score_attribution(GOLD, preds, n_boot=0)
    s = r["statement"]["0.5"]
    # "Ortiz thinks it is fine" still matches the out-of-scope gold (dice 0.75): don't care
    assert (s["tp"], s["predicted"], s["gold"]) == (1, 1, 2)
    assert r["statement"]["0.8"]["tp"] == 1  # 5 of 6 words: dice 0.91


def test_wrong_resolved_speaker_counts_against_end_to_end():
    preds = {"d1": [_pred("tolls will rise", "He", "He")]}
    r = score_attribution(GOLD, preds, n_boot=0)
    assert r["speaker"]["mention"]["accuracy"] == 1.0
    assert r["speaker"]["resolved"]["accuracy"] == 0.0
    assert r["end_to_end"]["tp"] == 0


@pytest.mark.parametrize(
    "pred, gold, ok",
    [("Xi Jinping", "Xi Jinping", True), ("Xi", "Xi Jinping", True), ("He", "Xi Jinping", False),
     ("Zhao", "spokesman Zhao Lijian", True), ("the ministry", "Chinese Foreign Ministry", True),
     ("Wang Yi", "Xi Jinping", False)],
)
def test_same_entity(pred, gold, ok):
    assert same_entity(pred, gold) is ok


def test_mention_rule_half_inside():
    g = {"source_span": [0, 5], "source": "Ortiz"}
    assert speaker_matches_mention({"speaker_span": [0, 5]}, g)
    assert not speaker_matches_mention({"speaker_span": [0, 40]}, g)  # a whole sentence touching the source
    assert speaker_matches_mention({"speaker_mention": "Ortiz"}, g)  # no span: head-word rule


def test_scope_direct_and_unknown_scope():
    r = score_attribution(GOLD, {"d1": []}, scope="direct", n_boot=0)
    assert r["gold"] == 0
    with pytest.raises(StanceError, match="scope"):
        score_attribution(GOLD, {}, scope="nope")


def test_report_and_errors_are_readable():
    preds = {"d1": [q.to_dict() for q in find_quotes(TEXT)]}
    r = score_attribution(GOLD, preds, n_boot=20)
    text = format_attribution_report(r)
    assert "statements Dice>=0.5" in text and "end-to-end" in text
    errs = attribution_errors(GOLD, {"d1": []})
    assert {e["type"] for e in errs} == {"miss"} and len(errs) == 2
    assert "Ortiz said the bridge" in format_errors(errs)


def test_seed_article_bar(seed_gold):
    """Bar 1: >= 22 of 24 statements matched with the right resolved speaker, <= 2 false alarms."""
    preds = {seed_gold["doc_id"]: [q.to_dict() for q in find_quotes(seed_gold["text"])]}
    r = score_attribution([seed_gold], preds, n_boot=0)
    assert r["end_to_end"]["tp"] >= 22
    s = r["statement"]["0.5"]
    assert s["predicted"] - s["tp"] <= 2


def test_same_entity_length_limit():
    # the head word inside a long prediction does not count
    assert not same_entity("the plan that the mayor and the whole city council finally approved Ortiz", "Ortiz")
