"""The HTML report: one self-contained page with a corpus view and an article view.

One renderer for the CLI (``stance report``), the HTTP service (``GET /``)
and notebooks (:func:`render_report`). The page has no external resources:
CSS and JavaScript are inline, and a Content-Security-Policy allows only
those two blocks (by hash) and no network request at all. Every piece of
article text is HTML-escaped. Without JavaScript the page is complete (the
grid and the highlighted statements are plain HTML, the statement cards
open on hover and keyboard focus with CSS); the script adds sorting,
filters and ``n``/``p`` to move between statements.

Notes
-----
Statements whose content spans overlap share one highlight: a statement
scored on several topics (``--topic a --topic b``) or nested inside another
is listed in the card of the highlight that covers it; a partly overlapping
one starts where the previous ends.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from .errors import InputError
from .summary import (UNKNOWN_SPEAKER, Statement, SummaryRow, article_documents, article_date, article_keys,
                      place_statements, summarize_statements)

STANCE_SHAPES = {"favor": "▲", "against": "▼", "none": "●"}
"""A shape per stance, so the colour is never the only cue."""
EXCERPT_CHARS = 100
"""How much of a statement the per-speaker lists show (the article view has all of it)."""
NET_BINS = 5
"""Colour steps on each side of 0 for the net position (PuOr, 11 classes in all)."""


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("stance").joinpath("report_assets", name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _page(title: str, body: str, *, form_action: str = "'none'", columns: int = 0) -> str:
    """A full HTML document: inline CSS and script, allowed by hash, and no network.

    ``columns`` is the number of topic columns of the grid (its CSS grid tracks).
    """
    css, js = _asset("report.css"), _asset("report.js")
    if columns:
        css += (f".gh, .gr {{ grid-template-columns: minmax(12em, 2fr) 8.5em "
                f"repeat({columns}, minmax(7em, 1fr)); }}\n")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; img-src 'none'; "
           f"connect-src 'none'; base-uri 'none'; form-action {form_action}")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{js}</script>\n</body>\n</html>\n"
    )


# -- article view -------------------------------------------------------------------

@dataclass
class _Highlight:
    """One highlighted stretch of text and the statements (1-based numbers) it stands for."""

    start: int
    end: int
    numbers: List[int] = field(default_factory=list)


def _highlights(quotes: Sequence[Mapping[str, Any]]) -> List[_Highlight]:
    """Non-overlapping highlights covering every statement's content (see the module notes)."""
    spans = sorted(((tuple(q["content_span"]), n) for n, q in enumerate(quotes, start=1)),
                   key=lambda s: (s[0][0], -s[0][1], s[1]))
    out: List[_Highlight] = []
    for (start, end), n in spans:
        if out and start < out[-1].end:
            if end <= out[-1].end or (start, end) == (out[-1].start, out[-1].end):
                out[-1].numbers.append(n)
                continue
            start = out[-1].end
        out.append(_Highlight(start, end, [n]))
    return out


def _inline_marks(quotes: Sequence[Mapping[str, Any]], size: int) -> List[Tuple[int, int, str, List[int]]]:
    """Speaker and cue spans (start, end, kind, statement numbers) within the text, non-overlapping, in order."""
    by_span: Dict[Tuple[int, int, str], List[int]] = defaultdict(list)
    for n, q in enumerate(quotes, start=1):
        for kind in ("speaker", "cue"):
            span = q.get(f"{kind}_span")
            if span and 0 <= span[0] < span[1] <= size:
                by_span[(span[0], span[1], "who" if kind == "speaker" else "cue")].append(n)
    out: List[Tuple[int, int, str, List[int]]] = []
    for (start, end, kind), numbers in sorted(by_span.items()):
        if out and start < out[-1][1]:
            continue  # a span inside another (rare): the first one is marked
        out.append((start, end, kind, numbers))
    return out


def _fmt(p: Optional[float]) -> str:
    return "–" if p is None else f"{p:.2f}"


