"""The HTML report as text: self-contained, escaped, every statement highlighted, one renderer."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from stance import Analyzer, InputError, render_report
from stance.report import render_article_html, render_paste_page
from stance.summary import read_dates

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
NAMES = ["steel.txt", "prices.txt", "climate.txt"]


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text outside tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Elements:
    p = Elements()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def analyzer(tiny_model_path):
    return Analyzer.load(tiny_model_path)


@pytest.fixture(scope="module")
def corpus(analyzer):
    texts = [(ARTICLES / n).read_text(encoding="utf-8") for n in NAMES]
    return analyzer.analyze_many(texts, articles=NAMES), texts


@pytest.fixture(scope="module")
def html(corpus):
    results, texts = corpus
    return render_report(results, texts, dates=read_dates(ARTICLES / "dates.csv"))


def test_self_contained_and_no_network(html):
    tags = parse(html).tags
    assert not [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for t, a in tags if t == "script" and "src" in a]
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "connect-src 'none'" in csp[0]
    assert "'unsafe-inline'" not in csp[0]


def test_script_and_style_hashes_match_the_page(html):
    import base64
    import hashlib

    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    for source in (script, style):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_article_markup_is_escaped(html):
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned" in html
    assert "<b>renewed</b>" not in html and "&lt;b&gt;renewed&lt;/b&gt;" in html
    assert html.count("<script") == 2  # the inert data block and the report's own script


def test_every_statement_is_highlighted_once(corpus, html):
    results, _ = corpus
    ids = {a.get("id") for t, a in parse(html).tags}
    for k, r in enumerate(results):
        for n in range(1, len(r.quotes) + 1):
            assert f"a{k}-q{n}" in ids
    marks = [a for t, a in parse(html).tags if t == "mark"]
    assert len(marks) == sum(len(r.quotes) for r in results)
    assert {m["class"].split()[1] for m in marks} <= {"favor", "against", "none"}


def test_text_is_complete_and_in_order(analyzer):
    text = (ARTICLES / "prices.txt").read_text(encoding="utf-8")
    result = analyzer.analyze(text)
    fragment = render_article_html(text, result.to_dict()["quotes"])
    without_cards = re.sub(r'<span class="card".*?</span></mark>', "</mark>", fragment, flags=re.S)
    without_tags = re.sub(r"<sup class=\"tag\">.*?</sup>", "", without_cards)
    assert "".join(parse(without_tags).text) == text


def test_overlapping_statements_share_a_highlight(analyzer):
    text = (ARTICLES / "steel.txt").read_text(encoding="utf-8")
    result = analyzer.analyze(text, topics=["tariffs", "climate"])  # every statement twice
    html = render_report([result], [text])
    marks = [a for t, a in parse(html).tags if t == "mark"]
    assert len(marks) == len(result.quotes) // 2
    assert all(len(m["data-q"].split()) == 2 for m in marks)
    ids = {a.get("id") for t, a in parse(html).tags}
    assert {f"a0-q{n}" for n in range(1, len(result.quotes) + 1)} <= ids


def test_grid_has_a_cell_per_row_with_counts(corpus, html):
    from stance import summarize

    results, texts = corpus
    rows = summarize(results)
    cells = [a for t, a in parse(html).tags if "cell" in a.get("class", "").split()]
    assert len(cells) == len(rows)
    assert sum(int(c["data-n"]) for c in cells) == sum(len(r.quotes) for r in results)
    assert 'id="filters" hidden' in html  # the filters appear only with JavaScript


def test_links_between_views_resolve(html):
    tags = parse(html).tags
    ids = {a["id"] for t, a in tags if "id" in a}
    targets = {a["href"][1:] for t, a in tags if t == "a" and a.get("href", "").startswith("#")}
    assert targets and targets <= ids
    assert any(h.startswith("sp") for h in targets) and any(h.startswith("a0-q") for h in targets)


def test_text_that_does_not_match_is_refused(corpus):
    results, texts = corpus
    with pytest.raises(InputError, match="does not match"):
        render_report(results, [texts[1], texts[0], texts[2]])
    with pytest.raises(InputError, match="texts for"):
        render_report(results, texts[:1])


def test_paste_page(analyzer):
    blank = render_paste_page()
    assert "<form" in blank and "<mark" not in blank and "form-action 'self'" in blank
    text = (ARTICLES / "climate.txt").read_text(encoding="utf-8")
    page = render_paste_page(text=text, result=analyzer.analyze(text))
    assert page.count("<mark") == 2 and "<script>window" not in page
    assert '"schema": 1' in page


def test_markup_in_any_field_of_a_document_is_escaped(corpus):
    results, texts = corpus
    doc = results[0].to_dict()
    for q in doc["quotes"]:
        q.update(speaker='"><img src=x onerror=alert(1)>', rule="<b>rule</b>", via="<i>via</i>",
                 topic="<u>topic</u>", speaker_mention="<s>m</s>")
        q["probabilities"] = {"<em>favor</em>": 0.5, "against": 0.25, "none": 0.25}
    doc["article"] = "<script>name</script>"
    html = render_report([doc], [texts[0]])
    for raw in ("<img", "<b>rule", "<i>via", "<u>topic", "<s>m", "<em>favor", "<script>name"):
        assert raw not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
