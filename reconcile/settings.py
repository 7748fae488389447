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
        or part and whole) in time order. It keeps findings linear in the number of claims; stories with
        fewer claims per group than this are compared in full.
    not_comparable_neighbours (1)
        For measures that must not be compared (excess deaths vs killed), each claim of either is paired with
        this many claims of the other nearest in time, each pair one "not comparable" finding.
    apply_caps (True)
        Whether a capping measure (troops deployed for casualties) closes the open upper bound of estimates.
    series_summary_min (50)
        A series (figures of one subject and measure) of at least this many figures has its consistent updates
        (``refines``/``update`` findings between its own figures) shown in reports as one summary finding
        ("1,612 daily figures; 1,607 consistent updates; 4 falls; 1 implausible jump") instead of one finding
        per consecutive pair; its contradictions stay findings of their own. ``reconcile report
        --all-findings`` keeps every finding; the engine and the graph always keep them all
        (:func:`reconcile.engine.series.summarize_series`). Shorter series are reported pair by pair, as
        an analyst reads them.
    """

    tolerance: float = attrs.field(default=0.02, validator=[attrs.validators.ge(0), attrs.validators.lt(1)])
    magnitude_factor: float = attrs.field(default=2.0, validator=attrs.validators.gt(1))
    growth_slack: float = attrs.field(default=0.1, validator=attrs.validators.ge(0))
    compare_window: int = attrs.field(default=16, validator=attrs.validators.ge(1))
    not_comparable_neighbours: int = attrs.field(default=1, validator=attrs.validators.ge(1))
    apply_caps: bool = True
    # -- issue 12: reports of long series ------------------------------------------------------------------
    series_summary_min: int = attrs.field(default=50, validator=attrs.validators.ge(2))
