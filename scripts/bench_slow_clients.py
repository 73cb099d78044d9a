"""Slow and misbehaving clients against ``stance serve`` (issue 13), loopback only and bounded.

    python scripts/bench_slow_clients.py [--model PATH] [--connections 40] [--max-seconds 60]

Opens --connections slow-loris connections (request headers sent one byte a
second, never finished) and reports how long the server keeps them open and
how fast ``GET /healthz`` answers meanwhile; then sends a 10 KB ``text/plain``
body, a body without a content type, and a body three times over the limit
with Python's urllib (which writes the whole body before reading), and prints
the status each gets. Needs the service and httpx: pip install '.[test]'.
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_service import start_server, stop_server  # noqa: E402

HEADERS = b"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slow: "


def slow_loris(port: int, max_seconds: float, closed_after: list, lock: threading.Lock) -> None:
    """Send request headers one byte a second, never ending them; record when the server closes."""
    start = time.monotonic()
    answered = False
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(1.0)
        sent = 0
        while time.monotonic() - start < max_seconds:
            try:
                if not answered:
                    sock.sendall(HEADERS[sent:sent + 1] or b"a")
                    sent += 1
                if sock.recv(4096) == b"":
                    with lock:
                        closed_after.append(time.monotonic() - start)
                    return
                answered = True  # the 408; read on until the server closes
            except socket.timeout:
                continue
            except OSError:  # reset: closed too
                with lock:
                    closed_after.append(time.monotonic() - start)
                return


def status_of(url: str, body: bytes, content_type: str) -> str:
    """The answer urllib gets (it writes the whole body before reading)."""
    request = urllib.request.Request(url + "/v1/analyze", data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return str(r.status)
    except urllib.error.HTTPError as exc:
        return f"{exc.code} {json.loads(exc.read())['error']}"
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None)
    ap.add_argument("--connections", type=int, default=40)
    ap.add_argument("--max-seconds", type=float, default=60.0)
    args = ap.parse_args()

    from stance.analyzer import resolve_model_path

    log = tempfile.NamedTemporaryFile("wb", prefix="serve-slow-", suffix=".log", delete=False)
    proc, url, _ = start_server(str(resolve_model_path(args.model)), 1, log)
    port = int(url.rsplit(":", 1)[1])
    try:
        closed_after: list[float] = []
        lock = threading.Lock()
        threads = [threading.Thread(target=slow_loris, args=(port, args.max_seconds, closed_after, lock), daemon=True)
                   for _ in range(args.connections)]
        for t in threads:
            t.start()
        health = []
        with httpx.Client(base_url=url, timeout=10) as c:
            for _ in range(20):
                t0 = time.perf_counter()
                c.get("/healthz")
                health.append(time.perf_counter() - t0)
                time.sleep(0.25)
        for t in threads:
            t.join(timeout=args.max_seconds + 5)
        still_open = args.connections - len(closed_after)
        print(f"{args.connections} slow-loris connections: closed by the server after "
              f"{min(closed_after):.1f}-{max(closed_after):.1f} s (median {statistics.median(closed_after):.1f} s); "
              f"{still_open} still open after {args.max_seconds:g} s; /healthz meanwhile p50 "
              f"{statistics.median(health) * 1000:.0f} ms")
        print(f"10 KB text/plain body: {status_of(url, b'Tariffs hurt. ' * 730, 'text/plain')}")
        r = httpx.post(url + "/v1/analyze", content=json.dumps({"text": "Lee said so."}).encode(), timeout=30)
        print(f"JSON body without Content-Type (httpx sends none): {r.status_code} {r.json()['error']}")
        over = json.dumps({"text": "x " * 15_000_000}).encode()  # 30 MB: three times the default limit
        print(f"30 MB body via urllib: {status_of(url, over, 'application/json')}")
    finally:
        rc = stop_server(proc)
        log.close()
    print(f"server exit code {rc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
