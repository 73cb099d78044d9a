"""Do the Perspectrum and IBM argument sentences help the default model on UN statements?

    python scripts/compare_extra_sources.py [--folds 5]

Grouped 5-fold cross-validation over data/labeled/ungdc.csv (folds split by
speech). Each fold's model is trained on the UNGDC training folds, either
alone or together with every row of perspectrum.csv and ibm_claim_stance.csv;
both are scored on the same held-out UNGDC rows: topic macro-F1, and stance
macro-F1 and F_avg on the gold topic.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from stance.data import read_labeled
from stance.evaluate.stance import classification_report, f_avg
from stance.model import StanceModel

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    labeled = ROOT / "data" / "labeled"
    ungdc = read_labeled([labeled / "ungdc.csv"], group_column="document")
    extra = read_labeled([labeled / "extra" / "perspectrum.csv", labeled / "extra" / "ibm_claim_stance.csv"])
    texts, topics, stances = (np.asarray(x, dtype=object) for x in (ungdc.texts, ungdc.topics, ungdc.stances))
    strata = np.asarray([f"{t}|{s}" for t, s in zip(topics, stances)])
    folds = StratifiedGroupKFold(n_splits=args.folds, shuffle=True, random_state=0)
    results = {}
    for name, with_extra in (("UNGDC only", False), ("UNGDC + Perspectrum + IBM", True)):
        pred_topic = np.empty(len(texts), dtype=object)
        pred_stance = np.empty(len(texts), dtype=object)
        for train, test in folds.split(texts, strata, groups=np.asarray(ungdc.groups)):
            tx, tt, ts = list(texts[train]), list(topics[train]), list(stances[train])
            if with_extra:
                tx += list(extra.texts)
                tt += list(extra.topics)
                ts += list(extra.stances)
            model = StanceModel().fit(tx, tt, ts)
            X = model.transform(texts[test])
            pred_topic[test] = np.asarray(model.topics_)[model.predict_topic_proba(None, X=X).argmax(axis=1)]
            on_topic = [k for k, t in enumerate(topics[test]) if t != "other"]
            proba = model.predict_stance_proba(None, topics[test][on_topic], X=X[on_topic])
            pred_stance[test[on_topic]] = np.asarray(model.classes_)[proba.argmax(axis=1)]
        scored = [i for i in range(len(texts)) if topics[i] != "other"]
        g, p = [stances[i] for i in scored], [pred_stance[i] for i in scored]
        results[name] = (classification_report(list(topics), list(pred_topic))["macro_f1"],
                         classification_report(g, p)["macro_f1"], f_avg(g, p))
    print(f"grouped {args.folds}-fold CV on {len(texts)} UNGDC rows ({len(extra)} extra rows)")
    print(f"{'training data':<30}{'topic macro-F1':>16}{'stance macro-F1':>17}{'F_avg':>8}")
    for name, (t, s, f) in results.items():
        print(f"{name:<30}{t:>16.4f}{s:>17.4f}{f:>8.4f}")


if __name__ == "__main__":
    main()
