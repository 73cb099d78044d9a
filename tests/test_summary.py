"""Corpus summaries: rows per (speaker, topic), merged names, dates, intervals, writers."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from stance import Analyzer, InputError, SummaryRow, summarize
from stance.summary import read_dates, write_summary

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
NAMES = ["steel.txt", "prices.txt", "climate.txt"]


@pytest.fixture(scope="module")
def analyzer(tiny_model_path):
    return Analyzer.load(tiny_model_path)


@pytest.fixture(scope="module")
def corpus(analyzer):
    texts = [(ARTICLES / n).read_text(encoding="utf-8") for n in NAMES]
    return analyzer.analyze_many(texts, articles=NAMES), texts


def test_every_statement_lands_in_exactly_one_row(corpus):
    results, _ = corpus
    rows = summarize(results)
    assert sum(r.statements for r in rows) == sum(len(r.quotes) for r in results)
    assert all(r.statements == r.favor + r.against + r.none for r in rows)
    assert len({(r.speaker, r.topic) for r in rows}) == len(rows)
    per_topic = Counter(q.topic for r in results for q in r.quotes)
    assert {t: sum(r.statements for r in rows if r.topic == t) for t in per_topic} == dict(per_topic)


def test_speaker_merged_across_articles_and_title(corpus):
    results, _ = corpus
    forms = {q.speaker for r in results for q in r.quotes}
    assert {"Ana Kowal", "Kowal"} <= forms  # "Minister Kowal" in one article, the full name in another
    rows = summarize(results)
    speakers = {r.speaker for r in rows}
    assert "Ana Kowal" in speakers and "Kowal" not in speakers
    kowal = [r for r in rows if r.speaker == "Ana Kowal"]
    assert {a for r in kowal for a in r.articles} == {"steel.txt", "prices.txt"}
    assert {n for r in kowal for n in r.names} == {"Ana Kowal", "Kowal"}


def test_net_position_and_interval(corpus):
    results, _ = corpus
    for row in summarize(results):
        if row.topic == "other":
            assert row.net is None and row.net_low is None
            continue
        assert -1 <= row.net_low <= row.net <= row.net_high <= 1
        if row.statements == 1:
            assert row.net_low == pytest.approx(row.net) == pytest.approx(row.net_high)


def test_net_is_mean_favor_minus_against(corpus):
    results, _ = corpus
    rows = summarize(results, seed=3)
    for row in rows:
        probs = [q.probabilities for r in results for n, q in enumerate(r.quotes, 1)
                 if f"{r.article}#{n}" in row.top_statements]
        if row.statements == len(probs) and row.net is not None:
            assert row.net == pytest.approx(sum(p["favor"] - p["against"] for p in probs) / len(probs))


def test_top_statements_are_ids_of_the_rows_statements(corpus):
    results, _ = corpus
    by_id = {f"{r.article}#{n}": q for r in results for n, q in enumerate(r.quotes, 1)}
    for row in summarize(results):
        assert 1 <= len(row.top_statements) <= 3
        for sid in row.top_statements:
            assert by_id[sid].topic == row.topic
        confidences = [by_id[s].probabilities[by_id[s].stance] if by_id[s].probabilities
                       else by_id[s].topic_probability for s in row.top_statements]
        assert confidences == sorted(confidences, reverse=True)


def test_intervals_repeat_with_the_seed(corpus):
    results, _ = corpus
    assert summarize(results, seed=1) == summarize(results, seed=1)


def test_documents_are_accepted_like_results(corpus):
    results, _ = corpus
    docs = json.loads(json.dumps([r.to_dict() for r in results]))
    assert summarize(docs) == summarize(results)


def test_articles_with_the_same_name_stay_apart(analyzer):
    text = (ARTICLES / "steel.txt").read_text(encoding="utf-8")
    rows = summarize([analyzer.analyze(text), analyzer.analyze(text)])
    assert {a for r in rows for a in r.articles} == {"-@1", "-@2"}


def test_by_org_folds_people_where_the_article_says_so(corpus):
    results, texts = corpus
    rows = summarize(results, by_org=True, texts=texts)
    speakers = {r.speaker for r in rows}
    assert "Commerce Ministry" in speakers          # "A Commerce Ministry spokesman"
    assert "Institute of Trade Policy" in speakers  # "Ben Osei, a researcher at the Institute of ..."
    assert "Ben Osei" not in speakers
    assert "Ana Kowal" in speakers                  # no organisation named for her
    assert sum(r.statements for r in rows) == sum(len(r.quotes) for r in results)


def test_dates_from_csv_and_jsonl(tmp_path, corpus):
    results, _ = corpus
    dates = read_dates(ARTICLES / "dates.csv")
    assert dates == {"steel": "2025-03-01", "prices.txt": "2025-03-05"}
    jsonl = tmp_path / "meta.jsonl"
    jsonl.write_text('{"article": "steel", "date": "2025-03-01"}\n\n{"article": "climate", "date": null}\n',
                     encoding="utf-8")
    assert read_dates(jsonl) == {"steel": "2025-03-01"}
    rows = summarize(results, dates=dates)
    kowal = {d for r in rows if r.speaker == "Ana Kowal" for d in r.dates}
    assert kowal == {"2025-03-01", "2025-03-05"}
    assert all(r.dates == () for r in rows if r.speaker == "Lia Moreno")


@pytest.mark.parametrize("name, content, message", [
    pytest.param("d.csv", "article,when\na,2025-01-01\n", "needs columns", id="columns"),
    pytest.param("d.csv", "article,date\na,01/02/2025\n", "not an ISO date", id="date"),
    pytest.param("d.jsonl", "{oops\n", "not JSON", id="json"),
    pytest.param("d.jsonl", "[1, 2]\n", "expected a JSON object", id="not-object"),
    pytest.param("d.txt", "article,date\n", "unknown dates file type", id="type"),
])
def test_bad_dates_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_dates(path)


def test_writers(corpus):
    results, _ = corpus
    rows = summarize(results)
    out = io.StringIO()
    write_summary(rows, "json", out)
    assert [SummaryRow(**{k: tuple(v) if isinstance(v, list) else v for k, v in d.items()})
            for d in json.loads(out.getvalue())] == rows
    out = io.StringIO()
    write_summary(rows, "csv", out)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [int(r["statements"]) for r in table] == [r.statements for r in rows]
    out = io.StringIO()
    write_summary(rows, "table", out)
    assert out.getvalue().splitlines()[-1].startswith(f"{sum(r.statements for r in rows)} statements")
    with pytest.raises(InputError, match="unknown format"):
        write_summary(rows, "xml", io.StringIO())


def test_named_topic_rows(analyzer, corpus):
    _, texts = corpus
    results = analyzer.analyze_many(texts, topics=["tariffs", "climate"], articles=NAMES)
    rows = summarize(results)
    assert {r.topic for r in rows} == {"tariffs", "climate"}
    assert sum(r.statements for r in rows) == sum(len(r.quotes) for r in results)
