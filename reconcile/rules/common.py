"""Small helpers the rule families share: how a claim is quoted in an explanation, the gap between two
figures and how it is worded, ratios, and which tolerance applies to a pair."""

from __future__ import annotations

import weakref
from typing import Any

from ..claims import Claim, Status
from ..figures.dates import Period
from ..figures.quantity import Estimate, Hedge, Number, format_number
from ..findings import relative_gap
from ..settings import Settings

__all__ = ["quote", "ratio", "fmt", "fmt_ratio", "when", "interval_gap", "gap_words", "tolerance_for", "is_exact",
           "severity_of", "finite_ratio", "forget", "percent", "factor",
           "attribution"]


def when(claim: Claim) -> str:
    return claim.as_of.describe()


# Explanations quote each claim of a long series several times (an update names both figures, a fall the
# running maximum again and again): its text is made once. Keyed by the object's id with a weak reference to it
# beside its text: an entry whose claim is gone (its id free for another) no longer matches, and the cache keeps
# no claim alive, though explanations written after a run (findings.Deferred) fill it again. Emptied when full,
# which only costs recomputing.
_QUOTES: dict[tuple[int, bool], tuple[weakref.ref[Claim], str]] = {}
_QUOTES_MAX = 1 << 18
# Dates as quotes write them, by the period object, kept the same way: the claims of a story share a few
# thousand periods (a bulk file's rows share one per date text), and each quote writes its claim's.
_WHEN: dict[int, tuple[weakref.ref[Period], str]] = {}
_FMT: dict[tuple[bool, Number], str] = {}
_FMT_MAX = 1 << 16


def forget() -> None:
    """Empty the caches of quotes, dates and numbers: the engine calls it after a run."""
    _QUOTES.clear()
    _WHEN.clear()
    _FMT.clear()


def quote(claim: Claim, *, with_measure: bool = True) -> str:
    """``at least 300 killed [NIS via The Kyiv Independent, 2025-01-13]`` — the figure in the source's own
    word for the measure, then the whole relay chain and when in brackets (with how it was derived, for derived
    figures: ``[Zelensky, 2025-02-14; 2/3 of zel-casualties]``); a disputed claim says so."""
    key = (id(claim), with_measure)
    hit = _QUOTES.get(key)
    if hit is not None and hit[0]() is claim:  # the common case, without a call
        return hit[1]
    return _remember(_QUOTES, key, claim, _quote(claim, with_measure))


def _remember(cache: dict[Any, tuple[weakref.ref[Any], str]], key: Any, obj: Any, text: str) -> str:
    """Keep ``text`` for ``obj`` under ``key`` (its id, first), emptying ``cache`` when it is full."""
    if len(cache) >= _QUOTES_MAX:
        cache.clear()
    cache[key] = (weakref.ref(obj), text)
    return text


def _quote(claim: Claim, with_measure: bool) -> str:
    e = claim.estimate
    assert e is not None
    what = f"{claim.measure_said} {e.describe()}" if with_measure else e.describe()
    if claim.rule is None and not claim.derived_from:
        derived = ""  # most figures: stated, derived from nothing
    elif claim.rule == "fraction" and claim.fraction is not None:
        derived = f"; {claim.fraction_text} of {', '.join(claim.derived_from)}"
    elif claim.derived_from:
        joiner = {"remainder": " minus ", "sum": " + "}.get(claim.rule or "", ", ")
        derived = f"; {claim.rule}: {joiner.join(claim.derived_from)}"
    else:
        derived = ""
    disputed = "; disputed" if claim.status is Status.DISPUTED else ""
    origin = f"; first said by {claim.origin}" if claim.origin not in (None, claim.source.id) else ""
    return f"{what} [{attribution(claim)}{origin}, {_when(claim.as_of)}{derived}{disputed}]"


def _when(period: Period) -> str:
    """``period.describe()``, written once per period object."""
    hit = _WHEN.get(id(period))
    if hit is not None and hit[0]() is period:
        return hit[1]
    return _remember(_WHEN, id(period), period, period.describe())


def attribution(claim: Claim) -> str:
    """:meth:`Claim.attribution`, the relay chain: most claims are said by their source alone."""
    return claim.attribution() if claim.via else claim.source.label


def ratio(a: Number, b: Number) -> float:
    """How many times the larger is of the smaller (>= 1); infinite when only one is zero."""
    hi, lo = (a, b) if a >= b else (b, a)
    if lo == 0:
        return 1.0 if hi == 0 else float("inf")
    return float(hi / lo)


def finite_ratio(a: float, b: float) -> float | None:
    """:func:`ratio`, or ``None`` against a zero (what :attr:`Finding.ratio` carries)."""
    r = ratio(a, b)
    return None if r == float("inf") else r


def fmt_ratio(r: float | None) -> str:
    return "∞" if r is None or r == float("inf") else f"{r:.1f}x"


def fmt(x: Number) -> str:
    """A number as explanations print it: floats (gaps, rates) rounded to the unit from 10 up, else to 2 places."""
    key = (isinstance(x, float), x)  # a float is tidied first; an int or Fraction prints as its float does
    text = _FMT.get(key)
    if text is None:
        if len(_FMT) >= _FMT_MAX:
            _FMT.clear()
        text = _FMT[key] = format_number(_tidy(x) if isinstance(x, float) else x)
    return text


_SETTING_WORDS: dict[tuple[str, float], str] = {}


def _setting_words(x: float, spec: str) -> str:
    """``x`` formatted by ``spec`` once per run: explanations print the same few settings thousands of times."""
    key = (spec, x)
    text = _SETTING_WORDS.get(key)
    if text is None:
        text = _SETTING_WORDS[key] = format(x, spec)
    return text


def percent(x: float) -> str:
    """A share as explanations print a setting: ``2%``."""
    return _setting_words(x, ".0%")


def factor(x: float) -> str:
    """A factor as explanations print a setting: ``10`` in ``10x``."""
    return _setting_words(x, "g")


def interval_gap(a: Estimate, b: Estimate) -> float:
    """The least distance between two intervals (0 when they overlap or touch)."""
    if a._hi < b._lo:
        return b._lo - a._hi
    if b._hi < a._lo:
        return a._lo - b._hi
    return 0.0


def severity_of(gap: float, a: float, b: float) -> float:
    return relative_gap(gap, a, b)


def gap_words(gap: float, r: float | None, *, between: str = "the figures") -> str:
    """``the figures are 440 apart (1.4x)`` — the absolute gap first, as a journalist would quote it."""
    ratio_text = "" if r is None else f" ({fmt_ratio(r)})"
    return f"{between} are {fmt(float(gap))} apart{ratio_text}"


def _tidy(x: float) -> Number:
    return int(round(x)) if abs(x - round(x)) < 1e-9 or abs(x) >= 10 else round(x, 2)


def is_exact(e: Estimate) -> bool:
    """A figure stated to the unit: plain, not rounded, not hedged (``5,112``; not ``5,100`` nor ``about 5,112``)."""
    return e.hedge is Hedge.PLAIN and e.low is not None and e.low == e.high


def tolerance_for(a: Claim, b: Claim, settings: Settings) -> float:
    """Counting noise applies between different origins, or when either figure is rounded or hedged; one origin's
    own exact figures are compared exactly."""
    assert a.estimate is not None and b.estimate is not None
    if a.origin_id == b.origin_id and is_exact(a.estimate) and is_exact(b.estimate):
        return 0.0
    return settings.tolerance
