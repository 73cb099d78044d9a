"""Benchmark the stance engine on SemEval-2016 Task 6 (subtask A) training data.

    python scripts/bench_stance.py [--data PATH] [--skip-tune] [--runs 5]

Measures, with the settings ``stance train FILE --topic-column target`` uses:

1. 5-fold stratified cross-validated F_avg (pooled over targets, seed 0) of
   both stance heads and the one default training picks, plus Brier/ECE
   before and after temperature scaling;
2. wall-clock time of default training (cross-validation included) and of
   ``--tune``;
3. prediction speed (statements per second, median of ``--runs`` runs) on the
   training texts, topic given (as ``stance classify --topic-column``) and
   topic predicted.

The data's terms forbid redistribution, so it is not in this repository: by
default it is looked up in ``../shared/data/semeval2016_task6/train.csv``
next to the checkout (or pass ``--data``). When it is absent the script says
so and exits with status 2. Nothing from the data is printed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RELATIVE = Path("shared") / "data" / "semeval2016_task6" / "train.csv"


def find_data(given):
    if given:
        return Path(given)
    for base in (ROOT.parent, ROOT.parent.parent):  # ../shared from a checkout or from a worktree under wt/
        if (base / RELATIVE).exists():
            return base / RELATIVE
    return ROOT.parent / RELATIVE


def timed(fn, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="SemEval-2016 Task 6 train.csv (text,target,stance)")
    parser.add_argument("--skip-tune", action="store_true", help="do not time `--tune` (it takes minutes)")
    parser.add_argument("--runs", type=int, default=5, help="prediction-speed runs (the median is reported)")
    args = parser.parse_args()
    path = find_data(args.data)
    if not path.exists():
        print(f"bench_stance: SemEval-2016 data not found at {path} (../shared is absent?); "
              "it cannot ship with the repository, pass --data PATH", file=sys.stderr)
        return 2

    from stance.data import read_labeled
    from stance.model import StanceModel
    from stance.training import train

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"data: {path.name}; {os.cpu_count()} cores; load average {load:.2f} at start")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "semeval.joblib"
        (model, meta), wall, cpu = timed(train, [path], out, topic_column="target")
        cv = meta["cv"]
        print("\n## default training (stance train FILE --topic-column target)")
        print(f"wall {wall:.1f} s (main-process CPU {cpu:.1f} s; folds run in 2 worker processes)")
        for head, s in cv["heads"].items():
            print(f"CV F_avg {head:<10} {s['f_avg']:.4f}   macro-F1 {s['macro_f1']:.4f}")
        st = cv["stance"]
        print(f"chosen head: {cv['stance_head']}; pooled F_avg {st['f_avg']:.4f}, macro-F1 {st['macro_f1']:.4f}")
        for topic, m in st["per_topic"].items():
            print(f"  {topic:<36} n={m['n']:<4} F_avg {m['f_avg']:.4f}  macro-F1 {m['macro_f1']:.4f}")
        for what, block in (("stance", st), ("topic", cv.get("topic"))):
            if block and "calibration" in block:
                raw, cal = block["calibration"]["raw"], block["calibration"]["temperature_scaled"]
                print(f"{what} calibration: Brier {raw['brier']:.4f} -> {cal['brier']:.4f}, "
                      f"ECE {raw['ece']:.4f} -> {cal['ece']:.4f} (temperature scaling, cross-fitted)")
        if "topic" in cv:
            print(f"topic head CV accuracy {cv['topic']['accuracy']:.4f}")

        (model2, _), wall2, _ = timed(train, [path], Path(tmp) / "again.joblib", topic_column="target")
        data = read_labeled([path], topic_column="target")
        texts, topics = list(data.texts), list(data.topics)
        same = (model.predict_stance_proba(texts, topics) == model2.predict_stance_proba(texts, topics)).all()
        print(f"second run: wall {wall2:.1f} s; identical predictions: {bool(same)}")

        loaded = StanceModel.load(out)
        print(f"\nmodel file {out.stat().st_size / 1e6:.2f} MB")
        given, predicted = [], []
        for _ in range(args.runs):
            _, w, _ = timed(loaded.predict_stance_proba, texts, topics)
            given.append(len(texts) / w)
            t0 = time.perf_counter()
            X = loaded.transform(texts)
            pred_topics = [loaded.topics_[j] for j in loaded.predict_topic_proba(None, X=X).argmax(axis=1)]
            loaded.predict_stance_proba(None, pred_topics, X=X)
            predicted.append(len(texts) / (time.perf_counter() - t0))
        print(f"prediction, topic given:     {statistics.median(given):,.0f} statements/s "
              f"(median of {args.runs} runs over {len(texts)} statements, one process)")
        print(f"prediction, topic predicted: {statistics.median(predicted):,.0f} statements/s")

        if not args.skip_tune:
            (_, tmeta), twall, _ = timed(train, [path], Path(tmp) / "tuned.joblib", topic_column="target",
                                         do_tune=True)
            tuned = tmeta["tune"]
            print("\n## stance train FILE --topic-column target --tune")
            print(f"wall {twall:.1f} s ({len(tuned['candidates'])} candidates x {tuned['folds']} folds, n_jobs=2)")
            print(f"best (selected on the same folds, optimistic): F_avg {tuned['best']['f_avg']:.4f} "
                  f"with {tuned['best']['params']}")
            top = sorted(tuned["candidates"], key=lambda c: -c["f_avg"])[:5]
            for c in top:
                print(f"  {c['f_avg']:.4f}  {c['params']}")
            tcv = tmeta["cv"]["stance"]
            print(f"tuned model's CV (same folds): F_avg {tcv['f_avg']:.4f}, macro-F1 {tcv['macro_f1']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
