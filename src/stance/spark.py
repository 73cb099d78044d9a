"""Spark: score a DataFrame of articles on the executors, one output row per statement.

Needs the spark extra (``pip install 'stance[spark]'``: pyspark with pandas
and pyarrow, and a Java runtime). The model file is shipped to the executors
once (``SparkContext.addFile``) and each Python worker loads it once, however
many partitions it scores. The same code runs on ``local[*]`` and on a
cluster (``spark-submit``); see ``examples/spark_score.py``.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from .analyzer import Analyzer, cached_analyzer, resolve_model_path
from .errors import InputError

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["score_articles", "statement_columns"]

SPAN_FIELDS = ("speaker_span", "cue_span", "content_span")
#: the statement fields in the order of ``stance score --format csv`` (spans become _start/_end columns)
FIELDS = ("speaker", "speaker_mention", "speaker_span", "cue", "cue_span", "content", "content_span",
          "kind", "rule", "via", "topic", "stance", "topic_probability")
INT_COLUMNS = frozenset({"statement"} | {f"{f[:-5]}_{end}" for f in SPAN_FIELDS for end in ("start", "end")})
FLOAT_FIELDS = frozenset({"topic_probability"})


def statement_columns(labels: Sequence[str]) -> list[str]:
    """Output columns after the article id: ``statement`` (its index in the article), then the CSV columns."""
    cols = ["statement"]
    for name in FIELDS:
        cols += [f"{name[:-5]}_start", f"{name[:-5]}_end"] if name.endswith("_span") else [name]
    return cols + [f"p_{label}" for label in labels]


def score_articles(df: "DataFrame", text_col: str = "text", id_col: str = "id", model=None,
                   topics: Optional[Sequence[str]] = None) -> "DataFrame":
    """One row per statement found in ``df[text_col]``, with the article's ``id_col``.

    Columns: ``id_col``, ``statement`` (0-based order within the article),
    then the statement fields of the JSON document flattened as in
    ``stance score --format csv``: spans as ``<field>_start``/``<field>_end``,
    probabilities as ``p_<label>``. Rows whose text is null or blank give
    no statements. ``model`` is a model file path (default:
    ``$STANCE_MODEL``, then the installed default model); ``topics`` scores
    every statement on each named topic, as ``Analyzer.analyze(topics=...)``.

    The model and topics are checked on the driver before any job starts
    (:class:`~stance.errors.ModelError`, :class:`~stance.errors.InputError`).
    The result is lazy, like any DataFrame: nothing runs until it is written
    or collected.
    """
    from pyspark.sql import types as T

    for col in (text_col, id_col):
        if col not in df.columns:
            raise InputError(f"no column {col!r} in the DataFrame (columns: {', '.join(df.columns)})")
    if not isinstance(df.schema[text_col].dataType, T.StringType):
        raise InputError(f"column {text_col!r} holds {df.schema[text_col].dataType.simpleString()}, expected string")
    if id_col in statement_columns([]) or id_col.startswith("p_"):
        raise InputError(f"id column {id_col!r} has the name of an output column; rename it first")
    path = resolve_model_path(model)
    analyzer = Analyzer.load(path)  # fail on the driver, not in every executor
    analyzer._check_topics(topics)
    labels = list(analyzer.model.classes_)
    columns = statement_columns(labels)
    types = {c: T.LongType() if c in INT_COLUMNS else
             T.DoubleType() if c in FLOAT_FIELDS or c.startswith("p_") else T.StringType() for c in columns}
    schema = T.StructType([df.schema[id_col]] + [T.StructField(c, types[c], nullable=c != "statement")
                                                 for c in columns])
    shipped = _ship_model(df.sparkSession.sparkContext, path)
    score = _BatchScorer(shipped, id_col=id_col, text_col=text_col,
                         topics=list(topics) if topics else None, columns=[id_col] + columns)
    return df.select(id_col, text_col).mapInPandas(score, schema)


class _BatchScorer:
    """The function each executor runs over its Arrow batches (pickled by reference to this module)."""

    def __init__(self, model_file: str, *, id_col: str, text_col: str, topics: Optional[list[str]],
                 columns: list[str]):
        self.model_file, self.id_col, self.text_col = model_file, id_col, text_col
        self.topics, self.columns = topics, columns

    def __call__(self, batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
        import pandas as pd
        from pyspark import SparkFiles

        analyzer = cached_analyzer(SparkFiles.get(self.model_file))
        for batch in batches:
            keep = batch[self.text_col].map(lambda t: isinstance(t, str) and bool(t.strip()))
            ids = batch.loc[keep, self.id_col].tolist()
            texts = batch.loc[keep, self.text_col].tolist()
            rows = []
            for article_id, result in zip(ids, analyzer.iter_analyze(texts, topics=self.topics)):
                rows.extend(_flatten(article_id, n, q.to_dict()) for n, q in enumerate(result.quotes))
                if len(rows) >= 10_000:  # keep each pandas frame small on article-dense partitions
                    yield _frame(pd, rows, self.columns)
                    rows = []
            yield _frame(pd, rows, self.columns)


def _flatten(article_id, n: int, quote: dict) -> dict:
    row = {"__id": article_id, "statement": n}  # renamed to the id column in _frame
    for key, value in quote.items():
        if key.endswith("_span"):
            row[f"{key[:-5]}_start"], row[f"{key[:-5]}_end"] = value if value else (None, None)
        elif key == "probabilities":
            row.update({f"p_{label}": p for label, p in (value or {}).items()})
        else:
            row[key] = value
    return row


def _frame(pd, rows: list[dict], columns: list[str]) -> "pd.DataFrame":
    frame = pd.DataFrame(rows, columns=["__id"] + columns[1:])
    frame.columns = columns
    for col in columns[1:]:
        if col in INT_COLUMNS:
            frame[col] = frame[col].astype("Int64")
    return frame


def _ship_model(sc, path: Path) -> str:
    """Add the model file to the SparkContext under a name fixed by its content; return that name.

    The same content always gets the same local path, so scoring twice with
    one model adds it once, and two models never collide on a file name.
    """
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    name = f"stance-model-{digest}.joblib"
    local = Path(tempfile.gettempdir()) / "stance-spark" / name
    if not local.exists():
        local.parent.mkdir(parents=True, exist_ok=True)
        partial = local.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(path, partial)
        os.replace(partial, local)
    if name not in _added_files(sc):
        sc.addFile(str(local))
    return name


def _added_files(sc) -> set[str]:
    """File names already added to this SparkContext (``listFiles`` gives their URIs)."""
    return {uri.rsplit("/", 1)[-1] for uri in sc.listFiles}
