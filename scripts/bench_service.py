"""Throughput and latency of the HTTP service next to the CLI and the Python API (issue #6).

    python scripts/bench_service.py [--model PATH] [--repeat 3] [--requests 150] [--max-seconds 30]
                                    [--workers 1 2] [--concurrency 1 8 32]

Needs the service and httpx: pip install '.[test]' (or '.[serve]' httpx).

Every figure is for the bundled example article (examples/seed_article.txt)
and is the median over --repeat runs.

- service: ``stance serve`` on free 127.0.0.1 ports, with 1 worker and with
  ``--workers 2``, side by side (runs interleaved); a thread load generator in this process (one httpx client
  per thread, --requests requests per run, at most --max-seconds) posts the
  article to /v1/analyze at concurrency 1, 8 and 32: requests/s, p50 and p99
  latency. At concurrency 32 a side thread also times GET /healthz, to show
  the event loop stays free while articles are scored in the thread pool.
  Peak RSS of each server process (VmHWM) is read from /proc at the end.
- Python API: ``Analyzer.analyze`` in this process, articles/s, timed in the
  same interleaved rounds as the service (20 calls a round; "p50" is the mean).
- CLI: ``stance score`` once per article (a new process each time, so
  interpreter start and model load included), and over 20 copies of the
  article in one invocation.
- model load time and peak memory: scripts/bench_pipeline.py's functions
  (load = ``StanceModel.load``; peak = ru_maxrss of a fresh process that
  loads the model and analyzes that script's corpus).

The load generator shares the machine with the server, so on few cores the
service figures are a floor; the machine's load average is printed.
"""
from __future__ import annotations

import argparse
import math
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from bench_pipeline import corpus, median_time, peak_memory_mb  # noqa: E402

ARTICLE = ROOT / "examples" / "seed_article.txt"
CONCURRENCY = (1, 8, 32)
WORKERS = (1, 2)
CLI_COPIES = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(model: str, workers: int, log) -> tuple[subprocess.Popen, str, float]:
    """Start ``stance serve``; also return the seconds from spawn to the first healthy answer."""
    port = free_port()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "stance", "serve", "--model", model, "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}; log: {log.name}")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url, time.perf_counter() - start
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"server not ready after 120 s; log: {log.name}")


def stop_server(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


def load_run(url: str, body: bytes, concurrency: int, requests: int, max_seconds: float,
             probe_health: bool = False, server_pids: tuple = ()) -> dict:
    """``requests`` POSTs from ``concurrency`` threads (or fewer, if ``max_seconds`` runs out)."""
    tickets = iter(range(requests))
    lock = threading.Lock()
    latencies: list[float] = []
    health: list[float] = []
    errors = [0]
    deadline = time.monotonic() + max_seconds
    done = threading.Event()

    def worker():
        with httpx.Client(base_url=url, timeout=120, headers={"Content-Type": "application/json"}) as c:
            while time.monotonic() < deadline:
                with lock:
                    if next(tickets, None) is None:
                        return
                t0 = time.perf_counter()
                r = c.post("/v1/analyze", content=body)
                elapsed = time.perf_counter() - t0
                with lock:
                    latencies.append(elapsed)
                    errors[0] += r.status_code != 200

    def prober():
        with httpx.Client(base_url=url, timeout=60) as c:
            while not done.is_set():
                t0 = time.perf_counter()
                c.get("/healthz")
                health.append(time.perf_counter() - t0)
                time.sleep(0.05)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    probe = threading.Thread(target=prober) if probe_health else None
    cpu_before = cpu_seconds(list(server_pids))
    start = time.perf_counter()
    for t in threads:
        t.start()
    if probe:
        probe.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    cpu = cpu_seconds(list(server_pids)) - cpu_before
    done.set()
    if probe:
        probe.join()
    latencies.sort()
    return {
        "rps": len(latencies) / wall,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "n": len(latencies),
        "errors": errors[0],
        "health_p50": statistics.median(health) if health else None,
        "cpu": cpu / len(latencies) if latencies else float("nan"),
    }


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, math.ceil(q / 100 * len(sorted_values)) - 1))  # nearest rank
    return sorted_values[k]


