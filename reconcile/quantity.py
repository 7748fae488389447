"""Hedged figures: :class:`Estimate` (an interval with a best value, a unit and the hedge it came from)
and :func:`parse_figure`, which reads figures the way news writes them.

Endpoints are plain numbers (``int``, ``Fraction`` or ``float``), never pint quantities: comparisons run
millions of times and plain arithmetic is ~50x faster; units are checked once, at the edges, through
:mod:`reconcile.units`. An open bound is ``None`` (every figure reconcile handles is non-negative, so an
open lower bound behaves as 0 in arithmetic).

>>> parse_figure("at least 300").describe()
'at least 300'
>>> e = parse_figure("4,000")            # a round figure carries its implied precision
>>> (e.low, e.best, e.high)
(3500, 4000, 4500)
>>> parse_figure("two-thirds of 4,000").describe()
'≈2,667 (2,333–3,000)'
>>> parse_figure("2,975 (95% CI 2,658-3,290)").confidence
0.95

The rounding rule (:class:`ParseOptions`): a whole number whose last significant digit stands at a place
of ``min_round_place`` or more (default 100) is taken as rounded to that place, ± ``round_factor`` (default
0.5) of it — ``4,000`` is 3,500–4,500, ``2,700`` is 2,650–2,750, ``2,975`` and ``120`` are exact. "about"
widens to at least ± ``about`` (default 10%); "nearly" and "just over" reach ``nearly`` (10%) below or above.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, TypeGuard

import attrs

from .errors import DimensionalityError, ParseError, QuantityError, UnitError
from .numeric import Number, exact_text as _exact, format_number, tidy as _tidy, to_json_number
from .hedges import (  # noqa: F401 - the parser's vocabulary, re-exported for older imports
    _CI, _CLAIM_REF, _EXPECTED, _FRACTION, _FRACTION_DENOMINATORS, _FRACTION_NUMERATORS, _OF, _PLAIN, _PREFIXES,
    _RANGE, _SCALES, _VAGUE, _VAGUE_BY_RANGE, _WORDS, Hedge,
)
from .units import canonical_unit, conversion_factor

if TYPE_CHECKING:
    import pint

__all__ = [
    "Number",
    "Hedge",
    "Estimate",
    "Portion",
    "ParseOptions",
    "parse_figure",
    "parse_value",
    "parse_fraction",
    "format_number",
]



def _fmt_bound(x: Number | None, empty: str) -> str:
    return empty if x is None else format_number(x)


# How a unit reads after a figure in prose. Headcounts read as bare numbers: the measure says what is counted.
_UNIT_WORDS = {"percent": "%", "per_mille": "‰", "count": "", "person": "", "dimensionless": "",
               "vehicle": " vehicles", "square_kilometer": " km²", "kilometer": " km", "meter": " m"}


def _unit_suffix(unit: str) -> str:
    return _UNIT_WORDS.get(unit, f" {unit}")


@attrs.frozen
class ParseOptions:
    """Tolerances the parser applies; every default is documented in the module docstring."""

    round_factor: float = attrs.field(default=0.5, validator=attrs.validators.and_(
        attrs.validators.ge(0), attrs.validators.le(1)))
    min_round_place: float = attrs.field(default=100, validator=attrs.validators.gt(0))
    about: float = attrs.field(default=0.1, validator=attrs.validators.and_(
        attrs.validators.ge(0), attrs.validators.lt(1)))
    nearly: float = attrs.field(default=0.1, validator=attrs.validators.and_(
        attrs.validators.gt(0), attrs.validators.lt(1)))


DEFAULT_OPTIONS = ParseOptions()


def _is_number(value: object) -> TypeGuard[Number]:
    return isinstance(value, (int, float, Fraction)) and not isinstance(value, bool)


def _check_number(instance: "Estimate", attribute: attrs.Attribute, value: object) -> None:
    if value is None:
        return
    if not _is_number(value):
        raise QuantityError(f"{attribute.name} must be a number", text=repr(value), field=attribute.name,
                            expected="an int, float or Fraction")
    if value != value or value in (float("inf"), float("-inf")):
        raise QuantityError(f"{attribute.name} must be finite", text=repr(value), field=attribute.name,
                            expected="a finite number")
    if value < 0:
        raise QuantityError(f"{attribute.name} is negative", text=repr(value), field=attribute.name,
                            expected="a count or share of zero or more")


def _unit(value: str) -> str:
    return canonical_unit(value)


@attrs.frozen
class Estimate:
    """A hedged figure: the interval ``[low, high]`` a source's words allow, and the figure it stated.

    ``low``/``high`` may be ``None`` (open); ``low_open``/``high_open`` mark an exclusive bound ("more than").
    ``best`` is the figure as stated (it sits on the bound for one-sided hedges) and may be ``None``
    ("dozens", "between 1,000 and 1,500"); :attr:`central` always gives a number to compare by.
    ``unit`` is a canonical name in :data:`reconcile.units.ureg`. ``text`` is what it was parsed from
    and does not take part in equality.

    >>> Estimate.exact(300).describe()
    '300'
    >>> Estimate.between(1000, 1500).contains(Estimate.exact(1200))
    True
    """

    low: Number | None = attrs.field(validator=_check_number)
    high: Number | None = attrs.field(validator=_check_number)
    best: Number | None = attrs.field(default=None, validator=_check_number)
    unit: str = attrs.field(default="count", converter=_unit)
    hedge: Hedge = attrs.field(default=Hedge.PLAIN, converter=Hedge)
    text: str = attrs.field(default="", eq=False)
    low_open: bool = False
    high_open: bool = False
    confidence: float | None = None
    # Float views of the numbers, computed once. The rules compare millions of pairs and Fraction arithmetic
    # costs ~20x a float's; the exact values stay in low/best/high for display and serialization.
    _lo: float = attrs.field(init=False, eq=False, repr=False)   # 0.0 when open (figures are never negative)
    _hi: float = attrs.field(init=False, eq=False, repr=False)   # inf when open
    _mid: float = attrs.field(init=False, eq=False, repr=False)  # float(central)

    def __attrs_post_init__(self) -> None:
        low, high, best = self.low, self.high, self.best
        if low is None and high is None and best is None:
            raise QuantityError("an estimate needs a bound or a best value", text=self.text or None)
        if low is not None and high is not None and low > high:
            raise QuantityError("low bound above high bound", text=self.text or f"{low}-{high}",
                                expected="low <= high")
        if best is not None and ((low is not None and best < low) or (high is not None and best > high)):
            raise QuantityError("best value outside its interval", text=self.text or repr(best),
                                expected="low <= best <= high")
        object.__setattr__(self, "_lo", 0.0 if low is None else float(low))
        object.__setattr__(self, "_hi", float("inf") if high is None else float(high))
        object.__setattr__(self, "_mid", float(self.central))

    # -- named constructors -------------------------------------------------------------------------
    @classmethod
    def exact(cls, value: Number, unit: str = "count", text: str = "") -> "Estimate":
        return cls(value, value, value, unit, Hedge.PLAIN, text)

    @classmethod
    def between(cls, low: Number, high: Number, unit: str = "count", best: Number | None = None,
                text: str = "") -> "Estimate":
        return cls(low, high, best, unit, Hedge.RANGE, text)

    @classmethod
    def at_least(cls, value: Number, unit: str = "count", text: str = "") -> "Estimate":
        return cls(value, None, value, unit, Hedge.AT_LEAST, text)

    @classmethod
    def up_to(cls, value: Number, unit: str = "count", text: str = "") -> "Estimate":
        return cls(None, value, value, unit, Hedge.UP_TO, text)

    @classmethod
    def around(cls, value: Number, tolerance: float = DEFAULT_OPTIONS.about, unit: str = "count",
               text: str = "") -> "Estimate":
        half = value * Fraction(tolerance).limit_denominator(10**6)
        return cls(value - half, value + half, value, unit, Hedge.ABOUT, text)

    @classmethod
    def parse(cls, text: str, unit: str | None = None, options: ParseOptions = DEFAULT_OPTIONS) -> "Estimate":
        """Same as :func:`parse_figure`."""
        return parse_figure(text, unit=unit, options=options)

    # -- reading --------------------------------------------------------------------------------------
    @property
    def central(self) -> Number:
        """The number to compare by: ``best``, else the middle of a closed interval, else the one bound."""
        if self.best is not None:
            return self.best
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        if self.low is not None:
            return self.low
        assert self.high is not None  # __attrs_post_init__ rejects an estimate without bounds or best value
        return self.high

    @property
    def mid(self) -> float:
        """:attr:`central` as a float, precomputed: what the rules compute ratios and growth with."""
        return self._mid

    @property
    def units(self) -> pint.Unit:
        """The unit as a pint ``Unit`` of reconcile's registry (pint at the edges only)."""
        from .units import ureg

        return ureg.Unit(self.unit)

    def quantity(self, which: str = "central") -> pint.Quantity:
        """One number of this estimate (``"low"``, ``"best"``, ``"high"`` or ``"central"``) as a pint quantity.

        >>> parse_figure("at least 300", unit="troops").quantity("low")
        <Quantity(300, 'person')>
        """
        from .units import ureg

        value = self.central if which == "central" else getattr(self, which)
        if value is None:
            raise QuantityError(f"the {which} value is open", text=self.text or self.describe())
        return ureg.Quantity(value, self.unit)

    @property
    def floor(self) -> Number:
        """The lower bound, with an open one read as 0 (figures are never negative)."""
        return self.low if self.low is not None else 0

    @property
    def is_bounded(self) -> bool:
        return self.low is not None and self.high is not None

    def overlaps(self, other: "Estimate") -> bool:
        """True when some value satisfies both (exclusive bounds respected)."""
        return not (self.lies_below(other) or other.lies_below(self))

    def lies_below(self, other: "Estimate", tolerance: float = 0.0) -> bool:
        """True when every value this estimate allows is below every value ``other`` allows — even after
        raising this estimate's upper bound by ``tolerance`` (a share: 0.02 is 2%)."""
        high = self._hi
        if tolerance:
            high *= 1 + tolerance
        other_low = other._lo
        if high < other_low:
            return True
        return high == other_low and (self.high_open or other.low_open)

    def contains(self, other: "Estimate") -> bool:
        """True when ``other``'s interval lies within this one."""
        if self.low is not None and other.floor < self.low:
            return False
        if self.high is not None and (other.high is None or other.high > self.high):
            return False
        return True

    @property
    def width(self) -> float:
        """``high - low``, infinite when a bound is open."""
        return self._hi - self._lo

    # -- arithmetic (plain numbers; returns new estimates) ----------------------------------------------
    def scaled(self, factor: Number, *, hedge: Hedge | str | None = None, text: str = "") -> "Estimate":
        """Every number multiplied by ``factor`` (>= 0): "two-thirds of" this estimate."""
        if not _is_number(factor) or factor < 0:
            raise QuantityError("scale factor must be a non-negative number", text=repr(factor))

        def mul(x: Number | None) -> Number | None:
            return None if x is None else _tidy(x * factor)

        return attrs.evolve(self, low=mul(self.low), high=mul(self.high), best=mul(self.best),
                            hedge=Hedge(hedge) if hedge is not None else self.hedge, text=text)

    def to(self, unit: str) -> "Estimate":
        """This estimate in ``unit``; raises :class:`~reconcile.errors.DimensionalityError` if incompatible."""
        target = canonical_unit(unit)
        if target == self.unit:
            return self
        factor = conversion_factor(self.unit, target)
        exact = Fraction(factor).limit_denominator(10**9)
        converted = self.scaled(exact, text=self.text)
        return attrs.evolve(converted, unit=target)

    def plus(self, other: "Estimate", *, text: str = "") -> "Estimate":
        """The interval sum, in this estimate's unit: bounds add; an open upper bound stays open."""
        other = other.to(self.unit)
        high = None if self.high is None or other.high is None else _tidy(self.high + other.high)
        best = None if self.best is None or other.best is None else _tidy(self.best + other.best)
        low = _tidy(self.floor + other.floor)
        return Estimate(low, high, best, self.unit, Hedge.DERIVED, text,
                        low_open=self.low_open or other.low_open, high_open=self.high_open or other.high_open)

    # -- writing ----------------------------------------------------------------------------------------
    def describe(self) -> str:
        """A short human form quoting the normalized numbers: ``at least 300``, ``≈2,667 (2,333–3,000)``."""
        unit = _unit_suffix(self.unit)
        low, high, best = self.low, self.high, self.best
        if high is None and low is not None:
            word = "more than" if self.low_open else "at least"
            stated = f" (≈{format_number(best)}{unit})" if best is not None and best != low else ""
            return f"{word} {format_number(low)}{unit}{stated}"
        if low is None and high is not None and self.hedge in (Hedge.UP_TO, Hedge.LESS_THAN, Hedge.DERIVED):
            word = "fewer than" if self.high_open else "up to"
            stated = f" (≈{format_number(best)}{unit})" if best is not None and best != high else ""
            return f"{word} {format_number(high)}{unit}{stated}"
        if low is None and high is None:
            assert best is not None  # __attrs_post_init__ rejects an estimate without bounds or best value
            return f"{format_number(best)}{unit}"
        span = f"{_fmt_bound(low, '')}–{_fmt_bound(high, '')}" if low is not None else f"up to {_fmt_bound(high, '')}"
        if best is None:
            return f"{span}{unit}"
        if low == high == best:
            return f"{format_number(best)}{unit}"
        exactish = self.hedge is Hedge.PLAIN
        mark = "" if exactish else "≈"
        return f"{mark}{format_number(best)}{unit} ({span})"

    def to_text(self) -> str:
        """Text that :func:`parse_figure` reads back into this estimate (with the default options).

        Figures computed from others (``fraction``, ``derived``) have no such text of their own and give
        the text they were made from. Raises :class:`~reconcile.errors.QuantityError` when there is none.

        >>> parse_figure(parse_figure("2,975 (95% CI 2,658-3,290)").to_text()) == parse_figure("2,975 (95% CI 2,658-3,290)")
        True
        """
        unit = "%" if self.unit == "percent" else ("" if self.unit == "count" else f" {self.unit}")
        low, high, best = self.low, self.high, self.best
        hedge = self.hedge
        if hedge in (Hedge.FRACTION, Hedge.DERIVED) or (hedge is Hedge.VAGUE and (low, high) not in _VAGUE_BY_RANGE):
            if self.text:
                return self.text
            raise QuantityError("a computed figure has no text of its own", text=self.describe())
        if hedge is Hedge.VAGUE:
            return _VAGUE_BY_RANGE[(low, high)]
        if hedge is Hedge.RANGE:
            return f"{_exact(low)}-{_exact(high)}{unit}"
        if hedge is Hedge.CI:
            level = "" if self.confidence is None else f"{_exact(Fraction(str(self.confidence)) * 100)}% CI "
            return f"{_exact(best)}{unit} ({level}{_exact(low)}-{_exact(high)})"
        words = {Hedge.PLAIN: "", Hedge.AT_LEAST: "at least ", Hedge.MORE_THAN: "more than ", Hedge.UP_TO: "up to ",
                 Hedge.LESS_THAN: "fewer than ", Hedge.ABOUT: "about ", Hedge.NEARLY: "nearly ",
                 Hedge.JUST_OVER: "just over "}
        return f"{words[hedge]}{_exact(best)}{unit}"

    def __str__(self) -> str:
        return self.text or self.describe()

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form: numbers as int or float, open bounds as ``None``."""
        return {
            "low": to_json_number(self.low),
            "best": to_json_number(self.best),
            "high": to_json_number(self.high),
            "unit": self.unit,
            "hedge": self.hedge.value,
        }


@attrs.frozen
class Portion:
    """A fraction of another claim's figure, to be resolved once that claim is known:
    ``two-thirds of zel-casualties`` → ``Portion(Fraction(2, 3), "zel-casualties")``."""

    fraction: Fraction
    of: str
    text: str = attrs.field(default="", eq=False)

    def resolve(self, whole: Estimate) -> Estimate:
        return whole.scaled(self.fraction, hedge=Hedge.FRACTION, text=self.text)


# -- the parser ---------------------------------------------------------------------------------------------

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


def parse_value(text: str, unit: str | None = None, options: ParseOptions = DEFAULT_OPTIONS) -> Estimate | Portion:
    """Like :func:`parse_figure`, but a fraction of something that is not a figure (a claim id) gives a
    :class:`Portion` to resolve later: ``parse_value("two-thirds of zel-casualties")``."""
    t = _normalize(text)
    m = _OF.match(t)
    if m:
        frac = parse_fraction(m.group("frac"))
        if frac is not None:
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
                                   text.strip())
                raise
            if frac > 1:
                raise ParseError("a fraction above one", text=text, expected="a fraction of at most 1")
            return whole.scaled(frac, hedge=Hedge.FRACTION, text=text.strip())
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
    if m and parse_fraction(m.group("frac")) is not None:
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

    for prefix, hedge in _PREFIXES:
        if t.startswith(prefix) and (len(t) == len(prefix) or not t[len(prefix)].isalpha() or prefix in "~≈"):
            rest = t[len(prefix):].strip()
            if not rest:
                break
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


def _hedged(x: Number, place: Fraction, hedge: Hedge, unit: str, text: str, options: ParseOptions) -> Estimate:
    rounded = place >= Fraction(options.min_round_place).limit_denominator(10**6) and x != 0
    implied = place * Fraction(options.round_factor).limit_denominator(10**6) if rounded else 0
    if hedge is Hedge.PLAIN:
        return Estimate(_tidy(x - implied), _tidy(x + implied), x, unit, hedge, text)
    if hedge is Hedge.AT_LEAST:
        return Estimate(x, None, x, unit, hedge, text)
    if hedge is Hedge.MORE_THAN:
        return Estimate(x, None, x, unit, hedge, text, low_open=True)
    if hedge is Hedge.UP_TO:
        return Estimate(None, x, x, unit, hedge, text)
    if hedge is Hedge.LESS_THAN:
        return Estimate(None, x, x, unit, hedge, text, high_open=True)
    if hedge is Hedge.ABOUT:
        half = max(implied, x * Fraction(options.about).limit_denominator(10**6))
        return Estimate(_tidy(x - half), _tidy(x + half), x, unit, hedge, text)
    nearly = x * Fraction(options.nearly).limit_denominator(10**6)
    if hedge is Hedge.NEARLY:
        return Estimate(_tidy(x - nearly), x, x, unit, hedge, text, high_open=True)
    if hedge is Hedge.JUST_OVER:
        return Estimate(x, _tidy(x + nearly), x, unit, hedge, text, low_open=True)
    raise AssertionError(f"unhandled hedge {hedge}")  # pragma: no cover - the prefix table is closed

