"""Low / best / high per subject, measure and as-of date, each naming the claims behind it; outliers aside.

The rule (README, "Estimates and reliability"):

- **Credible figures.** A retracted claim is never one. Each origin (the source a figure comes from, whatever
  outlets relayed it) speaks once per date: its given figure over a derived one, then its latest said. For a
  cumulative measure a figure also speaks to later dates as a *floor* (the count cannot have fallen below it)
  and to earlier ones as a *ceiling*, for origins without a figure of their own at that date. A figure in
  contradiction with the rest is an **outlier**, listed with the reason, and not credible.
- **Best** is the weighted median of the two-sided figures (points with their implied precision, ranges),
  each weighted by its source's reliability (:mod:`reconcile.engine.reliability`) and its precision, copies
  counting once; it is never outside what the credible figures allow: a floor raises it, a ceiling (also the
  capping measure: casualties are at most the troops deployed) lowers it. With floors only, the highest floor.
  "At least 50" and 400 on one day: best 400. A floor that the two-sided figures below it outweigh is an
  outlier; otherwise the figures below the floor are.
- **Low** is the most conservative credible figure: the lowest lower bound. **High** is the highest credible
  figure: the highest upper bound stated for the date, or, where only floors speak, the tightest ceiling.
- **Over time.** For a cumulative measure low and best never fall from one date to the next (an earlier low
  or best carries forward) and high never exceeds a later high; a level (troops present) follows its dates.
  Where the figures over time cannot be reconciled (the whole-story check reports it) a date keeps its own
  values rather than a contradictory carried one.

>>> from reconcile import Claim, reconcile
>>> r = reconcile([Claim.figure("a", "un", "killed", "at least 50", subject="x", said_on="2025-01-13"),
...                Claim.figure("b", "ngo", "killed", "400", subject="x", said_on="2025-01-13")])
>>> [(s.low, s.best, s.high) for s in summarize(r)]
[(50, 400, 440)]
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from typing import Any, Callable, Iterable, Sequence

import attrs
import numpy as np

from ..claims import Claim, Status, claim_sort_key
from ..figures.dates import Period
from ..figures.numeric import format_number
from ..figures.quantity import Estimate, Number, to_json_number
from ..findings import Finding, Relation
from ..io import no_gc
from .reconciliation import LastComputed, Reconciliation
from .reliability import Discovery, Observations, discover

__all__ = ["Summary", "Outlier", "SourceReliability", "summarize", "reliability", "credible_figures"]


@attrs.frozen
class Outlier:
    """A figure left out of an estimate, and why."""

    claim: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"claim": self.claim, "reason": self.reason}


@attrs.frozen
class Summary:
    """The range the evidence supports for one subject and measure at one date.

    ``contradictions`` lists ``(relation kind, claim ids)`` of the contradictions that name a claim behind
    this range, so a reader sees them beside it; ``origins`` counts the independent origins behind it.
    """

    subject: str
    measure: str
    as_of: Period
    unit: str
    low: Number | None
    best: Number | None
    high: Number | None
    low_claims: tuple[str, ...]
    best_claims: tuple[str, ...]
    high_claims: tuple[str, ...]
    outliers: tuple[Outlier, ...] = ()
    contradictions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    origins: int = 0

    @property
    def claims(self) -> tuple[str, ...]:
        """Every claim behind a bound, each once, in the order low, best, high."""
        return tuple(dict.fromkeys((*self.low_claims, *self.best_claims, *self.high_claims)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject, "measure": self.measure, "as_of": str(self.as_of), "unit": self.unit,
            "low": to_json_number(self.low), "best": to_json_number(self.best), "high": to_json_number(self.high),
            "claims": list(self.claims), "low_claims": list(self.low_claims),
            "best_claims": list(self.best_claims), "high_claims": list(self.high_claims),
            "outliers": [o.to_dict() for o in self.outliers] if self.outliers else [],
            "contradictions": [{"kind": k, "claims": list(c)} for k, c in self.contradictions]
            if self.contradictions else [],
            "origins": self.origins,
        }


@attrs.frozen
class SourceReliability:
    """One source's reliability over the story: ``weight`` (1 for the most reliable), the ``claims`` it rests
    on, its error spread (typical relative error) with CATD's interval, and whom it copies, if anyone."""

    source: str
    type: str
    weight: float
    claims: int
    spread: float
    spread_low: float
    spread_high: float
    copies: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "type": self.type, "weight": round(self.weight, 6), "claims": self.claims,
                "spread": round(self.spread, 6), "spread_low": round(self.spread_low, 6),
                "spread_high": round(self.spread_high, 6), "copies": list(self.copies)}


