"""Train the default model from data/labeled/*.csv into models/stance.joblib.

    python train.py [--folds 5] [--quiet]

Calls the same function as ``stance train``; group-aware cross-validation
uses each row's ``document`` so sentences of one speech never sit on both
sides of a fold.
"""
import argparse
import sys
from pathlib import Path

from stance import progress
from stance.errors import StanceError
from stance.training import train

ROOT = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0 to skip)")
    parser.add_argument("--output", type=Path, default=ROOT / "models" / "stance.joblib")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar (drawn only on a terminal)")
    args = parser.parse_args()
    paths = sorted((ROOT / "data" / "labeled").glob("*.csv"))
    try:
        with progress.showing(enabled=not args.quiet):
            _, meta = train(paths, args.output, group_column="document", folds=args.folds, name="stance-default")
    except StanceError as exc:
        print(f"train.py: {exc}", file=sys.stderr)
        return 2
    cv = meta["cv"]
    print(f"wrote {args.output} ({meta['rows']} rows from {len(paths)} files)")
    if cv:
        print(f"cross-validated ({cv['folds']} folds, grouped by document): "
              f"topic macro-F1 {cv.get('topic', {}).get('macro_f1', float('nan')):.3f}, "
              f"stance macro-F1 {cv['stance']['macro_f1']:.3f}, F_avg {cv['stance']['f_avg']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
