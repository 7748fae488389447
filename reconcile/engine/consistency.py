"""Whole-story consistency: can all figure claims of a subject hold together, and if not, which few cannot?

Each figure bounds one value: the subject's measure at the figure's date, ``low <= x(measure, date) <= high``.
The measure rules tie values together with difference constraints of weight 0 (``x(u) <= x(v)``):

- a cumulative count never falls: each date's value is at most the next later date's;
- a part is within its whole: a part's value at a date is at most the whole's at the same date, or at the
  whole's next date when the whole is cumulative (it can only have grown since);
- fractions of other claims and sums of parts are already figures (derived claims): a derived figure is in
  play only when every claim it comes from is, and implied precision is in every figure's interval.

With weights of 0 only, the system is infeasible exactly when some figure's floor reaches, along the ``<=``
edges, a value some figure caps lower (raised by ``Settings.tolerance``, the counting noise the pairwise rules
allow). One pass forward (largest floor reaching each value) and one back (smallest ceiling) over the
constraint DAG find every such value in O(n log n); no LP is needed. Each conflict becomes the given claims
behind the floor and the ceiling, shrunk by deletion (drop a claim, keep the drop if the rest still
conflicts) to a minimal set: dropping any one of its claims makes the rest consistent. Each set is a
finding — ``contradicts``, kind ``inconsistent-set``, strength ``impossible``.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from typing import Iterable, Sequence

import numpy as np

from ..claims import Claim, Status, claim_sort_key
from ..figures.dates import Period
from ..figures.numeric import format_number
from ..findings import Finding, Relation, Strength, finding_order, relative_gap
from ..measures import MeasureRegistry
from ..rules.common import fmt_ratio
from ..settings import Settings
from .scopes import is_window

__all__ = ["INCONSISTENT_SET", "inconsistent_sets", "conflict", "is_consistent"]

INCONSISTENT_SET = "inconsistent-set"
_Node = tuple[str, tuple[int, int]]  # a measure and a period (its day ordinals)


def _given(c: Claim, by_id: dict[str, Claim]) -> frozenset[str]:
    """The stated claims a figure rests on: itself when stated, and everything it was computed from."""
    if c.rule is None and not c.derived_from:
        return frozenset((c.id,))  # most figures: stated, computed from nothing
    out: set[str] = set()
    todo = [c]
    while todo:
        x = todo.pop()
        if x.rule is None or x.rule == "fraction":
            out.add(x.id)
        todo.extend(by_id[i] for i in x.derived_from if i in by_id)
    return frozenset(out)


def _edges(order: Sequence[_Node], measures: MeasureRegistry) -> list[list[int]]:
    """``u -> v`` (positions in ``order``) when ``x(u) <= x(v)`` by the measure rules (cumulative order, part
    within whole); each value links to the first value after it (found by bisection), so the edges stay linear
    in the values."""
    # ``order`` is in time order within each measure: each measure's periods are sorted already.
    by_measure: dict[str, list[tuple[int, int]]] = defaultdict(list)
    at: dict[str, list[int]] = defaultdict(list)
    for i, (m, p) in enumerate(order):
        by_measure[m].append(p)
        at[m].append(i)
    out: list[list[int]] = [[] for _ in order]
    starts = {m: [p[0] for p in periods] for m, periods in by_measure.items()}
    for m, periods in by_measure.items():
        here = at[m]
        if measures.resolve(m).is_cumulative:
            m_starts, n = starts[m], len(periods)
            for k, p in enumerate(periods):
                # the first period that lies wholly after p; later ones follow from it by the same rule
                i = bisect.bisect_right(m_starts, p[1])
                if i < n:
                    out[here[k]].append(here[i])
        for whole in measures.wholes(m):
            if whole not in by_measure:
                continue
            targets, target_starts, there = by_measure[whole], starts[whole], at[whole]
            cumulative = measures.resolve(whole).is_cumulative
            for k, p in enumerate(periods):
                i = bisect.bisect_left(target_starts, p[0])
                # the same period, or (a cumulative whole) the first one starting with or after p, not ending before
                while i < len(targets):
                    q = targets[i]
                    if q == p or (cumulative and q[1] >= p[1]):
                        out[here[k]].append(there[i])
                        break
                    if not cumulative and q[0] != p[0]:
                        break
                    i += 1
    return out


# The one-measure fast path below may be turned off (tests/test_consistency.py checks it changes nothing).
CHAINS = True


class _Conflicts:
    """What :func:`conflict` finds, as (floor claim, ceiling claim, position of the value) in ``found``, with each
    path walked back only when asked for (:meth:`path`): a fallen series conflicts at every later value, and the
    pairwise rules already name nearly all of those pairs."""

    def __init__(self, claims: Sequence[Claim], measures: MeasureRegistry, settings: Settings) -> None:
        # Per value: the highest floor and lowest ceiling with their claims, and the period as the first claim
        # there (in claim order) gives it. The claims at one value share a period, so claim order among them is
        # id order: ties go to the lower id, without sorting the claims.
        floors: dict[_Node, tuple[float, Claim]] = {}
        ceilings: dict[_Node, tuple[float, Claim]] = {}
        first: dict[_Node, Claim] = {}
        for c in claims:
            e = c.estimate
            if e is None or c.measure is None:
                continue
            node = (c.measure, c.as_of.sort_key)
            seen = first.get(node)
            if seen is None:
                first[node] = c
                if e.low is not None:
                    floors[node] = (e._lo, c)
                if e.high is not None:
                    ceilings[node] = (e._hi, c)
                continue
            if c.id < seen.id:
                first[node] = c
            if e.low is not None:
                f = floors.get(node)
                if f is None or e._lo > f[0] or (e._lo == f[0] and c.id < f[1].id):
                    floors[node] = (e._lo, c)
            if e.high is not None:
                f = ceilings.get(node)
                if f is None or e._hi < f[0] or (e._hi == f[0] and c.id < f[1].id):
                    ceilings[node] = (e._hi, c)
        # Time order, parts before their wholes at one date, is an order of the DAG: every edge goes to a later
        # period, or to the same period of a whole, which has fewer ancestors than its part.
        names = {n[0] for n in first}
        if len(names) == 1:
            order = sorted(first)
        else:
            depth = {m: len(measures.ancestors(m)) for m in names}
            order = sorted(first, key=lambda n: (n[1], -depth[n[0]], n[0]))
        self.order, self.periods = order, [first[n].as_of for n in order]
        # The values by position in ``order``: lists, not dicts of (measure, period) keys, for the passes below.
        floor_at = [floors.get(n) for n in order]
        ceiling_at = [ceilings.get(n) for n in order]
        raised = 1 + settings.tolerance
        self.came: list[int] = []
        self.found: list[tuple[Claim, Claim, int]] = []
        if CHAINS and len(names) == 1 and self._chain(order, floor_at, ceiling_at, measures, raised):
            return
        edges = _edges(order, measures)
        # the highest floor reaching each value (with the claim that sets it), and the value it came from (for
        # the path; -1 where it starts)
        reach: list[tuple[float, Claim] | None] = [None] * len(order)
        came = self.came = [-1] * len(order)
        measure_at = [n[0] for n in order]
        for u, targets in enumerate(edges):
            here, own = reach[u], floor_at[u]
            if own is not None and (here is None or own[0] > here[0]):
                here = reach[u] = own
                came[u] = -1
            if here is not None:
                for v in targets:
                    there = reach[v]
                    if there is None or here[0] > there[0]:
                        reach[v] = here
                        # Inside a run of one measure the middle values add nothing to the path (a cumulative
                        # count never falls: its first and last dates say it all), so v links past them; walking
                        # back then costs the measures crossed, not the days, and a 100,000-day series stays
                        # linear.
                        w = came[u]
                        came[v] = w if w >= 0 and measure_at[w] == measure_at[u] == measure_at[v] else u
        for u, (here, cap) in enumerate(zip(reach, ceiling_at)):
            if here is not None and cap is not None:
                low, floor_claim = here
                high, ceiling_claim = cap
                if low > high * raised and floor_claim.id != ceiling_claim.id:
                    self.found.append((floor_claim, ceiling_claim, u))

    def _chain(self, order: list[_Node], floor_at: list[tuple[float, Claim] | None],
               ceiling_at: list[tuple[float, Claim] | None], measures: MeasureRegistry, raised: float) -> bool:
        """One measure whose values each lie wholly before the next (a daily series): every edge goes from a
        value to the next one, so the floor reaching each value is the running maximum of the floors, set by
        the first value that reached it (numpy over the group, as the general pass would find it). False,
        having done nothing, for any other shape."""
        n = len(order)
        if n < 2 or not measures.resolve(order[0][0]).is_cumulative:
            return False
        spans = np.array([p for _, p in order], dtype=np.int64)
        if not (spans[1:, 0] > spans[:-1, 1]).all():
            return False
        lows = np.array([-math.inf if f is None else f[0] for f in floor_at])
        highs = np.array([math.inf if c is None else c[0] for c in ceiling_at])
        best = np.maximum.accumulate(lows)
        # a value sets the maximum when its floor is above every floor before it (the first of equal ones wins)
        sets = np.empty(n, dtype=bool)
        sets[0] = lows[0] > -math.inf
        sets[1:] = lows[1:] > best[:-1]
        by = np.maximum.accumulate(np.where(sets, np.arange(n), -1))
        came = np.where(by == np.arange(n), -1, by)
        self.came = came.tolist()
        hits = np.flatnonzero((best > -math.inf) & (best > highs * raised)).tolist()
        found = self.found
        for u, k in zip(hits, by[hits].tolist()):
            floor_claim = floor_at[k][1]  # a value the running maximum reaches has a floor
            ceiling_claim = ceiling_at[u][1]  # type: ignore[index]  # and a finite raised ceiling
            if floor_claim.id != ceiling_claim.id:
                found.append((floor_claim, ceiling_claim, u))
        return True

    def path(self, u: int) -> list[tuple[str, Period]]:
        """The values from the floor's to the conflicting value ``u``."""
        path = [u]
        came = self.came
        while came[path[-1]] >= 0:
            path.append(came[path[-1]])
        return [(self.order[i][0], self.periods[i]) for i in reversed(path)]


