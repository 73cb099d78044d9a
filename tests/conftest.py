"""Session fixtures: a tiny model fitted on hand-written statements (the suite stays fast)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance import StanceModel

ROOT = Path(__file__).resolve().parents[1]

# Hand-written for these tests (not from any data set).
TRAIN_ROWS = [
    ("Tariffs protect our workers and our factories.", "tariffs", "favor"),
    ("We must raise tariffs on imported steel.", "tariffs", "favor"),
    ("A trade war will bring our industry back home.", "tariffs", "favor"),
    ("Protective duties keep foreign dumping out of our markets.", "tariffs", "favor"),
    ("Tariffs hurt consumers and raise prices for everyone.", "tariffs", "against"),
    ("There is no winner in a trade war.", "tariffs", "against"),
    ("Protectionism undermines the open trading system.", "tariffs", "against"),
    ("We oppose unilateral tariffs and support free trade.", "tariffs", "against"),
    ("The tariff schedule will be published next week.", "tariffs", "none"),
    ("Officials discussed tariff rates at the meeting.", "tariffs", "none"),
    ("The United Nations must remain at the core of the international system.", "multilateralism", "favor"),
    ("We support reform of the Security Council to make it more representative.", "multilateralism", "favor"),
    ("Multilateral cooperation is the only way to meet global challenges.", "multilateralism", "favor"),
    ("The United Nations is a useless talking shop.", "multilateralism", "against"),
    ("Multilateral institutions only constrain our sovereignty.", "multilateralism", "against"),
    ("We will withdraw from these international organizations.", "multilateralism", "against"),
    ("The General Assembly meets every September in New York.", "multilateralism", "none"),
    ("Sanctions must be imposed on the regime until it stops.", "sanctions", "favor"),
    ("We call for tougher sanctions against the aggressor.", "sanctions", "favor"),
    ("The embargo must be lifted at once.", "sanctions", "against"),
    ("Unilateral coercive measures harm innocent people.", "sanctions", "against"),
    ("The sanctions committee published its report on Monday.", "sanctions", "none"),
    ("We must cut emissions and act on climate change now.", "climate", "favor"),
    ("Green energy cooperation will protect our planet.", "climate", "favor"),
    ("Climate rules are a hoax that kills jobs.", "climate", "against"),
    ("The climate summit will be held in November.", "climate", "none"),
    ("The football team won the championship on Sunday.", "other", "none"),
    ("The president visited a school in the capital.", "other", "none"),
    ("Rain is expected across the region this weekend.", "other", "none"),
    ("The company reported higher profits this quarter.", "other", "none"),
    ("The museum opened a new exhibition of paintings.", "other", "none"),
    ("Both leaders signed agreements on education and tourism.", "other", "none"),
]


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture(scope="session")
def train_rows():
    return TRAIN_ROWS


@pytest.fixture(scope="session")
def tiny_model():
    texts, topics, stances = zip(*TRAIN_ROWS)
    return StanceModel(min_df=1, char_ngrams=(3, 4), random_state=0).fit(texts, topics, stances)


@pytest.fixture(scope="session")
def tiny_model_path(tiny_model, tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "tiny.joblib"
    tiny_model.save(path, metadata={"name": "tiny", "version": "test", "trained_on": ["conftest"]})
    return path


@pytest.fixture(scope="session")
def train_csv(tmp_path_factory):
    import csv

    path = tmp_path_factory.mktemp("data") / "labeled.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["text", "topic", "stance", "source"])
        for i, row in enumerate(TRAIN_ROWS):
            w.writerow([*row, f"doc{i % 4}"])
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold(seed_text) -> dict:
    """The seed article's 24 gold statements (written for this project) with the repo's text."""
    g = json.loads((ROOT / "tests" / "fixtures" / "seed_article.gold.json").read_text(encoding="utf-8"))
    return {"doc_id": g["doc_id"], "text": seed_text, "attributions": g["attributions"]}
