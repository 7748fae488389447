"""The rule for one date's low / best / high, as :mod:`reconcile.engine.estimates` applies it date by date.

:func:`_general` decides any date: its figures (copies of one group counting once, each weighted by its source's
reliability and its precision) and the floors and ceilings carried to it, through the weighted median and the
clashes between the median and the bounds (:func:`_best`). :func:`_single` gives the same row for a date with one
figure without building the figures (through :func:`_clash`, one voter weighed against the bounds, where the
figure and a carried bound clash), and leaves the date to :func:`_general` only where the figure bounds nothing.
:func:`_monotone` carries a cumulative count's bounds over time. The rule itself is stated in the docstring of
:mod:`reconcile.engine.estimates`.
"""

from __future__ import annotations

import heapq
import math
from typing import Callable, Iterable, Sequence

import attrs

from ..claims import Claim, claim_sort_key
from ..figures.dates import Period
from ..figures.numeric import format_number
from ..figures.quantity import Estimate, Number

__all__ = ["Outlier"]


@attrs.frozen
class Outlier:
    """A figure left out of an estimate, and why."""

    claim: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"claim": self.claim, "reason": self.reason}


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


# The reasons an outlier is given, one wording for the general rule and the one-voter path.
def _beyond(voter: Claim, bound: Claim, is_floor: bool, limit: float) -> Outlier:
    """A voter outweighed by the floor or ceiling it lies beyond."""
    side = "floor" if is_floor else "ceiling"
    return Outlier(voter.id, f"{'below' if is_floor else 'above'} the {side} of {format_number(limit)} that "
                             f"{_who(bound)} ({bound.id}) sets")


def _contradicted(bound: Claim, against: Sequence[Claim], is_floor: bool, limit: float) -> Outlier:
    """A floor or ceiling outweighed by the voters beyond it."""
    side = "floor" if is_floor else "ceiling"
    return Outlier(bound.id, f"its {side} of {format_number(limit)} is contradicted by "
                   + ", ".join(f"{_who(v)} ({v.id})" for v in against))


def _disjoint(voter: Claim, value: float, best: float) -> Outlier:
    """A voter whose interval misses the best estimate."""
    return Outlier(voter.id, f"its {format_number(value)} is disjoint from the best estimate, {format_number(best)}")


def _best(voters: list[_Fig], floors: list[_Fig], ceilings: list[_Fig], tolerance: float
          ) -> tuple[float | None, tuple[str, ...], list[Outlier]]:
    """The best value and the claims behind it; outliers among voters and bounds (module docstring)."""
    outliers: list[Outlier] = []
    voters = list(voters)
    pick: _Fig | None = None  # the median of the voters as they stand (the loop leaves it so, or none)
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
        limit = bound.low if is_floor else bound.high
        if bound.weight >= sum(v.weight for v in against):
            for v in against:
                voters.remove(v)
                outliers.append(_beyond(v.claim, bound.claim, is_floor, limit))
        else:
            (floors if is_floor else ceilings).remove(bound)
            outliers.append(_contradicted(bound.claim, [v.claim for v in against], is_floor, limit))
    lo = max(floors, key=lambda f: (f.low, not f.carried), default=None)
    hi = min(ceilings, key=lambda f: (f.high, f.carried), default=None)
    compatible = lo is None or hi is None or lo.low <= hi.high * (1 + tolerance)
    if voters:
        assert pick is not None  # the loop ends by a break, its voters unchanged since their median was taken
        best, behind = pick.value, (pick.claim.id,)
        if compatible and lo is not None and best < lo.low:
            best, behind = lo.low, (lo.claim.id,)
        elif compatible and hi is not None and best > hi.high:
            best, behind = hi.high, (hi.claim.id,)
        for v in voters:
            if v.high * (1 + tolerance) < best or best * (1 + tolerance) < v.low:
                outliers.append(_disjoint(v.claim, v.value, best))
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


