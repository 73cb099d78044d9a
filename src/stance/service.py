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

Every error is ``{"error": "<one line>"}``: 413 for a body over the limit,
400 for a body that is not UTF-8, 415 for a body not sent as JSON, 422 for
invalid JSON, a request that does not match the schema or input the library
refuses (empty text, unknown topic: :class:`~stance.errors.StanceError`),
500 (without details; the traceback goes to the server log) for anything
unexpected.

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
from typing import Annotated, Any, Dict, List, Optional

from . import __version__
from .analyzer import Analyzer, resolve_model_path
from .articles import check_text
from .errors import StanceError

MODEL_ENV = "STANCE_SERVE_MODEL"
"""Model path handed from ``stance serve`` to every worker process."""
MAX_BODY_ENV = "STANCE_SERVE_MAX_BODY"
"""Request body limit (bytes) handed from ``stance serve`` to every worker process."""
DEFAULT_MAX_BODY = 10_000_000
"""10 MB: two orders of magnitude above a long news article, small enough to buffer."""
GRACEFUL_SHUTDOWN_SECONDS = 30
"""How long a SIGTERM waits for requests in flight before closing them."""
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
    413: {"model": ErrorDoc, "description": "The body is larger than the server's limit."},
    422: {"model": ErrorDoc, "description": "Invalid JSON, a field that does not match the schema, "
                                            "empty text or an unknown topic."},
}


# -- the app -------------------------------------------------------------------

def create_app(analyzer: Analyzer, *, max_body: int = DEFAULT_MAX_BODY) -> "FastAPI":
    """The FastAPI app serving ``analyzer``, with a request body limit of ``max_body`` bytes."""
    info = model_metadata(analyzer)
    limiter = anyio.CapacityLimiter(int(os.environ.get(THREADS_ENV) or ANALYSIS_THREADS))
    app = FastAPI(
        title="stance",
        version=__version__,
        description="Who said what in news articles, and where they stand. "
                    "Answers use the same JSON as `stance score --format json`.",
    )

    @app.post("/v1/analyze", response_class=JSONResponse, responses={200: {"model": ArticleDoc}, **_ERRORS})
    async def analyze(request: AnalyzeRequest):
        """Find every attributed statement in an article and score its topic and stance."""
        return await anyio.to_thread.run_sync(_analyze, analyzer, request, limiter=limiter)

    @app.post("/v1/classify", response_class=JSONResponse,
              responses={200: {"model": List[ClassificationDoc]}, **_ERRORS})
    async def classify(request: ClassifyRequest):
        """Topic and stance of raw statements (no attribution)."""
        return await anyio.to_thread.run_sync(_classify, analyzer, request, limiter=limiter)

    @app.get("/v1/model")
    async def model() -> Dict[str, Any]:
        """The model's metadata, read from the model file's header."""
        return info

    @app.get("/healthz")
    async def healthz() -> Dict[str, str]:
        """``ok`` once the model is loaded (the app is built only after loading it)."""
        return {"status": "ok"}

    _add_page(app, analyzer, limiter)
    app.add_exception_handler(StanceError, _stance_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
    app.add_middleware(BodyGuard, max_body=max_body)
    return app


def app_from_env() -> "FastAPI":
    """App factory for uvicorn's import-string mode: one model load per worker process.

    Reads the model from ``$STANCE_SERVE_MODEL`` (else ``$STANCE_MODEL``, else
    the default model) and the body limit from ``$STANCE_SERVE_MAX_BODY``.
    """
    max_body = int(os.environ.get(MAX_BODY_ENV) or DEFAULT_MAX_BODY)
    return create_app(Analyzer.load(os.environ.get(MODEL_ENV) or None), max_body=max_body)


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


def _add_page(app: "FastAPI", analyzer: Analyzer, limiter) -> None:
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
        return await anyio.to_thread.run_sync(_render_page, analyzer, text, limiter=limiter)


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
    return _error(422, str(exc))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    content_type = request.headers.get("content-type")
    if content_type and not _is_json(content_type):
        # FastAPI reads only JSON media types as JSON; say so rather than "not a dictionary".
        return _error(415, f"expected a JSON body (Content-Type: application/json), got {content_type!r}")
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
    """ASGI middleware: refuse bodies over ``max_body`` bytes (413) and bodies that are not UTF-8 (400).

    A declared ``Content-Length`` over the limit is refused before reading;
    a body without one (chunked) is counted as it arrives and refused as soon
    as it passes the limit. Accepted bodies are buffered (they are at most
    ``max_body`` bytes) and replayed to the app.
    """

    def __init__(self, app, *, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            return await _refuse(scope, send, 413, f"request body of {declared} bytes is over the limit of "
                                                   f"{self.max_body} bytes")
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return await _refuse(scope, send, 413, f"request body is over the limit of {self.max_body} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
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


async def _refuse(scope, send, status: int, message: str) -> None:
    """Answer without reading (the rest of) the body; the connection is closed after it."""

    async def nothing_to_read():
        return {"type": "http.disconnect"}

    await _error(status, message, headers={"Connection": "close"})(scope, nothing_to_read, send)


def _content_length(scope) -> Optional[int]:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


# -- stance serve --------------------------------------------------------------

class NoDelayHTTPProtocol(AutoHTTPProtocol):
    """uvicorn's HTTP protocol, with ``TCP_NODELAY`` set on every connection.

    With ``--workers N`` uvicorn binds the listening socket itself and leaves
    its ``proto`` at 0, so asyncio does not set ``TCP_NODELAY`` on accepted
    connections and every keep-alive request after the first waits ~40 ms for
    the client's delayed ACK (uvicorn issue #3149, open in 0.54; measured here:
    ``GET /healthz`` 44 ms with 2 workers, 1.3 ms with 1).
    """

    def connection_made(self, transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # not a TCP socket after all; leave it as it is
                pass
        super().connection_made(transport)


def serve(model_path=None, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          max_body: int = DEFAULT_MAX_BODY) -> None:
    """Load the model (refusing a bad file before binding), then serve until SIGTERM or Ctrl-C.

    Returns after a graceful shutdown: requests in flight are finished (for up
    to ``GRACEFUL_SHUTDOWN_SECONDS``), and the process exits 0.

    Raises
    ------
    ModelError
        The model file is missing, damaged or of another format version.
    """
    analyzer = Analyzer.load(model_path)
    os.environ[MODEL_ENV] = str(resolve_model_path(model_path).resolve())
    os.environ[MAX_BODY_ENV] = str(max_body)
    options = dict(host=host, port=port, timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS)
    # uvicorn shuts down gracefully on SIGTERM/SIGINT, then re-raises the signal
    # to the handler it found; with the default one the process would die "killed
    # by SIGTERM". A stop we asked for is a success: exit 0.
    previous = {sig: signal.signal(sig, _exit_0) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        if workers == 1:
            uvicorn.run(create_app(analyzer, max_body=max_body), **options)
        else:
            del analyzer  # checked; each worker loads its own copy through app_from_env
            uvicorn.run("stance.service:app_from_env", factory=True, workers=workers,
                        http="stance.service:NoDelayHTTPProtocol", **options)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _exit_0(signum, frame) -> None:
    raise SystemExit(0)
