"""Who stands where across a corpus: one row per (speaker, topic), speakers merged across articles.

A row counts a speaker's statements on a topic (favor / against / none),
gives their net position — the mean of P(favor) − P(against) over the
statements, from -1 (all against) to +1 (all for) — with a bootstrap
interval, and says which articles (and dates) it rests on and which
statements are its most confident. Every statement of the input lands in
exactly one row, so the rows' counts add up to ``stance score``'s.

Speakers are merged across articles by :mod:`stance.names`; with
``by_org=True`` a person is folded into the organisation the article says
they speak for.
"""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from .errors import InputError, unknown
from .names import apposition_organisation, merge_names, organisation, speaker_form
from .types import ArticleResult

BOOTSTRAP_RESAMPLES = 1000
"""Resamples for the net position's interval; percentiles at this count move by < 0.01."""
INTERVAL = 0.95
TOP_STATEMENTS = 3
"""How many statement ids a row lists as its evidence."""
UNKNOWN_SPEAKER = "(unknown)"
"""How tables and the report show a statement whose speaker attribution could not resolve."""
SUMMARY_FORMATS = ("table", "csv", "json")


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One speaker's statements on one topic, across the corpus.

    ``net`` is the mean of P(favor) − P(against) over the statements
    (``None`` on topic ``other``, which has no stance probabilities), with the
    percentile bootstrap interval ``[net_low, net_high]`` (statements resampled
    with replacement). ``top_statements`` are statement ids ``article#n`` (n
    counts from 1 in the article's statements, as ``stance score`` lists
    them), most confident first. ``names`` are the speaker forms merged into
    the row.
    """

    speaker: Optional[str]
    topic: str
    statements: int
    favor: int
    against: int
    none: int
    net: Optional[float]
    net_low: Optional[float]
    net_high: Optional[float]
    articles: Tuple[str, ...]
    dates: Tuple[str, ...]
    top_statements: Tuple[str, ...]
    names: Tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (tuples as lists)."""
        return {f.name: list(v) if isinstance(v, tuple) else v
                for f in fields(self) for v in [getattr(self, f.name)]}


@dataclass(frozen=True, slots=True)
class Statement:
    """One scored statement placed in the corpus: its id, article, date and merged speaker."""

    id: str
    article: str
    date: Optional[str]
    speaker: Optional[str]
    form: Optional[str]
    quote: Mapping[str, Any]

    @property
    def net(self) -> Optional[float]:
        """P(favor) − P(against), or ``None`` without stance probabilities."""
        probs = self.quote.get("probabilities")
        if not probs:
            return None
        return float(probs.get("favor", 0.0)) - float(probs.get("against", 0.0))

    @property
    def confidence(self) -> float:
        """Probability of the predicted stance (of the topic, for statements on no topic)."""
        probs = self.quote.get("probabilities")
        if probs and self.quote.get("stance") in probs:
            return float(probs[self.quote["stance"]])
        return float(self.quote.get("topic_probability") or 0.0)


def article_documents(results: Iterable[Any]) -> List[dict]:
    """Article documents from :class:`ArticleResult` objects or their ``to_dict()`` JSON."""
    docs = []
    for r in results:
        if isinstance(r, ArticleResult):
            docs.append(r.to_dict())
        elif isinstance(r, Mapping) and isinstance(r.get("quotes"), list):
            docs.append(dict(r))
        else:
            raise InputError(f"expected ArticleResult objects or article documents, got {type(r).__name__}")
    return docs


def article_keys(docs: Sequence[Mapping[str, Any]]) -> List[str]:
    """One key per article: its name, with ``@k`` (its position) where several share a name."""
    names = [str(d.get("article", "-")) for d in docs]
    seen: Dict[str, int] = defaultdict(int)
    for n in names:
        seen[n] += 1
    return [n if seen[n] == 1 else f"{n}@{k}" for k, n in enumerate(names, start=1)]


