"""Sustained load on ``stance serve --workers N`` with SIGTERM in the middle of it (issue 13).

    python scripts/bench_drain.py [--model PATH] [--workers 2] [--clients 32] [--sigterm-at 30]
                                  [--max-seconds 120]

Loopback only (127.0.0.1, a free port) and bounded: the clients stop at the
first refused connection after the signal, and everything stops after
--max-seconds. Each of --clients threads (one keep-alive httpx client each)
posts the bundled example article to /v1/analyze in a loop; at --sigterm-at
seconds the server gets SIGTERM. Reported: requests answered 200 (and how
many of them were in flight when the signal landed), new connections refused
after it (expected: the server is draining), errors (any other status or a
reset/dropped connection; the target is 0), p50/p99 latency and throughput
before the signal, the server's exit code and how long the drain took.
Needs the service and httpx: pip install '.[test]'.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_service import ARTICLE, ROOT, percentile, start_server  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="model file (default: the installed default model)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--sigterm-at", type=float, default=30.0, help="seconds of sustained load before SIGTERM")
    ap.add_argument("--max-seconds", type=float, default=120.0, help="hard stop for the whole run")
    args = ap.parse_args()

    from stance.analyzer import resolve_model_path

    model = str(resolve_model_path(args.model))
    body = json.dumps({"text": ARTICLE.read_text(encoding="utf-8"),
                       "article": str(ARTICLE.relative_to(ROOT))}).encode("utf-8")
    log = tempfile.NamedTemporaryFile("wb", prefix="serve-drain-", suffix=".log", delete=False)
    proc, url, ready = start_server(model, args.workers, log)
    print(f"workers {args.workers}, {args.clients} clients, SIGTERM after {args.sigterm_at:g} s; server ready in "
          f"{ready:.1f} s; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)

    lock = threading.Lock()
    records: list[tuple[float, float, str]] = []  # (start, end, outcome)
    sigterm_time = [float("inf")]
    hard_stop = time.monotonic() + args.max_seconds

    def client() -> None:
        with httpx.Client(base_url=url, timeout=args.max_seconds,
                          headers={"Content-Type": "application/json"}) as c:
            while time.monotonic() < hard_stop:
                t0 = time.monotonic()
                try:
                    outcome = str(c.post("/v1/analyze", content=body).status_code)
                except httpx.ConnectError:
                    outcome = "refused"
                except httpx.TransportError as exc:
                    outcome = type(exc).__name__
                with lock:
                    records.append((t0, time.monotonic(), outcome))
                if outcome != "200":
                    return

    threads = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(args.sigterm_at)
    sigterm_time[0] = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=max(1.0, hard_stop - time.monotonic()))
    except Exception:  # noqa: BLE001 - a hang is a result too
        proc.kill()
        rc = "killed after --max-seconds"
    drain = time.monotonic() - sigterm_time[0]
    for t in threads:
        t.join(timeout=max(1.0, hard_stop - time.monotonic()))
    log.close()

    sig = sigterm_time[0]
    ok = [r for r in records if r[2] == "200"]
    before = sorted(e - s for s, e, _ in ok if e <= sig)
    in_flight = [r for r in ok if r[0] <= sig < r[1]]
    refused = [r for r in records if r[2] == "refused"]
    errors = [r for r in records if r[2] not in ("200", "refused")]
    refused_before = [r for r in refused if r[0] < sig]
    print(f"answered 200: {len(ok)} ({len(in_flight)} of them in flight at SIGTERM); "
          f"refused after SIGTERM: {len(refused) - len(refused_before)}; "
          f"errors: {len(errors) + len(refused_before)}"
          + (f" {sorted({r[2] for r in errors})}" if errors else ""))
    print(f"before SIGTERM: {len(before) / (sig - start):.1f} req/s, p50 {statistics.median(before) * 1000:.0f} ms, "
          f"p99 {percentile(before, 99) * 1000:.0f} ms (n={len(before)})")
    print(f"server exit code {rc}; drain {drain:.1f} s from SIGTERM to exit; log {log.name}")
    return 0 if rc == 0 and not errors and not refused_before else 1


if __name__ == "__main__":
    sys.exit(main())
