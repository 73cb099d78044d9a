"""Target-aware features: signed placeholders, topic hints, and what they buy the model."""
from __future__ import annotations

import numpy as np
import pytest

from stance import StanceModel
from stance.explain import explain_text, feature_names
from stance.features import TargetRewriter, target_lexicon

ROWS = [["tariffs", "pro", "tariffs?|import duties"], ["tariffs", "con", "free trade"],
        ["multilateralism", "pro", "united nations|(?-i:UN)"], ["tariffs", "cue", "trade wars?"]]


def test_rewrite_replaces_targets_by_signed_placeholders_and_appends_hints():
    text, sign = TargetRewriter(ROWS).rewrite("Import duties beat free trade in a trade war.")
    assert text == "tgtpro beat tgtcon in a trade war. | topictag_tariffs topictag_tariffs topiccue_tariffs"
    assert sign == 0
    assert TargetRewriter(ROWS).rewrite("Free trade helps.")[1] == -1
    assert TargetRewriter(ROWS).rewrite("Back the UN, not the un-elected.") == (
        "Back the tgtpro, not the un-elected. | topictag_multilateralism", 1)
    assert TargetRewriter(ROWS).rewrite("Nothing here.") == ("Nothing here.", 0)


def test_bad_lexicon_role_is_refused():
    with pytest.raises(ValueError, match="role"):
        TargetRewriter([["tariffs", "maybe", "x"]])


def test_shipped_lexicon_covers_every_topic_and_compiles():
    rows = target_lexicon()
    assert {t for t, _, _ in rows} == {"tariffs", "multilateralism", "belt_and_road", "climate", "sanctions"}
    rewriter = TargetRewriter(rows)
    assert rewriter.rewrite("They imposed retaliatory levies on cars.")[0].startswith("They imposed tgtpro on cars.")
    assert "tgtcon" in rewriter.rewrite("Global warming is a hoax.")[0]


# Hand-written: multilateralism has only favor and none rows; its against side must come from tariffs.
TRAIN = [
    ("We strongly support tariffs on steel.", "tariffs", "favor"),
    ("We welcome tariffs.", "tariffs", "favor"),
    ("We firmly oppose tariffs.", "tariffs", "against"),
    ("We oppose tariffs, a mistake.", "tariffs", "against"),
    ("Tariff schedules were published on Monday.", "tariffs", "none"),
    ("We strongly support multilateralism.", "multilateralism", "favor"),
    ("We welcome multilateral cooperation.", "multilateralism", "favor"),
    ("The United Nations met in Geneva on Monday.", "multilateralism", "none"),
    ("Lunch was served at noon.", "other", "none"),
]


def _fit(**params):
    texts, topics, stances = zip(*TRAIN)
    return StanceModel(min_df=1, stance_head="joint", C=10.0, **params).fit(texts, topics, stances)


def test_target_placeholders_let_one_topic_teach_another_its_rare_side():
    probe = ["We firmly oppose multilateralism."]
    plain = _fit().predict_stance_proba(probe, ["multilateralism"])
    aware = _fit(target_terms=True).predict_stance_proba(probe, ["multilateralism"])
    classes = _fit().classes_
    assert "against" in classes
    against = classes.index("against")
    # the rare side gains (on 9 rows the topic's own favor intercept still wins; on real data the
    # placeholders' gain is measured on news_dev: BENCHMARKS.md, issue 11)
    assert aware[0, against] > plain[0, against] + 0.02


def test_target_model_round_trips_and_explains(tmp_path):
    model = _fit(target_terms=True)
    X = model.transform(["We support tariffs."])
    assert X.shape[1] == len(feature_names(model))
    assert "word__tgtpro" in set(feature_names(model)[X.tocsr()[0].indices])
    path = model.save(tmp_path / "m.joblib")
    loaded = StanceModel.load(path)
    assert loaded.target_lexicon_ == model.target_lexicon_
    probe = ["We oppose the UN.", "Tariffs now!"]
    assert np.allclose(loaded.predict_stance_proba(probe, ["multilateralism", "tariffs"]),
                       model.predict_stance_proba(probe, ["multilateralism", "tariffs"]))
    exp = explain_text(loaded, "We oppose tariffs.", topic="tariffs")
    logit_parts = sum(w for _, w in exp["for"]) + sum(w for _, w in exp["against"])
    assert np.isfinite(logit_parts) and exp["stance"] in loaded.classes_


TRICKY = [
    "", "tariffs", "Tariffs,tariffs;TARIFFS", "xtariffs tariffsx tariffs_ _tariffs 1tariffs",
    "the UN, the un, the U.N. and the United Nations", "free  trade free-trade Free Trade",
    "\u212aelvin tariffs", "Tariff\u017f and tari\u017f\u017f", "\u0130mport duties; \u0131mport duties",
    "Stra\u00dfe \u00c9tats tariffs \u2019tariffs\u2019 \u201ctrade wars\u201d", "trade war trade wars trade warsx",
    "import duties|import duties", "a" * 50 + " tariffs",
]


@pytest.mark.parametrize("rows", [ROWS, [list(row) for row in target_lexicon()]])
def test_rewrite_tries_the_pattern_only_at_candidates_with_the_plain_sub_result(rows):
    rewriter = TargetRewriter(rows)
    assert rewriter._candidates is not None
    plain = TargetRewriter(rows)
    plain._candidates = None  # the plain IGNORECASE sub over every position
    for text in TRICKY + [t.upper() for t in TRICKY] + [t.swapcase() for t in TRICKY]:
        assert rewriter.rewrite(text) == plain.rewrite(text), text


def test_rows_that_may_match_empty_or_have_no_superset_use_the_plain_sub():
    assert TargetRewriter([["t", "pro", "x?"]])._candidates is None
    assert TargetRewriter([["t", "pro", "\\bx"]])._candidates is None
    assert TargetRewriter([["t", "pro", "x?"]]).rewrite("x y") == ("tgtpro y | topictag_t", 1)
