"""stance.spark on local[2]: statements equal Analyzer.analyze's, statement for statement.

Skipped (with the reason) where pyspark or Java is missing; CI sets
STANCE_REQUIRE_SPARK=1 so that a missing piece fails there instead.
One Spark session serves the whole module (starting one costs ~10 s).
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import pytest


def _unavailable(reason: str) -> None:
    if os.environ.get("STANCE_REQUIRE_SPARK"):
        pytest.fail(f"STANCE_REQUIRE_SPARK is set but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if importlib.util.find_spec("pyspark") is None or importlib.util.find_spec("pyarrow") is None:
    _unavailable("pyspark/pyarrow not installed (pip install 'stance[spark]')")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    _unavailable("no Java runtime for Spark (install openjdk-17-jre-headless)")

from stance import Analyzer, InputError, ModelError, StanceError  # noqa: E402
from stance.spark import score_articles  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# Invented for these tests; combined below into 20 articles of 2-4 paragraphs.
PARAGRAPHS = [
    "\"Tariffs hurt consumers and raise prices for everyone,\" Maria Lopez said.",
    "Trade minister Omar Haddad said the new duties would protect factory jobs in the north.",
    "\"We must cut emissions and act on climate change now,\" said Ana Silva, who chairs the energy committee.",
    "According to the central bank, the embargo has already cut exports by a third.",
    "The harbor was quiet on Sunday and the ferries ran on time.",
    "Lopez added that the United Nations must remain at the core of the international system.",
    "\"The sanctions must stay until the troops leave,\" the foreign minister told reporters.",
    "Farmers in the valley said they feared a trade war would close their markets, and one of them, "
    "Petra Novak, called the plan reckless.",
]


def _articles() -> list[tuple[int, str]]:
    out = []
    for i in range(20):
        picks = [PARAGRAPHS[(i + k * (1 + i % 3)) % len(PARAGRAPHS)] for k in range(2 + i % 3)]
        out.append((i, f"Report number {i} from the capital.\n\n" + "\n\n".join(picks) + "\n"))
    return out


def _statements(rows, labels) -> dict:
    """Spark rows grouped per article id, rebuilt into the JSON form of Quote.to_dict(), in order."""
    by_id: dict = {}
    for row in sorted(rows, key=lambda r: (r["id"], r["statement"])):
        r = row.asDict()
        quote = {}
        for field in ("speaker", "speaker_mention", "speaker_span", "cue", "cue_span", "content", "content_span",
                      "kind", "rule", "via", "topic", "stance", "probabilities", "topic_probability"):
            if field.endswith("_span"):
                start, end = r[f"{field[:-5]}_start"], r[f"{field[:-5]}_end"]
                quote[field] = None if start is None else [start, end]
            elif field == "probabilities":
                probs = {label: r[f"p_{label}"] for label in labels}
                quote[field] = None if all(p is None for p in probs.values()) else probs
            else:
                quote[field] = r[field]
        by_id.setdefault(r["id"], []).append(quote)
    return by_id


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("stance-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.pyspark.python", sys.executable).getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="module")
def analyzer(tiny_model_path):
    return Analyzer.load(tiny_model_path)


@pytest.fixture(scope="module")
def articles_df(spark):
    rows = _articles() + [(20, None), (21, "   "), (22, "No one is quoted in this short note about the weather.")]
    return spark.createDataFrame(rows, "id long, text string").repartition(2)


@pytest.mark.parametrize("topics", [None, ["tariffs", "climate"]], ids=["predicted-topic", "named-topics"])
def test_statements_equal_analyze(articles_df, analyzer, tiny_model_path, topics):
    out = score_articles(articles_df, model=str(tiny_model_path), topics=topics)
    got = _statements(out.collect(), analyzer.model.classes_)
    expected = {i: [q.to_dict() for q in analyzer.analyze(text, topics=topics).quotes] for i, text in _articles()}
    expected = {i: quotes for i, quotes in expected.items() if quotes}
    assert sum(len(q) for q in expected.values()) >= 40  # the comparison covers many statements
    assert got == expected  # articles 20-22 (null, blank, nothing quoted) give no rows


def test_output_schema(articles_df, tiny_model_path):
    out = score_articles(articles_df, model=str(tiny_model_path))
    types = dict(out.dtypes)
    assert out.columns[:3] == ["id", "statement", "speaker"]
    assert types["id"] == "bigint" and types["content_start"] == "bigint" and types["p_favor"] == "double"
    assert [c for c in out.columns if c.startswith("p_")] == ["p_against", "p_favor", "p_none"]


def test_bad_arguments_fail_on_the_driver(articles_df, tiny_model_path, tmp_path):
    with pytest.raises(StanceError, match="unknown topic"):
        score_articles(articles_df, model=str(tiny_model_path), topics=["football"])
    with pytest.raises(InputError, match="no column 'body'"):
        score_articles(articles_df, text_col="body", model=str(tiny_model_path))
    with pytest.raises(InputError, match="expected string"):
        score_articles(articles_df, text_col="id", id_col="text", model=str(tiny_model_path))
    with pytest.raises(ModelError, match="missing.joblib"):
        score_articles(articles_df, model=str(tmp_path / "missing.joblib"))


def test_example_script_writes_parquet(spark, analyzer, tiny_model_path, tmp_path):
    spec = importlib.util.spec_from_file_location("spark_score", ROOT / "examples" / "spark_score.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    out = tmp_path / "statements.parquet"
    written = example.run(spark, str(ROOT / "examples" / "articles.jsonl"), str(out), model=str(tiny_model_path))
    lines = (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    expected = sum(len(analyzer.analyze(json.loads(line)["text"]).quotes) for line in lines)
    assert written == expected > 0
    # the command line refuses to overwrite, before starting anything
    assert example.main([str(ROOT / "examples" / "articles.jsonl"), str(out), "--model", str(tiny_model_path)]) == 2
