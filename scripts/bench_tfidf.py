"""CPU time of the TF-IDF blocks (``stance.tfidf.transform``) on scoring's real inputs, old code against new.

    python scripts/bench_tfidf.py --old-src OLD/src [--shared ../shared] [--repeat 7]

One ``analyze_many`` over PolNeAR dev records every ``tfidf.transform``
call (statements with their articles, then surroundings; the word block
reads the target-rewritten text). Each block's calls are then replayed
with the old and the new ``tfidf`` module, interleaved, after checking
that both give the same matrices bit for bit. ``--old-src`` is another
checkout's ``src``; only its ``stance/tfidf.py`` is loaded. Also printed:
the one-off cost per process of the word block's token index, and the
memory of the character block's word store when full; and, for text not
seen before, the columns of the distinct words of the dev calls found one by
one against all at once (``_columns_at_once``, old and new, with their index's
one-off cost and memory).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

from bench_scale import load_texts
from golden_attribution import ROOT, _shared


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old-src", required=True, help="the src folder of the code to compare against")
    ap.add_argument("--shared", default=None, help="the shared data folder (default ../shared)")
    ap.add_argument("--repeat", type=int, default=7, help="interleaved rounds (medians)")
    args = ap.parse_args()
    shared = _shared(args.shared)
    texts = load_texts(shared)
    sys.path.insert(0, str(ROOT / "src"))
    from stance import tfidf as new
    from stance.analyzer import Analyzer

    spec = importlib.util.spec_from_file_location("tfidf_old", Path(args.old_src) / "stance" / "tfidf.py")
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    analyzer = Analyzer.load()
    calls, transform = [], new.transform
    new.transform = lambda vec, batch: calls.append((vec, list(batch))) or transform(vec, batch)
    analyzer.analyze_many(texts)
    new.transform = transform

    print(f"{len(texts)} PolNeAR dev texts, {len(calls)} transform calls, median CPU s of {args.repeat} "
          f"interleaved rounds")
    for analyzer_name in ("word", "char_wb"):
        block = [(vec, batch) for vec, batch in calls if vec.analyzer == analyzer_name]
        for vec, batch in block:
            a, b = old.transform(vec, batch), new.transform(vec, batch)
            assert all(np.array_equal(x, y) for x, y in ((a.indptr, b.indptr), (a.indices, b.indices),
                                                          (a.data, b.data))), "old and new differ"
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.repeat):
            for name, module in (("old", old), ("new", new)):
                start = time.process_time()
                for vec, batch in block:
                    module.transform(vec, batch)
                times[name].append(time.process_time() - start)
        before, after = statistics.median(times["old"]), statistics.median(times["new"])
        print(f"{analyzer_name:<8} {sum(len(t) for _, b in block for t in b):>8,} chars  old {before:.3f} s  "
              f"new {after:.3f} s  ({after / before - 1:+.0%})")

    word = next(vec for vec, _ in calls if vec.analyzer == "word")
    builds = []
    for _ in range(args.repeat):
        start = time.process_time()
        new._BigramIndex.build(word.vocabulary_)
        builds.append(time.process_time() - start)
    tracemalloc.start()
    index = new._BigramIndex.build(word.vocabulary_)
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"token index, once per process: {statistics.median(builds):.3f} CPU s, {kept / 1e6:.1f} MB kept "
          f"({peak / 1e6:.1f} MB at peak); {len(index.tokens):,} tokens, {len(index.keys) - 1:,} bigrams")

    char = next(vec for vec, _ in calls if vec.analyzer == "char_wb")
    train = [json.loads(line)["text"] for line in (shared / "data" / "polnear" / "train.jsonl").open(encoding="utf-8")]
    for module in (old, new):
        tracemalloc.start()
        for i in range(0, len(train), 64):
            module.transform(char, train[i:i + 64])
            words = len(module._STORES[char].rows)
            if words > module.WORDS_CACHED:
                break
        kept, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"char_wb words kept, {'old' if module is old else 'new'}: {words:,} words, {kept / 1e6:.1f} MB")

    preprocess = char.build_preprocessor()
    batches = [batch for vec, batch in calls if vec is char]
    distinct = list(dict.fromkeys(w for batch in batches for t in batch for w in preprocess(t).split()))
    found: dict[str, list[float]] = {"one by one": [], "old at once": [], "new at once": [], "old index": [],
                                     "new index": []}
    for _ in range(args.repeat):
        for name, module in (("old", old), ("new", new)):
            module._GRAM_INDEX.pop(char, None)
            for step, run in (("index", lambda: module._gram_index(char)),
                              ("at once", lambda: module._columns_at_once(char, distinct))):
                start = time.process_time()
                run()
                found[f"{name} {step}"].append(time.process_time() - start)
        start = time.process_time()
        new._columns_one_by_one(char, distinct)
        found["one by one"].append(time.process_time() - start)
    print(f"columns of {len(distinct):,} new words: " + ", ".join(
        f"{name} {statistics.median(t):.3f} s" for name, t in found.items()) + " (the index once per process)")
    for name, module in (("old", old), ("new", new)):
        module._GRAM_INDEX.pop(char, None)
        tracemalloc.start()
        module._gram_index(char)
        kept, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"char_wb n-gram index, {name}: {kept / 1e6:.1f} MB kept ({peak / 1e6:.1f} MB at peak)")


if __name__ == "__main__":
    main()
