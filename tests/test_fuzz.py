"""Property-based fuzzing (Hypothesis) of attribution and of the service's request schema.

Derandomized with a small budget so CI is fast and repeatable; the long campaign is
scripts/fuzz_campaign.py (BENCHMARKS.md, issue 13).
"""
from __future__ import annotations

import asyncio
import json

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from stance import attribute  # noqa: E402
from stance.errors import InputError  # noqa: E402

FUZZ = settings(derandomize=True, deadline=None, max_examples=300,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

PIECES = ["said", "says", "told reporters", "according to", "added", "Lee", "Ana Silva", "the minister", "He",
          "she", "Mr.", "U.S.", "No.", "that", '"', "“", "”", "‘", "’", "'", "''", ",", ".", "!", "?", ";", ":",
          "—", "-", "(", ")", "\n", "\n\n", " ", "\u00a0", "tariffs", "climate", "We will win", "Said"]

articles = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=80).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.text(max_size=400),
    st.text(alphabet=st.sampled_from('"“”\'’., \nsaidLee'), max_size=300),
)


def _check_spans(text, quotes):
    """Every span of every statement (dicts as in the JSON) indexes ``text`` exactly."""
    for d in quotes:
        for field, span_field in (("content", "content_span"), ("speaker_mention", "speaker_span"),
                                  ("cue", "cue_span")):
            span = d[span_field]
            if span is None:
                assert d[field] is None
                continue
            s, e = span
            assert 0 <= s <= e <= len(text) and text[s:e] == d[field]


@FUZZ
@given(articles)
def test_attribution_never_crashes_and_spans_index_the_text(text):
    try:
        result = attribute(text)
    except InputError:
        assert not text.strip()
        return
    _check_spans(text, [q.to_dict() for q in result.quotes])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=60),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
request_bodies = st.one_of(
    st.fixed_dictionaries({"text": articles}, optional={"topics": json_values, "article": json_values}),
    st.fixed_dictionaries({"statements": st.lists(st.text(max_size=80), max_size=4)},
                          optional={"topic": json_values}),
    st.dictionaries(st.sampled_from(["text", "topics", "article", "statements", "topic", "extra"]), json_values,
                    max_size=4),
    json_values,
)


@pytest.fixture(scope="module")
def app(tiny_model_path):
    pytest.importorskip("fastapi")
    from stance import Analyzer
    from stance.service import create_app

    return create_app(Analyzer.load(tiny_model_path))


def _post(app, path: str, content: bytes, content_type: str):
    httpx = pytest.importorskip("httpx")

    async def go():
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as c:
            return await c.post(path, content=content, headers={"Content-Type": content_type})

    return asyncio.run(go())


@settings(derandomize=True, deadline=None, max_examples=150,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=request_bodies, path=st.sampled_from(["/v1/analyze", "/v1/classify"]),
       raw=st.booleans(), content_type=st.sampled_from(["application/json", "application/json; charset=utf-8",
                                                        "text/plain"]))
def test_service_answers_any_body_with_json_and_a_known_status(app, body, path, raw, content_type):
    content = json.dumps(body).encode() if not raw else json.dumps(body)[:-1].encode()  # raw: truncated JSON
    r = _post(app, path, content, content_type)
    expected = {415} if content_type == "text/plain" else {200, 400, 413, 422}
    assert r.status_code in expected, (r.status_code, r.text)
    doc = r.json()
    if r.status_code != 200:
        assert set(doc) == {"error"} and "\n" not in doc["error"] and doc["error"]
    elif path == "/v1/analyze":
        _check_spans(body["text"], doc["quotes"])
