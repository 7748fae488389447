"""Two figures of the same subject and measure.

At one time (their periods overlap): disjoint intervals contradict (*impossible*; a ceiling below a figure is
one such case). Intervals that overlap only because one is open towards the other ("at least 300" against
≈2,667) contradict as a *magnitude* discrepancy when their stated values differ by more than
``Settings.magnitude_factor`` — a *tension*: an open bound says where a figure is not, not that any larger
figure is as likely; two one-sided bounds never do, and closed intervals that overlap (a figure inside a
confidence interval) are consistent. A narrower figure inside a wider one refines it; otherwise close figures
of *different origins* support each other (relays of one origin are one voice and corroborate nothing).

Over time (one wholly before the other), for a cumulative count: a figure below an earlier one contradicts
(:func:`fall`: ``series-fall`` within one origin's exact series, ``cumulative-decrease`` otherwise, both
*impossible*); a rise whose least implied rate is far above the series' own rate is an ``implausible-rise``
(:func:`rise`); a consistent later figure updates the nearest earlier one (``refines``, kind ``update``), and
the explanation says which of these tests were made. A claim that says it corrects another is a ``revision``
(:func:`revision`), whatever the direction; what replaced a retracted claim is a ``retraction``.

Which tolerance applies is :func:`~reconcile.rules.common.tolerance_for`: counting noise between origins or
for rounded figures, none within one origin's figures stated to the unit.
"""

from __future__ import annotations

from ..claims import Claim
from ..figures.quantity import Estimate, Hedge
from ..findings import Deferred, Finding, Relation, Strength, trusted_finding
from ..measures import Measure
from ..settings import Settings
from .common import (attribution, factor, finite_ratio, fmt, fmt_ratio, gap_words, interval_gap, percent, quote, ratio,
                     severity_of, tolerance_for)

__all__ = ["compare_same_time", "compare_over_time", "fall", "stated", "rise", "update", "revision", "retraction",
           "ONE_SIDED", "Rate"]

ONE_SIDED = frozenset({Hedge.AT_LEAST, Hedge.MORE_THAN, Hedge.UP_TO, Hedge.LESS_THAN})
CEILINGS = frozenset({Hedge.UP_TO, Hedge.LESS_THAN})
RULE_SAME_TIME = "figures.same-time"
RULE_OVER_TIME = "figures.over-time"
RULE_REVISION = "figures.revision"

# A reference rate for a rise: figures per day before and after it (None where the series shows none).
Rate = tuple[float | None, float | None]


def _one_sided(e: Estimate) -> bool:
    return e.hedge in ONE_SIDED and (e.low is None or e.high is None)


def _open_towards(e: Estimate, other: Estimate) -> bool:
    """True when ``e``'s interval reaches ``other``'s stated value only through an open bound."""
    if e.mid < other.mid:
        return e.high is None
    if e.mid > other.mid:
        return e.low is None
    return False


def _bound_word(e: Estimate) -> str:
    return "ceiling" if e.hedge in CEILINGS and e.low is None else ("floor" if e.high is None else "figure")


