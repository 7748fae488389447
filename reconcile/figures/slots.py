"""Building frozen attrs objects whose values are already checked, without their converters and validators.

Why: loading a million claims builds a million :class:`~reconcile.claims.Claim` objects (and as many periods
and estimates for a daily series); attrs' ``__init__`` converts and validates every field again, through a
bound ``object.__setattr__`` per field, although the reader has just read and checked each value itself. A
slot's own descriptor sets it at about half the cost. The public constructors keep every check: only readers
that have checked a value themselves build through :func:`slot_setters`, and the tests compare what they build
with what the checked constructor builds, field by field.
"""

from __future__ import annotations

from typing import Any, Callable

import attrs

__all__ = ["slot_setters"]


def slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...]:
    """The setters of the slots ``names`` of the attrs class ``cls``, in that order; ``names`` must be every
    field of ``cls`` (those not set by ``__init__`` too), so that a field added later is not left unset."""
    fields = tuple(a.name for a in attrs.fields(cls))
    if set(fields) != set(names) or len(fields) != len(names):
        raise TypeError(f"{cls.__name__} has fields {fields}, not {names}")  # pragma: no cover - a code change
    return tuple(cls.__dict__[name].__set__ for name in names)
