"""Fuzz campaign: feed many generated articles to ``attribute`` (and some to ``Analyzer.analyze``).

Usage::

    python scripts/fuzz_campaign.py [--inputs 100000] [--start 0] [--seed 0] [--analyze-every 4] [--model PATH]

Every input must either be refused with :class:`stance.errors.InputError`
(empty text) or return statements whose spans index the text exactly
(``text[start:end]`` equals the field, ``0 <= start <= end <= len(text)``).
Anything else is a crash or a span violation, printed with the seed that
reproduces it; the exit code is 1 if there was any. Inputs mix news-like
sentences, quotation marks of every kind, punctuation storms, unpunctuated
runs, long lines, control and non-Latin characters, and random Unicode.
Uses the installed default model (or ``--model``) for the analyzed share.
Input ``i`` depends only on ``--seed`` and ``i``, so a campaign can be split
over processes with ``--start``: ``--start 50000 --inputs 50000`` runs inputs
50,000 to 99,999 of the same campaign.
"""
from __future__ import annotations

import argparse
import pathlib
import random
import sys
import time
import traceback

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stance import Analyzer, attribute  # noqa: E402
from stance.errors import InputError  # noqa: E402

WORDS = ("Lee said the minister told reporters according to says added that Mr. Dr. Smith President Xi who "
         "noted as officials warned tariffs climate sanctions trade war \"We will win\" she he they it "
         "Ana Silva U.S. No. 2 in on said. adding claimed denied \u201cquoted\u201d 'single' (aside) — --"
         ).split()
MARKS = list("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e.,;:!?()[]\u2014\u2013-\u2026 \n\t\u00a0") + ["''", "``"]


def _news(rnd: random.Random) -> str:
    speakers = ["Lee", "Ana Silva", "the minister", "President Xi", "He", "She", "Officials", "A spokesperson"]
    verbs = ["said", "told reporters", "added", "warned", "claimed", "noted", "says"]
    out = []
    for _ in range(rnd.randint(1, 12)):
        who, verb = rnd.choice(speakers), rnd.choice(verbs)
        claim = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 15)))
        shape = rnd.randrange(5)
        if shape == 0:
            out.append(f'"{claim}," {who} {verb}.')
        elif shape == 1:
            out.append(f"{who} {verb} {claim}.")
        elif shape == 2:
            out.append(f"\u201c{claim},\u201d {verb} {who}. \u201c{claim}.\u201d")
        elif shape == 3:
            out.append(f"{claim}, according to {who}.")
        else:
            out.append(f"{who}, {claim}, {verb} that {claim}")
        out.append(rnd.choice([" ", " ", "\n", "\n\n", ""]))
    return "".join(out)


def _storm(rnd: random.Random) -> str:
    return "".join(rnd.choice(MARKS + WORDS) for _ in range(rnd.randint(1, 400)))


def _unicode(rnd: random.Random) -> str:
    ranges = [(0x20, 0x7E), (0x00A0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x0590, 0x06FF),
              (0x2000, 0x206F), (0x3000, 0x30FF), (0x4E00, 0x4FFF), (0x1F300, 0x1F64F), (0x0, 0x1F)]
    chars = []
    for _ in range(rnd.randint(1, 300)):
        lo, hi = rnd.choice(ranges)
        chars.append(chr(rnd.randint(lo, hi)))
    return "".join(chars)


def _long(rnd: random.Random) -> str:
    unit = rnd.choice(["said ", "Lee, ", "according to ", '"', "x", "The minister said nothing. ", ". ",
                       "\u201c", "Said Lee, ", "No. ", "a" * 50 + " "])
    return rnd.choice(["", "Lee "]) + unit * rnd.randint(100, 3000)


def _mix(rnd: random.Random) -> str:
    parts = [GENERATORS[rnd.randrange(4)](rnd) for _ in range(rnd.randint(2, 4))]
    return rnd.choice(["", " ", "\n", "\n\n"]).join(parts)


GENERATORS = [_news, _storm, _unicode, _news, _long, _mix]
WEIGHTS = [30, 20, 15, 15, 2, 18]


def check(text: str, result) -> list[str]:
    """Span violations of one result (empty when every span indexes ``text`` exactly)."""
    problems = []
    for q in result.quotes:
        d = q.to_dict()
        for field in ("content", "speaker_mention", "cue"):
            span = d[field.replace("_mention", "") + "_span"]
            value = d[field]
            if span is None:
                if value is not None:
                    problems.append(f"{field} {value!r} without a span")
                continue
            s, e = span
            if not (0 <= s <= e <= len(text)) or text[s:e] != value:
                problems.append(f"{field} span {span} does not index {value!r}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--start", type=int, default=0, help="index of the first input")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--analyze-every", type=int, default=4, help="also run Analyzer.analyze on every Nth input")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    analyzer = Analyzer.load(args.model) if args.analyze_every else None
    crashes = violations = refused = analyzed = statements = chars = 0
    t0 = time.perf_counter()
    for i in range(args.start, args.start + args.inputs):
        rnd = random.Random(f"{args.seed}-{i}")
        text = rnd.choices(GENERATORS, WEIGHTS)[0](rnd)
        chars += len(text)
        runs = [("attribute", lambda: attribute(text))]
        if analyzer is not None and i % args.analyze_every == 0:
            runs.append(("analyze", lambda: analyzer.analyze(text)))
        for name, run in runs:
            try:
                result = run()
            except InputError:
                refused += 1
                continue
            except Exception:
                crashes += 1
                print(f"CRASH {name} input {i} (seed {args.seed}): {text[:80]!r}", file=sys.stderr)
                traceback.print_exc()
                continue
            analyzed += name == "analyze"
            statements += len(result.quotes)
            problems = check(text, result)
            if problems:
                violations += 1
                print(f"SPAN {name} input {i} (seed {args.seed}): {problems[0]}", file=sys.stderr)
        if (i + 1 - args.start) % 10_000 == 0:
            print(f"  {i + 1} inputs, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    dt = time.perf_counter() - t0
    print(f"{args.inputs} inputs from {args.start} (seed {args.seed}; {chars / 1e6:.1f} M characters; "
          f"{analyzed} also analyzed with the model), "
          f"{statements} statements, {refused} refused as empty: {crashes} crashes, "
          f"{violations} span violations in {dt:.0f} s")
    return 1 if crashes or violations else 0


if __name__ == "__main__":
    sys.exit(main())
