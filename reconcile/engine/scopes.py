"""Which pairs the issue-11 rules see: counts over windows (:mod:`reconcile.rules.flows`) and subject
hierarchies (:mod:`reconcile.rules.hierarchy`). Like :mod:`reconcile.engine.runner`, this module only pairs
claims; the rules judge them. Every lookup is a bisection over claims in time order, and each claim meets a
bounded number of others (``Settings.compare_window``), so the work stays near-linear in the number of claims.

The runner calls :func:`split_windows` to take the window counts out of the groups the moment rules see (a count
over April is not a figure of the running total), then :func:`compare` once.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from typing import Callable, Sequence

from ..claims import Claim, claim_sort_key
from ..findings import Finding
from ..measures import Kind, MeasureRegistry, applies
from ..rules import composition, figures, flows, hierarchy
from ..settings import Settings
from ..subjects import SubjectRegistry

__all__ = ["is_window", "split_windows", "compare"]

Groups = dict[tuple[str, str], list[Claim]]
Add = Callable[[Finding | None], None]


def is_window(claim: Claim, measures: MeasureRegistry) -> bool:
    """A count over a window: an ``as_of`` read ``since`` or ``during``, or any figure of a flow measure."""
    if not claim.is_figure or claim.measure is None:
        return False
    return claim.as_of.is_window or measures.resolve(claim.measure).kind is Kind.FLOW


def split_windows(groups: Groups, measures: MeasureRegistry) -> Groups:
    """Take the window counts out of ``groups`` (in place; emptied groups are dropped) and return them, grouped
    the same way and in the same order."""
    windows: Groups = {}
    for key in list(groups):
        flow = measures.resolve(key[1]).kind is Kind.FLOW  # a group is one measure: resolve it once
        kept = [] if flow else [c for c in groups[key] if not c.as_of.is_window]
        if len(kept) != len(groups[key]):
            windows[key] = groups[key] if flow else [c for c in groups[key] if c.as_of.is_window]
            if kept:
                groups[key] = kept
            else:
                del groups[key]
    return windows


def compare(moments: Groups, windows: Groups, measures: MeasureRegistry, subjects: SubjectRegistry,
            settings: Settings, add: Add) -> None:
    """Run the window and hierarchy rules over the claims (moments and windows, grouped by subject and measure)."""
    _windows_among_themselves(windows, measures, settings, add)
    _windows_against_totals(windows, moments, measures, settings, add)
    if subjects:
        _hierarchy(moments, windows, measures, subjects, settings, add)


def _span(c: Claim) -> tuple[int, int]:
    return c.as_of.sort_key


def _windows_among_themselves(windows: Groups, measures: MeasureRegistry, settings: Settings, add: Add) -> None:
    k = settings.compare_window
    by_span: dict[tuple[str, tuple[int, int]], dict[str, list[Claim]]] = defaultdict(dict)
    for (subject, name), group in windows.items():
        measure = measures.resolve(name)
        same: dict[tuple[int, int], list[Claim]] = defaultdict(list)
        for c in group:
            same[_span(c)].append(c)
            by_span[(subject, _span(c))].setdefault(name, []).append(c)
        for span in sorted(same):  # over one window: figures like any others
            members = same[span]
            for i, later in enumerate(members):
                for earlier in members[max(0, i - k):i]:
                    add(figures.compare_same_time(earlier, later, settings))
        if not applies(flows.RULE_WINDOW, measure.kind):
            continue
        # Windows within windows: sorted by start, then longest first, a container comes before what it holds.
        ordered = sorted(group, key=lambda c: (c.as_of.sort_key[0], -c.as_of.sort_key[1], c.id))
        for i, inner in enumerate(ordered):
            for outer in ordered[max(0, i - k):i]:
                if outer.as_of.contains(inner.as_of) and _span(outer) != _span(inner):
                    add(flows.window_exceeds_window(inner, outer, measure, settings))
    # Parts of a measure within its whole over one window (killed in April within casualties in April).
    for (subject, _span_key), by_measure in sorted(by_span.items()):
        for part_name, parts in sorted(by_measure.items()):
            for whole_name in measures.ancestors(part_name):
                for p in parts:
                    for w in by_measure.get(whole_name, ())[:k]:
                        if w.id not in p.derived_from and p.id not in w.derived_from:
                            add(composition.part_exceeds_whole(p, w, measures.resolve(part_name),
                                                               measures.resolve(whole_name), settings))


class _Totals:
    """Running totals of one subject and cumulative measure, for bisection by date: the lowest upper bound
    dated on or after a day, the highest lower bound dated before a day, and those dated within a window."""

    def __init__(self, totals: Sequence[Claim]) -> None:
        self.by_start = sorted(totals, key=claim_sort_key)
        self.starts = [c.as_of.sort_key[0] for c in self.by_start]
        # suffix minimum of upper bounds, by start
        self.min_high: list[Claim] = list(self.by_start)
        for i in range(len(self.by_start) - 2, -1, -1):
            if _high(self.min_high[i + 1]) < _high(self.by_start[i]):
                self.min_high[i] = self.min_high[i + 1]
        self.by_end = sorted(totals, key=lambda c: (c.as_of.sort_key[1], c.as_of.sort_key[0], c.id))
        self.ends = [c.as_of.sort_key[1] for c in self.by_end]
        # prefix maximum of lower bounds, by end
        self.max_low: list[Claim] = list(self.by_end)
        for i in range(1, len(self.by_end)):
            if _low(self.max_low[i - 1]) > _low(self.by_end[i]):
                self.max_low[i] = self.max_low[i - 1]

    def after(self, day: int) -> Claim | None:
        """Of totals dated wholly on or after ``day``, the one with the lowest upper bound."""
        i = bisect.bisect_left(self.starts, day)
        return self.min_high[i] if i < len(self.by_start) else None

    def before(self, day: int) -> Claim | None:
        """Of totals dated wholly before ``day``, the one with the highest lower bound."""
        i = bisect.bisect_left(self.ends, day)
        return self.max_low[i - 1] if i > 0 else None

    def within(self, start: int, end: int) -> list[Claim]:
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_right(self.starts, end)
        return [c for c in self.by_start[lo:hi] if c.as_of.sort_key[1] <= end]


def _high(c: Claim) -> float:
    assert c.estimate is not None
    return float("inf") if c.estimate.high is None else float(c.estimate.high)


def _low(c: Claim) -> float:
    assert c.estimate is not None
    return float(c.estimate.floor)


def _largest_growth(inside: Sequence[Claim]) -> tuple[Claim, Claim] | None:
    """The pair (earlier, later) of totals, the earlier wholly before the later, whose least growth (later's
    lower bound minus earlier's upper bound) is largest; ``inside`` is in time order."""
    best: tuple[float, Claim, Claim] | None = None
    pending: list[tuple[int, int, Claim]] = []  # (end, order, claim) of totals not yet wholly before
    low_high: Claim | None = None
    for order, c in enumerate(inside):
        start = c.as_of.sort_key[0]
        while pending and pending[0][0] < start:
            _, _, done = heapq.heappop(pending)
            if low_high is None or _high(done) < _high(low_high):
                low_high = done
        if low_high is not None:
            growth = _low(c) - _high(low_high)
            if best is None or growth > best[0]:
                best = (growth, low_high, c)
        heapq.heappush(pending, (c.as_of.sort_key[1], order, c))
    return (best[1], best[2]) if best is not None else None


def _windows_against_totals(windows: Groups, moments: Groups, measures: MeasureRegistry, settings: Settings,
                            add: Add) -> None:
    cache: dict[tuple[str, str], _Totals] = {}
    for (subject, name), group in windows.items():
        # A window count of a level (people newly displaced in April) is still part of the growth of the
        # cumulative whole it is counted within (everyone ever displaced).
        for total_name in (name, *measures.ancestors(name)):
            if not applies(flows.RULE_TOTAL, measures.resolve(total_name).kind):
                continue
            key = (subject, total_name)
            if key not in moments:
                continue
            if key not in cache:
                cache[key] = _Totals(moments[key])
            totals = cache[key]
            for f in group:
                start, end = f.as_of.sort_key
                after = totals.after(end)
                if after is not None:
                    add(flows.flow_above_growth(f, totals.before(start), after, settings))
                if total_name == name:  # another measure's growth holds more than this one's
                    pair = _largest_growth(totals.within(start, end))
                    if pair is not None:
                        add(flows.flow_below_growth(f, pair[0], pair[1], settings))


def _hierarchy(moments: Groups, windows: Groups, measures: MeasureRegistry, subjects: SubjectRegistry,
               settings: Settings, add: Add) -> None:
    k = settings.compare_window
    for groups, windowed in ((moments, False), (windows, True)):
        for (subject, name), parts in groups.items():
            part_measure = measures.resolve(name)
            if not applies(hierarchy.RULE, part_measure.kind):
                continue
            for whole_subject in subjects.ancestors(subject):
                for whole_name in (name, *measures.ancestors(name)):
                    wholes = groups.get((whole_subject, whole_name))
                    if not wholes:
                        continue
                    whole_measure = measures.resolve(whole_name)
                    starts = [w.as_of.sort_key[0] for w in wholes]
                    span = max(w.as_of.sort_key[1] - w.as_of.sort_key[0] for w in wholes)
                    for p in parts:
                        for w in _near(wholes, starts, span, p, k, windowed):
                            add(hierarchy.part_exceeds_whole(p, w, part_measure, whole_measure, settings))
        for whole_subject in subjects.wholes():
            if not subjects.is_complete(whole_subject):
                continue
            members = subjects.parts(whole_subject)
            for (subject, name), wholes in groups.items():
                measure = measures.resolve(name)
                if subject != whole_subject or not applies(hierarchy.RULE, measure.kind):
                    continue
                part_groups = [_ByTime(groups.get((m, name), [])) for m in members]
                for w in wholes:
                    at = [g.at(w, windowed) for g in part_groups]
                    present = [c for c in at if c]
                    if not present:
                        continue
                    strongest = [max(c, key=lambda x: (_low(x), x.id)) for c in present]
                    add(hierarchy.parts_exceed_whole(strongest, w, measure, settings,
                                                     every_part=len(present) == len(members)))
                    if len(present) == len(members):
                        weakest = [min(c, key=lambda x: (_high(x), x.id)) for c in present]
                        add(hierarchy.whole_exceeds_parts(weakest, w, measure, settings))


def _near(wholes: Sequence[Claim], starts: list[int], span: int, part: Claim, k: int, windowed: bool) -> list[Claim]:
    """Figures of the whole to hold ``part`` against: over the same window (for windows), else those whose
    periods overlap the part's and the first ``k`` dated after it."""
    start, end = part.as_of.sort_key
    if windowed:
        lo = bisect.bisect_left(starts, start)
        return [w for w in wholes[lo:bisect.bisect_right(starts, start)] if w.as_of.sort_key == (start, end)][:k]
    lo = bisect.bisect_left(starts, start - span)
    hi = bisect.bisect_right(starts, end)
    overlapping = [w for w in wholes[lo:hi] if w.as_of.overlaps(part.as_of)][:k]
    return overlapping + list(wholes[hi:hi + k])


class _ByTime:
    """One part's figures, found by the whole's period in O(log n) (sorted by start, as groups are)."""

    def __init__(self, group: Sequence[Claim]) -> None:
        self.group = group
        self.starts = [c.as_of.sort_key[0] for c in group]
        self.span = max((c.as_of.sort_key[1] - c.as_of.sort_key[0] for c in group), default=0)

    def at(self, whole: Claim, windowed: bool) -> list[Claim]:
        """Figures at the whole's time: over the same window, or with periods overlapping it."""
        start, end = whole.as_of.sort_key
        if windowed:
            lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_right(self.starts, start)
            return [c for c in self.group[lo:hi] if c.as_of.sort_key == (start, end)]
        lo, hi = bisect.bisect_left(self.starts, start - self.span), bisect.bisect_right(self.starts, end)
        return [c for c in self.group[lo:hi] if c.as_of.overlaps(whole.as_of)]
