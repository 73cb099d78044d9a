"""Teaching the model a new topic: statements ranked for a person to label, saved as they go.

The library half of ``stance label`` (the CLI only prompts and prints):

* :func:`find_candidates`: attributed statements with the sentences around
  them and a stable id (article + content span + text hash), so a restart
  never shows a labeled statement again;
* :class:`LabelFile`: the labels CSV, with the columns ``stance train``
  reads; one flushed and fsynced row per answer, an atomic rewrite for undo,
  and a line torn by a crash dropped when the file is opened;
* :class:`TopicLearner` and :func:`rank`: what to ask next. For a new topic,
  seed-term matches first; once the answers hold two kinds of label, the
  current model's uncertainty. Both are spread out by diversity (maximal
  marginal relevance), so the user does not see near-copies;
* :class:`LabelingSession`: the loop's state (queue, skips, undo, refits,
  the cross-validated estimate);
* :func:`write_batch` / :func:`import_batches`: the spreadsheet round trip,
  with Cohen's kappa where two files label the same statements.
"""
from __future__ import annotations

import bisect
import csv
import datetime as _dt
import hashlib
import io
import itertools
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import normalize

from .analyzer import attribute
from .data import OTHER_TOPIC
from .errors import DataError
from .segment import split_sentences
from .types import Span

ANSWERS = ("favor", "against", "none", OTHER_TOPIC)
"""What a person can answer about a statement; ``other`` is off topic (stored as topic ``other``, stance ``none``)."""

ANSWER_KEYS = {"f": "favor", "a": "against", "n": "none", "o": OTHER_TOPIC}
"""One key per answer, for the terminal and for spreadsheet batches."""

LABEL_COLUMNS = ("text", "topic", "stance", "article", "content_start", "content_end", "speaker", "cue",
                 "statement_id", "labeled_for", "labeled_by", "labeled_at")
"""The labels file: the three columns ``stance train`` reads, then provenance.

``labeled_for`` is the topic the person was asked about (an off-topic row's
``topic`` is ``other``), so one file can hold several topics' sessions.
"""

BATCH_COLUMNS = ("statement_id", "article", "content_start", "content_end", "speaker", "cue", "before", "text",
                 "after", "guess", "label", "labeled_by")
"""A spreadsheet batch: fill ``label`` with f/a/n/o (or favor/against/none/off topic)."""

DIVERSITY = 0.5
"""Weight of the similarity penalty in :func:`rank`: a near-copy (cosine 1) of a statement already
labeled or queued loses half the score range of uncertainty (or of seed-term matches)."""

RANK_AHEAD = 50
"""Statements ranked at a time: the queue is ranked again when it runs out and after every refit."""

MIN_LABELS_FOR_ESTIMATE = 20
"""Fewer answers than this give no cross-validated estimate: its interval would span most of [0, 1]."""

ESTIMATE_FOLDS = 5
BOOTSTRAP_ROUNDS = 1000

_LABEL_ALIASES = {**ANSWER_KEYS, **{a: a for a in ANSWERS}, "off topic": OTHER_TOPIC, "off-topic": OTHER_TOPIC,
                  "off": OTHER_TOPIC}


# -- statements ----------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    """One statement to label, with what a person needs to judge it."""

    statement_id: str
    article: str
    text: str
    content_span: Span
    speaker: Optional[str]
    cue: Optional[str]
    before: str
    after: str


def statement_id(article: str, span: Span, text: str) -> str:
    """A statement's identity: its article, its content span and a hash of its text."""
    digest = hashlib.sha256("\x1f".join([article, str(span[0]), str(span[1]), text]).encode("utf-8"))
    return digest.hexdigest()[:16]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def find_candidates(articles: Iterable[tuple[str, str]]) -> list[Candidate]:
    """Every attributed statement of ``(name, text)`` articles, in article order, without duplicates."""
    out: dict[str, Candidate] = {}
    for name, text in articles:
        quotes = attribute(text, article=name).quotes
        if not quotes:
            continue
        sentences = split_sentences(text)
        starts = [s.start for s in sentences]
        for q in quotes:
            content = _one_line(q.content)
            if not content:
                continue
            first = _sentence_index(starts, q.content_span[0])
            last = _sentence_index(starts, max(q.content_span[1] - 1, q.content_span[0]))
            cid = statement_id(name, q.content_span, content)
            out.setdefault(cid, Candidate(
                statement_id=cid, article=name, text=content, content_span=q.content_span,
                speaker=q.speaker or q.speaker_mention, cue=q.cue,
                before=_one_line(sentences[first - 1].text) if first > 0 else "",
                after=_one_line(sentences[last + 1].text) if last + 1 < len(sentences) else ""))
    return list(out.values())


