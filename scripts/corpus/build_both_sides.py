#!/usr/bin/env python3
"""Build the two-sided training files of ``data/labeled/`` from the shared sources.

UN speeches argue mostly one way (issue 11), so this adds real text for the
rare sides.  Every row is re-extracted from its source and joined with the
label decisions committed in ``data/labeled/work/``, so the files can be
rebuilt and checked at any time:

* ``wh_briefings.csv``   White House statements (public domain), labels in
  ``work/wh_labels.csv`` (round 1) and ``work/labels_<annotator>_wh2_batch_<n>.csv``
  (round 2, one annotator per batch ``work/wh2_batch_<n>.csv``); candidates
  from ``wh_statements.py``. Round 2's rows from presidential actions (legal
  text) go to ``extra/wh_presidential_actions.csv`` instead (see ``LEGAL_CATEGORY``).
* ``ungdc_rare.csv``     more UN General Debate statements (CC0) for the rare
  sides, labels in ``work/ungdc_rare_labels.csv``; statements re-split with
  ``extract_candidates.statements_of`` and located by ``char_start``.
* ``extra/ibm_argq_sanctions.csv``  the IBM-ArgQ arguments on "We should end the use
  of economic sanctions" (CC BY-SA 3.0): pro the motion = ``against``
  sanctions, con = ``favor``; labels are the dataset's (crowd majority).  Kept
  out of the default training folder: the sanctions cells are full without
  them, and CC BY-SA is share-alike (a model trained on it may have to be
  shared under the same license).
* ``counterfactual.csv`` hand-written minimal edits of real rows that flip
  the stance (``work/counterfactuals.csv``), each naming its source row.
* ``extra/ibm_argq_motions.csv``  a balanced sample of the other 70 motions
  (topic ``other``) keeping the motion and the pro/con stance towards it, for
  a target-aware model; not trained on by default.

Rows whose normalised text repeats (within or across files, including
``ungdc.csv``) are kept once.

    python3 scripts/corpus/build_both_sides.py --shared ../shared/data
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_candidates import norm, statements_of  # noqa: E402
from wh_statements import candidates as wh_candidates  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LABELED = ROOT / "data" / "labeled"
WORK = LABELED / "work"
COLUMNS = ["text", "topic", "stance", "source", "document", "speaker", "date", "char_start", "char_end",
           "license", "annotator", "round", "label_origin", "confidence", "hand_written", "id",
           "derived_from", "source_url"]
TOPICS = {"tariffs", "multilateralism", "belt_and_road", "climate", "sanctions", "other"}
STANCES = {"favor", "against", "none"}
CONFIDENCES = {"high", "low"}
LEGAL_CATEGORY = "presidential-actions"
"""Round 2's rows from proclamations and executive orders (tariff schedules, findings, legal clauses) go to
``extra/wh_presidential_actions.csv``: legal text is not what news quotes, and training on it lowered the news
yardstick on both halves (BENCHMARKS.md, issue 11 round 3). Round 1's few such rows (withdrawals from UN bodies
and the Paris Agreement, the rare sides) stay in ``wh_briefings.csv``."""
SANCTIONS_MOTION = "We should end the use of economic sanctions"
# an economic blockade of a territory is `sanctions` under the guidelines (6.31), so
# this motion is on a topic and cannot serve as an `other` example
ON_TOPIC_MOTIONS = {"Blockade of the Gaza Strip should be ended"}
MOTION_SAMPLE = 1500  # rows of the off-topic motions, balanced pro/con


def read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write(path: Path, rows: list[dict], columns: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def check_label(row: dict, where: str, rated: bool = True) -> None:
    """Exit on a label outside the scheme (``rated``: also on a missing or bad confidence)."""
    if (row.get("topic") not in TOPICS or row.get("stance") not in STANCES
            or (row["topic"] == "other" and row["stance"] != "none")
            or (rated and row.get("confidence") not in CONFIDENCES)):
        raise SystemExit(f"error: bad label {row.get('topic')}/{row.get('stance')}/{row.get('confidence')} "
                         f"for {row.get('id')} in {where}")


def final_labels() -> dict[str, dict]:
    """Label corrections by id: the fields they change, in order of decision.

    ``revisions_v3.csv`` re-labels rows under the v3 addendum as revised after
    the first double annotation, ``adjudication_kappa.csv`` decides that
    sample's disagreements, ``revisions_v4.csv`` re-labels tariffs rows under
    the v4 rule 7.5 (later guidelines win), and ``adjudication_wh2.csv``
    decides the disagreements of round 2's double sample."""
    out: dict[str, dict] = {}
    for r in read(WORK / "revisions_v3.csv"):
        out[r["id"]] = {"topic": r["topic"], "stance": r["stance"], "confidence": r["confidence"],
                        "label_origin": "revised_v3"}
    for r in read(WORK / "adjudication_kappa.csv"):
        out[r["id"]] = {"topic": r["topic"], "stance": r["stance"], "confidence": "high", "label_origin": "adjudicated"}
    for r in read(WORK / "revisions_v4.csv"):
        out[r["id"]] = {"topic": r["topic"], "stance": r["stance"], "confidence": r["confidence"],
                        "annotator": r["annotator"], "label_origin": "revised_v4"}
    for r in read(WORK / "adjudication_wh2.csv"):
        out[r["id"]] = {"topic": r["topic"], "stance": r["stance"], "confidence": r["confidence"],
                        "label_origin": "adjudicated"}
    return out


