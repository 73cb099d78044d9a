"""Target-aware features: signed placeholders, topic hints, negation scope, and what they buy the model."""
from __future__ import annotations

import numpy as np
import pytest

from stance import StanceModel
from stance.explain import explain_text, feature_names
from stance.features import TargetRewriter, mark_negation, target_lexicon

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


def test_negation_scope_ends_at_punctuation_or_but():
    assert mark_negation("We do not like it, we love it.") == "We do not neg_like neg_it, we love it."
    assert mark_negation("It isn't fair but it works") == "It isn't neg_fair but it works"
    assert mark_negation("No way") == "No neg_way"


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
    plain = _fit(shared_weight=4.0).predict_stance_proba(probe, ["multilateralism"])
    aware = _fit(target_terms=True, shared_weight=4.0).predict_stance_proba(probe, ["multilateralism"])
    classes = _fit().classes_
    assert "against" in classes
    against = classes.index("against")
    assert aware[0].argmax() == against
    assert aware[0, against] > plain[0, against]


def test_signed_features_need_target_terms():
    with pytest.raises(ValueError, match="target_terms"):
        _fit(signed_features=True)


def test_signed_model_round_trips_and_explains(tmp_path):
    model = _fit(target_terms=True, signed_features=True, negation=True, shared_weight=2.0)
    X = model.transform(["We support tariffs."])
    assert X.shape[1] == len(feature_names(model))
    names = feature_names(model)[X.tocsr()[0].indices]
    assert "signed__support" in set(names) and "word__tgtpro" in set(names)
    path = model.save(tmp_path / "m.joblib")
    loaded = StanceModel.load(path)
    assert loaded.target_lexicon_ == model.target_lexicon_
    probe = ["We oppose the UN.", "Tariffs now!"]
    assert np.allclose(loaded.predict_stance_proba(probe, ["multilateralism", "tariffs"]),
                       model.predict_stance_proba(probe, ["multilateralism", "tariffs"]))
    exp = explain_text(loaded, "We oppose tariffs.", topic="tariffs")
    logit_parts = sum(w for _, w in exp["for"]) + sum(w for _, w in exp["against"])
    assert np.isfinite(logit_parts) and exp["stance"] in loaded.classes_
