"""Rebuild the Punkt parameters shipped in ``src/stance/lexicon/punkt/``.

Trains nltk's ``PunktTrainer`` on a sample of the UN General Debate corpus
(UNGDC, CC0; ``../shared/data/ungdc/speeches.jsonl``), then merges the learned
abbreviations with the hand-written list in ``abbreviations_manual.txt`` and
writes plain-text parameter files that :mod:`stance.segment` loads:

* ``abbreviations.txt``   one abbreviation type a line (lowercase, no final period)
* ``collocations.txt``    ``word1<TAB>word2`` pairs Punkt must not split between
* ``sentence_starters.txt`` words that start sentences after an abbreviation
* ``ortho_context.txt``   ``word<TAB>flags`` for the most frequent words

Usage: ``python scripts/train_punkt.py [--speeches N] [--ortho-words N]``.
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib
import re

from nltk.tokenize.punkt import PunktTrainer

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "stance" / "lexicon" / "punkt"
UNGDC = ROOT.parent.parent / "shared" / "data" / "ungdc" / "speeches.jsonl"
HEADER = (
    "# Punkt parameter learned by scripts/train_punkt.py with nltk PunktTrainer from a sample of\n"
    "# the UN General Debate Corpus (UNGDC, Jankin, Baturo & Dasandi; CC0), merged with the\n"
    "# hand-written abbreviations_manual.txt. Licence: MIT (derived data of CC0 text).\n"
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default=str(UNGDC))
    ap.add_argument("--speeches", type=int, default=400)
    ap.add_argument("--ortho-words", type=int, default=6000)
    args = ap.parse_args()
    texts = []
    with open(args.corpus, encoding="utf-8") as fh:
        lines = fh.readlines()
    step = max(1, len(lines) // args.speeches)
    for line in lines[::step][: args.speeches]:
        texts.append(json.loads(line)["text"])
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = False
    for t in texts:
        trainer.train(t, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    manual = [
        l.split("\t")[0].strip()
        for l in (OUT / "abbreviations_manual.txt").read_text(encoding="utf-8").splitlines()
        if l.strip() and not l.startswith("#")
    ]
    learned = sorted(a for a in params.abbrev_types if re.fullmatch(r"[a-z](?:\.[a-z])+", a))  # only dotted forms (a.d, w.h.o); bare learned words were mostly names
    abbrevs = sorted(set(manual) | set(learned))
    (OUT / "abbreviations.txt").write_text(
        HEADER + "# Columns: abbreviation (lowercase, without its final period)\n" + "\n".join(abbrevs) + "\n",
        encoding="utf-8",
    )
    (OUT / "collocations.txt").write_text(
        HEADER + "# Columns: word1<TAB>word2\n"
        + "\n".join(f"{a}\t{b}" for a, b in sorted(params.collocations)) + "\n",
        encoding="utf-8",
    )
    (OUT / "sentence_starters.txt").write_text(
        HEADER + "# Columns: word\n" + "\n".join(sorted(params.sent_starters)) + "\n", encoding="utf-8"
    )
    freq = collections.Counter()
    for t in texts:
        freq.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", t))
    keep = {w for w, _ in freq.most_common(args.ortho_words)}
    rows = sorted((w, f) for w, f in params.ortho_context.items() if w in keep and f)
    (OUT / "ortho_context.txt").write_text(
        HEADER + "# Columns: word<TAB>flags (nltk punkt _ORTHO_* bit flags)\n"
        + "\n".join(f"{w}\t{f}" for w, f in rows) + "\n",
        encoding="utf-8",
    )
    print(f"{len(abbrevs)} abbreviations ({len(learned)} learned), {len(params.collocations)} collocations, "
          f"{len(params.sent_starters)} sentence starters, {len(rows)} ortho words")


if __name__ == "__main__":
    main()
