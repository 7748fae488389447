"""The fast figure path: the forms most figures in a large claim file take, read with one regular expression each.

Plain counts (``1,234``, ``3k``, ``3.5 million``), a hedge word before one (``at least 300``, ``about 3k``), a
floor after one (``3,000+``, ``1,000 or more``), ranges (``11,000-12,000``, ``between 1,000 and 1,500``,
``from 200 to 300``), confidence intervals (``2,975 (95% CI 2,658-3,290)``) and vague words (``hundreds``), in a
bare unit or ``%``.
:func:`parse_fast` gives exactly what :func:`reconcile.figures.parsing.parse_figure_full` gives for such a text
(the same :class:`~reconcile.figures.quantity.Estimate`, field by field: the interval comes from the same
:func:`~reconcile.figures.quantity.hedged`), or ``None`` for anything else — any other form, any text the full
parser would reject or normalize first (capitals, double spaces, a trailing full stop), a figure in another
unit than the one asked for — and :func:`~reconcile.figures.parsing.parse_figure` then uses the full parser.
tests/test_fast_figures.py checks the two agree on generated texts. The estimates are built with
``Estimate._trusted`` (no re-checking of numbers this module has just read and ordered itself).

Why it pays: the full parser normalizes the text and tries a dozen patterns and fifty hedge prefixes in turn,
and reads every number through :class:`~decimal.Decimal`; one claim file of a million figures spends most of its
loading time there.

>>> parse_fast("at least 300").describe(), parse_fast("about 3k").describe()
('at least 300', '≈3,000 (2,500–3,500)')
>>> parse_fast("two-thirds of 4,000") is None
True
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from .hedges import _PREFIXES, _SCALES, _TRAILING, _VAGUE, Hedge
from .numeric import Number
from .numeric import tidy as _tidy
from .quantity import DEFAULT_OPTIONS, Estimate, ParseOptions, hedged
from .units import canonical_unit, is_count

__all__ = ["parse_fast"]

# A number: digits (a separator every three), decimals, an attached or spelt-out scale. ASCII digits only.
_NUM = (r"(?P<{g}>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<{g}d>\d+))?"
        r"(?P<{g}s>k|m|\s?(?:thousand|million|billion|mn|bn))?")


def _n(group: str) -> str:
    return _NUM.format(g=group)


_HEDGES = "|".join(re.escape(p) for p, _ in _PREFIXES if p[0].isalpha())  # longest first, as the full parser
_HEDGE_OF = dict(_PREFIXES)
_AFTER = {words.strip(): hedge for words, hedge in _TRAILING} | {"+": Hedge.AT_LEAST, "-plus": Hedge.AT_LEAST}
_ONE = re.compile(
    rf"(?:(?P<hedge>{_HEDGES}) |(?P<sign>[~≈]) ?)?{_n('n')}(?P<pct>%)?"
    rf"(?:(?P<after>\+|-plus)| (?P<words>{'|'.join(w.strip() for w, _ in _TRAILING)}))?", re.ASCII)
_RANGE = re.compile(rf"(?:(?P<lead>between|from) )?{_n('a')}(?: ?(?P<sep>-|–) ?| (?P<word>to|and) ){_n('b')}(?P<pct>%)?",
                    re.ASCII)
_CI = re.compile(rf"{_n('n')} \((?:(?P<level>\d+(?:\.\d+)?)% ci )?{_n('a')}-{_n('b')}\)", re.ASCII)


# The names of each number's groups: digits, decimals, scale.
_GROUPS = {g: (g, g + "d", g + "s") for g in ("n", "a", "b")}


@lru_cache(maxsize=256)
def _units(unit: str | None) -> tuple[str | None, str, bool]:
    target = canonical_unit(unit) if unit else None
    default = target or "count"
    return target, default, is_count(default)


def _number(m: re.Match[str], g: str, counting: bool) -> tuple[Number, Fraction | int] | None:
    """The number group ``g`` matched and the place of its last significant digit, as the full parser reads
    them (a whole place as an int: the same number, and :func:`~reconcile.figures.quantity.hedged` reads it
    in integers); ``None`` where the full parser must judge ("m" where no count is meant; decimals in a count,
    which are an error unless a scale makes them whole: see :func:`_whole`)."""
    digits, decimals, word = m.group(*_GROUPS[g])
    digits = digits.replace(",", "")
    scale = _SCALES[word.lstrip()] if word else 1
    if word == "m" and not counting:
        return None
    if decimals is None:
        stripped = digits.rstrip("0") or "0"
        return int(digits) * scale, (10 ** (len(digits) - len(stripped)) if stripped != "0" else 1) * scale
    if counting and not word:
        return None
    return (_tidy(Fraction(int(digits + decimals), 10 ** len(decimals)) * scale),
            Fraction(scale, 10 ** len(decimals)))


def _whole(*values: Number) -> bool:
    for v in values:
        if type(v) is not int:  # the numbers here are ints and Fractions only
            return False
    return True


def parse_fast(text: str, unit: str | None = None, options: ParseOptions = DEFAULT_OPTIONS) -> Estimate | None:
    """The figure ``text`` in one of the common forms stands for, or ``None`` to leave it to the full parser."""
    if not isinstance(text, str):
        return None
    original = text.strip()
    target, default, counting = _units(unit)
    lowered = original.lower()  # as the full parser reads it; the estimate keeps the text as written
    m = _ONE.fullmatch(lowered)
    if m:
        pct, scale, before, sign, after, words = m.group("pct", "ns", "hedge", "sign", "after", "words")
        if pct:
            if target not in (None, "percent") or scale:
                return None
            figure_unit, counting = "percent", False
        else:
            figure_unit = default
        hedge = Hedge.PLAIN
        if before or sign:
            if after or words:
                return None
            hedge = _HEDGE_OF[before or sign]
        elif after or words:
            if pct:
                return None
            hedge = _AFTER[after or words]
        read = _number(m, "n", counting)
        if read is None or counting and not _whole(read[0]):
            return None
        return hedged(read[0], read[1], hedge, figure_unit, original, options)
    m = _RANGE.fullmatch(lowered)
    if m:
        if m.group("word") == "and" and m.group("lead") != "between":
            return None
        figure_unit = default
        if m.group("pct"):
            if target not in (None, "percent") or m.group("as") or m.group("bs"):
                return None
            figure_unit, counting = "percent", False
        # "1.1-1.2 million": the first number's decimals are whole once the scale applies to it too
        a = _number(m, "a", counting and not m.group("bs"))
        b = _number(m, "b", counting)
        if a is None or b is None:
            return None
        low, high = a[0], b[0]
        if m.group("bs") and not m.group("as") and low < high / 1000:
            low = _tidy(low * _SCALES[m.group("bs").lstrip()])
        elif counting and m.group("ad") and not m.group("as"):
            return None  # "1.5-2 million" left unscaled: the full parser says why
        if low > high or counting and not _whole(low, high):
            return None
        return Estimate._trusted(low, high, None, figure_unit, Hedge.RANGE, original)
    bounds = _VAGUE.get(lowered)
    if bounds is not None:
        return Estimate._trusted(bounds[0], bounds[1], None, default, Hedge.VAGUE, original)
    m = _CI.fullmatch(lowered)
    if m:
        n, a, b = _number(m, "n", counting), _number(m, "a", counting), _number(m, "b", counting)
        if n is None or a is None or b is None or not a[0] <= n[0] <= b[0] or counting and not _whole(n[0], a[0], b[0]):
            return None
        level = m.group("level")
        confidence = float(Decimal(level) / 100) if level else None
        return Estimate._trusted(a[0], b[0], n[0], default, Hedge.CI, original, confidence=confidence)
    return None
