"""stance label: the labeling loop, its labels file (crash, resume, undo), ranking, batches and kappa."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
import time

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from stance.cli import cli
from stance.data import read_labeled
from stance.labeling import (LABEL_COLUMNS, Candidate, LabelFile, LabelingSession, TopicLearner, find_candidates,
                             rank, seed_term_scores, statement_id, uncertainty)

# Invented for these tests.
ARTICLE = """"Tariffs on steel will protect our mills," said Dana Reyes, the union leader.

Trade minister Omar Haddad said the new duties would hurt farmers who export grain.

"The border crossing will reopen on Monday," Haddad told reporters.

Economist Lena Park said that free trade agreements lift wages over time.

The mayor said the new library will open in spring.

"We need more tariffs to stop the dumping of cheap steel," Reyes added.

Park said the weather had delayed the harvest by two weeks.
"""


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def label(runner, *args, input=""):
    return runner.invoke(cli, ["label", *map(str, args)], input=input)


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def shown(output):
    """The statements a session displayed, in order."""
    return [line.strip()[2:] for line in output.splitlines() if line.strip().startswith("» ")]


def test_candidates_carry_context_and_stable_ids():
    found = find_candidates([("a.txt", ARTICLE)])
    assert len(found) == 7
    haddad = next(c for c in found if c.text.startswith("the new duties"))
    assert haddad.speaker == "Omar Haddad" and haddad.cue == "said"
    assert haddad.before.startswith('"Tariffs on steel') and haddad.after.startswith('"The border crossing')
    assert ARTICLE[haddad.content_span[0]:haddad.content_span[1]] == haddad.text
    assert haddad.statement_id == statement_id("a.txt", haddad.content_span, haddad.text)
    again = find_candidates([("a.txt", ARTICLE)])
    assert [c.statement_id for c in again] == [c.statement_id for c in found]
    assert find_candidates([("b.txt", ARTICLE)])[0].statement_id != found[0].statement_id


def test_bar_four_answers_trainable_and_never_shown_again(runner, article, tmp_path):
    out = tmp_path / "out.csv"
    r = label(runner, article, "--topic", "trade", "--labels", out, "--seed-terms", "trade,tariff",
              input="f\na\nn\no\ns\nq\n")
    assert r.exit_code == 0, r.output
    written = rows(out)
    assert len(written) == 4  # the skip left none
    assert list(written[0]) == list(LABEL_COLUMNS)
    assert [(w["topic"], w["stance"]) for w in written] == [
        ("trade", "favor"), ("trade", "against"), ("trade", "none"), ("other", "none")]
    assert all(w["labeled_for"] == "trade" and w["labeled_at"] for w in written)
    asked = shown(r.output)
    assert asked[:4] == [w["text"] for w in written]
    # the seed terms come first: the two statements that mention a tariff or trade before the others
    assert all(("tariff" in t.lower() or "trade" in t.lower()) for t in asked[:2])
    data = read_labeled([out])
    assert data.topics == ("trade", "trade", "trade", "other")

    again = label(runner, article, "--topic", "trade", "--labels", out, input="s\n" * 10)
    assert again.exit_code == 0, again.output
    assert not set(shown(again.output)) & {w["text"] for w in written}
    assert len(shown(again.output)) == 3  # the other three, then "every statement is labeled or skipped"
    assert "every statement is labeled or skipped" in again.output
    assert len(rows(out)) == 4

    model = tmp_path / "mine.joblib"
    t = runner.invoke(cli, ["train", str(out), "--folds", "0", "-o", str(model)])
    assert t.exit_code == 0, t.output
    s = runner.invoke(cli, ["--model", str(model), "score", str(article), "--topic", "trade", "--format", "csv"])
    assert s.exit_code == 0, s.output
    scored = list(csv.DictReader(s.output.splitlines()))
    assert len(scored) == 7 and {x["topic"] for x in scored} == {"trade"}


def test_undo_removes_the_last_row_and_asks_it_again(runner, article, tmp_path):
    out = tmp_path / "out.csv"
    r = label(runner, article, "--topic", "trade", "--labels", out, input="f\na\nu\nn\nu\nu\nu\no\nq\n")
    assert r.exit_code == 0, r.output
    asked = shown(r.output)
    a, b, c = asked[:3]
    # f on A, a on B; at C: u -> B again; n; at C: u -> B again; u -> A again; u -> nothing to undo; o on A
    assert asked == [a, b, c, b, c, b, a, a, b]
    assert "nothing to undo in this session" in r.output
    written = rows(out)
    assert [(w["text"], w["topic"]) for w in written] == [(asked[0], "other")]


def test_torn_last_line_is_dropped_and_the_session_resumes(runner, article, tmp_path):
    out = tmp_path / "out.csv"
    label(runner, article, "--topic", "trade", "--labels", out, input="f\na\nq\n")
    good = out.read_bytes()
    with open(out, "ab") as f:  # a crash in the middle of writing the third row
        f.write(b'"We need more tariffs to stop the du')
    r = label(runner, article, "--topic", "trade", "--labels", out, input="n\nq\n")
    assert r.exit_code == 0, r.output
    assert "dropped an incomplete last line" in r.output
    written = rows(out)
    assert len(written) == 3 and out.read_bytes().startswith(good)
    assert len({w["statement_id"] for w in written}) == 3
    read_labeled([out])


def test_killed_mid_session_keeps_every_answer(article, tmp_path):
    out = tmp_path / "out.csv"
    proc = subprocess.Popen([sys.executable, "-m", "stance", "label", str(article), "--topic", "trade",
                             "--labels", str(out)], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        proc.stdin.write(b"f\na\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (out.exists() and len(rows(out)) == 2):
            time.sleep(0.05)
        proc.kill()  # no chance to clean up
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    written = rows(out)
    assert [w["stance"] for w in written] == ["favor", "against"]
    assert out.read_bytes().endswith(b"\n")
    assert len(read_labeled([out])) == 2


def test_refit_shows_a_guess_and_the_estimate_appears_with_enough_labels(tmp_path):
    texts = [f"we must raise tariffs on {w} now" for w in ("steel", "cars", "grain", "wood", "chips", "milk")]
    texts += [f"tariffs on {w} hurt every family" for w in ("steel", "cars", "grain", "wood", "chips", "milk")]
    texts += [f"the {w} festival opens on friday" for w in ("music", "film", "book", "food", "art", "wine")]
    texts += [f"tariff rates on {w} were published" for w in ("steel", "cars", "grain", "wood", "chips", "milk")]
    gold = {**{t: "favor" for t in texts[:6]}, **{t: "against" for t in texts[6:12]},
            **{t: "other" for t in texts[12:18]}, **{t: "none" for t in texts[18:]}}
    candidates = [Candidate(statement_id(f"a{i}", (0, len(t)), t), f"a{i}", t, (0, len(t)), "X", "said", "", "")
                  for i, t in enumerate(texts)]
    labels = LabelFile.open(tmp_path / "l.csv")
    session = LabelingSession(candidates, labels, "tariffs", seed_terms=["tariff"], refit_every=5,
                              clock=lambda: "2026-01-01T00:00:00+00:00")
    assert session.model is None and session.guess(candidates[0]) is None
    refits = 0
    for _ in range(len(texts)):
        c = session.next()
        refits += session.answer(c, gold[c.text])
        if refits == 1:
            assert session.guess(session.next()) is not None
    assert refits == 4 and session.next() is None
    assert session.estimate is not None and session.estimate.n == 20
    assert 0.0 <= session.estimate.low <= session.estimate.macro_f1 <= session.estimate.high <= 1.0
    assert session.counts() == {"favor": 6, "against": 6, "other": 6, "none": 6}
    assert all(r["labeled_at"] == "2026-01-01T00:00:00+00:00" for r in rows(tmp_path / "l.csv"))


def test_rank_puts_near_copies_down_the_list():
    texts = ["tariffs on steel protect our mills", "tariffs on steel protect our mills!",
             "the climate summit opens in june", "a new library opens in spring"]
    learner = TopicLearner(texts)
    priority = np.array([1.0, 0.99, 0.7, 0.0])
    assert rank(learner.vectors, range(4), priority, n=4)[:2] == [0, 2]
    assert rank(learner.vectors, range(4), priority, n=4, diversity=0.0)[:2] == [0, 1]
    # a labeled statement's copy waits too
    assert rank(learner.vectors, [1, 2, 3], priority[1:], avoid=[0], n=1) == [2]


def test_seed_terms_and_uncertainty():
    scores = seed_term_scores(["Border guards said", "No tariffs", "asylum and borders"], ["border", "asylum"])
    assert scores.tolist() == [0.5, 0.0, 1.0]
    assert seed_term_scores(["a b"], []).tolist() == [0.0]
    assert uncertainty(np.array([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0]])).tolist() == [1.0, 0.0]


def test_export_import_and_kappa(runner, article, tmp_path):
    out = tmp_path / "labels.csv"
    batch = tmp_path / "batch.csv"
    r = label(runner, article, "--topic", "trade", "--labels", out, "--export", batch, "--n", "5")
    assert r.exit_code == 0, r.output
    exported = rows(batch)
    assert len(exported) == 5 and rows(out) == []
    assert {"before", "text", "after", "label"} <= set(exported[0])
    ana = [["f", "a", "n", "o", ""], "ana"]
    ben = [["FAVOR", "against", "none", "favor", "o"], "ben"]
    for answers, who in (ana, ben):
        with open(tmp_path / f"{who}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(exported[0]))
            w.writeheader()
            for row, a in zip(exported, answers):
                w.writerow({**row, "label": a})
    r = label(runner, "--import", tmp_path / "ana.csv", "--import", tmp_path / "ben.csv", "--topic", "trade",
              "--labels", out)
    assert r.exit_code == 0, r.output
    kappa = cohen_kappa_score(["favor", "against", "none", "other"], ["favor", "against", "none", "favor"])
    assert f"Cohen's kappa {kappa:.3f} on 4 shared statements" in r.output
    written = rows(out)
    # three agreed, one disagreement left out, one answered by ben only
    assert [(w["stance"], w["labeled_by"]) for w in written] == [
        ("favor", "ana+ben"), ("against", "ana+ben"), ("none", "ana+ben"), ("none", "ben")]
    assert written[-1]["topic"] == "other"
    assert "imported 4 answers" in r.output and "1 statements the files disagree on" in r.output
    again = label(runner, "--import", tmp_path / "ana.csv", "--import", tmp_path / "ben.csv", "--topic", "trade",
                  "--labels", out)
    assert "imported 0 answers" in again.output and "4 already there" in again.output
    assert len(rows(out)) == 4
    # the interactive loop never asks about an imported statement
    s = label(runner, article, "--topic", "trade", "--labels", out, input="s\n" * 10)
    assert not set(shown(s.output)) & {w["text"] for w in written}


@pytest.mark.parametrize("args, message", [
    (["--topic", "other"], "not 'other'"),
    (["--topic", "trade", "--import", "x.csv", "ARTICLE"], "--import takes no ARTICLE"),
    (["--topic", "trade", "-"], "articles must be files"),
])
def test_bad_usage(runner, article, tmp_path, args, message):
    args = [str(article) if a == "ARTICLE" else a for a in args]
    r = label(runner, *([str(article)] if "--import" not in args else []), *args, "--labels", tmp_path / "l.csv")
    assert r.exit_code == 2 and message in r.output


def test_bad_files_exit_2_and_clobber_nothing(runner, article, tmp_path):
    other = tmp_path / "notes.csv"
    other.write_text("name,value\na,1\n", encoding="utf-8")
    r = label(runner, article, "--topic", "trade", "--labels", other, input="f\n")
    assert r.exit_code == 2 and "not a labels file" in r.output and "Traceback" not in r.output
    assert other.read_text(encoding="utf-8") == "name,value\na,1\n"

    out = tmp_path / "labels.csv"
    batch = tmp_path / "batch.csv"
    label(runner, article, "--topic", "trade", "--labels", out, "--export", batch, "--n", "2")
    text = batch.read_text(encoding="utf-8").replace(",,\n", ",maybe,\n", 1)
    batch.write_text(text, encoding="utf-8")
    r = label(runner, "--import", batch, "--topic", "trade", "--labels", out)
    assert r.exit_code == 2 and "unknown label 'maybe'" in r.output
    assert rows(out) == []


def test_labels_file_appends_whole_lines_and_undo_is_atomic(tmp_path):
    labels = LabelFile.open(tmp_path / "l.csv")
    c = Candidate("id1", "a.txt", 'He said "yes",\nthen left', (3, 9), None, None, "", "")
    from stance.labeling import label_row

    labels.append(label_row(c, "favor", topic="t", labeled_by="me", labeled_at="now"))
    raw = (tmp_path / "l.csv").read_bytes()
    assert raw.count(b"\n") == 2  # header and one row: texts are kept on one line
    assert rows(tmp_path / "l.csv")[0]["text"] == 'He said "yes", then left'
    with pytest.raises(Exception, match="not the answer to undo"):
        labels.remove_last("other-id")
    labels.remove_last("id1")
    assert rows(tmp_path / "l.csv") == [] and not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_bootstrap_macro_f1_matches_sklearn():
    from sklearn.metrics import f1_score

    from stance.labeling import _macro_f1

    rng = np.random.default_rng(0)
    gold, pred = rng.integers(0, 4, 50), rng.integers(0, 4, 50)
    pred[pred == 3] = 2  # a label never predicted
    assert _macro_f1(gold, pred, 4) == pytest.approx(f1_score(gold, pred, labels=range(4), average="macro",
                                                              zero_division=0))


def test_articles_without_statements_exit_2(runner, tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("The sun rose over the hills. Nobody spoke.\n", encoding="utf-8")
    r = label(runner, p, "--topic", "trade", "--labels", tmp_path / "l.csv", input="f\n")
    assert r.exit_code == 2 and "no attributed statements" in r.output


def test_one_word_statements_can_be_learned():
    learner = TopicLearner(["Yes", "No", "I"])
    assert learner.fit([0, 1], ["favor", "against"]) is not None
