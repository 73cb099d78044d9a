"""Map the redistributable argument sets in ../shared/data onto stance's topics.

Writes ``data/labeled/extra/perspectrum.csv`` (CC BY-SA 4.0) and
``data/labeled/extra/ibm_claim_stance.csv`` (CC BY 3.0), each row with its
provenance. Text is copied unedited; only the topic is re-mapped (and the
stance flipped where the source target is the opposite of our topic, e.g.
"free trade" favor = tariffs against). Targets that fit none of our topics
become ``other`` with stance ``none``; targets too close to a topic to be a
clean negative (dams, pipelines, endangered species) are left out.

    python scripts/build_initial_labeled.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

FLIP = {"FAVOR": "against", "AGAINST": "favor"}
KEEP = {"FAVOR": "favor", "AGAINST": "against"}

PERSPECTRUM = {  # target -> (topic, stance map)
    "free trade": ("tariffs", FLIP),
    "economic sanctions": ("sanctions", KEEP),
    "the United Nations": ("multilateralism", KEEP),
    "global governance": ("multilateralism", KEEP),
    "Climate Change is a Real Concern": ("climate", KEEP),
    "agricultural subsidies": ("tariffs", KEEP),  # farm subsidies are protectionism
    "European integration": ("other", None),
    "NATO": ("other", None),
    "foreign aid": ("other", None),
}
IBM = {
    "re-engage with Myanmar": ("sanctions", FLIP),  # re-engaging = lifting sanctions
    "ASEAN": ("multilateralism", KEEP),
    "wind power": ("climate", KEEP),
}
IBM_SKIP = {"build hydroelectric dams", "build the Keystone XL pipeline", "endangered species"}
TRADE = re.compile(r"\b(trade|tariff|protection|import|export|barrier)", re.I)
COLUMNS = ["text", "topic", "stance", "source", "document", "license", "annotator", "round", "hand_written"]


def _row(text, topic, stance, source, document, license):
    return {"text": text, "topic": topic, "stance": stance, "source": source, "document": document,
            "license": license, "annotator": "source labels, topic mapped by scripts/build_initial_labeled.py",
            "round": "0", "hand_written": "no"}


def perspectrum(shared: Path):
    # document = the Perspectrum claim, so grouped cross-validation splits by claim
    # (its perspectives are near-paraphrases of each other)
    claim_of = {r["text"]: r["target"] for r in
                csv.DictReader(open(shared / "data/perspectrum_intl/claims.csv", encoding="utf-8"))}
    for r in csv.DictReader(open(shared / "data/perspectrum_intl/topics.csv", encoding="utf-8")):
        topic, smap = PERSPECTRUM[r["target"]]
        stance = "none" if smap is None else smap[r["stance"]]
        claim = claim_of.get(r["text"], r["target"])
        yield _row(r["text"], topic, stance, "Perspectrum (Chen et al., NAACL 2019)",
                   f"perspectrum claim: {claim}", "CC-BY-SA-4.0")


def ibm(shared: Path):
    for r in csv.DictReader(open(shared / "data/ibm_claim_stance/by_target.csv", encoding="utf-8")):
        target = r["target"]
        if target in IBM_SKIP:
            continue
        if target in IBM:
            topic, smap = IBM[target]
            stance = smap[r["stance"]]
        elif target == "unleash the free market" and TRADE.search(r["text"]):
            topic, stance = "tariffs", FLIP[r["stance"]]
        elif target == "unleash the free market":
            continue  # deregulation claims: neither clearly trade nor clearly off-topic
        else:
            topic, stance = "other", "none"
        yield _row(r["text"], topic, stance, "IBM Debater Claim Stance (Bar-Haim et al., EACL 2017)",
                   f"ibm motion target: {target}", "CC-BY-3.0")


def write(path: Path, rows) -> int:
    seen, n = set(), 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for row in rows:
            if row["text"] in seen:
                continue
            seen.add(row["text"])
            w.writerow(row)
            n += 1
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=Path(__file__).resolve().parents[2] / "shared", type=Path)
    ap.add_argument("--out", default=Path(__file__).resolve().parents[1] / "data" / "labeled" / "extra", type=Path)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print("perspectrum.csv", write(args.out / "perspectrum.csv", perspectrum(args.shared)))
    print("ibm_claim_stance.csv", write(args.out / "ibm_claim_stance.csv", ibm(args.shared)))


if __name__ == "__main__":
    main()
