"""Outputs only to regular files, orphan-free workers, and the smaller input checks of issue 13."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from stance.cli import cli
from stance.errors import OutputError
from stance.outputs import check_output_path, write_atomic

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def labeled_csv(tmp_path, train_rows):
    import csv

    path = tmp_path / "train.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "topic", "stance"])
        w.writerows(train_rows)
    return path


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _bad_targets(tmp_path, fifo):
    return {
        "fifo": (fifo, "not a regular file"),
        "directory": (tmp_path, "is a directory"),
        "missing-parent": (tmp_path / "no" / "such" / "m.model", "does not exist"),
    }


@pytest.mark.parametrize("kind", ["fifo", "directory", "missing-parent"])
def test_train_refuses_non_regular_outputs_before_training(runner, labeled_csv, tmp_path, fifo, kind):
    target, message = _bad_targets(tmp_path, fifo)[kind]
    r = runner.invoke(cli, ["train", str(labeled_csv), "-o", str(target), "--folds", "0"])
    assert r.exit_code == 2, r.output
    assert message in r.stderr and r.stderr.count("\n") == 1 and "Traceback" not in r.output
    assert "wrote" not in r.stderr  # refused before training
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # the FIFO is still a FIFO
    assert not (tmp_path / "no").exists()  # no directory created


def test_a_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "null-link"
    link.symlink_to(os.devnull)
    with pytest.raises(OutputError, match="not a regular file"):
        check_output_path(link)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_unwritable_directory_is_exit_2_not_internal_error(runner, labeled_csv, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    r = runner.invoke(cli, ["train", str(labeled_csv), "-o", str(locked / "m.model"), "--folds", "0"])
    assert r.exit_code == 2 and "cannot write" in r.stderr


def test_write_atomic_replaces_a_regular_file(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old")
    write_atomic(path, "new")
    assert path.read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


@pytest.mark.parametrize("option", [["classify", "-o"], ["evaluate", "--errors"]])
def test_other_outputs_refuse_a_fifo(runner, tiny_model_path, tmp_path, fifo, option):
    statements = tmp_path / "s.csv"
    statements.write_text("text\nTariffs hurt.\n", encoding="utf-8")
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"doc_id": "a", "text": "Lee said it works.", "attributions": []}\n', encoding="utf-8")
    source = statements if option[0] == "classify" else gold
    r = runner.invoke(cli, ["--model", str(tiny_model_path), option[0], str(source), option[1], str(fifo)])
    assert r.exit_code == 2 and "not a regular file" in r.stderr


def test_classify_writes_its_output_file(runner, tiny_model_path, tmp_path):
    statements = tmp_path / "s.csv"
    statements.write_text("text\nTariffs hurt.\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    r = runner.invoke(cli, ["--model", str(tiny_model_path), "classify", str(statements), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith("text,predicted_topic,predicted_stance")


def test_a_ragged_training_row_names_its_width(runner, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,topic,stance\nTariffs hurt.,tariffs\n", encoding="utf-8")
    r = runner.invoke(cli, ["train", str(bad), "-o", str(tmp_path / "m.model")])
    assert r.exit_code == 2 and "bad.csv:2: 2 fields but the header has 3 columns" in r.stderr


def test_evaluate_reads_json_gold_with_a_text_file(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Lee said the talks were useful.", encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text('{"doc_id": "a", "text_file": "a.txt", "attributions": [{"source": "Lee", '
                    '"source_span": [0, 3], "cue": "said", "cue_span": [4, 8], "content": '
                    '"the talks were useful", "content_span": [9, 30], "scopes": ["source", "speech"]}]}',
                    encoding="utf-8")
    r = runner.invoke(cli, ["evaluate", str(gold)])
    assert r.exit_code == 0, r.output
    assert "F1=1.000" in r.stdout


def test_an_oversized_article_is_exit_2_and_others_still_scored(runner, tmp_path, monkeypatch):
    import stance.articles

    monkeypatch.setattr(stance.articles, "MAX_ARTICLE_CHARS", 100)
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text("Lee said the talks were useful. " * 10, encoding="utf-8")
    small.write_text("Lee said the talks were useful.", encoding="utf-8")
    r = runner.invoke(cli, ["quotes", str(big), str(small), "--format", "jsonl"])
    assert r.exit_code == 2
    assert "big.txt: article of 320 characters is over the limit of 100" in r.stderr
    assert len(r.stdout.splitlines()) == 1


WORKER_SCRIPT = textwrap.dedent("""
    import os, sys, time
    from joblib import delayed
    from stance.workers import parallel

    def task(folder):
        open(os.path.join(folder, str(os.getpid())), "w").close()
        time.sleep(120)

    parallel(2)(delayed(task)(sys.argv[1]) for _ in range(2))
""")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][:1] not in ("Z", "X")  # a zombie is dead, just not reaped
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_their_parent_is_killed(tmp_path):
    pids_dir = tmp_path / "pids"
    pids_dir.mkdir()
    parent = subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT, str(pids_dir)],
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    try:
        deadline = time.monotonic() + 60
        while len(list(pids_dir.iterdir())) < 2:
            assert time.monotonic() < deadline, "workers did not start"
            assert parent.poll() is None, "the parent exited early"
            time.sleep(0.1)
        workers = [int(p.name) for p in pids_dir.iterdir()]
        assert all(_alive(w) for w in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 15
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "orphaned workers are still running"
    finally:
        if parent.poll() is None:
            parent.kill()
        for p in pids_dir.iterdir():
            try:
                os.kill(int(p.name), signal.SIGKILL)
            except ProcessLookupError:
                pass
