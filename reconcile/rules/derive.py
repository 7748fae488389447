"""Claims implied by other claims. Each derived claim is a claim of its own, with ``derived_from`` and
``rule`` set and a stable id built from the ids it comes from and the rule:

``<part-id>/remainder``
    A figure given as a fraction of a whole ("4,000 casualties, two-thirds of whom killed") implies the
    rest of the whole: casualties minus killed is the non-fatal remainder, (1 - 2/3) x 4,000 ≈ 1,333,
    carrying the whole's interval. Also derived when one statement gives a whole and one of its two parts
    outright (interval subtraction).
``<id>+<id>[+...]/sum``
    Figures of several disjoint parts said together (same source, date, subject) add up to a figure of
    their whole: at least their sum, or exactly it when the parts cover the whole ("at least 300 killed
    and 2,700 wounded" → casualties of at least 2,950, ≈3,000).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Iterable, Mapping, Sequence

from ..claims import Claim
from ..figures.quantity import Estimate, Hedge, fraction_bounds
from ..measures import MeasureRegistry

__all__ = ["remainder_of_fraction", "remainder_of_statement", "sums", "statement_key"]

REMAINDER = "remainder"
SUM = "sum"


def statement_key(claim: Claim) -> tuple[str, str, tuple[int, int], tuple[int, int]]:
    """Claims with the same key were said together: same source, subject, date said and date meant."""
    return (claim.source.id, claim.subject, claim.said_on.sort_key, claim.as_of.sort_key)


def _derived(base: Claim, id: str, measure: str, estimate: Estimate, derived_from: Sequence[str], rule: str,
             members: Iterable[Claim]) -> Claim:
    statuses = {c.status for c in members}
    status = statuses.pop() if len(statuses) == 1 else "unverified"
    return Claim(id, base.source, base.subject, base.said_on, base.as_of, measure=measure, estimate=estimate,
                 via=base.via, status=status, derived_from=tuple(derived_from), rule=rule, origin=base.origin)


def remainder_of_fraction(part: Claim, whole: Claim, measures: MeasureRegistry) -> Claim | None:
    """``part`` is ``part.fraction`` of ``whole``: the complement measure gets the rest of the whole."""
    if part.fraction is None or whole.estimate is None or part.measure is None or whole.measure is None:
        return None
    other = measures.complement(part.measure, whole.measure)
    if other is None:
        return None
    rest = 1 - Fraction(part.fraction)
    if part.fraction_hedge is Hedge.PLAIN:
        estimate = whole.estimate.scaled(rest, hedge=Hedge.DERIVED, text=f"{rest} of {whole.id}")
    else:
        # "nearly half of whom were killed": the rest is just over half, as wide as the part's fraction is.
        low, high, low_open, high_open = fraction_bounds(part.fraction, part.fraction_hedge)
        estimate = whole.estimate.scaled_between(1 - high, 1 - low, rest, low_open=high_open, high_open=low_open,
                                                 hedge=Hedge.DERIVED, text=f"{rest} of {whole.id}")
    return _derived(part, f"{part.id}/{REMAINDER}", other, estimate.to(measures.resolve(other).unit),
                    (whole.id, part.id), REMAINDER, (part, whole))


def remainder_of_statement(statement: Sequence[Claim], measures: MeasureRegistry) -> list[Claim]:
    """A whole and one of its two parts given outright in one statement imply the other part."""
    by_measure: dict[str, list[Claim]] = {}
    for c in statement:
        if c.measure is not None and c.fraction is None and not c.derived_from:
            by_measure.setdefault(c.measure, []).append(c)
    out: list[Claim] = []
    for whole_name, wholes in sorted(by_measure.items()):
        parts = measures.resolve(whole_name).parts
        if len(parts) != 2 or len(wholes) != 1:
            continue
        given = [p for p in parts if len(by_measure.get(p, ())) == 1]
        if len(given) != 1 or measures.complement(given[0], whole_name) in by_measure:
            continue
        whole, part = wholes[0], by_measure[given[0]][0]
        ew, part_estimate = whole.estimate, part.estimate
        assert ew is not None and part_estimate is not None  # claims with a measure are figures
        ep = part_estimate.to(ew.unit)
        low = max(ew.floor - ep.high, 0) if ep.high is not None else 0
        high = None if ew.high is None else max(ew.high - ep.floor, 0)
        best = None if ew.best is None or ep.best is None or ew.best < ep.best else ew.best - ep.best
        if high is not None and low > high:
            continue  # the part exceeds the whole: the composition rule reports that
        if best is not None and ((high is not None and best > high) or best < low):
            best = None
        estimate = Estimate(low, high, best, ew.unit, Hedge.DERIVED, f"{whole.id} minus {part.id}")
        other = measures.complement(given[0], whole_name)
        assert other is not None
        out.append(_derived(part, f"{part.id}/{REMAINDER}", other, estimate, (whole.id, part.id), REMAINDER,
                            (part, whole)))
    return out


def _covers(whole: str, present: set[str], measures: MeasureRegistry) -> bool:
    if whole in present:
        return True
    parts = measures.resolve(whole).parts
    return bool(parts) and all(_covers(p, present, measures) for p in parts)


def sums(statement: Sequence[Claim], measures: MeasureRegistry) -> list[Claim]:
    """Disjoint parts said together add up to their whole, unless the statement gives the whole itself."""
    given: dict[str, Claim] = {}
    for c in sorted(statement, key=lambda c: c.id):
        if c.measure is not None and not c.derived_from:
            given.setdefault(c.measure, c)  # two figures of one measure in one statement: sum the first only
    if len(given) < 2:
        return []
    out: list[Claim] = []
    candidates = sorted({w for m in given for w in measures.ancestors(m)})
    for whole in candidates:
        if whole in given:
            continue
        members = [m for m in given if measures.is_part(m, whole)]
        # Keep only the topmost given measures: a part of a part is already inside it.
        top = sorted(m for m in members if not any(measures.is_part(m, other) for other in members if other != m))
        if len(top) < 2:
            continue
        # Only the smallest whole the parts make up: casualties from killed + wounded, not a grander total.
        if any(w != whole and w in candidates and measures.is_part(w, whole) and
               len([m for m in top if measures.is_part(m, w)]) == len(top) for w in candidates):
            continue
        claims = [given[m] for m in top]
        unit = measures.resolve(whole).unit
        first = claims[0].estimate
        assert first is not None  # claims with a measure are figures
        total = first.to(unit)
        for c in claims[1:]:
            assert c.estimate is not None
            total = total.plus(c.estimate)
        complete = _covers(whole, set(top), measures)
        if not complete:
            total = Estimate(total.floor, None, total.best, unit, Hedge.AT_LEAST, "")
        ids = [c.id for c in claims]
        text = " + ".join(ids)
        total = Estimate(total.low, total.high, total.best, unit, total.hedge if not complete else Hedge.DERIVED,
                         text)
        out.append(_derived(claims[0], "+".join(ids) + f"/{SUM}", whole, total, ids, SUM, claims))
    return out


def by_id(claims: Iterable[Claim]) -> Mapping[str, Claim]:
    return {c.id: c for c in claims}
