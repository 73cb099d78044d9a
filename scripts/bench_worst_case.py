"""Benchmark attribution time per MB on worst-case inputs against normal news text, in one run.

Usage::

    python scripts/bench_worst_case.py [--repeats 3] [--json]

Normal text is the bundled example article repeated; the worst cases are the
bars of issue 13 (``"Lee " + "said " * 10000``, 64 KB of unpunctuated words,
2.7 MB of ``"The minister said nothing. "``) and a few more degenerate shapes.
Each input is timed ``--repeats`` times, interleaved with the normal text, and
the medians are compared: the bar is at most 3x the normal per-MB time.
Reads only files in this repository.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import random
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stance import attribute  # noqa: E402

BAR = 3.0


def _unpunctuated(size: int, seed: int = 0) -> str:
    """Words without punctuation, rich in names and reporting verbs (the costly shape)."""
    rnd = random.Random(seed)
    vocab = ("Lee said the minister told reporters according to says added that Mr Smith President Xi "
             "who noted as officials warned").split()
    words, n = [], 0
    while n < size:
        w = rnd.choice(vocab)
        words.append(w)
        n += len(w) + 1
    return " ".join(words)[:size]


def cases() -> dict[str, str]:
    seed = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")
    return {
        "normal (example article x40)": "\n\n".join([seed] * 40),
        "'Lee ' + 'said ' * 10000": "Lee " + "said " * 10000,
        "64 KB unpunctuated words": _unpunctuated(64_000),
        "2.7 MB 'The minister said nothing. '": "The minister said nothing. " * 100_000,
        "'\"We will win,\" Lee said. ' * 8000": '"We will win," Lee said. ' * 8000,
        "'Said Lee, ' * 10000": "Said Lee, " * 10000,
        "'according to ' * 8000": "according to " * 8000,
        "'\"' * 100000": '"' * 100_000,
        "'Lee said\\n' * 20000": "Lee said\n" * 20000,
        "'x' * 1000000 (no spaces)": "x" * 1_000_000,
    }


def per_mb(text: str) -> float:
    t0 = time.perf_counter()
    attribute(text)
    return (time.perf_counter() - t0) / (len(text.encode("utf-8")) / 1e6)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    inputs = cases()
    attribute("Warm-up, said Lee.")  # load the lexicons and Punkt once
    normal_name = next(iter(inputs))
    times: dict[str, list[float]] = {name: [] for name in inputs}
    for _ in range(args.repeats):
        for name, text in inputs.items():
            if name != normal_name:
                times[name].append(per_mb(text))
                times[normal_name].append(per_mb(inputs[normal_name]))  # interleaved baseline
    normal = statistics.median(times[normal_name])
    rows = []
    for name, text in inputs.items():
        med = statistics.median(times[name])
        rows.append({"input": name, "mb": len(text.encode("utf-8")) / 1e6, "s_per_mb": med,
                     "ratio": med / normal, "within_bar": med / normal <= BAR})
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'input':40s} {'MB':>7s} {'s/MB':>7s} {'x normal':>9s}")
        for r in rows:
            flag = "" if r["within_bar"] else "  OVER 3x"
            print(f"{r['input']:40s} {r['mb']:7.3f} {r['s_per_mb']:7.2f} {r['ratio']:9.2f}{flag}")
        print(f"medians of {args.repeats} runs; normal text timed between every other input")
    return 0 if all(r["within_bar"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
