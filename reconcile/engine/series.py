"""Complete checks of a group's figures over time, in O(n log n) per group (no window, no pairs):

- :func:`falls`: every figure of a cumulative count against the running maximum of everything wholly before
  it — first its own origin's (one origin's exact series is compared exactly: a ``series-fall``), then the
  whole group's (across origins, counting noise allowed: a ``cumulative-decrease``). One finding per figure
  that falls, against the highest earlier figure.
- :func:`rises`: every step of each origin's own series (each figure wholly after the one before it) against
  the rate that series shows over ``Settings.rate_window`` figures before and after the step (the whole
  group's rate when the origin has no figures either side): an ``implausible-rise`` or an ``update``.
- :func:`estimates_across_origins`: statistical estimates (CIs) of different origins, each against the
  nearest earlier one, at the group's rate.

>>> from reconcile import Claim, Settings, DEFAULT_MEASURES
>>> days = [Claim.figure(f"d{i}", "moh", "killed", str(v), subject="x", said_on=f"2024-05-{i + 1:02d}")
...         for i, v in enumerate([5100, 5106, 5112, 5110, 5119])]
>>> found = []
>>> falls(days, DEFAULT_MEASURES.resolve("killed"), Settings(), found.append)
>>> [(f.kind, f.claims) for f in found if f is not None]
[('series-fall', ('d2', 'd3'))]
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from typing import Callable, Sequence

import numpy as np

from ..claims import Claim
from ..figures.quantity import Estimate, Hedge
from ..findings import Finding
from ..measures import Measure
from ..rules import figures
from ..settings import Settings

__all__ = ["falls", "rises", "chains", "exact_origins", "group_rate", "estimates_across_origins"]

Emit = Callable[[Finding | None], None]


def falls(group: Sequence[Claim], measure: Measure, settings: Settings, emit: Emit) -> None:
    """``group``: figures of one subject and cumulative measure in claim order (start, end, id)."""
    exact = exact_origins(group)
    # Each figure's floor and level, once (Fractions to floats): the running maxima compare them again and again.
    floors = [_floor(c) for c in group]
    levels = [_level(c, c.origin_id in exact) for c in group]
    # What figures.fall tests first, per figure: most figures of a series do not fall, and a call that can only
    # answer None costs as much as the finding. A fall needs the later figure's top at or below the earlier's
    # bottom (before any tolerance is added), or, between stated figures compared exactly, a lower stated figure.
    tops = [c.estimate._hi for c in group]  # type: ignore[union-attr]
    plain = [figures.stated(c.estimate) for c in group]  # type: ignore[arg-type]

    def may_fall(k: int, i: int, as_stated: bool) -> bool:
        return _can_fall(plain[k], plain[i], floors[k], tops[i], as_stated)  # floors[k] is its _lo

    pending: list[tuple[int, int]] = []  # (end day, index) of figures not yet wholly before the current one
    top: int | None = None               # index of the highest floor among figures wholly before
    top_of: dict[str, int] = {}          # the same per origin, on the stated figures for an exact origin
    for i, c in enumerate(group):
        start = c.as_of.sort_key[0]
        while pending and pending[0][0] < start:
            _, j = heapq.heappop(pending)
            if top is None or floors[j] > floors[top]:
                top = j
            origin = group[j].origin_id
            own = top_of.get(origin)
            if own is None or levels[j] > levels[own]:  # one origin: both levels read the same way
                top_of[origin] = j
        found = None
        own = top_of.get(c.origin_id)
        if own is not None:
            as_stated = c.origin_id in exact
            if may_fall(own, i, as_stated):
                found = figures.fall(group[own], c, measure, settings, as_stated=as_stated)
        if found is None and top is not None and top != own and may_fall(top, i, False):
            found = figures.fall(group[top], c, measure, settings)
        emit(found)
        heapq.heappush(pending, (c.as_of.sort_key[1], i))


def _can_fall(stated_before: float | None, stated_after: float | None, low_before: float, high_after: float,
              as_stated: bool) -> bool:
    """Whether :func:`figures.fall` can find a fall from a figure to a later one: a lower stated figure when
    both are compared exactly as stated, else the later figure's top at or below the earlier's bottom (before
    any tolerance raises it)."""
    if as_stated and stated_before is not None and stated_after is not None:
        return stated_after < stated_before
    return high_after <= low_before


def exact_origins(group: Sequence[Claim]) -> set[str]:
    """Origins whose plain figures in ``group`` are mostly stated to the unit (more than half): such an origin
    means its round-looking figures as exact too ("precision as sources mean it")."""
    plain: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for c in group:
        e = c.estimate
        assert e is not None
        if figures.stated(e) is not None:
            tally = plain[c.origin_id]
            tally[0] += 1
            tally[1] += e.low == e.high
    return {origin for origin, (n, exact) in plain.items() if exact * 2 > n}


def _level(c: Claim, as_stated: bool) -> float:
    e = c.estimate
    assert e is not None
    value = figures.stated(e) if as_stated else None
    return value if value is not None else float(e.floor)


def _floor(c: Claim) -> float:
    assert c.estimate is not None  # a group holds figures
    return float(c.estimate.floor)


def _time(c: Claim) -> float:
    start, end = c.as_of.sort_key
    return (start + end) / 2


def _rate(seq: Sequence[Claim], a: int, b: int) -> float | None:
    """Figures per day from ``seq[a]`` to ``seq[b]`` on the stated figures, or ``None`` when there is no time
    between them or the figures fell (a fall is its own finding, not a rate a rise can be held against)."""
    if a == b:
        return None
    ea, eb = seq[a].estimate, seq[b].estimate
    assert ea is not None and eb is not None
    return _rate_of((_time(seq[a]), _time(seq[b])), (ea.mid, eb.mid), 0, 1)


def _rate_of(times: Sequence[float], mids: Sequence[float], a: int, b: int) -> float | None:
    """:func:`_rate` on a series' middle days and stated figures, worked out once per series."""
    if a == b:
        return None
    days = times[b] - times[a]
    if days <= 0:
        return None
    rate = (mids[b] - mids[a]) / days
    return None if rate < 0 else rate


