"""Figures for issue 16: `stance summarize` on news_dev, and the HTML report's size and speed.

    python scripts/bench_report.py --shared ../shared [--repeat 3] [--sizes 10 100 1000] [--model PATH]

1. ``summarize``: the news_dev articles (dates from its manifest) through the
   CLI: ``stance score --format jsonl`` and ``stance summarize --format json``;
   prints the statement counts of both, the rows, how many speaker forms were
   merged into how many speakers, and how many pairs of final speakers still
   look like one person split in two (same surname, or one name the end of
   the other). Names are printed only with ``--show`` (never commit them).
2. ``report``: PolNeAR article texts (timing only; nothing is written outside
   a temporary directory) for each size: analysis time, render time, file
   size, and the time headless Chromium takes to load the file (navigation
   start to the end of the load event, which includes the report's script),
   against a baseline page holding the same texts as plain escaped text.
   1,000 articles cycle over PolNeAR's 924. Medians over ``--repeat`` runs.

Reads ../shared (give its path with --shared); says so and skips a part whose data is absent.
"""
from __future__ import annotations

import argparse
import html
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def stance_cli(*args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "stance", *args], capture_output=True, text=True, check=True)
    return out.stdout


def bench_summarize(shared: Path, model: list[str], show: bool) -> None:
    news = shared / "data" / "news_dev"
    if not (news / "articles").is_dir():
        print(f"summarize: {news} not found; skipped")
        return
    from stance.names import clean_name

    files = sorted(str(p) for p in (news / "articles").glob("*.txt"))
    statements = [json.loads(line) for line in stance_cli(*model, "score", *files, "--format", "jsonl").splitlines()]
    rows = json.loads(stance_cli(*model, "summarize", *files, "--format", "json", "--dates",
                                 str(news / "manifest.jsonl")))
    by_org = json.loads(stance_cli(*model, "summarize", *files, "--format", "json", "--by-org"))
    keys = [(r["speaker"], r["topic"]) for r in rows]
    forms = {q["speaker"] for q in statements if q["speaker"]}
    speakers = {r["speaker"] for r in rows if r["speaker"]}
    merged_forms = {f for r in rows for f in r["names"] if f != r["speaker"]}
    print(f"summarize: {len(files)} articles; stance score: {len(statements)} statements; "
          f"summarize: {sum(r['statements'] for r in rows)} statements in {len(rows)} rows "
          f"(unique (speaker, topic): {len(set(keys)) == len(keys)}); per topic equal: "
          f"{all(sum(r['statements'] for r in rows if r['topic'] == t) == sum(q['topic'] == t for q in statements) for t in {q['topic'] for q in statements})}")
    print(f"  speaker forms (resolved speaker strings): {len(forms)} -> speakers after merging: {len(speakers)} "
          f"({len(merged_forms)} forms merged into another name); unknown-speaker statements: "
          f"{sum(r['statements'] for r in rows if r['speaker'] is None)}")
    print(f"  rows with dates: {sum(1 for r in rows if r['dates'])} of {len(rows)}")
    print(f"  --by-org: {sum(r['statements'] for r in by_org)} statements, "
          f"{len({r['speaker'] for r in by_org})} speakers")
    people = sorted(s for s in speakers if all(t[:1].isupper() for t in s.split()))
    splits = []
    for a, b in combinations(people, 2):
        ta, tb = clean_name(a).split(), clean_name(b).split()
        if not ta or not tb:
            continue
        short, long_ = sorted((ta, tb), key=len)
        if long_[-len(short):] == short or (len(short) == 1 and short[0] in (long_[0], long_[-1])):
            splits.append((a, b))
    print(f"  pairs of speakers that look like one person in two rows (title or short form): {len(splits)}")
    if show:
        for pair in splits:
            print("    ", pair)
        for r in rows:
            print("    ", r["speaker"], "<-", r["names"])


def bench_seed() -> None:
    """The bar on the bundled example: every statement of `stance score` in the report, no request made."""
    import re

    seed = ROOT / "examples" / "seed_article.txt"
    doc = json.loads(stance_cli("score", str(seed), "--format", "json"))
    out = Path(tempfile.mkdtemp(prefix="bench-seed-")) / "r.html"
    subprocess.run([sys.executable, "-m", "stance", "report", str(seed), "-o", str(out)], check=True,
                   capture_output=True)
    page = out.read_text(encoding="utf-8")
    ids = set(re.findall(r'id="a0-q(\d+)"', page))
    line = (f"seed: stance score {len(doc['quotes'])} statements; report {out.stat().st_size} bytes, "
            f"{len(ids)} statement anchors, {page.count('<mark ')} highlights")
    if shutil.which("chromium") and shutil.which("chromedriver"):
        driver = browser()
        try:
            driver.get(out.as_uri())
            found = driver.execute_script(
                "return [...Array(arguments[0]).keys()].filter(i => { const e = document.getElementById('a0-q' + (i + 1));"
                " return e && e.closest('mark.st'); }).length;", len(doc["quotes"]))
            resources = driver.execute_script("return performance.getEntriesByType('resource').length")
            line += f"; in Chromium: {found} of {len(doc['quotes'])} statements highlighted, {resources} requests"
        finally:
            driver.quit()
    shutil.rmtree(out.parent, ignore_errors=True)
    print(line)


