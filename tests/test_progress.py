"""Progress bars: drawn on a terminal, nothing otherwise, silenced by --quiet."""
from __future__ import annotations

import io

from joblib import delayed

from stance import progress
from stance.cli import cli


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal():
    term = Terminal()
    with progress.showing(term):
        assert list(progress.track(range(5), label="articles")) == [0, 1, 2, 3, 4]
    assert "articles" in term.getvalue() and "100%" in term.getvalue()


def test_nothing_when_not_a_terminal_or_hidden():
    pipe, term = io.StringIO(), Terminal()
    with progress.showing(pipe):
        assert list(progress.track(range(3), label="articles")) == [0, 1, 2]
    with progress.showing(term):
        progress.hide()
        assert list(progress.track(range(3), label="articles")) == [0, 1, 2]
    assert list(progress.track(range(3), label="outside any block")) == [0, 1, 2]
    assert pipe.getvalue() == "" and term.getvalue() == ""


def test_run_parallel_keeps_order_and_ticks():
    term = Terminal()
    tasks = [delayed(pow)(i, 2) for i in range(6)]
    assert progress.run_parallel(tasks, n_jobs=1, label="folds") == [0, 1, 4, 9, 16, 25]
    with progress.showing(term):
        assert progress.run_parallel(tasks, n_jobs=2, label="folds") == [0, 1, 4, 9, 16, 25]
    assert "folds" in term.getvalue()


def test_cli_quiet_silences_the_bar(runner, tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)  # pretend stderr is a terminal
    files = []
    for i in range(3):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f'"Tariffs hurt us all," Maria Lopez said on day {i}.\n', encoding="utf-8")
        files.append(str(path))
    shown = runner.invoke(cli, ["quotes", *files, "--format", "jsonl"])
    quiet = runner.invoke(cli, ["quotes", *files, "--format", "jsonl", "--quiet"])
    assert shown.exit_code == quiet.exit_code == 0
    assert shown.stdout == quiet.stdout and shown.stdout.count("\n") == 3
    assert "articles" in shown.stderr and quiet.stderr == ""