def _sentence_index(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


# -- the labels file ------------------------------------------------------------

def answer_of(row: Mapping[str, str]) -> str:
    """The answer a labels-file row records: its stance, or ``other`` when off topic."""
    return OTHER_TOPIC if row["topic"] == OTHER_TOPIC else row["stance"]


def parse_answer(value: str) -> Optional[str]:
    """``"f"``/``"favor"``/``"FAVOR"`` -> ``"favor"``, ``"o"``/``"off topic"`` -> ``"other"``; ``None`` if blank."""
    key = " ".join(value.strip().lower().split())
    if not key:
        return None
    if key not in _LABEL_ALIASES:
        raise ValueError(value)
    return _LABEL_ALIASES[key]


class LabelFile:
    """The labels CSV, written so that a crash loses at most the answer being written.

    Every :meth:`append` is one ``write`` of one line, flushed and fsynced
    before it returns; :meth:`remove_last` rewrites the file to a temporary
    file and renames it over the old one. Texts are kept on one line, so a
    torn write is a last line without its newline: :meth:`open` drops it
    (and says so in :attr:`recovered`).
    """

    def __init__(self, path: Path, header: list[str], rows: list[dict[str, str]], recovered: Optional[str]):
        self.path = path
        self.header = header
        self.rows = rows
        self.recovered = recovered

    @classmethod
    def open(cls, path) -> "LabelFile":
        """Read (or create) the labels file at ``path``.

        Raises
        ------
        DataError
            The file exists but is not a labels file (missing columns, an
            unknown stance) or cannot be read or written.
        """
        path = Path(path)
        if path.is_dir():
            raise DataError(f"{path}: is a directory, expected a labels CSV")
        if not path.exists() or path.stat().st_size == 0:
            labels = cls(path, list(LABEL_COLUMNS), [], None)
            labels._rewrite()
            return labels
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DataError(f"{path}: cannot read ({exc.strerror})") from None
        recovered = None
        if not raw.endswith(b"\n"):
            cut = raw.rfind(b"\n") + 1
            recovered = f"{path}: dropped an incomplete last line ({len(raw) - cut} bytes) left by an interrupted write"
            raw = raw[:cut]
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
        reader = csv.DictReader(io.StringIO(content, newline=""))
        header = list(reader.fieldnames or [])
        missing = [c for c in LABEL_COLUMNS if c not in header]
        if missing:
            raise DataError(f"{path}: not a labels file: missing column(s) {', '.join(missing)}")
        rows = []
        try:
            for row in reader:
                if None in row or any(row[c] is None for c in header):
                    raise DataError(f"{path}:{reader.line_num}: the number of fields does not match the header")
                if row["stance"] not in ANSWERS[:3] or not row["topic"] or not row["text"]:
                    raise DataError(f"{path}:{reader.line_num}: a row needs a text, a topic and a stance "
                                    "of favor, against or none")
                rows.append(row)
        except csv.Error as exc:
            raise DataError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None
        labels = cls(path, header, rows, recovered)
        if recovered:
            labels._rewrite()
        return labels

    def labeled_ids(self, topic: str) -> set[str]:
        """Statements already answered for ``topic``."""
        return {r["statement_id"] for r in self.rows if r["labeled_for"] == topic}

    def rows_for(self, topic: str) -> list[dict[str, str]]:
        return [r for r in self.rows if r["labeled_for"] == topic]

    def append(self, row: Mapping[str, str]) -> None:
        """Write one row to the end of the file and make it durable before returning."""
        full = {c: _one_line(str(row.get(c, "") or "")) for c in self.header}
        line = _csv_line([full[c] for c in self.header])
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        self.rows.append(full)

    def remove_last(self, expected_id: str) -> dict[str, str]:
        """Remove the last row (which must be ``expected_id``'s) by an atomic rewrite."""
        if not self.rows or self.rows[-1]["statement_id"] != expected_id:
            raise DataError(f"{self.path}: the last row is not the answer to undo; was the file changed meanwhile?")
        row = self.rows.pop()
        self._rewrite()
        return row

    def _rewrite(self) -> None:
        text = _csv_line(self.header) + "".join(_csv_line([r.get(c, "") for c in self.header]) for r in self.rows)
        _write_atomically(self.path, text)


def _csv_line(values: Sequence[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


def _write_atomically(path: Path, text: str) -> None:
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise DataError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def label_row(candidate: Candidate, answer: str, *, topic: str, labeled_by: str, labeled_at: str) -> dict[str, str]:
    """The labels-file row for one answer."""
    return {"text": candidate.text, "topic": OTHER_TOPIC if answer == OTHER_TOPIC else topic,
            "stance": "none" if answer == OTHER_TOPIC else answer, "article": candidate.article,
            "content_start": str(candidate.content_span[0]), "content_end": str(candidate.content_span[1]),
            "speaker": candidate.speaker or "", "cue": candidate.cue or "",
            "statement_id": candidate.statement_id, "labeled_for": topic, "labeled_by": labeled_by,
            "labeled_at": labeled_at}


# -- what to ask next -------------------------------------------------------------

class TopicLearner:
    """The loop's model: TF-IDF fitted once on every statement, logistic regression over :data:`ANSWERS`.

    The features (word 1-2-grams and character 2-5-grams, as in
    :class:`~stance.model.StanceModel`) are fitted on all statements, labeled
    or not, so a refit only fits the classifier; n-grams found in a single
    statement are dropped (they cannot generalize, and halve the fitting
    time). ``vectors`` are the rows scaled to unit length, for cosine
    similarity.
    """

    def __init__(self, texts: Sequence[str], *, C: float = 4.0, random_state: int = 0):
        min_df = 2 if len(texts) >= MIN_LABELS_FOR_ESTIMATE else 1
        features = FeatureUnion([
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=min_df,
                                     token_pattern=r"(?u)\b\w+\b")),  # one-letter words too ("I", "a")
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=min_df)),
        ])
        self.vectors = normalize(features.fit_transform(list(texts)))
        self.C = C
        self.random_state = random_state

    def _classifier(self) -> LogisticRegression:
        # newton-cg: as in StanceModel; 4-6x faster than lbfgs here at the same macro-F1
        return LogisticRegression(C=self.C, class_weight="balanced", solver="newton-cg", max_iter=2000,
                                  random_state=self.random_state)

    def fit(self, rows: Sequence[int], answers: Sequence[str]) -> Optional[LogisticRegression]:
        """A classifier fitted on ``rows``' answers, or ``None`` while they hold a single kind of answer."""
        if len(set(answers)) < 2:
            return None
        return self._classifier().fit(self.vectors[list(rows)], list(answers))

    def estimate(self, rows: Sequence[int], answers: Sequence[str], *, seed: int = 0) -> Optional["Estimate"]:
        """Cross-validated macro-F1 of this learner on the answers, with a bootstrap 95% interval."""
        counts = Counter(answers)
        folds = min(ESTIMATE_FOLDS, min(counts.values())) if len(counts) > 1 else 0
        if len(answers) < MIN_LABELS_FOR_ESTIMATE or folds < 2:
            return None
        y = np.asarray(answers)
        pred = cross_val_predict(self._classifier(), self.vectors[list(rows)], y,
                                 cv=StratifiedKFold(folds, shuffle=True, random_state=seed))
        labels = sorted(counts)
        gold_idx, pred_idx = np.searchsorted(labels, y), np.searchsorted(labels, pred)
        score = _macro_f1(gold_idx, pred_idx, len(labels))
        rng = np.random.default_rng(seed)
        boot = [_macro_f1(gold_idx[i], pred_idx[i], len(labels))
                for i in (rng.integers(0, len(y), len(y)) for _ in range(BOOTSTRAP_ROUNDS))]
        low, high = np.percentile(boot, [2.5, 97.5])
        return Estimate(macro_f1=float(score), low=float(low), high=float(high), n=len(y), folds=folds)