def compare_same_time(a: Claim, b: Claim, settings: Settings) -> Finding | None:
    """``a`` and ``b``: same subject and measure, overlapping periods, ``a`` first in claim order."""
    ea, eb = a.estimate, b.estimate
    assert ea is not None and eb is not None
    r = ratio(ea.mid, eb.mid)
    fr = finite_ratio(ea.mid, eb.mid)
    tol = tolerance_for(a, b, settings)
    if ea.lies_below(eb, tol) or eb.lies_below(ea, tol):
        g = interval_gap(ea, eb)
        low, high = (ea, eb) if ea.lies_below(eb, tol) else (eb, ea)
        why = (f"the {_bound_word(low)} is below the {_bound_word(high)}" if _bound_word(low) == "ceiling"
               else "the intervals do not overlap")
        within = "" if tol else " (one origin's figures stated to the unit: compared exactly)"
        return Finding(Relation.CONTRADICTS, "disjoint", (a.id, b.id), severity_of(g, ea.mid, eb.mid),
                       f"{quote(a)} and {quote(b)} cannot both be true at that time: {why}; "
                       f"{gap_words(g, fr, between='the intervals')}{within}.",
                       rule=RULE_SAME_TIME, strength=Strength.IMPOSSIBLE, gap=g, ratio=fr)
    if (r > settings.magnitude_factor and not (_one_sided(ea) and _one_sided(eb))
            and (_open_towards(ea, eb) or _open_towards(eb, ea))):
        g = abs(ea.mid - eb.mid)
        opened = ea if _open_towards(ea, eb) else eb
        word = "floor" if opened.high is None else "upper bound"
        return Finding(Relation.CONTRADICTS, "magnitude", (a.id, b.id), severity_of(g, ea.mid, eb.mid),
                       f"{quote(a)} and {quote(b)} can both be true only through the open {word}, yet "
                       f"{gap_words(g, fr, between='the stated figures')}, more than the "
                       f"{settings.magnitude_factor:g}x allowed: a tension, not an impossibility.",
                       rule=RULE_SAME_TIME, strength=Strength.TENSION, gap=g, ratio=fr)
    for narrow, wide in ((a, b), (b, a)):
        en, ew = narrow.estimate, wide.estimate
        assert en is not None and ew is not None
        if ew.contains(en) and en.width < ew.width:
            return Finding(Relation.REFINES, "narrower", (narrow.id, wide.id), 0.0,
                           f"{quote(narrow)} lies within and narrows {quote(wide)}.", rule=RULE_SAME_TIME)
    if a.origin_id == b.origin_id:
        return None  # one origin, one voice: copies of a figure corroborate nothing
    if r <= settings.magnitude_factor and not (_one_sided(ea) and _one_sided(eb) and ea.hedge != eb.hedge):
        g = abs(ea.mid - eb.mid)
        return Finding(Relation.SUPPORTS, "agreement", (a.id, b.id), 0.0,
                       f"{quote(a)} and {quote(b)} agree: the intervals overlap and "
                       f"{gap_words(g, fr, between='the stated figures')}.", rule=RULE_SAME_TIME, gap=g, ratio=fr)
    return None


def stated(e: Estimate) -> float | None:
    """The figure as stated when it is a plain number (``118,100``), else ``None``."""
    return float(e.best) if e.hedge is Hedge.PLAIN and e.best is not None else None


def fall(earlier: Claim, later: Claim, measure: Measure, settings: Settings, *,
         as_stated: bool = False) -> Finding | None:
    """``earlier`` wholly before ``later`` (the highest earlier figure: the running maximum). A cumulative
    count below it contradicts: ``series-fall`` within one origin, ``cumulative-decrease`` across origins.

    ``as_stated``: both are of one origin whose series is stated to the unit, so a round-looking figure in it
    (``118,100`` among ``118,096`` and ``118,098``) is read as the exact count it is, not as ±50."""
    ee, el = earlier.estimate, later.estimate
    assert ee is not None and el is not None
    if not measure.is_cumulative:
        return None
    if as_stated and ee.hedge is Hedge.PLAIN and el.hedge is Hedge.PLAIN and ee.best is not None \
            and el.best is not None:  # both stated (what stated() tests): compared exactly
        tol = 0.0
        se, sl = float(ee.best), float(el.best)
        if not sl < se:
            return None
        g = se - sl
    else:
        tol = tolerance_for(earlier, later, settings)
        if not el.lies_below(ee, tol):
            return None
        g = interval_gap(ee, el)
    em, lm = ee._mid, el._mid
    fr = finite_ratio(em, lm)
    same = earlier.origin_id == later.origin_id
    kind = "series-fall" if same else "cumulative-decrease"
    whose = f"{attribution(later)}'s own series" if same else "the count"
    tested = (" (both stated to the unit by one origin, so compared exactly)" if tol == 0 else
              f" (beyond the {percent(settings.tolerance)} allowed for counting noise)")
    return trusted_finding(Relation.CONTRADICTS, kind, (earlier.id, later.id), severity_of(g, em, lm),
                           f"{later.measure_said} is a cumulative count and cannot fall, yet {whose} goes from "
                           f"{quote(earlier)} to {quote(later)}: {fmt(g)} lower ({fmt_ratio(fr)}){tested}.",
                           RULE_OVER_TIME, strength=Strength.IMPOSSIBLE, gap=g, ratio=fr)


