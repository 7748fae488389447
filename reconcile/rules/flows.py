"""Counts over a window against each other and against the running total (issue 11).

A figure whose ``as_of`` is a window — ``since 2025-03`` (from the start of March to the date said) or
``during 2025-04`` (what happened in April alone) — counts what happened within the window; so does every figure
of a *flow* measure (this week's arrivals). Such a count is part of the running total's growth over the window:

- it is at most the count over any window containing it (``window-exceeds-window``; for two ``since`` counts
  from one start, the later one below the earlier is a ``cumulative-decrease``: a count since a fixed start
  cannot fall);
- it is at most any running total dated on or after the window ends (``flow-exceeds-total``), and at most the
  total's growth across the window: a total dated after it minus one dated before it starts
  (``flow-exceeds-growth``);
- it is at least the total's growth inside the window: a total dated within it minus an earlier one also within
  it (``flow-below-growth``).

Counts over the same window compare with each other as any figures do (:mod:`reconcile.rules.figures`). Every
contradiction here is ``impossible``: no reading of the figures makes them all true. Intervals are compared
with ``Settings.tolerance`` of the totals as counting noise.
"""

from __future__ import annotations

from ..claims import Claim
from ..figures.dates import Reading
from ..figures.quantity import Estimate
from ..findings import Finding, Relation, Strength
from ..measures import Measure
from ..settings import Settings
from .common import fmt, quote, ratio

__all__ = ["window_exceeds_window", "flow_above_growth", "flow_below_growth"]

RULE_WINDOW = "flows.window"
RULE_TOTAL = "flows.total"


def _lo(e: Estimate) -> float:
    return float(e.floor)


def _hi(e: Estimate) -> float:
    return float("inf") if e.high is None else float(e.high)


def _severity(a: float, b: float) -> float:
    # At least one unit on either side, so a zero bound never makes the ratio infinite.
    return ratio(max(a, 1.0), max(b, 1.0))


def window_exceeds_window(inner: Claim, outer: Claim, measure: Measure, settings: Settings) -> Finding | None:
    """``inner``'s window lies within ``outer``'s (and is not the same): its count cannot be the larger."""
    ei, eo = inner.estimate, outer.estimate
    assert ei is not None and eo is not None
    if not eo.lies_below(ei, settings.tolerance):
        return None
    same_start = (inner.as_of.reading is Reading.SINCE and outer.as_of.reading is Reading.SINCE
                  and inner.as_of.start == outer.as_of.start)
    if same_start:
        kind = "cumulative-decrease"
        why = (f"both count {measure.name} since {inner.as_of.start.isoformat()}, and a count since a fixed "
               f"start cannot fall, yet {quote(inner)} is above the later {quote(outer)}")
    else:
        kind = "window-exceeds-window"
        why = (f"{quote(inner)} counts a window within that of {quote(outer)}, yet is above it: the longer window "
               f"holds everything the shorter one does")
    return Finding(Relation.CONTRADICTS, kind, (inner.id, outer.id), _severity(ei.mid, eo.mid), why + ".",
                   rule=RULE_WINDOW, strength=Strength.IMPOSSIBLE)


def flow_above_growth(flow: Claim, before: Claim | None, after: Claim, settings: Settings) -> Finding | None:
    """``after`` is a running total dated on or after ``flow``'s window ends; ``before`` (optional) one dated
    before the window starts. The count over the window cannot exceed ``after``, nor ``after - before``."""
    ef, ea = flow.estimate, after.estimate
    assert ef is not None and ea is not None
    eb = before.estimate if before is not None else None
    base = _lo(eb) if eb is not None else 0.0
    most = _hi(ea) * (1 + settings.tolerance) - base
    if not _lo(ef) > most:
        return None
    if before is None:
        return Finding(Relation.CONTRADICTS, "flow-exceeds-total", (flow.id, after.id), _severity(_lo(ef), _hi(ea)),
                       f"{quote(flow)} counts part of the running total, yet it is above the later total "
                       f"{quote(after)}.", rule=RULE_TOTAL, strength=Strength.IMPOSSIBLE)
    return Finding(Relation.CONTRADICTS, "flow-exceeds-growth", (flow.id, after.id), _severity(_lo(ef), most),
                   f"{quote(flow)} counts what the running total gained over its window; the total rose from "
                   f"{quote(before)} to {quote(after)}, by at most {fmt(round(max(_hi(ea) - base, 0)))} "
                   f"({fmt(round(max(most, 0)))} allowing {settings.tolerance:.0%} counting noise), yet the count over "
                   f"the window is at least {fmt(ef.floor)}, {fmt(round(_lo(ef) - max(_hi(ea) - base, 0)))} more.", context=(before.id,), rule=RULE_TOTAL,
                   strength=Strength.IMPOSSIBLE)


def flow_below_growth(flow: Claim, first: Claim, last: Claim, settings: Settings) -> Finding | None:
    """``first`` wholly before ``last``, both running totals dated within ``flow``'s window: the count over the
    window is at least what the total gained between them."""
    ef, e1, e2 = flow.estimate, first.estimate, last.estimate
    assert ef is not None and e1 is not None and e2 is not None
    least = _lo(e2) - _hi(e1) - settings.tolerance * _lo(e2)
    if not _hi(ef) * (1 + settings.tolerance) < least:
        return None
    return Finding(Relation.CONTRADICTS, "flow-below-growth", (flow.id, last.id), _severity(least, _hi(ef)),
                   f"{quote(flow)} counts what the running total gained over its window, yet within that window the "
                   f"total rose from {quote(first)} to {quote(last)}, by at least {fmt(round(_lo(e2) - _hi(e1)))} "
                   f"({fmt(round(least))} allowing {settings.tolerance:.0%} counting noise), and the count over the "
                   f"window is at most {fmt(round(_hi(ef)))}.",
                   context=(first.id,), rule=RULE_TOTAL, strength=Strength.IMPOSSIBLE)
