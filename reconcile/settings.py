"""The reconciler's tolerances and thresholds, in one documented place.

>>> Settings().magnitude_factor
2.0
>>> Settings(magnitude_factor=3.0).magnitude_factor
3.0
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Settings"]


def _priors(value: object) -> tuple[tuple[str, float], ...]:
    """``reliability_priors`` as sorted (type, weight) pairs, from a mapping or pairs (hashable, ordered)."""
    items: Any = value.items() if isinstance(value, dict) else value
    pairs = tuple(sorted((str(k), float(v)) for k, v in items))
    if any(w < 0 for _, w in pairs):
        raise ValueError("reliability_priors: weights must be zero or more")
    return pairs


@attrs.frozen
class Settings:
    """Named parameters of the rules; every default is documented here and nowhere else.

    tolerance (0.02)
        Figures this close (as a share of the larger) are not told apart: an interval's upper bound is raised
        by it before it is found disjoint from another, below a part, fallen over time or above a cap. Two
        sources' exact counts of 1,250 and 1,230 killed differ by 1.6% — counting noise, not a contradiction.
    magnitude_factor (2.0)
        Two figures of the same thing whose intervals overlap but whose stated values differ by more than
        this factor contradict as a *magnitude* discrepancy (severity: the ratio). Also the ratio above which
        a part that outgrew its whole is called a magnitude discrepancy rather than a growth one.
    growth_slack (0.1)
        A part may grow by more than its whole did between two dates by at most this share of the whole's
        later figure before the claims contradict (absorbs rounding in the stated values).
    compare_window (16)
        Each claim is compared with at most this many earlier claims of its group (same subject and measure,
        or part and whole) in time order, for comparisons at one time, updates across origins, parts and
        statements. It keeps findings linear in the number of claims; stories with fewer claims per group than
        this are compared in full. Falls and rises of a cumulative count are not windowed (issue 10): every
        figure is checked against the running maximum of everything before it and every step of an origin's
        series against its own rate.
    not_comparable_neighbours (1)
        For measures that must not be compared (excess deaths vs killed), each claim of either is paired with
        this many claims of the other nearest in time, each pair one "not comparable" finding.
    apply_caps (True)
        Whether a capping measure (troops deployed for casualties) closes the open upper bound of estimates.

    Judging findings (issue 10; the README's "Judging findings" gives the rules whole):

    Strength. *impossible*: the figures cannot both be true under the measure's rules (disjoint intervals at
    one time, a cumulative count below an earlier one, a part above its whole, a ceiling below a figure).
    *implausible*: possible only at an implied rate or growth far outside what the story shows (a rise above
    ``jump_factor`` times the series' own rate, a part that grew more than its whole on the stated figures
    but not on their intervals). *tension*: compatible but far apart (a floor more than ``magnitude_factor``
    below a figure, an upper bound as far above it). Severity ranks within a strength: the gap between the
    intervals (or, for tensions and rises, between the stated figures) over the sum of the two figures.

    Precision. ``tolerance`` is counting noise *between different origins* or when either figure is rounded
    or hedged; one origin's own figures stated to the unit are compared exactly, so its series falling by one
    unit is a ``series-fall`` (impossible, low severity).

    jump_factor (10.0)
        A rise of a cumulative count is implausible when even the smallest rise its intervals allow, per day,
        is more than this many times the rate the series itself shows before and after it (the larger of the
        two; see ``rate_window``). 10x keeps a day of double the usual count an update and a month's deaths
        overnight a finding.
    rate_window (30)
        How many figures before and after a rise the series' own rate is measured over (the origin's own
        figures when it has enough of them, else the whole group's). A window, not one step, so one noisy day
        does not set the yardstick; fixed, so the check stays linear.
    min_jump_share (0.1)
        A rise smaller than this share of the earlier figure is never implausible, whatever the rates: a flat
        count (rate 0) that moves from 12 to 13 is not a finding.
    max_daily_rate ({})
        An optional ceiling per measure name (figures per day, in the measure's unit) that no rise may exceed
        whatever the series shows: ``{"killed": 2000}``. Empty by default: the story's own rate decides.

    Issue 13 (estimates and source reliability, :mod:`reconcile.engine.reliability`):

    reliability_priors (none: every type 1.0)
        Weight multipliers by source type, as ``{"intelligence-agency": 1.5, "official": 0.8}`` or pairs; a
        type not named weighs 1.0. They scale each source's truth-discovery weight (its vote in best values).
    reliability_confidence (0.95)
        The confidence level of CATD's chi-square interval on each source's error spread; a source with few
        figures gets the cautious end (its weight is the interval's upper error bound's inverse).
    reliability_error_floor (0.01)
        Relative errors below this (1%) are not told apart: added in quadrature to every figure's error and
        precision, so an exact source does not get an infinite weight.
    reliability_iterations (20)
        At most this many rounds of truths then weights (they usually settle in a few).
    precision_floor (0.05)
        Figures whose interval reaches at most this share (5%) either side of the stated value count as equally
        precise in best values: a figure rounded to two significant digits is never outweighed by another
        because its last digit happens to sit nearer a power of ten.
    copy_p_value (0.01)
        A source is taken to copy another when it repeats the other's figures (same value and rounding)
        after it so consistently that independent order (either first, even odds) has a chance below this.
        It needs at least 7 repeated figures: copying is never inferred from two or three.
    copy_min_share (0.8)
        ... and when it repeats at least this share of the items both report.
    whole_story (True)
        Whether :func:`reconcile.reconcile` runs the whole-story consistency check
        (:mod:`reconcile.engine.consistency`): minimal sets of figures that cannot all be true, as findings of
        kind ``inconsistent-set``. It costs about 10-15 µs a claim.

    Issue 12 (reports of long series):

    series_summary_min (50)
        A series (figures of one subject and measure) of at least this many figures has its consistent updates
        (``refines``/``update`` findings between its own figures) shown in reports as one summary finding
        ("1,612 daily figures; 1,607 consistent updates; 4 falls; 1 implausible jump") instead of one finding
        per consecutive pair; its contradictions stay findings of their own. ``reconcile report
        --all-findings`` keeps every finding; the engine and the graph always keep them all
        (:func:`reconcile.engine.summary.summarize_series`). Shorter series are reported pair by pair, as
        an analyst reads them.
    """

    tolerance: float = attrs.field(default=0.02, validator=[attrs.validators.ge(0), attrs.validators.lt(1)])
    magnitude_factor: float = attrs.field(default=2.0, validator=attrs.validators.gt(1))
    growth_slack: float = attrs.field(default=0.1, validator=attrs.validators.ge(0))
    compare_window: int = attrs.field(default=16, validator=attrs.validators.ge(1))
    not_comparable_neighbours: int = attrs.field(default=1, validator=attrs.validators.ge(1))
    apply_caps: bool = True
    # -- issue 10: judging findings (strength, precision, plausibility over time) --
    jump_factor: float = attrs.field(default=10.0, validator=attrs.validators.gt(1))
    rate_window: int = attrs.field(default=30, validator=attrs.validators.ge(1))
    min_jump_share: float = attrs.field(default=0.1, validator=attrs.validators.ge(0))
    max_daily_rate: dict[str, float] = attrs.field(factory=dict, hash=False)

    # -- issue 13: estimates and source reliability
    reliability_priors: tuple[tuple[str, float], ...] = attrs.field(default=(), converter=_priors)
    reliability_confidence: float = attrs.field(default=0.95, validator=[attrs.validators.gt(0),
                                                                         attrs.validators.lt(1)])
    reliability_error_floor: float = attrs.field(default=0.01, validator=attrs.validators.gt(0))
    reliability_iterations: int = attrs.field(default=20, validator=attrs.validators.ge(1))
    precision_floor: float = attrs.field(default=0.05, validator=attrs.validators.gt(0))
    copy_p_value: float = attrs.field(default=0.01, validator=[attrs.validators.gt(0), attrs.validators.lt(1)])
    copy_min_share: float = attrs.field(default=0.8, validator=[attrs.validators.ge(0), attrs.validators.le(1)])
    whole_story: bool = True
    # -- issue 12: reports of long series ------------------------------------------------------------------
    series_summary_min: int = attrs.field(default=50, validator=attrs.validators.ge(2))

    def long_series(self, figures: int) -> bool:
        """Whether a series of this many figures is long enough that reports tell its updates in one line
        (``series_summary_min``)."""
        return figures >= self.series_summary_min

    def prior(self, source_type: str) -> float:
        """The weight multiplier ``reliability_priors`` gives a source type (1.0 when not named)."""
        return dict(self.reliability_priors).get(source_type, 1.0)