def place_statements(results: Iterable[Any], *, dates: Optional[Mapping[str, str]] = None,
                     by_org: bool = False, texts: Optional[Sequence[str]] = None) -> List[Statement]:
    """Every statement of ``results`` with its id, date and merged speaker, in input order.

    ``texts`` (the articles' texts, in the same order) let ``by_org`` read
    appositions ("Ana Ruiz, a researcher at the Institute of ...").
    """
    docs = article_documents(results)
    if texts is not None and len(texts) != len(docs):
        raise InputError(f"{len(texts)} texts for {len(docs)} results")
    keys = article_keys(docs)
    forms = [[speaker_form(q.get("speaker"), q.get("speaker_mention")) for q in d["quotes"]] for d in docs]
    merged = merge_names(f for fs in forms for f in fs)
    out: List[Statement] = []
    for k, (doc, key, doc_forms) in enumerate(zip(docs, keys, forms)):
        speakers = [merged.get(f) if f else None for f in doc_forms]
        if by_org:
            speakers = _fold_into_organisations(doc, speakers, texts[k] if texts is not None else None)
        when = article_date(str(doc.get("article", "-")), dates) if dates else None
        for n, (q, speaker, form) in enumerate(zip(doc["quotes"], speakers, doc_forms), start=1):
            out.append(Statement(id=f"{key}#{n}", article=key, date=when, speaker=speaker, form=form, quote=q))
    return out


def _fold_into_organisations(doc: Mapping[str, Any], speakers: List[Optional[str]],
                             text: Optional[str]) -> List[Optional[str]]:
    """Replace each person by the organisation this article ties them to (their mention or apposition)."""
    tied: Dict[str, str] = {}
    for q, speaker in zip(doc["quotes"], speakers):
        if speaker is None or speaker in tied:
            continue
        org = organisation(q.get("speaker_mention")) or organisation(q.get("speaker"))
        if org is None and text is not None and q.get("speaker_span"):
            org = apposition_organisation(text, q["speaker_span"][1])
        if org is not None:
            tied[speaker] = org
    if not tied:
        return speakers
    org_names = merge_names(tied.values())
    return [org_names[tied[s]] if s in tied else s for s in speakers]


def summarize(results: Iterable[Any], *, dates: Optional[Mapping[str, str]] = None, by_org: bool = False,
              texts: Optional[Sequence[str]] = None, resamples: int = BOOTSTRAP_RESAMPLES,
              seed: int = 0) -> List[SummaryRow]:
    """One :class:`SummaryRow` per (speaker, topic) over ``results``.

    Parameters
    ----------
    results : iterable of ArticleResult or article documents (``to_dict()`` JSON)
    dates : mapping, optional
        Article name (or file name, or file stem) -> ISO date (see :func:`read_dates`).
    by_org : bool, default=False
        Fold people into the organisation their article says they speak for.
    texts : sequence of str, optional
        The articles' texts, in order; with ``by_org`` they add appositions.
    resamples, seed : int
        Bootstrap resamples and the seed that makes the intervals repeatable.

    Returns
    -------
    list of SummaryRow
        Speakers with the most statements first; within a speaker, topics
        with the most statements first and ``other`` last. The rows' ``statements`` add up to the
        number of statements in ``results``.

    Examples
    --------
    >>> rows = summarize([analyzer.analyze(t) for t in texts])   # doctest: +SKIP
    >>> [(r.speaker, r.topic, r.net) for r in rows[:3]]           # doctest: +SKIP
    """
    return summarize_statements(place_statements(results, dates=dates, by_org=by_org, texts=texts),
                                resamples=resamples, seed=seed)


def summarize_statements(statements: Sequence[Statement], *, resamples: int = BOOTSTRAP_RESAMPLES,
                         seed: int = 0) -> List[SummaryRow]:
    """The rows of :func:`summarize` from statements already placed by :func:`place_statements`."""
    groups: Dict[Tuple[Optional[str], str], List[Statement]] = defaultdict(list)
    for s in statements:
        groups[(s.speaker, s.quote.get("topic") or "other")].append(s)
    per_speaker: Dict[Optional[str], int] = defaultdict(int)
    for (speaker, _), members in groups.items():
        per_speaker[speaker] += len(members)
    order = sorted(groups, key=lambda k: (-per_speaker[k[0]], k[0] is None, (k[0] or "").casefold(),
                                          k[1] == "other", -len(groups[k]), k[1]))
    rng = np.random.default_rng(seed)
    return [_row(speaker, topic, groups[(speaker, topic)], rng, resamples) for speaker, topic in order]


