"""Qualitative claims: the same proposition about the same subject with opposite polarity contradicts,
an explicit denial contradicts whatever it denies (both *impossible*: they cannot both be true; severity 0, as there is no gap to measure, so they rank
by strength alone, after every numeric impossibility),
and the same polarity from different origins supports — relays of one origin corroborate nothing."""

from __future__ import annotations

from ..claims import Claim, Status
from ..findings import Finding, Relation, Strength

__all__ = ["compare_statements", "denial"]

RULE = "statements"


def _say(c: Claim) -> str:
    what = c.proposition if c.polarity else f"not {c.proposition}"
    disputed = ", disputed" if c.status is Status.DISPUTED else ""
    return f"{c.attribution()} ({c.said_on.describe()}{disputed}): {what}"


def compare_statements(a: Claim, b: Claim) -> Finding | None:
    """``a`` and ``b``: same subject and proposition, ``a`` first in claim order."""
    if a.polarity != b.polarity:
        if b.id in a.denies or a.id in b.denies:
            return None  # the explicit denial rule reports it, with the stronger kind
        return Finding(Relation.CONTRADICTS, "opposite", (a.id, b.id), 0.0,
                       f"{_say(a)}; but {_say(b)}.", rule=RULE, strength=Strength.IMPOSSIBLE)
    if a.origin_id != b.origin_id:
        return Finding(Relation.SUPPORTS, "corroboration", (a.id, b.id), 0.0,
                       f"{_say(a)}; {_say(b)} as well.", rule=RULE)
    return None


def denial(denier: Claim, denied: Claim) -> Finding:
    """``denier`` names ``denied`` in its ``denies``."""
    target = denied.describe() if denied.is_figure else _say(denied)
    return Finding(Relation.CONTRADICTS, "denial", (denier.id, denied.id), 0.0,
                   f"{denier.attribution()} ({denier.said_on.describe()}) denies {target}.", rule=RULE,
                   strength=Strength.IMPOSSIBLE)