def _macro_f1(gold: np.ndarray, pred: np.ndarray, k: int) -> float:
    """Macro-F1 over labels ``0..k-1`` (as sklearn's with ``zero_division=0``), fast enough to bootstrap."""
    confusion = np.bincount(gold * k + pred, minlength=k * k).reshape(k, k)
    tp = np.diag(confusion).astype(float)
    denom = confusion.sum(axis=0) + confusion.sum(axis=1)
    return float(np.mean(np.divide(2 * tp, denom, out=np.zeros(k), where=denom > 0)))


@dataclass(frozen=True)
class Estimate:
    """A cross-validated macro-F1 over the answers given so far, with its 95% bootstrap interval."""

    macro_f1: float
    low: float
    high: float
    n: int
    folds: int


def seed_term_scores(texts: Sequence[str], seed_terms: Sequence[str]) -> np.ndarray:
    """Share of the seed terms each text mentions (a term matches words it begins: border -> borders)."""
    terms = [t.strip() for t in seed_terms if t.strip()]
    if not terms:
        return np.zeros(len(texts))
    patterns = [re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, t.split())), re.IGNORECASE) for t in terms]
    return np.asarray([sum(bool(p.search(text)) for p in patterns) / len(patterns) for text in texts])


def uncertainty(proba: np.ndarray) -> np.ndarray:
    """1 minus the margin between the two most probable answers: 1 is a coin toss, 0 is certain."""
    if proba.shape[1] < 2:
        return np.zeros(proba.shape[0])
    top = np.sort(proba, axis=1)
    return 1.0 - (top[:, -1] - top[:, -2])


