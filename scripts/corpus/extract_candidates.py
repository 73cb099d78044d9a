#!/usr/bin/env python3
"""Extract candidate statements from the UN General Debate corpus (UNGDC).

Phase 1 of building ``data/labeled/``: this script reads
``speeches.jsonl`` (UNGDC 2010-2024, CC0 1.0), splits every speech into
paragraphs and sentences with character offsets, forms *statements*
(one sentence, or two consecutive sentences of the same paragraph when the
first one is short or the second one clearly continues it), retrieves
statements per topic with keyword regexes, adds random statements (for
``other`` and for measuring the recall of the keyword retrieval), and writes

* ``<out>/candidates.csv``   all candidates with provenance and retrieval group
* ``<out>/batch_01.csv`` ... ``batch_NN.csv``  shuffled annotation batches with
  the columns ``id,text,document,speaker,post`` only (no retrieval hints)
* ``<out>/double_sample.csv``  a stratified random sample (over retrieval
  groups x batches) for the blind second annotation, same columns, shuffled

Everything is deterministic for a given ``--seed`` and input file.  Every
statement is an exact, unedited substring of its speech:
``speech["text"][char_start:char_end] == text`` is asserted for every row.

Statement rules
---------------
* Paragraphs: the speech text split on ``"\\n\\n"``.
* Sentences: a rule-based splitter (see ``split_sentences``): a sentence ends at
  ``.``, ``!`` or ``?`` (plus closing quotes/brackets) followed by a space and an
  upper-case letter, digit, opening quote or bracket, unless the word before
  the period is a known abbreviation (``Mr.``, ``No.``, ``e.g.`` ...) or a
  single capital letter (an initial).
* Walking each paragraph left to right without overlap: a sentence is paired
  with the next one of the same paragraph when it has fewer than
  ``SHORT_WORDS`` (12) words, or when the next one opens with a connective that
  refers back to it ("That is why", "To that end", "Therefore", ...).  A pair
  longer than ``MAX_WORDS`` falls back to the single sentence.
* Statements keep 8..80 whitespace-separated words; statements holding an
  editorial note such as "(spoke in French)" are dropped.

Sampling
--------
Topics are filled in the order belt_and_road, tariffs, sanctions,
multilateralism, climate, then ``random``.  A statement that was already
taken for an earlier group (or whose normalised text was already taken) is
not taken again.  Within a group the target is spread evenly over the years
(water-filling: years with too few matches give their share to the others),
and within a year statements are drawn in seeded random order in rounds so
that every speech gives at most one statement before any speech gives a
second, with a cap of ``--cap-per-speech`` (3; 2 for ``random``) per speech
and group.  ``random`` draws from all statements not yet taken, with or
without keyword matches.  The ``matched`` column lists every topic whose
regex matches the statement (independent of the group that took it).

Usage::

    python3 scripts/corpus/extract_candidates.py \
        --speeches /work/shared/data/ungdc/speeches.jsonl \
        --out data/labeled/work --seed 20261128
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

SHORT_WORDS = 12
MIN_WORDS = 8
MAX_WORDS = 80

# --------------------------------------------------------------------------
# Topic keyword regexes (case-insensitive).  Written for recall; annotators
# decide the actual topic, so loose matches are expected to end up `other`.
# --------------------------------------------------------------------------
TOPIC_PATTERNS: dict[str, str] = {
    "belt_and_road": r"""
        belt\s+and\s+road | one\s+belt,?\s+one\s+road | silk\s+road
      | connectivity | interconnection\w* | interconnectivity | interconnector\w*
      | (?:economic|transport|trade|transit|energy|development|land|sea|maritime
           |north[-\s]south|east[-\s]west|international)\s+corridors?
      | corridors?\s+(?:linking|connecting|between)
      | infrastructure\s+(?:cooperation|projects?|development|investments?|connectivity|networks?|links?|partnerships?)
      | (?:regional|cross-border|transboundary|transnational|trans-regional)\s+infrastructure
      | rail(?:way|road)s?\b | rail\s+links? | high-speed\s+rail | railway\s+lines?
      | (?:gas|oil)\s+pipelines? | pipelines?\s+(?:project|linking|connecting)
      | transit\s+(?:routes?|transport|corridors?|countries|trade|potential|hub)
      | transport\s+(?:links?|routes?|networks?|hub|infrastructure)
      | logistics\s+hub | (?:seaports?|dry\s+ports?|deep-sea\s+ports?)
      | trans-(?:Asian|African|Caspian|Afghan|Saharan)
      | land-?locked
      | Lapis\s+Lazuli | CPEC | Asian\s+Infrastructure\s+Investment\s+Bank | \bAIIB\b
      | Global\s+Gateway | Partnership\s+for\s+Global\s+Infrastructure
    """,
    "tariffs": r"""
        tariffs? | protectionis\w* | trade\s+wars? | free[-\s]trade
      | free\s+and\s+fair\s+trade | fair\s+trade
      | (?:trade|tariff|non-tariff|market)\s+barriers? | barriers\s+to\s+(?:trade|market)
      | World\s+Trade\s+Organi[sz]ation | \bWTO\b
      | Doha\s+(?:Development\s+)?(?:Round|Agenda|round) | Doha\s+negotiations
      | unilateral\s+trade | trade\s+(?:restrictions?|tensions|disputes?|liberali[sz]ation
           |openness|distortions?|agreements?|negotiations|regime|rules|facilitation|preferences)
      | trade-distorting | agricultural\s+subsidies | (?:farm|export)\s+subsidies
      | open\s+trade | trading\s+system | market\s+access | open\s+markets?
      | customs\s+(?:union|duties|tariffs?) | duty-free | quota-free
      | economic\s+nationalism | import\s+(?:duties|restrictions|quotas|bans?)
      | commodity\s+prices\s+and\s+trade | global\s+trade | international\s+trade
      | world\s+trade | multilateral\s+trade
    """,
    "sanctions": r"""
        sanction\w* | embargo\w* | blockades?
      | unilateral\s+coercive | coercive\s+(?:economic\s+)?measures
      | unilateral\s+(?:economic\s+)?(?:measures|restrictions)
      | restrictive\s+measures | economic\s+(?:pressure|coercion|blockade|war(?:fare)?)
      | Helms-Burton | extraterritorial
      | asset\s+freez\w* | travel\s+bans? | arms\s+embargo
    """,
    "multilateralism": r"""
        multilateral\w* | unilateralism | unilateral\s+actions?
      | reform\w*\s+(?:of\s+)?(?:the\s+)?(?:United\s+Nations|Security\s+Council|Organization|UN\b|General\s+Assembly|international\s+financial)
      | (?:United\s+Nations|UN|Security\s+Council|Council|Organization)\s+reform
      | revitali[sz]\w*\s+(?:of\s+)?(?:the\s+)?General\s+Assembly
      | global\s+governance | Charter\s+of\s+the\s+United\s+Nations | United\s+Nations\s+Charter
      | (?:the|our|its)\s+Charter\b | international\s+institutions | international\s+organi[sz]ations
      | Bretton\s+Woods | \bveto\b | permanent\s+(?:and\s+non-permanent\s+)?(?:members?|seats?)
      | rules-based\s+(?:international\s+)?(?:order|system) | international\s+order
      | international\s+cooperation | centrality\s+of\s+the\s+United\s+Nations
      | Security\s+Council\s+(?:must\s+be\s+)?(?:reform\w*|enlarge\w*|expan\w*|composition|membership|working\s+methods)
      | (?:enlarge\w*|expan\w*|composition|democrati[sz]\w*)\s+of\s+the\s+Security\s+Council
    """,
    "climate": r"""
        climat\w* | global\s+warming | Paris\s+Agreement | Paris\s+accord
      | greenhouse | emissions? | carbon | decarboni\w* | renewable\w*
      | sea[-\s]levels?\s+ris\w* | rising\s+sea | Kyoto | UNFCCC | \bCOP\s?-?\d+
      | net[-\s]zero | fossil\s+fuels? | clean\s+energy | green\s+(?:economy|growth|transition|energy|development|fund|hydrogen)
      | Green\s+Climate\s+Fund | 1\.5\s*(?:°|degrees?) | 2\s*(?:°|degrees?)\s*C
      | energy\s+transition | loss\s+and\s+damage | adaptation\s+and\s+mitigation | mitigation\s+and\s+adaptation
      | global\s+heating | deforestation
    """,
}
TOPIC_RES = {t: re.compile(p, re.I | re.X) for t, p in TOPIC_PATTERNS.items()}

DEFAULT_TARGETS = {
    "belt_and_road": 350,
    "tariffs": 750,
    "sanctions": 700,
    "multilateralism": 700,
    "climate": 650,
    "random": 1300,
}
ORDER = ["belt_and_road", "tariffs", "sanctions", "multilateralism", "climate", "random"]

# --------------------------------------------------------------------------
# Sentence splitting
# --------------------------------------------------------------------------
ABBREVIATIONS = {
    "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "sr", "jr", "mt", "no", "nos",
    "art", "arts", "para", "paras", "vol", "vols", "p", "pp", "ch", "sec",
    "e.g", "i.e", "cf", "vs", "v", "viz", "approx", "ca", "fig",
    "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "gov", "sen", "rep",
    "hon", "rev", "excellency", "h.e", "amb", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "inc",
    "ltd", "co", "corp", "dept", "est", "op", "al",
}
# candidate boundary: terminal punctuation, optional closers, whitespace, then a
# plausible sentence opener
BOUNDARY = re.compile(r"""[.!?]['"”’)\]]*(?=\s+['"“‘(\[]?[A-Z0-9])""")
WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")

