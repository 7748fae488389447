"""What a figure is about, and what that is part of: subject hierarchies.

Subjects are slugs (``nk-troops-kursk``); claims of one subject are compared with each other. A
:class:`SubjectRegistry` may say that some subjects are parts of others — regions of a country, units of a
force, days of a month — so that a part's figure is checked against its whole's at the same time (a part above
its whole is impossible) and parts are never compared with each other as if they counted the same thing. A whole
declared ``complete`` is made up of its declared parts and nothing else: they do not overlap and together they are
all of it, so their figures at one time add up to at most the whole's.

>>> regions = SubjectRegistry([Subject("north", part_of="country-z"), Subject("south", part_of="country-z"),
...                            Subject("country-z", complete=True)])
>>> regions.ancestors("north"), regions.parts("country-z"), regions.is_complete("country-z")
(('country-z',), ('north', 'south'), True)
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

import attrs

from .errors import ClaimError

__all__ = ["Subject", "SubjectRegistry", "NO_SUBJECTS"]


def _optional_text(value: Any) -> str | None:
    return None if value is None else str(value)


@attrs.frozen
class Subject:
    """One declared subject: what it is ``part_of`` (one whole, or ``None``), and whether its declared parts are
    all of it (``complete``)."""

    name: str
    part_of: str | None = attrs.field(default=None, converter=_optional_text)
    complete: bool = False
    description: str = ""


class SubjectRegistry:
    """Declared subjects and the part-of relation between them (a forest: each subject has at most one whole).

    Subjects no claim names may be declared (a country only ever given through its regions); a whole named by
    ``part_of`` need not be declared itself. Raises :class:`~reconcile.errors.ClaimError` (field ``subjects``)
    for a subject part of itself, directly or through others, and for ``complete`` on a subject without parts.
    """

    def __init__(self, subjects: Iterable[Subject] = ()) -> None:
        self._subjects: dict[str, Subject] = {}
        for s in subjects:
            if s.name in self._subjects:
                raise ClaimError("subject declared twice", field=f"subjects.{s.name}", text=s.name,
                                 expected="each subject once")
            self._subjects[s.name] = s
        parts: dict[str, list[str]] = {}
        for s in self._subjects.values():
            if s.part_of is not None:
                parts.setdefault(s.part_of, []).append(s.name)
        self._parts = {k: tuple(sorted(v)) for k, v in parts.items()}
        for name in self._subjects:
            seen = {name}
            current = self.whole(name)
            while current is not None:
                if current in seen:
                    raise ClaimError("subjects are parts of each other", field=f"subjects.{name}.part_of",
                                     text=name, expected="parts that form a tree (a region of a country, ...)")
                seen.add(current)
                current = self.whole(current)
        for s in self._subjects.values():
            if s.complete and not self._parts.get(s.name):
                raise ClaimError("complete, but no subject is declared part of it",
                                 field=f"subjects.{s.name}.complete", text=s.name,
                                 expected="subjects with 'part_of: " + s.name + "', or no 'complete'")

    @classmethod
    def from_mapping(cls, spec: Mapping[str, Mapping[str, Any]]) -> "SubjectRegistry":
        """From ``{north: {part_of: country-z}, country-z: {complete: True}}`` (the scenario file's form)."""
        return cls(Subject(name, (fields or {}).get("part_of"), bool((fields or {}).get("complete", False)),
                           str((fields or {}).get("description", ""))) for name, fields in spec.items())

    # -- reading ------------------------------------------------------------------------------------------
    def whole(self, name: str) -> str | None:
        """The subject ``name`` is directly part of."""
        s = self._subjects.get(name)
        return s.part_of if s is not None else None

    def ancestors(self, name: str) -> tuple[str, ...]:
        """Every subject ``name`` is part of, nearest first."""
        out: list[str] = []
        current = self.whole(name)
        while current is not None:
            out.append(current)
            current = self.whole(current)
        return tuple(out)

    def parts(self, name: str) -> tuple[str, ...]:
        """The subjects declared directly part of ``name``, sorted."""
        return self._parts.get(name, ())

    def is_complete(self, name: str) -> bool:
        s = self._subjects.get(name)
        return bool(s is not None and s.complete)

    def is_part(self, part: str, whole: str) -> bool:
        return whole in self.ancestors(part)

    def wholes(self) -> tuple[str, ...]:
        """Every subject with declared parts, sorted."""
        return tuple(sorted(self._parts))

    def __iter__(self) -> Iterator[Subject]:
        return iter(sorted(self._subjects.values(), key=lambda s: s.name))

    def __len__(self) -> int:
        return len(self._subjects)

    def __contains__(self, name: object) -> bool:
        return name in self._subjects or name in self._parts

    def __bool__(self) -> bool:
        return bool(self._subjects)


NO_SUBJECTS = SubjectRegistry()
"""No declared hierarchy: every subject stands alone (the default)."""
