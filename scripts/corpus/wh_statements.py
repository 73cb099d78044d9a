#!/usr/bin/env python3
"""Candidate statements from the White House briefing-room documents.

The documents (``wh_briefings/documents.jsonl``, 2021-2026, US federal
government works in the public domain) hold the sides UN speeches lack:
officials for tariffs, against the Paris Agreement, withdrawing from UN
bodies.  Only words of the US government may be used, so this script keeps

* statements, releases, fact sheets and presidential actions whole, except
  co-authored texts (joint statements, communiques, leaders' declarations);
* in briefings and remarks, only the turns of US officials (a paragraph
  ``NAME:`` opens a turn that runs until the next one): reporters' questions
  (``Q``), foreign leaders, moderators and guests are left out;
* no sentence holding a quotation mark (quoted press, third parties), except
  the opening/closing marks around a whole spokesperson statement.

Statements are spans of one or two sentences of a paragraph (the UNGDC
splitter, ``extract_candidates.statements_of``), exact substrings of the
document text (``text[char_start:char_end]``).  Keyword groups pick the
candidates an annotator reads; duplicates (same normalised text, frequent in
fact sheets) are kept once.  Deterministic: no randomness beyond a seeded
shuffle.

    python3 scripts/corpus/wh_statements.py --docs ../shared/data/wh_briefings/documents.jsonl \
        --out data/labeled/work/wh_candidates.csv
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_candidates import norm, statements_of  # noqa: E402

TURN = re.compile(r"^([A-Z][A-Z .'’-]{1,45}):\s")
US_SPEAKERS = re.compile(
    r"""^(?:THE\ PRESIDENT|PRESIDENT\ (?:BIDEN|TRUMP)|THE\ VICE\ PRESIDENT|VICE\ PRESIDENT\ (?:HARRIS|VANCE)
        |MS\.\ PSAKI|MS\.\ JEAN-PIERRE|MS\.\ LEAVITT|MR\.\ KIRBY|MR\.\ SULLIVAN|MR\.\ FINER|MS\.\ BEDINGFIELD
        |MR\.\ DEESE|MS\.\ BRAINARD|MR\.\ ZIENTS|MR\.\ PODESTA|MR\.\ BERNSTEIN|CHAIR\ BERNSTEIN|DR\.\ JHA
        |MR\.\ HASSETT|MR\.\ NAVARRO|MR\.\ MILLER|MR\.\ BESSENT|MR\.\ LUTNICK|MR\.\ GREER
        |SENIOR\ ADMINISTRATION\ OFFICIAL|ADMINISTRATION\ OFFICIAL|AMBASSADOR\ TAI|AMBASSADOR\ GREER
        |SECRETARY\ (?!GENERAL)[A-Z]+|ADMINISTRATOR\ [A-Z]+)$""",
    re.X,
)
CO_AUTHORED = re.compile(r"joint|communiqu|leaders[’'] (?:statement|declaration)|declaration", re.I)
# collections of other people's reactions ("What they are saying: ...")
THIRD_PARTY = re.compile(r"what\s+they\s+are\s+saying|applaud|prais|icymi", re.I)
QUOTE_MARK = re.compile(r"[\"“”]")

GROUPS: dict[str, str] = {
    # order = priority: a statement goes to the first group it matches
    "bri": r"belt\ and\ road|debt[- ]trap|predatory\ (?:lending|loans?|financing)|\bBRI\b|coercive\ lending"
           r"|Partnership\ for\ Global\ Infrastructure|\bPGI\b|Lobito|economic\ corridor|\bIMEC\b|Build\ Back\ Better\ World",
    "climate": r"Paris\ (?:Agreement|Accord|Climate)|climate|green\ new\ (?:deal|scam)|carbon|emission|net[- ]zero"
               r"|\bcoal\b|drill|energy\ dominance|fossil|EV\ mandate|electric\ vehicle\ mandate|wind\ (?:farm|turbine|project)",
    "multilateralism": r"World\ Health\ Organization|\bWHO\b|UNESCO|Human\ Rights\ Council|UNRWA|United\ Nations|\bU\.N\.|\bUN\b"
                       r"|international\ organizations?|multilateral|globalis|globalist|global\ governance|withdraw"
                       r"|World\ Bank|\bIMF\b|\bOECD\b|global\ tax",
    "tariffs": r"tariff|duties|\bduty\b|Section\ 301|Section\ 232|reciprocal|trade\ deficit|protectionis|free\ trade"
               r"|unfair\ trade|trade\ (?:war|barrier|practices|agreement|deal)|\bWTO\b|World\ Trade\ Organization|import",
    "sanctions": r"sanction|embargo|export\ control|blockade|designat",
}
GROUP_RES = {g: re.compile(p, re.X) for g, p in GROUPS.items()}
GROUP_RES["climate"] = re.compile(GROUPS["climate"], re.X | re.I)
GROUP_RES["tariffs"] = re.compile(GROUPS["tariffs"], re.X | re.I)
GROUP_RES["sanctions"] = re.compile(GROUPS["sanctions"], re.X | re.I)


def stable_id(doc_id: str, start: int) -> str:
    return f"wh-{hashlib.sha1(doc_id.encode()).hexdigest()[:8]}-{start:06d}"


def admin_spans(text: str, turns: bool) -> list[tuple[int, int, str]]:
    """(start, end, speaker) of the paragraphs spoken by the US government."""
    out, pos, speaker = [], 0, "" if turns else "White House"
    for par in text.split("\n\n"):
        base, pos = pos, pos + len(par) + 2
        m = TURN.match(par)
        if m:
            speaker = m.group(1).strip()
            body = m.end()
        elif par.startswith("Q ") or par == "Q":
            speaker, body = "Q", 0
        else:
            body = 0
        if turns and not US_SPEAKERS.match(speaker):
            continue
        out.append((base + body, base + len(par), speaker))
    return out


def statements(doc: dict) -> list[dict]:
    text = doc["text"]
    has_turns = any(TURN.match(p) or p.startswith("Q ") for p in text.split("\n\n"))
    if THIRD_PARTY.search(doc["title"]) or (not has_turns and CO_AUTHORED.search(doc["title"])):
        return []
    rows = []
    for ps, pe, speaker in admin_spans(text, has_turns):
        par = text[ps:pe]
        # a spokesperson statement wrapped in one pair of quotation marks
        inner = par[1:-1] if par.startswith("“") and par.endswith("”") and par.count("“") == 1 else None
        base = ps + 1 if inner is not None else ps
        body = inner if inner is not None else par
        for s, e in statements_of(body):
            seg = body[s:e]
            if QUOTE_MARK.search(seg) or seg.startswith(("Sec.", "(")):
                continue
            rows.append({"start": base + s, "end": base + e, "text": seg, "speaker": speaker})
    return rows


def candidates(docs_path: Path, seed: int = 20261204) -> list[dict]:
    seen: set[str] = set()
    out = []
    with open(docs_path, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    for doc in docs:
        for st in statements(doc):
            key = norm(st["text"])
            if key in seen:
                continue
            seen.add(key)
            group = next((g for g, rx in GROUP_RES.items() if rx.search(st["text"])), None)
            if group is None:
                continue
            assert doc["text"][st["start"]:st["end"]] == st["text"]
            out.append({
                "id": stable_id(doc["id"], st["start"]), "text": st["text"], "group": group,
                "document": doc["id"], "date": doc["date"], "category": doc["category"],
                "speaker": st["speaker"], "source_url": doc["source_url"],
                "char_start": st["start"], "char_end": st["end"],
            })
    random.Random(seed).shuffle(out)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=Path("../shared/data/wh_briefings/documents.jsonl"))
    ap.add_argument("--out", type=Path, default=Path("data/labeled/work/wh_candidates.csv"))
    args = ap.parse_args(argv)
    if not args.docs.is_file():
        print(f"error: {args.docs} not found (the White House documents are not in this checkout)", file=sys.stderr)
        return 2
    rows = candidates(args.docs)
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    from collections import Counter
    print(len(rows), dict(Counter(r["group"] for r in rows)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
