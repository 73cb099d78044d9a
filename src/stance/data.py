"""Reading and validating labeled CSVs (``text``, ``topic``, ``stance``)."""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Iterable, Optional, Sequence, Tuple, Union

from .articles import read_file_bytes
from .errors import DataError

STANCE_LABELS = ("against", "favor", "none")
"""The stance labels, lowercase. SemEval's FAVOR/AGAINST/NONE are accepted on input."""

OTHER_TOPIC = "other"
"""The topic of statements on none of the model's topics; their stance is always ``none``."""

TOPIC_ALIASES = ("target",)
"""Column names accepted for the topic when the CSV has no ``topic`` column (SemEval's name)."""

PathArg = Union[str, "PathLike[str]"]


@dataclass(frozen=True)
class LabeledData:
    """Validated rows from one or more labeled CSVs, in file order."""

    texts: Tuple[str, ...]
    topics: Tuple[str, ...]
    stances: Tuple[str, ...]
    groups: Optional[Tuple[str, ...]]
    sources: Tuple[str, ...]
    sha256: str

    def __len__(self) -> int:
        return len(self.texts)


def normalize_stance(value: str) -> Optional[str]:
    """``"FAVOR"`` -> ``"favor"``; ``None`` for anything that is not a stance label."""
    label = value.strip().lower()
    return label if label in STANCE_LABELS else None


def read_labeled(
    paths: Iterable[PathArg],
    *,
    text_column: str = "text",
    topic_column: str = "topic",
    stance_column: str = "stance",
    group_column: Optional[str] = None,
    encoding: str = "utf-8",
) -> LabeledData:
    """Read labeled CSVs into one validated :class:`LabeledData`.

    Raises
    ------
    DataError
        A file is missing or unreadable, lacks a required column, or a row has
        an empty text or topic or an unknown stance label. The message names
        the file and line.
    """
    texts: list[str] = []
    topics: list[str] = []
    stances: list[str] = []
    groups: list[str] = []
    digest = hashlib.sha256()
    sources = []
    for path in paths:
        path = Path(path)
        raw = read_file_bytes(path, expected="a CSV file", error=DataError)
        digest.update(hashlib.sha256(raw).digest())
        sources.append(str(path))
        try:
            content = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DataError(f"{path}: not valid {encoding} text (byte {exc.start}); pass --encoding") from None
        except LookupError:
            raise DataError(f"unknown encoding {encoding!r}") from None
        reader = csv.DictReader(io.StringIO(content, newline=""))
        header = reader.fieldnames or []
        if not header:
            raise DataError(f"{path}: empty file, expected a header with {text_column}, {topic_column}, {stance_column}")
        topic_col = _topic_column(header, topic_column)
        wanted = [text_column, topic_col, stance_column] + ([group_column] if group_column else [])
        missing = [c for c in wanted if c not in header]
        if missing:
            raise DataError(
                f"{path}: missing column(s) {', '.join(missing)}; header has {', '.join(header)}"
            )
        try:
            for row in reader:
                line = reader.line_num
                _check_row_width(row, header, f"{path}:{line}")
                text = (row[text_column] or "").strip()
                topic = (row[topic_col] or "").strip()
                raw_stance = row[stance_column] or ""
                if not text:
                    raise DataError(f"{path}:{line}: empty {text_column}")
                if not topic:
                    raise DataError(f"{path}:{line}: empty {topic_col}")
                stance = normalize_stance(raw_stance)
                if stance is None:
                    raise DataError(
                        f"{path}:{line}: unknown stance {raw_stance.strip()!r}; expected one of: "
                        + ", ".join(STANCE_LABELS)
                    )
                texts.append(text)
                topics.append(topic)
                stances.append(stance)
                if group_column:
                    groups.append((row[group_column] or "").strip())
        except csv.Error as exc:
            raise DataError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None
    if not texts:
        raise DataError("no labeled rows in " + (", ".join(sources) or "no files"))
    return LabeledData(
        texts=tuple(texts),
        topics=tuple(topics),
        stances=tuple(stances),
        groups=tuple(groups) if group_column else None,
        sources=tuple(sources),
        sha256=digest.hexdigest(),
    )


def read_statement_rows(content: str, *, name: str, text_column: str = "text",
                        topic_column: Optional[str] = None) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV of statements to classify, validated (``stance classify``).

    Raises
    ------
    DataError
        A missing column, no rows, a row with more or fewer fields than the
        header, an empty text, or (with ``topic_column``) an empty topic; the
        message names the line.
    """
    reader = csv.DictReader(io.StringIO(content, newline=""))
    header = list(reader.fieldnames or [])
    missing = [c for c in (text_column, topic_column) if c and c not in header]
    if missing:
        raise DataError(f"{name}: missing column(s) {', '.join(missing)}; header has {', '.join(header) or 'nothing'}")
    rows = []
    try:
        for row in reader:
            line = reader.line_num
            _check_row_width(row, header, f"{name}:{line}")
            if not (row[text_column] or "").strip():
                raise DataError(f"{name}:{line}: empty {text_column}")
            if topic_column and not (row[topic_column] or "").strip():
                raise DataError(f"{name}:{line}: empty {topic_column}")
            rows.append(row)
    except csv.Error as exc:
        raise DataError(f"{name}:{reader.line_num}: malformed CSV ({exc})") from None
    if not rows:
        raise DataError(f"{name}: no rows to classify, only a header")
    return header, rows


def _check_row_width(row: dict, header: Sequence[str], where: str) -> None:
    """A ragged row names its width (csv.DictReader pads short rows with ``None``)."""
    if None in row:
        raise DataError(f"{where}: {len(header) + len(row[None])} fields but the header has {len(header)} columns")
    if any(value is None for value in row.values()):
        width = sum(value is not None for value in row.values())
        raise DataError(f"{where}: {width} field{'s' if width != 1 else ''} but the header has {len(header)} columns")


def _topic_column(header: Sequence[str], topic_column: str) -> str:
    if topic_column in header or topic_column != "topic":
        return topic_column
    for alias in TOPIC_ALIASES:
        if alias in header:
            return alias
    return topic_column