def _row(speaker, topic, members: Sequence[Statement], rng, resamples: int) -> SummaryRow:
    stances = [m.quote.get("stance") for m in members]
    nets = np.array([m.net for m in members if m.net is not None], dtype=float)
    net = low = high = None
    if len(nets):
        net = float(nets.mean())
        means = nets[rng.integers(0, len(nets), size=(resamples, len(nets)))].mean(axis=1)
        tail = (1 - INTERVAL) / 2 * 100
        low, high = (float(v) for v in np.percentile(means, [tail, 100 - tail]))
    top = sorted(members, key=lambda m: -m.confidence)[:TOP_STATEMENTS]
    return SummaryRow(
        speaker=speaker, topic=topic, statements=len(members),
        favor=stances.count("favor"), against=stances.count("against"), none=stances.count("none"),
        net=net, net_low=low, net_high=high,
        articles=tuple(dict.fromkeys(m.article for m in members)),
        dates=tuple(sorted({m.date for m in members if m.date})),
        top_statements=tuple(m.id for m in top),
        names=tuple(sorted({m.form for m in members if m.form})),
    )


# -- article dates --------------------------------------------------------------

def read_dates(path) -> Dict[str, str]:
    """Article -> ISO date from a CSV (header with ``article`` and ``date``) or JSONL metadata file.

    Dates are ``YYYY-MM-DD``, optionally followed by a time, which is dropped.

    Raises
    ------
    InputError
        The file is missing, has no ``article``/``date`` fields, or a date is not ISO.
    """
    from .articles import read_file_bytes

    path = Path(path)
    raw = read_file_bytes(path, expected="a CSV or JSONL file of article dates")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        records = _jsonl_records(text, path)
    elif path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        missing = {"article", "date"} - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"{path}: needs columns 'article' and 'date' (missing: {', '.join(sorted(missing))})")
        records = [(n, row) for n, row in enumerate(reader, start=2)]
    else:
        raise InputError(unknown("dates file type", path.suffix or path.name, [".csv", ".jsonl"]))
    out: Dict[str, str] = {}
    for line, rec in records:
        article, when = rec.get("article"), rec.get("date")
        if article in (None, "") or when in (None, ""):
            continue  # an article without a date simply has none
        out[str(article)] = _iso_date(str(when), f"{path}:{line}")
    return out


def _jsonl_records(text: str, path: Path) -> List[Tuple[int, dict]]:
    records = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: not JSON ({exc.msg})") from None
        if not isinstance(rec, dict):
            raise InputError(f"{path}:{n}: expected a JSON object")
        records.append((n, rec))
    return records


def _iso_date(value: str, where: str) -> str:
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise InputError(f"{where}: date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def article_date(article: str, dates: Mapping[str, str]) -> Optional[str]:
    """The date of an article named by path: looked up by the name, then the file name, then the stem."""
    for key in (article, Path(article).name, Path(article).stem):
        if key in dates:
            return dates[key]
    return None


# -- writers ------------------------------------------------------------------------

def write_summary(rows: Sequence[SummaryRow], fmt: str, out) -> None:
    """Write rows as a readable ``table``, ``csv`` (lists joined with ``;``) or ``json``."""
    if fmt == "json":
        out.write(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        names = [f.name for f in fields(SummaryRow)]
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _csv_value(v) for k, v in r.to_dict().items()})
    elif fmt == "table":
        _write_table(rows, out)
    else:
        raise InputError(unknown("format", fmt, SUMMARY_FORMATS))


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, float):
        return f"{value:.6g}"
    return "" if value is None else value


def _write_table(rows: Sequence[SummaryRow], out) -> None:
    head = ("speaker", "topic", "n", "favor", "against", "none", "net [95% interval]", "articles", "dates",
            "top statements")
    lines = [head]
    for r in rows:
        net = "" if r.net is None else f"{r.net:+.2f} [{r.net_low:+.2f}, {r.net_high:+.2f}]"
        span = "" if not r.dates else r.dates[0] if len(r.dates) == 1 else f"{r.dates[0]}..{r.dates[-1]}"
        lines.append((_clip(r.speaker or UNKNOWN_SPEAKER, 32), r.topic, str(r.statements), str(r.favor),
                      str(r.against), str(r.none), net, str(len(r.articles)), span,
                      _clip(" ".join(r.top_statements), 60)))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for line in lines:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() + "\n")
    out.write(f"{sum(r.statements for r in rows)} statements, {len({r.speaker for r in rows})} speakers, "
              f"{len(rows)} rows\n")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