def apply_final(row: dict, final: dict) -> dict:
    if row["id"] in final:
        row = {**row, **final[row["id"]]}
        check_label(row, "revisions / adjudication files")
    return row


def wh_labels() -> list[dict]:
    """Round 1 (``wh_labels.csv``) then round 2 (one file per batch, annotator names kept).

    A round-2 file must label only ids of its batch, each once, with its own
    annotator name and round 2; an id labeled in two files is an error."""
    labels = read(WORK / "wh_labels.csv")
    seen = {lab["id"] for lab in labels}
    for path in sorted(WORK.glob("labels_*_wh2_batch_*.csv")):
        annotator, batch = path.stem.removeprefix("labels_").split("_wh2_batch_")
        batch_ids = {r["id"] for r in read(WORK / f"wh2_batch_{batch}.csv")}
        for lab in read(path):
            where = path.name
            if lab["id"] not in batch_ids or lab["id"] in seen:
                raise SystemExit(f"error: {lab['id']} in {where} is not in wh2_batch_{batch}.csv or labeled twice")
            if lab["annotator"] != annotator or lab["round"] != "2":
                raise SystemExit(f"error: {lab['id']} in {where}: annotator/round {lab['annotator']}/{lab['round']}, "
                                 f"expected {annotator}/2")
            check_label(lab, where)
            seen.add(lab["id"])
            labels.append(lab)
    return labels


def wh_rows(docs: Path) -> list[dict]:
    cand = {c["id"]: c for c in wh_candidates(docs)}
    out = []
    for lab in wh_labels():
        c = cand.get(lab["id"])
        if c is None:  # statement no longer extracted (e.g. a third-party document left out)
            continue
        check_label(lab, "wh_labels.csv")
        out.append({
            "text": c["text"], "topic": lab["topic"], "stance": lab["stance"], "source": "WH",
            "document": "wh:" + c["document"], "speaker": c["speaker"], "date": c["date"],
            "char_start": c["char_start"], "char_end": c["char_end"], "license": "public-domain",
            "annotator": lab["annotator"], "round": lab["round"], "label_origin": "annotator",
            "confidence": lab["confidence"], "hand_written": "no", "id": lab["id"], "derived_from": "",
            "source_url": c["source_url"], "category": c["category"],
        })
    return out


