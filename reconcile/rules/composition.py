"""Parts against wholes: killed, wounded, missing and captured are parts of casualties.

- A part cannot exceed its whole at the same time (``part-exceeds-whole``), nor, for cumulative measures,
  a later figure of its whole (``cumulative-decrease``: the count would have had to fall).
- Between two dates a part cannot grow by more than its whole did (``part-outgrew-whole``, or
  ``magnitude`` when the part's figures are more than ``Settings.magnitude_factor`` apart): the other
  parts would have had to shrink. Compared on the stated values, with ``Settings.growth_slack`` of the
  whole's later figure to absorb rounding.
- A capped measure (casualties, capped by troops deployed) cannot exceed the highest cap figure to date
  (``exceeds-cap``).

Strength: a part above its whole, a cumulative part above its later whole and a figure above its cap are
*impossible*; a part that outgrew its whole is *impossible* when even its intervals cannot be reconciled
(the least growth the part's intervals allow exceeds the most the whole's allow), else *implausible*: the
stated figures say it, an open or wide bound could absorb it. Severity: the gap over the two figures.
"""

from __future__ import annotations

from ..claims import Claim
from ..figures.quantity import Estimate
from ..findings import Finding, Relation, Strength
from ..measures import Measure
from ..settings import Settings
from .common import finite_ratio, fmt, fmt_ratio, interval_gap, quote, ratio, severity_of

__all__ = ["part_exceeds_whole", "part_outgrew_whole", "exceeds_cap", "ceiling", "outgrew"]

RULE_PART_WHOLE = "composition.part-whole"
RULE_GROWTH = "composition.growth"
RULE_CAP = "composition.cap"


def ceiling(e: Estimate, settings: Settings) -> float:
    """The upper bound of ``e`` raised by ``settings.tolerance`` exactly as :meth:`Estimate.lies_below` raises it
    (inf when open). Only a figure whose floor is at or above it can lie above ``e``: the runner, which pairs
    hundreds of thousands of parts with wholes and figures with caps, calls a rule only for those."""
    return e._hi * (1 + settings.tolerance)  # times 1.0 when the tolerance is 0: the bound unchanged


def outgrew(m1: float, m2: float, n1: float, n2: float, settings: Settings) -> bool:
    """Whether a part whose centres went from ``m1`` to ``m2`` grew by more than its whole, whose centres went
    from ``n1`` to ``n2``, did (the whole not falling), beyond the slack: :func:`part_outgrew_whole`'s test on
    the stated figures, on floats the runner can keep per claim."""
    whole_growth = n2 - n1
    return whole_growth >= 0 and m2 - m1 > whole_growth + settings.growth_slack * n2


def part_exceeds_whole(part: Claim, whole: Claim, part_measure: Measure, whole_measure: Measure,
                       settings: Settings) -> Finding | None:
    """``whole`` is dated with or after ``part``. Contradicts when every value of the part is above the whole."""
    ep, ew = part.estimate, whole.estimate
    assert ep is not None and ew is not None
    if not ew.lies_below(ep, settings.tolerance):
        return None
    r = finite_ratio(ep.mid, ew.mid)
    g = interval_gap(ep, ew)
    sev = severity_of(g, ep.mid, ew.mid)
    apart = f"the intervals are {fmt(g)} apart ({fmt_ratio(r)})"
    if part.as_of.overlaps(whole.as_of):
        return Finding(Relation.CONTRADICTS, "part-exceeds-whole", (part.id, whole.id), sev,
                       f"{part_measure.name} is part of {whole_measure.name}, yet {quote(part)} is above "
                       f"{quote(whole)}: {apart}.", rule=RULE_PART_WHOLE, strength=Strength.IMPOSSIBLE,
                       gap=g, ratio=r)
    if part_measure.is_cumulative and whole_measure.is_cumulative:
        return Finding(Relation.CONTRADICTS, "cumulative-decrease", (part.id, whole.id), sev,
                       f"{part_measure.name} is part of {whole_measure.name} and both are cumulative counts, "
                       f"which cannot fall; yet {quote(part)} is already above the later {quote(whole)}: "
                       f"{apart}.", rule=RULE_PART_WHOLE, strength=Strength.IMPOSSIBLE, gap=g, ratio=r)
    return None


