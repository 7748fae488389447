"""The figure parser: reads figures the way news writes them into :class:`~reconcile.figures.quantity.Estimate`.

Kept apart from the value type it builds (:mod:`reconcile.figures.quantity`, which re-exports every name here);
the words it knows are in :mod:`reconcile.figures.hedges`, the rounding rule and tolerances in
:class:`~reconcile.figures.quantity.ParseOptions`.

>>> parse_figure("between 1,000 and 1,500").describe()
'1,000–1,500'
>>> parse_hedged_fraction("nearly two-thirds")
(Fraction(2, 3), <Hedge.NEARLY: 'nearly'>)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from ..errors import DimensionalityError, ParseError, QuantityError, UnitError
from .hedges import (
    _CI,
    _CLAIM_REF,
    _EXPECTED,
    _FRACTION,
    _FRACTION_DENOMINATORS,
    _FRACTION_NUMERATORS,
    _OF,
    _PLAIN,
    _PREFIXES,
    _RANGE,
    _SCALES,
    _VAGUE,
    _WORDS,
    Hedge,
)
from .numeric import Number
from .numeric import tidy as _tidy
from .quantity import DEFAULT_OPTIONS, Estimate, ParseOptions, Portion
from .quantity import hedged as _hedged
from .units import canonical_unit

__all__ = ["parse_figure", "parse_value", "parse_fraction", "parse_hedged_fraction"]


def _normalize(text: str) -> str:
    t = text.strip().lower()
    t = t.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-").replace("\u00a0", " ")
    t = re.sub(r"\s+", " ", t)
    return t.rstrip(".").strip()


def _number(match: re.Match[str], group: str, text: str) -> tuple[Number, Fraction]:
    """The number a group matched and the place of its last significant digit (for the rounding rule)."""
    word = match.group(group + "w")
    if word:
        value = _WORDS[word]
        return value, Fraction(1)
    digits = match.group(group).replace(",", "")
    scale = _SCALES[match.group(group + "s")] if match.group(group + "s") else 1
    try:
        exact = Fraction(Decimal(digits)) * scale
    except (InvalidOperation, ValueError) as exc:
        raise ParseError("not a number", text=text, expected=_EXPECTED) from exc
    if "." in digits:
        place = Fraction(1, 10 ** len(digits.split(".")[1])) * scale
    else:
        stripped = digits.rstrip("0") or "0"
        place = Fraction(10 ** (len(digits) - len(stripped))) * scale if stripped != "0" else Fraction(scale)
    return _tidy(exact), place


def _unit_of(match: re.Match[str], text: str, default: str, override_pct: bool = False) -> str:
    raw = match.groupdict().get("unit")
    if override_pct and not raw:
        return "percent"
    if not raw:
        return default
    raw = raw.strip()
    if raw in ("%", "percent") or raw.replace(" ", "") == "percent":
        return "percent"
    try:
        return canonical_unit(raw.replace(" ", "_"))
    except UnitError as exc:
        raise ParseError(f"unknown unit {raw!r}", text=text, expected=_EXPECTED) from exc


def parse_fraction(text: str) -> Fraction | None:
    """``"two-thirds"`` → 2/3, ``"40%"`` → 2/5, ``"one in five"`` → 1/5; ``None`` if ``text`` is no fraction."""
    t = _normalize(text)
    m = _FRACTION.match(t)
    if not m:
        return None
    if m.group("den"):
        num = _FRACTION_NUMERATORS[m.group("num")] if m.group("num") else 1
        den = _FRACTION_DENOMINATORS[m.group("den")]
        if m.group("num") is None and m.group("den") not in ("half",):
            return None  # bare "thirds" is not a fraction
        return Fraction(num, den)
    if m.group("pct"):
        return Fraction(Decimal(m.group("pct"))) / 100
    if m.group("slash"):
        den = int(m.group("slashden"))
        return Fraction(int(m.group("slash")), den) if den else None
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10}
    n1 = words.get(m.group("n1")) or int(m.group("n1"))
    n2 = words.get(m.group("n2")) or int(m.group("n2"))
    return Fraction(n1, n2) if n2 else None


def parse_hedged_fraction(text: str) -> tuple[Fraction, Hedge] | None:
    """A fraction with the hedge before it: ``"nearly two-thirds"`` → (2/3, NEARLY), ``"half"`` → (1/2,
    PLAIN); ``None`` if ``text`` is no fraction."""
    t = _normalize(text)
    lead = _hedge_prefix(t)
    hedge = Hedge.PLAIN
    if lead is not None and t[len(lead[0]):].strip():
        hedge, t = lead[1], t[len(lead[0]):].strip()
    frac = parse_fraction(t)
    return None if frac is None else (frac, hedge)


def _hedge_prefix(t: str) -> tuple[str, Hedge] | None:
    """The hedge words ``t`` (normalized) starts with, as a whole word ("over 300", not "overall"), longest
    first."""
    for prefix, hedge in _PREFIXES:
        if t.startswith(prefix) and (len(t) == len(prefix) or not t[len(prefix)].isalpha() or prefix in "~≈"):
            return prefix, hedge
    return None


def parse_value(text: str, unit: str | None = None, options: ParseOptions = DEFAULT_OPTIONS) -> Estimate | Portion:
    """Like :func:`parse_figure`, but a fraction of something that is not a figure (a claim id) gives a
    :class:`Portion` to resolve later: ``parse_value("two-thirds of zel-casualties")``."""
    t = _normalize(text)
    m = _OF.match(t)
    if m:
        hedged = parse_hedged_fraction(m.group("frac"))
        if hedged is not None:
            frac, hedge = hedged
            rest = m.group("rest").strip()
            if not rest:
                raise ParseError("a fraction of nothing", text=text, expected="'two-thirds of 4,000' or of a claim id")
            try:
                whole = parse_figure(rest, unit=unit, options=options)
            except ParseError:
                if _CLAIM_REF.match(rest):
                    if frac > 1:
                        raise ParseError("a fraction above one", text=text, expected="a fraction of at most 1")
                    return Portion(frac, text.strip().split(" of ", 1)[-1].strip() if " of " in text else rest,
                                   text.strip(), hedge)
                raise
            if frac > 1:
                raise ParseError("a fraction above one", text=text, expected="a fraction of at most 1")
            return whole.portion(frac, hedge, text=text.strip(), options=options)
    return parse_figure(text, unit=unit, options=options)


def parse_figure(text: str, unit: str | None = None, options: ParseOptions = DEFAULT_OPTIONS) -> Estimate:
    """Read a figure as news writes it; raises :class:`~reconcile.errors.ParseError` naming the text.

    ``unit`` is the unit a bare number is in and the unit of the result (a figure written with its own
    unit, ``64%``, is converted into it; an incompatible one raises
    :class:`~reconcile.errors.DimensionalityError`). Without ``unit``, bare numbers are ``count``.
    """
    if not isinstance(text, str):
        raise ParseError("a figure must be text", text=repr(text), expected=_EXPECTED)
    target = canonical_unit(unit) if unit else None
    default = target or "count"
    t = _normalize(text)
    original = text.strip()
    if not t:
        raise ParseError("empty figure", text=text, expected=_EXPECTED)
    if t.startswith("-") or re.match(r"^(minus|negative)\b", t):
        raise ParseError("a figure cannot be negative", text=original, expected="a count or share of zero or more")
    est = _parse(t, original, default, options)
    if target and est.unit != target:
        try:
            est = est.to(target)
        except DimensionalityError as exc:
            raise DimensionalityError(f"a figure in {est.unit} where {target} was expected", text=original,
                                      expected=f"a figure in {target}") from exc
    return est


def _parse(t: str, original: str, default: str, options: ParseOptions) -> Estimate:
    if t in _VAGUE:
        bounds = _VAGUE[t]
        return Estimate(bounds[0], bounds[1], None, default, Hedge.VAGUE, original)

    m = _OF.match(t)
    if m and parse_hedged_fraction(m.group("frac")) is not None:
        value = parse_value(original, unit=default, options=options)
        if isinstance(value, Portion):
            raise ParseError("a fraction of a claim is only allowed where claims are known", text=original,
                             expected=_EXPECTED)
        return value

    frac = parse_fraction(t) if not re.fullmatch(r"\d+(?:\.\d+)?\s*(?:%|percent|per\s*cent)", t) else None
    if frac is not None:
        if frac > 1:
            raise ParseError("a fraction above one", text=original, expected="a fraction of at most 1")
        return Estimate(_tidy(frac), _tidy(frac), _tidy(frac), "dimensionless", Hedge.FRACTION, original)

    m = _CI.match(t)
    if m:
        best, _ = _number(m, "n", original)
        low, _ = _number(m, "a", original)
        high, _ = _number(m, "b", original)
        unit = _unit_of(m, original, default, override_pct=bool(m.group("npct")))
        if low > high:
            raise ParseError("interval upside down", text=original, expected="the lower bound first")
        if not low <= best <= high:
            raise ParseError("best value outside its interval", text=original, expected="low <= best <= high")
        level = m.group("level")
        confidence = float(Decimal(level) / 100) if level else None
        return Estimate(low, high, best, unit, Hedge.CI, original, confidence=confidence)

    lead = _hedge_prefix(t)
    rest = t[len(lead[0]):].strip() if lead is not None else ""
    if lead is not None and rest:
        prefix, hedge = lead
        inner = _PLAIN.match(rest)
        if not inner:
            raise ParseError(f"'{prefix}' must be followed by one number", text=original, expected=_EXPECTED)
        x, place = _number(inner, "n", original)
        unit = _unit_of(inner, original, default)
        return _hedged(x, place, hedge, unit, original, options)

    m = _RANGE.match(t)
    if m and (t.startswith("between") or " and " not in t):
        a, _ = _number(m, "a", original)
        b, _ = _number(m, "b", original)
        # "1.1-1.2 million": a scale word on the second number only applies to both.
        if m.group("bs") and not m.group("as") and a < b / 1000:
            a = _tidy(a * _SCALES[m.group("bs")])
        unit = _unit_of(m, original, default, override_pct=bool(m.group("apct")))
        if a > b:
            raise ParseError("range upside down", text=original, expected="the lower figure first, as in 200-300")
        return Estimate(a, b, None, unit, Hedge.RANGE, original)

    m = _PLAIN.match(t)
    if m:
        x, place = _number(m, "n", original)
        unit = _unit_of(m, original, default)
        return _hedged(x, place, Hedge.PLAIN, unit, original, options)

    raise ParseError("not a figure", text=original, expected=_EXPECTED)


