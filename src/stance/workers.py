"""Worker processes that die with the process that started them.

joblib's loky workers outlive a parent killed with SIGKILL until their current
task ends (minutes of training on both cores). :func:`parallel` starts them
with an initializer that watches the parent: once the worker is orphaned (its
parent process id changes) it exits at once, so ``kill -9`` of ``stance
train`` leaves no process behind.
"""
from __future__ import annotations

import os
import threading
import time

from joblib import Parallel
from joblib._parallel_backends import LokyBackend

PARENT_POLL_SECONDS = 0.5
"""How often a worker checks that its parent is alive; an orphan exits within about this long."""


def parallel(n_jobs: int, **options) -> Parallel:
    """``joblib.Parallel(n_jobs=n_jobs, **options)`` on loky workers that exit when their parent dies."""
    return Parallel(n_jobs=n_jobs, backend=LokyBackend(initializer=_exit_with_parent, initargs=(os.getpid(),)),
                    **options)


def _exit_with_parent(parent_pid: int) -> None:
    """Worker initializer: a daemon thread that ends the worker once ``parent_pid`` is gone."""
    if os.getppid() != parent_pid:  # the parent died before this worker started
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)  # orphaned: no one will read our results

    threading.Thread(target=watch, name="stance-parent-watch", daemon=True).start()
