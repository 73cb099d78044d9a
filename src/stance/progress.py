"""Progress of long jobs: a bar on stderr when it is a terminal, nothing otherwise.

The library draws nothing by itself. A program (the CLI, ``train.py``) turns
bars on around its work with :func:`showing`; loops in the library report
through :func:`track` and :func:`run_parallel`, which cost nothing when no
bar is on. Bars are click's ``progressbar``.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")

_stream: ContextVar[Optional[IO]] = ContextVar("stance_progress_stream", default=None)


@contextmanager
def showing(stream: Optional[IO] = None, *, enabled: bool = True) -> Iterator[None]:
    """Within this block, long loops draw a bar on ``stream`` (default stderr) if it is a terminal."""
    stream = sys.stderr if stream is None else stream
    token = _stream.set(stream if enabled and _is_terminal(stream) else None)
    try:
        yield
    finally:
        _stream.reset(token)


def hide() -> None:
    """No bars for the rest of the enclosing :func:`showing` block (``--quiet``)."""
    _stream.set(None)


def track(items: Iterable[T], *, label: str, length: Optional[int] = None) -> Iterator[T]:
    """``items`` unchanged, with a bar advancing one step per item when bars are on."""
    stream = _stream.get()
    if stream is None:
        return iter(items)
    return _tracked(items, stream, label, length)


def run_parallel(tasks: Iterable, *, n_jobs: int, label: str) -> list:
    """``joblib.Parallel(n_jobs)(tasks)``, results in order; the bar advances as each task finishes.

    Workers exit when this process dies (:mod:`stance.workers`).
    """
    from .workers import parallel

    tasks = list(tasks)
    if _stream.get() is None:
        return parallel(n_jobs)(tasks)
    return list(track(parallel(n_jobs, return_as="generator")(tasks), label=label, length=len(tasks)))


def _tracked(items: Iterable[T], stream: IO, label: str, length: Optional[int]) -> Iterator[T]:
    import click

    with click.progressbar(items, length=length, label=label, file=stream) as bar:
        yield from bar


def _is_terminal(stream: IO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False
