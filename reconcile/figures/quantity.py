"""Hedged figures: :class:`Estimate` (an interval with a best value, a unit and the hedge it came from)
and :func:`parse_figure`, which reads figures the way news writes them.

Endpoints are plain numbers (``int``, ``Fraction`` or ``float``), never pint quantities: comparisons run
millions of times and plain arithmetic is ~50x faster; units are checked once, at the edges, through
:mod:`reconcile.figures.units`. An open bound is ``None`` (every figure reconcile handles is non-negative, so an
open lower bound behaves as 0 in arithmetic).

>>> from reconcile.figures.parsing import parse_figure
>>> parse_figure("at least 300").describe()
'at least 300'
>>> e = parse_figure("4,000")            # a round figure carries its implied precision
>>> (e.low, e.best, e.high)
(3600, 4000, 4400)
>>> parse_figure("two-thirds of 4,000").describe()
'≈2,667 (2,400–2,933)'
>>> parse_figure("nearly two-thirds of 4,000").describe()   # the hedge applies to the fraction
'≈2,667 (2,160–2,933)'
>>> parse_figure("2,975 (95% CI 2,658-3,290)").confidence
0.95

The rounding rule (:class:`ParseOptions`): a whole number whose last significant digit stands at a place
of ``min_round_place`` or more (default 100) is taken as rounded to that place, ± ``round_factor`` (default
0.5) of it, but never more than ± ``max_round_share`` (default 10%) of the figure: a round figure is no vaguer
than "about" — ``4,000`` is 3,600–4,400, ``10,000`` 9,000–11,000 (not 5,000–15,000), ``100`` 90–110,
``2,700`` is 2,650–2,750, ``2,975`` and ``120`` are exact. "about" widens to at least ± ``about`` (default
10%); "nearly" and "just over" reach ``nearly`` (10%) below or above.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, TypeGuard

import attrs

from ..errors import QuantityError
from .hedges import Hedge
from .numeric import Number, format_number, to_json_number
from .numeric import tidy as _tidy
from .slots import slot_setters
from .units import canonical_unit, conversion_factor
from .writing import HEDGE_WORDS
from .writing import describe as _describe
from .writing import to_text as _to_text

if TYPE_CHECKING:
    import pint

__all__ = [
    "Number",
    "Hedge",
    "Estimate",
    "Portion",
    "ParseOptions",
    "hedged",
    "fraction_bounds",
    "format_number",
    "HEDGE_WORDS",
]



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
    # -- issue 10: the implied precision of a round figure is bounded --
    max_round_share: float = attrs.field(default=0.1, validator=attrs.validators.and_(
        attrs.validators.ge(0), attrs.validators.le(1)))


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
    ``unit`` is a canonical name in :data:`reconcile.figures.units.ureg`. ``text`` is what it was parsed from
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
        self._floats()

    def _floats(self) -> None:
        """The bounds and centre as floats, worked out once: what the rules compare and divide with."""
        put = object.__setattr__
        put(self, "_lo", 0.0 if self.low is None else float(self.low))
        put(self, "_hi", float("inf") if self.high is None else float(self.high))
        put(self, "_mid", float(_central(self.low, self.high, self.best)))

    @classmethod
    def _trusted(cls, low: Number | None, high: Number | None, best: Number | None, unit: str, hedge: Hedge,
                 text: str, low_open: bool = False, high_open: bool = False,
                 confidence: float | None = None) -> "Estimate":
        """The estimate ``cls(...)`` would build, without its checks: for numbers the parser has just read or
        computed itself (finite ints and Fractions, none negative, ``low <= best <= high``), a canonical
        ``unit`` and a :class:`Hedge`. Building a million figures, the checks cost as much as the parsing
        (tests/test_fast_figures.py checks it equals the checked constructor)."""
        self = _new(cls)
        _set_low(self, low)
        _set_high(self, high)
        _set_best(self, best)
        _set_unit(self, unit)
        _set_hedge(self, hedge)
        _set_text(self, text)
        _set_low_open(self, low_open)
        _set_high_open(self, high_open)
        _set_confidence(self, confidence)
        _set_lo(self, 0.0 if low is None else float(low))
        _set_hi(self, _INF if high is None else float(high))
        _set_mid(self, float(_central(low, high, best)))
        return self

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

    # -- reading --------------------------------------------------------------------------------------
    @property
    def central(self) -> Number:
        """The number to compare by: ``best``, else the middle of a closed interval, else the one bound."""
        return _central(self.low, self.high, self.best)

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

        >>> from reconcile import parse_figure
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

    def scaled_between(self, low: Number, high: Number, best: Number, *, low_open: bool = False,
                       high_open: bool = False, hedge: Hedge | str | None = None, text: str = "") -> "Estimate":
        """This estimate times a factor known only to lie between ``low`` and ``high`` (``best`` at best):
        the lower bound scales by ``low``, the upper by ``high``. For a hedged fraction ("nearly half of")."""
        if not all(_is_number(x) and 0 <= x for x in (low, high, best)) or not low <= best <= high:
            raise QuantityError("scale factors must satisfy 0 <= low <= best <= high", text=repr((low, best, high)))
        return Estimate(
            None if self.low is None else _tidy(self.low * low),
            None if self.high is None else _tidy(self.high * high),
            None if self.best is None else _tidy(self.best * best),
            self.unit, Hedge(hedge) if hedge is not None else self.hedge, text,
            low_open=self.low_open or (low_open and self.low is not None),
            high_open=self.high_open or (high_open and self.high is not None))

    def portion(self, fraction: Number, hedge: Hedge = Hedge.PLAIN, *, text: str = "",
                options: "ParseOptions" = DEFAULT_OPTIONS) -> "Estimate":
        """``fraction`` of this estimate, hedged as news hedges it: "two-thirds of" scales every number;
        "nearly half of" scales the lower bound by 45% and the upper by 50% (exclusive), the best value by
        50% (see :func:`fraction_bounds`).

        >>> from reconcile import parse_figure
        >>> parse_figure("4,000").portion(Fraction(1, 2), Hedge.NEARLY).describe()
        '≈2,000 (1,620–2,200)'
        """
        if hedge is Hedge.PLAIN:
            return self.scaled(fraction, hedge=Hedge.FRACTION, text=text)
        low, high, low_open, high_open = fraction_bounds(fraction, hedge, options)
        return self.scaled_between(low, high, fraction, low_open=low_open, high_open=high_open,
                                   hedge=Hedge.FRACTION, text=text)

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
        """A short human form quoting the normalized numbers: ``at least 300``, ``≈2,667 (2,333–3,000)``
        (:func:`reconcile.figures.writing.describe`)."""
        return _describe(self)

    def to_text(self) -> str:
        """Text that :func:`parse_figure` reads back into this estimate (with the default options); see
        :func:`reconcile.figures.writing.to_text`.

        >>> from reconcile import parse_figure
        >>> parse_figure(parse_figure("2,975 (95% CI 2,658-3,290)").to_text()) == parse_figure("2,975 (95% CI 2,658-3,290)")
        True
        """
        return _to_text(self)

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


def _central(low: Number | None, high: Number | None, best: Number | None) -> Number:
    """:attr:`Estimate.central` of these values (``__attrs_post_init__`` rejects an estimate with none)."""
    if best is not None:
        return best
    if low is not None:
        return low if high is None else (low + high) / 2
    assert high is not None
    return high


_new = object.__new__
_INF = float("inf")
(_set_low, _set_high, _set_best, _set_unit, _set_hedge, _set_text, _set_low_open, _set_high_open, _set_confidence,
 _set_lo, _set_hi, _set_mid) = slot_setters(Estimate, ("low", "high", "best", "unit", "hedge", "text", "low_open",
                                                      "high_open", "confidence", "_lo", "_hi", "_mid"))


@attrs.frozen
class Portion:
    """A fraction of another claim's figure, to be resolved once that claim is known:
    ``two-thirds of zel-casualties`` → ``Portion(Fraction(2, 3), "zel-casualties")``."""

    fraction: Fraction
    of: str
    text: str = attrs.field(default="", eq=False)
    hedge: Hedge = Hedge.PLAIN  # "nearly two-thirds of zel-casualties"

    def resolve(self, whole: Estimate, options: ParseOptions = DEFAULT_OPTIONS) -> Estimate:
        return whole.portion(self.fraction, self.hedge, text=self.text, options=options)


def hedged(x: Number, place: Fraction | int, hedge: Hedge, unit: str, text: str, options: ParseOptions) -> Estimate:
    """The interval a figure ``x`` written to ``place`` stands for under ``hedge`` (the parser's one rule for it)."""
    if type(x) is int and x >= 0:
        if type(place) is int:
            return _hedged_whole(x, place, hedge, unit, text, options)
        if isinstance(place, Fraction) and place.denominator == 1:
            return _hedged_whole(x, place.numerator, hedge, unit, text, options)
    return _hedged_exact(x, place, hedge, unit, text, options)


def _ratios(options: ParseOptions) -> tuple[tuple[int, int], ...]:
    """The tolerances of ``options`` as the exact ratios :func:`_hedged_exact` computes with, as (numerator,
    denominator): min_round_place, round_factor, max_round_share, about, nearly. Worked out once per options
    object (remembered by identity: hashing the options costs more than the lookup)."""
    known = _RATIOS.get(id(options))
    if known is not None and known[0] is options:
        return known[1]
    ratios = tuple((f.numerator, f.denominator) for f in (
        Fraction(value).limit_denominator(10**6) for value in (
            options.min_round_place, options.round_factor, options.max_round_share, options.about, options.nearly)))
    if len(_RATIOS) >= 64:
        _RATIOS.clear()
    _RATIOS[id(options)] = (options, ratios)  # the options are kept alive with their id, so it is not reused
    return ratios


_RATIOS: dict[int, tuple[ParseOptions, tuple[tuple[int, int], ...]]] = {}


def _ratio(numerator: int, denominator: int) -> Number:
    """``numerator / denominator`` as :func:`~reconcile.figures.numeric.tidy` keeps it: an int when whole."""
    whole, rest = divmod(numerator, denominator)
    return whole if rest == 0 else Fraction(numerator, denominator)


def _hedged_whole(x: int, place: int, hedge: Hedge, unit: str, text: str, options: ParseOptions) -> Estimate:
    """:func:`_hedged_exact` for a whole figure written to a whole place (nearly every figure in the news), in
    integer arithmetic on numerators and denominators: the same numbers (a Fraction is kept in lowest terms,
    so the same value is the same Fraction) at a fraction of the cost of Fraction arithmetic."""
    (mp_n, mp_d), (rf_n, rf_d), (sh_n, sh_d), (ab_n, ab_d), (ne_n, ne_d) = _ratios(options)
    unit = canonical_unit(unit)  # as the constructor's converter would (cached)
    # implied = min(place * round_factor if rounded else 0, x * max_round_share), as i_n / i_d
    i_n, i_d = (place * rf_n, rf_d) if x != 0 and place * mp_d >= mp_n else (0, 1)
    if x * sh_n * i_d < i_n * sh_d:
        i_n, i_d = x * sh_n, sh_d
    if hedge is Hedge.PLAIN:
        return Estimate._trusted(_ratio(x * i_d - i_n, i_d), _ratio(x * i_d + i_n, i_d), x, unit, hedge, text)
    if hedge is Hedge.AT_LEAST:
        return Estimate._trusted(x, None, x, unit, hedge, text)
    if hedge is Hedge.MORE_THAN:
        return Estimate._trusted(x, None, x, unit, hedge, text, low_open=True)
    if hedge is Hedge.UP_TO:
        return Estimate._trusted(None, x, x, unit, hedge, text)
    if hedge is Hedge.LESS_THAN:
        return Estimate._trusted(None, x, x, unit, hedge, text, high_open=True)
    if hedge is Hedge.ABOUT:
        if x * ab_n * i_d > i_n * ab_d:  # half = max(implied, x * about)
            i_n, i_d = x * ab_n, ab_d
        return Estimate._trusted(_ratio(x * i_d - i_n, i_d), _ratio(x * i_d + i_n, i_d), x, unit, hedge, text)
    if hedge is Hedge.NEARLY:
        return Estimate._trusted(_ratio(x * (ne_d - ne_n), ne_d), x, x, unit, hedge, text, high_open=True)
    if hedge is Hedge.JUST_OVER:
        return Estimate._trusted(x, _ratio(x * (ne_d + ne_n), ne_d), x, unit, hedge, text, low_open=True)
    return _hedged_exact(x, place, hedge, unit, text, options)


def _hedged_exact(x: Number, place: Fraction | int, hedge: Hedge, unit: str, text: str, options: ParseOptions
                  ) -> Estimate:
    """:func:`hedged` for any figure, in Fraction arithmetic: the rule itself."""
    rounded = place >= Fraction(options.min_round_place).limit_denominator(10**6) and x != 0
    implied: Number = place * Fraction(options.round_factor).limit_denominator(10**6) if rounded else 0
    # A round figure is no vaguer than "about": "10,000" is not 5,000-15,000 nor "100" 50-150.
    implied = min(implied, x * Fraction(options.max_round_share).limit_denominator(10**6))
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


def fraction_bounds(fraction: Number, hedge: Hedge = Hedge.PLAIN, options: ParseOptions = DEFAULT_OPTIONS,
                    ) -> tuple[Number, Number, bool, bool]:
    """The interval a hedged fraction stands for, as ``(low, high, low_open, high_open)`` within [0, 1]: the
    hedge read as it is read before a number (with no implied precision), then capped at the whole.

    >>> fraction_bounds(Fraction(1, 2), Hedge.NEARLY)
    (Fraction(9, 20), Fraction(1, 2), False, True)
    >>> fraction_bounds(Fraction(1, 3), Hedge.AT_LEAST)
    (Fraction(1, 3), 1, False, False)
    """
    if hedge is Hedge.PLAIN:
        return fraction, fraction, False, False
    if hedge not in HEDGE_WORDS:
        raise QuantityError(f"a fraction cannot be hedged as {hedge.value}", text=str(fraction),
                            expected="a hedge such as nearly, about, at least, more than or up to")
    f = hedged(fraction, Fraction(0), hedge, "dimensionless", "", options)
    low = f.low if f.low is not None else 0
    high = min(f.high, 1) if f.high is not None else 1
    return low, high, f.low_open and low > 0, f.high_open and f.high is not None and f.high <= 1
