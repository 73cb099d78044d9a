"""The service's limits (issue 13): content types, over-limit bodies seen by urllib, slow clients,
the request time budget, oversized articles, and a drain under load with several workers."""
from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from stance import Analyzer  # noqa: E402
from stance import service  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = '"Tariffs hurt us all," Lee said. "We will fight them," she added.'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class InProcessServer:
    """uvicorn with our protocol in a thread of this process, so the tests can shorten its deadlines."""

    def __init__(self, app):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, http=service.GuardedHTTPProtocol,
                                log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def fast_deadlines(monkeypatch):
    monkeypatch.setattr(service, "HEADER_TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(service, "BODY_TIMEOUT_SECONDS", 0.5)


@pytest.fixture(scope="module")
def analyzer(tiny_model_path):
    return Analyzer.load(tiny_model_path)


@pytest.fixture
def live(analyzer, fast_deadlines):
    with InProcessServer(service.create_app(analyzer, max_body=10_000)) as server:
        yield server


def _read_all(sock: socket.socket) -> bytes:
    sock.settimeout(5)
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk


@pytest.mark.parametrize("headers", [{"Content-Type": "text/plain"}, {}], ids=["text-plain", "no-content-type"])
def test_non_json_bodies_are_415_even_when_large(live, headers):
    body = ("Tariffs hurt. " * 800).encode()  # ~11 KB, over this server's 10 KB limit too
    r = httpx.post(live.url + "/v1/analyze", content=body, headers=headers, timeout=10)
    assert r.status_code == 415 and "application/json" in r.json()["error"]


def test_urllib_sees_413_for_a_body_over_the_limit(live):
    body = json.dumps({"text": "x " * 20_000}).encode()  # 40 KB: 4x the limit, read and discarded
    request = urllib.request.Request(live.url + "/v1/analyze", data=body,
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    assert info.value.code == 413 and "over the limit of 10000 bytes" in json.loads(info.value.read())["error"]


def test_slow_headers_are_answered_408_and_closed(live):
    with socket.create_connection(("127.0.0.1", live.port)) as sock:
        sock.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\n")  # never finishes its headers
        start = time.monotonic()
        answer = _read_all(sock)
        assert time.monotonic() - start < 5
    assert answer.startswith(b"HTTP/1.1 408") and b"request headers not received" in answer


def test_an_idle_connection_after_an_answer_is_closed_too(live):
    with socket.create_connection(("127.0.0.1", live.port)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.2)
        sock.sendall(b"GET /heal")  # the next request, a byte at a time
        answer = _read_all(sock)
    assert answer.count(b"HTTP/1.1 200") == 1 and b"HTTP/1.1 408" in answer


def test_a_slow_body_is_answered_408(live):
    with socket.create_connection(("127.0.0.1", live.port)) as sock:
        sock.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{\"text\": ")
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 408") and b"request body not received" in answer


def test_a_request_over_its_time_budget_is_503(analyzer, monkeypatch):
    monkeypatch.setattr(service, "_analyze", lambda analyzer, request: time.sleep(1.5))
    app = service.create_app(analyzer, request_budget=0.3)
    with InProcessServer(app) as live:
        start = time.monotonic()
        r = httpx.post(live.url + "/v1/analyze", json={"text": ARTICLE}, timeout=10)
        assert time.monotonic() - start < 1.4
        assert r.status_code == 503 and "time budget of 0.3 s" in r.json()["error"]
        time.sleep(1.5)  # the abandoned thread finishes and frees its slot
        assert httpx.get(live.url + "/healthz", timeout=5).status_code == 200


def test_budget_slots_stay_bounded_when_requests_are_abandoned(analyzer, monkeypatch):
    running, peak, lock = [0], [0], threading.Lock()

    def slow(analyzer, request):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.4)
        with lock:
            running[0] -= 1
        return service.JSONResponse({})

    monkeypatch.setattr(service, "_analyze", slow)
    monkeypatch.setenv(service.THREADS_ENV, "2")
    app = service.create_app(analyzer, request_budget=0.1)
    with InProcessServer(app) as live:
        with httpx.Client(base_url=live.url, timeout=10) as c:
            codes = [c.post("/v1/analyze", json={"text": ARTICLE}).status_code for _ in range(6)]
        time.sleep(1.0)
    assert set(codes) <= {200, 503} and 503 in codes
    assert peak[0] <= 2  # abandoned threads kept their slot until they ended


def test_an_article_over_the_size_limit_is_413(analyzer, monkeypatch):
    import stance.articles

    monkeypatch.setattr(stance.articles, "MAX_ARTICLE_CHARS", 50)
    with InProcessServer(service.create_app(analyzer)) as live:
        r = httpx.post(live.url + "/v1/analyze", json={"text": ARTICLE}, timeout=10)
    assert r.status_code == 413 and "over the limit of 50" in r.json()["error"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and process groups")
def test_two_workers_drain_under_load_and_exit_0(tiny_model_path, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "serve.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "stance", "serve", "--model", str(tiny_model_path),
                             "--port", str(port), "--workers", "2"], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        outcomes: list[tuple[float, str]] = []  # (when the request was sent, outcome)
        stop = threading.Event()

        def client():
            with httpx.Client(base_url=url, timeout=60) as c:
                while not stop.is_set():
                    sent = time.monotonic()
                    try:
                        r = c.post("/v1/analyze", json={"text": ARTICLE * 20})
                        outcomes.append((sent, str(r.status_code)))
                    except httpx.ConnectError:
                        outcomes.append((sent, "refused"))  # a new connection after the drain began
                        return
                    except httpx.TransportError as exc:
                        outcomes.append((sent, type(exc).__name__))
                        return

        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(2.0)
        signalled = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0, (tmp_path / "serve.log").read_text()
        stop.set()
        for t in threads:
            t.join(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
    in_flight = [o for sent, o in outcomes if sent < signalled]
    assert len(in_flight) >= 8 and set(in_flight) == {"200"}, outcomes  # every request sent before SIGTERM: 200
    assert any(o == "refused" for _, o in outcomes)  # and new connections are refused
