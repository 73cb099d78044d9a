"""Attribution scoring exactly as ``SCORING.md`` describes it.

Units: a prediction is a ``Quote.to_dict()``-shaped dict; a gold attribution
is one entry of a gold document's ``attributions`` (DESIGN.md, "Gold format
for attribution").

* Contents are compared as sets of ``\\w+`` token positions in the article
  (gold: ``content_spans`` fragments when present). Score = Dice.
* Predictions and **all** gold attributions are matched one to one, best
  score first, at Dice >= 0.5 (and separately >= 0.8). A prediction matched
  to an out-of-scope gold attribution is *don't care*.
* Speaker of a matched statement: **mention** rule (at least half of the
  predicted ``speaker_span`` inside the gold source span; without spans the
  head-word rule) and **resolved** rule (where gold has ``speaker``: head-word
  rule between predicted and gold ``speaker``).
* End-to-end: a prediction matched to an in-scope gold attribution whose
  speaker is right (resolved rule where gold has ``speaker``, else mention).
* Document-bootstrap 95% confidence intervals for the headline figures.
"""
from __future__ import annotations

import random
import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from .. import lexicon
from ..errors import StanceError, unknown

__all__ = [
    "SCOPES",
    "score_attribution",
    "format_attribution_report",
    "attribution_errors",
    "format_errors",
    "dice",
    "speaker_matches_mention",
    "same_entity",
]

SCOPES = ("speech", "direct", "source", "all")
THRESHOLDS = (0.5, 0.8)
KINDS = ("direct", "mixed", "indirect")
RE_WORD = re.compile(r"\w+")
RE_HEAD_CUT = re.compile(r",|\(|\s[—–-]{1,2}\s|—|–|\bwho\b|\bwhich\b", re.I)
#: words that are not content words for the head-word rule
STOP = frozenset(
    "the a an of and or for to in on at by with from 's s ’s his her their its this that these those "
    "another some many most several other former top".split()
)
TITLE_WORDS = frozenset(t.rstrip(".").lower() for t in lexicon.titles()) | frozenset(
    "spokesman spokeswoman spokesperson president secretary senator sen rep gov governor mr mrs ms dr "
    "prof professor chairman chairwoman director minister premier chancellor press".split()
)
PRONOUNS = frozenset(lexicon.pronouns())
Counts = Dict[str, float]


# --------------------------------------------------------------------------- primitives


def _token_index(text: str) -> Tuple[List[int], List[int]]:
    starts, ends = [], []
    for m in RE_WORD.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _tokens_in(spans: Iterable[Sequence[int]], starts: List[int], ends: List[int]) -> frozenset:
    import bisect

    out = set()
    for s, e in spans:
        i = bisect.bisect_right(ends, s)  # first token ending after s
        while i < len(starts) and starts[i] < e:
            out.add(i)
            i += 1
    return frozenset(out)


def dice(a: frozenset, b: frozenset) -> float:
    """Dice coefficient ``2|A∩B| / (|A|+|B|)`` of two token-position sets (0 when both empty)."""
    if not a and not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _content_words(s: Optional[str]) -> List[str]:
    return [w for w in (x.lower() for x in RE_WORD.findall(s or "")) if w not in STOP]


def _head_word(source: str) -> Optional[str]:
    m = RE_HEAD_CUT.search(source)
    part = source[: m.start()] if m and m.start() > 0 else source
    words = _content_words(part)
    if not words:
        words = _content_words(source)
    if not words:
        return None
    non_title = [w for w in words if w not in TITLE_WORDS]
    return (non_title or words)[-1]


def same_entity(pred: Optional[str], gold: Optional[str]) -> bool:
    """Head-word rule: gold's head word is among pred's words, or every content word of pred
    is in gold; either way pred has at most max(2g, g+4) content words (g: gold's)."""
    if not pred or not gold:
        return False
    pw = _content_words(pred)
    gw = _content_words(gold)
    if not pw or not gw:
        return False
    g = len(gw)
    if len(pw) > max(2 * g, g + 4):
        return False  # a long prediction (a whole clause) earns nothing for containing the head
    head = _head_word(gold)
    if head is not None and head in pw:
        return True
    return set(pw) <= set(gw)


