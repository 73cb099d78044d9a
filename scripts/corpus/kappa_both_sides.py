#!/usr/bin/env python3
"""Cohen's kappa of the double annotations of the issue-11 (two-sided) White House labels.

Two blind double samples, each compared before adjudication:

* round 1: ``work/kappa_sample.csv``, 150 statements (stratified over the
  first annotator's labels, shuffled) that a second annotator labeled
  (``labels_kappa_ann2.csv``); the first labels are those of ``wh_labels.csv``.
* round 2: ``work/wh2_double.csv``, the first 60 rows of ``wh2_batch_1.csv``,
  labeled by ``ann8`` in ``labels_ann8_wh2_batch_1.csv`` and again by ``ann9``
  in ``labels_ann9_wh2_double.csv`` (guidelines v4).

Prints for each: observed agreement and kappa for topic, stance, both jointly,
stance where both chose the same topic (and the same on-topic topic), and the
disagreements per (first, second) label pair.

    python3 scripts/corpus/kappa_both_sides.py
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from assemble import kappa, read  # noqa: E402

WORK = Path(__file__).resolve().parents[2] / "data" / "labeled" / "work"
SAMPLES = [  # (name, sample, first labels, second labels)
    ("round 1", "kappa_sample.csv", "wh_labels.csv", "labels_kappa_ann2.csv"),
    ("round 2", "wh2_double.csv", "labels_ann8_wh2_batch_1.csv", "labels_ann9_wh2_double.csv"),
]


def report(name: str, sample: str, first_file: str, second_file: str) -> int:
    first = {r["id"]: r for r in read(WORK / first_file)}
    second = {r["id"]: r for r in read(WORK / second_file)}
    ids = [r["id"] for r in read(WORK / sample)]
    missing = [i for i in ids if i not in second or i not in first]
    if missing:
        print(f"error: {name}: {len(missing)} sample rows lack a label, e.g. {missing[0]}", file=sys.stderr)
        return 2
    t1 = [first[i]["topic"].strip() for i in ids]
    t2 = [second[i]["topic"].strip() for i in ids]
    s1 = [first[i]["stance"].strip() for i in ids]
    s2 = [second[i]["stance"].strip() for i in ids]
    j1 = [f"{t}/{s}" for t, s in zip(t1, s1)]
    j2 = [f"{t}/{s}" for t, s in zip(t2, s2)]
    same = [k for k in range(len(ids)) if t1[k] == t2[k]]
    on_topic = [k for k in same if t1[k] != "other"]
    print(f"{name}: {sample}, {first_file} vs {second_file}, n = {len(ids)}")
    for label, a, b in [("topic", t1, t2), ("stance", s1, s2), ("topic and stance", j1, j2),
                        (f"stance, same topic (n = {len(same)})", [s1[k] for k in same], [s2[k] for k in same]),
                        (f"stance, same on-topic topic (n = {len(on_topic)})",
                         [s1[k] for k in on_topic], [s2[k] for k in on_topic])]:
        po, k = kappa(a, b)
        print(f"  {label:45s} agreement {po:.3f}  kappa {k:.3f}")
    print("  disagreements (first -> second):")
    for (a, b), n in Counter((a, b) for a, b in zip(j1, j2) if a != b).most_common():
        print(f"    {n:3d}  {a} -> {b}")
    return 0


def main() -> int:
    return max(report(*s) for s in SAMPLES)


if __name__ == "__main__":
    sys.exit(main())
