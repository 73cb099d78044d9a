"""Assemble data/labeled/ungdc.csv from the annotation files in data/labeled/work/.

Final label of a row, in order of precedence:
1. the v4-guidelines revision (work/revisions_v4.csv, which also re-labels
   White House rows; only its UNGDC ids apply here);
2. the adjudicated label (work/adjudication_double.csv) for double-sample rows
   where the two annotators disagreed;
3. the v2-guidelines revision (work/revisions_v2.csv) of a round-1 label;
4. the annotator's label (work/labels_<annotator>_batch_NN.csv).
Rows listed in work/excluded.csv are left out (with the reason there).
Also prints Cohen's kappa of the double annotation (topic, stance, joint) and
the counts by topic and stance, which data/labeled/README.md quotes.

    python3 scripts/corpus/assemble.py
"""
from __future__ import annotations

import csv
import glob
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "data" / "labeled" / "work"
OUT = ROOT / "data" / "labeled" / "ungdc.csv"
TOPICS = {"tariffs", "multilateralism", "belt_and_road", "climate", "sanctions", "other"}
STANCES = {"favor", "against", "none"}
COLUMNS = ["text", "topic", "stance", "source", "document", "country", "year", "speaker", "post",
           "char_start", "char_end", "license", "annotator", "round", "label_origin", "confidence",
           "hand_written", "id", "retrieval"]


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def kappa(a: list[str], b: list[str]) -> tuple[float, float]:
    """Observed agreement and Cohen's kappa of two label lists."""
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(a) | set(b)) / (n * n)
    return po, (po - pe) / (1 - pe)


def main() -> int:
    candidates = {r["id"]: r for r in read(WORK / "candidates.csv")}
    for extra in ("candidates_round2.csv", "candidates_round3.csv"):
        if (WORK / extra).exists():
            candidates.update({r["id"]: r for r in read(WORK / extra)})
    for r in read(WORK / "excluded.csv"):
        candidates.pop(r["id"], None)
    labels: dict[str, dict] = {}
    # two-digit batches only: labels_<annotator>_wh2_batch_<n>.csv are White House labels
    for path in sorted(glob.glob(str(WORK / "labels_*_batch_[0-9][0-9].csv"))):
        annotator, batch = re.match(r".*labels_(\w+?)_batch_(\d+)\.csv", path).groups()
        round_ = "1" if int(batch) <= 8 else "2" if int(batch) <= 10 else "3"  # see the extract_round*.py scripts
        for r in read(Path(path)):
            labels[r["id"]] = dict(r, annotator=annotator, round=round_, label_origin="annotator")
    missing = set(candidates) - set(labels)
    if missing:
        print(f"warning: {len(missing)} candidates have no label yet; left out", file=sys.stderr)

    second = {r["id"]: r for r in read(WORK / "labels_ann5_double.csv")}
    ids = [i for i in second if i in labels]
    first_t = [labels[i]["topic"] for i in ids]
    first_s = [labels[i]["stance"] for i in ids]
    second_t = [second[i]["topic"] for i in ids]
    second_s = [second[i]["stance"] for i in ids]
    print(f"double annotation: {len(ids)} rows")
    for name, a, b in (("topic", first_t, second_t), ("stance", first_s, second_s),
                       ("topic+stance", [f"{t}/{s}" for t, s in zip(first_t, first_s)],
                        [f"{t}/{s}" for t, s in zip(second_t, second_s)])):
        po, k = kappa(a, b)
        print(f"  {name:<13} agreement {po:.3f}  Cohen's kappa {k:.3f}")
    agree = [i for i in ids if labels[i]["topic"] == second[i]["topic"] != "other"]
    po, k = kappa([labels[i]["stance"] for i in agree], [second[i]["stance"] for i in agree])
    print(f"  stance where both chose the same topic (not other), n={len(agree)}: "
          f"agreement {po:.3f}  kappa {k:.3f}")

    if (WORK / "revisions_v2.csv").exists():
        for r in read(WORK / "revisions_v2.csv"):
            labels[r["id"]].update(topic=r["new_topic"], stance=r["new_stance"], label_origin="revised_v2")
    if (WORK / "adjudication_double.csv").exists():
        for r in read(WORK / "adjudication_double.csv"):
            labels[r["id"]].update(topic=r["final_topic"], stance=r["final_stance"], label_origin="adjudicated")
    for r in read(WORK / "revisions_v4.csv"):
        if r["id"] in labels:
            labels[r["id"]].update(topic=r["topic"], stance=r["stance"], confidence=r["confidence"],
                                   annotator=r["annotator"], label_origin="revised_v4")

    rows = []
    for cid, cand in candidates.items():
        lab = labels.get(cid)
        if lab is None:
            continue
        topic, stance = lab["topic"].strip(), lab["stance"].strip()
        assert topic in TOPICS and stance in STANCES, (cid, topic, stance)
        assert topic != "other" or stance == "none", cid
        rows.append({**{k: cand[k] for k in ("text", "source", "document", "country", "year", "speaker",
                                               "post", "char_start", "char_end", "license", "retrieval")},
                     "id": cid, "topic": topic, "stance": stance, "annotator": lab["annotator"],
                     "round": lab["round"], "label_origin": lab["label_origin"],
                     "confidence": lab.get("confidence", ""), "hand_written": "no"})
    rows.sort(key=lambda r: (int(r["year"]), r["country"], int(r["char_start"])))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    counts = Counter((r["topic"], r["stance"]) for r in rows)
    print(f"\nwrote {OUT.relative_to(ROOT)}: {len(rows)} rows, {len({r['document'] for r in rows})} speeches, "
          f"{len({r['country'] for r in rows})} countries")
    print(f"{'topic':<17}{'favor':>7}{'against':>9}{'none':>6}{'total':>7}{'none %':>8}")
    for topic in ("tariffs", "multilateralism", "climate", "sanctions", "belt_and_road", "other"):
        f_, a_, n_ = (counts[(topic, s)] for s in ("favor", "against", "none"))
        total = f_ + a_ + n_
        print(f"{topic:<17}{f_:>7}{a_:>9}{n_:>6}{total:>7}{100 * n_ / max(total, 1):>7.1f}%")
    print("label origin:", dict(Counter(r["label_origin"] for r in rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
