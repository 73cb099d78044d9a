"""The HTTP service: a real `stance serve` in a subprocess on a loopback port, talked to over HTTP."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from stance import Analyzer  # noqa: E402
from stance.cli import cli  # noqa: E402
from stance.model import FORMAT_VERSION  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed_article.txt"
MAX_BODY = 64_000
"""The test server's body limit: far above the seed article (7.5 kB), small enough to overflow cheaply."""
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m stance serve` in a subprocess; always stopped by the fixture that made it."""

    def __init__(self, model, *args, log_dir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"serve-{self.port}.log"
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "stance", "serve", "--model", str(model), "--host", "127.0.0.1",
             "--port", str(self.port), *map(str, args)],
            stdout=self._log, stderr=subprocess.STDOUT, cwd=ROOT)

    def wait_ready(self) -> "Server":
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"server exited with {self.proc.returncode}:\n{self.log()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        pytest.fail(f"server not ready after {STARTUP_SECONDS} s:\n{self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()


@pytest.fixture(scope="module")
def start_server(tiny_model_path, tmp_path_factory):
    """Start servers (not yet waited for); every one is stopped when the module ends."""
    started: list[Server] = []
    log_dir = tmp_path_factory.mktemp("serve")

    def start(*args, model=tiny_model_path) -> Server:
        server = Server(model, *args, log_dir=log_dir)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def workers_server(start_server):
    """The --workers 2 server, started with the module so it boots while other tests run."""
    return start_server("--workers", 2)


@pytest.fixture(scope="module")
def server(start_server, workers_server):
    """The server most tests talk to; the last test of the module stops it with SIGTERM."""
    return start_server("--max-body", MAX_BODY).wait_ready()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def cli_json(tiny_model_path, *args) -> dict:
    r = CliRunner().invoke(cli, ["--model", str(tiny_model_path), "score", "--format", "json", *map(str, args)])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def seed_cli_doc(tiny_model_path) -> dict:
    return cli_json(tiny_model_path, SEED)


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_model_metadata_comes_from_the_model_file(client, tiny_model_path):
    meta = client.get("/v1/model").json()
    model = Analyzer.load(tiny_model_path).model
    assert meta["name"] == "tiny" and meta["version"] == "test" and meta["trained_on"] == ["conftest"]
    assert meta["format_version"] == FORMAT_VERSION == model.metadata_["format_version"]
    assert meta["topics"] == model.topics_ and meta["labels"] == model.classes_
    assert meta["scoreable_topics"] == sorted(model.stance_heads_)
    assert {"sklearn_version", "cv", "stance_version"} <= meta.keys()


def test_analyze_answers_exactly_the_cli_json(client, seed_text, seed_cli_doc):
    r = client.post("/v1/analyze", json={"text": seed_text, "article": str(SEED)})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.json() == seed_cli_doc
    assert len(seed_cli_doc["quotes"]) > 10


def test_analyze_on_named_topics_matches_the_cli(client, seed_text, tiny_model_path):
    expected = cli_json(tiny_model_path, SEED, "--topic", "tariffs", "--topic", "climate")
    r = client.post("/v1/analyze", json={"text": seed_text, "topics": ["tariffs", "climate"], "article": str(SEED)})
    assert r.status_code == 200 and r.json() == expected
    assert {q["topic"] for q in expected["quotes"]} == {"tariffs", "climate"}


def test_concurrent_requests_give_identical_answers(client, server, seed_text, seed_cli_doc):
    def post(_):
        with httpx.Client(base_url=server.url, timeout=60) as c:
            return c.post("/v1/analyze", json={"text": seed_text, "article": str(SEED)})

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(post, range(16)))
    assert [a.status_code for a in answers] == [200] * 16
    assert all(a.json() == seed_cli_doc for a in answers)


def test_classify(client, tiny_model_path):
    statements = ["Tariffs hurt consumers and raise prices.", "The football team won on Sunday."]
    analyzer = Analyzer.load(tiny_model_path)
    r = client.post("/v1/classify", json={"statements": statements})
    assert r.status_code == 200 and r.json() == [c.to_dict() for c in analyzer.classify(statements)]
    r = client.post("/v1/classify", json={"statements": statements, "topic": "tariffs"})
    assert r.json() == [c.to_dict() for c in analyzer.classify(statements, topic="tariffs")]
    assert [c["topic"] for c in r.json()] == ["tariffs", "tariffs"]


def assert_error(r, status: int, *fragments: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert list(body) == ["error"] and all(f in body["error"] for f in fragments), body
    assert "Traceback" not in r.text and "File \"" not in r.text


def test_oversized_body_with_content_length_is_413(client):
    r = client.post("/v1/analyze", json={"text": "x" * (MAX_BODY + 10)})
    assert_error(r, 413, f"limit of {MAX_BODY} bytes")


def test_oversized_streamed_body_is_413(client):
    chunk = b'{"text": "' + b"x" * 10_000

    def body():  # a generator: sent chunked, without Content-Length
        for _ in range(MAX_BODY // 10_000 + 2):
            yield chunk

    r = client.post("/v1/analyze", content=body(), headers={"Content-Type": "application/json"})
    assert "content-length" not in r.request.headers
    assert_error(r, 413, f"limit of {MAX_BODY} bytes")


def test_streamed_body_under_the_limit_is_served(client):
    payload = json.dumps({"text": '"Tariffs hurt everyone," Maria Lopez said.'}).encode()
    r = client.post("/v1/analyze", content=iter([payload[:10], payload[10:]]),
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 200 and r.json()["quotes"][0]["speaker"] == "Maria Lopez"


def test_malformed_json_is_422(client):
    r = client.post("/v1/analyze", content=b'{"text": ', headers={"Content-Type": "application/json"})
    assert_error(r, 422, "invalid JSON")


def test_non_utf8_body_is_400(client):
    body = '{"text": "Caf\u00e9 owners said prices rose."}'.encode("latin-1")
    r = client.post("/v1/analyze", content=body, headers={"Content-Type": "application/json"})
    assert_error(r, 400, "not valid UTF-8")


@pytest.mark.parametrize("path, payload, fragments", [
    ("/v1/analyze", {"text": "\"Tariffs hurt,\" Lee said.", "topics": ["football"]}, ["unknown topic 'football'"]),
    ("/v1/classify", {"statements": ["Tariffs hurt."], "topic": "football"}, ["unknown topic 'football'"]),
    ("/v1/analyze", {"text": "   \n"}, ["text", "empty text"]),
    ("/v1/classify", {"statements": ["Tariffs hurt.", ""]}, ["statements[1]", "empty text"]),
], ids=["analyze-unknown-topic", "classify-unknown-topic", "analyze-empty", "classify-empty"])
def test_library_errors_are_422(client, path, payload, fragments):
    assert_error(client.post(path, json=payload), 422, *fragments)


@pytest.mark.parametrize("payload, fragments", [
    ({}, ["text: Field required"]),
    ({"text": 3}, ["text:", "string"]),
    ({"text": "x", "topic": "tariffs"}, ["topic: Extra inputs are not permitted"]),
    ([1, 2], ["expected a JSON object"]),
    ({"text": "\ud800 said Lee."}, ["text: not valid Unicode"]),
], ids=["missing", "wrong-type", "unknown-field", "not-an-object", "lone-surrogate"])
def test_schema_errors_are_422(client, payload, fragments):
    body = json.dumps(payload).encode("ascii")  # ASCII escapes carry the lone surrogate as valid JSON
    r = client.post("/v1/analyze", content=body, headers={"Content-Type": "application/json"})
    assert_error(r, 422, *fragments)


def test_other_errors_keep_the_error_shape(client):
    assert_error(client.get("/nope"), 404, "Not Found")
    assert_error(client.get("/v1/analyze"), 405, "Method Not Allowed")
    r = client.post("/v1/analyze", content=b"text=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_error(r, 415, "application/json")


def test_openapi_schema(client):
    spec = client.get("/openapi.json").json()
    assert {"/v1/analyze", "/v1/classify", "/v1/model", "/healthz"} <= spec["paths"].keys()
    schemas = spec["components"]["schemas"]
    assert {"AnalyzeRequest", "ClassifyRequest", "ArticleDoc", "ClassificationDoc", "ErrorDoc"} <= schemas.keys()
    assert schemas["AnalyzeRequest"]["required"] == ["text"]


def test_workers_answer_the_same_and_stop_on_sigterm(workers_server, seed_text, seed_cli_doc):
    server = workers_server.wait_ready()
    with httpx.Client(base_url=server.url, timeout=30) as c:
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(lambda _: c.post("/v1/analyze", json={"text": seed_text, "article": str(SEED)}),
                                    range(8)))
    assert all(a.status_code == 200 and a.json() == seed_cli_doc for a in answers)
    assert len(_children(server.proc.pid)) >= 2
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=15) == 0, server.log()


def test_workers_protocol_sets_tcp_nodelay(monkeypatch):
    """uvicorn#3149: with --workers N accepted sockets lack TCP_NODELAY, and every keep-alive
    request after the first waits ~40 ms for a delayed ACK; our protocol class sets it."""
    from types import SimpleNamespace

    from uvicorn.protocols.http.auto import AutoHTTPProtocol

    from stance.service import GuardedHTTPProtocol

    handed_on = []
    monkeypatch.setattr(AutoHTTPProtocol, "connection_made", lambda self, transport: handed_on.append(transport))
    monkeypatch.setattr(GuardedHTTPProtocol, "_arm_header_deadline", lambda self: None)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0) as listener:  # proto 0, as uvicorn binds it
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname()) as client:
            conn, _ = listener.accept()
            with conn:
                transport = SimpleNamespace(get_extra_info=lambda name: conn if name == "socket" else None)
                GuardedHTTPProtocol.connection_made(object.__new__(GuardedHTTPProtocol), transport)
                assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
                assert handed_on == [transport]


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def test_bad_model_is_one_line_exit_2_before_binding(tmp_path, monkeypatch):
    from stance import service

    def bind(*a, **kw):
        raise AssertionError("uvicorn.run (which binds the port) was called")

    monkeypatch.setattr(service.uvicorn, "run", bind)
    bad = tmp_path / "bad.joblib"
    bad.write_bytes(b"STANCE-MODEL\n{\"format_version\": 99}\n")
    r = CliRunner().invoke(cli, ["serve", "--model", str(bad)])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "older model format" in r.stderr and "python train.py" in r.stderr


def test_missing_serve_extra_is_one_line_exit_2(monkeypatch, tiny_model_path):
    monkeypatch.setitem(sys.modules, "fastapi", None)  # `import fastapi` now raises ImportError
    monkeypatch.delitem(sys.modules, "stance.service", raising=False)
    r = CliRunner().invoke(cli, ["serve", "--model", str(tiny_model_path)])
    assert r.exit_code == 2, r.output
    assert r.stderr.count("\n") == 1 and "pip install 'stance[serve]'" in r.stderr


def asgi_request(app, method: str, path: str, **kw):
    """One request straight into the ASGI app (no server), for what a real server cannot be made to do."""
    import asyncio

    async def go():
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as c:
            return await c.request(method, path, **kw)

    return asyncio.run(go())


def test_unexpected_errors_are_a_generic_500(tiny_model_path):
    from stance.service import create_app

    app = create_app(Analyzer.load(tiny_model_path))

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail /etc/passwd")

    r = asgi_request(app, "GET", "/boom")
    assert_error(r, 500, "internal server error")
    assert "secret" not in r.text


def test_serve_uses_the_env_factory_for_workers(monkeypatch, tiny_model_path):
    """--workers N hands the model path to worker processes through the environment."""
    from stance import service

    calls = {}

    def run(supervisor):
        calls.update(config=supervisor.config, sockets=supervisor.sockets)

    monkeypatch.setattr(service.DrainingMultiprocess, "run", run)
    for name in (service.MODEL_ENV, service.MAX_BODY_ENV, service.BUDGET_ENV):
        monkeypatch.delenv(name, raising=False)
    service.serve(tiny_model_path, port=0, workers=3, max_body=123, request_budget=7)
    config = calls["config"]
    assert config.app == "stance.service:app_from_env" and config.factory and config.workers == 3
    assert config.http == "stance.service:GuardedHTTPProtocol"  # uvicorn#3149 and the header deadline
    for sock in calls["sockets"]:
        sock.close()
    assert os.environ[service.MODEL_ENV] == str(Path(tiny_model_path).resolve())
    assert os.environ[service.BUDGET_ENV] == "7"
    app = service.app_from_env()
    assert asgi_request(app, "GET", "/v1/model").json()["name"] == "tiny"
    assert asgi_request(app, "POST", "/v1/analyze", content=b"x" * 200,
                        headers={"Content-Type": "application/json"}).status_code == 413


# Keep this test last: it stops the module's server.
def test_sigterm_finishes_the_request_in_flight_and_exits_0(server, seed_text):
    """The request is provably in flight: half its body is sent before SIGTERM, the rest after."""
    body = json.dumps({"text": "\n\n".join([seed_text] * 6)}).encode("utf-8")
    half_sent, go_on, answer = threading.Event(), threading.Event(), {}

    def chunks():
        yield body[:len(body) // 2]
        half_sent.set()
        go_on.wait(timeout=30)
        yield body[len(body) // 2:]

    def post():
        with httpx.Client(base_url=server.url, timeout=60) as c:
            answer["response"] = c.post("/v1/analyze", content=chunks(), headers={"Content-Type": "application/json"})

    request = threading.Thread(target=post)
    request.start()
    assert half_sent.wait(timeout=30)
    time.sleep(0.3)
    server.proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    with pytest.raises(httpx.ConnectError):  # new connections are refused while draining
        httpx.get(server.url + "/healthz", timeout=5)
    go_on.set()
    request.join(timeout=60)
    assert server.proc.wait(timeout=30) == 0, server.log()
    response = answer["response"]
    assert response.status_code == 200 and len(response.json()["quotes"]) > 50
    assert response.headers["connection"] == "close"
    assert "Shutting down" in server.log() and "Traceback" not in server.log()