_Item = tuple[str, str, tuple[int, int]]  # subject, measure, as-of period (its day ordinals: cheap to hash)


def _stated(c: Claim) -> bool:
    """Said by the source (a fraction of another claim included), not derived by a rule."""
    return c.rule is None or c.rule == "fraction"


def credible_figures(claims: Iterable[Claim]) -> dict[_Item, list[Claim]]:
    """Per (subject, measure, as_of's day ordinals): one figure per origin (not retracted; given over derived, then the
    latest said, then the id), in claim order."""
    chosen: dict[tuple[_Item, str], Claim] = {}
    for c in claims:
        if c.estimate is None or c.measure is None or c.status is Status.RETRACTED:
            continue
        key = ((c.subject, c.measure, c.as_of.sort_key), c.source.id)
        kept = chosen.get(key)
        if kept is None or (_stated(c), c.said_on.sort_key, c.id) > (_stated(kept), kept.said_on.sort_key, kept.id):
            chosen[key] = c
    items: dict[_Item, list[Claim]] = defaultdict(list)
    for (item, _), c in chosen.items():
        items[item].append(c)
    for group in items.values():
        group.sort(key=claim_sort_key)
    return items


def _observations(items: dict[_Item, list[Claim]], sources: dict[str, int]) -> tuple[Observations, list[Claim]]:
    # Columns are gathered as Python lists, one per field, and made arrays once (setting numpy items one at a
    # time costs more than the lists); a group's item index is looked up once, not per claim.
    rows: list[Claim] = []
    item_of: list[int] = []
    for i, group in enumerate(items.values()):
        stated = [c for c in group if _stated(c)]
        rows += stated
        item_of += [i] * len(stated)
    estimates = [c.estimate for c in rows if c.estimate is not None]  # every one: credible_figures keeps figures
    item = np.array(item_of, dtype=np.int64)
    source = np.array([sources[c.source.id] for c in rows], dtype=np.int64)
    low = np.array([e._lo for e in estimates], dtype=np.float64)
    value = np.array([e._mid for e in estimates], dtype=np.float64)
    high = np.array([e._hi for e in estimates], dtype=np.float64)
    time = np.array([c.said_on.sort_key[0] for c in rows], dtype=np.float64)
    two = np.array([e.low is not None and e.high is not None for e in estimates], dtype=np.bool_)
    return Observations(item, source, low, value, high, time, two), rows


def _discover(result: Reconciliation, items: dict[_Item, list[Claim]]) -> tuple[Discovery, list[str],
                                                                                 dict[str, str]]:
    types = {c.source.id: c.source.type for c in result.claims}
    names = sorted(types)
    sources = {s: i for i, s in enumerate(names)}
    obs, _ = _observations(items, sources)
    prior = np.array([result.settings.prior(types[s]) for s in names])
    return discover(obs, len(names), len(items), settings=result.settings, prior=prior), names, types


def reliability(result: Reconciliation) -> list[SourceReliability]:
    """Each source's reliability over the whole story (sources without figures are left out), by weight."""
    _, found, names, types = _analysis(result)
    copies: dict[int, list[str]] = defaultdict(list)
    for copier, original, _ in found.copies:
        copies[copier].append(names[original])
    out = [SourceReliability(names[i], types[names[i]], float(found.weight[i]), int(found.n[i]),
                             float(found.spread[i]), float(found.spread_low[i]), float(found.spread_high[i]),
                             tuple(copies.get(i, ()))) for i in range(len(names)) if found.n[i] > 0]
    return sorted(out, key=lambda s: (-s.weight, s.source))


class _Fig:
    """One figure as an estimate sees it: bounds as floats (low 0, high inf when open) and its vote weight;
    ``carried`` for a floor or ceiling from another date of a cumulative measure."""

    __slots__ = ("claim", "low", "high", "value", "weight", "two_sided", "carried")

    def __init__(self, claim: Claim, low: float, high: float, value: float, weight: float, two_sided: bool,
                 carried: bool = False) -> None:
        self.claim, self.low, self.high, self.value = claim, low, high, value
        self.weight, self.two_sided, self.carried = weight, two_sided, carried


