"""`stance summarize` and `stance report` from the command line; `GET /` and `POST /` of the service."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from stance.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
FILES = [str(ARTICLES / n) for n in ("steel.txt", "prices.txt", "climate.txt")]


def run(runner, model, *args, **kw):
    return runner.invoke(cli, ["--model", str(model), *map(str, args)], **kw)


def test_summarize_sums_equal_score_counts(runner, tiny_model_path):
    scored = run(runner, tiny_model_path, "score", *FILES, "--format", "jsonl")
    assert scored.exit_code == 0
    statements = [json.loads(line) for line in scored.output.splitlines()]
    r = run(runner, tiny_model_path, "summarize", *FILES, "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert sum(row["statements"] for row in rows) == len(statements)
    for topic in {s["topic"] for s in statements}:
        assert sum(row["statements"] for row in rows if row["topic"] == topic) == \
            sum(1 for s in statements if s["topic"] == topic)


def test_summarize_table_csv_dates_and_org(runner, tiny_model_path):
    r = run(runner, tiny_model_path, "summarize", *FILES)
    assert r.exit_code == 0 and "Ana Kowal" in r.output and "speakers" in r.output.splitlines()[-1]
    r = run(runner, tiny_model_path, "summarize", *FILES, "--format", "csv", "--dates", ARTICLES / "dates.csv",
            "--by-org")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert "Commerce Ministry" in {row["speaker"] for row in rows}
    assert any(row["dates"] == "2025-03-01;2025-03-05" for row in rows)


def test_summarize_named_topic(runner, tiny_model_path):
    r = run(runner, tiny_model_path, "summarize", *FILES, "--topic", "climate", "--format", "json")
    assert r.exit_code == 0
    assert {row["topic"] for row in json.loads(r.output)} == {"climate"}


def test_summarize_plot(runner, tiny_model_path, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "who.png"
    r = run(runner, tiny_model_path, "summarize", *FILES, "--plot", out)
    assert r.exit_code == 0, r.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_writes_one_html_file(runner, tiny_model_path, tmp_path):
    out = tmp_path / "r.html"
    r = run(runner, tiny_model_path, "report", *FILES, "-o", out, "--dates", ARTICLES / "dates.csv")
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<mark") == 8
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temporary file left behind
    assert out.stat().st_mode & 0o044  # readable like any file the user writes


def test_report_skips_a_bad_file_and_says_so(runner, tiny_model_path, tmp_path):
    out = tmp_path / "r.html"
    r = run(runner, tiny_model_path, "report", FILES[0], tmp_path / "missing.txt", "-o", out)
    assert r.exit_code == 2 and "missing.txt: no such file" in r.output
    assert out.exists()


@pytest.mark.parametrize("args, message", [
    pytest.param(["--dates", "nowhere.csv"], "nowhere.csv: no such file", id="dates-missing"),
    pytest.param(["--topic", "football"], "unknown topic", id="topic"),
])
def test_bad_input_is_one_line_and_exit_2(runner, tiny_model_path, tmp_path, args, message):
    out = tmp_path / "r.html"
    out.write_text("old report", encoding="utf-8")
    for command in (["summarize", FILES[0]], ["report", FILES[0], "-o", out]):
        r = run(runner, tiny_model_path, *command, *args)
        assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output
    assert out.read_text(encoding="utf-8") == "old report"  # nothing clobbered


def test_report_with_no_readable_article(runner, tiny_model_path, tmp_path):
    r = run(runner, tiny_model_path, "report", tmp_path / "missing.txt", "-o", tmp_path / "r.html")
    assert r.exit_code == 2 and "nothing to report" in r.output
    assert not (tmp_path / "r.html").exists()


# -- the service page ---------------------------------------------------------------

@pytest.fixture(scope="module")
def client(tiny_model_path):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from stance import Analyzer
    from stance.service import create_app

    return TestClient(create_app(Analyzer.load(tiny_model_path)))


def test_service_page_get(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<form" in r.text and "<mark" not in r.text


def test_service_page_post_renders_the_article_view(client):
    text = (ARTICLES / "climate.txt").read_text(encoding="utf-8")
    r = client.post("/", data={"text": text})
    assert r.status_code == 200
    assert r.text.count("<mark") == 2 and "&lt;script&gt;window" in r.text and "<script>window" not in r.text
    api = client.post("/v1/analyze", json={"text": text, "article": "pasted text"}).json()
    assert f'"content": {json.dumps(api["quotes"][0]["content"], ensure_ascii=False)}' in \
        r.text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


@pytest.mark.parametrize("kwargs, status", [
    pytest.param({"data": {"text": "   "}}, 422, id="empty"),
    pytest.param({"json": {"text": "x"}}, 415, id="not-a-form"),
])
def test_service_page_errors(client, kwargs, status):
    r = client.post("/", **kwargs)
    assert r.status_code == status and 'class="error"' in r.text