def polnear_texts(shared: Path) -> list[str]:
    texts = []
    for split in ("dev", "train"):
        path = shared / "data" / "polnear" / f"{split}.jsonl"
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    return texts


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1366,900", f"--user-data-dir={tempfile.mkdtemp(prefix='bench-chromium-')}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)


def open_seconds(driver, path: Path, repeat: int) -> tuple[float, float]:
    """Median seconds from navigation start to the first contentful paint, and to the end of the load event."""
    paints, loads = [], []
    for _ in range(repeat):
        driver.get("about:blank")
        driver.get(path.as_uri())
        paint, load = driver.execute_script(
            "const p = performance.getEntriesByName('first-contentful-paint')[0];"
            "return [p ? p.startTime : null, performance.getEntriesByType('navigation')[0].loadEventEnd];")
        paints.append((paint or load) / 1000)
        loads.append(load / 1000)
    return statistics.median(paints), statistics.median(loads)


def bench_report(shared: Path, model_path, sizes: list[int], repeat: int) -> None:
    texts = polnear_texts(shared)
    if not texts:
        print(f"report: no PolNeAR texts under {shared}; skipped")
        return
    from stance import Analyzer, render_report

    analyzer = Analyzer.load(model_path)
    driver = browser() if shutil.which("chromium") and shutil.which("chromedriver") else None
    if driver is None:
        print("report: no chromium/chromedriver; open times skipped")
    tmp = Path(tempfile.mkdtemp(prefix="bench-report-"))
    print(f"report: PolNeAR article texts ({len(texts)} available; timing only), medians of {repeat}")
    print("  articles  statements  analyze s  render s  size MB  first paint s  loaded s  (plain-text baseline: "
          "first paint s, loaded s; loaded ratio)")
    try:
        for size in sizes:
            corpus = [texts[i % len(texts)] for i in range(size)]
            names = [f"article-{i + 1}" for i in range(size)]
            start = time.perf_counter()
            results = analyzer.analyze_many(corpus, articles=names)
            analyze = time.perf_counter() - start
            renders = []
            for _ in range(repeat):
                start = time.perf_counter()
                page = render_report(results, corpus)
                renders.append(time.perf_counter() - start)
            path = tmp / f"report-{size}.html"
            path.write_text(page, encoding="utf-8")
            baseline = tmp / f"plain-{size}.html"
            baseline.write_text("<!DOCTYPE html><meta charset=utf-8><body>" + "".join(
                f"<section><h3>{n}</h3><div style='white-space:pre-wrap'>{html.escape(t)}</div></section>"
                for n, t in zip(names, corpus)), encoding="utf-8")
            n_statements = sum(len(r.quotes) for r in results)
            line = (f"  {size:>8}  {n_statements:>10}  {analyze:>9.2f}  {statistics.median(renders):>8.3f}  "
                    f"{path.stat().st_size / 1e6:>7.2f}")
            if driver is not None:
                (paint, load), (plain_paint, plain_load) = (open_seconds(driver, path, repeat),
                                                            open_seconds(driver, baseline, repeat))
                line += (f"  {paint:>13.2f}  {load:>8.2f}  ({plain_paint:.2f}, {plain_load:.2f}; "
                         f"{load / plain_load:.1f}x)")
            print(line, flush=True)
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data directory")
    parser.add_argument("--model", default=None, help="model file (default: the installed default model)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--show", action="store_true", help="print speaker names (never commit them)")
    parser.add_argument("--skip-summarize", action="store_true")
    parser.add_argument("--skip-report", action="store_true")
    args = parser.parse_args()
    if not args.shared.is_dir():
        print(f"{args.shared} not found: give the shared data directory with --shared; nothing to benchmark.",
              file=sys.stderr)
        sys.exit(2)
    model = ["--model", args.model] if args.model else []
    bench_seed()
    if not args.skip_summarize:
        bench_summarize(args.shared, model, args.show)
    if not args.skip_report:
        bench_report(args.shared, args.model, args.sizes, args.repeat)


if __name__ == "__main__":
    main()
