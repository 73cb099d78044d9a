"""Scale figures for issue 15, in one run: ratios to Punkt, n_jobs=2, start-up, streaming, Spark, size curve.

    python scripts/bench_scale.py [--shared ../shared] [--repeat 3] [--articles 10000] [--no-spark]
    python scripts/bench_scale.py --profile-size 2000000      # where attribution's time goes on 2 MB
    python scripts/bench_scale.py --unseen --repeat 5 [--warm 200]   # section 1's n_jobs=1 ratio on unseen text
    python scripts/bench_scale.py --long 840 --repeat 3   # n_jobs=2 speed-up on a longer job of unseen text

Corpus: the article texts of ../shared/data/polnear/dev.jsonl (84 news
articles); the script stops with a message when it is absent. PolNeAR text is
only read, never written anywhere. Every comparison is interleaved (one round
times each contender in turn, medians over --repeat rounds), because the
machine is shared and noisy; CPU seconds are given next to wall-clock seconds
where processes compete for the cores. Sections:

1. ratios to nltk Punkt ``span_tokenize`` over the same texts: attribution,
   ``analyze_many`` with n_jobs=1 and 2 (worker processes warmed first), with
   the CPU time of the parent and of each worker;
2. start-up of fresh processes (``stance --help``, ``stance quotes``,
   ``stance score`` of the bundled example) next to importing scikit-learn
   and loading the model file;
3. streaming: peak memory and time of ``iter_analyze(n_jobs=2)`` over 1,000
   and --articles articles (PolNeAR texts repeated), each in a fresh process;
4. Spark ``score_articles`` on local[2] over the same --articles articles
   (written as Parquet to a temporary directory), next to section 3's figure;
5. seconds per MB of attribution and of Punkt on 1 KB .. 4 MB texts made of
   PolNeAR paragraphs repeated.

``--unseen`` instead gives section 1's n_jobs=1 ratio on text the process has
not seen: each round is a fresh process that warms up on PolNeAR *train*
texts (as a long job's caches are warm with other articles), then times Punkt
and ``analyze_many`` once each over the dev texts. Section 1 repeats the same
texts, so from its second round the per-process caches (Punkt decisions,
names, the words' character n-grams) already hold them.

``--long N`` gives the ``n_jobs=2`` speed-up on a longer job than section 1's
84 texts (about one second of work, where a call's fixed cost of chunks and
results weighs): fresh processes, alternately with one and two jobs, start
their workers on a few dev texts, then analyze the first N PolNeAR train
texts once (wall clock, medians).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed_article.txt"
SIZES = (1_000, 10_000, 100_000, 1_000_000, 4_000_000)


def load_texts(shared: Path) -> list[str]:
    dev = shared / "data" / "polnear" / "dev.jsonl"
    if not dev.exists():
        sys.exit(f"bench_scale: {dev} not found; pass --shared pointing at the shared data directory")
    return [json.loads(line)["text"] for line in dev.open(encoding="utf-8")]


def timed(fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def proc_cpu(pids) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each live process (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out[pid] = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError):
            pass
    return out


def worker_pids(n_jobs: int) -> set[int]:
    """Process ids of the worker pool ``analyze_many`` uses (the same loky executor, so it is not restarted)."""
    from joblib import delayed

    from stance.workers import parallel

    return set(parallel(n_jobs)(delayed(_pid_after)(0.2) for _ in range(4 * n_jobs)))


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)  # long enough that every worker gets a task
    return os.getpid()


def ratios(texts: list[str], repeat: int) -> None:
    from stance import Analyzer, attribute
    from stance.segment import plain_punkt

    analyzer = Analyzer.load()
    tokenizer = plain_punkt()  # nltk's own Punkt, not the memoized one split_sentences uses
    analyzer.analyze_many(texts[:8])
    analyzer.analyze_many(texts[:16], n_jobs=2)  # start the workers and load the model in each
    pids = worker_pids(2)
    runs: dict[str, list] = {k: [] for k in ("punkt", "attribution", "analyze_many n_jobs=1", "analyze_many n_jobs=2")}
    workers_cpu = []
    for _ in range(repeat):  # interleaved rounds
        runs["punkt"].append(timed(lambda: [list(tokenizer.span_tokenize(t)) for t in texts]))
        runs["attribution"].append(timed(lambda: [attribute(t) for t in texts]))
        runs["analyze_many n_jobs=1"].append(timed(lambda: analyzer.analyze_many(texts)))
        before = proc_cpu(pids)
        runs["analyze_many n_jobs=2"].append(timed(lambda: analyzer.analyze_many(texts, n_jobs=2)))
        after = proc_cpu(pids)
        workers_cpu.append(sorted(after[p] - before[p] for p in after if p in before))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    punkt = statistics.median(w for w, _ in runs["punkt"])
    punkt_cpu = statistics.median(c for _, c in runs["punkt"])
    print(f"## 1. ratios to Punkt: {len(texts)} PolNeAR dev texts, {mb:.2f} MB, median of {repeat} interleaved rounds")
    # CPU ratio: steadier than wall clock while other jobs share the cores (not for n_jobs=2: its CPU is in workers)
    print(f"{'stage':<26}{'wall s':>9}{'CPU s':>8}{'articles/s':>12}{'x Punkt':>9}{'x Punkt CPU':>13}")
    for name, times in runs.items():
        wall = statistics.median(w for w, _ in times)
        cpu = statistics.median(c for _, c in times)
        cpu_ratio = f"{cpu / punkt_cpu:>13.2f}" if name != "analyze_many n_jobs=2" else ""
        print(f"{name:<26}{wall:>9.3f}{cpu:>8.3f}{len(texts) / wall:>12.1f}{wall / punkt:>9.2f}{cpu_ratio}")
    cpu_one = statistics.median(c for _, c in runs["analyze_many n_jobs=1"])
    per_worker = [statistics.median(round_[i] for round_ in workers_cpu) for i in range(len(workers_cpu[0]))]
    parent = statistics.median(c for _, c in runs["analyze_many n_jobs=2"])
    wall1 = statistics.median(w for w, _ in runs["analyze_many n_jobs=1"])
    wall2 = statistics.median(w for w, _ in runs["analyze_many n_jobs=2"])
    print(f"n_jobs=2: wall speed-up {wall1 / wall2:.2f}x; CPU s in the parent {parent:.3f} (n_jobs=1: {cpu_one:.3f})")
    if per_worker:
        print(f"CPU s in each worker {', '.join(f'{c:.2f}' for c in per_worker)}; speed-up with two free cores "
              f"(CPU on the critical path) {cpu_one / (max(per_worker) + parent):.2f}x")


def unseen(shared: Path, repeat: int, warm: int) -> None:
    rounds = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--shared", str(shared), "--unseen-round", "--warm", str(warm)],
                             check=True, capture_output=True, text=True).stdout
        rounds.append(json.loads(out))
    punkt = statistics.median(r["punkt"] for r in rounds)
    analyze = statistics.median(r["analyze_many"] for r in rounds)
    ratio = statistics.median(r["analyze_many"] / r["punkt"] for r in rounds)
    print(f"## 1b. unseen text: {repeat} fresh processes, each warmed on {warm} PolNeAR train texts, "
          "then one pass over the dev texts (CPU s, medians)")
    print(f"punkt {punkt:.3f}  analyze_many n_jobs=1 {analyze:.3f}  x Punkt {analyze / punkt:.2f} "
          f"(median of the per-process ratios {ratio:.2f})")


def unseen_round(shared: Path, warm: int) -> None:
    """One ``--unseen`` round, in this fresh process: prints CPU seconds as JSON."""
    from stance import Analyzer
    from stance.segment import plain_punkt

    train = shared / "data" / "polnear" / "train.jsonl"
    with train.open(encoding="utf-8") as lines:
        warm_texts = [json.loads(line)["text"] for _, line in zip(range(warm), lines)]
    texts = load_texts(shared)
    analyzer, tokenizer = Analyzer.load(), plain_punkt()
    analyzer.analyze_many(warm_texts)
    punkt = timed(lambda: [list(tokenizer.span_tokenize(t)) for t in texts])[1]
    analyze = timed(lambda: analyzer.analyze_many(texts))[1]
    print(json.dumps({"punkt": punkt, "analyze_many": analyze}))


def long_job(shared: Path, repeat: int, n: int) -> None:
    walls: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeat):
        for n_jobs in walls:  # interleaved
            out = subprocess.run([sys.executable, __file__, "--shared", str(shared), "--long-round", str(n),
                                  "--jobs", str(n_jobs)], check=True, capture_output=True, text=True).stdout
            walls[n_jobs].append(json.loads(out)["seconds"])
    one, two = statistics.median(walls[1]), statistics.median(walls[2])
    print(f"## 1c. a longer job: {n} PolNeAR train texts, {repeat} fresh processes each (wall s, medians)")
    print(f"analyze_many n_jobs=1 {one:.2f}  n_jobs=2 {two:.2f}  speed-up {one / two:.2f}x")


def long_round(shared: Path, n: int, n_jobs: int) -> None:
    """One ``--long`` round, in this fresh process: prints the wall seconds as JSON."""
    from stance import Analyzer

    train = shared / "data" / "polnear" / "train.jsonl"
    with train.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(n), lines)]
    analyzer = Analyzer.load()
    analyzer.analyze_many(load_texts(shared)[:16], n_jobs=n_jobs)  # start the workers, load the model in each
    print(json.dumps({"seconds": timed(lambda: analyzer.analyze_many(texts, n_jobs=n_jobs))[0]}))


def startup(repeat: int) -> None:
    stance = [sys.executable, "-m", "stance"]
    load = ("from stance.analyzer import resolve_model_path; from stance.model import StanceModel; "
            "StanceModel.load(resolve_model_path())")
    cases = {
        "stance --help": stance + ["--help"],
        "stance quotes seed": stance + ["quotes", str(SEED)],
        "stance score seed": stance + ["score", str(SEED)],
        "import sklearn.linear_model": [sys.executable, "-c", "import sklearn.linear_model"],
        "import stance.model + load model": [sys.executable, "-c", load],
    }
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(repeat):
        for name, cmd in cases.items():
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    med = {k: statistics.median(v) for k, v in times.items()}
    sk = med["import sklearn.linear_model"]
    print(f"\n## 2. start-up of fresh processes, median of {repeat} interleaved rounds")
    for name, t in med.items():
        print(f"{name:<36}{t:>7.2f} s{t / sk:>8.2f} x import sklearn")
    print(f"bar: --help < 0.5 x import sklearn: {med['stance --help'] / sk:.2f}; "
          f"score <= 1.5 x (import + load model): {med['stance score seed'] / med['import stance.model + load model']:.2f}")


STREAM = """
import json, resource, sys, time
from itertools import islice, cycle
from stance import Analyzer
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
n = int(sys.argv[2])
analyzer = Analyzer.load()
analyzer.analyze_many(texts[:16], n_jobs=2)  # start the workers and load the model in each, untimed
start = time.perf_counter()
statements = sum(len(r.quotes) for r in analyzer.iter_analyze(islice(cycle(texts), n), n_jobs=2))
print(json.dumps({"seconds": time.perf_counter() - start, "statements": statements,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def streaming(dev: Path, sizes: list[int]) -> dict[int, dict]:
    print("\n## 3. streaming: iter_analyze(n_jobs=2) over PolNeAR dev texts repeated, fresh process each")
    out = {}
    for n in sizes:
        res = subprocess.run([sys.executable, "-c", STREAM, str(dev), str(n)], check=True, capture_output=True,
                             text=True)
        out[n] = json.loads(res.stdout.strip().splitlines()[-1])
        r = out[n]
        print(f"{n:>6} articles: {r['seconds']:8.1f} s, {n / r['seconds']:6.1f} articles/s, "
              f"{r['statements']} statements, parent peak RSS {r['peak_mb']:.0f} MB")
    return out


def spark(dev: Path, texts: list[str], n: int, local: dict | None) -> None:
    from itertools import cycle, islice

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from stance.spark import score_articles

    start = time.perf_counter()
    session = (SparkSession.builder.master("local[2]").appName("bench-scale")
               .config("spark.ui.showConsoleProgress", "false").config("spark.driver.memory", "2g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - start
    rows = [(i, t) for i, t in enumerate(islice(cycle(texts), n))]
    df = session.createDataFrame(rows, "id long, text string").repartition(8).cache()
    df.count()
    warm = score_articles(df.limit(16), model=None)
    warm.write.format("noop").mode("overwrite").save()  # start the Python workers and load the model
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        score_articles(df, model=None).write.parquet(f"{tmp}/statements.parquet")
        secs = time.perf_counter() - start
        statements = session.read.parquet(f"{tmp}/statements.parquet").count()
    session.stop()
    print(f"\n## 4. Spark local[2]: {n} articles (PolNeAR dev repeated, 8 partitions), written as Parquet")
    print(f"session start {started:.1f} s; scoring and writing {secs:.1f} s = {n / secs:.1f} articles/s; "
          f"{statements} statements")
    if local and n in local:
        print(f"iter_analyze(n_jobs=2) on the same articles (section 3): {n / local[n]['seconds']:.1f} articles/s, "
              f"{local[n]['statements']} statements; Spark / local throughput = "
              f"{(n / secs) / (n / local[n]['seconds']):.2f}")


def text_of(texts: list[str], size: int) -> str:
    """About ``size`` characters of the texts' paragraphs, repeated in order."""
    paragraphs = [p.strip() for t in texts for p in t.split("\n\n") if p.strip()]
    out, total, i = [], 0, 0
    while total < size:
        out.append(paragraphs[i % len(paragraphs)])
        total += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)


def profile(texts: list[str], size: int) -> None:
    """Where attribution spends its time on one long text (cProfile, top functions by own time)."""
    import cProfile
    import pstats

    from stance import attribute

    text = text_of(texts, size)
    attribute(text[:5000])  # lexicons and Punkt parameters loaded outside the profile
    prof = cProfile.Profile()
    prof.runcall(attribute, text)
    print(f"## attribution profile on {len(text) / 1e6:.1f} MB of PolNeAR paragraphs repeated")
    pstats.Stats(prof).sort_stats("tottime").print_stats(8)


def size_curve(texts: list[str]) -> None:
    from stance import attribute
    from stance.segment import plain_punkt

    tokenizer = plain_punkt()  # nltk's own Punkt, not the memoized one split_sentences uses
    print("\n## 5. seconds per MB on texts of PolNeAR paragraphs repeated (median of 3; 1 run at 4 MB)")
    print(f"{'size':>8}{'attribution s/MB':>18}{'Punkt s/MB':>12}{'attr/Punkt':>12}{'attr vs 100 KB':>16}")
    per_mb = {}
    for size in SIZES:
        text = text_of(texts, size)
        mb = len(text.encode("utf-8")) / 1e6
        reps = 1 if size >= 4_000_000 else 3
        attr, punkt = [], []
        for _ in range(reps):
            attr.append(timed(lambda: attribute(text))[0])
            punkt.append(timed(lambda: list(tokenizer.span_tokenize(text)))[0])
        per_mb[size] = statistics.median(attr) / mb
        p = statistics.median(punkt) / mb
        base = per_mb.get(100_000)
        rel = f"{per_mb[size] / base:.2f}" if base else "-"
        print(f"{size / 1000:>6.0f}KB{per_mb[size]:>18.3f}{p:>12.3f}{per_mb[size] / p:>12.2f}{rel:>16}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--articles", type=int, default=10_000, help="articles for streaming and Spark")
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--profile-size", type=int, default=None, metavar="CHARS",
                    help="instead of the sections: profile attribution on a text of this many characters")
    ap.add_argument("--size-curve", action="store_true", help="only section 5, the seconds per MB by text size")
    ap.add_argument("--ratios", action="store_true", help="only section 1, the ratios to Punkt and n_jobs=2")
    ap.add_argument("--unseen", action="store_true", help="only the n_jobs=1 ratio on text not seen before")
    ap.add_argument("--warm", type=int, default=200, metavar="N",
                    help="--unseen: PolNeAR train articles (of 840) each process analyzes before timing the dev texts")
    ap.add_argument("--unseen-round", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--long", type=int, default=None, metavar="N",
                    help="only the n_jobs=2 speed-up over the first N PolNeAR train texts, in fresh processes")
    ap.add_argument("--long-round", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    dev = args.shared / "data" / "polnear" / "dev.jsonl"
    texts = load_texts(args.shared)
    if args.profile_size:
        profile(texts, args.profile_size)
        return
    if args.size_curve:
        size_curve(texts)
        return
    if args.ratios:
        ratios(texts, args.repeat)
        return
    if args.unseen_round:
        unseen_round(args.shared, args.warm)
        return
    if args.unseen:
        unseen(args.shared, args.repeat, args.warm)
        return
    if args.long_round:
        long_round(args.shared, args.long_round, args.jobs)
        return
    if args.long:
        long_job(args.shared, args.repeat, args.long)
        return
    ratios(texts, args.repeat)
    startup(max(args.repeat, 5))
    local = streaming(dev, sorted({1_000, args.articles}))
    if not args.no_spark:
        spark(dev, texts, args.articles, local)
    size_curve(texts)


if __name__ == "__main__":
    main()
