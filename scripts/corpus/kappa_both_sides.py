#!/usr/bin/env python3
"""Cohen's kappa of the double annotation of the issue-11 (two-sided) labels.

``data/labeled/work/kappa_sample.csv`` holds 150 White House statements
(stratified over the first annotator's labels, shuffled) that a second
annotator labeled blind (``labels_kappa_ann2.csv``, columns ``id,topic,stance``).
The first annotator's labels are those of ``wh_labels.csv`` before
adjudication and revision.  Prints observed agreement and kappa for topic,
stance, both jointly, stance where both chose the same on-topic topic, and
the disagreements per (first, second) label pair.

    python3 scripts/corpus/kappa_both_sides.py
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from assemble import kappa, read  # noqa: E402

WORK = Path(__file__).resolve().parents[2] / "data" / "labeled" / "work"


def main() -> int:
    first = {r["id"]: r for r in read(WORK / "wh_labels.csv")}
    second = {r["id"]: r for r in read(WORK / "labels_kappa_ann2.csv")}
    ids = [r["id"] for r in read(WORK / "kappa_sample.csv")]
    missing = [i for i in ids if i not in second or i not in first]
    if missing:
        print(f"error: {len(missing)} sample rows lack a label, e.g. {missing[0]}", file=sys.stderr)
        return 2
    t1 = [first[i]["topic"] for i in ids]
    t2 = [second[i]["topic"].strip() for i in ids]
    s1 = [first[i]["stance"] for i in ids]
    s2 = [second[i]["stance"].strip() for i in ids]
    j1 = [f"{t}/{s}" for t, s in zip(t1, s1)]
    j2 = [f"{t}/{s}" for t, s in zip(t2, s2)]
    same = [k for k in range(len(ids)) if t1[k] == t2[k] and t1[k] != "other"]
    print(f"n = {len(ids)}")
    for name, a, b in [("topic", t1, t2), ("stance", s1, s2), ("topic and stance", j1, j2),
                       (f"stance, same on-topic topic (n = {len(same)})",
                        [s1[k] for k in same], [s2[k] for k in same])]:
        po, k = kappa(a, b)
        print(f"{name:45s} agreement {po:.3f}  kappa {k:.3f}")
    print("disagreements (first -> second):")
    for (a, b), n in Counter((a, b) for a, b in zip(j1, j2) if a != b).most_common():
        print(f"  {n:3d}  {a} -> {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