def speaker_matches_mention(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Mention rule: at least half of the predicted speaker span inside the gold source span;
    without a predicted span, the head-word rule on the mention text."""
    spans = gold.get("source_spans") or ([gold["source_span"]] if gold.get("source_span") else [])
    if not spans:
        return False
    ps = pred.get("speaker_span")
    if ps:
        s, e = ps
        if e <= s:
            return False
        inside = sum(max(0, min(e, ge) - max(s, gs)) for gs, ge in spans)
        return inside * 2 >= (e - s)
    return same_entity(pred.get("speaker_mention") or pred.get("speaker"), gold.get("source"))


def _pred_content_spans(pred: Mapping[str, Any], text: str) -> List[Sequence[int]]:
    if pred.get("content_spans"):
        return pred["content_spans"]
    if pred.get("content_span"):
        return [pred["content_span"]]
    c = pred.get("content") or ""
    i = text.find(c) if c else -1
    return [(i, i + len(c))] if i >= 0 else []


def _gold_content_spans(g: Mapping[str, Any]) -> List[Sequence[int]]:
    return g.get("content_spans") or ([g["content_span"]] if g.get("content_span") else [])


def _in_scope(g: Mapping[str, Any], scope: str) -> bool:
    return scope == "all" or scope in (g.get("scopes") or [])


def _is_pronoun_source(g: Mapping[str, Any]) -> bool:
    if "source_is_pronoun" in g:
        return bool(g["source_is_pronoun"])
    return (g.get("source") or "").strip().lower() in PRONOUNS


def _match(preds: Sequence[frozenset], golds: Sequence[frozenset], threshold: float) -> Dict[int, Tuple[int, float]]:
    """One-to-one assignment, best score first: pred index -> (gold index, dice)."""
    pairs = []
    for i, p in enumerate(preds):
        if not p:
            continue
        for j, g in enumerate(golds):
            if not g or not (p & g):
                continue
            d = dice(p, g)
            if d >= threshold:
                pairs.append((-d, i, j))
    pairs.sort()
    used_p, used_g, out = set(), set(), {}
    for nd, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out[i] = (j, -nd)
    return out


# --------------------------------------------------------------------------- per document


def _score_doc(doc: Mapping[str, Any], preds: Sequence[Mapping[str, Any]], scope: str,
               errors: Optional[List[dict]] = None) -> Counts:
    text = doc["text"]
    starts, ends = _token_index(text)
    golds = [g for g in doc.get("attributions", []) if _gold_content_spans(g)]
    gsets = [_tokens_in(_gold_content_spans(g), starts, ends) for g in golds]
    psets = [_tokens_in(_pred_content_spans(p, text), starts, ends) for p in preds]
    c: Counts = {}

    def add(k: str, v: float = 1.0) -> None:
        c[k] = c.get(k, 0.0) + v

    in_scope = [_in_scope(g, scope) for g in golds]
    n_gold = sum(in_scope)
    add("gold", n_gold)
    for g, ok in zip(golds, in_scope):
        if ok:
            add("gold_kind_" + (g.get("quote_type") or "indirect"))
    for t in THRESHOLDS:
        m = _match(psets, gsets, t)
        key = f"{t:.1f}"
        tp = sum(1 for i, (j, _) in m.items() if in_scope[j])
        dont_care = sum(1 for i, (j, _) in m.items() if not in_scope[j])
        add(f"tp_{key}", tp)
        add(f"pred_{key}", len(preds) - dont_care)
        if t != 0.5:
            continue
        add("pred", len(preds) - dont_care)
        matched_gold = {}
        for i, (j, d) in m.items():
            if not in_scope[j]:
                continue
            g, p = golds[j], preds[i]
            grp = "pronoun" if _is_pronoun_source(g) else "named"
            ment = speaker_matches_mention(p, g)
            add("spk_total")
            add("spk_ok", ment)
            add(f"spk_total_{grp}")
            add(f"spk_ok_{grp}", ment)
            res = None
            if g.get("speaker"):
                res = same_entity(p.get("speaker"), g["speaker"])
                add("res_total")
                add("res_ok", res)
                add(f"res_total_{grp}")
                add(f"res_ok_{grp}", res)
            e2e = res if res is not None else ment
            add("e2e_tp", e2e)
            kind = g.get("quote_type") or "indirect"
            add("match_kind_" + kind)
            add("e2e_kind_" + kind, e2e)
            rule = p.get("rule") or "?"
            add("rule_ok_" + rule, e2e)
            matched_gold[j] = (i, e2e)
            if errors is not None and not e2e:
                errors.append(_err(doc, "wrong_speaker", g, p))
        for i, p in enumerate(preds):
            rule = p.get("rule") or "?"
            if i in m and not in_scope[m[i][0]]:
                continue
            add("rule_pred_" + rule)
            if i in m:
                add("rule_match_" + rule)
            elif errors is not None:
                errors.append(_err(doc, "false_alarm", None, p))
        if errors is not None:
            for j, g in enumerate(golds):
                if in_scope[j] and j not in matched_gold:
                    errors.append(_err(doc, "miss", g, None))
    return c


def _sentence_around(text: str, s: int, e: int) -> str:
    a = max(text.rfind("\n", 0, s) + 1, 0)
    b = text.find("\n", e)
    b = len(text) if b < 0 else b
    return text[a:b].strip()


def _err(doc: Mapping[str, Any], kind: str, g: Optional[Mapping[str, Any]], p: Optional[Mapping[str, Any]]) -> dict:
    text = doc["text"]
    ref = g or p or {}
    spans = _gold_content_spans(g) if g else _pred_content_spans(p or {}, text)
    s = spans[0][0] if spans else 0
    e = spans[-1][1] if spans else 0
    return {
        "doc_id": doc.get("doc_id"),
        "type": kind,
        "gold_source": g.get("source") if g else None,
        "gold_speaker": g.get("speaker") if g else None,
        "gold_cue": g.get("cue") if g else None,
        "gold_content": g.get("content") if g else None,
        "gold_kind": g.get("quote_type") if g else None,
        "pred_speaker": p.get("speaker") if p else None,
        "pred_mention": p.get("speaker_mention") if p else None,
        "pred_cue": p.get("cue") if p else None,
        "pred_content": p.get("content") if p else None,
        "rule": p.get("rule") if p else None,
        "sentence": _sentence_around(text, s, e),
    }


# --------------------------------------------------------------------------- totals


def _prf(tp: float, npred: float, ngold: float) -> Dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": int(tp), "predicted": int(npred), "gold": int(ngold)}


def _acc(ok: float, total: float) -> Dict[str, float]:
    return {"accuracy": ok / total if total else 0.0, "correct": int(ok), "total": int(total)}


def _summarise(c: Counts) -> Dict[str, Any]:
    g = lambda k: c.get(k, 0.0)  # noqa: E731
    out: Dict[str, Any] = {
        "gold": int(g("gold")),
        "predicted": int(g("pred")),
        "statement": {f"{t:.1f}": _prf(g(f"tp_{t:.1f}"), g(f"pred_{t:.1f}"), g("gold")) for t in THRESHOLDS},
        "speaker": {
            "mention": {**_acc(g("spk_ok"), g("spk_total")),
                        "named": _acc(g("spk_ok_named"), g("spk_total_named")),
                        "pronoun": _acc(g("spk_ok_pronoun"), g("spk_total_pronoun"))},
            "resolved": {**_acc(g("res_ok"), g("res_total")),
                         "named": _acc(g("res_ok_named"), g("res_total_named")),
                         "pronoun": _acc(g("res_ok_pronoun"), g("res_total_pronoun"))},
        },
        "end_to_end": _prf(g("e2e_tp"), g("pred"), g("gold")),
        "recall_by_kind": {
            k: {"gold": int(g("gold_kind_" + k)),
                "statement_recall": g("match_kind_" + k) / g("gold_kind_" + k) if g("gold_kind_" + k) else 0.0,
                "end_to_end_recall": g("e2e_kind_" + k) / g("gold_kind_" + k) if g("gold_kind_" + k) else 0.0}
            for k in KINDS
        },
        "by_rule": {
            k[len("rule_pred_"):]: {"predicted": int(v), "matched": int(g("rule_match_" + k[len("rule_pred_"):])),
                                    "end_to_end": int(g("rule_ok_" + k[len("rule_pred_"):]))}
            for k, v in sorted(c.items()) if k.startswith("rule_pred_")
        },
    }
    return out


def _headline(c: Counts) -> Tuple[float, float, float]:
    s = _summarise(c)
    return s["statement"]["0.5"]["f1"], s["speaker"]["mention"]["accuracy"], s["end_to_end"]["f1"]


def score_attribution(
    gold_docs: List[dict],
    predictions: Dict[str, List[dict]],
    *,
    scope: str = "speech",
    n_boot: int = 1000,
    seed: int = 0,
) -> Dict[str, Any]:
    """Score predicted statements against gold attributions (SCORING.md).

    Parameters
    ----------
    gold_docs : list of dict
        Gold documents: ``{"doc_id", "text", "attributions": [...]}``.
    predictions : dict
        ``doc_id`` -> list of ``Quote.to_dict()``-shaped dicts (a missing id means no predictions).
    scope : {"speech", "direct", "source", "all"}, default="speech"
        Which gold attributions count; the others are don't-care.
    n_boot : int, default=1000
        Document-bootstrap resamples for the 95% intervals (0 to skip).
    seed : int, default=0
        Seed of the bootstrap.

    Returns
    -------
    dict
        ``statement`` (P/R/F1 at Dice 0.5 and 0.8), ``speaker`` (mention and
        resolved accuracy, each split named/pronoun), ``end_to_end`` P/R/F1,
        ``recall_by_kind``, ``by_rule`` and ``ci95``.
    """
    if scope not in SCOPES:
        raise StanceError(unknown("scope", scope, SCOPES))
    per_doc: List[Counts] = []
    for doc in gold_docs:
        per_doc.append(_score_doc(doc, predictions.get(doc["doc_id"], []), scope))
    total = _sum(per_doc)
    out = _summarise(total)
    out["scope"] = scope
    out["documents"] = len(gold_docs)
    if n_boot and per_doc:
        rng = random.Random(seed)
        samples = []
        n = len(per_doc)
        for _ in range(n_boot):
            samples.append(_headline(_sum(per_doc[rng.randrange(n)] for _ in range(n))))
        out["ci95"] = {
            name: list(_percentiles([s[k] for s in samples]))
            for k, name in enumerate(("statement_f1", "speaker_accuracy", "end_to_end_f1"))
        }
        out["ci95"]["n_boot"] = n_boot
    return out


def _sum(items: Iterable[Counts]) -> Counts:
    out: Counts = {}
    for c in items:
        for k, v in c.items():
            out[k] = out.get(k, 0.0) + v
    return out


def _percentiles(xs: List[float]) -> Tuple[float, float]:
    xs = sorted(xs)
    lo = xs[int(0.025 * (len(xs) - 1))]
    hi = xs[int(round(0.975 * (len(xs) - 1)))]
    return lo, hi


def attribution_errors(gold_docs: List[dict], predictions: Dict[str, List[dict]], *,
                       scope: str = "speech") -> List[dict]:
    """Misses, false alarms and wrong speakers (Dice >= 0.5), each with its sentence."""
    if scope not in SCOPES:
        raise StanceError(unknown("scope", scope, SCOPES))
    errors: List[dict] = []
    for doc in gold_docs:
        _score_doc(doc, predictions.get(doc["doc_id"], []), scope, errors)
    return errors


def format_errors(errors: Sequence[Mapping[str, Any]]) -> str:
    """Readable listing of :func:`attribution_errors` (one block per error)."""
    lines = []
    for e in errors:
        lines.append(f"[{e['type']}] {e['doc_id']}  rule={e.get('rule')}")
        if e.get("gold_content") is not None:
            lines.append(f"  gold: {e['gold_source']!r} ({e.get('gold_speaker')}) {e['gold_cue']!r} "
                         f"[{e.get('gold_kind')}] {e['gold_content'][:200]!r}")
        if e.get("pred_content") is not None:
            lines.append(f"  pred: {e['pred_mention']!r} ({e['pred_speaker']}) {e['pred_cue']!r} "
                         f"{e['pred_content'][:200]!r}")
        lines.append(f"  sentence: {e['sentence'][:400]!r}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_attribution_report(result: Mapping[str, Any]) -> str:
    """Readable text report of :func:`score_attribution`'s result."""
    r = result
    lines = [f"attribution scores (scope={r.get('scope')}, documents={r.get('documents')}, "
             f"gold={r['gold']}, predicted={r['predicted']})"]
    for t, v in r["statement"].items():
        lines.append(f"  statements Dice>={t}: P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} "
                     f"(tp={v['tp']}, pred={v['predicted']}, gold={v['gold']})")
    for rule in ("mention", "resolved"):
        v = r["speaker"][rule]
        if not v["total"]:
            continue
        lines.append(f"  speaker accuracy ({rule}): {v['accuracy']:.3f} ({v['correct']}/{v['total']}); "
                     f"named {v['named']['accuracy']:.3f} ({v['named']['correct']}/{v['named']['total']}), "
                     f"pronoun {v['pronoun']['accuracy']:.3f} ({v['pronoun']['correct']}/{v['pronoun']['total']})")
    e = r["end_to_end"]
    lines.append(f"  end-to-end: P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f} (tp={e['tp']})")
    kinds = ", ".join(f"{k} {v['statement_recall']:.3f}/{v['end_to_end_recall']:.3f} (n={v['gold']})"
                      for k, v in r["recall_by_kind"].items())
    lines.append(f"  recall by kind (statement/end-to-end): {kinds}")
    if "ci95" in r:
        ci = r["ci95"]
        lines.append("  95% CI (document bootstrap, n={}): statement F1 [{:.3f}, {:.3f}], speaker acc [{:.3f}, {:.3f}], "
                     "end-to-end F1 [{:.3f}, {:.3f}]".format(ci["n_boot"], *ci["statement_f1"], *ci["speaker_accuracy"],
                                                            *ci["end_to_end_f1"]))
    if r.get("by_rule"):
        lines.append("  by rule (predicted / matched / end-to-end correct):")
        for k, v in r["by_rule"].items():
            lines.append(f"    {k:26s} {v['predicted']:5d} {v['matched']:5d} {v['end_to_end']:5d}")
    return "\n".join(lines) + "\n"
