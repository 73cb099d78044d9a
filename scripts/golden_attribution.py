"""Freeze and compare the exact attribution output (the safety net for refactoring attribution).

    python scripts/golden_attribution.py write [--dir DIR] [--shared PATH] [--src SRC]
    python scripts/golden_attribution.py diff  [--dir DIR] [--shared PATH] [--src SRC]
    python scripts/golden_attribution.py time  [--shared PATH] [--src SRC] [--repeat N]

For the bundled seed article and every article of PolNeAR dev and train it writes
the JSON of :func:`stance.analyzer.attribute` (what ``stance quotes --format json``
prints), one file per corpus, one article a line. ``diff`` recomputes the same
output and reports every article whose statements differ (exit 1), else says the
diff is empty (exit 0).

The golden files hold text derived from PolNeAR, which must not enter the
repository: they are written outside it (``--dir``, default a folder under the
system temporary directory). PolNeAR is read from ``../shared`` (or
``$STANCE_SHARED`` / ``--shared``); when it is absent only the seed article is
compared, and the script says so.

``--src`` imports ``stance`` from another checkout's ``src`` (for example an older commit
unpacked with ``git archive``), so the golden files can be written by the old code and
diffed against the new, and ``time`` (median seconds of ``attribute`` over each corpus) can
compare the two in the same session.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _shared(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    if os.environ.get("STANCE_SHARED"):
        return Path(os.environ["STANCE_SHARED"])
    for cand in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if cand.is_dir():
            return cand
    return ROOT.parent / "shared"


def corpora(shared: Path, splits=("dev", "train")) -> dict[str, list[tuple[str, str]]]:
    """Corpus name -> [(article id, text)]: the seed article and the PolNeAR ``splits`` found."""
    out = {"seed": [("seed_article", (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8"))]}
    for split in splits:
        path = shared / "data" / "polnear" / f"{split}.jsonl"
        if not path.exists():
            print(f"{path} is absent: PolNeAR {split} is not compared", file=sys.stderr)
            continue
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        out[f"polnear_{split}"] = [(str(r.get("doc_id", i)), r["text"]) for i, r in enumerate(rows)]
    return out


def outputs(articles: list[tuple[str, str]]) -> list[str]:
    from stance.analyzer import attribute

    return [json.dumps(attribute(text, article=doc_id).to_dict(), ensure_ascii=False, sort_keys=True)
            for doc_id, text in articles]


def golden_parser(description: str, actions: tuple[str, ...], folder: str) -> argparse.ArgumentParser:
    """The options every golden script takes: the action, ``--dir`` (default ``folder`` under the temporary
    directory), ``--shared`` and ``--src``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("action", choices=actions)
    ap.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / folder),
                    help="where the golden files live (outside the repository)")
    ap.add_argument("--shared", default=None, help="the shared data folder (default ../shared)")
    ap.add_argument("--src", default=str(ROOT / "src"), help="import stance from this folder (default: this checkout)")
    return ap


def golden_dir(args: argparse.Namespace) -> Path | None:
    """Puts ``--src`` first on the import path; the golden folder, or None (after saying why) inside the repository."""
    sys.path.insert(0, str(Path(args.src).resolve()))
    gold_dir = Path(args.dir)
    if gold_dir.resolve().is_relative_to(ROOT):
        print("golden files must live outside the repository (they hold corpus text)", file=sys.stderr)
        return None
    return gold_dir


def main() -> int:
    ap = golden_parser(__doc__.split("\n\n")[0], ("write", "diff", "time"), "stance-golden-attribution")
    ap.add_argument("--repeat", type=int, default=3, help="runs per corpus for 'time' (median)")
    args = ap.parse_args()
    gold_dir = golden_dir(args)
    if gold_dir is None:
        return 2
    changed = 0
    import stance

    print(f"stance from {Path(stance.__file__).parent}", file=sys.stderr)
    if args.action == "time":
        outputs([("warm-up", "Zhu said the talks were useful.")])  # lexicons, Punkt parameters
    for name, articles in corpora(_shared(args.shared)).items():
        if args.action == "time":
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                outputs(articles)
                times.append(time.perf_counter() - start)
            print(f"{name}: {len(articles)} articles, median {statistics.median(times):.3f} s of {args.repeat} "
                  f"({' '.join(f'{t:.3f}' for t in times)})")
            continue
        lines = outputs(articles)
        path = gold_dir / f"{name}.jsonl"
        if args.action == "write":
            gold_dir.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            n = sum(len(json.loads(x)["quotes"]) for x in lines)
            print(f"{name}: wrote {len(lines)} articles, {n} statements to {path}")
            continue
        if not path.exists():
            print(f"{path} is absent: run 'write' first", file=sys.stderr)
            return 2
        gold = path.read_text(encoding="utf-8").splitlines()
        diff = [i for i, (a, b) in enumerate(zip(gold, lines)) if a != b] + list(range(min(len(gold), len(lines)),
                                                                                     max(len(gold), len(lines))))
        changed += len(diff)
        print(f"{name}: {len(lines)} articles, {len(diff)} differ" + (f" (first: {articles[diff[0]][0]})" if diff else ""))
        for i in diff[:3]:
            old = json.loads(gold[i])["quotes"] if i < len(gold) else []
            new = json.loads(lines[i])["quotes"] if i < len(lines) else []
            old_set = {json.dumps(q, sort_keys=True) for q in old}
            new_set = {json.dumps(q, sort_keys=True) for q in new}
            for q in sorted(old_set - new_set)[:3]:
                print(f"  - {q[:300]}")
            for q in sorted(new_set - old_set)[:3]:
                print(f"  + {q[:300]}")
    if args.action == "diff":
        print("golden diff: empty" if not changed else f"golden diff: {changed} articles differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