def _days(earlier: Claim, later: Claim) -> int:
    return max(1, later.as_of.sort_key[0] - earlier.as_of.sort_key[1])


def _per_day(x: float) -> str:
    return f"≈{fmt(round(x))}" if x >= 10 else f"≈{x:.1f}".rstrip("0").rstrip(".")


def rise(earlier: Claim, later: Claim, measure: Measure, settings: Settings, reference: Rate) -> Finding | None:
    """``earlier`` wholly before ``later``, consecutive in one series of a cumulative count; ``reference`` the
    series' own rate before and after the step. An ``implausible-rise`` when even the least rise the two
    intervals allow, per day, exceeds ``jump_factor`` times the larger reference rate (or the measure's
    ``max_daily_rate``), and is at least ``min_jump_share`` of the earlier figure."""
    ee, el = earlier.estimate, later.estimate
    assert ee is not None and el is not None
    if not measure.is_cumulative or ee.high is None:
        return None
    least = float(el.floor - ee.high)
    if least <= 0 or least < settings.min_jump_share * ee.mid:
        return None
    days = _days(earlier, later)
    rate = least / days
    before, after = reference
    known = [x for x in (before, after) if x is not None]
    yardstick = max(known) if known else None
    cap = settings.max_daily_rate.get(measure.name)
    over_series = yardstick is not None and rate > settings.jump_factor * yardstick
    over_cap = cap is not None and rate > cap
    if not (over_series or over_cap):
        return None
    against = []
    if before is not None:
        against.append(f"{_per_day(before)} a day before")
    if after is not None:
        against.append(f"{_per_day(after)} a day after")
    if over_series:
        why = f"against {' and '.join(against)}: more than {settings.jump_factor:g}x the series' own rate"
    else:
        why = f"above the most this story allows for {measure.name}, {_per_day(cap or 0)} a day"
    g = float(least)
    fr = finite_ratio(ee.mid, el.mid)
    return Finding(Relation.CONTRADICTS, "implausible-rise", (earlier.id, later.id), severity_of(g, ee.mid, el.mid),
                   f"{later.measure_said} is a cumulative count; from {quote(earlier)} to {quote(later)} "
                   f"({fmt_ratio(fr)}) it would have had to rise by at least {fmt(g)} in {days} "
                   f"day{'s' if days != 1 else ''}, {_per_day(rate)} a day, {why}.",
                   rule=RULE_OVER_TIME, strength=Strength.IMPLAUSIBLE, gap=g, ratio=fr)


def update(earlier: Claim, later: Claim, measure: Measure, settings: Settings, *,
           reference: Rate | None = None, in_long_series: bool = False) -> Finding:
    """``later`` updates ``earlier`` (wholly before it, nearest in time). The explanation says what was tested:
    for a cumulative count, that it did not fall, and the rate against the series' own when one was checked.

    ``in_long_series``: the two are figures of a series long enough that reports tell its updates in one line
    (``Settings.series_summary_min``), so the explanation is written only if it is read
    (:class:`~reconcile.findings.Deferred`). Elsewhere it is written at once, while the claims are at hand: a
    report lists every such update, and wording them later, in the report's order rather than the series',
    costs more than twice as much at a million claims (their quotes are no longer in the cache)."""
    ee, el = earlier.estimate, later.estimate
    assert ee is not None and el is not None
    em, lm = ee._mid, el._mid
    g = abs(lm - em)
    fr = finite_ratio(em, lm)
    return trusted_finding(Relation.REFINES, "update", (later.id, earlier.id), 0.0,
                           Deferred(update_words, earlier, later, measure, settings, reference, g, fr)
                           if in_long_series else update_words(earlier, later, measure, settings, reference, g, fr),
                           RULE_OVER_TIME, gap=g, ratio=fr)


