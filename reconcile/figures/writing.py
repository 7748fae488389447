"""How an :class:`~reconcile.figures.quantity.Estimate` is written: in prose for explanations and reports
(:func:`describe`: ``at least 300``, ``≈2,667 (2,333–3,000)``) and as text the parser reads back
(:func:`to_text`: scenario files). The estimate's methods of the same names call these.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..errors import QuantityError
from .hedges import _VAGUE_BY_RANGE, Hedge
from .numeric import Number, format_number
from .numeric import exact_text as _exact

if TYPE_CHECKING:
    from .quantity import Estimate

__all__ = ["describe", "to_text", "HEDGE_WORDS"]


# The words a hedge is written with before a number or a fraction (Estimate.to_text, scenario files).
HEDGE_WORDS: dict[Hedge, str] = {
    Hedge.PLAIN: "", Hedge.AT_LEAST: "at least ", Hedge.MORE_THAN: "more than ", Hedge.UP_TO: "up to ",
    Hedge.LESS_THAN: "fewer than ", Hedge.ABOUT: "about ", Hedge.NEARLY: "nearly ", Hedge.JUST_OVER: "just over ",
}


def _fmt_bound(x: Number | None, empty: str) -> str:
    return empty if x is None else format_number(x)


# How a unit reads after a figure in prose. Headcounts read as bare numbers: the measure says what is counted.
_UNIT_WORDS = {"percent": "%", "per_mille": "‰", "count": "", "person": "", "dimensionless": "",
               "vehicle": " vehicles", "square_kilometer": " km²", "kilometer": " km", "meter": " m"}


def _unit_suffix(unit: str) -> str:
    return _UNIT_WORDS.get(unit, f" {unit}")


def describe(e: "Estimate") -> str:
    """A short human form quoting the normalized numbers: ``at least 300``, ``≈2,667 (2,333–3,000)``."""
    unit = _unit_suffix(e.unit)
    low, high, best = e.low, e.high, e.best
    if high is None and low is not None:
        word = "more than" if e.low_open else "at least"
        stated = f" (≈{format_number(best)}{unit})" if best is not None and best != low else ""
        return f"{word} {format_number(low)}{unit}{stated}"
    if low is None and high is not None and e.hedge in (Hedge.UP_TO, Hedge.LESS_THAN, Hedge.DERIVED):
        word = "fewer than" if e.high_open else "up to"
        stated = f" (≈{format_number(best)}{unit})" if best is not None and best != high else ""
        return f"{word} {format_number(high)}{unit}{stated}"
    if low is None and high is None:
        assert best is not None  # __attrs_post_init__ rejects an estimate without bounds or best value
        return f"{format_number(best)}{unit}"
    if best is not None and low == high == best:  # a count to the unit: no span to write
        return f"{format_number(best)}{unit}"
    span = f"{_fmt_bound(low, '')}–{_fmt_bound(high, '')}" if low is not None else f"up to {_fmt_bound(high, '')}"
    if best is None:
        return f"{span}{unit}"
    exactish = e.hedge is Hedge.PLAIN
    mark = "" if exactish else "≈"
    return f"{mark}{format_number(best)}{unit} ({span})"


def to_text(e: "Estimate") -> str:
    """Text that :func:`parse_figure` reads back into this estimate (with the default options).

    Figures computed from others (``fraction``, ``derived``) have no such text of their own and give
    the text they were made from. Raises :class:`~reconcile.errors.QuantityError` when there is none.
    """
    unit = "%" if e.unit == "percent" else ("" if e.unit == "count" else f" {e.unit}")
    low, high, best = e.low, e.high, e.best
    hedge = e.hedge
    if hedge in (Hedge.FRACTION, Hedge.DERIVED) or (hedge is Hedge.VAGUE and (low, high) not in _VAGUE_BY_RANGE):
        if e.text:
            return e.text
        raise QuantityError("a computed figure has no text of its own", text=describe(e))
    if hedge is Hedge.VAGUE:
        return _VAGUE_BY_RANGE[(low, high)]
    if hedge is Hedge.RANGE:
        return f"{_exact(low)}-{_exact(high)}{unit}"
    if hedge is Hedge.CI:
        level = "" if e.confidence is None else f"{_exact(Fraction(str(e.confidence)) * 100)}% CI "
        return f"{_exact(best)}{unit} ({level}{_exact(low)}-{_exact(high)})"
    return f"{HEDGE_WORDS[hedge]}{_exact(best)}{unit}"