def _weighted_median(figs: Sequence[_Fig]) -> _Fig:
    if len(figs) == 1:  # most dates of a wide story: the one figure is its own median, whatever its weight
        return figs[0]
    ordered = sorted(figs, key=lambda f: (f.value, claim_sort_key(f.claim)))
    total = sum(f.weight for f in ordered)
    if total <= 0:
        return ordered[(len(ordered) - 1) // 2]
    acc = 0.0
    for f in ordered:
        acc += f.weight
        if acc >= total / 2:
            return f
    return ordered[-1]


def _who(claim: Claim) -> str:
    return claim.source.label


def _best(voters: list[_Fig], floors: list[_Fig], ceilings: list[_Fig], tolerance: float
          ) -> tuple[float | None, tuple[str, ...], list[Outlier]]:
    """The best value and the claims behind it; outliers among voters and bounds (module docstring)."""
    outliers: list[Outlier] = []
    voters = list(voters)
    while voters:
        pick = _weighted_median(voters)
        b = pick.value
        clash = [(f, True) for f in floors if f.low > b * (1 + tolerance)]
        clash += [(f, False) for f in ceilings if f.high * (1 + tolerance) < b]
        if not clash:
            break
        bound, is_floor = clash[0]
        against = [v for v in voters if (v.high * (1 + tolerance) < bound.low if is_floor
                                         else bound.high * (1 + tolerance) < v.low)]
        if not against:
            # Every voter's interval reaches the bound: no one is an outlier, the bound only moves the best
            # value (clamped below). Going round again would find the same clash for ever.
            break
        side = "floor" if is_floor else "ceiling"
        limit = bound.low if is_floor else bound.high
        if bound.weight >= sum(v.weight for v in against):
            for v in against:
                voters.remove(v)
                outliers.append(Outlier(v.claim.id, f"{'below' if is_floor else 'above'} the {side} of "
                                        f"{format_number(limit)} that {_who(bound.claim)} ({bound.claim.id}) sets"))
        else:
            (floors if is_floor else ceilings).remove(bound)
            outliers.append(Outlier(bound.claim.id, f"its {side} of {format_number(limit)} is contradicted by "
                                    + ", ".join(f"{_who(v.claim)} ({v.claim.id})" for v in against)))
    lo = max(floors, key=lambda f: (f.low, not f.carried), default=None)
    hi = min(ceilings, key=lambda f: (f.high, f.carried), default=None)
    compatible = lo is None or hi is None or lo.low <= hi.high * (1 + tolerance)
    if voters:
        pick = _weighted_median(voters)
        best, behind = pick.value, (pick.claim.id,)
        if compatible and lo is not None and best < lo.low:
            best, behind = lo.low, (lo.claim.id,)
        elif compatible and hi is not None and best > hi.high:
            best, behind = hi.high, (hi.claim.id,)
        for v in voters:
            if v.high * (1 + tolerance) < best or best * (1 + tolerance) < v.low:
                outliers.append(Outlier(v.claim.id, f"its {format_number(v.value)} is disjoint from the best "
                                        f"estimate, {format_number(best)}"))
        return best, behind, outliers
    if lo is not None and (compatible or hi is None):
        return lo.value, (lo.claim.id,), outliers  # the floor as stated: "at least 2,950 (≈3,000)" is 3,000
    if hi is not None:
        return hi.high, (hi.claim.id,), outliers
    return None, (), outliers


def _fig(c: Claim, weight: float, carried: bool = False) -> _Fig:
    e = c.estimate
    assert e is not None
    return _Fig(c, e._lo, e._hi, e._mid, weight, e.low is not None and e.high is not None, carried)


@attrs.define
class _Row:
    period: Period
    unit: str
    low: float | None
    low_claims: tuple[str, ...]
    best: float | None
    best_claims: tuple[str, ...]
    high: float | None
    high_claims: tuple[str, ...]
    outliers: list[Outlier]
    claims: list[Claim]


def _number(x: float | None, claims: Sequence[Claim], which: str) -> Number | None:
    """The exact number a claim states for a float bound (so 2,666.67 prints as the claim's own 2,667): the
    first of its low, best, high and central whose float is ``x`` (the estimate's precomputed floats: ``_lo`` is
    float(low), ``_hi`` float(high), ``_mid`` float(central), which is float(best) when best is given)."""
    if x is None:
        return None
    for c in claims:
        e = c.estimate
        assert e is not None
        if e.low is not None and e._lo == x:
            return e.low
        if e.best is not None and e._mid == x:
            return e.best
        if e.high is not None and e._hi == x:
            return e.high
        if e._mid == x:
            return e.central
    return x


def _vote(e: Estimate, reliability: float, floor: float) -> float:
    """A figure's weight: its source's reliability over the square of its relative half-width (at least
    ``precision_floor``); a one-sided bound counts as precise as the floor allows."""
    half = math.log(e._hi / e._lo) / 2 if e._lo > 0 and e._hi != math.inf else 0.0
    return reliability / max(half, floor) ** 2


def _carried(c: Claim, weight: dict[str, float], floor: float) -> _Fig:
    assert c.estimate is not None
    return _fig(c, _vote(c.estimate, weight[c.source.id], floor), carried=True)


class _Carried:
    """The tightest bound each origin's latest figure sets, over the origins not speaking at a date, in
    O(log n) a date: a heap with stale entries dropped lazily (an origin's newer figure replaces its older)."""

    def __init__(self, sign: float) -> None:
        self.sign = sign  # +1: smallest value first; -1: largest first
        self.heap: list[tuple[float, str, int]] = []
        self.current: dict[str, tuple[int, Claim]] = {}

    def put(self, origin: str, value: float, claim: Claim) -> None:
        version = self.current.get(origin, (0, claim))[0] + 1
        self.current[origin] = (version, claim)
        heapq.heappush(self.heap, (self.sign * value, origin, version))

    def top(self, skip: set[str]) -> Claim | None:
        if not self.current.keys() - skip:  # every origin so far speaks at this date: nothing is carried
            return None
        held: list[tuple[float, str, int]] = []
        found: Claim | None = None
        while self.heap:
            entry = self.heap[0]
            version, claim = self.current[entry[1]]
            if entry[2] != version:
                heapq.heappop(self.heap)
            elif entry[1] in skip:
                held.append(heapq.heappop(self.heap))
            else:
                found = claim
                break
        for entry in held:
            heapq.heappush(self.heap, entry)
        return found


def _general(here: list[Claim], period: Period, unit: str, floor_claims: list[Claim], ceiling_claims: list[Claim],
             group_of: dict[str, int], weight: dict[str, float], floor: float, tolerance: float,
             carried: Callable[[Claim], _Fig]) -> _Row:
    """One date's row: its figures (copies of one group counting once) and the bounds carried to it."""
    seen_groups: set[tuple[int, float, float, float]] = set()
    figs: list[_Fig] = []
    for c in (here if len(here) == 1 else sorted(here, key=lambda c: (c.said_on.sort_key, c.id))):
        e = c.estimate
        assert e is not None
        sid = c.source.id
        key = (group_of[sid], e._lo, e._mid, e._hi)
        w = 0.0 if key in seen_groups else weight[sid]  # a copy its group already gave: one voice
        seen_groups.add(key)
        figs.append(_fig(c, _vote(e, w, floor)))
    voters = [f for f in figs if f.two_sided]
    floors = [f for f in figs if not f.two_sided and f.low > 0 and f.high == math.inf]
    ceilings = [f for f in figs if not f.two_sided and f.high != math.inf]
    carried_floors = [carried(c) for c in floor_claims]
    ceilings += [carried(c) for c in ceiling_claims]
    best, best_claims, outliers = _best(voters, floors + carried_floors, ceilings, tolerance)
    left_out = {o.claim for o in outliers}
    credible = [f for f in figs if f.claim.id not in left_out]
    lows = [(f.low, f.claim.id) for f in credible + carried_floors
            if f.claim.id not in left_out and f.claim.estimate is not None
            and f.claim.estimate.low is not None]
    low = min(v for v, _ in lows) if lows else None
    low_claims = tuple(dict.fromkeys(c for v, c in lows if v == low))
    highs = [(f.high, f.claim.id) for f in credible if f.high != math.inf]
    high: float | None
    if highs:
        high = max(v for v, _ in highs)
        high_claims = tuple(dict.fromkeys(c for v, c in highs if v == high))
    else:
        bound = [f for f in ceilings if f.claim.id not in left_out]
        top = min(bound, key=lambda f: (f.high, f.carried, f.claim.id), default=None)
        high, high_claims = (top.high, (top.claim.id,)) if top is not None else (None, ())
    involved = [f.claim for f in figs + carried_floors] + [f.claim for f in ceilings]
    return _Row(period, unit, low, low_claims, best, best_claims, high, high_claims, outliers, involved)


def _single(c: Claim, period: Period, unit: str, floor_claims: list[Claim], ceiling_claims: list[Claim],
            tolerance: float) -> _Row | None:
    """The row of a date with one figure, as :func:`_general` makes it, without building the figures: most
    dates of a wide story or a daily series. ``None`` where the figure and a carried bound clash, or the
    figure bounds nothing: then :func:`_general` decides (outliers are named there, and only there).

    With one figure a date there is at most one voter, so weights never matter unless a bound clashes."""
    e = c.estimate
    assert e is not None
    lo, hi, scale = e._lo, e._hi, 1 + tolerance
    floors = [f.estimate for f in floor_claims]
    ceilings = [f.estimate for f in ceiling_claims]
    # The tightest carried bounds, the first of equals (as max and min over _Fig lists choose).
    lo_at, hi_at = -1, -1
    for k, f in enumerate(floors):
        if lo_at < 0 or f._lo > floors[lo_at]._lo:  # type: ignore[union-attr]
            lo_at = k
    for k, f in enumerate(ceilings):
        if hi_at < 0 or f._hi < ceilings[hi_at]._hi:  # type: ignore[union-attr]
            hi_at = k
    best: float | None
    best_claims: tuple[str, ...]
    low_claims: tuple[str, ...]
    high_claims: tuple[str, ...]
    if e.low is not None and e.high is not None:  # a voter: the median of one
        mid = e._mid
        # a clash with any bound (the tightest decides: every bound clashes if one clashes with the median)
        if (lo_at >= 0 and floors[lo_at]._lo > mid * scale  # type: ignore[union-attr]
                or hi_at >= 0 and ceilings[hi_at]._hi * scale < mid):  # type: ignore[union-attr]
            return None
        best, best_claims = mid, (c.id,)
        lo_b = floors[lo_at] if lo_at >= 0 else None
        hi_b = ceilings[hi_at] if hi_at >= 0 else None
        if lo_b is None or hi_b is None or lo_b._lo <= hi_b._hi * scale:
            if lo_b is not None and best < lo_b._lo:
                best, best_claims = lo_b._lo, (floor_claims[lo_at].id,)
            elif hi_b is not None and best > hi_b._hi:
                best, best_claims = hi_b._hi, (ceiling_claims[hi_at].id,)
        if hi * scale < best or best * scale < lo:
            return None
    else:
        own_floor, own_ceiling = lo > 0 and hi == math.inf, hi != math.inf
        if not own_floor and not own_ceiling:
            return None
        # the figure's own bound wins among equals: it is not carried
        lo_c = c if own_floor else (floor_claims[lo_at] if lo_at >= 0 else None)
        if own_floor and lo_at >= 0 and floors[lo_at]._lo > lo:  # type: ignore[union-attr]
            lo_c = floor_claims[lo_at]
        hi_c = c if own_ceiling else (ceiling_claims[hi_at] if hi_at >= 0 else None)
        if own_ceiling and hi_at >= 0 and ceilings[hi_at]._hi < hi:  # type: ignore[union-attr]
            hi_c = ceiling_claims[hi_at]
        lo_e = lo_c.estimate if lo_c is not None else None
        hi_e = hi_c.estimate if hi_c is not None else None
        compatible = lo_e is None or hi_e is None or lo_e._lo <= hi_e._hi * scale
        if lo_c is not None and (compatible or hi_c is None):
            best, best_claims = lo_e._mid, (lo_c.id,)  # type: ignore[union-attr]
        elif hi_c is not None:
            best, best_claims = hi_e._hi, (hi_c.id,)  # type: ignore[union-attr]
        else:
            best, best_claims = None, ()
    low: float | None
    if not floors:  # the figure's own low, or none
        low, low_claims = (lo, (c.id,)) if e.low is not None else (None, ())
    else:
        lows = [(lo, c.id)] if e.low is not None else []
        lows += [(f._lo, f_c.id) for f, f_c in zip(floors, floor_claims)]  # type: ignore[union-attr]
        low = min(v for v, _ in lows)
        low_claims = tuple(dict.fromkeys(i for v, i in lows if v == low))
    high: float | None
    if hi != math.inf:
        high, high_claims = hi, (c.id,)
    elif ceiling_claims:
        top = min(zip(ceilings, ceiling_claims), key=lambda t: (t[0]._hi, t[1].id))  # type: ignore[union-attr]
        high, high_claims = top[0]._hi, (top[1].id,)  # type: ignore[union-attr]
    else:
        high, high_claims = None, ()
    involved = [c, *floor_claims, *ceiling_claims]
    return _Row(period, unit, low, low_claims, best, best_claims, high, high_claims, [], involved)


_Analysis = tuple[dict[_Item, list[Claim]], Discovery, list[str], dict[str, str]]
_ANALYSIS: LastComputed[_Analysis] = LastComputed()


def _analysis(result: Reconciliation) -> _Analysis:
    """Credible figures and truth discovery of a reconciliation, computed once for summarize and reliability."""
    done = _ANALYSIS.get(result)
    if done is not None:
        return done
    items = credible_figures(result.claims)
    found, names, types = _discover(result, items)
    return _ANALYSIS.put(result, (items, found, names, types))


_SUMMARIES: LastComputed[tuple[Summary, ...]] = LastComputed()


def summarize(result: Reconciliation) -> list[Summary]:
    """One :class:`Summary` per (subject, measure, as_of), sorted by subject, measure and date.

    The last reconciliation's summaries are kept while it lives (a Reconciliation is immutable):
    ``summarize(r)`` then ``Report(r)`` computes them once."""
    done = _SUMMARIES.get(result)
    if done is not None:
        return list(done)
    # Summaries and their parts are attrs objects, tuples and lists that never form cycles: the cyclic
    # collector, woken by every burst of them, would only walk the story's objects again (half the time of a
    # 100,000-claim story). Reference counting frees the rest as usual.
    with no_gc():
        out = _summarize(result)
    _SUMMARIES.put(result, tuple(out))
    return out


def _summarize(result: Reconciliation) -> list[Summary]:
    items, found, names, _ = _analysis(result)
    if not items:
        return []
    index = {s: i for i, s in enumerate(names)}
    weight = {s: float(found.weight[i]) if found.n[i] else 1.0 for s, i in index.items()}
    group_of = {s: int(found.group[i]) for s, i in index.items()}
    tolerance, floor = result.settings.tolerance, result.settings.precision_floor
    by_measure: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for item in items:
        by_measure[(item[0], item[1])].append(item)
    for dates in by_measure.values():
        dates.sort(key=lambda it: it[2])
    # Contradictions by claim id, as indexes of distinct findings (equal findings share one: each is hashed
    # once here, not once per date it is near) with their sort keys computed once.
    contradicting: dict[str, list[int]] = defaultdict(list)
    distinct: dict[Finding, int] = {}
    near_keys: list[tuple[Any, ...]] = []
    near_found: list[tuple[str, tuple[str, ...]]] = []
    for f in result.findings:
        if f.relation is Relation.CONTRADICTS:
            k = distinct.setdefault(f, len(distinct))
            if k == len(near_found):
                near_keys.append(f.sort_key())
                near_found.append((f.kind, f.claims))
            for cid in f.claims:
                contradicting[cid].append(k)
    beside: dict[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]] = {}  # by the claims behind a date
    carried_figs: dict[int, _Fig] = {}  # by id(claim): a floor or ceiling carried to many dates is one _Fig

    def carried(c: Claim) -> _Fig:
        fig = carried_figs.get(id(c))
        if fig is None:
            fig = carried_figs[id(c)] = _carried(c, weight, floor)
        return fig

    out: list[Summary] = []
    for (subject, measure_name), dates in sorted(by_measure.items()):
        measure = result.measures.resolve(measure_name)
        cumulative = measure.is_cumulative
        cap_name = result.measures.capped(measure_name) if result.settings.apply_caps else None
        caps = [c for it in by_measure.get((subject, cap_name), ()) for c in items[it]] if cap_name else []
        caps.sort(key=claim_sort_key)
        after_ceiling: list[Claim | None] = [None] * len(dates)
        if cumulative:  # each date's tightest ceiling from later figures of origins not speaking: one pass back
            later = _Carried(+1)
            for i in range(len(dates) - 1, -1, -1):
                here = items[dates[i]]
                after_ceiling[i] = later.top({c.source.id for c in here})
                for c in here:
                    if c.estimate is not None and c.estimate.high is not None:
                        later.put(c.source.id, c.estimate._hi, c)
        lowest, highest = _Carried(+1), _Carried(-1)  # earlier floors: the lowest (for low), the tightest
        rows: list[_Row] = []
        j, cap_top, cap_open = 0, None, False
        for i, item in enumerate(dates):
            here = items[item]
            period = here[0].as_of
            while j < len(caps) and caps[j].as_of.start <= period.end:  # running maximum of the caps to date
                e = caps[j].estimate
                assert e is not None
                if e.high is None:
                    cap_open = True
                elif cap_top is None or e._hi > cap_top.estimate._hi:  # type: ignore[union-attr]
                    cap_top = caps[j]
                j += 1
            speakers = {c.source.id for c in here} if len(here) > 1 else {here[0].source.id}
            floor_claims: list[Claim] = []
            ceiling_claims: list[Claim] = []
            if cumulative:
                top_high, top_low = highest.top(speakers), lowest.top(speakers)
                if top_high is not None:
                    floor_claims.append(top_high)
                # the same claim once (compared by identity first: Claim's generated __eq__ and __hash__ are dear)
                if top_low is not None and not (top_high is not None and (top_low is top_high or top_low == top_high)):
                    floor_claims.append(top_low)
                ceiling = after_ceiling[i]
                if ceiling is not None:
                    ceiling_claims.append(ceiling)
            if cap_top is not None and not cap_open:
                ceiling_claims.append(cap_top)
            unit = here[0].estimate.unit if here[0].estimate else measure.unit
            row = _single(here[0], period, unit, floor_claims, ceiling_claims, tolerance) if len(here) == 1 else None
            if row is None:
                row = _general(here, period, unit, floor_claims, ceiling_claims, group_of, weight, floor, tolerance,
                               carried)
            rows.append(row)
            if cumulative:
                for c in here:
                    if c.estimate is not None and c.estimate.low is not None:
                        lowest.put(c.source.id, c.estimate._lo, c)
                        highest.put(c.source.id, c.estimate._lo, c)
        if cumulative:
            _monotone(rows)
        for row in rows:
            behind = {*row.low_claims, *row.best_claims, *row.high_claims}
            found_here: tuple[tuple[str, tuple[str, ...]], ...] = ()
            if not contradicting.keys().isdisjoint(behind):
                ordered = tuple(sorted(behind))
                cached = beside.get(ordered)
                if cached is None:  # the findings near, first seen first, then sorted (stable) by sort key
                    near = dict.fromkeys(k for cid in ordered for k in contradicting.get(cid, ()))
                    cached = tuple(near_found[k] for k in sorted(near, key=near_keys.__getitem__))
                    beside[ordered] = cached
                found_here = cached
            bounds = [c for c in row.claims if c.id in behind]
            origins = len({c.source.id for c in bounds})
            out.append(Summary(subject, measure_name, row.period, row.unit,
                               _number(row.low, bounds, "low"), _number(row.best, bounds, "best"),
                               _number(row.high, bounds, "high"), row.low_claims, row.best_claims,
                               row.high_claims, tuple(row.outliers), found_here, origins))
    return out


def _monotone(rows: list[_Row]) -> None:
    """A cumulative count cannot fall: carry low and best forward, high back, where that stays coherent."""
    def ok(low: float | None, best: float | None, high: float | None) -> bool:
        vals = [v for v in (low, best, high) if v is not None]
        return vals == sorted(vals)

    for prev, row in zip(rows, rows[1:]):
        if prev.low is not None and (row.low is None or prev.low > row.low) and ok(prev.low, row.best, row.high):
            row.low, row.low_claims = prev.low, prev.low_claims
            row.claims = row.claims + [c for c in prev.claims if c.id in prev.low_claims]
        if prev.best is not None and row.best is not None and prev.best > row.best and ok(row.low, prev.best,
                                                                                          row.high):
            row.best, row.best_claims = prev.best, prev.best_claims
            row.claims = row.claims + [c for c in prev.claims if c.id in prev.best_claims]
    for row, nxt in zip(reversed(rows[:-1]), reversed(rows[1:])):
        if nxt.high is not None and (row.high is None or row.high > nxt.high) and ok(row.low, row.best, nxt.high):
            row.high, row.high_claims = nxt.high, nxt.high_claims
            row.claims = row.claims + [c for c in nxt.claims if c.id in nxt.high_claims]
