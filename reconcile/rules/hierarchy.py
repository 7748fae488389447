"""A subject's figures against those of the subject it is part of (issue 11): regions of a country, units of
a force, days of a month, declared in a :class:`~reconcile.subjects.SubjectRegistry`.

- A part's figure above its whole's at the same time is impossible (``part-exceeds-whole``); for cumulative
  counts, above a later figure of the whole too (``cumulative-decrease``: the whole would have had to fall).
- A whole declared ``complete`` is its declared parts and nothing else: the parts' figures at one time add up
  to at most the whole's (``parts-exceed-whole``), and when every part has a figure, the whole's is at most their
  sum (``whole-exceeds-parts``).

Parts are never compared with each other: two regions count different people. Shares (percent of different
areas) are never compared along the hierarchy. Every contradiction here is ``impossible``.
"""

from __future__ import annotations

from typing import Sequence

from ..claims import Claim
from ..findings import Finding, Relation, Strength
from ..measures import Measure
from ..settings import Settings
from .common import fmt, quote, ratio

__all__ = ["part_exceeds_whole", "parts_exceed_whole", "whole_exceeds_parts"]

RULE = "hierarchy.part-whole"
RULE_SUM = "hierarchy.sum"


def part_exceeds_whole(part: Claim, whole: Claim, part_measure: Measure, whole_measure: Measure,
                       settings: Settings) -> Finding | None:
    """``part.subject`` is part of ``whole.subject``; ``part_measure`` is ``whole_measure`` or one of its parts;
    ``whole`` is dated with ``part`` (overlapping) or after it."""
    ep, ew = part.estimate, whole.estimate
    assert ep is not None and ew is not None
    if not ew.lies_below(ep, settings.tolerance):
        return None
    r = ratio(max(ep.mid, 1.0), max(ew.mid, 1.0))
    if part.as_of.overlaps(whole.as_of):
        return Finding(Relation.CONTRADICTS, "part-exceeds-whole", (part.id, whole.id), r,
                       f"{part.subject} is part of {whole.subject}, yet {part.subject}'s {quote(part)} is above "
                       f"{whole.subject}'s {quote(whole)} at the same time.", rule=RULE,
                       strength=Strength.IMPOSSIBLE)
    if part_measure.is_cumulative and whole_measure.is_cumulative and not part.as_of.is_window:
        return Finding(Relation.CONTRADICTS, "cumulative-decrease", (part.id, whole.id), r,
                       f"{part.subject} is part of {whole.subject} and {whole_measure.name} is a cumulative count, "
                       f"yet {part.subject}'s {quote(part)} is already above {whole.subject}'s later "
                       f"{quote(whole)}.", rule=RULE, strength=Strength.IMPOSSIBLE)
    return None


def _listed(names: Sequence[str], every: bool) -> str:
    if not every:
        return ", ".join(names) + " and its other declared parts"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _sum(values: Sequence[float]) -> float:
    return float(sum(values))


def parts_exceed_whole(parts: Sequence[Claim], whole: Claim, measure: Measure, settings: Settings, *,
                       every_part: bool = False) -> Finding | None:
    """``parts`` are figures of distinct declared parts of ``whole.subject`` (which is complete) at its time;
    ``every_part`` when they are figures of all of its parts."""
    ew = whole.estimate
    assert ew is not None
    least = _sum([float(p.estimate.floor) for p in parts if p.estimate is not None])
    if ew.high is None or not float(ew.high) * (1 + settings.tolerance) < least:
        return None
    names = ", ".join(f"{p.subject} {p.estimate.describe()}" for p in parts if p.estimate is not None)
    return Finding(Relation.CONTRADICTS, "parts-exceed-whole", (*(p.id for p in parts), whole.id),
                   ratio(max(least, 1.0), max(float(ew.high), 1.0)),
                   f"{whole.subject} is made up of {_listed([p.subject for p in parts], every_part)}, which do not "
                   f"overlap; yet their {measure.name} ({names}) add up to at least "
                   f"{fmt(round(least))}, above {quote(whole)}.", rule=RULE_SUM, strength=Strength.IMPOSSIBLE)


def whole_exceeds_parts(parts: Sequence[Claim], whole: Claim, measure: Measure, settings: Settings) -> Finding | None:
    """``parts`` are figures of every declared part of ``whole.subject`` (complete) at its time."""
    ew = whole.estimate
    assert ew is not None
    highs = [p.estimate.high for p in parts if p.estimate is not None]
    if any(h is None for h in highs) or len(highs) != len(parts):
        return None
    most = _sum([float(h) for h in highs if h is not None])
    if not most * (1 + settings.tolerance) < float(ew.floor):
        return None
    return Finding(Relation.CONTRADICTS, "whole-exceeds-parts", (*(p.id for p in parts), whole.id),
                   ratio(max(float(ew.floor), 1.0), max(most, 1.0)),
                   f"{whole.subject} is made up of {_listed([p.subject for p in parts], True)} and nothing else, yet "
                   f"{quote(whole)} is above the sum of their {measure.name}, at most {fmt(round(most))}.",
                   rule=RULE_SUM, strength=Strength.IMPOSSIBLE)
