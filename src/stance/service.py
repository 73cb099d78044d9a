"""HTTP service: the :class:`~stance.analyzer.Analyzer` behind FastAPI (``stance serve``).

Endpoints
---------
``POST /v1/analyze``
    ``{"text": ..., "topics": [...]?, "article": ...?}`` -> the article
    document of ``stance score --format json`` (``ArticleResult.to_dict``).
``POST /v1/classify``
    ``{"statements": [...], "topic": ...?}`` -> a list of classifications.
``GET /v1/model``
    The model file's metadata (name, version, topics, labels, format and
    scikit-learn versions, cross-validated scores ...).
``GET /healthz``
    ``{"status": "ok"}`` once the model is loaded.
``GET /``, ``POST /``
    A page to paste an article into and see it highlighted (the article
    view of ``stance report``); the form posts the text back to ``/``.

Every error is ``{"error": "<one line>"}``: 413 for a body over the limit
(read and discarded up to :data:`DISCARD_FACTOR` times the limit first, so
clients that send the whole body before reading, like urllib, see the answer)
or an article over :data:`~stance.articles.MAX_ARTICLE_CHARS`, 400 for a body
that is not UTF-8, 415 for a POST to ``/v1/...`` whose content type is missing or not JSON,
408 for a body not received within :data:`BODY_TIMEOUT_SECONDS`, 422 for
invalid JSON, a request that does not match the schema or input the library
refuses (empty text, unknown topic: :class:`~stance.errors.StanceError`),
503 for a request not answered within its time budget
(:data:`DEFAULT_REQUEST_BUDGET`), 500 (without details; the traceback goes to
the server log) for anything unexpected. Request headers must arrive within
:data:`HEADER_TIMEOUT_SECONDS` (slow clients are disconnected).

Stopping (SIGTERM or Ctrl-C) drains: the listening socket is closed in every
process (new connections are refused), requests in flight and requests
arriving on open connections are answered with ``Connection: close``, idle
connections close when uvicorn's keep-alive timeout (5 s) ends, and each worker
exits once its connections are closed (requests still running after
:data:`GRACEFUL_SHUTDOWN_SECONDS` are cancelled); then the server exits 0.

Notes
-----
The model is loaded once per worker process: :func:`app_from_env` is an app
factory reading the model path from ``$STANCE_SERVE_MODEL``, so uvicorn can
start ``--workers N`` processes from an import string
(``uvicorn --factory stance.service:app_from_env``). Analysis runs in the
threadpool (the Analyzer is thread-safe), at most :data:`ANALYSIS_THREADS` at
a time, so the event loop keeps serving health checks and accepting
connections while articles are scored.

Needs the ``serve`` extra: ``pip install 'stance[serve]'``.
"""
# No ``from __future__ import annotations``: FastAPI and pydantic read the
# annotations of the request models and endpoints at run time.
import os
import signal
import socket
import threading
from typing import Annotated, Any, Dict, List, Optional

from . import __version__
from .analyzer import Analyzer, resolve_model_path
from .articles import MAX_ARTICLE_CHARS, check_text
from .errors import InputTooLargeError, StanceError