def _lowest(low: float | None, at: list[str], floors: Iterable[Claim]) -> tuple[float | None, tuple[str, ...]]:
    """The lowest of ``low`` (given by the claims ``at``) and the floors' lows, with every claim that gives it,
    each once, in order."""
    for f in floors:
        v = f.estimate._lo  # type: ignore[union-attr]
        if low is None or v < low:
            low, at = v, [f.id]
        elif v == low and f.id not in at:
            at.append(f.id)
    return low, tuple(at)


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
        # every origin so far speaks at this date: nothing is carried (more origins than speakers: some is silent)
        if len(self.current) <= len(skip) and self.current.keys() <= skip:
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
            tolerance: float, weight: dict[str, float], floor: float) -> _Row | None:
    """The row of a date with one figure, as :func:`_general` makes it, without building the figures: most
    dates of a wide story or a daily series. Where the figure and a carried bound clash, :func:`_clash` weighs
    them as :func:`_best` would; ``None`` where the figure bounds nothing: then :func:`_general` decides.

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
            return _clash(c, period, unit, floor_claims, ceiling_claims, tolerance, weight, floor)
        best, best_claims = mid, (c.id,)
        lo_b = floors[lo_at] if lo_at >= 0 else None
        hi_b = ceilings[hi_at] if hi_at >= 0 else None
        if lo_b is None or hi_b is None or lo_b._lo <= hi_b._hi * scale:
            if lo_b is not None and best < lo_b._lo:
                best, best_claims = lo_b._lo, (floor_claims[lo_at].id,)
            elif hi_b is not None and best > hi_b._hi:
                best, best_claims = hi_b._hi, (ceiling_claims[hi_at].id,)
        # the general rule's disjointness test: it cannot fire while the central value lies within its
        # bounds and no bound clashes, but should an estimate ever say otherwise, the general rule names it
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
        low, low_claims = _lowest(lo, [c.id], floor_claims) if e.low is not None else _lowest(None, [], floor_claims)
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


def _clash(c: Claim, period: Period, unit: str, floor_claims: list[Claim], ceiling_claims: list[Claim],
           tolerance: float, weight: dict[str, float], floor: float) -> _Row:
    """The row of a date whose one figure, a voter, clashes with a carried bound: :func:`_best`'s loop and
    :func:`_general`'s low and high for one voter, on the claims themselves (a daily series meets this at most
    of its dates, where other origins' figures are carried to it)."""
    e = c.estimate
    assert e is not None
    scale = 1 + tolerance
    own_weight = _vote(e, weight[c.source.id], floor)
    floors, ceilings = list(floor_claims), list(ceiling_claims)  # the bounds still standing
    outliers: list[Outlier] = []
    voter, b = True, e._mid
    while voter:
        # the first bound that clashes with the median (the one voter): floors first, as _best lists them
        k, is_floor = -1, True
        for i, f in enumerate(floors):
            if f.estimate._lo > b * scale:  # type: ignore[union-attr]
                k = i
                break
        if k < 0:
            is_floor = False
            for i, f in enumerate(ceilings):
                if f.estimate._hi * scale < b:  # type: ignore[union-attr]
                    k = i
                    break
            if k < 0:
                break
        bound = (floors if is_floor else ceilings)[k]
        be = bound.estimate
        assert be is not None
        if not (e._hi * scale < be._lo if is_floor else be._hi * scale < e._lo):
            break  # the voter's interval reaches the bound: the bound only moves the best value
        limit = be._lo if is_floor else be._hi
        if _vote(be, weight[bound.source.id], floor) >= own_weight:
            voter = False
            outliers.append(_beyond(c, bound, is_floor, limit))
        else:
            del (floors if is_floor else ceilings)[k]
            outliers.append(_contradicted(bound, [c], is_floor, limit))
    lo_c = hi_c = None  # the tightest bounds standing, the first of equals
    for f in floors:
        if lo_c is None or f.estimate._lo > lo_c.estimate._lo:  # type: ignore[union-attr]
            lo_c = f
    for f in ceilings:
        if hi_c is None or f.estimate._hi < hi_c.estimate._hi:  # type: ignore[union-attr]
            hi_c = f
    lo_e = lo_c.estimate if lo_c is not None else None
    hi_e = hi_c.estimate if hi_c is not None else None
    compatible = lo_e is None or hi_e is None or lo_e._lo <= hi_e._hi * scale
    best: float | None
    best_claims: tuple[str, ...]
    if voter:
        best, best_claims = e._mid, (c.id,)
        if compatible and lo_e is not None and best < lo_e._lo:
            best, best_claims = lo_e._lo, (lo_c.id,)  # type: ignore[union-attr]
        elif compatible and hi_e is not None and best > hi_e._hi:
            best, best_claims = hi_e._hi, (hi_c.id,)  # type: ignore[union-attr]
        if e._hi * scale < best or best * scale < e._lo:
            outliers.append(_disjoint(c, e._mid, best))
    elif lo_e is not None and (compatible or hi_e is None):
        best, best_claims = lo_e._mid, (lo_c.id,)  # type: ignore[union-attr]  # the floor as stated
    elif hi_e is not None:
        best, best_claims = hi_e._hi, (hi_c.id,)  # type: ignore[union-attr]
    else:
        best, best_claims = None, ()
    left_out = {o.claim for o in outliers}
    standing = [f for f in floor_claims if f.id not in left_out and f.estimate is not None
                and f.estimate.low is not None]
    low, low_claims = _lowest(e._lo, [c.id], standing) if c.id not in left_out else _lowest(None, [], standing)
    high: float | None
    if c.id not in left_out:
        high, high_claims = e._hi, (c.id,)
    else:
        top = min((f for f in ceilings if f.id not in left_out), key=lambda f: (f.estimate._hi, f.id),  # type: ignore
                  default=None)
        high, high_claims = (top.estimate._hi, (top.id,)) if top is not None else (None, ())  # type: ignore
    return _Row(period, unit, low, low_claims, best, best_claims, high, high_claims, outliers,
                [c, *floor_claims, *ceilings])


def _monotone(rows: list[_Row]) -> None:
    """A cumulative count cannot fall: carry low and best forward, high back, where that stays coherent."""
    def ok(low: float | None, best: float | None, high: float | None) -> bool:
        """The bounds present are in order (low <= best <= high)."""
        if best is None:
            return low is None or high is None or low <= high
        return (low is None or low <= best) and (high is None or best <= high)

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
