"""CPU time of scoring (the Analyzer's work after attribution) over PolNeAR dev, old code against new, next to Punkt.

    python scripts/bench_scoring.py --old-src OLD/src [--shared ../shared] [--repeat 7]

Attribution is run once and its statements reused (the old and new
``find_quotes`` both return them), so each round times only what follows:
surroundings, features, topic and stance heads, speaker pooling. ``--old-src``
is another checkout's ``src`` (for example an older commit unpacked with
``git archive``); it is imported as ``stance_old`` from a temporary copy, so
both run in this process, interleaved with nltk Punkt ``span_tokenize`` over
the same texts. Medians of CPU seconds (``time.process_time``) are printed.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_scale import load_texts
from golden_attribution import ROOT, _shared


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old-src", required=True, help="the src folder of the code to compare against")
    ap.add_argument("--shared", default=None, help="the shared data folder (default ../shared)")
    ap.add_argument("--repeat", type=int, default=7, help="interleaved rounds (medians)")
    args = ap.parse_args()
    texts = load_texts(_shared(args.shared))
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(Path(args.old_src) / "stance", Path(tmp) / "stance_old")
        sys.path[:0] = [str(ROOT / "src"), tmp]
        import stance.analyzer as new_module
        import stance_old.analyzer as old_module
        from stance.segment import punkt_tokenizer

        found = {t: new_module.find_quotes(t) for t in texts}
        for module in (old_module, new_module):
            module.find_quotes = found.__getitem__  # scoring only
        names = ["-"] * len(texts)
        old, new = old_module.Analyzer.load(), new_module.Analyzer.load()
        tokenizer = punkt_tokenizer()
        contenders = {"punkt": lambda: [list(tokenizer.span_tokenize(t)) for t in texts],
                      "scoring old": lambda: old._analyze(texts, names, None),
                      "scoring new": lambda: new._analyze(texts, names, None)}
        for run in contenders.values():  # warm caches (lexicons, char_wb words)
            run()
        times: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(args.repeat):
            for name, run in contenders.items():
                start = time.process_time()
                run()
                times[name].append(time.process_time() - start)
    punkt = statistics.median(times["punkt"])
    print(f"{len(texts)} PolNeAR dev texts, {sum(len(q) for q in found.values())} statements, "
          f"median CPU s of {args.repeat} interleaved rounds")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<12} {median:.3f} s  {median / punkt:.2f}x Punkt   ({' '.join(f'{v:.3f}' for v in values)})")


if __name__ == "__main__":
    main()