def rank(vectors, pool: Sequence[int], priority: np.ndarray, *, avoid: Sequence[int] = (), n: int,
         diversity: float = DIVERSITY, rng: Optional[np.random.Generator] = None) -> list[int]:
    """Pick ``n`` of ``pool`` one at a time by ``priority - diversity * similarity``.

    Maximal marginal relevance: similarity is the highest cosine to a
    statement already labeled (``avoid``) or already picked, so near-copies
    of a statement fall down the list. Ties are broken at random (``rng``).
    """
    pool = np.asarray(list(pool), dtype=int)
    if not len(pool) or n <= 0:
        return []
    score = np.asarray(priority, dtype=float).copy()
    if rng is not None:
        score += rng.random(len(pool)) * 1e-6
    candidates = vectors[pool]
    sims = np.zeros(len(pool))
    if len(avoid):
        sims = np.asarray((candidates @ vectors[list(avoid)].T).max(axis=1).todense()).ravel()
    picked: list[int] = []
    taken = np.zeros(len(pool), dtype=bool)
    for _ in range(min(n, len(pool))):
        value = np.where(taken, -np.inf, score - diversity * sims)
        best = int(value.argmax())
        taken[best] = True
        picked.append(int(pool[best]))
        sims = np.maximum(sims, np.asarray((candidates @ candidates[best].T).todense()).ravel())
    return picked


# -- the loop ------------------------------------------------------------------------