def ungdc_rows(speeches: Path) -> list[dict]:
    labels = read(WORK / "ungdc_rare_labels.csv")
    wanted = {lab["document"] for lab in labels}
    spans: dict[str, tuple[dict, dict[int, int]]] = {}
    with open(speeches, encoding="utf-8") as fh:
        for line in fh:
            sp = json.loads(line)
            doc = f"{sp['country']}_{sp['year']}"
            if doc in wanted:
                spans[doc] = (sp, dict(statements_of(sp["text"])))
    out = []
    for lab in labels:
        check_label(lab, "ungdc_rare_labels.csv")
        sp, starts = spans[lab["document"]]
        start = int(lab["char_start"])
        end = starts[start]
        out.append({
            "text": sp["text"][start:end], "topic": lab["topic"], "stance": lab["stance"], "source": "UNGDC",
            "document": lab["document"], "speaker": sp["speaker"], "date": str(sp["year"]),
            "char_start": start, "char_end": end, "license": "CC0-1.0", "annotator": lab["annotator"],
            "round": lab["round"], "label_origin": "annotator", "confidence": lab["confidence"],
            "hand_written": "no", "id": lab["id"], "derived_from": "", "source_url": "",
        })
    return out


def argq_id(row: dict) -> str:
    return "argq-" + hashlib.sha1((row["topic"] + "|" + row["argument"]).encode()).hexdigest()[:12]


def argq_rows(path: Path) -> tuple[list[dict], list[dict]]:
    rows = read(path)
    sanctions, motions = [], defaultdict(list)
    for r in rows:
        base = {
            "text": r["argument"].strip(), "source": "IBM-ArgQ-30k", "document": "argq:" + r["topic"],
            "license": "CC-BY-SA-3.0", "annotator": "ibm_crowd", "round": "", "label_origin": "source",
            "confidence": "high" if float(r["stance_WA_conf"]) >= 0.8 else "low", "hand_written": "no",
            "id": argq_id(r), "derived_from": "", "speaker": "", "date": "", "char_start": "", "char_end": "",
            "source_url": "", "motion": r["topic"], "motion_stance": "pro" if r["stance_WA"] == "1" else "con",
        }
        if r["topic"] == SANCTIONS_MOTION:
            # the motion is to END sanctions: pro the motion = against sanctions
            sanctions.append({**base, "topic": "sanctions",
                              "stance": "against" if r["stance_WA"] == "1" else "favor"})
        elif r["topic"] not in ON_TOPIC_MOTIONS:
            motions[(r["topic"], base["motion_stance"])].append({**base, "topic": "other", "stance": "none"})
    rng = random.Random(20261204)
    per_cell = MOTION_SAMPLE // (2 * len({m for m, _ in motions}))
    sample = []
    for key in sorted(motions):
        pool = sorted(motions[key], key=lambda x: x["id"])
        rng.shuffle(pool)
        sample += pool[:per_cell]
    return sanctions, sample


def counterfactual_rows(sources: dict[str, dict]) -> list[dict]:
    out = []
    for cf in read(WORK / "counterfactuals.csv"):
        check_label(cf, "counterfactuals.csv", rated=False)
        src = sources.get(cf["derived_from"])
        if src is None:
            raise SystemExit(f"error: counterfactual {cf['id']} names unknown row {cf['derived_from']}")
        out.append({
            "text": cf["text"], "topic": cf["topic"], "stance": cf["stance"], "source": src["source"] + "-edit",
            "document": src["document"], "speaker": "", "date": src.get("date", ""), "char_start": "",
            "char_end": "", "license": src["license"], "annotator": cf["annotator"], "round": cf["round"],
            "label_origin": "hand_written", "confidence": "high", "hand_written": "yes", "id": cf["id"],
            "derived_from": cf["derived_from"], "source_url": src.get("source_url", ""),
        })
    return out


NEAR_DUPLICATE = 0.8  # word-set Jaccard at which two statements count as one (legal boilerplate)


