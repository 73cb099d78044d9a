"""The document: quotation regions and the lookups over them."""
from __future__ import annotations

from stance.attribution.document import build_document, quote_kind, quote_regions


def test_regions_pair_marks_per_line_and_reopen_over_paragraphs():
    text = 'She said: "We are ready.\n\n"The bridge opens in May." Then "ok" he said.'
    regions = quote_regions(text)
    assert [text[a:b] for a, b in regions] == ['"We are ready.', '"The bridge opens in May."', '"ok"']
    doc = build_document(text)
    assert doc.chain_forward(regions[0]) == regions[1][1]  # a quotation left open continues
    assert doc.chain_back(regions[1]) == regions[0][0]
    assert doc.chain_forward(regions[2]) == regions[2][1]


def test_region_closing_before_an_attribution():
    text = '"It works," she said, and "ok" is fine.'
    doc = build_document(text)
    attribution = text.index("she")
    assert doc.region_closing_before(text.index(",") + 1, attribution) == (0, text.index(",") + 2)
    assert doc.region_closing_before(text.index("and"), len(text)) is None


def test_quote_kind():
    text = 'Ortiz said "the plan works" and costs fall.'
    doc = build_document(text)
    start = text.index('"')
    assert quote_kind(text, (start, start + len('"the plan works"')), doc.inside) == "direct"
    assert quote_kind(text, (start, len(text)), doc.inside) == "mixed"
    assert quote_kind(text, (0, 5), doc.inside) == "indirect"


def test_unbalanced_marks_never_raise():
    for text in ['"', "“", 'He said “ok', '"a" "b', "x ” y “ z", '\n\n"\n\n"']:
        build_document(text)


def test_sentence_of_is_the_last_sentence_starting_at_or_before():
    text = "Ortiz spoke.  Lee said so.\n\nMay left.  "
    doc = build_document(text)
    starts = [s.start for s in doc.sentences]
    for pos in range(len(text) + 2):
        expected = max([i for i, st in enumerate(starts) if st <= pos], default=0)
        assert doc.sentence_of(pos) == expected