def conflict(claims: Sequence[Claim], measures: MeasureRegistry, settings: Settings
             ) -> list[tuple[Claim, Claim, list[tuple[str, Period]]]]:
    """Every (floor claim, ceiling claim, path of values) whose bounds cannot both hold; one per value."""
    found = _Conflicts(claims, measures, settings)
    return [(floor_claim, ceiling_claim, found.path(u)) for floor_claim, ceiling_claim, u in found.found]


def _in_play(claims: Sequence[Claim], keep: frozenset[str], given: dict[str, frozenset[str]]) -> list[Claim]:
    return [c for c in claims if given[c.id] and given[c.id] <= keep]


def is_consistent(claims: Sequence[Claim], keep: Iterable[str], measures: MeasureRegistry,
                  settings: Settings) -> bool:
    """Whether the figures resting only on the stated claims ``keep`` can all be true together."""
    by_id = {c.id: c for c in claims}
    given = {c.id: _given(c, by_id) for c in claims}
    return not _Conflicts(_in_play(claims, frozenset(keep), given), measures, settings).found


# The cheap test below may be turned off (tests/test_consistency.py checks it changes nothing).
PREFILTER = True


def surely_consistent(group: Sequence[Claim], measures: MeasureRegistry, settings: Settings) -> bool:
    """True only when no conflict is possible among ``group`` (one subject's figures in time order); False says
    nothing. Every edge of the constraint DAG goes to a value starting no earlier, from a measure to one of its
    wholes, so the floor reaching a value is at most the highest floor, among its own measure and its parts,
    starting no later. A measure that is not cumulative and has no parts in the group is reached only from its
    own value at the same period. When no ceiling (raised as :func:`conflict` raises it) is below that bound, no
    value conflicts; most subjects are settled here, in one pass, without the DAG."""
    present = {c.measure or "" for c in group}  # figures: every one has a measure
    ancestors = {m: measures.ancestors(m) for m in present}
    reaching = {m: [x for x in present if x == m or m in ancestors[x]] for m in present}
    alone = {m for m in present if len(reaching[m]) == 1 and not measures.resolve(m).is_cumulative}
    raised = 1 + settings.tolerance
    top: dict[str, float] = {}                        # highest floor so far, per measure
    top_at: dict[tuple[str, tuple[int, int]], float] = {}  # per value, for the measures reached alone
    batch: list[Claim] = []
    last: int | None = None

    def settled(batch: list[Claim]) -> bool:
        for c in batch:
            e = c.estimate
            assert e is not None
            if e.high is None:
                continue
            m = c.measure or ""
            if m in alone:
                bound = top_at.get((m, c.as_of.sort_key))
            else:
                bound = max((top[x] for x in reaching[m] if x in top), default=None)
            if bound is not None and bound > e._hi * raised:
                return False
        return True

    for c in group:
        start = c.as_of.sort_key[0]
        if last is None or start != last:
            if last is not None and start < last:
                return False  # not in time order: no cheap answer
            if not settled(batch):
                return False
            batch = []
            last = start
        batch.append(c)
        e = c.estimate
        assert e is not None
        if e.low is not None:
            m = c.measure or ""
            if m in alone:
                key = (m, c.as_of.sort_key)
                if top_at.get(key, -math.inf) < e._lo:
                    top_at[key] = e._lo
            elif top.get(m, -math.inf) < e._lo:
                top[m] = e._lo
    return settled(batch)