class Seen:
    """Texts kept so far, to drop exact (normalised) and near duplicates."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.words: list[set[str]] = []
        self.index: dict[str, list[int]] = defaultdict(list)

    def add(self, text: str, near: bool = True) -> bool:
        """Record ``text``; False if it repeats (``near``: or nearly repeats) a recorded text."""
        key = norm(text)
        words = set(key.split())
        if key in self.keys or (near and self._near(words)):
            return False
        self.keys.add(key)
        for w in words:
            self.index[w].append(len(self.words))
        self.words.append(words)
        return True

    def _near(self, words: set[str]) -> bool:
        # a text with Jaccard >= 0.8 holds over 80% of these words, so it holds one of
        # any 20% + 1 of them: look up only the rarest ones
        probe = sorted(words, key=lambda w: len(self.index.get(w, ())))[: len(words) // 5 + 1]
        candidates = {i for w in probe for i in self.index.get(w, ())}
        return any(len(words & self.words[i]) / len(words | self.words[i]) >= NEAR_DUPLICATE
                   for i in candidates)


def dedupe(rows: list[dict], seen: Seen, near: bool = True) -> list[dict]:
    return [r for r in rows if seen.add(r["text"], near)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    args = ap.parse_args(argv)
    docs = args.shared / "wh_briefings" / "documents.jsonl"
    speeches = args.shared / "ungdc" / "speeches.jsonl"
    argq = args.shared / "ibm_argq_30k" / "arg_quality_rank_30k.csv"
    for p in (docs, speeches, argq):
        if not p.is_file():
            print(f"error: {p} not found (pass --shared pointing at the shared data folder)", file=sys.stderr)
            return 2

    seen = Seen()
    for r in read(LABELED / "ungdc.csv"):
        seen.add(r["text"])
    final = final_labels()
    wh = dedupe([apply_final(r, final) for r in wh_rows(docs)], seen)
    legal = [r for r in wh if r["round"] == "2" and r["category"] == LEGAL_CATEGORY]
    wh = [r for r in wh if not (r["round"] == "2" and r["category"] == LEGAL_CATEGORY)]
    un = dedupe([apply_final(r, final) for r in ungdc_rows(speeches)], seen)
    sanctions, motions = argq_rows(argq)
    sanctions = dedupe(sanctions, seen)
    motions = dedupe(motions, seen)
    sources = {r["id"]: r for r in wh + un + sanctions}
    for r in read(LABELED / "ungdc.csv"):
        sources[r["id"]] = {**r, "date": r["year"]}
    # an edit is close to its source row by design: drop only exact repeats
    cf = dedupe(counterfactual_rows(sources), seen, near=False)

    write(LABELED / "wh_briefings.csv", wh, COLUMNS)
    write(LABELED / "extra" / "wh_presidential_actions.csv", legal, COLUMNS)
    write(LABELED / "ungdc_rare.csv", un, COLUMNS)
    write(LABELED / "extra" / "ibm_argq_sanctions.csv", sanctions, COLUMNS + ["motion", "motion_stance"])
    write(LABELED / "counterfactual.csv", cf, COLUMNS)
    write(LABELED / "extra" / "ibm_argq_motions.csv", motions, COLUMNS + ["motion", "motion_stance"])

    table = Counter()
    for name, rows in [("ungdc.csv", read(LABELED / "ungdc.csv")), ("wh_briefings.csv", wh),
                       ("ungdc_rare.csv", un), ("counterfactual.csv", cf)]:
        c = Counter((r["topic"], r["stance"]) for r in rows)
        table.update(c)
        print(f"{name}: {len(rows)} rows", dict(sorted(c.items())))
    print(f"extra/ibm_argq_sanctions.csv: {len(sanctions)} rows", dict(Counter(r["stance"] for r in sanctions)))
    print(f"extra/ibm_argq_motions.csv: {len(motions)} rows")
    print(f"extra/wh_presidential_actions.csv: {len(legal)} rows", dict(Counter((r["topic"], r["stance"]) for r in legal)))
    print("top level, all files:")
    for t in ["tariffs", "multilateralism", "belt_and_road", "climate", "sanctions"]:
        print(f"  {t:16s}" + "".join(f" {s}={table[(t, s)]:5d}" for s in ["favor", "against", "none"]))
    print(f"  {'other':16s} none={table[('other', 'none')]:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
