"""Embedding: README's Python examples run as written, results are immutable and picklable
and match the CLI's JSON, and bad model files are refused with one message naming the fix."""
from __future__ import annotations

import dataclasses
import json
import pickle
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stance import Analyzer, ArticleResult, Classification, ModelError, Quote
from stance.cli import cli
from stance.model import FORMAT_VERSION
from stance.modelfile import read_model_file, write_model_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed_article.txt"
FIX = "python train.py"


def readme_python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def test_readme_has_python_examples():
    blocks = readme_python_blocks()
    assert blocks and any("Analyzer.load()" in b for b in blocks)


def test_readme_python_examples_run_as_written(monkeypatch, capsys):
    """Every ```python block of README.md, in order, in one namespace, from the repository root."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("STANCE_MODEL", raising=False)
    namespace: dict = {"__name__": "__readme__"}
    for n, block in enumerate(readme_python_blocks(), start=1):
        exec(compile(block, f"README.md python block {n}", "exec"), namespace)
    assert capsys.readouterr().out.strip()  # the examples print something


@pytest.fixture(scope="module")
def analyzer(tiny_model_path):
    return Analyzer.load(tiny_model_path)


def test_to_dict_is_exactly_the_cli_json(analyzer, tiny_model_path, seed_text):
    r = CliRunner().invoke(cli, ["--model", str(tiny_model_path), "score", str(SEED), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert analyzer.analyze(seed_text, article=str(SEED)).to_dict() == json.loads(r.stdout)


def test_results_are_frozen_and_pickle(analyzer, seed_text):
    result = analyzer.analyze(seed_text)
    [c] = analyzer.classify(["Tariffs hurt consumers."])
    assert isinstance(result, ArticleResult) and isinstance(result.quotes[0], Quote) and isinstance(c, Classification)
    for obj, field in ((result, "article"), (result.quotes[0], "speaker"), (c, "stance")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, field, "x")
    assert isinstance(result.quotes, tuple)
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(c)) == c


# -- model files -------------------------------------------------------------------

def tampered(src: Path, dst: Path) -> Path:
    data = bytearray(src.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dst.write_bytes(bytes(data))
    return dst


def other_format(src: Path, dst: Path) -> Path:
    header, state = read_model_file(src)
    return write_model_file(dst, state, {**header, "format_version": FORMAT_VERSION + 1})


def unrebuildable(src: Path, dst: Path) -> Path:
    """Intact checksum, but contents that are not a stance model's state."""
    header, _ = read_model_file(src)
    return write_model_file(dst, {"params": {"no_such_parameter": 1}, "features": []}, header)


def pickle_format(src: Path, dst: Path) -> Path:
    """A format-2 file: JSON header and a pickle (never unpickled now)."""
    dst.write_bytes(b'STANCE-MODEL\n{"format_version": 2}\n' + pickle.dumps({"params": {}}))
    return dst


BAD_FILES = [
    pytest.param(tampered, "checksum mismatch", id="tampered"),
    pytest.param(other_format, f"model format {FORMAT_VERSION + 1} but this stance reads format {FORMAT_VERSION}",
                 id="other-format-version"),
    pytest.param(unrebuildable, "cannot rebuild the model", id="payload-cannot-be-rebuilt"),
    pytest.param(pickle_format, "older model format that stored a pickle", id="pickle-format"),
]


@pytest.mark.parametrize("make, message", BAD_FILES)
def test_bad_model_file_is_refused_naming_the_fix(tiny_model_path, tmp_path, make, message):
    bad = make(tiny_model_path, tmp_path / "bad.joblib")
    with pytest.raises(ModelError) as info:
        Analyzer.load(bad)
    text = str(info.value)
    assert message in text and FIX in text and "\n" not in text
    assert text.startswith(str(bad))


@pytest.mark.parametrize("make, message", BAD_FILES)
def test_cli_and_serve_refuse_bad_model_files_in_one_line(tiny_model_path, tmp_path, monkeypatch, make, message):
    bad = make(tiny_model_path, tmp_path / "bad.joblib")
    article = tmp_path / "a.txt"
    article.write_text("\"Tariffs hurt us all,\" Lee said.", encoding="utf-8")
    commands = [["--model", str(bad), "score", str(article)]]
    if _have_serve_extra():
        from stance import service

        monkeypatch.setattr(service.uvicorn, "run", _never_bind)
        commands.append(["serve", "--model", str(bad)])
    for args in commands:
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 2, (args, r.output)
        assert r.stdout == "" and r.stderr.count("\n") == 1, r.stderr
        assert message in r.stderr and FIX in r.stderr and "Traceback" not in r.stderr


def _have_serve_extra() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) for m in ("fastapi", "uvicorn"))


def _never_bind(*args, **kwargs):
    raise AssertionError("uvicorn.run (which binds the port) was called with a bad model")
