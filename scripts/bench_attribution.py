"""Benchmark attribution: run ``find_quotes`` on the seed article and PolNeAR and print scores.

Usage::

    PYTHONPATH=src python scripts/bench_attribution.py [--split dev|train] [--scope speech]
        [--errors FILE] [--no-seed] [--no-polnear] [--limit N]

Reads ``../shared`` (relative to the repository root, or ``$STANCE_SHARED``); says so and
skips what is absent. PolNeAR may be read here but never copied into the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stance.evaluate.attribution import (  # noqa: E402
    attribution_errors,
    format_attribution_report,
    format_errors,
    score_attribution,
)
from stance.attribution import find_quotes  # noqa: E402


def _shared() -> pathlib.Path:
    env = os.environ.get("STANCE_SHARED")
    if env:
        return pathlib.Path(env)
    for cand in (ROOT.parent / "shared", ROOT.parent.parent / "shared", pathlib.Path("/work/shared")):
        if cand.is_dir():
            return cand
    return ROOT.parent / "shared"


def _run(name: str, docs: list, scope: str, errors_path: str | None, n_boot: int) -> dict:
    t0 = time.perf_counter()
    preds = {d["doc_id"]: [q.to_dict() for q in find_quotes(d["text"])] for d in docs}
    dt = time.perf_counter() - t0
    res = score_attribution(docs, preds, scope=scope, n_boot=n_boot)
    print(f"== {name} ==")
    print(format_attribution_report(res), end="")
    print(f"  throughput: {len(docs) / dt:.1f} articles/s ({dt:.2f} s for {len(docs)} articles)")
    if errors_path:
        errs = attribution_errors(docs, preds, scope=scope)
        with open(errors_path, "w", encoding="utf-8") as fh:
            fh.write(format_errors(errs))
        print(f"  {len(errs)} errors written to {errors_path}")
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--scope", default="speech", choices=["speech", "direct", "source", "all"])
    ap.add_argument("--errors", help="write misses, false alarms and wrong speakers to FILE")
    ap.add_argument("--no-seed", action="store_true")
    ap.add_argument("--no-polnear", action="store_true")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N PolNeAR articles")
    ap.add_argument("--n-boot", type=int, default=1000)
    ap.add_argument("--json", help="also write the PolNeAR result as JSON to this file")
    args = ap.parse_args()
    shared = _shared()
    if not shared.is_dir():
        print(f"../shared is absent (looked for {shared}); nothing to benchmark.", file=sys.stderr)
        return 0
    if not args.no_seed:
        seed = shared / "examples" / "seed_article.gold.doc.jsonl"
        if seed.exists():
            docs = [json.loads(l) for l in seed.open(encoding="utf-8") if l.strip()]
            _run("seed article (resolved speakers)", docs, "speech", None, args.n_boot)
        else:
            print(f"seed gold absent: {seed}")
    if not args.no_polnear:
        path = shared / "data" / "polnear" / f"{args.split}.jsonl"
        if path.exists():
            docs = [json.loads(l) for l in path.open(encoding="utf-8") if l.strip()]
            if args.limit:
                docs = docs[: args.limit]
            res = _run(f"PolNeAR {args.split} (scope={args.scope})", docs, args.scope, args.errors, args.n_boot)
            if args.json:
                with open(args.json, "w", encoding="utf-8") as fh:
                    json.dump(res, fh, indent=1)
        else:
            print(f"PolNeAR {args.split} absent: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