@dataclass
class LabelingSession:
    """State of one labeling session for ``topic``: ask, record, undo, refit.

    Statements already answered for the topic in the labels file are never
    queued. Every ``refit_every`` answers the learner is refitted, the
    estimate recomputed and the queue ranked again.
    """

    candidates: Sequence[Candidate]
    labels: LabelFile
    topic: str
    seed_terms: Sequence[str] = ()
    refit_every: int = 25
    labeled_by: str = ""
    seed: int = 0
    clock: Callable[[], str] = _now
    model: Optional[LogisticRegression] = field(default=None, init=False)
    estimate: Optional[Estimate] = field(default=None, init=False)
    answered: int = field(default=0, init=False)

    def __post_init__(self):
        by_id = {c.statement_id: c for c in self.candidates}
        self._by_id = by_id
        known = [r for r in self.labels.rows_for(self.topic) if r["statement_id"] not in by_id]
        self._row_of = {c.statement_id: i for i, c in enumerate(self.candidates)}
        for i, r in enumerate(known):
            self._row_of.setdefault(r["statement_id"], len(self.candidates) + i)
        self.learner = TopicLearner([c.text for c in self.candidates] + [r["text"] for r in known],
                                    random_state=self.seed)
        self._rng = np.random.default_rng(self.seed)
        self._skipped: set[str] = set()
        self._undo: list[str] = []
        self._queue: list[str] = []
        self._since_refit = 0
        self.refit()

    # -- queries --
    def counts(self) -> Counter:
        """Answers for the topic so far, per answer."""
        return Counter(answer_of(r) for r in self.labels.rows_for(self.topic))

    def remaining(self) -> int:
        done = self.labels.labeled_ids(self.topic)
        return sum(1 for c in self.candidates if c.statement_id not in done and c.statement_id not in self._skipped)

    def guess(self, candidate: Candidate) -> Optional[dict[str, float]]:
        """The current model's probability of each answer, or ``None`` before the first model."""
        if self.model is None:
            return None
        proba = self.model.predict_proba(self.learner.vectors[[self._row_of[candidate.statement_id]]])[0]
        return {str(c): float(p) for c, p in sorted(zip(self.model.classes_, proba), key=lambda cp: -cp[1])}

    def next(self) -> Optional[Candidate]:
        """The statement to ask about next, or ``None`` when every statement was answered or skipped."""
        done = self.labels.labeled_ids(self.topic)
        while True:
            while self._queue:
                cid = self._queue[0]
                if cid not in done and cid not in self._skipped:
                    return self._by_id[cid]
                self._queue.pop(0)
            if not self.remaining():
                return None
            self._rank()

    def batch(self, n: int) -> list[Candidate]:
        """The ``n`` statements the loop would ask about first (for a spreadsheet batch)."""
        return [self._by_id[cid] for cid in self._ranked(n)]

    # -- answers --
    def answer(self, candidate: Candidate, answer: str) -> bool:
        """Record an answer; returns whether the model was refitted after it."""
        if answer not in ANSWERS:
            raise ValueError(f"unknown answer {answer!r}")
        self.labels.append(label_row(candidate, answer, topic=self.topic, labeled_by=self.labeled_by,
                                     labeled_at=self.clock()))
        self._undo.append(candidate.statement_id)
        self._drop_from_queue(candidate.statement_id)
        self.answered += 1
        self._since_refit += 1
        if self._since_refit >= self.refit_every:
            self.refit()
            return True
        return False

    def skip(self, candidate: Candidate) -> None:
        """Do not ask about ``candidate`` again in this session (nothing is written)."""
        self._skipped.add(candidate.statement_id)
        self._drop_from_queue(candidate.statement_id)

    def undo(self) -> Optional[Candidate]:
        """Remove this session's last answer from the file; it is asked again next. ``None`` if none left."""
        if not self._undo:
            return None
        cid = self._undo.pop()
        self.labels.remove_last(cid)
        self.answered -= 1
        self._since_refit = max(self._since_refit - 1, 0)
        self._queue.insert(0, cid)
        return self._by_id[cid]

    def refit(self) -> None:
        """Refit the learner on every answer for the topic, recompute the estimate, rank the queue again."""
        rows, answers = self._training()
        self.model = self.learner.fit(rows, answers)
        self.estimate = self.learner.estimate(rows, answers, seed=self.seed) if self.model is not None else None
        self._since_refit = 0
        self._rank()

    # -- internals --
    def _training(self) -> tuple[list[int], list[str]]:
        rows = self.labels.rows_for(self.topic)
        return [self._row_of[r["statement_id"]] for r in rows], [answer_of(r) for r in rows]

    def _drop_from_queue(self, cid: str) -> None:
        if cid in self._queue:
            self._queue.remove(cid)

    def _rank(self) -> None:
        self._queue = self._ranked(RANK_AHEAD)

    def _ranked(self, n: int) -> list[str]:
        done = self.labels.labeled_ids(self.topic)
        pool = [i for i, c in enumerate(self.candidates)
                if c.statement_id not in done and c.statement_id not in self._skipped]
        avoid = [self._row_of[cid] for cid in done if cid in self._row_of]
        picked = choose(self.learner.vectors, pool, model=self.model, texts=[c.text for c in self.candidates],
                        seed_terms=self.seed_terms, avoid=avoid, n=n, rng=self._rng)
        return [self.candidates[i].statement_id for i in picked]


def choose(vectors, pool: Sequence[int], *, model: Optional[LogisticRegression], texts: Sequence[str],
           seed_terms: Sequence[str] = (), avoid: Sequence[int] = (), n: int, diversity: float = DIVERSITY,
           rng: Optional[np.random.Generator] = None) -> list[int]:
    """The next ``n`` rows of ``pool`` to ask about, best first.

    With a model, those it is least sure about; without one (a new topic),
    those that mention more seed terms; either way :func:`rank` spreads them
    out. A new topic without seed terms starts in random order: in the
    benchmark (BENCHMARKS.md), starting from the most diverse statements
    (outliers) taught the first model less than a random start.
    """
    pool = list(pool)
    if not pool:
        return []
    if model is None and not any(t.strip() for t in seed_terms):
        order = (rng or np.random.default_rng(0)).permutation(len(pool))[:n]
        return [pool[i] for i in order]
    if model is None:
        priority = seed_term_scores([texts[i] for i in pool], seed_terms)
    else:
        priority = uncertainty(model.predict_proba(vectors[pool]))
    return rank(vectors, pool, priority, avoid=avoid, n=n, diversity=diversity, rng=rng)