class _Given(dict[str, frozenset[str]]):
    """The stated claims each figure rests on (:func:`_given`), worked out for the figures asked about only."""

    def __init__(self, by_id: dict[str, Claim]) -> None:
        super().__init__()
        self.by_id = by_id

    def __missing__(self, claim_id: str) -> frozenset[str]:
        value = self[claim_id] = _given(self.by_id[claim_id], self.by_id)
        return value


def _resting(group: Sequence[Claim], given: _Given) -> dict[str, list[Claim]]:
    """Stated claim -> the figures of ``group`` that rest on it (in no particular order: :class:`_Conflicts`
    does not depend on the order of its claims)."""
    out: dict[str, list[Claim]] = defaultdict(list)
    for c in group:
        if c.rule is None and not c.derived_from:
            out[c.id].append(c)  # most figures: stated, resting on themselves alone
        else:
            for g in given[c.id]:
                out[g].append(c)
    return out


def inconsistent_sets(claims: Sequence[Claim], measures: MeasureRegistry, settings: Settings,
                      pairwise: Iterable[Finding] = ()) -> list[Finding]:
    """One finding per minimal set of stated claims that cannot all be true (module docstring). A set of two
    that a ``pairwise`` contradiction already names is left out: the set adds nothing to it."""
    # Counts over a window (since/during, flow measures; issue 11) are not values of a running total at a date:
    # the window rules (engine/scopes.py) check them, this one does not (is_window, read once per measure).
    flow: dict[str | None, bool] = {}
    by_subject: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.estimate is None or c.status is Status.RETRACTED or c.as_of.is_window:
            continue
        is_flow = flow.get(c.measure)
        if is_flow is None:
            is_flow = flow[c.measure] = is_window(c, measures)
        if not is_flow:
            by_subject[c.subject].append(c)
    found: dict[frozenset[str], Finding] = {}
    named: set[frozenset[str]] | None = None
    given = _Given({})
    for subject in sorted(by_subject):
        group = by_subject[subject]
        if PREFILTER and surely_consistent(group, measures, settings):
            continue
        if named is None:  # made for the first subject that may conflict; most stories have few
            named = {f.pair for f in pairwise if f.relation is Relation.CONTRADICTS}
            given = _Given({c.id: c for c in claims})
        resting: dict[str, list[Claim]] | None = None  # stated claim -> the subject's figures resting on it
        # The minimal set depends only on the claims a conflict starts from (and the subject): a long series
        # meets one pair of them at many values, so each start is shrunk once.
        shrunk: dict[frozenset[str], frozenset[str]] = {}
        conflicts = _Conflicts(group, measures, settings)
        for floor_claim, ceiling_claim, u in conflicts.found:
            start = given[floor_claim.id] | given[ceiling_claim.id]
            if len(start) < 2 or (len(start) == 2 and start in named):
                continue  # shrinking only removes claims: the set could only be too small or already named
            key = shrunk.get(start)
            if key is None:
                members = set(start)
                if resting is None:
                    resting = _resting(group, given)
                # stated figures rest on themselves alone (_given), so only the others are looked through
                near = list({c.id: c for m in sorted(members) for c in resting.get(m, ())}.values())
                for cid in sorted(members):  # deletion filter: what stays is needed for the conflict
                    trial = frozenset(members - {cid})
                    if _Conflicts(_in_play(near, trial, given), measures, settings).found:
                        members.discard(cid)
                key = shrunk[start] = frozenset(members)
            if key in found or len(key) < 2 or (len(key) == 2 and key in named):
                continue
            found[key] = _finding(key, floor_claim, ceiling_claim, conflicts.path(u), given.by_id, settings)
    return sorted(found.values(), key=finding_order)


