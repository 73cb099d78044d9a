"""Model files: JSON and arrays, every byte checksummed, never unpickled (issue 13)."""
from __future__ import annotations

import pickle
import random

import numpy as np
import pytest
from click.testing import CliRunner

from stance import ModelError, StanceModel
from stance.cli import cli
from stance.model import FORMAT_VERSION
from stance.modelfile import MAGIC, read_model_file, write_model_file

PROBES = ["Tariffs hurt consumers.", "We must cut emissions now."]


def test_state_round_trips_with_types_kept(tmp_path):
    state = {
        "params": {"ngram": (1, 2), "C": 4.0, "name": "x", "flag": True, "none": None, "n": np.int64(3)},
        "vocab": ["a", "b", "ü"],
        "nested": [{"w": np.arange(6, dtype=np.float32).reshape(2, 3)}, np.array(["x", "yz"])],
    }
    header, back = read_model_file(write_model_file(tmp_path / "m", state, {"name": "t"}))
    assert header == {"name": "t"}
    assert back["params"] == {"ngram": (1, 2), "C": 4.0, "name": "x", "flag": True, "none": None, "n": 3}
    assert back["vocab"] == ["a", "b", "ü"]
    w = back["nested"][0]["w"]
    assert w.dtype == np.float32 and w.shape == (2, 3) and w[1, 2] == 5.0
    assert back["nested"][1].tolist() == ["x", "yz"]


@pytest.mark.parametrize("bad", [np.array([object()], dtype=object), {1: "int key"}, {"$array": 0}, {1, 2}])
def test_what_would_need_pickle_is_refused_at_write(tmp_path, bad):
    with pytest.raises(TypeError):
        write_model_file(tmp_path / "m", {"x": bad}, {})
    assert not (tmp_path / "m").exists()


def test_file_starts_with_magic_checksum_and_readable_header(tiny_model_path):
    magic, hash_line, header, _ = tiny_model_path.read_bytes().split(b"\n", 3)
    assert magic + b"\n" == MAGIC and hash_line.startswith(b"sha256:") and len(hash_line) == 7 + 64
    assert b'"name": "tiny"' in header and f'"format_version": {FORMAT_VERSION}'.encode() in header


def _flip(data: bytes, i: int) -> bytes:
    out = bytearray(data)
    out[i] ^= 0x01
    return bytes(out)


def test_a_flipped_byte_anywhere_is_refused(tiny_model_path, tmp_path):
    data = tiny_model_path.read_bytes()
    head = data.index(b"\n", len(MAGIC) + 72) + 1  # magic, checksum line and JSON header: every byte
    rnd = random.Random(0)
    positions = list(range(head)) + rnd.sample(range(head, len(data)), 300) + [len(data) - 1]
    bad = tmp_path / "bad.model"
    for i in positions:
        bad.write_bytes(_flip(data, i))
        with pytest.raises(ModelError, match="checksum mismatch|not a stance model file"):
            StanceModel.load(bad)
    bad.write_bytes(data + b"\n")  # an appended byte, too
    with pytest.raises(ModelError, match="checksum mismatch"):
        StanceModel.load(bad)


@pytest.mark.parametrize("where", ["header", "body"])
def test_cli_refuses_a_flipped_byte_with_exit_2(tiny_model_path, tmp_path, where):
    data = tiny_model_path.read_bytes()
    i = data.index(b'"tiny"') + 2 if where == "header" else len(data) // 2
    bad = tmp_path / "bad.model"
    bad.write_bytes(_flip(data, i))
    article = tmp_path / "a.txt"
    article.write_text('"Tariffs hurt us all," Lee said.', encoding="utf-8")
    r = CliRunner().invoke(cli, ["--model", str(bad), "score", str(article)])
    assert r.exit_code == 2 and "checksum mismatch" in r.stderr and r.stderr.count("\n") == 1


def test_loading_never_unpickles(tiny_model, tiny_model_path, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("a model file was unpickled")

    import joblib

    for name in ("load", "loads", "Unpickler"):
        monkeypatch.setattr(pickle, name, forbidden)
    monkeypatch.setattr(joblib, "load", forbidden)
    loaded = StanceModel.load(tiny_model_path)
    assert np.allclose(loaded.predict_topic_proba(PROBES), tiny_model.predict_topic_proba(PROBES))


def test_an_old_pickle_file_is_refused_without_unpickling(tmp_path, monkeypatch):
    class Boom:
        def __reduce__(self):
            return (exec, ("raise SystemExit('unpickled!')",))

    old = tmp_path / "old.joblib"
    old.write_bytes(MAGIC + b'{"format_version": 2, "payload_sha256": "0"}\n' + pickle.dumps(Boom()))
    with pytest.raises(ModelError, match="older model format that stored a pickle.*python train.py"):
        StanceModel.load(old)


def test_a_forged_object_array_is_refused_not_unpickled(tmp_path):
    """A forger can fix the checksum, but an object array (a pickle inside .npy) is never loaded."""
    import hashlib
    import io
    import zipfile

    npy = io.BytesIO()
    np.lib.format.write_array(npy, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("state.json", '{"x": {"$array": 0}}')
        z.writestr("arrays/0.npy", npy.getvalue())
    body = b'{"format_version": 3}\n' + archive.getvalue()
    path = tmp_path / "forged.model"
    path.write_bytes(MAGIC + b"sha256:" + hashlib.sha256(MAGIC + body).hexdigest().encode() + b"\n" + body)
    with pytest.raises(ModelError, match="cannot read the model's contents"):
        read_model_file(path)
