"""The figure parser: reads figures the way news writes them into :class:`~reconcile.figures.quantity.Estimate`.

Kept apart from the value type it builds (:mod:`reconcile.figures.quantity`, which re-exports every name here);
the words it knows are in :mod:`reconcile.figures.hedges`, the rounding rule and tolerances in
:class:`~reconcile.figures.quantity.ParseOptions`. The common forms take a fast path
(:mod:`reconcile.figures.fast`) with the same results; the README's table lists every form.

A count is whole: "1.5" killed is an error, and so is "1.200" (a thousands separator or a decimal point?);
"1.5 million" and "3.5k" are whole, and shares and areas may be fractional. "m" after digits is a million where
a count is meant ("3.5m" displaced), metres where the unit is a length.

>>> parse_figure("between 1,000 and 1,500").describe()
'1,000–1,500'
>>> parse_figure("3,000+").describe(), parse_figure("only 120").describe(), parse_figure("three thousand").best
('at least 3,000', 'up to 120', 3000)
>>> parse_hedged_fraction("nearly two-thirds")
(Fraction(2, 3), <Hedge.NEARLY: 'nearly'>)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from ..errors import DimensionalityError, ParseError, UnitError
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
    _SUFFIX,
    _TRAILING,
    _VAGUE,
    _WORD_SCALES,
    _WORD_TENS,
    _WORD_UNITS,
    Hedge,
)
from .fast import parse_fast
from .numeric import Number
from .numeric import tidy as _tidy
from .quantity import DEFAULT_OPTIONS, Estimate, ParseOptions, Portion
from .quantity import hedged as _hedged
from .units import canonical_unit, is_count

__all__ = ["parse_figure", "parse_figure_full", "parse_value", "parse_fraction", "parse_hedged_fraction"]


def _normalize(text: str) -> str:
    t = text.strip().lower()
    t = t.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-").replace("\u00a0", " ")
    t = re.sub(r"\s+", " ", t)
    return t.rstrip(".").strip()


def _number(match: re.Match[str], group: str, text: str) -> tuple[Number, Fraction]:
    """The number a group matched and the place of its last significant digit (for the rounding rule)."""
    word = match.group(group + "w")
    digits = str(_words_value(word, text)) if word else match.group(group).replace(",", "")
    scale = _SCALES[match.group(group + "s")] if not word and match.group(group + "s") else 1
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


def _words_value(words: str, text: str) -> int:
    """The number a run of number words names: "three thousand" → 3000, "two hundred and fifty" → 250,
    "forty-three" → 43, "a dozen" → 12; raises :class:`ParseError` for a run that is no number ("three four")."""
    total, group, last, scales = 0, 0, "", [10**12]
    for token in re.split(r"[\s-]+", words):
        if token == "and" and last in ("hundred", "scale"):
            continue
        if token in ("a", "an") and not last:
            group, last = 1, "a"
        elif token in _WORD_UNITS and last in ("", "tens", "hundred", "scale"):
            if last == "tens" and _WORD_UNITS[token] >= 10:
                break
            group, last = group + _WORD_UNITS[token], ("teen" if _WORD_UNITS[token] >= 10 else "unit")
        elif token in _WORD_TENS and last in ("", "hundred", "scale"):
            group, last = group + _WORD_TENS[token], "tens"
        elif token == "dozen" and last in ("a", "unit", "tens"):
            group, last = group * 12, "unit"
        elif token == "hundred" and last in ("a", "unit", "teen", "tens") and group < 100:
            group, last = group * 100, "hundred"
        elif token in _WORD_SCALES and token != "hundred" and last not in ("", "scale") and \
                _WORD_SCALES[token] < scales[-1]:
            total, group, last = total + group * _WORD_SCALES[token], 0, "scale"
            scales.append(_WORD_SCALES[token])
        else:
            break
    else:
        if last != "a":
            return total + group
    raise ParseError("not a number in words", text=text, expected="a number such as 'three thousand', 'forty-three' "
                     "or 'two hundred and fifty', or digits")


def _word_scale(match: re.Match[str], group: str) -> int | None:
    """The scale a number ends with ("1.2 million", "three thousand"): applies to a bare first number of a range."""
    if match.group(group + "s"):
        return _SCALES[match.group(group + "s")]
    word = match.group(group + "w")
    last = word.rsplit(None, 1)[-1] if word else ""
    return _WORD_SCALES.get(last)


# A count is whole: "1.5" killed is a slip, "1.200" a thousands separator written the European way (or a slip).
_SEPARATOR_DOT = re.compile(r"\d{1,3}\.\d{3}")


def _check_whole(match: re.Match[str], values: dict[str, Number], unit: str, text: str) -> None:
    """Raise :class:`ParseError` when a figure in a count unit states a number that is not whole (``values``: the
    numbers read, by group, scales applied); units that allow fractions (percent, km², ...) pass."""
    if not is_count(unit):
        return
    for group, value in values.items():
        digits = match.group(group)
        if not digits or "." not in digits:
            continue
        digits = digits.replace(",", "")
        if value == Fraction(Decimal(digits)) and _SEPARATOR_DOT.fullmatch(digits):
            raise ParseError("a count with a dot before three digits is ambiguous", text=text,
                             expected=f"'{digits.replace('.', ',')}' if a thousands separator is meant (commas "
                                      "separate thousands); a count is a whole number")
        if Fraction(value).denominator != 1:
            raise ParseError("a count must be a whole number", text=text,
                             expected="a whole number ('2', '1,500'), or a scale for a share of a thousand or "
                                      "million ('1.5 million', '3.5k'), or a unit that allows fractions")


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
    fast = parse_fast(text, unit, options)
    if fast is not None:
        return fast
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
    The common forms go through :func:`reconcile.figures.fast.parse_fast` (same results, a fraction of the
    time); the rest through :func:`parse_figure_full`.
    """
    fast = parse_fast(text, unit, options)
    return fast if fast is not None else parse_figure_full(text, unit, options)


