"""Plain words for a report's readers: the sentences a journalist could paste, and headlines without the
engine's vocabulary. Every number comes from the claims and findings; nothing is rounded beyond what
:func:`~reconcile.figures.quantity.format_number` does.

>>> import textwrap
>>> from reconcile import Claim, reconcile
>>> r = reconcile([Claim.figure("a", "UN", "killed", "1,200", subject="x", said_on="2024-05-01"),
...                Claim.figure("b", "NGO", "killed", "at least 5,000", subject="x", said_on="2024-05-01")])
>>> print(textwrap.fill(sentence(r.findings[0], {c.id: c for c in r.claims}), 116))
UN's 1,200 killed on 1 May 2024 does not agree with NGO's at least 5,000 killed on 1 May 2024: even at their closest
readings the figures are 3,750 apart.
"""

from __future__ import annotations

import math
from typing import Mapping

from ..claims import Claim
from ..figures.dates import Period
from ..figures.hedges import Hedge
from ..figures.quantity import Estimate, Number, format_number
from ..findings import Finding, Strength

__all__ = ["day", "figure_words", "claim_words", "headline", "sentence", "verdict", "times"]

# What a discrepancy's strength lets a reader say of two figures (no strength: the judgment is not made).
VERDICTS = {Strength.IMPOSSIBLE: "cannot be reconciled with", Strength.IMPLAUSIBLE: "is hard to reconcile with",
            Strength.TENSION: "is far from", None: "does not agree with"}
STRENGTH_WORDS = {Strength.IMPOSSIBLE: "cannot both be right", Strength.IMPLAUSIBLE: "hard to reconcile",
                  Strength.TENSION: "far apart", None: "disagree"}


def day(period: Period) -> str:
    """``13 Jan 2025`` for a day, ``Jan 2025`` for a month, else the period as written (``2024-fall``)."""
    if period.is_day:
        return f"{period.start.day} {period.start:%b %Y}"
    text = str(period)
    if len(text) == 7 and text[4] == "-" and text[5:].isdigit():
        return f"{period.start:%b %Y}"
    return text


def _n(x: Number) -> str:
    return format_number(x)


def figure_words(e: Estimate) -> str:
    """A figure as a reader would say it: ``2,700``, ``about 1,333``, ``at least 300``, ``up to 12,000``,
    ``between 1,000 and 1,500``."""
    if e.high is None:
        return f"{'more than' if e.hedge is Hedge.MORE_THAN else 'at least'} {_n(e.low if e.low is not None else e.central)}"
    if e.low is None:
        return f"{'fewer than' if e.hedge is Hedge.LESS_THAN else 'up to'} {_n(e.high)}"
    if e.best is None:
        return f"between {_n(e.low)} and {_n(e.high)}"
    if e.hedge in (Hedge.PLAIN, Hedge.CI):
        return _n(e.best)
    if e.hedge in (Hedge.NEARLY, Hedge.JUST_OVER):
        return f"{e.hedge.value.replace('-', ' ')} {_n(e.best)}"
    return f"about {_n(e.best)}"


def _what(c: Claim) -> str:
    assert c.estimate is not None
    return f"{figure_words(c.estimate)} {c.topic}"


def _derivation(c: Claim, claims: Mapping[str, Claim]) -> str:
    """How a derived figure comes out of its inputs, in words: ``4,000 casualties minus about 2,667 killed``."""
    inputs = [claims[i] for i in c.derived_from if i in claims and claims[i].estimate is not None]
    if c.rule == "remainder" and len(inputs) == 2:
        return f"{_what(inputs[0])} minus {_what(inputs[1])}"
    if c.rule == "sum" and inputs:
        return " plus ".join(_what(i) for i in inputs)
    if c.rule == "fraction" and inputs and c.fraction is not None:
        return f"{c.fraction_text} of {_what(inputs[0])}"
    return f"{c.rule} of " + ", ".join(c.derived_from)


def claim_words(c: Claim, claims: Mapping[str, Claim]) -> str:
    """``NIS's 2,700 wounded on 13 Jan 2025``; a derived figure says what it comes from: ``Zelensky's
    figures of 14 Feb 2025, which leave about 1,333 non-fatal (4,000 casualties minus about 2,667 killed)``."""
    who = f"{c.source.label}'s"
    if c.rule in ("remainder", "sum"):
        verb = "leave" if c.rule == "remainder" else "add up to"
        return f"{who} figures of {day(c.as_of)}, which {verb} {_what(c)} ({_derivation(c, claims)})"
    if c.rule == "fraction":
        return f"{who} {_what(c)} ({_derivation(c, claims)}) on {day(c.as_of)}"
    return f"{who} {_what(c)} on {day(c.as_of)}"


