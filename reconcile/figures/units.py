"""The one pint registry of the package, and the few conversions reconcile does at its edges.

Why a registry of our own: pint's default registry takes ~125 ms to build and knows thousands of units
no conflict figure uses; ``UnitRegistry(None)`` plus ``units.txt`` takes a few milliseconds and adds the
one dimension news figures need most — a headcount (``person``, with aliases soldier, troop, people).
The registry is made pint's application registry so pickled quantities load in other processes.

Why only at the edges: figures are intervals of plain numbers (see :mod:`reconcile.figures.quantity`); pint
checks and converts a unit once per figure, never inside the comparison loops, where its scalar
arithmetic would cost ~50x more than plain floats.

>>> canonical_unit("troops")
'person'
>>> conversion_factor("percent", "dimensionless")
0.01
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pint

from ..errors import DimensionalityError, UnitError

__all__ = ["ureg", "canonical_unit", "conversion_factor", "check_compatible", "is_count", "define"]


def _build_registry() -> pint.UnitRegistry:
    registry: pint.UnitRegistry = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False)
    registry.load_definitions(str(resources.files("reconcile.figures").joinpath("units.txt")))
    return registry


ureg: pint.UnitRegistry = _build_registry()
pint.set_application_registry(ureg)


@lru_cache(maxsize=1024)
def canonical_unit(text: str) -> str:
    """The registry's canonical name for a unit written as ``text`` (``"troops"`` → ``"person"``).

    Raises :class:`~reconcile.errors.UnitError` for a unit the registry does not know.
    """
    cleaned = text.strip()
    if not cleaned:
        raise UnitError("empty unit", text=text, expected="a unit such as 'person' or 'percent'")
    try:
        unit = ureg.parse_units(cleaned)
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
    try:
        return float(ureg.Quantity(1.0, src).to(dst).magnitude)
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
    return canonical not in ("percent", "per_mille", "dimensionless") and not ureg.parse_units(canonical).dimensionality.get("[length]")


def define(definition: str) -> None:
    """Add a unit to the registry, in pint's definition syntax: ``define("drone = vehicle")``.

    Caches are cleared, so the new unit is usable at once.
    """
    try:
        ureg.define(definition)
    except (pint.errors.DefinitionSyntaxError, pint.errors.RedefinitionError, ValueError) as exc:
        raise UnitError("invalid unit definition", text=definition,
                        expected="pint's syntax, e.g. 'drone = vehicle = _ = drones'") from exc
    canonical_unit.cache_clear()
    conversion_factor.cache_clear()
    is_count.cache_clear()
