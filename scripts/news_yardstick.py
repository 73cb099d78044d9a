"""The news yardstick: topic and stance of a model on real news with both sides (news_dev).

    python scripts/news_yardstick.py [--model PATH]                 # a saved model (default: the shipped one)
    python scripts/news_yardstick.py --config DATA:FEATURES [...]   # train configurations, compare them
    python scripts/news_yardstick.py --list                         # the named data sets and features

Reads ``../shared/data/news_dev/gold.doc.jsonl`` (or ``--gold``): 263 gold
statements from 36 real news articles. It is for measuring only: nothing from
it is printed or trained on. Each configuration is trained from the labeled
CSVs it names (no cross-validation, so a run takes a minute or two), then
scored on the gold statements exactly as ``stance evaluate`` scores them.

Besides the whole set, the articles are split into two fixed halves (seed 0):
settings are chosen on half A and confirmed on half B, so a choice that only
fits these articles shows up as a gap between the halves. Printed per
configuration and part: stance macro-F1 on the gold topic, topic macro-F1,
the lowest recall over the (topic, stance) cells with at least 10 statements
(in a half: at least 5), and whether the issue's bars hold; with ``--cells``
also every cell's recall. The figures come from
``stance.evaluate.yardstick``, which ``train.py`` also uses.
"""
from __future__ import annotations

import argparse
import glob
import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RELATIVE = Path("shared") / "data" / "news_dev" / "gold.doc.jsonl"

_EXTRA = ["data/labeled/extra/perspectrum.csv", "data/labeled/extra/ibm_claim_stance.csv"]
DATA: dict[str, list[str]] = {
    "ungdc": ["data/labeled/ungdc.csv"],
    "ungdc+extra": ["data/labeled/ungdc.csv"] + _EXTRA,
    "labeled": ["data/labeled/*.csv"],
    "labeled+extra": ["data/labeled/*.csv"] + _EXTRA,
    "labeled-handwritten": ["data/labeled/ungdc.csv", "data/labeled/ungdc_rare.csv", "data/labeled/wh_briefings.csv"],
    "labeled+argq": ["data/labeled/*.csv", "data/labeled/extra/ibm_argq_sanctions.csv"],
}
"""Training data sets: labeled CSV globs relative to the repository."""

_JOINT = {"stance_head": "joint"}
_TARGETS = {**_JOINT, "target_terms": True}
FEATURES: dict[str, dict] = {
    "per_topic": {"stance_head": "per_topic"},
    "joint": _JOINT,
    "targets": _TARGETS,
    "targets+per_topic": {**_TARGETS, "stance_head": "per_topic"},
    "targets+C1": {**_TARGETS, "C": 1.0},
    "targets+C10": {**_TARGETS, "C": 10.0},
    "targets+C0.5": {**_TARGETS, "C": 0.5},
    "targets+C0.25": {**_TARGETS, "C": 0.25},
    "joint+C1": {**_JOINT, "C": 1.0},
    "targets+per_topic+C1": {**_TARGETS, "stance_head": "per_topic", "C": 1.0},
    "targets+C1+char35": {**_TARGETS, "C": 1.0, "char_ngrams": [3, 5]},
    "targets+C1+word13": {**_TARGETS, "C": 1.0, "word_ngrams": [1, 3]},
}
"""StanceModel parameters to compare; a configuration is ``DATA:FEATURES``.

Configurations of parameters since retired (signed features, negation marks,
``shared_weight``, the shared head, words-only features, round 2's polarity
block: none helped) are in git history; their
figures stay in BENCHMARKS.md (issue 11)."""

def find_gold(given):
    if given:
        return Path(given)
    for base in (ROOT.parent, ROOT.parent.parent):  # ../shared from a checkout or from a worktree under wt/
        if (base / RELATIVE).exists():
            return base / RELATIVE
    return ROOT.parent / RELATIVE


def fail(message: str):
    print(f"news_yardstick: {message}", file=sys.stderr)
    raise SystemExit(2)


def config_of(name: str) -> tuple[list[str], dict]:
    data, _, features = name.partition(":")
    if data not in DATA or features not in FEATURES:
        fail(f"unknown configuration {name!r}; expected DATA:FEATURES, "
                         f"DATA one of {', '.join(DATA)}, FEATURES one of {', '.join(FEATURES)}")
    return DATA[data], FEATURES[features]


def train_config(name: str) -> tuple:
    from stance.data import read_labeled
    from stance.model import StanceModel

    patterns, params = config_of(name)
    paths = sorted({p for pattern in patterns for p in glob.glob(str(ROOT / pattern))})
    if not paths:
        fail(f"configuration {name!r} matches no labeled CSV")
    data = read_labeled(paths)
    start = time.perf_counter()
    model = StanceModel(**params).fit(data.texts, data.topics, data.stances)
    return model, {"rows": len(data), "files": [str(Path(p).relative_to(ROOT)) for p in paths],
                   "params": params, "fit_seconds": round(time.perf_counter() - start, 1)}