# "3.5m" is 3.5 million where a count is meant, 3.5 metres where the unit is not a count.
_METRES = re.compile(r"(?<=\d)m(?![a-z])")


def parse_figure_full(text: str, unit: str | None = None, options: ParseOptions = DEFAULT_OPTIONS) -> Estimate:
    """:func:`parse_figure` without the fast path: every form the parser reads."""
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
    if not is_count(default):
        t = _METRES.sub(" m", t)
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
        _check_whole(m, {"n": best, "a": low, "b": high}, unit, original)
        if low > high:
            raise ParseError("interval upside down", text=original, expected="the lower bound first")
        if not low <= best <= high:
            raise ParseError("best value outside its interval", text=original, expected="low <= best <= high")
        level = m.group("level")
        confidence = float(Decimal(level) / 100) if level else None
        return Estimate(low, high, best, unit, Hedge.CI, original, confidence=confidence)

    if " or " in t:
        for words, hedge in _TRAILING:  # "1,000 or more", "50 troops or fewer"
            if t.endswith(words) and t[:-len(words)].strip():
                return _one_number(t[:-len(words)].strip(), words.strip(), hedge, original, default, options,
                                   after=True)
    m = _SUFFIX.match(t) if "+" in t or "plus" in t else None  # "3,000+", "3,000-plus troops"
    if m:
        body = f"{m.group('num')} {m.group('rest')}".strip()
        return _one_number(body, m.group("suffix").strip("- "), Hedge.AT_LEAST, original, default, options,
                           after=True)

    lead = _hedge_prefix(t)
    rest = t[len(lead[0]):].strip() if lead is not None else ""
    if lead is not None and rest:
        prefix, hedge = lead
        return _one_number(rest, prefix, hedge, original, default, options)

    m = _RANGE.match(t)
    # "between 1,000 and 1,500", "from 1,000 to 1,500", "1,000-1,500"; not "forty-three", which is one number
    if m and (m.group("sep") != "and" or m.group("lead") == "between") and not (
            m.group("sep") == "-" and m.group("aw") and m.group("bw")):
        a, _ = _number(m, "a", original)
        b, _ = _number(m, "b", original)
        # "1.1-1.2 million", "two to three thousand": a scale on the second number only applies to both.
        scale = _word_scale(m, "b")
        if scale and not _word_scale(m, "a") and a < (b / 1000 if m.group("bs") else b / scale):
            a = _tidy(a * scale)
        unit = _unit_of(m, original, default, override_pct=bool(m.group("apct")))
        _check_whole(m, {"a": a, "b": b}, unit, original)
        if a > b:
            raise ParseError("range upside down", text=original, expected="the lower figure first, as in 200-300")
        return Estimate(a, b, None, unit, Hedge.RANGE, original)

    if _PLAIN.match(t):
        return _one_number(t, "", Hedge.PLAIN, original, default, options)

    raise ParseError("not a figure", text=original, expected=_EXPECTED)


def _one_number(body: str, words: str, hedge: Hedge, original: str, default: str, options: ParseOptions, *,
                after: bool = False) -> Estimate:
    """One number (with its unit) hedged as ``words`` say before it ("at least 300") or ``after`` it ("3,000+",
    "1,000 or more")."""
    m = _PLAIN.match(body)
    if not m:
        where = "follow" if after else "be followed by"
        raise ParseError(f"'{words}' must {where} one number", text=original, expected=_EXPECTED)
    x, place = _number(m, "n", original)
    unit = _unit_of(m, original, default)
    _check_whole(m, {"n": x}, unit, original)
    return _hedged(x, place, hedge, unit, original, options)