def _card(quotes: Sequence[Mapping[str, Any]], numbers: Sequence[int], key: str,
          speaker_links: Mapping[int, Tuple[str, str]]) -> str:
    """The hover and focus card: plain text lines, kept short (a report holds one per statement)."""
    parts = []
    for n in numbers:
        q = quotes[n - 1]
        who = escape(q.get("speaker") or UNKNOWN_SPEAKER)
        if q.get("speaker_mention") and q.get("speaker_mention") != q.get("speaker"):
            who += f" (“{escape(q['speaker_mention'])}”)"
        probs = q.get("probabilities")
        prob_text = " · ".join(f"P({escape(str(c))}) {_fmt(p)}" for c, p in probs.items()) if probs else \
            "no stance probabilities (topic other)"
        via = f" · via {escape(q['via'])}" if q.get("via") else ""
        link = ""
        if n in speaker_links:
            href, label = speaker_links[n]
            link = f"<br><a href=\"{href}\">{escape(label)}</a>"
        parts.append(
            f"<b>{n}. stance {STANCE_SHAPES.get(q.get('stance'), '')} {escape(str(q.get('stance')))}</b>"
            f" · topic {escape(str(q.get('topic')))} ({_fmt(q.get('topic_probability'))})"
            f"<br>speaker {who} · cue {escape(q.get('cue') or '–')}{via}"
            f"<br>{prob_text}<br>rule {escape(str(q.get('rule')))} · {escape(str(q.get('kind')))}{link}")
    return f"<span class=\"card\" id=\"{key}-c{numbers[0]}\">" + "<hr>".join(parts) + "</span>"


def render_article_html(text: str, quotes: Sequence[Mapping[str, Any]], *, key: str = "a0",
                        speaker_links: Optional[Mapping[int, Tuple[str, str]]] = None) -> str:
    """The article's text, escaped, with each statement highlighted and its speaker and cue marked.

    ``key`` prefixes element ids (``<key>-q<n>`` for statement n);
    ``speaker_links`` maps a statement number to a (href, label) link shown
    in its card.
    """
    speaker_links = speaker_links or {}
    highlights = _highlights(quotes)
    inline = _inline_marks(quotes, len(text))
    cuts = {0, len(text)}
    for h in highlights:
        cuts.update((h.start, h.end))
    for start, end, _, _ in inline:
        cuts.update((start, end))
    cuts_sorted = sorted(c for c in cuts if 0 <= c <= len(text))
    out: List[str] = []
    hi = il = 0
    open_mark: Optional[_Highlight] = None
    for a, b in zip(cuts_sorted, cuts_sorted[1:]):
        while hi < len(highlights) and highlights[hi].end <= a:
            hi += 1
        while il < len(inline) and inline[il][1] <= a:
            il += 1
        mark = highlights[hi] if hi < len(highlights) and highlights[hi].start <= a else None
        if open_mark is not None and mark is not open_mark:
            out.append(_close_mark(quotes, open_mark, key, speaker_links))
            open_mark = None
        if mark is not None and open_mark is None:
            out.append(_open_mark(quotes, mark, key))
            open_mark = mark
        piece = escape(text[a:b], quote=False)
        if il < len(inline) and inline[il][0] <= a:
            _, _, kind, numbers = inline[il]
            of = " ".join(f"{key}-{n}" for n in numbers)
            piece = f"<span class=\"{kind}\" data-of=\"{of}\">{piece}</span>"
        out.append(piece)
    if open_mark is not None:
        out.append(_close_mark(quotes, open_mark, key, speaker_links))
    return "".join(out)


def _open_mark(quotes, mark: _Highlight, key: str) -> str:
    first = quotes[mark.numbers[0] - 1]
    stance = first.get("stance") if first.get("stance") in STANCE_SHAPES else "none"
    shared = " data-q=\"" + " ".join(f"{key}-{n}" for n in mark.numbers) + "\"" if len(mark.numbers) > 1 else ""
    return (f"<mark class=\"st {stance}\" id=\"{key}-q{mark.numbers[0]}\" tabindex=\"0\"{shared} "
            f"aria-describedby=\"{key}-c{mark.numbers[0]}\">")