MODEL_ENV = "STANCE_SERVE_MODEL"
"""Model path handed from ``stance serve`` to every worker process."""
MAX_BODY_ENV = "STANCE_SERVE_MAX_BODY"
"""Request body limit (bytes) handed from ``stance serve`` to every worker process."""
DEFAULT_MAX_BODY = 10_000_000
"""10 MB: two orders of magnitude above a long news article, small enough to buffer."""
GRACEFUL_SHUTDOWN_SECONDS = 30
"""How long a SIGTERM waits for requests in flight before closing them."""
DISCARD_FACTOR = 4
"""An over-limit body is read and discarded up to this many times the limit before the 413 (then closed)."""
HEADER_TIMEOUT_SECONDS = 10
"""A connection that has not sent a request's complete headers this long after opening (or after the
previous answer) is answered 408 and closed: slow-loris clients cannot hold connections open."""
BODY_TIMEOUT_SECONDS = 30
"""The whole request body must arrive within this time (408 otherwise)."""
BUDGET_ENV = "STANCE_SERVE_REQUEST_BUDGET"
"""Request time budget (seconds) handed from ``stance serve`` to every worker process."""
DEFAULT_REQUEST_BUDGET = 60.0
"""Seconds a request may wait and be scored before it is answered 503. An article at the size limit
(:data:`~stance.articles.MAX_ARTICLE_CHARS`) is attributed in about 30 CPU s (BENCHMARKS.md, issue 13);
past the budget the client gets 503 and the analysis finishes in the background, keeping its thread."""
DRAINING = threading.Event()
"""Set in a worker process once it shuts down: every answer from then on carries ``Connection: close``."""
THREADS_ENV = "STANCE_SERVE_THREADS"
"""Overrides :data:`ANALYSIS_THREADS`."""
ANALYSIS_THREADS = 4
"""Requests a worker scores at once; the rest wait their turn in the event loop. Scoring is
mostly Python under the GIL: at concurrency 32 on one worker (BENCHMARKS.md, three runs)
starlette's default 40 threads gave about the same requests/s (18-33 against 24-28) but kept
/healthz at 117-310 ms against ~20 ms, and used more memory."""


class MissingExtraError(StanceError, ImportError):
    """FastAPI or uvicorn is not installed (``pip install 'stance[serve]'``)."""


try:
    import anyio
    import anyio.to_thread
    import uvicorn
    from fastapi import FastAPI, Request
    from uvicorn.supervisors.multiprocess import Multiprocess
    from uvicorn.protocols.http.auto import AutoHTTPProtocol
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse
    from pydantic import AfterValidator, BaseModel, ConfigDict, Field
    from starlette.exceptions import HTTPException
except ImportError as exc:
    raise MissingExtraError(
        f"the HTTP service needs FastAPI and uvicorn ({exc.name} is missing): pip install 'stance[serve]'"
    ) from None


# -- request and response schemas (the OpenAPI document) ----------------------