CONTINUATION = re.compile(
    r"""^(?:That\s+is\s+(?:why|the\s+reason)|This\s+is\s+(?:why|the\s+reason)|That\s+is\s+what
       |For\s+(?:that|this)\s+reason|To\s+(?:that|this)\s+end|In\s+(?:that|this)\s+(?:regard|respect|context|spirit)
       |Therefore|Thus|Hence|Consequently|Accordingly|As\s+such|It\s+is\s+for\s+(?:that|this)\s+reason)\b""",
    re.X,
)


def split_sentences(par: str, base: int) -> list[tuple[int, int]]:
    """Return (start, end) offsets (relative to the speech: ``base`` + index in
    ``par``) of the sentences of paragraph ``par``.  Leading/trailing spaces
    are excluded from the spans."""
    spans = []
    start = 0
    for m in BOUNDARY.finditer(par):
        end = m.end()
        if par[m.start()] == ".":
            w = WORD_BEFORE.search(par[start : m.start() + 1])
            if w:
                word = w.group(1)
                lw = word.lower().rstrip(".")
                if lw in ABBREVIATIONS:
                    continue
                if len(word) == 1 and word.isupper():  # initial such as "John F."
                    continue
                if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # U.S.A, a.m
                    continue
        spans.append((start, end))
        start = end
    spans.append((start, len(par)))
    out = []
    for s, e in spans:
        seg = par[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            out.append((base + s + ls, base + s + rs))
    return out


def n_words(s: str) -> int:
    return len(s.split())


def statements_of(text: str) -> list[tuple[int, int]]:
    """Non-overlapping statements (char spans) of one speech."""
    out = []
    pos = 0
    for par in text.split("\n\n"):
        base = pos
        pos += len(par) + 2
        sents = split_sentences(par, base)
        i = 0
        while i < len(sents):
            s, e = sents[i]
            span = (s, e)
            used = 1
            if i + 1 < len(sents):
                s2, e2 = sents[i + 1]
                first = text[s:e]
                second = text[s2:e2]
                if n_words(first) < SHORT_WORDS or CONTINUATION.match(second):
                    if n_words(text[s:e2]) <= MAX_WORDS:
                        span = (s, e2)
                        used = 2
            seg = text[span[0] : span[1]]
            nw = n_words(seg)
            if MIN_WORDS <= nw <= MAX_WORDS and "(spoke in" not in seg:
                out.append(span)
            i += used
    return out


def norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


# --------------------------------------------------------------------------
def water_fill(avail: dict[int, int], target: int) -> dict[int, int]:
    """Spread ``target`` over keys as evenly as possible, capped by ``avail``."""
    quota = {k: 0 for k in avail}
    remaining = target
    open_keys = [k for k in sorted(avail) if avail[k] > 0]
    while remaining > 0 and open_keys:
        share, extra = divmod(remaining, len(open_keys))
        nxt = []
        for j, k in enumerate(open_keys):
            want = share + (1 if j < extra else 0)
            give = min(want, avail[k] - quota[k])
            quota[k] += give
            remaining -= give
            if quota[k] < avail[k]:
                nxt.append(k)
        if len(nxt) == len(open_keys) and share == 0 and extra == 0:
            break
        open_keys = nxt
    return quota


def draw(pool: list[dict], target: int, cap: int, rng: random.Random) -> list[dict]:
    """Year-stratified, speech-spread draw from ``pool``."""
    by_year: dict[int, list[dict]] = defaultdict(list)
    for r in pool:
        by_year[r["year"]].append(r)
    # what each year can give under the per-speech cap
    avail = {}
    for y, rows in by_year.items():
        per_speech = Counter(r["document"] for r in rows)
        avail[y] = sum(min(c, cap) for c in per_speech.values())
    quota = water_fill(avail, target)
    chosen = []
    for y in sorted(by_year):
        rows = sorted(by_year[y], key=lambda r: r["id"])
        rng.shuffle(rows)
        taken = Counter()
        picked: list[dict] = []
        for rnd in range(cap):
            for r in rows:
                if len(picked) >= quota[y]:
                    break
                if r.get("_p") or taken[r["document"]] != rnd:
                    continue
                r["_p"] = True
                taken[r["document"]] += 1
                picked.append(r)
        for r in picked:
            r.pop("_p", None)
        chosen.extend(picked)
    return chosen


def load_statements(path, year_min: int = 2010, year_max: int = 2023) -> tuple[dict, list[dict]]:
    """Every statement of every speech in the year range, with provenance and keyword matches.

    Returns the speeches by document (``CCC_YEAR``) and the statement rows;
    all three extraction rounds draw from this one list.
    """
    speeches, rows = {}, []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            sp = json.loads(line)
            if not (year_min <= sp["year"] <= year_max):
                continue
            doc = f"{sp['country']}_{sp['year']}"
            speeches[doc] = sp
            text = sp["text"]
            for s, e in statements_of(text):
                seg = text[s:e]
                rows.append({
                    "id": f"ungdc-{sp['year']}-{sp['country']}-{s:06d}",
                    "text": seg,
                    "source": "UNGDC",
                    "document": doc,
                    "country": sp["country"],
                    "year": sp["year"],
                    "speaker": sp["speaker"] or "",
                    "post": sp["post"] or "",
                    "char_start": s,
                    "char_end": e,
                    "license": "CC0-1.0",
                    "matched": "|".join(t for t in TOPIC_PATTERNS if TOPIC_RES[t].search(seg)),
                })
    return speeches, rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--speeches", default="/work/shared/data/ungdc/speeches.jsonl")
    ap.add_argument("--out", default="data/labeled/work")
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--year-min", type=int, default=2010)
    ap.add_argument("--year-max", type=int, default=2023, help="2024 is excluded by default (lower quality)")
    ap.add_argument("--cap-per-speech", type=int, default=3)
    ap.add_argument("--batches", type=int, default=8)
    ap.add_argument("--double", type=int, default=480, help="size of the double-annotation sample")
    for g in ORDER:
        ap.add_argument(f"--n-{g.replace('_', '-')}", type=int, default=DEFAULT_TARGETS[g])
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    speeches, rows = load_statements(args.speeches, args.year_min, args.year_max)
    print(f"speeches: {len(speeches)}  statements: {len(rows)}", file=sys.stderr)
    for t in TOPIC_PATTERNS:
        print(f"  pool {t}: {sum(t in r['matched'].split('|') for r in rows)}", file=sys.stderr)

    taken_ids: set[str] = set()
    taken_text: set[str] = set()
    # texts that occur more than once anywhere (boilerplate) are never taken
    text_count = Counter(norm(r["text"]) for r in rows)
    selected = []
    for g in ORDER:
        target = getattr(args, f"n_{g}")
        cap = 2 if g == "random" else args.cap_per_speech
        pool = [
            r for r in rows
            if r["id"] not in taken_ids and norm(r["text"]) not in taken_text
            and text_count[norm(r["text"])] == 1
            and (g == "random" or g in r["matched"].split("|"))
        ]
        got = draw(pool, target, cap, rng)
        for r in got:
            r = dict(r, retrieval=g)
            taken_ids.add(r["id"])
            taken_text.add(norm(r["text"]))
            selected.append(r)
        print(f"  {g}: pool {len(pool)} target {target} taken {len(got)}", file=sys.stderr)

    # verification
    assert len({r["id"] for r in selected}) == len(selected), "duplicate ids"
    assert len({norm(r["text"]) for r in selected}) == len(selected), "duplicate texts"
    for r in selected:
        t = speeches[r["document"]]["text"]
        assert t[r["char_start"] : r["char_end"]] == r["text"], r["id"]
        assert MIN_WORDS <= n_words(r["text"]) <= MAX_WORDS, r["id"]

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    selected.sort(key=lambda r: (r["year"], r["country"], r["char_start"]))
    cols = ["id", "text", "source", "document", "country", "year", "speaker", "post",
            "char_start", "char_end", "license", "retrieval", "matched"]
    with open(out / "candidates.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(selected)

    # batches: seeded shuffle, round-robin split
    shuffled = list(selected)
    rng.shuffle(shuffled)
    bcols = ["id", "text", "document", "speaker", "post"]
    batch_of = {}
    batches = [shuffled[i :: args.batches] for i in range(args.batches)]
    for b, rows_b in enumerate(batches, 1):
        with open(out / f"batch_{b:02d}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=bcols, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows_b)
        for r in rows_b:
            batch_of[r["id"]] = b

    # double-annotation sample: equal share per retrieval group, spread evenly
    # over batches within each group
    cells: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for r in selected:
        cells[(r["retrieval"], batch_of[r["id"]])].append(r)
    groups = [g for g in ORDER if any(r["retrieval"] == g for r in selected)]
    per_group = water_fill({g: sum(1 for r in selected if r["retrieval"] == g) for g in groups}, args.double)
    double = []
    for g in groups:
        avail = {b: len(cells[(g, b)]) for b in range(1, args.batches + 1)}
        q = water_fill(avail, per_group[g])
        for b in range(1, args.batches + 1):
            cell = sorted(cells[(g, b)], key=lambda r: r["id"])
            double.extend(rng.sample(cell, q[b]))
    rng.shuffle(double)
    with open(out / "double_sample.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=bcols, extrasaction="ignore")
        w.writeheader()
        w.writerows(double)

    c = Counter(r["retrieval"] for r in selected)
    print(f"candidates: {len(selected)}  " + "  ".join(f"{g}={c[g]}" for g in ORDER), file=sys.stderr)
    print(f"countries: {len({r['country'] for r in selected})}  double sample: {len(double)} "
          + str(dict(Counter(r['retrieval'] for r in double))), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
