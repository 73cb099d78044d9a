"""The news yardstick on a hand-written gold file: halves, cells, bars."""
from __future__ import annotations

import numpy as np

from stance import StanceModel
from stance.evaluate.yardstick import BARS, halves, score_gold_docs


def test_halves_are_fixed_disjoint_and_cover_every_article():
    ids = [f"doc{i}" for i in range(9)] * 2
    a, b = halves(ids)
    assert (a, b) == halves(list(reversed(ids)))
    assert not a & b and a | b == set(ids) and abs(len(a) - len(b)) <= 1


def _doc(doc_id: str, statements: list[tuple[str, str, str]]) -> dict:
    text, attributions = "", []
    for content, topic, stance in statements:
        start = len(text)
        text += content + " "
        attributions.append({"content_span": [start, start + len(content)], "topic": topic, "stance": stance})
    return {"doc_id": doc_id, "text": text, "attributions": attributions}


def test_scores_whole_set_and_halves_with_cells(tiny_model):
    docs = [_doc(f"d{i}", [("Tariffs protect our workers and our factories.", "tariffs", "favor"),
                           ("Tariffs hurt consumers and raise prices for everyone.", "tariffs", "against"),
                           ("The delegation visited the national museum on Tuesday.", "other", "none")])
            for i in range(6)]
    figures = score_gold_docs(tiny_model, docs)
    assert set(figures) == {"all", "half A", "half B"}
    whole = figures["all"]
    assert whole["n"] == 12  # stance is scored on the 12 on-topic statements
    assert set(whole["cells"]) == {"tariffs/favor", "tariffs/against"}
    assert whole["min_cell"] is None  # no cell reaches 10 statements: no cell bar applies
    assert figures["half A"]["n"] + figures["half B"]["n"] == 12
    low, high = whole["stance_macro_f1_ci"]
    assert low <= whole["stance_macro_f1"] <= high
    assert whole["bars"] == (whole["stance_macro_f1"] >= BARS["stance_macro_f1"]
                             and whole["topic_macro_f1"] >= BARS["topic_macro_f1"]
                             and whole["min_cell"] is None)


def test_news_yardstick_script_says_so_when_the_gold_is_absent(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "news_yardstick.py"
    run = subprocess.run([sys.executable, str(script), "--gold", str(tmp_path / "absent.jsonl")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "not found" in run.stderr and "Traceback" not in run.stderr
    bad = subprocess.run([sys.executable, str(script), "--config", "nodata:joint"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "unknown configuration" in bad.stderr