def _close_mark(quotes, mark: _Highlight, key: str, speaker_links) -> str:
    anchors = "".join(f"<span id=\"{key}-q{n}\"></span>" for n in mark.numbers[1:])
    tags = " ".join(f"{n}{STANCE_SHAPES.get(quotes[n - 1].get('stance'), '')}" for n in mark.numbers)
    return f"<sup class=\"tag\">{tags}</sup>{anchors}{_card(quotes, mark.numbers, key, speaker_links)}</mark>"


def _check_text(doc: Mapping[str, Any], text: str) -> None:
    for n, q in enumerate(doc["quotes"], start=1):
        start, end = q["content_span"]
        if not (0 <= start <= end <= len(text)) or text[start:end] != q["content"]:
            raise InputError(f"{doc.get('article', '-')}: statement {n} does not match the text given "
                             "(pass each result with the text it was analyzed from)")


# -- corpus view --------------------------------------------------------------------

def _net_class(net: Optional[float]) -> str:
    if net is None:
        return "bna"
    return f"b{max(-NET_BINS, min(NET_BINS, round(net * NET_BINS)))}"


def _signed(value: float) -> str:
    return ("+" if value >= 0 else "−") + f"{abs(value):.2f}"


def _cell(row: Optional[SummaryRow], speaker_id: int, topic_id: int, topic: str, name: str) -> str:
    if row is None:
        return f"<span role=\"cell\" data-t=\"{topic_id}\"></span>"
    counts = f"{row.favor}▲ {row.against}▼ {row.none}●"
    if row.net is None:
        net_text, describe = "n/a", "no stance (topic other)"
    else:
        net_text = _signed(row.net)
        describe = f"net {_signed(row.net)} (95% interval {_signed(row.net_low)} to {_signed(row.net_high)})"
    label = (f"{name}, {topic}: {describe}; {row.statements} statements: {row.favor} favor, "
             f"{row.against} against, {row.none} none")
    net_attr = "" if row.net is None else f"{row.net:.3f}"
    return (f"<span role=\"cell\" class=\"cell {_net_class(row.net)}\" data-t=\"{topic_id}\" "
            f"data-n=\"{row.statements}\" data-net=\"{net_attr}\"><a href=\"#sp{speaker_id}-t{topic_id}\" "
            f"title=\"{escape(label)}\"><span class=\"net\">{net_text}</span><span class=\"cnt\">{counts}</span></a>"
            "</span>")


def _topics_in_order(rows: Iterable[SummaryRow]) -> List[str]:
    topics = sorted({r.topic for r in rows})
    return [t for t in topics if t != "other"] + (["other"] if "other" in topics else [])