def update_words(earlier: Claim, later: Claim, measure: Measure, settings: Settings, reference: Rate | None,
                 g: float, fr: float | None) -> str:
    """The explanation of :func:`update`: ``g`` the gap between the stated figures, ``fr`` their ratio."""
    # The words are put together here in one go (what gap_words and fmt_ratio would give), the settings' own
    # words once per run.
    apart = f"{fmt(g)} apart" if fr is None else f"{fmt(g)} apart ({fr:.1f}x)"
    word = later.measure_said
    if not measure.is_cumulative:
        tested = f"{word} is a {measure.kind.value} measure, which may rise or fall; the stated figures are {apart}"
    elif later.estimate._mid < earlier.estimate._mid:  # type: ignore[union-attr]
        tested = (f"{word} is cumulative; the later figure is {fmt(g)} lower ({fmt_ratio(fr)}), within the "
                  f"{percent(settings.tolerance)} allowed for counting noise between sources or rounded figures")
    else:
        tested = f"{word} is cumulative and the later figure is not below the earlier; the stated figures are {apart}"
        if reference is not None:
            before, after = reference
            if before is None and after is None:
                tested += "; the series shows no rate to compare the rise with"
            else:
                fastest = max(x for x in reference if x is not None)
                tested += f"; the rise is within {factor(settings.jump_factor)}x the series' own rate " \
                          f"({_per_day(fastest)} a day)"
    return f"{quote(later)} updates {quote(earlier)}: {tested}."


def compare_over_time(earlier: Claim, later: Claim, measure: Measure, settings: Settings, *,
                      nearest: bool) -> Finding | None:
    """``earlier`` wholly before ``later``: a fall of a cumulative count, else an update when ``nearest``."""
    found = fall(earlier, later, measure, settings)
    if found is not None or not nearest:
        return found
    return update(earlier, later, measure, settings)


def revision(corrector: Claim, corrected: Claim) -> Finding:
    """``corrector`` says it corrects ``corrected``: the earlier figure is superseded, not contradicted."""
    ec, eo = corrector.estimate, corrected.estimate
    if ec is None or eo is None:
        return Finding(Relation.REFINES, "revision", (corrector.id, corrected.id), 0.0,
                       f"{corrector.attribution()} ({corrector.said_on.describe()}) corrects {corrected.describe()}.",
                       rule=RULE_REVISION)
    g = abs(ec.mid - eo.mid)
    fr = finite_ratio(ec.mid, eo.mid)
    change = (f"revised down by {fmt(g)} ({fmt_ratio(fr)})" if ec.mid < eo.mid else
              f"revised up by {fmt(g)} ({fmt_ratio(fr)})" if ec.mid > eo.mid else
              f"the figure is unchanged: {fmt(g)} apart ({fmt_ratio(fr)})")
    retracted = " (the earlier figure is retracted)" if corrected.status.value == "retracted" else ""
    return Finding(Relation.REFINES, "revision", (corrector.id, corrected.id), 0.0,
                   f"{quote(corrector)} corrects {quote(corrected)}{retracted}: {change}; a revision, not a "
                   f"contradiction.", rule=RULE_REVISION, gap=g, ratio=fr)


def retraction(replacement: Claim, retracted: Claim) -> Finding:
    """``retracted`` was withdrawn; ``replacement`` is the next figure of its origin that stands."""
    what = quote(retracted) if retracted.is_figure else retracted.describe()
    instead = quote(replacement) if replacement.is_figure else replacement.describe()
    return Finding(Relation.REFINES, "retraction", (replacement.id, retracted.id), 0.0,
                   f"{what} was retracted and is compared with nothing; {instead} stands in its place.",
                   rule=RULE_REVISION)
