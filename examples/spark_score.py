"""Score articles with Spark: JSONL or Parquet in, one Parquet row per statement out.

    python examples/spark_score.py examples/articles.jsonl statements.parquet        # local[*]
    spark-submit --master yarn examples/spark_score.py s3://bucket/articles/ s3://bucket/statements/

Input rows need an id and a text column (``--id-column``, ``--text-column``;
``id`` and ``text`` by default). A path ending in ``.parquet`` or a directory
is read as Parquet, anything else as JSON Lines. The output is never
overwritten: an existing OUTPUT is refused. Needs ``pip install 'stance[spark]'``
and Java 17 or newer; on a cluster, stance must be installed on the executors.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def read_articles(spark, path: str):
    """Parquet for ``*.parquet`` and directories, JSON Lines otherwise."""
    if path.endswith(".parquet") or (Path(path).is_dir() and not path.endswith(".jsonl")):
        return spark.read.parquet(path)
    return spark.read.json(path)


def run(spark, input_path: str, output_path: str, *, model=None, topics=None, id_col="id",
        text_col="text") -> int:
    """Score INPUT into Parquet at OUTPUT; return the number of statements written."""
    from stance.spark import score_articles

    statements = score_articles(read_articles(spark, input_path), text_col=text_col, id_col=id_col,
                                model=model, topics=topics)
    statements.write.mode("errorifexists").parquet(output_path)
    return spark.read.parquet(output_path).count()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="articles: JSONL file, or Parquet file or directory")
    ap.add_argument("output", help="where to write the statements (Parquet directory; must not exist)")
    ap.add_argument("--model", default=None, help="model file (default: $STANCE_MODEL, then the installed default)")
    ap.add_argument("--topic", dest="topics", action="append", help="score every statement on this topic")
    ap.add_argument("--id-column", default="id")
    ap.add_argument("--text-column", default="text")
    ap.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    args = ap.parse_args(argv)

    if "://" not in args.output and Path(args.output).exists():
        print(f"spark_score: {args.output}: already exists; choose a new output path", file=sys.stderr)
        return 2
    from pyspark.sql import SparkSession

    from stance.errors import StanceError

    builder = SparkSession.builder.appName("stance-score")
    if args.master:
        builder = builder.master(args.master)
    launched_here = "PYSPARK_GATEWAY_PORT" not in os.environ  # not by spark-submit: local[*] unless --master
    if launched_here and (args.master or "local").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter, with stance
    spark = builder.getOrCreate()
    try:
        n = run(spark, args.input, args.output, model=args.model, topics=args.topics,
                id_col=args.id_column, text_col=args.text_column)
    except StanceError as exc:
        print(f"spark_score: {exc}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    print(f"wrote {n} statements to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
