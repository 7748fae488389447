"""Whole-story consistency: minimal sets of claims that cannot all be true."""

from __future__ import annotations

import datetime as dt

from reconcile import Claim, Settings, reconcile
from reconcile.engine.consistency import INCONSISTENT_SET, inconsistent_sets, is_consistent


def test_the_seed_names_the_wounded_conflict_as_a_minimal_set(seed):
    sets = [f for f in seed.findings if f.kind == INCONSISTENT_SET]
    assert [f.claims for f in sets] == [("nis-wounded", "zel-casualties", "zel-killed")]
    assert sets[0].strength is not None and sets[0].strength.value == "impossible"
    assert "wounded 2,700" in sets[0].explanation and "at most 1,467" in sets[0].explanation
    g = seed.graph().nx
    assert g.has_edge("nis-wounded", "zel-casualties", "contradicts")  # between claims of different sources


def test_a_minimal_set_is_minimal(seed):
    given = [c for c in seed.claims if c.rule is None or c.rule == "fraction"]
    ids = {c.id for c in given}
    for f in (f for f in seed.findings if f.kind == INCONSISTENT_SET):
        assert not is_consistent(seed.claims, ids, seed.measures, seed.settings)
        assert not is_consistent(seed.claims, set(f.claims), seed.measures, seed.settings)
        for dropped in f.claims:
            rest = set(f.claims) - {dropped}
            assert is_consistent(seed.claims, rest, seed.measures, seed.settings), dropped


def test_a_chain_over_time_is_found_beyond_pairs():
    # 500 killed in January; 450 killed in March is already a pair; the set of three via a part is new.
    def fig(id, src, measure, value, day):
        return Claim.figure(id, src, measure, value, subject="x", said_on=day)
    claims = [fig("w", "a", "wounded", "812", "2025-01-01"), fig("nf", "b", "non-fatal", "812", "2025-02-01"),
              fig("nf2", "c", "non-fatal", "700", "2025-03-01")]
    r = reconcile(claims)
    sets = inconsistent_sets(r.claims, r.measures, r.settings)
    assert sets and all(len(f.claims) >= 2 for f in sets)
    assert any(set(f.claims) == {"w", "nf2"} or set(f.claims) == {"nf", "nf2"} for f in sets)


def test_consistent_stories_have_no_sets():
    claims = [Claim.figure("a", "x", "killed", "at least 300", subject="s", said_on="2025-01-01"),
              Claim.figure("b", "y", "killed", "2,667", subject="s", said_on="2025-02-01")]
    r = reconcile(claims)
    assert inconsistent_sets(r.claims, r.measures, r.settings) == []


def _fallen_series(n):
    """A peak of 100,000 killed on day 0, then ``n - 1`` days climbing from 1,001 that never reach it again."""
    start = dt.date(2020, 1, 1)
    out = [Claim.figure("peak", "a", "killed", "100000", subject="s", said_on=start.isoformat())]
    out += [Claim.figure(f"d{i}", "b", "killed", str(1000 + i), subject="s",
                         said_on=(start + dt.timedelta(days=i)).isoformat()) for i in range(1, n)]
    return out


def test_a_long_fallen_series_keeps_paths_short_and_names_its_ends():
    # A peak on day 0, then a slow climb that stays below it: every later day conflicts with the peak. The path
    # behind each conflict is the run of one cumulative measure, so it must name its two ends, not every day
    # between (which made the check quadratic: 40,000 days meant 40 million path steps).
    from reconcile.engine.consistency import conflict

    for n in (200, 400):
        r = reconcile(_fallen_series(n))
        found = conflict([c for c in r.claims if c.estimate is not None], r.measures, r.settings)
        assert len(found) == n - 1
        assert {f.id for f, _, _ in found} == {"peak"}
        assert max(len(path) for _, _, path in found) == 2
        assert all(path[0][1] == found[0][2][0][1] for _, _, path in found)  # each path starts at the peak


def test_a_long_fallen_series_is_shrunk_a_bounded_number_of_times(monkeypatch):
    # Every later day of a fallen series conflicts with the peak, and the pairwise rules already name each such
    # pair: no set is added, and the deletion filter must not run once per day (it did: 120,000 conflict() calls
    # on the 100,000-day bench series).
    from reconcile.engine import consistency

    calls = []
    real = consistency.conflict

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(consistency, "conflict", counting)
    counts = []
    for n in (200, 400):
        r = reconcile(_fallen_series(n), settings=Settings(whole_story=False))
        calls.clear()
        sets = consistency.inconsistent_sets(r.claims, r.measures, r.settings, r.findings)
        assert sets == [] and sum(f.kind == "cumulative-decrease" for f in r.findings) == n - 1
        counts.append(len(calls))
    assert counts == [1, 1]
    # Without the pairwise findings each pair is a set of its own, each found once.
    r = reconcile(_fallen_series(50), settings=Settings(whole_story=False))
    assert len(consistency.inconsistent_sets(r.claims, r.measures, r.settings)) == 49
