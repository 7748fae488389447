"""Low / best / high summaries per subject, measure and date, with the claims behind each bound.

As conflict-data projects do, *low* is the most conservative reading — the lowest lower bound any claim
states — and *high* the highest upper bound; *best* is the median of the claims' stated values. A claim
that is open above ("at least 300") leaves *high* open, unless a capping measure closes it: casualties
cannot exceed the troops deployed up to that date ("up to 12,000 deployed"), and that claim is then listed
behind *high*. Figures dated alike (the same period) are summarised together.

>>> from reconcile import Claim, reconcile
>>> r = reconcile([Claim.figure("a", "un", "killed", "at least 300", subject="x", said_on="2025-01-13")])
>>> [(s.low, s.best, s.high) for s in summarize(r)]
[(300, 300, None)]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import attrs

from ..claims import Claim, claim_sort_key
from ..figures.dates import Period
from ..figures.quantity import Estimate, Number, to_json_number
from .reconciliation import Reconciliation
from .runner import highest_cap

__all__ = ["Summary", "summarize"]


@attrs.frozen
class Summary:
    """The range the evidence supports for one subject and measure at one date."""

    subject: str
    measure: str
    as_of: Period
    unit: str
    low: Number | None
    best: Number | None
    high: Number | None
    low_claims: tuple[str, ...]
    best_claims: tuple[str, ...]
    high_claims: tuple[str, ...]

    @property
    def claims(self) -> tuple[str, ...]:
        """Every claim behind a bound, each once, in the order low, best, high."""
        return tuple(dict.fromkeys((*self.low_claims, *self.best_claims, *self.high_claims)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject, "measure": self.measure, "as_of": str(self.as_of), "unit": self.unit,
            "low": to_json_number(self.low), "best": to_json_number(self.best), "high": to_json_number(self.high),
            "claims": list(self.claims), "low_claims": list(self.low_claims),
            "best_claims": list(self.best_claims), "high_claims": list(self.high_claims),
        }


def summarize(result: Reconciliation) -> list[Summary]:
    """One :class:`Summary` per (subject, measure, as_of), sorted by subject, measure and date."""
    groups: dict[tuple[str, str, Period], list[tuple[Claim, Estimate]]] = defaultdict(list)
    by_measure: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in result.claims:
        if c.estimate is not None and c.measure is not None:
            groups[(c.subject, c.measure, c.as_of)].append((c, c.estimate))
            by_measure[(c.subject, c.measure)].append(c)
    out = []
    for (subject, measure, period), group in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1],
                                                                                    kv[0][2].sort_key)):
        figures = sorted(group, key=lambda ce: claim_sort_key(ce[0]))
        lows = [(e.low, c.id) for c, e in figures if e.low is not None]
        low = min(v for v, _ in lows) if lows else None
        low_claims = tuple(i for v, i in lows if v == low)
        centrals = sorted((e.central, c.id) for c, e in figures)
        mid = len(centrals) // 2
        best_claims: tuple[str, ...]
        if len(centrals) % 2:
            best, best_claims = centrals[mid][0], (centrals[mid][1],)
        else:
            best = (centrals[mid - 1][0] + centrals[mid][0]) / 2
            best_claims = tuple(sorted({centrals[mid - 1][1], centrals[mid][1]}))
        highs = [(e.high, c.id) for c, e in figures if e.high is not None]
        high: Number | None
        high_claims: tuple[str, ...]
        if len(highs) < len(figures):  # a claim open above
            high, high_claims = None, ()
            cap_name = result.measures.capped(measure)
            caps = by_measure.get((subject, cap_name)) if cap_name and result.settings.apply_caps else None
            cap = highest_cap(caps, figures[0][0]) if caps else None
            if cap is not None:
                assert cap.estimate is not None  # caps are figures
                high, high_claims = cap.estimate.high, (cap.id,)
        else:
            high = max(v for v, _ in highs)
            high_claims = tuple(i for v, i in highs if v == high)
        out.append(Summary(subject, measure, period, figures[0][1].unit, low, best, high,
                           low_claims, best_claims, high_claims))
    return out