def _ratio_of(f: Finding) -> float:
    """How many times apart the stated figures are (a ratio against zero is unbounded)."""
    return math.inf if f.ratio is None else float(f.ratio)


def times(ratio: float) -> str:
    """``8.9 times``; ``no finite number of times`` for a ratio against zero."""
    if not math.isfinite(ratio):
        return "infinitely many times"
    return f"{round(ratio, 1):g} times"


def verdict(f: Finding) -> str:
    return VERDICTS.get(f.strength, VERDICTS[None])


def _gap(a: Estimate, b: Estimate) -> Number | None:
    if a.unit != b.unit:
        return None
    if a.lies_below(b) and a.high is not None:
        return b.floor - a.high
    if b.lies_below(a) and b.high is not None:
        return a.floor - b.high
    return None


def _reason(f: Finding, a: Claim, b: Claim, claims: Mapping[str, Claim]) -> str:
    ea, eb = a.estimate, b.estimate
    assert ea is not None and eb is not None
    gap = _gap(ea, eb)
    if f.kind == "cumulative-decrease":
        below = f"{_n(gap)} below" if gap is not None else "below"
        return f"both are running totals, which cannot fall, yet the later figure is {below} the earlier"
    if f.kind == "part-exceeds-whole":
        return f"{a.topic if eb.central > ea.central else b.topic} is a part of the other, yet it is the larger"
    if f.kind == "exceeds-cap":
        return "the figure is above the most there could be"
    wholes = [claims[i] for i in f.context if i in claims and claims[i].estimate is not None]
    if f.kind == "magnitude" and len(wholes) == 2:
        w0, w1 = sorted(wholes, key=lambda c: c.as_of.start)
        assert w0.estimate is not None and w1.estimate is not None
        grew = w1.estimate.central / w0.estimate.central if w0.estimate.central else math.inf
        return (f"{a.topic} grew {times(_ratio_of(f))} over, while {w0.topic}, of which it is a part, grew only "
                f"from {figure_words(w0.estimate)} to {figure_words(w1.estimate)} ({times(float(grew))})")
    if gap is not None:
        return f"even at their closest readings the figures are {_n(gap)} apart"
    return f"the figures are {times(_ratio_of(f))} apart"


def sentence(f: Finding, claims: Mapping[str, Claim]) -> str:
    """One sentence on a discrepancy between two figures, its numbers from the claims; a set of claims that
    cannot all be true (the whole-story check) names every member."""
    if len(f.claims) > 2:
        members = [claim_words(claims[i], claims) for i in f.claims]
        gap = f" (the figures leave a gap of {_n(_tidy_gap(f.gap))})" if f.gap is not None else ""
        return f"{', '.join(members[:-1])} and {members[-1]} cannot all be true together{gap}."
    a, b = claims[f.claims[0]], claims[f.claims[-1]]
    return f"{claim_words(a, claims)} {verdict(f)} {claim_words(b, claims)}: {_reason(f, a, b, claims)}."


def _tidy_gap(gap: float) -> Number:
    return round(gap) if abs(gap) >= 10 else round(gap, 2)


def headline(f: Finding, claims: Mapping[str, Claim]) -> str:
    """A discrepancy's heading in plain words: ``Wounded: 2,700 (NIS, 13 Jan 2025) against non-fatal: about
    1,333 (Zelensky, 14 Feb 2025) — cannot both be right``."""
    parts = []
    for i in dict.fromkeys(f.claims):
        c = claims[i]
        assert c.estimate is not None
        parts.append(f"{c.topic} {figure_words(c.estimate)} ({c.source.label}, {day(c.as_of)})")
    text = (" against " if len(parts) <= 2 else ", ").join(parts)
    words = STRENGTH_WORDS.get(f.strength, STRENGTH_WORDS[None])
    if len(parts) > 2:  # a set from the whole-story check
        words = words.replace("both", "all")
    return text[:1].upper() + text[1:] + f" — {words}"
