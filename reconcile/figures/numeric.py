"""Plain numbers as reconcile keeps, prints and serializes them.

Figures are ints, Fractions (exact shares such as two-thirds of 4,000) or floats; these helpers keep them
small and exact, write them for people (``2,667``) and for JSON (ints stay ints, the rest 6 decimals).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Union

from ..errors import QuantityError

__all__ = ["Number", "tidy", "to_json_number", "format_number", "exact_text", "counted"]

Number = Union[int, float, Fraction]


def tidy(x: Number) -> Number:
    """Keep exact values exact and small: Fractions with denominator 1 become ints."""
    if isinstance(x, Fraction) and x.denominator == 1:
        return int(x)
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def to_json_number(x: Number | None) -> int | float | None:
    """A number as JSON writes it: ints stay ints, the rest become floats rounded to 6 decimals."""
    if type(x) is int or x is None:  # the common case, answered before tidying (which would return it as is)
        return x
    if type(x) is Fraction:  # exact shares, the next most common: tidy and float(x) (n / d) without their calls
        n, d = x.numerator, x.denominator
        return n if d == 1 else round(n / d, 6)
    x = tidy(x)
    if isinstance(x, int):
        return x
    return round(float(x), 6)


_EXACT_FLOATS = 2 ** 53  # every integer below this in size is a float exactly


def format_number(x: Number) -> str:
    """Readable form: thousands separators, whole numbers for figures of 100 or more.

    >>> format_number(Fraction(8000, 3)), format_number(64), format_number(0.125)
    ('2,667', '64', '0.12')
    """
    if type(x) is int and -_EXACT_FLOATS < x < _EXACT_FLOATS:  # most figures: what the float's round trip gives
        return f"{x:,}"
    value = float(x)
    if value.is_integer():
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{round(value):,}"
    if abs(value) >= 10:
        return f"{value:,.1f}"
    return f"{value:.2f}"


def exact_text(x: Number | None) -> str:
    """A number written in full so that parsing it gives it back: ``2,975``, ``57.6``, ``0.125``."""
    if x is None:
        raise QuantityError("an open bound has no text")
    x = tidy(x)
    if isinstance(x, int):
        return f"{x:,}"
    frac = Fraction(x)
    text = format(Decimal(frac.numerator) / Decimal(frac.denominator), "f")
    if Fraction(Decimal(text)) != frac:
        raise QuantityError("a number with no finite decimal form", text=str(x))
    whole, _, decimals = text.partition(".")
    return f"{int(whole):,}" + (f".{decimals.rstrip('0')}" if decimals.rstrip("0") else "")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it takes.

    >>> counted(1, "discrepancy", "discrepancies"), counted(3, "claim"), counted(0, "source")
    ('1 discrepancy', '3 claims', '0 sources')
    """
    return f"{format_number(n)} {noun if n == 1 else (plural or noun + 's')}"
