"""The data-building scripts keep only government words and drop repeated boilerplate.

Invented documents; the real White House corpus is read only by the scripts themselves.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts" / "corpus"))

import pytest  # noqa: E402

import build_both_sides  # noqa: E402
from build_both_sides import Seen, final_labels, wh_labels  # noqa: E402
from wh_statements import statements  # noqa: E402

BRIEFING = "\n\n".join([
    "MS. LEAVITT: Good afternoon, everyone. The administration will raise tariffs on imported widgets next month.",
    "We believe these duties will protect the workers who build widgets in this country.",
    "Q Will other countries retaliate against the widget tariffs next month, do you think?",
    "PRESIDENT OTHERLAND: We regret the decision and will answer it with measures of our own very soon.",
    "THE PRESIDENT: As one newspaper put it, “the widget tariffs are a disaster for everyone,” but they are wrong.",
    "THE PRESIDENT: We are leaving the widget council because it has failed our farmers for years.",
])


def doc(text, title="Press Briefing by the Press Secretary"):
    return {"id": "x/briefing", "title": title, "text": text}


def test_only_us_officials_speak_and_quoted_press_is_dropped():
    rows = statements(doc(BRIEFING))
    texts = [r["text"] for r in rows]
    assert any(t.startswith("Good afternoon") for t in texts)
    assert any("protect the workers" in t for t in texts)
    assert any("leaving the widget council" in t for t in texts)
    assert not any("retaliate" in t for t in texts), "reporters' questions are not government words"
    assert not any("We regret the decision" in t for t in texts), "foreign leaders are not government words"
    assert not any("newspaper" in t for t in texts), "sentences quoting others are dropped"
    for r in rows:
        assert BRIEFING[r["start"]:r["end"]] == r["text"]
    assert {r["speaker"] for r in rows} == {"MS. LEAVITT", "THE PRESIDENT"}


def test_a_quoted_spokesperson_statement_is_unwrapped():
    text = "“The United States will not rejoin the widget accord, which has cost our workers billions of dollars.”"
    rows = statements(doc(text, title="Statement from the Press Secretary"))
    assert [r["text"] for r in rows] == [text[1:-1]]
    assert text[rows[0]["start"]:rows[0]["end"]] == rows[0]["text"]


def test_co_authored_and_reaction_documents_are_left_out():
    text = "The two governments reaffirmed their commitment to open and fair trade in widgets and gadgets."
    assert statements(doc(text, title="Joint Statement of the United States and Otherland")) == []
    assert statements(doc(text, title="WHAT THEY ARE SAYING: Leaders Praise the Widget Deal")) == []
    assert statements(doc(text, title="Fact Sheet: Trade in Widgets")) != []


def test_exact_and_near_duplicates_are_kept_once():
    seen = Seen()
    first = "This tariff shall be effective with respect to goods entered on or after 12:01 a.m. on August 1, 2025."
    assert seen.add(first)
    assert not seen.add(first.upper()), "the same text, normalised"
    assert not seen.add(first.replace("August 1", "August 7")), "boilerplate differing in one word"
    assert seen.add("The Secretary shall inform the Congress of any action taken under this proclamation.")
    assert seen.add(first.replace("August 1", "September 9"), near=False), "edits are compared exactly"


LABEL_HEADER = "id,topic,stance,confidence,annotator,round\n"


def work_dir(tmp_path, monkeypatch, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(build_both_sides, "WORK", tmp_path)
    return tmp_path


def round_two(tmp_path, monkeypatch, labels):
    return work_dir(tmp_path, monkeypatch, {
        "wh_labels.csv": LABEL_HEADER + "wh-a,tariffs,favor,high,first,1\n",
        "wh2_batch_1.csv": "id,text\nwh-b,One.\nwh-c,Two.\n",
        "labels_annX_wh2_batch_1.csv": LABEL_HEADER + labels,
    })


def test_round_two_labels_follow_round_one_with_their_annotator(tmp_path, monkeypatch):
    round_two(tmp_path, monkeypatch, "wh-b,tariffs,none,low,annX,2\nwh-c,other,none,high,annX,2\n")
    assert [(r["id"], r["annotator"], r["round"]) for r in wh_labels()] == [
        ("wh-a", "first", "1"), ("wh-b", "annX", "2"), ("wh-c", "annX", "2")]


@pytest.mark.parametrize("labels", [
    "wh-z,tariffs,none,low,annX,2\n",      # not in the batch
    "wh-a,tariffs,none,low,annX,2\n",      # already labeled in round 1
    "wh-b,tariffs,none,low,annY,2\n",      # another annotator's name
    "wh-b,tariffs,none,low,annX,1\n",      # wrong round
    "wh-b,other,favor,low,annX,2\n",       # other takes no side
    "wh-b,tariffs,none\n",                 # a line cut short
])
def test_bad_round_two_rows_stop_the_build(tmp_path, monkeypatch, labels):
    round_two(tmp_path, monkeypatch, labels)
    with pytest.raises(SystemExit):
        wh_labels()


def test_later_decisions_win(tmp_path, monkeypatch):
    work_dir(tmp_path, monkeypatch, {
        "revisions_v3.csv": "id,topic,stance,confidence,reason\nwh-a,tariffs,none,low,v3\n",
        "adjudication_kappa.csv": "id,topic,stance,reason\nwh-a,tariffs,against,adjudicated\n",
        "revisions_v4.csv": "id,old_topic,old_stance,topic,stance,confidence,annotator,reason\n"
                            "wh-a,tariffs,against,tariffs,favor,low,reviser,v4\n",
        "adjudication_wh2.csv": "id,topic,stance,confidence,reason\nwh-b,climate,favor,low,adjudicated\n",
    })
    final = final_labels()
    assert final["wh-a"] == {"topic": "tariffs", "stance": "favor", "confidence": "low",
                             "annotator": "reviser", "label_origin": "revised_v4"}
    assert final["wh-b"]["label_origin"] == "adjudicated"
