"""Freeze and compare the full Analyzer output (attribution, topic, stance): the safety net for refactoring scoring.

    python scripts/golden_analyzer.py write [--dir DIR] [--shared PATH] [--src SRC]
    python scripts/golden_analyzer.py diff  [--dir DIR] [--shared PATH] [--src SRC]

For the bundled seed article, PolNeAR dev and the news_dev articles it writes the
JSON of ``Analyzer.load().analyze_many(texts)`` with the default model, one file
per corpus, one article a line. ``diff`` recomputes it and reports every article
whose output differs: topics, stances and every other field must be equal, and
probabilities equal within 1e-12 (exit 1 otherwise).

The golden files hold text derived from the shared corpora, which must not
enter the repository: they are written outside it (``--dir``). ``--src`` imports
``stance`` from another checkout's ``src``, so the old code can write the files
and the new one diff against them.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from golden_attribution import _shared, golden_dir, golden_parser
from golden_attribution import corpora as attribution_corpora

TOLERANCE = 1e-12


def corpora(shared: Path) -> dict[str, list[tuple[str, str]]]:
    """Corpus name -> [(article id, text)]: the seed article, PolNeAR dev and the news_dev articles found."""
    out = attribution_corpora(shared, splits=("dev",))
    folder = shared / "data" / "news_dev" / "articles"
    if folder.is_dir():
        out["news_dev"] = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    return out


def same(a, b) -> bool:
    """Equal JSON values, floats within :data:`TOLERANCE`."""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= TOLERANCE
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def main() -> int:
    args = golden_parser(__doc__.split("\n\n")[0], ("write", "diff"), "stance-golden-analyzer").parse_args()
    gold_dir = golden_dir(args)
    if gold_dir is None:
        return 2
    from stance.analyzer import Analyzer

    analyzer = Analyzer.load()
    changed = 0
    for name, articles in corpora(_shared(args.shared)).items():
        results = analyzer.analyze_many([t for _, t in articles], articles=[a for a, _ in articles])
        outputs = [r.to_dict() for r in results]
        path = gold_dir / f"{name}.jsonl"
        if args.action == "write":
            gold_dir.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(json.dumps(o, ensure_ascii=False, sort_keys=True) + "\n" for o in outputs),
                            encoding="utf-8")
            print(f"{name}: wrote {len(outputs)} articles, {sum(len(o['quotes']) for o in outputs)} statements")
            continue
        if not path.exists():
            print(f"{path} is absent: run 'write' first", file=sys.stderr)
            return 2
        gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        diff = [i for i in range(max(len(gold), len(outputs)))
                if i >= len(gold) or i >= len(outputs) or not same(gold[i], outputs[i])]
        changed += len(diff)
        print(f"{name}: {len(outputs)} articles, {len(diff)} differ" + (f" (first: {articles[diff[0]][0]})" if diff else ""))
    if args.action == "diff":
        print("golden diff: empty" if not changed else f"golden diff: {changed} articles differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
