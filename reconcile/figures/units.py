"""The one pint registry of the package, and the few conversions reconcile does at its edges.

Why a registry of our own: pint's default registry takes ~125 ms to build and knows thousands of units
no conflict figure uses; ``UnitRegistry(None)`` plus ``units.txt`` takes a few milliseconds and adds the
one dimension news figures need most — a headcount (``person``, with aliases soldier, troop, people).
The registry is made pint's application registry so pickled quantities load in other processes.

Why only at the edges: figures are intervals of plain numbers (see :mod:`reconcile.figures.quantity`); pint
checks and converts a unit once per figure, never inside the comparison loops, where its scalar
arithmetic would cost ~50x more than plain floats.

Why pint is imported only when needed (issue 12): importing pint costs ~0.6 s (it imports numpy, dask and
more to see what it can support), more than reading a small scenario. The names and aliases written in
``units.txt`` are also read here as plain text, so :func:`canonical_unit` and :func:`is_count` answer the
common case — a unit spelled exactly as ``units.txt`` spells it — without pint; anything else (an
expression, a unit of pint's own, a conversion between two different units, :data:`ureg` itself) builds
the registry on first use. Once :func:`define` has changed the registry, pint answers everything.
``tests/test_units.py`` checks that every answer of the table is the registry's.

>>> canonical_unit("troops")
'person'
>>> conversion_factor("percent", "dimensionless")
0.01
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..errors import DimensionalityError, UnitError

if TYPE_CHECKING:
    import pint

    ureg: pint.UnitRegistry  # built on first use, by the module's __getattr__

__all__ = ["ureg", "canonical_unit", "conversion_factor", "check_compatible", "is_count", "define"]

_SHARES = ("percent", "per_mille", "dimensionless")
_REGISTRY: list[pint.UnitRegistry] = []  # the registry, once built


def _definitions() -> str:
    return resources.files("reconcile.figures").joinpath("units.txt").read_text(encoding="utf-8")


def _registry() -> pint.UnitRegistry:
    """The registry, built (and pint imported) on first use."""
    if not _REGISTRY:
        import pint

        registry: pint.UnitRegistry = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False)
        registry.load_definitions(str(resources.files("reconcile.figures").joinpath("units.txt")))
        pint.set_application_registry(registry)
        _REGISTRY.append(registry)
    return _REGISTRY[0]


def __getattr__(name: str) -> pint.UnitRegistry:
    if name == "ureg":
        return _registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# A plain name as pint reads it unchanged (symbols such as "%" or "‰" go through pint's own rewriting).
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _known_units(text: str) -> dict[str, tuple[str, bool | None]]:
    """``spelling -> (canonical name, is_count or None)`` for the names and aliases of ``units.txt``.

    ``is_count`` is known for a unit defined as a dimension of its own (``[headcount]``) or as a plain
    number (``0.01``); for a unit defined from others (``1000 * meter``) it is ``None`` and pint decides.
    Definitions this does not read (pint directives) leave the table empty: pint then answers everything.
    """
    table: dict[str, tuple[str, bool | None]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@"):
            return {}
        parts = [p.strip() for p in line.split("=")]
        name, value, aliases = parts[0], parts[1] if len(parts) > 1 else "", parts[2:]
        if value.startswith("["):
            counted: bool | None = name not in _SHARES and value != "[length]"
        elif _NUMBER.fullmatch(value):
            counted = name not in _SHARES
        else:
            counted = None
        for spelling in (name, *aliases):
            if spelling != "_" and _NAME.fullmatch(spelling) and spelling not in table:
                table[spelling] = (name, counted)
    return table


_KNOWN = _known_units(_definitions())


@lru_cache(maxsize=1024)
def canonical_unit(text: str) -> str:
    """The registry's canonical name for a unit written as ``text`` (``"troops"`` → ``"person"``).

    Raises :class:`~reconcile.errors.UnitError` for a unit the registry does not know.
    """
    cleaned = text.strip()
    if not cleaned:
        raise UnitError("empty unit", text=text, expected="a unit such as 'person' or 'percent'")
    known = _KNOWN.get(cleaned)
    if known is not None:
        return known[0]
    import pint

    try:
        unit = _registry().parse_units(cleaned)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, ValueError, TypeError,
            AttributeError, KeyError, AssertionError, SyntaxError, IndexError) as exc:
        raise UnitError("unknown unit", text=text,
                        expected="a unit reconcile knows (person, vehicle, count, percent, km2, ...)") from exc
    name = str(unit)
    return name if name else "dimensionless"


@lru_cache(maxsize=1024)
def conversion_factor(from_unit: str, to_unit: str) -> float:
    """The factor that turns a number in ``from_unit`` into ``to_unit``; raises on incompatible units."""
    src, dst = canonical_unit(from_unit), canonical_unit(to_unit)
    if src == dst:
        return 1.0
    import pint

    try:
        return float(_registry().Quantity(1.0, src).to(dst).magnitude)
    except pint.errors.DimensionalityError as exc:
        raise DimensionalityError(
            f"cannot compare {src} with {dst}: they measure different things",
            text=f"{from_unit} -> {to_unit}",
            expected=f"a unit compatible with {dst}",
        ) from exc


def check_compatible(unit_a: str, unit_b: str) -> None:
    """Raise :class:`~reconcile.errors.DimensionalityError` unless the two units convert into each other."""
    conversion_factor(unit_a, unit_b)


@lru_cache(maxsize=256)
def is_count(unit: str) -> bool:
    """True for units of things counted one by one (people, vehicles, plain counts), not for shares."""
    canonical = canonical_unit(unit)
    known = _KNOWN.get(canonical)
    if known is not None and known[0] == canonical and known[1] is not None:
        return known[1]
    return canonical not in _SHARES and not _registry().parse_units(canonical).dimensionality.get("[length]")


def define(definition: str) -> None:
    """Add a unit to the registry, in pint's definition syntax: ``define("drone = vehicle")``.

    Caches are cleared, so the new unit is usable at once.
    """
    import pint

    try:
        _registry().define(definition)
    except (pint.errors.DefinitionSyntaxError, pint.errors.RedefinitionError, ValueError) as exc:
        raise UnitError("invalid unit definition", text=definition,
                        expected="pint's syntax, e.g. 'drone = vehicle = _ = drones'") from exc
    finally:
        _KNOWN.clear()  # pint may now read a name of the table otherwise: from here on it answers everything
    canonical_unit.cache_clear()
    conversion_factor.cache_clear()
    is_count.cache_clear()
