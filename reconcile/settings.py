"""The reconciler's tolerances and thresholds, in one documented place.

>>> Settings().magnitude_factor
2.0
>>> Settings(magnitude_factor=3.0).magnitude_factor
3.0
"""

from __future__ import annotations

import attrs

__all__ = ["Settings"]


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
