"""Small helpers the rule families share: how a claim is quoted in an explanation, and ratios."""

from __future__ import annotations

from ..claims import Claim
from ..figures.quantity import Number, format_number

__all__ = ["quote", "ratio", "fmt_ratio", "when"]


def when(claim: Claim) -> str:
    return claim.as_of.describe()


def quote(claim: Claim, *, with_measure: bool = True) -> str:
    """``killed at least 300 [NIS, 2025-01-13]`` — the normalized figure, then who and when in brackets
    (with how it was derived, for derived figures: ``[Zelensky, 2025-02-14; 2/3 of zel-casualties]``)."""
    assert claim.estimate is not None
    what = f"{claim.measure} {claim.estimate.describe()}" if with_measure else claim.estimate.describe()
    if claim.rule == "fraction" and claim.fraction is not None:
        derived = f"; {claim.fraction_text} of {', '.join(claim.derived_from)}"
    elif claim.derived_from:
        joiner = {"remainder": " minus ", "sum": " + "}.get(claim.rule or "", ", ")
        derived = f"; {claim.rule}: {joiner.join(claim.derived_from)}"
    else:
        derived = ""
    return f"{what} [{claim.source.label}, {when(claim)}{derived}]"


def ratio(a: Number, b: Number) -> float:
    """How many times the larger is of the smaller (>= 1); infinite when only one is zero."""
    hi, lo = (a, b) if a >= b else (b, a)
    if lo == 0:
        return 1.0 if hi == 0 else float("inf")
    return float(hi / lo)


def fmt_ratio(r: float) -> str:
    return "∞" if r == float("inf") else f"{r:.1f}x"


def fmt(x: Number) -> str:
    return format_number(x)
