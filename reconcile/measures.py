"""What a figure counts: the measure vocabulary.

A :class:`Measure` knows its unit, how it behaves over time (:class:`Kind`: a *cumulative* count never
falls; a *stock* such as troops present rises and falls; a *share* is a stock in percent), which measures
are its parts (killed, wounded, missing and captured make up casualties), which measure caps it (no more
casualties than troops ever deployed), and which measures it must never be compared with (excess deaths
are not killed).

The default vocabulary, as a tree of parts::

    casualties (losses)
    ├── killed (dead, deaths, fatalities)
    └── non-fatal (the remainder: wounded, missing or captured)
        ├── wounded (injured)
        ├── missing
        └── captured (prisoners)
    deployed (troops present) — a stock; caps casualties
    displaced — a stock
    excess-deaths — not comparable with killed or casualties
    share-of-territory — a share, in percent

>>> DEFAULT_MEASURES.resolve("fatalities").name
'killed'
>>> DEFAULT_MEASURES.is_part("wounded", "casualties")
True
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Iterable, Iterator

import attrs

from .errors import MeasureError
from .figures.units import canonical_unit

__all__ = ["Kind", "Measure", "MeasureRegistry", "DEFAULT_MEASURES", "register_measure", "measure_name"]


class Kind(str, Enum):
    """How a measure behaves over time."""

    CUMULATIVE = "cumulative"  # counts since the start: never falls (killed, displaced ever)
    STOCK = "stock"            # a level at a time: rises and falls (troops present)
    SHARE = "share"            # a level in percent: rises and falls, at most 100%

    def __str__(self) -> str:
        return self.value


_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")


def measure_name(text: str) -> str:
    """The normal form of a measure name or synonym: lower case, words joined by hyphens."""
    return re.sub(r"[\s_]+", "-", text.strip().lower())


def _name(value: str) -> str:
    name = measure_name(value)
    if not _NAME.match(name):
        raise MeasureError("invalid measure name", text=value, expected="a slug such as 'killed' or 'tanks-lost'")
    return name


def _names(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    return tuple(_name(v) for v in values)


def _unit(value: str) -> str:
    # canonical_unit is wrapped in lru_cache, which type checkers do not accept as a converter
    return canonical_unit(value)


def _synonyms(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    return tuple(measure_name(v) for v in values)


@attrs.frozen
class Measure:
    """One entry of the vocabulary.

    ``parts`` are measures that add up to (at most) this one; ``capped_by`` names a measure whose
    highest figure to date bounds this one; ``not_comparable`` names measures a figure of this one must
    never be set against (the relation is symmetric once registered). ``description`` says in plain
    English what is counted and is quoted in "not comparable" findings.
    """

    name: str = attrs.field(converter=_name)
    unit: str = attrs.field(default="person", converter=_unit)
    kind: Kind = attrs.field(default=Kind.CUMULATIVE, converter=Kind)
    synonyms: tuple[str, ...] = attrs.field(default=(), converter=_synonyms)
    parts: tuple[str, ...] = attrs.field(default=(), converter=_names)
    capped_by: str | None = attrs.field(default=None, converter=attrs.converters.optional(_name))
    not_comparable: tuple[str, ...] = attrs.field(default=(), converter=_names)
    description: str = ""

    @property
    def is_cumulative(self) -> bool:
        return self.kind is Kind.CUMULATIVE


DEFAULT_DEFINITIONS: tuple[Measure, ...] = (
    Measure("casualties", synonyms=("losses", "casualty", "total casualties", "killed and wounded"),
            parts=("killed", "non-fatal"), capped_by="deployed",
            description="people killed, wounded, missing or captured, counted since the start"),
    Measure("killed", synonyms=("dead", "deaths", "fatalities", "died", "killed in action", "kia", "death toll",
                                "death", "slain", "lost their lives"),
            description="people killed directly, counted since the start"),
    Measure("non-fatal", synonyms=("non-fatal casualties", "nonfatal", "wounded missing or captured", "remainder"),
            parts=("wounded", "missing", "captured"),
            description="casualties other than the killed: wounded, missing or captured"),
    Measure("wounded", synonyms=("injured", "injuries", "hurt", "wounded in action", "wia"),
            description="people wounded or injured, counted since the start"),
    Measure("missing", synonyms=("missing in action", "mia", "unaccounted for"),
            description="people missing, counted since the start"),
    Measure("captured", synonyms=("prisoners", "prisoners of war", "pows", "pow", "taken prisoner", "detained"),
            description="people captured, counted since the start"),
    Measure("deployed", kind=Kind.STOCK, synonyms=("troops present", "troops deployed", "deployment", "present",
                                                   "sent", "stationed"),
            description="people present in the theatre at a time"),
    Measure("displaced", kind=Kind.STOCK, synonyms=("internally displaced", "idps", "refugees", "fled"),
            description="people displaced at a time"),
    Measure("excess-deaths", synonyms=("excess mortality", "excess death"), not_comparable=("killed", "casualties"),
            description="deaths above the number expected without the event, from any cause, estimated "
                        "statistically"),
    Measure("share-of-territory", unit="percent", kind=Kind.SHARE,
            synonyms=("territory", "territory share", "share of territory", "territory regained",
                      "territory controlled", "of the territory"),
            description="the share of an area held, in percent"),
)


class MeasureRegistry:
    """The measure vocabulary: names, synonyms, and the part/whole, cap and comparability relations.

    A registry is cheap to copy; a scenario that adds measures works on a copy (:meth:`extended`) so
    one story's vocabulary never leaks into another's.
    """

    def __init__(self, measures: Iterable[Measure] = ()) -> None:
        self._measures: dict[str, Measure] = {}
        self._aliases: dict[str, str] = {}
        self._wholes: dict[str, tuple[str, ...]] = {}
        for measure in measures:
            self.register(measure, _check=False)
        self._check()

    # -- building ---------------------------------------------------------------------------------------
    def register(self, measure: Measure, *, replace: bool = False, _check: bool = True) -> Measure:
        """Add ``measure``; its name and synonyms must not already mean another measure."""
        if measure.name in self._measures and not replace:
            raise MeasureError("measure already registered", text=measure.name,
                               expected="a new name, or replace=True")
        for alias in (measure.name, *measure.synonyms):
            owner = self._aliases.get(alias)
            if owner is not None and owner != measure.name and not replace:
                raise MeasureError(f"synonym already means {owner!r}", text=alias,
                                   expected="a synonym no other measure uses")
        self._measures[measure.name] = measure
        self._aliases[measure.name] = measure.name
        for alias in measure.synonyms:
            self._aliases.setdefault(alias, measure.name)
        if _check:
            self._check()
        return measure

    def extended(self, measures: Iterable[Measure]) -> "MeasureRegistry":
        """A copy of this registry with ``measures`` added."""
        copy = MeasureRegistry(self._measures.values())
        for measure in measures:
            copy.register(measure, _check=False)
        copy._check()
        return copy

    def _check(self) -> None:
        wholes: dict[str, list[str]] = {}
        for m in self._measures.values():
            for ref in (*m.parts, *((m.capped_by,) if m.capped_by else ()), *m.not_comparable):
                if ref not in self._measures:
                    raise MeasureError(f"measure {m.name!r} refers to an unknown measure", text=ref,
                                       expected="a registered measure")
            for part in m.parts:
                if self._measures[part].unit != m.unit and self._measures[part].unit != "count":
                    raise MeasureError(f"part {part!r} of {m.name!r} is in another unit", text=part,
                                       expected=f"a measure in {m.unit}")
                wholes.setdefault(part, []).append(m.name)
        self._wholes = {k: tuple(v) for k, v in wholes.items()}
        # Parts must form a forest: a measure that is (transitively) part of itself has no meaning.
        for name in self._measures:
            seen: set[str] = set()
            stack = [name]
            while stack:
                current = stack.pop()
                for whole in self._wholes.get(current, ()):
                    if whole == name:
                        raise MeasureError("measures are parts of each other", text=name,
                                           expected="parts that form a tree")
                    if whole not in seen:
                        seen.add(whole)
                        stack.append(whole)

    # -- reading ----------------------------------------------------------------------------------------
    def resolve(self, text: str) -> Measure:
        """The measure named, or meant by a synonym; raises :class:`~reconcile.errors.MeasureError`."""
        key = measure_name(text) if isinstance(text, str) else text
        name = self._aliases.get(key)
        if name is None:
            known = ", ".join(sorted(self._measures))
            raise MeasureError("unknown measure", text=str(text), expected=f"one of: {known}")
        return self._measures[name]

    def get(self, text: str) -> Measure | None:
        name = self._aliases.get(measure_name(text))
        return self._measures[name] if name else None

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and measure_name(text) in self._aliases

    def __iter__(self) -> Iterator[Measure]:
        return iter(sorted(self._measures.values(), key=lambda m: m.name))

    def __len__(self) -> int:
        return len(self._measures)

    def wholes(self, name: str) -> tuple[str, ...]:
        """The measures ``name`` is a direct part of."""
        return self._wholes.get(name, ())

    def ancestors(self, name: str) -> tuple[str, ...]:
        """Every measure ``name`` is a part of, nearest first."""
        out: list[str] = []
        frontier = list(self.wholes(name))
        while frontier:
            current = frontier.pop(0)
            if current not in out:
                out.append(current)
                frontier.extend(self.wholes(current))
        return tuple(out)

    def is_part(self, part: str, whole: str) -> bool:
        """True when ``part`` is (transitively) a part of ``whole``."""
        return whole in self.ancestors(part)

    def complement(self, part: str, whole: str) -> str | None:
        """The measure that with ``part`` makes up ``whole``, when ``whole`` has exactly two parts."""
        parts = self.resolve(whole).parts
        if len(parts) == 2 and part in parts:
            return parts[1] if parts[0] == part else parts[0]
        return None

    def comparable(self, a: str, b: str) -> bool:
        """False when either measure declares the other not comparable."""
        return b not in self.resolve(a).not_comparable and a not in self.resolve(b).not_comparable

    def incomparable_pairs(self) -> list[tuple[str, str]]:
        """Every pair of measures declared not comparable, each once, sorted."""
        pairs = {(min(m.name, other), max(m.name, other)) for m in self._measures.values()
                 for other in m.not_comparable}
        return sorted(pairs)

    def capped(self, name: str) -> str | None:
        """The measure whose figures cap ``name``'s, inherited from wholes (killed is capped like casualties)."""
        for candidate in (name, *self.ancestors(name)):
            cap = self._measures[candidate].capped_by
            if cap:
                return cap
        return None


DEFAULT_MEASURES = MeasureRegistry(DEFAULT_DEFINITIONS)


def register_measure(measure: Measure, *, replace: bool = False) -> Measure:
    """Add a measure to the default vocabulary used when no registry is given."""
    return DEFAULT_MEASURES.register(measure, replace=replace)
