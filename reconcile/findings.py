"""What the rules conclude about claims: a :class:`Finding` per related pair.

Relations are the edge keys of the claim graph:

``contradicts``
    The claims cannot both be right (kinds: ``disjoint``, ``magnitude``, ``cumulative-decrease``, ``series-fall``,
    ``implausible-rise``, ``part-exceeds-whole``, ``part-outgrew-whole``, ``exceeds-cap``, ``opposite``,
    ``denial``).
``supports``
    The claims agree (kinds: ``agreement``, ``corroboration`` for statements).
``refines``
    ``claims[0]`` narrows, updates or replaces ``claims[1]`` (kinds: ``narrower``, ``update``, ``revision``: a
    claim that says it corrects another, ``retraction``: what replaced a retracted claim).
``not-comparable``
    The claims count different things that must not be set against each other (kind ``different-measures``).

For the symmetric relations (contradicts, supports, not-comparable) ``claims`` is in time order, then id.

Every contradiction carries a :class:`Strength` and a *severity* (README, "Judging findings"): the gap between
the two figures relative to the figures together, ``gap / (a + b)``, a number in [0, 1] that is 0 when both
figures are zero and never infinite. Reports rank contradictions by strength first, then by severity, so two
exact counts 400 apart (impossible) head a floor nine times below a figure (a tension), and a fall of 2 in a
series of 3,000 (impossible, severity ≈0.0003) is listed as the minor impossibility it is.
"""

from __future__ import annotations

import math
from enum import Enum
from typing import Any, Callable, Iterable

import attrs

from .figures.slots import slot_setters

__all__ = ["Relation", "Strength", "Finding", "Deferred", "relative_gap", "finding_order"]


class Relation(str, Enum):
    CONTRADICTS = "contradicts"
    SUPPORTS = "supports"
    REFINES = "refines"
    NOT_COMPARABLE = "not-comparable"

    def __str__(self) -> str:
        return self.value

    @property
    def symmetric(self) -> bool:
        return self is not Relation.REFINES


class Strength(str, Enum):
    """How sure a discrepancy is, strongest first (the rule for each is in the README, "Judging findings").

    ``impossible``: the figures cannot both be true under the measure's rules. ``implausible``: possible only at
    an implied rate or growth far outside what the story shows. ``tension``: logically compatible but far apart.
    Findings that are not discrepancies (supports, refines, not-comparable) carry no strength (``None``).
    """

    IMPOSSIBLE = "impossible"
    IMPLAUSIBLE = "implausible"
    TENSION = "tension"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """0 for the strongest; reports and :meth:`Finding.sort_key` order by it."""
        return _STRENGTH_ORDER[self]


_STRENGTH_ORDER = {Strength.IMPOSSIBLE: 0, Strength.IMPLAUSIBLE: 1, Strength.TENSION: 2}


def relative_gap(gap: float, a: float, b: float) -> float:
    """``gap`` relative to the two figures together: ``gap / (a + b)``, in [0, 1] (capped at 1), and 0
    when both figures are 0 (a zero never makes a finding infinite).

    >>> round(relative_gap(440, 1210, 1650), 3), relative_gap(5, 0, 5), relative_gap(0, 0, 0)
    (0.154, 1.0, 0.0)
    """
    total = abs(a) + abs(b)
    return 0.0 if total == 0 else min(1.0, abs(gap) / total)


# The converters pass what the rules give (members, tuples) straight through: calling an Enum class costs a
# microsecond, and a million findings pay it twice each.
def _relation(value: "Relation | str") -> Relation:
    return value if type(value) is Relation else Relation(value)


def _strength(value: "Strength | str | None") -> Strength | None:
    return value if value is None or type(value) is Strength else Strength(value)


def _ids(values: Iterable[str]) -> tuple[str, ...]:
    # A named converter rather than ``converter=tuple``: type checkers cannot tell what the generic
    # ``tuple`` takes and so reject every argument given for the field.
    return values if type(values) is tuple else tuple(values)


class Deferred:
    """An explanation written when it is first read, then kept: ``Deferred(words, *args)`` stands for
    ``words(*args)``.

    The updates within a long series are findings no report shows one by one (the series is told in one line,
    :func:`~reconcile.engine.summary.summarize_series`), yet writing their words costs as much as finding them.
    A :class:`Finding` made with one reads the same — :attr:`Finding.explanation`, equality, hashing, ``repr``,
    :meth:`Finding.to_dict`, pickling (which sends the text) — the words are only put together later, once.
    (``attrs.asdict`` shows the field under its own name, ``_explanation``.)

    >>> d = Deferred(str.upper, "four updates")
    >>> f = Finding(Relation.REFINES, "update", ("b", "a"), 0.0, d)
    >>> f.explanation, f == Finding(Relation.REFINES, "update", ("b", "a"), 0.0, "FOUR UPDATES")
    ('FOUR UPDATES', True)
    """

    __slots__ = ("_words", "_args", "_text")

    def __init__(self, words: Callable[..., str], *args: Any) -> None:
        self._words: Callable[..., str] | None = words
        self._args: tuple[Any, ...] = args
        self._text: str | None = None

    def __call__(self) -> str:
        text = self._text
        if text is None:
            assert self._words is not None
            text = self._text = self._words(*self._args)
            self._words, self._args = None, ()  # the claims it quoted are no longer held
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (str, (self(),))  # a pickled finding (a Dask worker's) carries its text, not the claims

    def __repr__(self) -> str:
        return repr(self())


