"""Benchmark attribution time per MB on worst-case inputs against normal news text, in one run.

Usage::

    python scripts/bench_worst_case.py [--repeats 3] [--json]

Normal text is the bundled example article repeated; the worst cases are the
bars of issue 13 (``"Lee " + "said " * 10000``, 64 KB of unpunctuated words,
2.7 MB of ``"The minister said nothing. "``) and a few more degenerate shapes.
Each input is timed ``--repeats`` times, interleaved with the normal text, and
the medians are compared: the bar is at most 3x the normal per-MB time. Times
are CPU seconds of this process (``time.process_time``), so other jobs on a
shared machine do not blur the ratios; wall time on an idle core is about the
same. When ``../shared`` or ``../../shared`` (or ``$STANCE_SHARED``) holds the news development
sets, real news articles, analyzed one by one, are a second baseline; without
them that row is skipped, saying so.
"""
from __future__ import annotations

import argparse
import json
import os
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


NORMAL = "normal (example article x40)"
BARS = ("'Lee ' + 'said ' * 10000", "64 KB unpunctuated words", "2.7 MB 'The minister said nothing. '")


def cases() -> dict[str, str]:
    """The normal text first, then issue 13's three bars, then more degenerate shapes."""
    seed = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")
    return {
        NORMAL: "\n\n".join([seed] * 40),
        BARS[0]: "Lee " + "said " * 10000,
        BARS[1]: _unpunctuated(64_000),
        BARS[2]: "The minister said nothing. " * 100_000,
        "'\"We will win,\" Lee said. ' * 8000": '"We will win," Lee said. ' * 8000,
        "'Said Lee, ' * 10000": "Said Lee, " * 10000,
        "'according to ' * 8000": "according to " * 8000,
        "'\"' * 100000": '"' * 100_000,
        "'Lee said\\n' * 20000": "Lee said\n" * 20000,
        "'x' * 1000000 (no spaces)": "x" * 1_000_000,
    }


def per_mb(text) -> float:
    """CPU seconds per MB (UTF-8) to attribute ``text``, or each text of a list in turn."""
    texts = [text] if isinstance(text, str) else text
    t0 = time.process_time()
    for t in texts:
        attribute(t)
    return (time.process_time() - t0) / (sum(len(t.encode("utf-8")) for t in texts) / 1e6)


def news_articles() -> list[str]:
    """Real news articles from the shared development sets (read here, never copied), or []."""
    candidates = [pathlib.Path(os.environ["STANCE_SHARED"])] if os.environ.get("STANCE_SHARED") else \
        [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    shared = next((c / "data" for c in candidates if (c / "data").is_dir()), candidates[0] / "data")
    texts = []
    for path in (shared / "polnear" / "dev.jsonl", shared / "news_dev" / "gold.doc.jsonl"):
        if path.is_file():
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    inputs: dict = cases()
    news = news_articles()
    if news:
        inputs[f"news articles ({len(news)}, one by one)"] = news  # a second baseline
    else:
        print("../shared news development sets not found: the news-articles baseline is skipped")
    attribute("Warm-up, said Lee.")  # load the lexicons and Punkt once
    normal_name = NORMAL
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
        size = sum(len(t.encode("utf-8")) for t in ([text] if isinstance(text, str) else text))
        rows.append({"input": name, "mb": size / 1e6, "s_per_mb": med,
                     "ratio": med / normal, "within_bar": med / normal <= BAR})
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'input':40s} {'MB':>7s} {'CPU s/MB':>9s} {'x normal':>9s}")
        for r in rows:
            flag = "" if r["within_bar"] else "  OVER 3x"
            print(f"{r['input']:40s} {r['mb']:7.3f} {r['s_per_mb']:9.2f} {r['ratio']:9.2f}{flag}")
        print(f"medians of {args.repeats} runs; normal text timed between every other input")
    return 0 if all(r["within_bar"] for r in rows if r["input"] in BARS) else 1


if __name__ == "__main__":
    sys.exit(main())
