"""The arbiter: claims within a sentence, and nested statements across the document."""
from __future__ import annotations

import random

from stance.attribution.arbiter import SentenceClaims, drop_nested
from stance.attribution.candidates import Candidate, Proposal


def _candidate(content, cue, speaker):
    return Candidate(content, speaker, cue, "indirect.subject_cue", 0)


def _drop_nested_all_pairs(candidates):
    """The definition: drop a candidate whose cue lies in another speaker's content."""
    return [f for f in candidates
            if not any(g is not f and g.content[0] <= f.cue[0] < g.content[1] and g.speaker != f.speaker
                       for g in candidates)]


def test_cue_inside_another_speakers_content_is_dropped():
    outer = _candidate((0, 50), (52, 56), (57, 60))
    inner = _candidate((20, 30), (10, 14), (5, 9))
    same_speaker = _candidate((20, 30), (12, 14), (57, 60))
    assert drop_nested([outer, inner, same_speaker]) == [outer, same_speaker]


def test_drop_nested_matches_the_all_pairs_definition():
    rng = random.Random(0)
    speakers = [(0, 1), (2, 3), (4, 5), None]
    dropped = 0
    for _ in range(300):
        cands = []
        for _ in range(rng.randint(1, 25)):
            a = rng.randint(0, 100)
            cands.append(_candidate((a, a + rng.randint(0, 40)), (rng.randint(0, 140),) * 2, rng.choice(speakers)))
        expected = _drop_nested_all_pairs(cands)
        assert [id(c) for c in drop_nested(cands)] == [id(c) for c in expected]
        dropped += len(cands) - len(expected)
    assert dropped > 0


def test_claims_skip_later_triggers_and_bound_content():
    claims = SentenceClaims()
    c = _candidate((10, 20), (5, 9), (0, 4))
    claims.accept(Proposal((c,), ((5, 20),)))
    assert claims.accepted == [c]
    assert claims.is_claimed(5) and claims.is_claimed(19) and not claims.is_claimed(20)
    assert claims.next_claim_after(0, 99) == 5 and claims.next_claim_after(5, 99) == 99
