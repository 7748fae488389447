"""What the rules conclude about claims: a :class:`Finding` per related pair.

Relations are the edge keys of the claim graph:

``contradicts``
    The claims cannot both be right (kinds: ``disjoint``, ``magnitude``, ``cumulative-decrease``,
    ``part-exceeds-whole``, ``part-outgrew-whole``, ``exceeds-cap``, ``opposite``, ``denial``).
``supports``
    The claims agree (kinds: ``agreement``, ``corroboration`` for statements).
``refines``
    ``claims[0]`` narrows or updates ``claims[1]`` (kinds: ``narrower``, ``update``).
``not-comparable``
    The claims count different things that must not be set against each other (kind ``different-measures``).

For the symmetric relations (contradicts, supports, not-comparable) ``claims`` is in time order, then id.
"""

from __future__ import annotations

import math
from enum import Enum
from typing import Any, Iterable

import attrs

__all__ = ["Relation", "Strength", "Finding"]


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


def _strength(value: "Strength | str | None") -> Strength | None:
    return None if value is None else Strength(value)


def _ids(values: Iterable[str]) -> tuple[str, ...]:
    # A named converter rather than ``converter=tuple``: type checkers cannot tell what the generic
    # ``tuple`` takes and so reject every argument given for the field.
    return tuple(values)


_RELATION_ORDER = {Relation.CONTRADICTS: 0, Relation.NOT_COMPARABLE: 1, Relation.REFINES: 2, Relation.SUPPORTS: 3}


@attrs.frozen
class Finding:
    """One conclusion about claims, with the reason in plain English.

    ``severity`` is a ratio of at least 1 for numeric contradictions (how many times apart the figures are),
    1.0 for qualitative contradictions, and 0.0 for the other relations. ``context`` lists further claims
    the reason rests on (the whole a part outgrew); ``rule`` names the rule that found it.
    """

    relation: Relation = attrs.field(converter=Relation)
    kind: str
    claims: tuple[str, ...] = attrs.field(converter=_ids)
    severity: float
    explanation: str
    context: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    rule: str = ""
    strength: Strength | None = attrs.field(default=None, converter=_strength)

    @property
    def pair(self) -> frozenset[str]:
        return frozenset(self.claims)

    def involves(self, claim_id: str) -> bool:
        return claim_id in self.claims

    def sort_key(self) -> tuple[Any, ...]:
        """Most severe first: contradictions by severity, then the other relations; ties by claim ids."""
        return (_RELATION_ORDER[self.relation], -self.severity, self.kind, self.claims)

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation": self.relation.value,
            "kind": self.kind,
            "claims": list(self.claims),
            # JSON has no infinity: a ratio against zero is written as null.
            "severity": round(float(self.severity), 6) if math.isfinite(self.severity) else None,
            "explanation": self.explanation,
            "context": list(self.context),
            "rule": self.rule,
            "strength": None if self.strength is None else self.strength.value,
        }
