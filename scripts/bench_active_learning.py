"""Does the labeling loop's ranking save labels? A simulated user with gold labels answers it.

    python scripts/bench_active_learning.py [--motions 8] [--seeds 4] [--budgets 25,50,...]
                                            [--skip-ibm] [--skip-semeval] [--json results.json]
    python scripts/bench_active_learning.py --refit-pause 2000

The second form times a real labeling session instead: ``stance label``'s
loop (:class:`stance.labeling.LabelingSession`, labels file and all) over
2000 IBM arguments, 200 answers, CPU seconds of each refit.

Each task is a topic the model has never seen. A simulated user answers the
statements ``stance label`` would show, in its order, with their gold label,
``--step`` (the default ``--refit-every``, 25) at a time; after every step the
loop's learner (:class:`stance.labeling.TopicLearner`) is refitted on all
answers and scored (macro-F1 over the task's answers) on held-out statements.
Strategies, on the same pool, test set and features:

* ``random``: statements in random order (labeling without help);
* ``active``: what ``stance label`` does without ``--seed-terms``
  (:func:`stance.labeling.choose`): random order until there are two kinds
  of answers, then the model's uncertainty + diversity;
* ``seeded``: what it does with ``--seed-terms``: seed-term matches +
  diversity first, then uncertainty + diversity;
* ``uncertainty``: random start, then uncertainty only (no diversity), to
  see what diversity adds.

Tasks:

* IBM-ArgQ-Rank-30k (CC BY-SA 3.0): each sampled motion is a new topic. Its
  arguments are on topic (pro -> favor, con -> against); as many arguments
  from other motions are mixed in as off-topic statements (answer ``other``),
  as articles mix on- and off-topic statements. 70% of the mix is the pool to
  label, 30% the test set (a new split per seed). Seed terms: the motion's
  content words ("We should ban whaling" -> ban, whaling).
* SemEval-2016 Task 6 training data (internal only; not redistributable):
  each target is a topic; its tweets are the pool and test set (favor,
  against, none), split 70/30 per seed. Seed terms: the target's words.

Reported per strategy and budget: mean macro-F1 over tasks (seeds averaged
per task) with a 95% bootstrap interval over tasks; the paired difference
active - random with its interval; and the labels needed to reach 95% of the
macro-F1 a model trained on the whole pool reaches (median over tasks and
seeds; tasks that never reach it within the budgets count as not reached).

Data is read from ``../shared/data/`` next to the checkout (or --ibm /
--semeval); when it is absent the script says so and exits 2. Nothing from
the data is printed. Runs in one process (nice it: ``nice -n 10``).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stance.labeling import ANSWERS, TopicLearner, choose  # noqa: E402

IBM = Path("shared") / "data" / "ibm_argq_30k" / "arg_quality_rank_30k.csv"
SEMEVAL = Path("shared") / "data" / "semeval2016_task6" / "train.csv"
STRATEGIES = ["random", "active", "seeded", "uncertainty"]
STOP = {"we", "should", "the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "be", "is", "are", "all",
        "its", "their", "not", "no", "with", "by", "as", "at", "from", "this", "that"}


def find(given, relative: Path):
    if given:
        return Path(given)
    for base in (ROOT.parent, ROOT.parent.parent):  # ../shared from a checkout or from a worktree under wt/
        if (base / relative).exists():
            return base / relative
    return ROOT.parent / relative


def seed_terms(title: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z-]+", title.lower()) if w not in STOP]


def ibm_tasks(path: Path, n_motions: int, rng_seed: int = 0):
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    by_motion: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        label = {"1": "favor", "-1": "against"}.get(r["stance_WA"])
        if label:
            by_motion.setdefault(r["topic"], []).append((r["argument"], label))
    motions = sorted(by_motion)
    rng = np.random.default_rng(rng_seed)
    chosen = sorted(rng.choice(len(motions), size=min(n_motions, len(motions)), replace=False))
    for k in chosen:
        motion = motions[k]
        on = by_motion[motion]
        others = [(t, "other") for m in motions if m != motion for t, _ in by_motion[m]]
        off = [others[i] for i in rng.choice(len(others), size=len(on), replace=False)]
        yield f"ibm/{k}", on + off, seed_terms(motion)


def semeval_tasks(path: Path):
    rows = list(csv.DictReader(path.open(encoding="utf-8", errors="replace")))
    targets = sorted({r["target"] for r in rows})
    for target in targets:
        items = [(r["text"], r["stance"].lower()) for r in rows if r["target"] == target]
        yield f"semeval/{target}", items, seed_terms(target)


def run_task(items, terms, *, seeds: int, budgets: list[int], step: int):
    """Macro-F1 per strategy, seed and budget, plus the whole-pool macro-F1 per seed."""
    texts = [t for t, _ in items]
    gold = np.asarray([y for _, y in items])
    learner = TopicLearner(texts)  # features fitted on every text once, as the loop does on its statements
    out = {s: np.zeros((seeds, len(budgets))) for s in STRATEGIES}
    full = np.zeros(seeds)
    labels = [a for a in ANSWERS if a in set(gold)]
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        order = rng.permutation(len(items))
        cut = int(0.7 * len(items))
        pool, test = order[:cut], order[cut:]

        def score(model):
            if model is None:
                return 0.0
            pred = model.predict(learner.vectors[test])
            return f1_score(gold[test], pred, labels=labels, average="macro", zero_division=0)

        full[seed] = score(learner.fit(list(pool), gold[pool]))
        for strategy in STRATEGIES:
            srng = np.random.default_rng(1000 + seed)
            labeled: list[int] = []
            model = None
            for b, budget in enumerate(budgets):
                while len(labeled) < budget:
                    seen = set(labeled)
                    left = [i for i in pool if i not in seen]
                    n = min(step, budget - len(labeled), len(left))
                    if n <= 0:
                        break
                    if strategy == "random":
                        labeled += [int(i) for i in srng.choice(left, size=n, replace=False)]
                    elif strategy in ("active", "seeded"):
                        labeled += choose(learner.vectors, left, model=model, texts=texts, avoid=labeled, n=n,
                                          seed_terms=terms if strategy == "seeded" else (), rng=srng)
                    elif model is None:
                        labeled += [int(i) for i in srng.choice(left, size=n, replace=False)]
                    else:
                        labeled += choose(learner.vectors, left, model=model, texts=texts, n=n, diversity=0.0,
                                          rng=srng)
                    model = learner.fit(labeled, gold[labeled])
                out[strategy][seed, b] = score(model)
    return out, full


def interval(values, rng, rounds=2000):
    values = np.asarray(values)
    boots = [values[rng.integers(0, len(values), len(values))].mean() for _ in range(rounds)]
    return float(values.mean()), float(np.percentile(boots, 2.5)), float(np.percentile(boots, 97.5))


def labels_to_reach(curve: np.ndarray, target: float, budgets: list[int]):
    hit = np.flatnonzero(curve >= target)
    return budgets[hit[0]] if len(hit) else None


def summarize(name: str, results: dict, budgets: list[int], seeds: int) -> dict:
    rng = np.random.default_rng(0)
    tasks = list(results)
    summary = {"tasks": len(tasks), "seeds": seeds, "budgets": budgets, "f1": {}, "diff": {}, "to_target": {}}
    for s in STRATEGIES:
        per_task = np.asarray([results[t][0][s].mean(axis=0) for t in tasks])  # tasks x budgets
        summary["f1"][s] = [interval(per_task[:, b], rng) for b in range(len(budgets))]
        if s != "random":
            base = np.asarray([results[t][0]["random"].mean(axis=0) for t in tasks])
            summary["diff"][s] = [interval(per_task[:, b] - base[:, b], rng) for b in range(len(budgets))]
        needed = []
        for t in tasks:
            curves, full = results[t]
            for seed in range(seeds):
                needed.append(labels_to_reach(curves[s][seed], 0.95 * full[seed], budgets))
        reached = [n for n in needed if n is not None]
        summary["to_target"][s] = {"runs": len(needed), "reached": len(reached),
                                   "median": float(np.median([n if n is not None else np.inf for n in needed]))}
    summary["full_pool_f1"] = interval([results[t][1].mean() for t in tasks], rng)
    print_summary(name, summary)
    return summary


def print_summary(name: str, s: dict) -> None:
    fmt = lambda m: f"{m[0]:.3f} [{m[1]:.3f}, {m[2]:.3f}]"  # noqa: E731
    print(f"\n### {name}: {s['tasks']} tasks x {s['seeds']} seeds; whole-pool macro-F1 {fmt(s['full_pool_f1'])}")
    others = [st for st in STRATEGIES if st != "random"]
    print("\n| labels | " + " | ".join(STRATEGIES) + " | " + " | ".join(f"{st} - random" for st in others) + " |")
    print("|---:|" + "---|" * (len(STRATEGIES) + len(others)))
    for b, budget in enumerate(s["budgets"]):
        cells = [fmt(s["f1"][st][b]) for st in STRATEGIES]
        diffs = [f"{s['diff'][st][b][0]:+.3f} [{s['diff'][st][b][1]:+.3f}, {s['diff'][st][b][2]:+.3f}]"
                 for st in others]
        print(f"| {budget} | " + " | ".join(cells + diffs) + " |")
    print("\nlabels to reach 95% of the whole-pool macro-F1 (median over task x seed runs; runs that reached it):")
    for st in STRATEGIES:
        t = s["to_target"][st]
        median = "not reached" if np.isinf(t["median"]) else f"{t['median']:.0f}"
        print(f"- {st}: {median} ({t['reached']}/{t['runs']} runs)")


def refit_pause(path: Path, n: int, *, step: int) -> int:
    """Time the loop itself: start-up, then 200 answers with a refit (and estimate) every ``step``."""
    import tempfile

    from stance.labeling import Candidate, LabelFile, LabelingSession, statement_id

    rows = list(csv.DictReader(path.open(encoding="utf-8")))[:n]
    gold = {"1": "favor", "-1": "against"}
    candidates = [Candidate(statement_id("bench", (i, i + 1), r["argument"]), "bench", " ".join(r["argument"].split()),
                            (i, i + 1), None, None, "", "") for i, r in enumerate(rows)]
    with tempfile.TemporaryDirectory() as tmp:
        labels = LabelFile.open(Path(tmp) / "labels.csv")
        start = time.process_time()
        session = LabelingSession(candidates, labels, "bench", refit_every=step)
        started = time.process_time() - start
        pauses, answering = [], 0.0
        for k in range(200):
            c = session.next()
            t = time.process_time()
            answer = gold.get(rows[c.content_span[0]]["stance_WA"], "none") if k % 3 else "other"
            if session.answer(c, answer):
                pauses.append(time.process_time() - t)
            else:
                answering += time.process_time() - t
    print(f"pool {len(candidates)}: start-up {started:.2f} s CPU; an answer without refit "
          f"{1000 * answering / (200 - len(pauses)):.1f} ms CPU; refit pauses (s CPU, every {step} answers): "
          + " ".join(f"{p:.2f}" for p in pauses) + f"; median {np.median(pauses):.2f}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ibm", help="IBM-ArgQ-Rank-30k CSV (default ../shared/data/ibm_argq_30k/...)")
    parser.add_argument("--semeval", help="SemEval-2016 Task 6 train.csv (default ../shared/data/...)")
    parser.add_argument("--motions", type=int, default=8, help="How many IBM motions to sample (71 in all).")
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--step", type=int, default=25, help="Answers between refits (stance label --refit-every).")
    parser.add_argument("--budgets", default="25,50,75,100,150,200")
    parser.add_argument("--refit-pause", type=int, metavar="N",
                        help="Instead: CPU time of a labeling session's refits over N IBM arguments.")
    parser.add_argument("--strategies", default=",".join(STRATEGIES), help="Which strategies to run (random first).")
    parser.add_argument("--skip-ibm", action="store_true")
    parser.add_argument("--skip-semeval", action="store_true")
    parser.add_argument("--json", help="Write the summaries to this file.")
    args = parser.parse_args(argv)
    budgets = [int(b) for b in args.budgets.split(",")]
    STRATEGIES[:] = args.strategies.split(",")
    ibm = find(args.ibm, IBM)
    semeval = find(args.semeval, SEMEVAL)
    missing = [p for p, skip in ((ibm, args.skip_ibm), (semeval, args.skip_semeval)) if not skip and not p.exists()]
    if missing:
        print(f"bench_active_learning: data not found at {missing[0]} (../shared is absent?); pass --ibm/--semeval",
              file=sys.stderr)
        return 2
    if args.refit_pause:
        return refit_pause(ibm, args.refit_pause, step=args.step)
    sets = []
    if not args.skip_ibm:
        sets.append(("IBM-ArgQ motions as new topics", ibm_tasks(ibm, args.motions)))
    if not args.skip_semeval:
        sets.append(("SemEval-2016 targets as new topics", semeval_tasks(semeval)))
    out = {}
    for name, tasks in sets:
        start = time.perf_counter()
        results = {}
        for task, items, terms in tasks:
            results[task] = run_task(items, terms, seeds=args.seeds, budgets=budgets, step=args.step)
            print(f"  {task}: {len(items)} statements, {time.perf_counter() - start:.0f} s", file=sys.stderr)
        out[name] = summarize(name, results, budgets, args.seeds)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
