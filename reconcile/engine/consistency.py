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
from collections import defaultdict
from typing import Iterable, Sequence

from ..claims import Claim, Status, claim_sort_key
from ..figures.dates import Period
from ..figures.numeric import format_number
from ..findings import Finding, Relation, Strength, relative_gap
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


def _edges(nodes: Sequence[_Node], measures: MeasureRegistry) -> dict[_Node, list[_Node]]:
    """``u -> v`` when ``x(u) <= x(v)`` by the measure rules (cumulative order, part within whole); each node
    links to the first value after it (found by bisection), so the edges stay linear in the values."""
    by_measure: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m, p in nodes:
        by_measure[m].append(p)
    out: dict[_Node, list[_Node]] = defaultdict(list)
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


def conflict(claims: Sequence[Claim], measures: MeasureRegistry, settings: Settings
             ) -> list[tuple[Claim, Claim, list[tuple[str, Period]]]]:
    """Every (floor claim, ceiling claim, path of values) whose bounds cannot both hold; one per value."""
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
    edges = _edges(order, measures)
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


def _in_play(claims: Sequence[Claim], keep: frozenset[str], given: dict[str, frozenset[str]]) -> list[Claim]:
    return [c for c in claims if given[c.id] and given[c.id] <= keep]


def is_consistent(claims: Sequence[Claim], keep: Iterable[str], measures: MeasureRegistry,
                  settings: Settings) -> bool:
    """Whether the figures resting only on the stated claims ``keep`` can all be true together."""
    by_id = {c.id: c for c in claims}
    given = {c.id: _given(c, by_id) for c in claims}
    return not conflict(_in_play(claims, frozenset(keep), given), measures, settings)


def inconsistent_sets(claims: Sequence[Claim], measures: MeasureRegistry, settings: Settings,
                      pairwise: Iterable[Finding] = ()) -> list[Finding]:
    """One finding per minimal set of stated claims that cannot all be true (module docstring). A set of two
    that a ``pairwise`` contradiction already names is left out: the set adds nothing to it."""
    named = {f.pair for f in pairwise if f.relation is Relation.CONTRADICTS}
    # Counts over a window (since/during, flow measures; issue 11) are not values of a running total at a date:
    # the window rules (engine/scopes.py) check them, this one does not.
    live = [c for c in claims if c.estimate is not None and c.status is not Status.RETRACTED
            and not is_window(c, measures)]
    by_id = {c.id: c for c in claims}
    given = {c.id: _given(c, by_id) for c in live}
    by_subject: dict[str, list[Claim]] = defaultdict(list)
    for c in live:
        by_subject[c.subject].append(c)
    resting: dict[str, list[Claim]] = defaultdict(list)  # stated claim -> the figures that rest on it
    for c in live:
        for g in sorted(given[c.id]):
            resting[g].append(c)
    found: dict[frozenset[str], Finding] = {}
    for subject in sorted(by_subject):
        group = by_subject[subject]
        # The minimal set depends only on the claims a conflict starts from (and the subject): a long series
        # meets one pair of them at many values, so each start is shrunk once.
        shrunk: dict[frozenset[str], frozenset[str]] = {}
        for floor_claim, ceiling_claim, path in conflict(group, measures, settings):
            start = given[floor_claim.id] | given[ceiling_claim.id]
            if len(start) < 2 or (len(start) == 2 and start in named):
                continue  # shrinking only removes claims: the set could only be too small or already named
            key = shrunk.get(start)
            if key is None:
                members = set(start)
                near = list({c.id: c for m in sorted(members) for c in resting[m] if c.subject == subject}.values())
                for cid in sorted(members):  # deletion filter: what stays is needed for the conflict
                    trial = frozenset(members - {cid})
                    if conflict(_in_play(near, trial, given), measures, settings):
                        members.discard(cid)
                key = shrunk[start] = frozenset(members)
            if key in found or len(key) < 2 or (len(key) == 2 and key in named):
                continue
            found[key] = _finding(key, floor_claim, ceiling_claim, path, by_id, settings)
    return sorted(found.values(), key=Finding.sort_key)


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
