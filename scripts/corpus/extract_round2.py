"""Round 2 candidates: more trade-policy statements, because round 1's tariffs
yield fell short of the 400-row bar (broad terms such as "international trade"
mostly turned out to be `other`).

Draws statements that match STRONG trade-policy terms, skipping every id and
text already in candidates.csv and any text that occurs twice in the corpus;
at most --cap-per-speech per speech; seeded. Appends the new rows (retrieval
`tariffs_round2`) to work/candidates_round2.csv and writes annotator batches
work/batch_09.csv and work/batch_10.csv (id,text,document,speaker,post).

    python3 scripts/corpus/extract_round2.py --speeches ../shared/data/ungdc/speeches.jsonl
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

STRONG_TRADE = re.compile(r"""
    tariffs? | protectionis\w* | trade\s+wars? | free[-\s]trade | fair\s+trade
  | (?:trade|non-tariff|market)\s+barriers? | barriers\s+to\s+(?:trade|market)
  | World\s+Trade\s+Organi[sz]ation | \bWTO\b | Doha\s+(?:Round|Development\s+Agenda)
  | market\s+access | duty-free | quota-free | trade\s+liberali[sz]ation
  | trade-distorting | (?:agricultural|farm)\s+subsidies | trading\s+system
  | (?:open|rules-based|unfettered)\s+trade | trade\s+restrictions? | trade\s+tensions?
""", re.I | re.X)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--speeches", default="/work/shared/data/ungdc/speeches.jsonl")
    ap.add_argument("--out", default="data/labeled/work")
    ap.add_argument("--seed", type=int, default=2026112802)
    ap.add_argument("--n", type=int, default=420)
    ap.add_argument("--cap-per-speech", type=int, default=3)
    args = ap.parse_args(argv)
    out = Path(args.out)
    taken = list(csv.DictReader(open(out / "candidates.csv", encoding="utf-8")))
    taken_ids = {r["id"] for r in taken}
    taken_text = {norm(r["text"]) for r in taken}
    speeches, rows = load_statements(args.speeches)
    text_count = Counter(norm(r["text"]) for r in rows)
    pool = [r for r in rows if STRONG_TRADE.search(r["text"]) and r["id"] not in taken_ids
            and norm(r["text"]) not in taken_text and text_count[norm(r["text"])] == 1]
    got = draw(pool, args.n, args.cap_per_speech, random.Random(args.seed))
    for r in got:
        r["retrieval"] = "tariffs_round2"
        assert speeches[r["document"]]["text"][r["char_start"]:r["char_end"]] == r["text"]
        assert MIN_WORDS <= n_words(r["text"]) <= MAX_WORDS
    got.sort(key=lambda r: (r["year"], r["country"], r["char_start"]))
    cols = ["id", "text", "source", "document", "country", "year", "speaker", "post",
            "char_start", "char_end", "license", "retrieval", "matched"]
    with open(out / "candidates_round2.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(got)
    shuffled = list(got)
    random.Random(args.seed).shuffle(shuffled)
    for b, part in ((9, shuffled[0::2]), (10, shuffled[1::2])):
        with open(out / f"batch_{b:02d}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=["id", "text", "document", "speaker", "post"], extrasaction="ignore")
            w.writeheader()
            w.writerows(part)
    print(f"pool {len(pool)} taken {len(got)} countries {len({r['country'] for r in got})}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
