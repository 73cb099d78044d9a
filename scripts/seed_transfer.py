"""Transfer check: the default model's topic and stance on the seed article's 24 gold statements.

    python scripts/seed_transfer.py [--model PATH] [--shared ../shared]

Reads ../shared/examples/seed_article.gold.jsonl (gold content, topic,
stance) when present; the statements are news sentences the model never saw
in training. Prints each statement's gold and predicted labels, topic
accuracy, stance accuracy on the gold topic, and the number of statements
whose predicted topic and stance are both right.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    gold_path = args.shared / "examples" / "seed_article.gold.jsonl"
    if not gold_path.exists():
        print(f"{gold_path} not found: ../shared is not here, nothing to measure", file=sys.stderr)
        return 1
    from stance import Analyzer

    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
    analyzer = Analyzer.load(args.model)
    free = analyzer.classify([g["content"] for g in gold])
    topic_ok = stance_ok = both_ok = 0
    print(f"{'gold topic/stance':<26}{'predicted (free)':<28}{'stance on gold topic':<22}content")
    for g, p in zip(gold, free):
        on_gold = (analyzer.classify([g["content"]], topic=g["topic"])[0].stance
                   if g["topic"] != "other" else "none")
        topic_ok += p.topic == g["topic"]
        stance_ok += on_gold == g["stance"]
        both_ok += p.topic == g["topic"] and p.stance == g["stance"]
        print(f"{g['topic'] + '/' + g['stance']:<26}{p.topic + '/' + p.stance:<28}{on_gold:<22}{g['content'][:60]}")
    n = len(gold)
    print(f"\ntopic accuracy {topic_ok}/{n}; stance on the gold topic {stance_ok}/{n}; "
          f"topic and stance both right {both_ok}/{n}  (model {analyzer.model_info['name']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
