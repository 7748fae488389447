"""Whole-story consistency: minimal sets of claims that cannot all be true."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from typing import Sequence

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from strategies import figure_texts, stories

from reconcile import Claim, Settings, reconcile
from reconcile.claims import claim_sort_key
from reconcile.figures.dates import Period
from reconcile.measures import MeasureRegistry
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

    class Counting(consistency._Conflicts):
        def __init__(self, *args, **kwargs):
            calls.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(consistency, "_Conflicts", Counting)
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


# -- the whole-story check as first written, for the property test below -----------------------------------------
_Node = tuple  # a measure and a period's day ordinals

def _reference_edges(nodes: Sequence[_Node], measures: MeasureRegistry) -> dict:
    """``u -> v`` when ``x(u) <= x(v)`` by the measure rules (cumulative order, part within whole); each node
    links to the first value after it (found by bisection), so the edges stay linear in the values."""
    by_measure: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m, p in nodes:
        by_measure[m].append(p)
    out: dict = defaultdict(list)
    starts: dict[str, list[int]] = {}
    for m, periods in by_measure.items():
        periods.sort()
        starts[m] = [p[0] for p in periods]
    for m, periods in by_measure.items():
        if measures.resolve(m).is_cumulative:
            for p in periods:
                # the first period that lies wholly after p; later ones follow from it by the same rule
                i = bisect.bisect_right(starts[m], p[1])
                if i < len(periods):
                    out[(m, p)].append((m, periods[i]))
        for whole in measures.wholes(m):
            if whole not in by_measure:
                continue
            targets, target_starts = by_measure[whole], starts[whole]
            cumulative = measures.resolve(whole).is_cumulative
            for p in periods:
                i = bisect.bisect_left(target_starts, p[0])
                # the same period, or (a cumulative whole) the first one starting with or after p, not ending before
                while i < len(targets):
                    q = targets[i]
                    if q == p or (cumulative and q[1] >= p[1]):
                        out[(m, p)].append((whole, q))
                        break
                    if not cumulative and q[0] != p[0]:
                        break
                    i += 1
    return out


def _reference_conflict(claims: Sequence[Claim], measures: MeasureRegistry, settings: Settings
             ) -> list[tuple[Claim, Claim, list[tuple[str, Period]]]]:
    """conflict() as it was first written (dicts of values, claims sorted): what the faster one must give."""
    floors: dict[_Node, tuple[float, Claim]] = {}
    ceilings: dict[_Node, tuple[float, Claim]] = {}
    period: dict[_Node, Period] = {}
    for c in sorted(claims, key=claim_sort_key):
        e = c.estimate
        if e is None or c.measure is None:
            continue
        node = (c.measure, c.as_of.sort_key)
        period.setdefault(node, c.as_of)
        if e.low is not None and (node not in floors or e._lo > floors[node][0]):
            floors[node] = (e._lo, c)
        if e.high is not None and (node not in ceilings or e._hi < ceilings[node][0]):
            ceilings[node] = (e._hi, c)
    # Time order, parts before their wholes at one date, is an order of the DAG: every edge goes to a later
    # period, or to the same period of a whole, which has fewer ancestors than its part.
    depth = {m: len(measures.ancestors(m)) for m in {n[0] for n in period}}
    order = sorted(period, key=lambda n: (n[1], -depth[n[0]], n[0]))
    edges = _reference_edges(order, measures)
    # the highest floor reaching each value, the claim that sets it, and the value it came from (for the path)
    reach: dict[_Node, tuple[float, Claim]] = {}
    came: dict[_Node, _Node] = {}
    for u in order:
        if u in floors and (u not in reach or floors[u][0] > reach[u][0]):
            reach[u] = floors[u]
            came.pop(u, None)
        if u in reach:
            for v in edges.get(u, ()):
                if v not in reach or reach[u][0] > reach[v][0]:
                    reach[v] = reach[u]
                    # Inside a run of one measure the middle values add nothing to the path (a cumulative
                    # count never falls: its first and last dates say it all), so v links past them; walking
                    # back then costs the measures crossed, not the days, and a 100,000-day series stays linear.
                    w = came.get(u)
                    came[v] = w if w is not None and w[0] == u[0] == v[0] else u
    out = []
    for u in order:
        if u in reach and u in ceilings:
            low, floor_claim = reach[u]
            high, ceiling_claim = ceilings[u]
            if low > high * (1 + settings.tolerance) and floor_claim.id != ceiling_claim.id:
                path = [u]
                while path[-1] in came:
                    path.append(came[path[-1]])
                out.append((floor_claim, ceiling_claim, [(m, period[(m, k)]) for m, k in reversed(path)]))
    return out


@st.composite
def _figures(draw) -> list[Claim]:
    """Figures of a few measures tied by the measure rules (killed and wounded within casualties, a stock beside
    them) over a few days and months, from a few sources, rising and falling: values that conflict and values
    that do not, at one period and over time."""
    claims = []
    for k in range(draw(st.integers(1, 14))):
        measure = draw(st.sampled_from(("killed", "killed", "wounded", "casualties", "deployed")))
        text = draw(st.one_of(figure_texts(counts_only=True), st.integers(90, 140).map(str)))
        day = draw(st.sampled_from(("2025-01-01", "2025-01-02", "2025-01-03", "2025-01-05", "2025-01", "2025-01-01/2025-01-31",
                                     "2025-02")))
        claims.append(Claim.figure(f"c{k}", draw(st.sampled_from(("a", "b", "c"))), measure, text,
                                   subject=draw(st.sampled_from(("s", "s", "t"))), said_on="2025-03-01",
                                   as_of=day))
    return claims


def _days(draw_values: list[int]) -> list[Claim]:
    return [Claim.figure(f"d{i}", "moh", "killed", f"{v:,}", subject="s", said_on=f"2025-01-{i + 1:02d}")
            for i, v in enumerate(draw_values)]


def _spelled(found: list) -> list:
    """Conflicts as explanations write them: periods equal by their days may be spelled differently."""
    return [(f.id, c.id, [(m, p.describe()) for m, p in path]) for f, c, path in found]


@given(st.one_of(_figures(), st.lists(st.integers(90, 140), min_size=1, max_size=28).map(_days),
                 stories(max_claims=14)),
       st.sampled_from([0.0, 0.02, 0.1]), st.randoms(use_true_random=False))
@hsettings(max_examples=400, deadline=None)
def test_the_shortcuts_of_the_whole_story_check_change_nothing(claims, tolerance, rng):
    # inconsistent_sets skips a subject surely_consistent settles, and conflict() takes a one-measure series
    # whose values follow one another as a running maximum (numpy). With both turned off, and the claims given
    # in any order, the sets and conflicts must be the same.
    from reconcile.engine import consistency

    settings = Settings(tolerance=tolerance, whole_story=False)
    r = reconcile(claims, settings=settings)
    figures = [c for c in r.claims if c.estimate is not None]
    quick = consistency.inconsistent_sets(r.claims, r.measures, settings, r.findings)
    quick_alone = consistency.inconsistent_sets(r.claims, r.measures, settings)
    found = _spelled(consistency.conflict(figures, r.measures, settings))
    shuffled = list(figures)
    rng.shuffle(shuffled)
    assert _spelled(consistency.conflict(shuffled, r.measures, settings)) == found
    assert found == _spelled(_reference_conflict(figures, r.measures, settings))
    consistency.PREFILTER = consistency.CHAINS = False
    try:
        assert consistency.inconsistent_sets(r.claims, r.measures, settings, r.findings) == quick
        assert consistency.inconsistent_sets(r.claims, r.measures, settings) == quick_alone
        assert _spelled(consistency.conflict(figures, r.measures, settings)) == found
    finally:
        consistency.PREFILTER = consistency.CHAINS = True
