"""Many articles: iter_analyze streams in chunks, and worker processes give the same results."""
from __future__ import annotations

import pytest

from stance import Analyzer, InputError

ARTICLE = (
    "Trade ministers met in Geneva on Monday.\n\n"
    "\"Tariffs hurt consumers and raise prices for everyone,\" Maria Lopez said.\n\n"
    "Lopez added that the United Nations must remain at the core of the international system.\n"
)
OTHERS = [
    "\"We must cut emissions now,\" said Ana Silva.",
    "The committee chair, Omar Haddad, said the embargo must be lifted at once.",
    "Nobody said anything at the quiet meeting.",
]


@pytest.fixture(scope="module")
def analyzer(tiny_model_path):
    return Analyzer.load(tiny_model_path)


def test_iter_analyze_reads_one_chunk_ahead(analyzer):
    pulled = []

    def texts():
        for i in range(40):
            pulled.append(i)
            yield ARTICLE

    results = analyzer.iter_analyze(texts(), chunk_size=4)
    first = next(results)
    assert len(pulled) <= 5  # a chunk, not the whole input: memory does not grow with the input
    rest = list(results)
    assert len(rest) == 39 and all(r.to_dict() == first.to_dict() for r in rest)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_iter_analyze_equals_analyze(analyzer, n_jobs):
    texts = [ARTICLE, *OTHERS] * 3
    names = [f"a{i}" for i in range(len(texts))]
    expected = [analyzer.analyze(t, article=n, topics=["tariffs", "climate"]).to_dict() for t, n in zip(texts, names)]
    got = analyzer.iter_analyze(iter(texts), articles=iter(names), topics=["tariffs", "climate"], n_jobs=n_jobs,
                                chunk_size=2)
    assert [r.to_dict() for r in got] == expected


def test_workers_get_an_analyzer_that_has_no_file(analyzer):
    in_memory = Analyzer(analyzer.model)  # not loaded from a file: sent to the workers pickled
    texts = [ARTICLE, *OTHERS]
    assert ([r.to_dict() for r in in_memory.analyze_many(texts, n_jobs=2)]
            == [r.to_dict() for r in analyzer.analyze_many(texts)])


def test_bad_text_raises_when_its_chunk_is_reached(analyzer):
    results = analyzer.iter_analyze([ARTICLE, ARTICLE, "   "], chunk_size=2)
    assert len(next(results).quotes) == 2
    next(results)
    with pytest.raises(InputError, match="empty"):
        next(results)


def test_one_name_per_text(analyzer):
    with pytest.raises(ValueError):
        list(analyzer.iter_analyze([ARTICLE, ARTICLE], articles=["a"]))
