"""What a figure counts: the measure vocabulary.

A :class:`Measure` knows its unit, how it behaves over time (:class:`Kind`: a *cumulative* count is a running
total since a start and never falls; a *stock* or *level* such as troops present, people missing or prisoners
held rises and falls; a *share* is a level in percent; a *flow* counts what happened over a stated window, such as
this week's arrivals), which measures are its parts (killed, wounded, missing and captured make up casualties;
killed is also part of deaths from all causes), which measure caps it (no more casualties than troops ever
deployed), and which measures it must never be compared with (excess deaths are neither killed nor deaths).

The default vocabulary, as a tree of parts (a measure may be part of two wholes)::

    casualties (losses)                                   cumulative; capped by deployed
    ├── killed (dead, fatalities, death toll)             cumulative; also part of deaths
    └── non-fatal (the remainder: wounded, missing or captured)
        ├── wounded (injured)                             cumulative
        ├── missing                                       level: falls as people are found
        └── captured (taken prisoner)                     cumulative: everyone ever captured
            └── prisoners-held (prisoners, pows)          level: falls with exchanges
    deaths (all causes: violence, hunger, disease)        cumulative
    └── killed
    displaced-ever                                        cumulative
    └── displaced (idps, refugees)                        level: people displaced now
    deployed (troops present)                             level; caps casualties
    arrivals                                              flow: counted over a window
    excess-deaths — not comparable with killed, deaths or casualties
    share-of-territory — a share, in percent

Which rule families apply to which kinds is :data:`RULE_FAMILIES`; the README's measure table is
:func:`markdown_table` of :data:`DEFAULT_MEASURES` (a test keeps the two equal).

>>> DEFAULT_MEASURES.resolve("fatalities").name
'killed'
>>> DEFAULT_MEASURES.resolve("deaths").name, DEFAULT_MEASURES.is_part("killed", "deaths")
('deaths', True)
>>> DEFAULT_MEASURES.resolve("missing").kind.value
'stock'
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import Iterable, Iterator

import attrs

from .errors import MeasureError
from .figures.units import canonical_unit

__all__ = ["Kind", "Measure", "MeasureRegistry", "DEFAULT_MEASURES", "register_measure", "measure_name",
           "RuleFamily", "RULE_FAMILIES", "applies", "markdown_table", "rule_table", "VOCABULARY_VERSION", "CHANGED_WORDS"]


class Kind(str, Enum):
    """How a measure behaves over time. ``level`` is another name for ``stock`` (``Kind("level")`` is
    ``Kind.STOCK``)."""

    CUMULATIVE = "cumulative"  # a running total since a start: never falls (killed, displaced ever)
    STOCK = "stock"            # a level at a time: rises and falls (troops present, missing, prisoners held)
    SHARE = "share"            # a level in percent: rises and falls, at most 100%
    FLOW = "flow"              # a count over a stated window (this week's arrivals): every figure is a window

    def __str__(self) -> str:
        return self.value

    @classmethod
    def _missing_(cls, value: object) -> "Kind | None":
        return cls.STOCK if isinstance(value, str) and value.strip().lower() == "level" else None

    @property
    def is_count(self) -> bool:
        """A count of things (not a share): parts of a subject add up within it."""
        return self is not Kind.SHARE


@attrs.frozen
class RuleFamily:
    """A family of rules and the measure kinds it applies to (documentation the runner also consults)."""

    name: str
    kinds: frozenset[Kind]
    checks: str


_ALL = frozenset(Kind)
_COUNTS = frozenset(k for k in Kind if k.is_count)
RULE_FAMILIES: tuple[RuleFamily, ...] = (
    RuleFamily("figures.same-time", _ALL, "figures at one time (flows: over the same window) agree, refine or "
                                          "contradict"),
    RuleFamily("figures.over-time", frozenset({Kind.CUMULATIVE}), "a later figure below an earlier one "
                                                                  "contradicts (the count cannot fall)"),
    RuleFamily("figures.update", frozenset({Kind.CUMULATIVE, Kind.STOCK, Kind.SHARE}),
               "a later figure updates the earlier one (levels may fall)"),
    RuleFamily("composition.part-whole", _ALL, "a part above its whole (killed above casualties) contradicts"),
    RuleFamily("comparability", _ALL - {Kind.FLOW}, "measures declared not comparable are never set against each other"),
    RuleFamily("flows.window", frozenset({Kind.CUMULATIVE, Kind.STOCK, Kind.FLOW}),
               "a count over a window is at most the count over a window containing it"),
    RuleFamily("flows.total", frozenset({Kind.CUMULATIVE}),
               "a count over a window is at most the running total after it and its growth across the window, "
               "and at least the total's growth inside the window (the kind is the total's: a window count of a "
               "level is held against the cumulative whole it is part of)"),
    RuleFamily("hierarchy.part-whole", _COUNTS, "a part of a subject (a region) is at most its whole (the "
                                                "country) at the same time; declared complete parts add up to it"),
)


def applies(family: str, kind: Kind) -> bool:
    """True when the rule family ``family`` (a :data:`RULE_FAMILIES` name) applies to measures of ``kind``."""
    for f in RULE_FAMILIES:
        if f.name == family:
            return kind in f.kinds
    raise KeyError(family)


_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")


_SEPARATORS = re.compile(r"[\s_]+")


@lru_cache(maxsize=1 << 12)
def measure_name(text: str) -> str:
    """The normal form of a measure name or synonym: lower case, words joined by hyphens."""
    # Cached: the rules resolve a group's measure name for every claim and pair, and a story has few names.
    return _SEPARATORS.sub("-", text.strip().lower())


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
    # "deaths" is not here: deaths from all causes include the killed (issue 11).
    Measure("killed", synonyms=("dead", "fatalities", "died", "killed in action", "kia", "death toll", "slain",
                                "lost their lives"),
            description="people killed by violence, counted since the start"),
    Measure("deaths", synonyms=("death", "deaths from all causes", "all-cause deaths", "total deaths"),
            parts=("killed",),
            description="people who died from any cause (violence, hunger, disease), counted since the start"),
    Measure("non-fatal", synonyms=("non-fatal casualties", "nonfatal", "wounded missing or captured", "remainder"),
            parts=("wounded", "missing", "captured"),
            description="casualties other than the killed: wounded, missing or captured"),
    Measure("wounded", synonyms=("injured", "injuries", "hurt", "wounded in action", "wia"),
            description="people wounded or injured, counted since the start"),
    Measure("missing", kind=Kind.STOCK, synonyms=("missing in action", "mia", "unaccounted for"),
            description="people missing at a time: the level falls as people are found"),
    Measure("captured", synonyms=("taken prisoner", "detained", "captured in total"), parts=("prisoners-held",),
            description="people captured, counted since the start (including those since released)"),
    Measure("prisoners-held", kind=Kind.STOCK,
            synonyms=("prisoners", "prisoners of war", "pows", "pow", "held prisoner",
                      "in captivity", "held captive"),
            description="people held prisoner at a time: the level falls with exchanges and releases"),
    Measure("deployed", kind=Kind.STOCK, synonyms=("troops present", "troops deployed", "deployment", "present",
                                                   "sent", "stationed"),
            description="people present in the theatre at a time"),
    Measure("displaced", kind=Kind.STOCK, synonyms=("internally displaced", "idps", "refugees", "fled",
                                                    "displaced now", "currently displaced"),
            description="people displaced at a time: the level falls as people return"),
    Measure("displaced-ever", synonyms=("ever displaced", "displaced in total", "total displaced",
                                        "cumulative displaced"),
            parts=("displaced",),
            description="people displaced at any time since the start, counted whether or not they returned"),
    Measure("arrivals", kind=Kind.FLOW, synonyms=("new arrivals", "arrival"),
            description="people arriving over the window the figure states (this week's arrivals)"),
    Measure("excess-deaths", synonyms=("excess mortality", "excess death"),
            not_comparable=("killed", "casualties", "deaths"),
            description="deaths above the number expected without the event, from any cause, estimated "
                        "statistically"),
    Measure("share-of-territory", unit="percent", kind=Kind.SHARE,
            synonyms=("territory", "territory share", "share of territory", "territory regained",
                      "territory controlled", "of the territory"),
            description="the share of an area held, in percent"),
)

VOCABULARY_VERSION = 2
"""The version of the default vocabulary. A scenario file may say ``vocabulary: 2`` to state that it was written
for this one; files that do not, and use a word whose meaning changed (:data:`CHANGED_WORDS`), get a note."""

CHANGED_WORDS: dict[str, str] = {
    "deaths": "'deaths' now means deaths from all causes (measure deaths, of which killed is a part); it was a "
              "synonym of killed: write 'killed' for violent deaths only",
    "death": "'death' now means deaths from all causes (measure deaths, of which killed is a part); it was a "
             "synonym of killed: write 'killed' for violent deaths only",
    "missing": "missing is now a level (stock): a fall, as people are found, is an update, no longer a "
               "contradiction",
    "missing-in-action": "missing is now a level (stock): a fall is an update, no longer a contradiction",
    "mia": "missing is now a level (stock): a fall is an update, no longer a contradiction",
    "unaccounted-for": "missing is now a level (stock): a fall is an update, no longer a contradiction",
    "prisoners": "'prisoners' now means prisoners held (a level that falls with exchanges), part of captured; "
                 "it was a synonym of captured (cumulative): write 'captured' for everyone ever captured",
    "prisoners-of-war": "'prisoners of war' now means prisoners held (a level), part of captured; it was a "
                        "synonym of captured: write 'captured' for everyone ever captured",
    "pows": "'pows' now means prisoners held (a level), part of captured; it was a synonym of captured",
    "pow": "'pow' now means prisoners held (a level), part of captured; it was a synonym of captured",
}
"""Measure words (normal form) whose meaning changed in vocabulary version 2, with what changed."""


class MeasureRegistry:
    """The measure vocabulary: names, synonyms, and the part/whole, cap and comparability relations.

    A registry is cheap to copy; a scenario that adds measures works on a copy (:meth:`extended`) so
    one story's vocabulary never leaks into another's.
    """

    def __init__(self, measures: Iterable[Measure] = ()) -> None:
        self._measures: dict[str, Measure] = {}
        self._aliases: dict[str, str] = {}
        self._wholes: dict[str, tuple[str, ...]] = {}
        self._resolved: dict[str, Measure] = {}  # text -> measure, for resolve(); emptied on register()
        self._ancestors: dict[str, tuple[str, ...]] = {}  # likewise, for ancestors()
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
        self._resolved.clear()
        self._ancestors.clear()
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
        self._ancestors.clear()
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
        found = self._resolved.get(text) if isinstance(text, str) else None
        if found is not None:
            return found  # the rules resolve a group's measure for every claim and pair
        key = measure_name(text) if isinstance(text, str) else text
        name = self._aliases.get(key)
        if name is None:
            known = ", ".join(sorted(self._measures))
            raise MeasureError("unknown measure", text=str(text), expected=f"one of: {known}")
        if isinstance(text, str):
            self._resolved[text] = self._measures[name]
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
        cached = self._ancestors.get(name)
        if cached is not None:
            return cached
        out: list[str] = []
        frontier = list(self.wholes(name))
        while frontier:
            current = frontier.pop(0)
            if current not in out:
                out.append(current)
                frontier.extend(self.wholes(current))
        self._ancestors[name] = tuple(out)
        return self._ancestors[name]

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


def _cell(items: Iterable[str]) -> str:
    return ", ".join(items) or "—"


def markdown_table(registry: MeasureRegistry = DEFAULT_MEASURES) -> str:
    """The vocabulary as a Markdown table: name, kind, unit, parent, synonyms, not comparable with, what it counts.

    The README's table is this function's output for :data:`DEFAULT_MEASURES`, so the two cannot drift.
    """
    rows = ["| measure | kind | unit | part of | synonyms | not comparable with | counts |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for m in registry:
        against = sorted({*m.not_comparable, *(o.name for o in registry if m.name in o.not_comparable)})
        rows.append(f"| `{m.name}` | {m.kind.value} | {m.unit} | {_cell(registry.wholes(m.name))} | "
                    f"{_cell(m.synonyms)} | {_cell(against)} | {m.description} |")
    return "\n".join(rows) + "\n"


def rule_table() -> str:
    """Which rule families apply to which kinds, as a Markdown table (the README's copy is tested against it)."""
    kinds = list(Kind)
    rows = ["| rule family | checks | " + " | ".join(k.value for k in kinds) + " |",
            "| --- | --- | " + " | ".join("---" for _ in kinds) + " |"]
    for f in RULE_FAMILIES:
        rows.append(f"| `{f.name}` | {f.checks} | " + " | ".join("yes" if k in f.kinds else "—" for k in kinds)
                    + " |")
    return "\n".join(rows) + "\n"