def print_table(results: dict, show_cells: bool) -> None:
    print(f"{'configuration':<48}{'part':<8}{'n':>5}{'stance mF1':>12}{'topic mF1':>11}{'min cell':>10}  "
          f"{'weakest cell':<24}bars")
    for name, res in results.items():
        for part, s in res["scores"].items():
            print(f"{name:<48}{part:<8}{s['n']:>5}{s['stance_macro_f1']:>12.3f}{s['topic_macro_f1']:>11.3f}"
                  f"{s['min_cell_recall']:>10.3f}  {str(s['min_cell']):<24}{'yes' if s['bars'] else 'no'}")
    if show_cells:
        for name, res in results.items():
            print(f"\n{name}: recall per (topic, stance) cell (all / half A / half B)")
            parts = res["scores"]
            for cell in parts["all"]["cells"]:
                vals = " / ".join(f"{parts[p]['cells'].get(cell, float('nan')):.2f}" for p in parts)
                print(f"  {cell:<28}{vals}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", action="append",
                    help="a saved model file, repeatable (default: the shipped model, when no --config is given)")
    ap.add_argument("--config", action="append", help="train and score DATA:FEATURES (see --list)")
    ap.add_argument("--list", action="store_true", help="print the named configurations and exit")
    ap.add_argument("--gold", help="gold JSONL (default ../shared/data/news_dev/gold.doc.jsonl)")
    ap.add_argument("--cells", action="store_true", help="print every (topic, stance) cell's recall")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--save", type=Path, help="also save each trained configuration's model in this directory")
    ap.add_argument("--context-weights", help="comma-separated context_weight values to score each model with "
                    "(the article's share in a statement's topic; default: each model's own)")
    ap.add_argument("--speaker-weights", help="comma-separated speaker_weight values to score each model with "
                    "(pooling over a gold speaker's statements on a topic in one article; default: each model's own)")
    ap.add_argument("--surround-weights", help="comma-separated surround_weight values to score each model with "
                    "(the share of the text around a statement in its stance; default: each model's own)")
    args = ap.parse_args()
    if args.list:
        for name, patterns in DATA.items():
            print(f"data {name:<24}{' '.join(patterns)}")
        for name, params in FEATURES.items():
            print(f"features {name:<24}{json.dumps(params)}")
        return 0
    for name in args.config or []:
        config_of(name)  # fail fast on a typo, before any training
    gold = find_gold(args.gold)
    if not gold.exists():
        print(f"news_yardstick: {gold} not found (../shared is absent?); news_dev is internal and not in the "
              "repository, pass --gold PATH", file=sys.stderr)
        return 2
    from stance.evaluate.run import read_gold
    from stance.evaluate.yardstick import score_gold_docs as score
    from stance.model import StanceModel

    sweeps = {"context_weight": ("--context-weights", "ctx", args.context_weights),
              "speaker_weight": ("--speaker-weights", "spk", args.speaker_weights),
              "surround_weight": ("--surround-weights", "sur", args.surround_weights)}
    values = {}
    for param, (option, _, given) in sweeps.items():
        try:
            values[param] = [float(w) for w in given.split(",")] if given else [None]
        except ValueError:
            fail(f"{option}: expected numbers separated by commas")
        if param != "context_weight" and any(w is not None and not 0 <= w <= 1 for w in values[param]):
            fail(f"{option}: each value must be in [0, 1]")
    docs = read_gold(gold)
    results = {}

    def record(name: str, model, info: dict) -> None:
        for setting in itertools.product(*values.values()):
            label = name
            for (param, (_, short, _)), value in zip(sweeps.items(), setting):
                if value is not None:
                    model.set_params(**{param: value})
                    label += f" @{short}={value:g}"
            results[label] = {**info, **{param: getattr(model, param) for param in sweeps},
                              "scores": score(model, docs)}

    for name in args.config or []:
        model, info = train_config(name)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            model.save(args.save / f"{name.replace(':', '__')}.joblib", metadata={"name": name, **info})
        record(name, model, info)
        print(f"# {name}: {info['rows']} rows, fitted in {info['fit_seconds']} s", file=sys.stderr)
    if not args.config:
        for path in args.model or [ROOT / "models" / "stance.joblib"]:
            record(Path(path).name, StanceModel.load(path), {})
    from stance.evaluate.yardstick import BARS, MIN_CELL

    print(f"news yardstick on {gold.name}: {len(docs)} articles; halves A/B are fixed (seed 0); "
          f"bars: stance macro-F1 >= {BARS['stance_macro_f1']}, topic macro-F1 >= {BARS['topic_macro_f1']}, "
          f"recall >= {BARS['cell_recall']} in every cell with >= {MIN_CELL} statements")
    print_table(results, args.cells)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
