"""Throughput, load time and memory of the whole pipeline (issue: foundation).

    python scripts/bench_pipeline.py [--repeat 5] [--model PATH] [--shared ../shared]

Corpus: the article texts of ../shared/data/polnear/dev.jsonl (84 real news
articles) when present, else the bundled example article alone (said in the
output). In the same run it times nltk Punkt sentence splitting alone over
the same texts, so the pipeline figure can be read as a ratio to that
baseline on a noisy shared machine. Figures are medians over --repeat runs.
Peak memory is measured in a fresh subprocess (load the model, analyze the
corpus once) from ru_maxrss.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(shared: Path) -> tuple[list[str], str]:
    dev = shared / "data" / "polnear" / "dev.jsonl"
    if dev.exists():
        texts = [json.loads(line)["text"] for line in dev.open(encoding="utf-8")]
        return texts, f"PolNeAR dev article texts ({len(texts)} articles, {dev})"
    text = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")
    return [text], "../shared not found: the bundled example article only"


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory_mb(model: str | None, shared: Path) -> float:
    code = (
        "import resource, sys; sys.path.insert(0, %r)\n"
        "from bench_pipeline import corpus\n"
        "from pathlib import Path\n"
        "from stance import Analyzer\n"
        "texts, _ = corpus(Path(%r))\n"
        "a = Analyzer.load(%r)\n"
        "a.analyze_many(texts)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    ) % (str(Path(__file__).parent), str(shared), model)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--model", default=None)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()

    from stance import Analyzer, attribute
    from stance.segment import plain_punkt, split_sentences
    from stance.model import StanceModel
    from stance.analyzer import resolve_model_path

    texts, source = corpus(args.shared)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    analyzer = Analyzer.load(args.model)
    analyzer.analyze_many(texts[:2])  # warm caches (lexicons, Punkt parameters)

    tokenizer = plain_punkt()  # nltk's own Punkt, not the memoized one split_sentences uses
    punkt = median_time(lambda: [list(tokenizer.span_tokenize(t)) for t in texts], args.repeat)
    segment = median_time(lambda: [split_sentences(t) for t in texts], args.repeat)
    quotes = median_time(lambda: [attribute(t) for t in texts], args.repeat)
    full = median_time(lambda: analyzer.analyze_many(texts), args.repeat)
    load = median_time(lambda: StanceModel.load(resolve_model_path(args.model)), args.repeat)
    n_quotes = sum(len(r.quotes) for r in analyzer.analyze_many(texts))
    peak = peak_memory_mb(args.model, args.shared)

    print(f"corpus: {source}; {mb:.2f} MB, {n_quotes} statements found")
    print(f"runs: median of {args.repeat}")
    print(f"{'stage':<34}{'seconds':>9}{'articles/s':>12}{'MB/s':>8}{'x Punkt':>9}")
    for name, secs in (("nltk Punkt alone (span_tokenize)", punkt), ("segmentation (split_sentences)", segment),
                       ("attribution (stance quotes)", quotes),
                       ("full pipeline (stance score)", full)):
        print(f"{name:<34}{secs:>9.3f}{len(texts) / secs:>12.1f}{mb / secs:>8.2f}{secs / punkt:>9.2f}")
    print(f"model load: {load * 1000:.0f} ms (median of {args.repeat})")
    print(f"peak memory (fresh process: load + analyze corpus): {peak:.0f} MB")


if __name__ == "__main__":
    main()