def _grid(rows: Sequence[SummaryRow], speakers: Sequence[Optional[str]], topics: Sequence[str],
          has_dates: bool) -> str:
    by_key = {(r.speaker, r.topic): r for r in rows}
    totals: Dict[Optional[str], int] = defaultdict(int)
    for r in rows:
        totals[r.speaker] += r.statements
    head = ("<div class=\"gh\" role=\"row\"><span role=\"columnheader\" class=\"spk\" data-sort=\"speaker\">speaker"
            "</span><span role=\"columnheader\" data-sort=\"n\">statements</span>"
            + "".join(f"<span role=\"columnheader\" data-t=\"{i}\" data-sort=\"{i}\">{escape(t)}</span>"
                      for i, t in enumerate(topics)) + "</div>")
    body = []
    for s, speaker in enumerate(speakers):
        name = speaker or UNKNOWN_SPEAKER
        cells = "".join(_cell(by_key.get((speaker, t)), s, i, t, name) for i, t in enumerate(topics))
        body.append(f"<div class=\"gr\" role=\"row\" data-s=\"{s}\" data-name=\"{escape(name)}\" "
                    f"data-n=\"{totals[speaker]}\"><span role=\"rowheader\" class=\"spk\"><a href=\"#sp{s}\">"
                    f"{escape(name)}</a></span><span role=\"cell\" class=\"tot\">{totals[speaker]}</span>{cells}</div>")
    topic_buttons = "".join(f"<button type=\"button\" data-topic=\"{i}\" aria-pressed=\"false\">{escape(t)}</button>"
                            for i, t in enumerate(topics))
    dates = ("<label>from <input type=\"date\" id=\"f-from\"></label> <label>to <input type=\"date\" id=\"f-to\">"
             "</label>" if has_dates else "")
    filters = (
        "<div class=\"filters\" id=\"filters\" hidden role=\"search\">"
        "<span>topic <button type=\"button\" data-topic=\"\" aria-pressed=\"true\">all</button> "
        f"{topic_buttons}</span>"
        "<label>speaker <input type=\"search\" id=\"f-speaker\" placeholder=\"name contains…\"></label>"
        f"{dates}<span id=\"f-status\" aria-live=\"polite\"></span></div>"
    )
    scale = "".join(f"<span class=\"{_net_class(k / NET_BINS)}\"></span>" for k in range(-NET_BINS, NET_BINS + 1))
    legend = (f"<div class=\"legend\"><span>net position: against −1 <span class=\"scale\" aria-hidden=\"true\">"
              f"{scale}</span> +1 for</span><span>counts: ▲ favor ▼ against ● none</span>"
              "<span class=\"bna\">&nbsp;n/a&nbsp;</span><span>= topic other (no stance)</span></div>")
    # rows are blocks, not table rows, so the browser lays out only those on screen (content-visibility)
    return (f"{legend}{filters}<p class=\"hint\" id=\"grid-caption\">Net position = mean of P(favor) − P(against) "
            "over the speaker's statements on the topic; each cell links to them.</p>"
            "<div class=\"gridwrap\"><div class=\"grid\" id=\"grid\" role=\"table\" aria-describedby=\"grid-caption\" "
            f"aria-rowcount=\"{len(speakers) + 1}\">{head}<div class=\"gb\" role=\"rowgroup\">{''.join(body)}</div>"
            "</div></div>")


def _speaker_sections(rows: Sequence[SummaryRow], speakers: Sequence[Optional[str]], topics: Sequence[str],
                      statements: Sequence[Statement], anchors: Mapping[str, str]) -> str:
    by_row: Dict[Tuple[Optional[str], str], List[Statement]] = defaultdict(list)
    for s in statements:
        by_row[(s.speaker, s.quote.get("topic") or "other")].append(s)
    rows_by_speaker: Dict[Optional[str], List[SummaryRow]] = defaultdict(list)
    for r in rows:
        rows_by_speaker[r.speaker].append(r)
    topic_ids = {t: i for i, t in enumerate(topics)}
    out = []
    for sid, speaker in enumerate(speakers):
        forms = sorted({f for r in rows_by_speaker[speaker] for f in r.names})
        part = [f"<section class=\"speaker\" id=\"sp{sid}\"><h3>{escape(speaker or UNKNOWN_SPEAKER)}</h3>"]
        if forms:
            part.append(f"<p class=\"forms\">as: {escape('; '.join(forms))}</p>")
        for r in rows_by_speaker[speaker]:
            net = "" if r.net is None else f" · net {_signed(r.net)} [{_signed(r.net_low)}, {_signed(r.net_high)}]"
            dates = f" · {r.dates[0]}–{r.dates[-1]}" if r.dates else ""
            part.append(f"<h4 id=\"sp{sid}-t{topic_ids[r.topic]}\">{escape(r.topic)} · {r.statements} statements "
                        f"({r.favor}▲ {r.against}▼ {r.none}●){net}{dates}</h4><ol>")
            for s in by_row[(speaker, r.topic)]:
                q = s.quote
                excerpt = q["content"] if len(q["content"]) <= EXCERPT_CHARS else q["content"][:EXCERPT_CHARS] + "…"
                stance = q.get("stance") or "none"
                p = (q.get("probabilities") or {}).get(stance)
                part.append(f"<li><a href=\"#{anchors[s.id]}\">{escape(s.id)}</a> "
                            f"{STANCE_SHAPES.get(stance, '')} {escape(stance)}"
                            f"{'' if p is None else f' ({p:.2f})'} — “{escape(excerpt)}”</li>")
            part.append("</ol>")
        part.append("</section>")
        out.append("".join(part))
    return "".join(out)