def chains(group: Sequence[Claim]) -> dict[str, list[Claim]]:
    """Each origin's own series: its figures in time order, each wholly after the one kept before it (a
    figure at the same time as the last kept one is compared at one time, not as a step)."""
    out: dict[str, list[Claim]] = defaultdict(list)
    for c in group:
        chain = out[c.origin_id]
        if not chain or chain[-1].as_of < c.as_of:
            chain.append(c)
    return out


def group_rate(group: Sequence[Claim], where: dict[str, int], earlier: Claim, later: Claim,
               k: int) -> figures.Rate:
    """The whole group's rate over ``k`` figures before ``earlier`` and after ``later`` (``where``: index of
    each claim in ``group``)."""
    pe, pl, m = where[earlier.id], where[later.id], len(group)
    before = _rate(group, max(0, pe - k), pe) if pe > 0 else None
    after = _rate(group, pl, min(m - 1, pl + k)) if pl < m - 1 else None
    return before, after


def estimates_across_origins(group: Sequence[Claim], measure: Measure, settings: Settings, emit: Emit) -> None:
    """Statistical estimates (confidence intervals) of one cumulative count from different origins, each against
    the nearest earlier one: unlike counts, whose levels differ by design from source to source, two estimates
    of one quantity must be joinable at a plausible rate (the group's own)."""
    if not measure.is_cumulative:
        return
    where = {c.id: i for i, c in enumerate(group)}
    last: Claim | None = None
    for c in group:
        e = c.estimate
        assert e is not None
        if e.hedge is not Hedge.CI:
            continue
        if last is not None and last.origin_id != c.origin_id and last.as_of < c.as_of:
            emit(figures.rise(last, c, measure, settings, group_rate(group, where, last, c, settings.rate_window)))
        last = c


# The rises prefilter below may be turned off (tests/test_series.py checks it changes nothing).
PREFILTER = True