def _finding(members: frozenset[str], floor_claim: Claim, ceiling_claim: Claim, path: list[tuple[str, Period]],
             by_id: dict[str, Claim], settings: Settings) -> Finding:
    fe, ce = floor_claim.estimate, ceiling_claim.estimate
    assert fe is not None and ce is not None
    ratio = float(fe._lo) / float(ce._hi) if ce._hi else None
    ratio_words = "" if ratio is None else f" ({fmt_ratio(ratio)})"
    ids = tuple(sorted(members, key=lambda i: claim_sort_key(by_id[i])))
    steps = " ≤ ".join(f"{m} as of {p.describe()}" for m, p in path)
    why = (f"{floor_claim.measure} {fe.describe()} [{floor_claim.attribution()}, {floor_claim.as_of.describe()}] "
           f"puts {steps} at {format_number(fe.floor)} or more (a cumulative count never falls; a part is within "
           f"its whole), yet {ceiling_claim.measure} {ce.describe()} [{ceiling_claim.attribution()}, "
           f"{ceiling_claim.as_of.describe()}] is at most {format_number(ce._hi)}, "
           f"{format_number(fe._lo - ce._hi)} lower{ratio_words}.")
    names = ", ".join(ids)
    explanation = (f"These {len(ids)} claims cannot all be true: {why} Dropping any one of {names} leaves the "
                   f"rest consistent.")
    context = tuple(c for c in (floor_claim.id, ceiling_claim.id) if c not in members)
    # Severity as for every finding (issue 10): the gap relative to the two figures, never infinite.
    gap = float(fe._lo - ce._hi)
    return Finding(Relation.CONTRADICTS, INCONSISTENT_SET, ids, relative_gap(gap, float(fe._lo), float(ce._hi)),
                   explanation, context=context, rule="consistency.whole-story", strength=Strength.IMPOSSIBLE,
                   gap=gap, ratio=ratio)