def _data_block(statements: Sequence[Statement], speakers: Sequence[Optional[str]], topics: Sequence[str]) -> str:
    """Per-statement data the script re-counts under a date filter, as inert JSON."""
    speaker_ids = {s: i for i, s in enumerate(speakers)}
    topic_ids = {t: i for i, t in enumerate(topics)}
    dates = sorted({s.date for s in statements if s.date})
    date_ids = {d: i for i, d in enumerate(dates)}
    stances = ["favor", "against", "none"]
    payload = {
        "dates": dates, "stances": stances,
        "s": [[speaker_ids[s.speaker], topic_ids[s.quote.get("topic") or "other"],
               date_ids.get(s.date) if s.date else None,
               None if s.net is None else round(s.net, 4),
               stances.index(s.quote.get("stance")) if s.quote.get("stance") in stances else 2]
              for s in statements],
    }
    text = json.dumps(payload, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"<script type=\"application/json\" id=\"stance-data\">{text}</script>"


def render_report(results: Iterable[Any], texts: Sequence[str], *, dates: Optional[Mapping[str, str]] = None,
                  by_org: bool = False, title: str = "stance report") -> str:
    """The whole report as one HTML document (a string to write to a ``.html`` file).

    Parameters
    ----------
    results : iterable of ArticleResult or article documents (``to_dict()`` JSON)
    texts : sequence of str
        Each article's text, in the same order (the spans index it).
    dates : mapping, optional
        Article -> ISO date, as :func:`stance.summary.read_dates` reads it.
    by_org : bool, default=False
        Fold people into their organisation in the corpus view.
    title : str
        The page title.

    Raises
    ------
    InputError
        A text does not match its result's spans, or the counts differ.
    """
    docs = article_documents(results)
    if len(texts) != len(docs):
        raise InputError(f"{len(texts)} texts for {len(docs)} results")
    for doc, text in zip(docs, texts):
        _check_text(doc, text)
    statements = place_statements(docs, dates=dates, by_org=by_org, texts=texts)
    rows = summarize_statements(statements)
    speakers = list(dict.fromkeys(r.speaker for r in rows))
    topics = _topics_in_order(rows)
    speaker_ids = {s: i for i, s in enumerate(speakers)}
    topic_ids = {t: i for i, t in enumerate(topics)}
    anchors: Dict[str, str] = {}
    per_article: Dict[str, List[Statement]] = defaultdict(list)
    for s in statements:
        per_article[s.article].append(s)
    articles_html = []
    for k, (doc, text, art) in enumerate(zip(docs, texts, article_keys(docs))):
        key = f"a{k}"
        mine = per_article.get(art, [])
        links = {}
        for n, s in enumerate(mine, start=1):
            anchors[s.id] = f"{key}-q{n}"
            topic = s.quote.get("topic") or "other"
            links[n] = (f"#sp{speaker_ids[s.speaker]}-t{topic_ids[topic]}",
                        f"all of {s.speaker or UNKNOWN_SPEAKER} on {topic} ↗")
        when = article_date(str(doc.get("article", "-")), dates) if dates else None
        meta = " · ".join(x for x in (when, f"{len(doc['quotes'])} statements") if x)
        articles_html.append(
            f"<section class=\"article\" id=\"{key}\" aria-labelledby=\"{key}-h\"><h3 id=\"{key}-h\">{escape(art)}</h3>"
            f"<p class=\"meta\">{escape(meta)} · <a href=\"#corpus\">back to the corpus view</a></p>"
            f"<div class=\"text\">{render_article_html(text, doc['quotes'], key=key, speaker_links=links)}</div>"
            "</section>")
    n_statements = len(statements)
    model = next((d.get("model") for d in docs if d.get("model")), None)
    model_text = f" · model {model.get('name')} {model.get('version') or ''}".rstrip() if model else ""
    dated = sum(1 for d in docs if dates and article_date(str(d.get("article", "-")), dates))
    body = (
        "<a class=\"skip\" href=\"#articles\">Skip to the articles</a>"
        f"<header class=\"top\"><h1>{escape(title)}</h1>"
        f"<p>{len(docs)} articles · {n_statements} statements · {len(speakers)} speakers"
        f"{' · organisations folded in' if by_org else ''}{' · %d dated' % dated if dates else ''}"
        f"{escape(model_text)}</p>"
        "<nav class=\"views\"><a href=\"#corpus\">Corpus view</a><a href=\"#speakers\">Speakers</a>"
        "<a href=\"#articles\">Articles</a></nav>"
        "<p class=\"hint\">Keys: <kbd>Tab</kbd> moves through statements and links, <kbd>n</kbd>/<kbd>p</kbd> "
        "next/previous statement, <kbd>/</kbd> speaker filter, <kbd>Esc</kbd> leaves a field.</p></header>"
        "<main>"
        f"<section id=\"corpus\"><h2>Corpus view: who stands where</h2>{_grid(rows, speakers, topics, bool(dates))}"
        "</section>"
        f"<section id=\"speakers\"><h2>Speakers</h2>{_speaker_sections(rows, speakers, topics, statements, anchors)}"
        "</section>"
        f"<section id=\"articles\"><h2>Articles</h2>{''.join(articles_html)}</section>"
        f"</main>{_data_block(statements, speakers, topics)}"
    )
    return _page(title, body, columns=len(topics))


# -- the service page ----------------------------------------------------------------

def render_paste_page(*, text: str = "", result: Any = None, error: Optional[str] = None,
                      action: str = "/") -> str:
    """The page ``stance serve`` answers at ``/``: a form to paste an article, and its article view.

    ``result`` (an ArticleResult or its document) is rendered with the same
    article view as :func:`render_report`, followed by its JSON document.
    """
    parts = ["<header class=\"top\"><h1>stance: who said what, and where they stand</h1>"
             "<p>Paste an article and press Analyze; the statements appear highlighted below. "
             "The same analysis as <code>POST /v1/analyze</code>.</p></header><main>",
             f"<form class=\"paste\" method=\"post\" action=\"{escape(action)}\">"
             "<label for=\"text\"><b>Article text</b></label>"
             f"<textarea id=\"text\" name=\"text\" required>{escape(text, quote=False)}</textarea>"
             "<button type=\"submit\">Analyze</button></form>"]
    if error:
        parts.append(f"<p class=\"error\" role=\"alert\">{escape(error)}</p>")
    if result is not None:
        doc = article_documents([result])[0]
        _check_text(doc, text)
        parts.append(f"<section class=\"article\" id=\"a0\"><h2>Article view</h2>"
                     f"<p class=\"meta\">{len(doc['quotes'])} statements</p>"
                     f"<div class=\"text\">{render_article_html(text, doc['quotes'], key='a0')}</div></section>"
                     "<details><summary>Article document (JSON, as <code>stance score --format json</code>)"
                     f"</summary><pre class=\"json\">{escape(json.dumps(doc, ensure_ascii=False, indent=2), quote=False)}</pre>"
                     "</details>")
    parts.append("</main>")
    return _page("stance", "".join(parts), form_action="'self'")
