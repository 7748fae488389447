"""The library's exceptions.

Every error reconcile raises on purpose derives from :class:`ReconcileError` *and* from the builtin a
caller would naturally catch (``ValueError``, ``TypeError``, ``LookupError``), the way pint's errors do.
Each carries structured fields — ``file``, ``line``, ``claim_id``, ``field``, ``text``, ``expected`` —
so a command-line front end can print one readable line and a notebook user can inspect the parts.

>>> try:
...     raise ParseError("not a figure", text="lots", expected="a number such as '300' or 'at least 300'")
... except ValueError as err:
...     print(err)
not a figure: 'lots' (expected a number such as '300' or 'at least 300')
"""

from __future__ import annotations

from typing import Any, Iterable

__all__ = [
    "ReconcileError",
    "ParseError",
    "DateError",
    "QuantityError",
    "UnitError",
    "DimensionalityError",
    "MeasureError",
    "ClaimError",
    "ScenarioError",
    "ErrorList",
    "format_error",
]

_LOCATION_FIELDS = ("file", "line", "claim_id", "field")


class ReconcileError(Exception):
    """Base of every error reconcile raises on purpose.

    ``message`` says what is wrong; the keyword fields say where (``file``, ``line``, ``claim_id``,
    ``field``), what was read (``text``) and what was expected (``expected``). All are optional.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        claim_id: str | None = None,
        field: str | None = None,
        text: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.claim_id = claim_id
        self.field = field
        self.text = text
        self.expected = expected
        super().__init__(message)

    def located(self, **where: Any) -> "ReconcileError":
        """Return a copy of this error with location fields filled in where they were unknown.

        Lower layers (the figure parser, the date parser) do not know which file or claim they are
        reading; the loader adds that context as the error passes through it.
        """
        fields = self.fields()
        for key, value in where.items():
            if key not in fields:
                raise TypeError(f"unknown location field {key!r}")
            if fields[key] is None:
                fields[key] = value
        clone = type(self).__new__(type(self))
        ReconcileError.__init__(clone, self.message, **fields)
        return clone

    def fields(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "claim_id": self.claim_id,
            "field": self.field,
            "text": self.text,
            "expected": self.expected,
        }

    def location(self) -> str:
        """``file:line: claim X: field Y`` — the parts that are known."""
        parts = []
        if self.file is not None:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.claim_id is not None:
            parts.append(f"claim {self.claim_id}")
        if self.field is not None:
            parts.append(f"field {self.field}")
        return ": ".join(parts)

    def __str__(self) -> str:
        body = self.message
        if self.text is not None:
            body += f": {self.text!r}"
        if self.expected is not None:
            body += f" (expected {self.expected})"
        where = self.location()
        return f"{where}: {body}" if where else body

    def __reduce__(self) -> tuple[Any, ...]:  # keep the structured fields through pickling (multiprocessing, Dask)
        return (_rebuild, (type(self), self.message, self.fields()))


def _rebuild(cls: type[ReconcileError], message: str, fields: dict[str, Any]) -> ReconcileError:
    err = cls.__new__(cls)
    ReconcileError.__init__(err, message, **fields)
    return err


class ParseError(ReconcileError, ValueError):
    """Text that is not a figure, date or other value reconcile can read."""


class DateError(ParseError):
    """A date that is not an ISO date, a partial date (``2024-09``, ``2024-fall``) or does not exist."""


class QuantityError(ReconcileError, ValueError):
    """An estimate whose numbers do not make sense (negative count, low above high, ...)."""


class UnitError(ReconcileError, ValueError):
    """A unit reconcile's registry does not know."""


class DimensionalityError(UnitError, TypeError):
    """Two figures whose units cannot be converted into each other (people vs percent)."""


class MeasureError(ReconcileError, LookupError):
    """A measure that is not in the vocabulary, or a measure definition that is inconsistent."""

    def __str__(self) -> str:  # LookupError/KeyError would otherwise repr() the message
        return ReconcileError.__str__(self)


class ClaimError(ReconcileError, ValueError):
    """A claim whose fields do not fit together (a figure without a measure, a denial of itself, ...)."""


class ScenarioError(ReconcileError, ValueError):
    """A scenario file that is not valid: bad YAML, an unknown source, a duplicate id, ..."""


class ErrorList(ReconcileError, ValueError):
    """Several errors found in one input, reported together (pandera-style: collect, then raise once).

    ``errors`` holds each :class:`ReconcileError`; ``str()`` lists them one a line.
    """

    def __init__(self, errors: Iterable[ReconcileError], *, file: str | None = None) -> None:
        self.errors = list(errors)
        n = len(self.errors)
        super().__init__(f"{n} error{'s' if n != 1 else ''}", file=file)

    def __str__(self) -> str:
        head = f"{self.file}: {self.message}" if self.file else self.message
        return "\n".join([head, *(f"  {err}" for err in self.errors)])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.errors,), {"file": self.file})

    def __setstate__(self, state: dict[str, Any] | None) -> None:
        if state is not None:  # BaseException's signature: None means no state to restore
            self.file = state.get("file")


def format_error(err: ReconcileError) -> list[str]:
    """One line per error: ``error: file:line: claim X: field Y: message: 'text' (expected ...)``."""
    if isinstance(err, ErrorList):
        return [line for inner in err.errors for line in format_error(inner)]
    return [f"error: {err}"]