def _text(value: "str | Deferred") -> str:
    """The explanation as text (what findings compare and hash by)."""
    return value if type(value) is str else value()  # type: ignore[operator]


_RELATION_ORDER = {Relation.CONTRADICTS: 0, Relation.NOT_COMPARABLE: 1, Relation.REFINES: 2, Relation.SUPPORTS: 3}
_STRENGTH_RANK: dict[Strength | None, int] = {None: len(_STRENGTH_ORDER), **{s: r for s, r in _STRENGTH_ORDER.items()}}


def finding_order(f: "Finding") -> tuple[Any, ...]:
    """:meth:`Finding.sort_key` as a plain function (a run sorts every finding by it: no method or property
    to look up per finding)."""
    return (_RELATION_ORDER[f.relation], _STRENGTH_RANK[f.strength], -f.severity, f.kind, f.claims)


@attrs.frozen(repr=False)
class Finding:
    """One conclusion about claims, with the reason in plain English.

    ``severity`` is :func:`relative_gap` of the figures for numeric contradictions (in [0, 1]), and 0.0 for
    qualitative ones (no gap to measure: they rank by strength alone) and for the other relations. ``strength`` says
    how sure a contradiction is (``None`` for the other relations). ``gap`` (the absolute gap the severity was
    computed from, in the figures' unit) and ``ratio`` (how many times apart the stated figures are, ``None``
    against a zero) are the numbers the explanation quotes. ``context`` lists further claims the reason rests
    on (the whole a part outgrew); ``rule`` names the rule that found it.
    """

    relation: Relation = attrs.field(converter=_relation)
    kind: str
    claims: tuple[str, ...] = attrs.field(converter=_ids)
    severity: float
    # Given as ``explanation`` (text, or a Deferred that writes it on first reading: see Deferred).
    _explanation: "str | Deferred" = attrs.field(eq=_text)
    context: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    rule: str = ""
    strength: Strength | None = attrs.field(default=None, converter=_strength)
    gap: float | None = None
    ratio: float | None = None

    @property
    def explanation(self) -> str:
        """The reason in plain English."""
        text = self._explanation
        if isinstance(text, Deferred):
            text = text()
            object.__setattr__(self, "_explanation", text)  # read once, kept as text
        return text

    def __repr__(self) -> str:
        # as attrs writes it, with the explanation under its own name and as text
        values = ", ".join(f"{a.alias}={getattr(self, a.alias or a.name)!r}" for a in attrs.fields(Finding))
        return f"Finding({values})"

    @property
    def pair(self) -> frozenset[str]:
        return frozenset(self.claims)

    def involves(self, claim_id: str) -> bool:
        return claim_id in self.claims

    def sort_key(self) -> tuple[Any, ...]:
        """Most severe first: contradictions by strength, then severity; then the other relations; ties by
        kind and claim ids."""
        return finding_order(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation": self.relation._value_,  # an enum's value without the descriptor: one per finding
            "kind": self.kind,
            "claims": list(self.claims),
            # JSON has no infinity: a ratio against zero is written as null.
            "severity": round(float(self.severity), 6) if math.isfinite(self.severity) else None,
            "explanation": self.explanation,
            "context": list(self.context),
            "rule": self.rule,
            "strength": None if self.strength is None else self.strength._value_,
        }


(_set_relation, _set_kind, _set_claims, _set_severity, _set_explanation, _set_context, _set_rule, _set_strength,
 _set_gap, _set_ratio) = slot_setters(Finding, ("relation", "kind", "claims", "severity", "_explanation", "context",
                                                "rule", "strength", "gap", "ratio"))
_new = object.__new__


def trusted_finding(relation: Relation, kind: str, claims: tuple[str, ...], severity: float,
                    explanation: "str | Deferred", rule: str, strength: Strength | None = None,
                    gap: float | None = None, ratio: float | None = None) -> Finding:
    """The finding ``Finding(...)`` makes of these values, without its converters, for the rules a story runs a
    million times (an update per figure): ``relation`` and ``strength`` members, ``claims`` a tuple, no context.
    Half the cost of ``__init__``; tests/test_findings.py compares the two."""
    self = _new(Finding)
    _set_relation(self, relation)
    _set_kind(self, kind)
    _set_claims(self, claims)
    _set_severity(self, severity)
    _set_explanation(self, explanation)
    _set_context(self, ())
    _set_rule(self, rule)
    _set_strength(self, strength)
    _set_gap(self, gap)
    _set_ratio(self, ratio)
    return self