def rises(group: Sequence[Claim], measure: Measure, settings: Settings, emit: Emit) -> None:
    """Each step of each origin's series: ``figures.rise`` against the series' own rate; else, when no figure
    of the group lies wholly between the two (they are neighbours in time), an update — so updates stay about
    one per figure however many origins report."""
    k = settings.rate_window
    where: dict[str, int] | None = None
    ends = np.sort(np.array([c.as_of.sort_key[1] for c in group], dtype=np.int64))
    cumulative = measure.is_cumulative
    long = settings.long_series(len(group))  # reports tell its updates in one line
    for origin in sorted(by_origin := chains(group)):
        chain = by_origin[origin]
        n = len(chain)
        if n < 2:
            continue
        # A chain's steps at once (numpy): the rate of the origin's own series before and after each step, and
        # whether its two figures are neighbours in the group; rise() is called only for a step it may find.
        spans = np.array([c.as_of.sort_key for c in chain], dtype=np.int64)
        estimates = [c.estimate for c in chain]
        times = (spans[:, 0] + spans[:, 1]) / 2
        mids = np.array([e._mid for e in estimates])  # type: ignore[union-attr]
        steps = np.arange(n - 1)
        before = _rates(times, mids, np.maximum(0, steps - k), steps, steps > 0)
        after = _rates(times, mids, steps + 1, np.minimum(n - 1, steps + 1 + k), steps + 1 < n - 1)
        latest = np.searchsorted(ends, spans[1:, 0]) - 1  # the latest end before each later figure starts
        neighbours = ((latest >= 0) & (ends[np.maximum(latest, 0)] == spans[:-1, 1])).tolist()
        may_rise = _may_rise(estimates, settings) if cumulative and PREFILTER else [cumulative] * (n - 1)
        for j, (b, a, near, may) in enumerate(zip(before, after, neighbours, may_rise)):
            if not (near or may):
                continue  # neither a rise nor an update: nothing to say
            earlier, later = chain[j], chain[j + 1]
            if b is None and a is None:  # the origin shows no rate of its own: the group's
                if where is None:
                    where = {c.id: i for i, c in enumerate(group)}
                b, a = group_rate(group, where, earlier, later, k)
            reference = (b, a)
            found = figures.rise(earlier, later, measure, settings, reference) if may else None
            if found is None and near:
                found = figures.update(earlier, later, measure, settings, reference=reference if cumulative else None,
                                       in_long_series=long)
            emit(found)


def _rates(times: np.ndarray, mids: np.ndarray, a: np.ndarray, b: np.ndarray, some: np.ndarray
           ) -> list[float | None]:
    """:func:`_rate_of` from each ``a`` to each ``b`` (``None`` where ``some`` is false), over a whole chain."""
    days = times[b] - times[a]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = (mids[b] - mids[a]) / days
    ok = some & (a != b) & (days > 0) & ~(rate < 0)
    return [r if o else None for r, o in zip(rate.tolist(), ok.tolist())]


# How far a difference of two floats may be from the float of the exact difference, relative to the figures: a
# few units in the last place; the prefilter allows far more, so it never drops a step rise() would find.
_ROUNDING = 1e-9


def _may_rise(estimates: Sequence[Estimate | None], settings: Settings) -> list[bool]:
    """Per step of a chain, whether :func:`figures.rise` may find an implausible rise: the least rise the two
    intervals allow (``floor - high``, on floats with room for rounding) is above 0 and at least
    ``min_jump_share`` of the earlier figure. Every other step is answered ``None`` by rise() itself."""
    lows = np.array([e._lo for e in estimates])  # type: ignore[union-attr]
    highs = np.array([e._hi for e in estimates])  # type: ignore[union-attr]
    mids = np.array([e._mid for e in estimates])  # type: ignore[union-attr]
    with np.errstate(invalid="ignore"):
        least = lows[1:] - highs[:-1]
        room = _ROUNDING * (np.abs(lows[1:]) + np.abs(highs[:-1]))
        may = np.isfinite(highs[:-1]) & (least + room > 0) & (least + room >= settings.min_jump_share * mids[:-1])
    return may.tolist()
