"""Engine commands through CliRunner: train's head choice, classify by topic, evaluate --plot, explain."""
from __future__ import annotations

import builtins
import csv
import io
import json

import pytest


from stance.cli import cli  # noqa: E402

STATEMENTS = (
    "id,text,topic,stance\n"
    "1,Tariffs hurt consumers and raise prices.,tariffs,against\n"
    "2,We must raise tariffs on steel.,tariffs,favor\n"
    "3,We must cut emissions now.,climate,favor\n"
    "4,Tougher sanctions are needed.,sanctions,favor\n"
    "5,The embargo must be lifted.,sanctions,against\n"
)


@pytest.fixture
def statements(tmp_path):
    p = tmp_path / "statements.csv"
    p.write_text(STATEMENTS, encoding="utf-8")
    return p


def run(runner, model, *args):
    return runner.invoke(cli, ["--model", str(model), *map(str, args)])


def test_train_reports_the_head_choice(runner, train_csv, tmp_path):
    out = tmp_path / "m.joblib"
    r = runner.invoke(cli, ["train", str(train_csv), "-o", str(out), "--folds", "2"])
    assert r.exit_code == 0, r.output
    assert "stance head" in r.output and "per_topic F_avg" in r.output and "joint F_avg" in r.output
    assert "temperature scaling" in r.output


def test_classify_batches_by_given_topic(runner, tiny_model_path, statements, monkeypatch):
    from stance.analyzer import Analyzer

    calls = []
    original = Analyzer.classify

    def counting(self, texts, *, topic=None):
        calls.append(topic)
        return original(self, texts, topic=topic)

    monkeypatch.setattr(Analyzer, "classify", counting)
    r = run(runner, tiny_model_path, "classify", statements, "--topic-column", "topic")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert [row["id"] for row in rows] == ["1", "2", "3", "4", "5"]
    assert [row["predicted_topic"] for row in rows] == [row["topic"] for row in rows]
    assert sorted(calls) == ["climate", "sanctions", "tariffs"]
    for row in rows:
        probs = [float(row[f"p_{c}"]) for c in ("against", "favor", "none")]
        assert sum(probs) == pytest.approx(1, abs=1e-4)
        assert row["predicted_stance"] == ["against", "favor", "none"][probs.index(max(probs))]
        assert 0 <= float(row["topic_probability"]) <= 1


def test_classify_unknown_given_topic_is_exit_2(runner, tiny_model_path, tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("text,topic\nGoal!,football\n", encoding="utf-8")
    r = run(runner, tiny_model_path, "classify", p, "--topic-column", "topic")
    assert r.exit_code == 2 and "unknown topic 'football'" in r.output


def test_evaluate_plot_writes_a_png(runner, tiny_model_path, statements, tmp_path):
    pytest.importorskip("matplotlib")
    png = tmp_path / "eval.png"
    r = run(runner, tiny_model_path, "evaluate", statements, "--plot", png)
    assert r.exit_code == 0, r.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Brier" in r.output and "ECE" in r.output


def test_evaluate_plot_without_matplotlib_is_one_line_exit_2(runner, tiny_model_path, statements, tmp_path,
                                                             monkeypatch):
    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError("No module named 'matplotlib'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    r = run(runner, tiny_model_path, "evaluate", statements, "--plot", tmp_path / "x.png")
    assert r.exit_code == 2
    assert r.output.strip() == "stance: --plot needs matplotlib: pip install 'stance[plot]'"


def test_evaluate_json_has_calibration_and_reliability(runner, tiny_model_path, statements):
    report = json.loads(run(runner, tiny_model_path, "evaluate", statements, "--format", "json").output)
    cal = report["stance"]["calibration"]
    assert 0 <= cal["ece"] <= 1 and cal["reliability"] and "f_avg_topic_mean" in report["stance"]


def test_explain_top_features_and_one_statement(runner, tiny_model_path):
    r = run(runner, tiny_model_path, "explain", "--topic", "tariffs", "-n", "3")
    assert r.exit_code == 0, r.output
    assert r.output.startswith("tariffs\n") and "against:" in r.output and "word__" in r.output
    r = run(runner, tiny_model_path, "explain", "--text", "Tariffs hurt consumers.", "--topic", "tariffs")
    assert r.exit_code == 0 and "stance against" in r.output and "n-grams for against" in r.output
    data = json.loads(run(runner, tiny_model_path, "explain", "--text", "Tariffs hurt consumers.",
                          "--format", "json").output)
    assert data["topic"] == "tariffs" and data["for"][0][0].startswith(("word__", "char__"))
    r = run(runner, tiny_model_path, "explain", "--topic", "football")
    assert r.exit_code == 2 and "unknown topic 'football'" in r.output


def test_train_tune_reports_its_choice(runner, train_csv, tmp_path, monkeypatch):
    monkeypatch.setattr("stance.training.TUNE_GRID", {"C": [1.0, 4.0], "stance_head": ["per_topic"]})
    out = tmp_path / "t.joblib"
    r = runner.invoke(cli, ["train", str(train_csv), "-o", str(out), "--folds", "2", "--tune"])
    assert r.exit_code == 0, r.output
    assert "tuned (2 candidates, 2-fold): best F_avg" in r.output


def test_evaluate_cv_needs_no_model_and_groups_folds(runner, train_csv, tmp_path):
    r = runner.invoke(cli, ["--model", str(tmp_path / "absent.joblib"), "evaluate", str(train_csv), "--cv", "2",
                            "--group-column", "source", "--format", "json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert report["grouped"] and report["folds"] == 2 and report["stance_head"] in report["heads"]
    assert report["stance"]["f_avg"] == pytest.approx(report["heads"][report["stance_head"]]["f_avg"])
    assert "calibration" in report["stance"] and report["stance"]["confusion"]
    r = runner.invoke(cli, ["evaluate", str(train_csv), "--group-column", "source"])
    assert r.exit_code == 2 and "--group-column needs --cv" in r.output
