"""Two figures of the same subject and measure.

At one time (their periods overlap): disjoint intervals contradict. Intervals that overlap only because
one is open towards the other ("at least 300" against ≈2,667) contradict as a *magnitude* discrepancy
when their stated values differ by more than ``Settings.magnitude_factor`` — an open bound says where a
figure is not, not that any larger figure is as likely; two one-sided bounds never do, and closed intervals
that overlap (a figure inside a confidence interval) are consistent. A narrower figure inside a wider one
refines it; otherwise close figures support each other.

Over time (one wholly before the other): a cumulative count that falls contradicts; a consistent later
figure updates the nearest earlier one (``refines``, kind ``update``).
"""

from __future__ import annotations

from ..claims import Claim
from ..figures.quantity import Estimate, Hedge
from ..findings import Finding, Relation
from ..measures import Measure
from ..settings import Settings
from .common import fmt_ratio, quote, ratio

__all__ = ["compare_same_time", "compare_over_time", "ONE_SIDED"]

ONE_SIDED = frozenset({Hedge.AT_LEAST, Hedge.MORE_THAN, Hedge.UP_TO, Hedge.LESS_THAN})
RULE_SAME_TIME = "figures.same-time"
RULE_OVER_TIME = "figures.over-time"


def _one_sided(e: Estimate) -> bool:
    return e.hedge in ONE_SIDED and (e.low is None or e.high is None)


def _open_towards(e: Estimate, other: Estimate) -> bool:
    """True when ``e``'s interval reaches ``other``'s stated value only through an open bound."""
    if e.mid < other.mid:
        return e.high is None
    if e.mid > other.mid:
        return e.low is None
    return False


def compare_same_time(a: Claim, b: Claim, settings: Settings) -> Finding | None:
    """``a`` and ``b``: same subject and measure, overlapping periods, ``a`` first in claim order."""
    ea, eb = a.estimate, b.estimate
    assert ea is not None and eb is not None
    r = ratio(ea.mid, eb.mid)
    tol = settings.tolerance
    if ea.lies_below(eb, tol) or eb.lies_below(ea, tol):
        return Finding(Relation.CONTRADICTS, "disjoint", (a.id, b.id), r,
                       f"{quote(a)} and {quote(b)} do not overlap: the figures are {fmt_ratio(r)} apart.",
                       rule=RULE_SAME_TIME)
    if (r > settings.magnitude_factor and not (_one_sided(ea) and _one_sided(eb))
            and (_open_towards(ea, eb) or _open_towards(eb, ea))):
        return Finding(Relation.CONTRADICTS, "magnitude", (a.id, b.id), r,
                       f"{quote(a)} and {quote(b)} overlap only through an open bound: the stated figures differ "
                       f"{fmt_ratio(r)}, more than the {settings.magnitude_factor:g}x allowed.",
                       rule=RULE_SAME_TIME)
    for narrow, wide in ((a, b), (b, a)):
        en, ew = narrow.estimate, wide.estimate
        assert en is not None and ew is not None
        if ew.contains(en) and en.width < ew.width:
            return Finding(Relation.REFINES, "narrower", (narrow.id, wide.id), 0.0,
                           f"{quote(narrow)} lies within and narrows {quote(wide)}.", rule=RULE_SAME_TIME)
    if r <= settings.magnitude_factor and not (_one_sided(ea) and _one_sided(eb) and ea.hedge != eb.hedge):
        return Finding(Relation.SUPPORTS, "agreement", (a.id, b.id), 0.0,
                       f"{quote(a)} and {quote(b)} agree: the intervals overlap and the figures are within "
                       f"{fmt_ratio(r)}.", rule=RULE_SAME_TIME)
    return None


def compare_over_time(earlier: Claim, later: Claim, measure: Measure, settings: Settings, *,
                      nearest: bool) -> Finding | None:
    """``earlier`` wholly before ``later``; ``nearest`` when no other figure of the group lies between them."""
    ee, el = earlier.estimate, later.estimate
    assert ee is not None and el is not None
    if measure.is_cumulative and el.lies_below(ee, settings.tolerance):
        r = ratio(ee.mid, el.mid)
        return Finding(Relation.CONTRADICTS, "cumulative-decrease", (earlier.id, later.id), r,
                       f"{measure.name} is a cumulative count and cannot fall, yet {quote(earlier)} is above "
                       f"{quote(later)} ({fmt_ratio(r)}).", rule=RULE_OVER_TIME)
    if nearest:
        return Finding(Relation.REFINES, "update", (later.id, earlier.id), 0.0,
                       f"{quote(later)} updates {quote(earlier)}; the change is consistent with a "
                       f"{measure.kind.value} measure.", rule=RULE_OVER_TIME)
    return None