def family(pid: int) -> list[int]:
    """``pid`` and its direct children (uvicorn's worker processes)."""
    out = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far (load-independent, unlike wall time)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> dict[int, float]:
    """VmHWM (peak resident set) of ``pid`` and its children, in MB."""
    out = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(entry.name) == pid or int(fields.get("PPid", "0").strip()) == pid:
            if "VmHWM" in fields:
                out[int(entry.name)] = int(fields["VmHWM"].split()[0]) / 1024
    return out


def bench_service(model: str, body: bytes, args, api=None) -> list[dict]:
    """All servers run side by side and the repeats are interleaved (repeat 1 of every
    configuration, then repeat 2 ...), so a burst of load from other jobs on a shared
    machine hits every configuration alike instead of one of them."""
    servers = {}
    try:
        for workers in args.workers:  # one at a time, so start-up times are not mixed
            log = tempfile.NamedTemporaryFile("wb", prefix=f"serve-{workers}w-", suffix=".log", delete=False)
            proc, url, ready = start_server(model, workers, log)
            servers[workers] = {"proc": proc, "url": url, "ready": ready, "log": log}
            load_run(url, body, 4, 20, args.max_seconds)  # warm up every worker
            servers[workers]["pids"] = tuple(family(proc.pid))
        runs: dict[tuple[int, int], list[dict]] = {}
        for _ in range(args.repeat):
            if api is not None:  # the in-process API in the same rounds, for a fair comparison
                runs.setdefault((0, 1), []).append(api())
            for workers, server in servers.items():
                for conc in args.concurrency:
                    runs.setdefault((workers, conc), []).append(load_run(
                        server["url"], body, conc, max(args.requests, 2 * conc), args.max_seconds,
                        probe_health=conc == max(args.concurrency), server_pids=server["pids"]))
        for server in servers.values():
            server["rss"] = describe_rss(peak_rss_mb(server["proc"].pid), server["proc"].pid)
    finally:
        for server in servers.values():
            server["rc"] = stop_server(server["proc"])
            server["log"].close()
    rows = []
    for (workers, conc), rs in runs.items():
        if workers == 0:
            rows.append({"api": True, **{k: statistics.median(r[k] for r in rs) for k in ("rps", "p50", "cpu")}})
            continue
        row = {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50", "p99", "n", "cpu")}
        row["errors"] = sum(r["errors"] for r in rs)
        hp = [r["health_p50"] for r in rs if r["health_p50"] is not None]
        row["health_p50"] = statistics.median(hp) if hp else None
        row.update(workers=workers, concurrency=conc, ready=servers[workers]["ready"], rss=servers[workers]["rss"])
        rows.append(row)
        print(f"  workers {workers} concurrency {conc:>2}: {row['rps']:6.1f} req/s  "
              f"p50 {row['p50'] * 1000:6.0f} ms  p99 {row['p99'] * 1000:6.0f} ms  "
              f"CPU {row['cpu'] * 1000:5.0f} ms/request  errors {row['errors']}", flush=True)
    for workers, server in servers.items():
        print(f"  workers {workers}: peak RSS (MB) {server['rss']}; SIGTERM exit {server['rc']}", flush=True)
    return rows


def describe_rss(sizes: dict[int, float], pid: int) -> str:
    """Single worker: the one process. Several: the supervisor, then each worker (those over 50 MB;
    the small one is multiprocessing's resource tracker)."""
    if len(sizes) == 1:
        return f"{next(iter(sizes.values())):.0f} (one process)"
    workers = sorted(v for k, v in sizes.items() if k != pid and v > 50)
    return f"supervisor {sizes.get(pid, float('nan')):.0f}, workers {', '.join(f'{v:.0f}' for v in workers)}"


def api_round(model: str, text: str, n: int = 20):
    """A function timing ``n`` calls of ``Analyzer.analyze`` in this process (one round)."""
    from stance import Analyzer

    analyzer = Analyzer.load(model)
    analyzer.analyze(text)

    def run() -> dict:
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for _ in range(n):
            analyzer.analyze(text)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        return {"rps": n / wall, "p50": wall / n, "cpu": cpu / n}

    return run


def bench_library(model: str, text: str, repeat: int) -> dict:
    from stance.analyzer import resolve_model_path
    from stance.model import StanceModel

    load = median_time(lambda: StanceModel.load(resolve_model_path(model)), repeat)
    stance = [sys.executable, "-m", "stance", "--model", model, "score", "--format", "json"]
    fresh, fresh_cpu = cli_run([sys.executable, "-c", f"import stance; stance.Analyzer.load({model!r})"], repeat)
    one, one_cpu = cli_run([*stance, str(ARTICLE)], repeat)
    many, many_cpu = cli_run([*stance, *[str(ARTICLE)] * CLI_COPIES], repeat)
    return {"load": load, "fresh": fresh, "fresh_cpu": fresh_cpu, "cli_one": one, "cli_one_cpu": one_cpu,
            "cli_many": many, "cli_many_cpu": many_cpu}


def cli_run(command: list[str], repeat: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (user + system) of one run of ``command``."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="model file (default: the installed default model)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--requests", type=int, default=150, help="requests per run (at least 2 x concurrency)")
    ap.add_argument("--max-seconds", type=float, default=30, help="time limit of one run")
    ap.add_argument("--workers", type=int, nargs="+", default=list(WORKERS), help="server worker counts")
    ap.add_argument("--concurrency", type=int, nargs="+", default=list(CONCURRENCY), help="client concurrencies")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="../shared, for bench_pipeline's peak-memory corpus")
    args = ap.parse_args()

    import json

    from stance.analyzer import resolve_model_path

    model = str(resolve_model_path(args.model))
    text = ARTICLE.read_text(encoding="utf-8")
    body = json.dumps({"text": text, "article": str(ARTICLE.relative_to(ROOT))}).encode("utf-8")
    threads = os.environ.get("STANCE_SERVE_THREADS")
    print(f"scoring threads per worker: {threads or 'default'}; model: {model}; article: {ARTICLE.relative_to(ROOT)} ({len(text)} characters); "
          f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}", flush=True)

    lib = bench_library(model, text, args.repeat)
    _, peak_corpus = corpus(args.shared)
    peak = peak_memory_mb(model, args.shared)
    rows = bench_service(model, body, args, api=api_round(model, text))
    api = next(r for r in rows if r.get("api"))
    rows = [r for r in rows if not r.get("api")]

    print(f"\nload average at the end {os.getloadavg()[0]:.1f}; medians of {args.repeat} runs\n")
    print("| path | workers | concurrency | articles/s | p50 ms | p99 ms | CPU ms/article |")
    print("|---|---|---|---|---|---|---|")
    print(f"| Python API `Analyzer.analyze` | 1 thread | 1 | {api['rps']:.1f} | {api['p50'] * 1000:.0f} (mean) | | "
          f"{api['cpu'] * 1000:.0f} |")
    print(f"| CLI `stance score`, one process per article | | 1 | {1 / lib['cli_one']:.2f} | "
          f"{lib['cli_one'] * 1000:.0f} | | {lib['cli_one_cpu'] * 1000:.0f} |")
    print(f"| CLI `stance score`, {CLI_COPIES} copies in one process | | 1 | {CLI_COPIES / lib['cli_many']:.1f} | "
          f"| | {lib['cli_many_cpu'] / CLI_COPIES * 1000:.0f} |")
    for r in rows:
        print(f"| HTTP `POST /v1/analyze` | {r['workers']} | {r['concurrency']} | {r['rps']:.1f} | "
              f"{r['p50'] * 1000:.0f} | {r['p99'] * 1000:.0f} | {r['cpu'] * 1000:.0f} |")
    print()
    print(f"- model load (`StanceModel.load`, imports done): {lib['load'] * 1000:.0f} ms; a fresh process "
          f"(`python -c 'import stance; stance.Analyzer.load(...)'`): {lib['fresh'] * 1000:.0f} ms wall, "
          f"{lib['fresh_cpu'] * 1000:.0f} ms CPU")
    print(f"- peak memory, fresh process loading the model and analyzing {peak_corpus}: {peak:.0f} MB")
    for workers in args.workers:
        rss = next(r["rss"] for r in rows if r["workers"] == workers)
        ready = next(r["ready"] for r in rows if r["workers"] == workers)
        print(f"- server with {workers} worker(s): ready {ready:.1f} s after spawn (first `/healthz` 200); "
              f"peak RSS (MB) {rss}")
    for r in rows:
        if r["health_p50"] is not None:
            print(f"- `GET /healthz` p50 while {r['concurrency']} clients post articles "
                  f"({r['workers']} worker(s)): {r['health_p50'] * 1000:.1f} ms")
    errors = sum(r["errors"] for r in rows)
    print(f"- non-200 answers: {errors}")


if __name__ == "__main__":
    main()
