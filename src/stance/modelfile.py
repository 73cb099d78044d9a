"""The model file format: plain JSON and numeric arrays in one checksummed file, never a pickle.

A model's state is a tree of dicts (string keys), lists, tuples, strings,
numbers, booleans, ``None`` and numpy arrays of numbers, booleans or strings
(what :meth:`stance.model.StanceModel._export` returns). A file is::

    STANCE-MODEL\\n
    sha256:<64 hex digits>\\n      the SHA-256 of every other byte of the file
    {header JSON}\\n               metadata (name, version, format_version, cv scores, ...)
    <zip archive>                 state.json (the tree, arrays replaced by references)
                                  and one arrays/<n>.npy per array

Reading checks the magic line and the checksum before parsing anything, then
reads JSON with :mod:`json` and arrays with ``numpy.lib.format.read_array(...,
allow_pickle=False)``: no byte of a model file is ever unpickled, so a file
from an untrusted source can at worst fail to load or predict badly. The
checksum lives in the file, so it catches damage and edits, not a forgery.
Files are written atomically (:func:`stance.outputs.write_atomic`).
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any, Mapping, Tuple

import numpy as np

from .errors import ModelError
from .outputs import write_atomic

MAGIC = b"STANCE-MODEL\n"
_HASH_PREFIX = b"sha256:"
_HASH_LINE = len(_HASH_PREFIX) + 64 + 1
_STATE = "state.json"
_ARRAY_KINDS = "biufU"  # bool, integers, floats, strings: what .npy stores without pickle
MAX_UNPACKED_BYTES = 2 << 30
"""A zip member declaring more than this in total is refused before it is inflated (2 GiB)."""
RETRAIN_HINT = "retrain it with `python train.py` or `stance train`"


def write_model_file(path, state: Mapping[str, Any], header: Mapping[str, Any]) -> Path:
    """Write ``state`` (see the module notes) with ``header`` to ``path`` atomically."""
    arrays: list[np.ndarray] = []
    tree = _encode(state, arrays)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(_STATE, json.dumps(tree, ensure_ascii=False, allow_nan=True))
        for i, array in enumerate(arrays):
            out = io.BytesIO()
            np.lib.format.write_array(out, array, allow_pickle=False)
            archive.writestr(f"arrays/{i}.npy", out.getvalue())
    body = json.dumps(dict(header), sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n" + buffer.getvalue()
    digest = hashlib.sha256(MAGIC + body).hexdigest().encode("ascii")
    return write_atomic(path, MAGIC + _HASH_PREFIX + digest + b"\n" + body)


def read_model_file(path) -> Tuple[dict, dict]:
    """``(header, state)`` of a model file; :class:`ModelError` with the fix for anything wrong.

    Raises
    ------
    ModelError
        Missing or unreadable file, not a stance model, an older pickle-based
        format, a checksum mismatch (damage or an edit anywhere in the file),
        or contents that do not parse.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(f"{path}: no such model file; {RETRAIN_HINT}") from None
    except IsADirectoryError:
        raise ModelError(f"{path}: is a directory, expected a model file") from None
    except OSError as exc:
        raise ModelError(f"{path}: cannot read model ({exc.strerror})") from None
    if not data.startswith(MAGIC):
        raise ModelError(f"{path}: not a stance model file")
    rest = data[len(MAGIC):]
    if rest.startswith(b"{"):  # formats 1 and 2: a JSON header and a joblib pickle
        raise ModelError(f"{path}: an older model format that stored a pickle, which this stance no longer "
                         f"loads (a pickle can run code); {RETRAIN_HINT}")
    hash_line, body = rest[:_HASH_LINE], rest[_HASH_LINE:]
    expected = hashlib.sha256(MAGIC + body).hexdigest().encode("ascii")
    if hash_line != _HASH_PREFIX + expected + b"\n":
        raise ModelError(f"{path}: checksum mismatch, the file is damaged or was modified; {RETRAIN_HINT}")
    header_line, _, archive = body.partition(b"\n")
    try:
        header = json.loads(header_line.decode("utf-8"))
        state = _read_archive(archive)
    except (ValueError, KeyError, TypeError, OSError, RecursionError, zipfile.BadZipFile, EOFError) as exc:
        raise ModelError(f"{path}: cannot read the model's contents ({type(exc).__name__}); {RETRAIN_HINT}") from None
    if not isinstance(header, dict) or not isinstance(state, dict):
        raise ModelError(f"{path}: cannot read the model's contents; {RETRAIN_HINT}")
    return header, state


def _read_archive(raw: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise ValueError("archive too large")
        tree = json.loads(archive.read(_STATE).decode("utf-8"))

        def load_array(index: int) -> np.ndarray:
            with archive.open(f"arrays/{int(index)}.npy") as member:
                array = np.lib.format.read_array(io.BytesIO(member.read()), allow_pickle=False)
            if array.dtype.kind not in _ARRAY_KINDS:
                raise ValueError(f"array of dtype {array.dtype}")
            return array

        return _decode(tree, load_array)


def _encode(node: Any, arrays: list) -> Any:
    """The JSON tree of ``node``: arrays become ``{"$array": n}``, tuples ``{"$tuple": [...]}``."""
    if isinstance(node, np.ndarray):
        if node.dtype.kind not in _ARRAY_KINDS:
            raise TypeError(f"cannot store an array of dtype {node.dtype} without pickle")
        arrays.append(node)
        return {"$array": len(arrays) - 1}
    if isinstance(node, np.generic):
        return node.item()
    if isinstance(node, dict):
        if not all(isinstance(k, str) and not k.startswith("$") for k in node):
            raise TypeError("model state dicts need string keys that do not start with '$'")
        return {k: _encode(v, arrays) for k, v in node.items()}
    if isinstance(node, tuple):
        return {"$tuple": [_encode(v, arrays) for v in node]}
    if isinstance(node, list):
        return [_encode(v, arrays) for v in node]
    if node is None or isinstance(node, (str, bool, int, float)):
        return node
    raise TypeError(f"cannot store a {type(node).__name__} in a model file")


def _decode(node: Any, load_array) -> Any:
    if isinstance(node, dict):
        if len(node) == 1 and "$array" in node:
            return load_array(node["$array"])
        if len(node) == 1 and "$tuple" in node:
            return tuple(_decode(v, load_array) for v in node["$tuple"])
        return {k: _decode(v, load_array) for k, v in node.items()}
    if isinstance(node, list):
        return [_decode(v, load_array) for v in node]
    return node