def part_outgrew_whole(p1: Claim, p2: Claim, w1: Claim, w2: Claim, part_measure: Measure, whole_measure: Measure,
                       settings: Settings) -> Finding | None:
    """``p1`` before ``p2`` (figures of a part); ``w1``/``w2`` figures of its whole at the same times."""
    e1, e2, f1, f2 = p1.estimate, p2.estimate, w1.estimate, w2.estimate
    assert e1 is not None and e2 is not None and f1 is not None and f2 is not None
    # A whole whose own figures fell is their contradiction, not the part's.
    if not outgrew(e1.mid, e2.mid, f1.mid, f2.mid, settings):
        return None
    part_growth = e2.mid - e1.mid
    whole_growth = f2.mid - f1.mid
    slack = settings.growth_slack * f2.mid
    r = ratio(e1.mid, e2.mid)
    rw = ratio(f1.mid, f2.mid) if f2.mid >= f1.mid else 1.0
    kind = "magnitude" if r > settings.magnitude_factor else "part-outgrew-whole"
    # On the intervals: the least the part can have grown against the most the whole can have.
    least_part = e2.floor - e1.high if e1.high is not None else None
    most_whole = f2.high - f1.floor if f2.high is not None else None
    certain = least_part is not None and most_whole is not None and least_part > most_whole + slack
    strength = Strength.IMPOSSIBLE if certain else Strength.IMPLAUSIBLE
    excess = float(part_growth - whole_growth)
    explanation = (
        f"{part_measure.name} rose from {quote(p1, with_measure=False)} to {quote(p2, with_measure=False)}, "
        f"{fmt_ratio(r)}, while {whole_measure.name}, of which it is a part, rose only from "
        f"{quote(w1, with_measure=False)} to {quote(w2, with_measure=False)} ({fmt_ratio(rw)}) in the same "
        f"period: on the stated figures the part grew by {fmt(part_growth)}, {fmt(excess)} more than the "
        f"whole's {fmt(whole_growth)}, so the other parts would have had to fall"
        + (" — and no value the intervals allow avoids it." if certain else
           "; only the open or wide bounds of the figures could absorb it.")
    )
    context = tuple(sorted({w1.id, w2.id}))
    return Finding(Relation.CONTRADICTS, kind, (p1.id, p2.id), severity_of(excess, e1.mid, e2.mid), explanation,
                   context=context, rule=RULE_GROWTH, strength=strength, gap=excess,
                   ratio=finite_ratio(e1.mid, e2.mid))


def exceeds_cap(claim: Claim, cap: Claim, measure: Measure, cap_measure: Measure,
                settings: Settings) -> Finding | None:
    """``cap`` is the figure with the highest upper bound of ``cap_measure`` dated up to ``claim``'s period."""
    e, c = claim.estimate, cap.estimate
    assert e is not None and c is not None
    if c.high is None or not c.lies_below(e, settings.tolerance):
        return None
    r = finite_ratio(e.mid, float(c.high))
    g = interval_gap(e, c)
    return Finding(Relation.CONTRADICTS, "exceeds-cap", (cap.id, claim.id), severity_of(g, e.mid, float(c.high)),
                   f"{measure.name} cannot exceed everyone {cap_measure.name}, yet {quote(claim)} is above the "
                   f"highest {cap_measure.name} figure to date, {quote(cap)}: {fmt(g)} above it ({fmt_ratio(r)}).",
                   rule=RULE_CAP, strength=Strength.IMPOSSIBLE, gap=g, ratio=r)
