"""Start-up: `stance --help` and `stance quotes` import neither scikit-learn nor all of nltk.

Each check runs in a fresh interpreter, since the test process has long
imported everything.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sklearn", "scipy", "nltk", "joblib")


def _loaded_after(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; return its output and which HEAVY modules it imported."""
    script = code + (
        "\nimport json, sys\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    *lines, heavy = out.stdout.strip().splitlines()
    return {"output": "\n".join(lines), "heavy": json.loads(heavy)}


def _invoke(args: list[str]) -> str:
    return ("from stance.cli import cli\n"
            "try:\n"
            f"    cli({args!r}, standalone_mode=False)\n"
            "except SystemExit:\n"
            "    pass\n")


@pytest.mark.parametrize("args", [["--help"], ["score", "--help"], ["quotes", "--help"]])
def test_help_imports_nothing_heavy(args):
    run = _loaded_after(_invoke(args))
    assert "Usage:" in run["output"]
    assert run["heavy"] == []


def test_quotes_imports_no_scikit_learn(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text('"Tariffs hurt us all," Maria Lopez said.\n', encoding="utf-8")
    run = _loaded_after(_invoke(["quotes", str(article), "--format", "jsonl"]))
    assert json.loads(run["output"])["speaker"] == "Maria Lopez"
    assert run["heavy"] == []  # Punkt came without nltk's initializer (and its scipy/scikit-learn)


def test_nltk_imported_after_stance_is_complete():
    run = _loaded_after(
        "from stance import attribute\n"
        "attribute('\"It works,\" she said.')\n"
        "import nltk\n"
        "print(nltk.tokenize.punkt.PunktSentenceTokenizer.__module__, callable(nltk.sent_tokenize))\n")
    assert run["output"] == "nltk.tokenize.punkt True"
    assert "nltk" in run["heavy"] and "sklearn" in run["heavy"]  # nltk's own initializer ran, as usual
