"""Round 3 candidates: statements likely to take NO side, for the topics whose
`none` share fell short of the 15% bar after round 1 (sanctions 2%,
multilateralism 7%, tariffs 12%). UN speeches argue far more than they report,
so random keyword matches rarely give `none` rows.

A statement qualifies when it matches the topic's round-1 keyword pattern and
has none of the evaluative or normative words listed in EVALUATIVE (calls,
support, condemnation, modal verbs, ...). Annotators are not told this; they
label the rows like any others. Skips every id and text already chosen in
rounds 1 and 2 and any text that occurs twice in the corpus; at most
--cap-per-speech per speech; seeded. Writes work/candidates_round3.csv and
annotator batches work/batch_11.csv .. batch_13.csv.

    python3 scripts/corpus/extract_round3.py --speeches ../shared/data/ungdc/speeches.jsonl
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_candidates import MAX_WORDS, MIN_WORDS, draw, load_statements, n_words, norm  # noqa: E402

EVALUATIVE = re.compile(r"""
    \b(?:must|should|shall|need(?:s|ed)?\s+to|ought|call(?:s|ed|ing)?\s+(?:on|upon|for)|urge\w*|appeal\w*
    |support\w*|welcome\w*|commend\w*|condemn\w*|reject\w*|oppos\w*|regret\w*|deplor\w*|denounc\w*
    |unjust\w*|injustice|illegal\w*|illegitimate|unilateral\w*|inhuman\w*|criminal|cruel\w*|genocid\w*
    |appreciat\w*|hope\w*|important|essential|crucial|vital|indispensable|committed|commitment\w*
    |reaffirm\w*|believe\w*|strongly|firmly|fully|praise\w*|thank\w*|congratulat\w*|favour\w*|favor\w*
    |lift\w*|end\s+to|harm\w*|suffer\w*|damag\w*|hurt\w*|punish\w*|victim\w*|threat\w*|danger\w*|fail\w*
    |effective\w*|successful\w*|success|achiev\w*|progress|strengthen\w*|enhanc\w*|promot\w*|uphold\w*
    |defend\w*|protect\w*|respect\w*|violat\w*|breach\w*|we\s+will|determined|resolve[ds]?|pledge\w*)\b
""", re.I | re.X)
TARGETS = {"sanctions": 260, "multilateralism": 220, "tariffs": 140}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--speeches", default="/work/shared/data/ungdc/speeches.jsonl")
    ap.add_argument("--out", default="data/labeled/work")
    ap.add_argument("--seed", type=int, default=2026112803)
    ap.add_argument("--cap-per-speech", type=int, default=2)
    args = ap.parse_args(argv)
    out = Path(args.out)
    taken = [r for name in ("candidates.csv", "candidates_round2.csv")
             for r in csv.DictReader(open(out / name, encoding="utf-8"))]
    taken_ids = {r["id"] for r in taken}
    taken_text = {norm(r["text"]) for r in taken}
    speeches, rows = load_statements(args.speeches)
    text_count = Counter(norm(r["text"]) for r in rows)
    rng = random.Random(args.seed)
    selected = []
    for topic, n in TARGETS.items():
        pool = [r for r in rows if topic in r["matched"].split("|") and not EVALUATIVE.search(r["text"])
                and r["id"] not in taken_ids and norm(r["text"]) not in taken_text
                and text_count[norm(r["text"])] == 1]
        got = draw(pool, n, args.cap_per_speech, rng)
        for r in got:
            r["retrieval"] = f"{topic}_descriptive_round3"
            taken_ids.add(r["id"])
            taken_text.add(norm(r["text"]))
            assert speeches[r["document"]]["text"][r["char_start"]:r["char_end"]] == r["text"]
            assert MIN_WORDS <= n_words(r["text"]) <= MAX_WORDS
        selected += got
        print(f"{topic}: pool {len(pool)} taken {len(got)}", file=sys.stderr)
    selected.sort(key=lambda r: (r["year"], r["country"], r["char_start"]))
    cols = ["id", "text", "source", "document", "country", "year", "speaker", "post",
            "char_start", "char_end", "license", "retrieval", "matched"]
    with open(out / "candidates_round3.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(selected)
    shuffled = list(selected)
    rng.shuffle(shuffled)
    for i, b in enumerate((11, 12, 13)):
        with open(out / f"batch_{b:02d}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=["id", "text", "document", "speaker", "post"], extrasaction="ignore")
            w.writeheader()
            w.writerows(shuffled[i::3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
