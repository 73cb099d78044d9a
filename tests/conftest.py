from __future__ import annotations

import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold(seed_text) -> dict:
    """The seed article's 24 gold statements (written for this project) with the repo's text."""
    g = json.loads((ROOT / "tests" / "fixtures" / "seed_article.gold.json").read_text(encoding="utf-8"))
    return {"doc_id": g["doc_id"], "text": seed_text, "attributions": g["attributions"]}
