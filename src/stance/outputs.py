"""Output files: only regular files, replaced atomically, one clear error otherwise.

Every file stance writes (model files, ``classify -o``, ``evaluate --errors``
and ``--plot``) goes through :func:`write_atomic`: the path must name a
regular file or nothing yet, in a directory that exists. A device
(``/dev/null``, ``/dev/full``), a FIFO, a socket or a directory is refused
and left as it was, and no directory is created. The new content goes to a
temporary file beside the target and replaces it only once complete, so a
failed run never leaves a half-written or clobbered file.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Union

from .errors import OutputError


def check_output_path(path) -> Path:
    """``path`` if a regular file may be written there, else :class:`OutputError` saying why.

    Call it before long work so a bad ``-o`` fails in a second, not after training.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode  # follows a symlink: a link to /dev/null is refused too
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a directory; name a file to write")
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(f"{path}: not a regular file (a device, FIFO or socket); name a regular file to write")
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"{path}: directory {str(parent)!r} does not exist; create it first")
    return path


def write_atomic(path, data: Union[bytes, str]) -> Path:
    """Write ``data`` (``str`` as UTF-8) to the regular file ``path`` atomically (see the module notes)."""
    path = check_output_path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o644)  # mkstemp's 0600 would hide the file from other users
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
