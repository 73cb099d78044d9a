"""The command line, in-process through CliRunner and once through the installed `stance`."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from stance.cli import cli

ARTICLE = (
    "\"Tariffs hurt consumers and raise prices for everyone,\" Maria Lopez said.\n\n"
    "Lopez added that the United Nations must remain at the core of the international system.\n"
)


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def run(runner, tiny_model_path, *args, **kw):
    return runner.invoke(cli, ["--model", str(tiny_model_path), *map(str, args)], **kw)


def test_score_table(runner, tiny_model_path, article):
    r = run(runner, tiny_model_path, "score", article)
    assert r.exit_code == 0, r.output
    assert "Maria Lopez" in r.output and "2 statements" in r.output and "stance" in r.output


def test_score_json_is_one_document_with_offsets(runner, tiny_model_path, article):
    r = run(runner, tiny_model_path, "score", article, "--format", "json")
    doc = json.loads(r.output)
    assert doc["schema"] == 1 and doc["article"] == str(article) and len(doc["quotes"]) == 2
    for q in doc["quotes"]:
        assert ARTICLE[q["content_span"][0]:q["content_span"][1]] == q["content"]


def test_score_json_array_for_several_files(runner, tiny_model_path, article):
    r = run(runner, tiny_model_path, "score", article, article, "--format", "json")
    assert [d["article"] for d in json.loads(r.output)] == [str(article)] * 2


def test_score_jsonl_and_csv(runner, tiny_model_path, article):
    lines = run(runner, tiny_model_path, "score", article, "--format", "jsonl").output.splitlines()
    assert len(lines) == 2 and all(json.loads(x)["article"] == str(article) for x in lines)
    rows = list(csv.DictReader(io.StringIO(run(runner, tiny_model_path, "score", article, "--format", "csv").output)))
    assert len(rows) == 2
    assert {"content_start", "content_end", "speaker_start", "cue_end", "topic_probability"} <= rows[0].keys()
    row = rows[0]
    assert ARTICLE[int(row["content_start"]):int(row["content_end"])] == row["content"]


def test_score_stdin_and_named_topic(runner, tiny_model_path):
    r = run(runner, tiny_model_path, "score", "-", "--topic", "tariffs", "--format", "jsonl", input=ARTICLE)
    assert r.exit_code == 0, r.output
    assert {json.loads(x)["topic"] for x in r.output.splitlines()} == {"tariffs"}


def test_unknown_topic_is_exit_2(runner, tiny_model_path, article):
    r = run(runner, tiny_model_path, "score", article, "--topic", "football")
    assert r.exit_code == 2 and "unknown topic 'football'" in r.output


def test_quotes_needs_no_model(runner, article, tmp_path):
    r = runner.invoke(cli, ["--model", str(tmp_path / "absent.joblib"), "quotes", str(article), "--format", "json"])
    assert r.exit_code == 0, r.output
    quotes = json.loads(r.output)["quotes"]
    assert quotes and all(q["topic"] is None for q in quotes)


@pytest.mark.parametrize("content, message", [
    (b"", "empty text"),
    (b"\x00\x01\x02\x03", "binary"),
    ("Caf\u00e9 said.".encode("latin-1"), "not valid utf-8"),
], ids=["empty", "binary", "latin-1"])
def test_bad_article_is_one_line_exit_2(runner, tiny_model_path, tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    r = run(runner, tiny_model_path, "score", p)
    assert r.exit_code == 2 and message in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1


def test_missing_file_and_directory(runner, tiny_model_path, tmp_path):
    for target, message in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "is a directory")):
        r = run(runner, tiny_model_path, "score", target)
        assert r.exit_code == 2 and message in r.output


def test_encoding_option(runner, tiny_model_path, tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("\"Tariffs hurt everyone in Fran\u00e7a,\" Maria Lopez said.".encode("latin-1"))
    r = run(runner, tiny_model_path, "score", p, "--encoding", "latin-1", "--format", "json")
    assert r.exit_code == 0 and "Fran\u00e7a" in json.loads(r.output)["quotes"][0]["content"]


def test_one_bad_file_among_several(runner, tiny_model_path, article, tmp_path):
    r = run(runner, tiny_model_path, "score", tmp_path / "nope.txt", article, "--format", "jsonl")
    assert r.exit_code == 2
    assert "no such file" in r.stderr and len(r.stdout.splitlines()) == 2


@pytest.mark.parametrize("content, message", [
    (b"not a model", "not a stance model"),
    (b"STANCE-MODEL\n{\"format_version\": 7}\n", "older model format"),
], ids=["not-a-model", "incompatible"])
def test_bad_model_file_is_exit_2(runner, article, tmp_path, content, message):
    m = tmp_path / "m.joblib"
    m.write_bytes(content)
    r = runner.invoke(cli, ["--model", str(m), "score", str(article)])
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output


def test_env_var_model(runner, tiny_model_path, article):
    r = runner.invoke(cli, ["score", str(article)], env={"STANCE_MODEL": str(tiny_model_path)})
    assert r.exit_code == 0, r.output


def test_train_writes_a_model_and_refuses_bad_csv(runner, train_csv, tmp_path, article):
    out = tmp_path / "m.joblib"
    r = runner.invoke(cli, ["train", str(train_csv), "-o", str(out), "--folds", "2", "--group-column", "source"])
    assert r.exit_code == 0, r.output
    assert "cross-validation" in r.stderr
    good = out.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("text,topic,stance\nA statement.,tariffs,maybe\n", encoding="utf-8")
    r = runner.invoke(cli, ["train", str(bad), "-o", str(out)])
    assert r.exit_code == 2 and "bad.csv:2: unknown stance 'maybe'" in r.output
    assert out.read_bytes() == good
    assert runner.invoke(cli, ["--model", str(out), "score", str(article)]).exit_code == 0


def test_classify_adds_columns(runner, tiny_model_path, tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("id,text,topic\n1,Tariffs hurt consumers.,tariffs\n2,The team won on Sunday.,other\n", encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run(runner, tiny_model_path, "classify", p).output)))
    assert [r["id"] for r in rows] == ["1", "2"]
    assert {"predicted_topic", "predicted_stance", "topic_probability", "p_favor", "p_against", "p_none"} <= rows[0].keys()
    given = list(csv.DictReader(io.StringIO(run(runner, tiny_model_path, "classify", p, "--topic-column", "topic").output)))
    assert [r["predicted_topic"] for r in given] == ["tariffs", "other"]
    assert given[0]["predicted_stance"] == "against" and given[1]["predicted_stance"] == "none"
    assert given[1]["p_favor"] == ""


def test_classify_missing_column(runner, tiny_model_path, tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("id,body\n1,x\n", encoding="utf-8")
    r = run(runner, tiny_model_path, "classify", p)
    assert r.exit_code == 2 and "missing column(s) text" in r.output


def test_evaluate_csv(runner, tiny_model_path, train_csv):
    r = run(runner, tiny_model_path, "evaluate", train_csv)
    assert r.exit_code == 0, r.output
    assert "F_avg" in r.output and "confusion" in r.output
    report = json.loads(run(runner, tiny_model_path, "evaluate", train_csv, "--format", "json").output)
    assert 0 <= report["stance"]["f_avg"] <= 1 and "topic" in report


def test_version_and_help_load_no_model(runner, tmp_path):
    r = runner.invoke(cli, ["--model", str(tmp_path / "absent"), "--version"])
    assert r.exit_code == 0 and "model format" in r.output
    assert runner.invoke(cli, ["--help"]).exit_code == 0


def test_usage_error_is_exit_2(runner):
    assert runner.invoke(cli, ["score"]).exit_code == 2
    assert runner.invoke(cli, ["score", "x", "--format", "yaml"]).exit_code == 2


@pytest.mark.skipif(shutil.which("stance") is None, reason="the `stance` command is not installed")
def test_installed_command(tiny_model_path, article):
    ok = subprocess.run(["stance", "--model", str(tiny_model_path), "score", str(article), "--format", "json"],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert len(json.loads(ok.stdout)["quotes"]) == 2
    bad = subprocess.run(["stance", "score", str(article) + ".missing"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    mod = subprocess.run([sys.executable, "-m", "stance", "--version"], capture_output=True, text=True, timeout=60)
    assert mod.returncode == 0 and "stance" in mod.stdout


def test_evaluate_cross_validation_grouped(runner, train_csv):
    r = runner.invoke(cli, ["evaluate", str(train_csv), "--cv", "2", "--group-column", "source"])
    assert r.exit_code == 0, r.output
    assert "2-fold cross-validation" in r.output and "grouped by source" in r.output and "F_avg" in r.output
    report = json.loads(runner.invoke(cli, ["evaluate", str(train_csv), "--cv", "2", "--format", "json"]).output)
    assert 0 <= report["stance"]["f_avg"] <= 1 and report["stance_head"] in ("per_topic", "joint")
    assert runner.invoke(cli, ["evaluate", str(train_csv), "--group-column", "source"]).exit_code == 2


@pytest.mark.parametrize("content, args, message", [
    ("text,topic,stance\nTariffs hurt.,tariffs,against\nTariffs help.,tariffs,favor\n", [],
     "2 rows are too few for 5 cross-validation folds"),
    ("text,topic,stance,doc\nTariffs hurt.,tariffs,against,a\nTariffs help.,tariffs,favor,a\n"
     "Sanctions work.,sanctions,favor,a\n", ["--folds", "2", "--group-column", "doc"], "1 groups are too few"),
    ("text,topic,stance\nThe team won.,other,none\nIt rained.,other,none\n", ["--folds", "0"],
     "every row has topic 'other'"),
], ids=["too-few-rows", "too-few-groups", "all-other"])
def test_untrainable_csv_is_exit_2(runner, tmp_path, content, args, message):
    p = tmp_path / "d.csv"
    p.write_text(content, encoding="utf-8")
    r = runner.invoke(cli, ["train", str(p), "-o", str(tmp_path / "m.joblib"), *args])
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output
    assert not (tmp_path / "m.joblib").exists()


@pytest.mark.parametrize("content, args, message", [
    ("id,text\n1,Tariffs hurt.,extra\n", [], "s.csv:2: 3 fields but the header has 2 columns"),
    ("id,text,topic\n1,Tariffs hurt.\n", [], "s.csv:2: 2 fields but the header has 3 columns"),
    ("id,text\n", [], "s.csv: no rows to classify, only a header"),
    ("id,text,topic\n1,Tariffs hurt.,\n", ["--topic-column", "topic"], "s.csv:2: empty topic"),
], ids=["ragged-row", "short-row", "header-only", "empty-given-topic"])
def test_classify_bad_rows_are_exit_2(runner, tiny_model_path, tmp_path, content, args, message):
    p = tmp_path / "s.csv"
    p.write_text(content, encoding="utf-8")
    r = run(runner, tiny_model_path, "classify", p, *args)
    assert r.exit_code == 2 and message in r.output


@pytest.mark.parametrize("content, message", [
    ('{"doc_id": "a", "text": "x", "attributions": "none"}\n', "attributions a list"),
    ("not json\n", "not a JSON object"),
    ("", "no articles"),
], ids=["attributions-not-a-list", "not-json", "empty"])
def test_bad_attribution_gold_is_exit_2(runner, tmp_path, content, message):
    p = tmp_path / "g.jsonl"
    p.write_text(content, encoding="utf-8")
    r = runner.invoke(cli, ["evaluate", str(p)])
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output


def test_attribution_gold_with_stance_scores_the_model(runner, tiny_model_path, tmp_path):
    text = '"Tariffs hurt consumers and raise prices for everyone," Maria Lopez said.'
    gold = {"doc_id": "d", "text": text, "attributions": [{
        "source": "Maria Lopez", "source_span": [56, 67], "cue": "said", "cue_span": [68, 72],
        "content": text[1:53], "content_span": [1, 53], "speaker": "Maria Lopez",
        "topic": "tariffs", "stance": "against", "scopes": ["speech", "direct", "source"]}]}
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    report = json.loads(run(runner, tiny_model_path, "evaluate", p, "--format", "json").output)
    assert report["stance"]["accuracy"] == 1.0 and report["stance"]["n"] == 1


def test_attribution_options_with_a_csv_are_usage_errors(runner, tiny_model_path, train_csv):
    assert run(runner, tiny_model_path, "evaluate", train_csv, "--scope", "direct").exit_code == 2