# -- spreadsheet batches ---------------------------------------------------------------

def write_batch(path, candidates: Sequence[Candidate], guesses: Sequence[Optional[Mapping[str, float]]]) -> None:
    """Write a batch to label in a spreadsheet (:data:`BATCH_COLUMNS`; ``label`` left empty)."""
    lines = [_csv_line(BATCH_COLUMNS)]
    for c, g in zip(candidates, guesses):
        guess = next(iter(g.items())) if g else None
        lines.append(_csv_line([c.statement_id, c.article, str(c.content_span[0]), str(c.content_span[1]),
                                c.speaker or "", c.cue or "", c.before, c.text, c.after,
                                f"{guess[0]} {guess[1]:.2f}" if guess else "", "", ""]))
    _write_atomically(Path(path), "".join(lines))


@dataclass
class ImportReport:
    """What :func:`import_batches` did."""

    written: int = 0
    already: int = 0
    unlabeled: int = 0
    conflicts: int = 0
    kappas: list[tuple[str, str, int, float]] = field(default_factory=list)
    """``(file_a, file_b, shared statements, Cohen's kappa)`` per pair of files that label the same statements."""


def read_batch(path) -> list[dict[str, str]]:
    """The rows of a filled batch, each with its parsed ``answer`` (``None`` when left empty)."""
    from .articles import read_file_bytes

    path = Path(path)
    raw = read_file_bytes(path, expected="a batch CSV", error=DataError)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not valid UTF-8 (byte {exc.start}); save the batch as UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(content, newline=""))
    needed = ("statement_id", "article", "content_start", "content_end", "text", "label")
    missing = [c for c in needed if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"{path}: not a labeling batch: missing column(s) {', '.join(missing)}")
    rows = []
    try:
        for row in reader:
            try:
                row["answer"] = parse_answer(row["label"] or "")
            except ValueError:
                raise DataError(f"{path}:{reader.line_num}: unknown label {row['label']!r}; expected one of: "
                                "f, a, n, o (favor, against, none, off topic)") from None
            if row["answer"] is not None and not (row["text"] or "").strip():
                raise DataError(f"{path}:{reader.line_num}: empty text")
            if not all((row[c] or "").strip().isdigit() for c in ("content_start", "content_end")):
                raise DataError(f"{path}:{reader.line_num}: content_start and content_end must be offsets")
            rows.append(row)
    except csv.Error as exc:
        raise DataError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None
    return rows


def import_batches(labels: LabelFile, topic: str, paths: Sequence, *, clock: Callable[[], str] = _now) -> ImportReport:
    """Append the answers of filled batches to ``labels``.

    A statement answered in several files is written once if they agree
    (``labeled_by`` joins their names) and not at all if they disagree: the
    count comes back as ``conflicts``, to settle and import again. Every pair
    of files that answer the same statements gets Cohen's kappa.
    """
    report = ImportReport()
    batches = {str(p): read_batch(p) for p in paths}
    answers: dict[str, dict[str, tuple[str, dict]]] = {}
    for name, rows in batches.items():
        for row in rows:
            if row["answer"] is None:
                report.unlabeled += 1
                continue
            who = (row.get("labeled_by") or "").strip() or Path(name).stem
            answers.setdefault(row["statement_id"], {})[name] = (row["answer"], {**row, "labeled_by": who})
    names = list(batches)
    for a, b in itertools.combinations(names, 2):
        shared = [cid for cid, by in answers.items() if a in by and b in by]
        if shared:
            ya, yb = [answers[c][a][0] for c in shared], [answers[c][b][0] for c in shared]
            report.kappas.append((a, b, len(shared), float(cohen_kappa_score(ya, yb))))
    done = labels.labeled_ids(topic)
    stamp = clock()
    for cid, by in answers.items():
        if cid in done:
            report.already += 1
            continue
        given = {ans for ans, _ in by.values()}
        if len(given) > 1:
            report.conflicts += 1
            continue
        row = next(iter(by.values()))[1]
        candidate = Candidate(statement_id=cid, article=row["article"], text=_one_line(row["text"]),
                              content_span=(int(row["content_start"]), int(row["content_end"])),
                              speaker=row.get("speaker") or None, cue=row.get("cue") or None, before="", after="")
        who = "+".join(sorted({r["labeled_by"] for _, r in by.values()}))
        labels.append(label_row(candidate, given.pop(), topic=topic, labeled_by=who, labeled_at=stamp))
        report.written += 1
    return report