def _encodable(value: str) -> str:
    """Refuse lone surrogates (``"\\ud800"`` is valid JSON but not text we can answer with)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"not valid Unicode text (lone surrogate at character {exc.start})") from None
    return value


Text = Annotated[str, AfterValidator(_encodable)]


class AnalyzeRequest(BaseModel):
    """One article to attribute and score."""

    model_config = ConfigDict(extra="forbid")

    text: Text = Field(description="The article text; spans in the answer index this string.")
    topics: Optional[List[Text]] = Field(
        default=None, description="Score every statement on each of these topics instead of predicting its topic.")
    article: Text = Field(default="-", description="A name for the article, echoed in the answer's `article`.")


class ClassifyRequest(BaseModel):
    """Raw statements to classify (no attribution)."""

    model_config = ConfigDict(extra="forbid")

    statements: List[Text] = Field(description="Statements to score.")
    topic: Optional[Text] = Field(default=None, description="Score stance on this topic instead of predicting it.")


class QuoteDoc(BaseModel):
    """One attributed statement (DESIGN.md's output schema)."""

    content: str
    content_span: List[int]
    speaker: Optional[str]
    speaker_mention: Optional[str]
    speaker_span: Optional[List[int]]
    cue: Optional[str]
    cue_span: Optional[List[int]]
    kind: str
    rule: str
    via: Optional[str]
    topic: Optional[str]
    stance: Optional[str]
    probabilities: Optional[Dict[str, float]]
    topic_probability: Optional[float]


class ArticleDoc(BaseModel):
    """The article document, exactly as ``stance score --format json`` writes it."""

    schema_: int = Field(alias="schema")
    article: str
    quotes: List[QuoteDoc]
    model: Optional[Dict[str, Any]]


class ClassificationDoc(BaseModel):
    """Topic and stance of one raw statement."""

    text: str
    topic: str
    stance: str
    probabilities: Optional[Dict[str, float]]
    topic_probability: Optional[float]


class ErrorDoc(BaseModel):
    """Every error answer: one line, never a traceback."""

    error: str


_ERRORS = {
    400: {"model": ErrorDoc, "description": "The body is not UTF-8."},
    408: {"model": ErrorDoc, "description": "The body did not arrive in time."},
    413: {"model": ErrorDoc, "description": "The body is larger than the server's limit, or the article "
                                            f"longer than {MAX_ARTICLE_CHARS:,} characters."},
    415: {"model": ErrorDoc, "description": "The body was not sent as application/json."},
    422: {"model": ErrorDoc, "description": "Invalid JSON, a field that does not match the schema, "
                                            "empty text or an unknown topic."},
    503: {"model": ErrorDoc, "description": "The request was not answered within its time budget."},
}


# -- the app -------------------------------------------------------------------

def create_app(analyzer: Analyzer, *, max_body: int = DEFAULT_MAX_BODY,
               request_budget: float = DEFAULT_REQUEST_BUDGET) -> "FastAPI":
    """The FastAPI app serving ``analyzer``: bodies up to ``max_body`` bytes, answers within ``request_budget`` s."""
    info = model_metadata(analyzer)
    scoring = BudgetedThreads(int(os.environ.get(THREADS_ENV) or ANALYSIS_THREADS), request_budget)
    app = FastAPI(
        title="stance",
        version=__version__,
        description="Who said what in news articles, and where they stand. "
                    "Answers use the same JSON as `stance score --format json`.",
    )

    @app.post("/v1/analyze", response_class=JSONResponse, responses={200: {"model": ArticleDoc}, **_ERRORS})
    async def analyze(request: AnalyzeRequest):
        """Find every attributed statement in an article and score its topic and stance."""
        return await scoring.run(_analyze, analyzer, request)

    @app.post("/v1/classify", response_class=JSONResponse,
              responses={200: {"model": List[ClassificationDoc]}, **_ERRORS})
    async def classify(request: ClassifyRequest):
        """Topic and stance of raw statements (no attribution)."""
        return await scoring.run(_classify, analyzer, request)

    @app.get("/v1/model")
    async def model() -> Dict[str, Any]:
        """The model's metadata, read from the model file's header."""
        return info

    @app.get("/healthz")
    async def healthz() -> Dict[str, str]:
        """``ok`` once the model is loaded (the app is built only after loading it)."""
        return {"status": "ok"}

    _add_page(app, analyzer, scoring)
    app.add_exception_handler(StanceError, _stance_error)
    app.add_exception_handler(RequestBudgetExceeded, _budget_exceeded)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
    app.add_middleware(BodyGuard, max_body=max_body)
    return app


def app_from_env() -> "FastAPI":
    """App factory for uvicorn's import-string mode: one model load per worker process.

    Reads the model from ``$STANCE_SERVE_MODEL`` (else ``$STANCE_MODEL``, else
    the default model), the body limit from ``$STANCE_SERVE_MAX_BODY`` and the
    request time budget from ``$STANCE_SERVE_REQUEST_BUDGET``.
    """
    max_body = int(os.environ.get(MAX_BODY_ENV) or DEFAULT_MAX_BODY)
    budget = float(os.environ.get(BUDGET_ENV) or DEFAULT_REQUEST_BUDGET)
    return create_app(Analyzer.load(os.environ.get(MODEL_ENV) or None), max_body=max_body, request_budget=budget)


def model_metadata(analyzer: Analyzer) -> Dict[str, Any]:
    """What ``GET /v1/model`` answers: the model file's header, completed from the model itself."""
    model = analyzer.model
    meta = dict(getattr(model, "metadata_", None) or {})
    meta.update(analyzer.model_info)
    meta.setdefault("topics", list(model.topics_))
    meta.setdefault("labels", list(model.classes_))
    meta.setdefault("format_version", None)
    meta.setdefault("sklearn_version", None)
    meta.setdefault("cv", None)
    meta["scoreable_topics"] = analyzer.topics
    meta["stance_version"] = __version__
    return meta


class RequestBudgetExceeded(Exception):
    """A request was not answered within its time budget (answered 503)."""


class BudgetedThreads:
    """Runs scoring in at most ``threads`` threads, answering within ``budget`` seconds or raising.

    The time spent waiting for a thread counts. A thread cannot be stopped, so
    a request past its budget is abandoned: the client gets 503 at once, and
    the thread keeps its slot until its (size-bounded) analysis ends, so no more
    than ``threads`` analyses ever run at once.
    """

    def __init__(self, threads: int, budget: float):
        self.limiter = anyio.CapacityLimiter(threads)
        self.budget = budget

    async def run(self, func, *args):
        slot = _Slot()
        with anyio.move_on_after(self.budget):
            await self.limiter.acquire_on_behalf_of(slot)
            try:
                return await anyio.to_thread.run_sync(self._in_thread, slot, func, *args, abandon_on_cancel=True)
            finally:
                if slot.give_up():  # cancelled before the thread began: free the slot here
                    self.limiter.release_on_behalf_of(slot)
        raise RequestBudgetExceeded(f"the request was not answered within its time budget of {self.budget:g} s; "
                                    "retry later or send a smaller article")

    def _in_thread(self, slot: "_Slot", func, *args):
        if not slot.begin():
            return None  # the request was abandoned before this thread picked it up
        try:
            return func(*args)
        finally:
            try:
                anyio.from_thread.run_sync(self.limiter.release_on_behalf_of, slot)
            except RuntimeError:  # the event loop is gone (worker shutting down): nothing left to free
                pass


class _Slot:
    """Who frees a scoring slot: the thread once it began, else the request that gave up waiting."""

    def __init__(self):
        self._lock = threading.Lock()
        self._state = "waiting"

    def begin(self) -> bool:
        with self._lock:
            if self._state == "waiting":
                self._state = "running"
            return self._state == "running"

    def give_up(self) -> bool:
        """True when the thread never began (the caller frees the slot); called once the await ends."""
        with self._lock:
            if self._state == "waiting":
                self._state = "abandoned"
                return True
            return False


def _analyze(analyzer: Analyzer, request: AnalyzeRequest) -> JSONResponse:
    check_text(request.text, name="text")
    result = analyzer.analyze(request.text, topics=request.topics or None, article=request.article)
    return JSONResponse(result.to_dict())


def _classify(analyzer: Analyzer, request: ClassifyRequest) -> JSONResponse:
    for i, statement in enumerate(request.statements):
        check_text(statement, name=f"statements[{i}]")
    results = analyzer.classify(request.statements, topic=request.topic)
    return JSONResponse([c.to_dict() for c in results])


# -- the paste page (GET /, POST /) ------------------------------------------------

FORM_TYPE = "application/x-www-form-urlencoded"


def _add_page(app: "FastAPI", analyzer: Analyzer, scoring: "BudgetedThreads") -> None:
    """``/``: paste an article, see its article view (the renderer of ``stance report``)."""
    from urllib.parse import parse_qs

    from .report import render_paste_page

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> HTMLResponse:
        return HTMLResponse(render_paste_page())

    @app.post("/", response_class=HTMLResponse, include_in_schema=False)
    async def page_analyze(request: Request) -> HTMLResponse:
        media = (request.headers.get("content-type") or "").split(";", 1)[0].strip().lower()
        if media != FORM_TYPE:
            return HTMLResponse(render_paste_page(error=f"expected a form post ({FORM_TYPE})"), status_code=415)
        text = (parse_qs((await request.body()).decode("utf-8")).get("text") or [""])[0]
        return await scoring.run(_render_page, analyzer, text)


def _render_page(analyzer: Analyzer, text: str) -> HTMLResponse:
    from .report import render_paste_page

    try:
        check_text(text, name="text")
    except StanceError as exc:
        return HTMLResponse(render_paste_page(text=text, error=str(exc)), status_code=422)
    return HTMLResponse(render_paste_page(text=text, result=analyzer.analyze(text, article="pasted text")))


# -- errors: one JSON shape, never a traceback ---------------------------------

def _error(status: int, message: str, headers=None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


async def _stance_error(request: Request, exc: StanceError) -> JSONResponse:
    return _error(413 if isinstance(exc, InputTooLargeError) else 422, str(exc))


async def _budget_exceeded(request: Request, exc: RequestBudgetExceeded) -> JSONResponse:
    return _error(503, str(exc))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    return _error(422, validation_message(exc.errors()))


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    return _error(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    # Starlette re-raises after this answer, so uvicorn logs the traceback on the server.
    return _error(500, "internal server error")


def validation_message(errors) -> str:
    """One line from pydantic's error list: ``"text: Field required; topics[0]: ..."``."""
    parts = []
    for err in errors:
        kind, loc = err.get("type"), tuple(err.get("loc", ()))[1:]  # loc[0] is "body"
        if kind == "json_invalid":
            reason = (err.get("ctx") or {}).get("error", "cannot parse")
            where = f" at character {loc[0]}" if loc and isinstance(loc[0], int) else ""
            parts.append(f"invalid JSON: {reason}{where}")
            continue
        if not loc:
            parts.append("request body: expected a JSON object" if kind != "missing"
                         else "request body: missing; send a JSON object")
            continue
        name = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
        msg = str(err.get("msg", "invalid"))
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        parts.append(f"{name}: {msg}")
    return "; ".join(parts) or "invalid request"


class BodyGuard:
    """ASGI middleware guarding request bodies, and marking answers ``Connection: close`` while draining.

    A POST, PUT or PATCH to the JSON API (``/v1/...``) whose content type is
    missing or not JSON is refused (415); the paste page (``/``) checks its
    own form type. A body over ``max_body`` bytes (declared or counted as it
    arrives) is refused (413) after reading and discarding at most
    :data:`DISCARD_FACTOR` times the limit, so a client that writes the whole
    body before reading still gets the answer. A body that does not arrive
    within :data:`BODY_TIMEOUT_SECONDS` is refused (408), one that is not
    UTF-8 too (400). Accepted bodies are buffered and replayed to the app.
    """

    def __init__(self, app, *, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        send = _closing_when_draining(send)
        refusal = None
        if scope["method"] in ("POST", "PUT", "PATCH") and scope["path"].startswith("/v1/"):
            content_type = _header(scope, b"content-type")
            if content_type is None or not _is_json(content_type):
                got = f"got {content_type!r}" if content_type is not None else "got no Content-Type"
                refusal = (415, f"expected a JSON body (Content-Type: application/json), {got}")
        declared = _content_length(scope)
        if refusal is None and declared is not None and declared > self.max_body:
            refusal = (413, f"request body of {declared} bytes is over the limit of {self.max_body} bytes")
        chunks, size, complete = [], 0, False
        with anyio.move_on_after(BODY_TIMEOUT_SECONDS):
            while True:
                message = await receive()
                if message["type"] != "http.request":  # the client went away
                    return None
                chunk = message.get("body", b"")
                size += len(chunk)
                if refusal is None and size > self.max_body:
                    refusal = (413, f"request body is over the limit of {self.max_body} bytes")
                if refusal is None:
                    chunks.append(chunk)
                elif size > DISCARD_FACTOR * self.max_body:
                    break  # read enough of an unwanted body: answer and close
                if not message.get("more_body", False):
                    complete = True
                    break
        if refusal is None and not complete:
            refusal = (408, f"request body not received within {BODY_TIMEOUT_SECONDS} s")
        if refusal is not None:
            return await _refuse(scope, send, *refusal)
        body = b"".join(chunks)
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            return await _refuse(scope, send, 400, f"request body is not valid UTF-8 (byte {exc.start}); "
                                                   "send JSON encoded as UTF-8")
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)


def _closing_when_draining(send):
    """``send`` that adds ``Connection: close`` to answers started while the worker drains."""

    async def closing(message):
        if message["type"] == "http.response.start" and DRAINING.is_set():
            message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
        await send(message)

    return closing


async def _refuse(scope, send, status: int, message: str) -> None:
    """Answer without reading (the rest of) the body; the connection is closed after it."""

    async def nothing_to_read():
        return {"type": "http.disconnect"}

    await _error(status, message, headers={"Connection": "close"})(scope, nothing_to_read, send)


def _header(scope, name: bytes) -> Optional[str]:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


def _content_length(scope) -> Optional[int]:
    value = _header(scope, b"content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# -- stance serve --------------------------------------------------------------

class GuardedHTTPProtocol(AutoHTTPProtocol):
    """uvicorn's HTTP protocol with ``TCP_NODELAY`` and a deadline for request headers.

    ``TCP_NODELAY``: with ``--workers N`` uvicorn binds the listening socket
    itself and leaves its ``proto`` at 0, so asyncio does not set
    ``TCP_NODELAY`` on accepted connections and every keep-alive request after
    the first waits ~40 ms for the client's delayed ACK (uvicorn issue #3149,
    open in 0.54; measured here: ``GET /healthz`` 44 ms with 2 workers, 1.3 ms
    with 1).

    Header deadline: uvicorn closes idle keep-alive connections, but a client
    that sends its headers a byte at a time keeps a connection forever. A
    connection with no request in progress :data:`HEADER_TIMEOUT_SECONDS`
    after it opened, or after its previous answer, is answered 408 and closed.
    """

    def connection_made(self, transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # not a TCP socket after all; leave it as it is
                pass
        super().connection_made(transport)
        self._header_deadline = None
        self._arm_header_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_deadline()

    def connection_lost(self, exc) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
        super().connection_lost(exc)

    def shutdown(self) -> None:
        """Drain: close no connection here (uvicorn calls this on each when the worker stops).

        uvicorn would close idle connections at once and others right after their
        answer, without telling the client, so a client that sends its next request
        at that moment meets a reset. Instead every answer from now on carries
        ``Connection: close`` (:data:`DRAINING`), so the client itself stops using the
        connection, and a connection that sees no request goes at the end of its
        keep-alive timeout, exactly as while serving.
        """
        DRAINING.set()

    def _arm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
        self._header_deadline = self.loop.call_later(HEADER_TIMEOUT_SECONDS, self._headers_too_slow)

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if self.transport.is_closing() or (self.cycle is not None and not self.cycle.response_complete):
            return  # closed already, or a request is being answered (its answer re-arms the deadline)
        body = b'{"error": "request headers not received within %d s"}' % HEADER_TIMEOUT_SECONDS
        self.transport.write(b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
                             b"connection: close\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body))
        self.transport.close()


class DrainingMultiprocess(Multiprocess):
    """uvicorn's process supervisor, closing its own copy of the listening socket before stopping workers.

    Otherwise the kernel keeps completing connections for the parent's copy
    while the workers drain, and those clients wait for an answer that never
    comes; closed in every process, new connections are refused at once.
    """

    def terminate_all(self) -> None:
        for sock in self.sockets:
            sock.close()
        super().terminate_all()


def serve(model_path=None, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          max_body: int = DEFAULT_MAX_BODY, request_budget: float = DEFAULT_REQUEST_BUDGET) -> None:
    """Load the model (refusing a bad file before binding), then serve until SIGTERM or Ctrl-C.

    Returns after a graceful drain (see the module notes), and the process
    exits 0.

    Raises
    ------
    ModelError
        The model file is missing, damaged or of another format version.
    """
    analyzer = Analyzer.load(model_path)
    os.environ[MODEL_ENV] = str(resolve_model_path(model_path).resolve())
    os.environ[MAX_BODY_ENV] = str(max_body)
    os.environ[BUDGET_ENV] = str(request_budget)
    # an import string, not the class: a worker unpickles its config before it answers uvicorn's
    # health check, and importing this module there (FastAPI, scikit-learn) takes longer than the check allows
    options = dict(host=host, port=port, http="stance.service:GuardedHTTPProtocol", workers=workers,
                   timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS)
    # uvicorn shuts down gracefully on SIGTERM/SIGINT, then re-raises the signal
    # to the handler it found; with the default one the process would die "killed
    # by SIGTERM". A stop we asked for is a success: exit 0.
    previous = {sig: signal.signal(sig, _exit_0) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        if workers == 1:
            uvicorn.run(create_app(analyzer, max_body=max_body, request_budget=request_budget), **options)
        else:
            del analyzer  # checked; each worker loads its own copy through app_from_env
            config = uvicorn.Config("stance.service:app_from_env", factory=True, **options)
            DrainingMultiprocess(config, sockets=[config.bind_socket()]).run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _exit_0(signum, frame) -> None:
    raise SystemExit(0)
