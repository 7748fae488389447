"""Measures that must not be set against each other: excess deaths (all deaths above a baseline, from any
cause, estimated statistically) are not killed (direct deaths, counted). A pair of such figures about the
same subject gets a ``not-comparable`` finding — never ``supports`` or ``contradicts`` — saying why."""

from __future__ import annotations

from ..claims import Claim
from ..findings import Finding, Relation
from ..measures import Measure
from .common import quote

__all__ = ["not_comparable"]

RULE = "comparability"


def not_comparable(a: Claim, b: Claim, ma: Measure, mb: Measure) -> Finding:
    """``a`` (of ``ma``) and ``b`` (of ``mb``), ``a`` first in claim order."""
    why_a = f" ({ma.description})" if ma.description else ""
    why_b = f" ({mb.description})" if mb.description else ""
    return Finding(Relation.NOT_COMPARABLE, "different-measures", (a.id, b.id), 0.0,
                   f"{quote(a)} and {quote(b)} count different things: {ma.name}{why_a} is not "
                   f"{mb.name}{why_b}; neither supports nor contradicts the other.", rule=RULE)
