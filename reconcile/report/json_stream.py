"""The JSON report written with orjson, one record at a time: the same bytes as :meth:`Report.to_json`.

A million-claim report is over a gigabyte of JSON; the standard library's encoder with ``indent=2`` takes about
a minute for it, and :meth:`Report.to_dict` holds the whole document in memory first. Here each record (a
source, a claim, a finding, an estimate) is made, encoded by orjson and written before the next, so memory
holds one record, and the bytes are those of ``Report.to_json()`` — tested on the seed, every scenario and a
bench story.

Where orjson would spell something differently from the standard library, that record is encoded by the
standard library instead: numbers written with an exponent (``1e+16``, which orjson writes ``1e16``), integers
beyond 64 bits (orjson refuses them), NaN and infinities (which to_json refuses). Both are rare in reports; the
check is a type test per value (:func:`_same_spelling`).

Records go to orjson about a hundred at a time (:data:`CHUNK`), as one nested list whose indentation is
already that of the document, so no per-record splicing is needed. Claims, findings and estimates are their
``to_dict()``, and a chunk of them is checked by the floats of its number fields only (:func:`_floats_plain`):
their other values are text, ``None``, booleans, integers or lists of text and records by the types of the
classes. Anything orjson cannot write (integers beyond 64 bits, unknown objects) sends its chunk back to
:func:`_record`, one record at a time.

>>> from reconcile import Claim, Report, reconcile
>>> r = reconcile([Claim.figure("a", "un", "killed", "300", subject="x", said_on="2024-05-01")])
>>> report = Report.from_reconciliation(r, scenario="x")
>>> to_json_bytes(report) == report.to_json().encode("utf-8")
True
"""

from __future__ import annotations

import json
import logging
import os
from itertools import chain, islice
from operator import itemgetter
from typing import Any, Callable, Iterable, Iterator

import orjson

from ..io import no_gc, write_atomic
from .report import Report

__all__ = ["iter_json", "to_json_bytes", "write_json"]

log = logging.getLogger("reconcile")

_INDENT = b"    "  # records sit two levels deep: in the document, in their section's list


# Records encoded by one orjson call: memory holds about this many. Small enough that a chunk's records and
# their JSON stay in the processor's cache while they are made, encoded and freed: 128 makes a 100,000-claim
# report in 0.60 s of CPU where 1,024 took 0.71 s and 4,096 0.86 s; below 64 the calls start to cost.
CHUNK = 128


class _Records:
    """A section's records, with the check that tells whether orjson spells a chunk of them as the standard
    library."""

    def __init__(self, records: Iterator[dict[str, Any]], plain: Callable[[list[dict[str, Any]]], bool]) -> None:
        self.records, self.plain = records, plain


def _sections(report: Report) -> Iterator[tuple[str, Any]]:
    """The document's keys in :meth:`Report.to_dict` order: scalars as values, lists as :class:`_Records`."""
    yield "scenario", report.scenario
    yield "title", report.title
    yield "published", None if report.published is None else str(report.published)
    yield "sources", _Records(({"id": s.id, "name": s.label, "type": s.type} for s in report.sources),
                              _all_same_spelling)
    yield "claims", _Records((c.to_dict() for c in report.claims), _bounds_plain)
    yield "findings", _Records((f.to_dict() for f in report.findings), _severity_plain)
    shared: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}  # records are only encoded: see Summary.to_dict
    yield "estimates", _Records((s.to_dict(shared) for s in report.summaries), _bounds_plain)
    yield "reliability", _Records((s.to_dict() for s in report.reliability), _all_same_spelling)


_NO_EXPONENT = (1e-4, 1e16)  # floats with 0 or 1e-4 <= |x| < 1e16: both encoders write them without an exponent


def _floats_plain(values: Iterable[Any]) -> bool:
    """True unless a float among ``values`` is one orjson writes otherwise than the standard library (with an
    exponent), or one to_json refuses (NaN, infinities: neither is in the range). Integers need no test:
    orjson writes 64-bit ones as the standard library does and refuses larger ones, a TypeError that sends
    their chunk record by record to :func:`_record`."""
    low, high = _NO_EXPONENT
    for v in values:
        if type(v) is float and not (v == 0 or low <= abs(v) < high):
            return False
    return True


# The number fields of claims and estimates (origins is an int) and of findings: the only values of these
# records that can be floats, by the types of the classes.
_BOUNDS = itemgetter("low", "best", "high")
_SEVERITY = itemgetter("severity")


def _bounds_plain(records: list[dict[str, Any]]) -> bool:
    return _floats_plain(chain.from_iterable(map(_BOUNDS, records)))


def _severity_plain(records: list[dict[str, Any]]) -> bool:
    return _floats_plain(map(_SEVERITY, records))


def _all_same_spelling(records: list[dict[str, Any]]) -> bool:
    return all(map(_same_spelling, records))


def _same_spelling(record: dict[str, Any]) -> bool:
    """True when orjson writes ``record`` as the standard library does: its values are text, booleans,
    ``None``, 64-bit integers, floats written without an exponent (0, or 1e-4 <= |x| < 1e16: both encoders give
    the shortest round-trip digits there) or lists of text — the shape of every report record. Anything else
    goes to the standard library. A type test per value is ten times cheaper than scanning the bytes."""
    for v in record.values():
        t = type(v)
        if t is str or v is None or t is bool:
            continue
        if t is int:
            if -2**63 <= v < 2**63:
                continue
            return False
        if t is float:
            if _floats_plain((v,)):
                continue
            return False
        if t is list and all(type(x) is str for x in v):
            continue
        return False
    return True


def _record(value: Any) -> bytes:
    """One record as ``json.dumps(indent=2)`` would write it inside the document's lists."""
    if type(value) is dict and _same_spelling(value):
        data = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    else:  # the reference encoder itself: it writes big integers, and raises on NaN as to_json does
        data = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False).encode("utf-8")
    return _INDENT + data.replace(b"\n", b"\n" + _INDENT)


def iter_json(report: Report) -> Iterator[bytes]:
    """The report's JSON (``Report.to_json()`` encoded as UTF-8), in pieces of about one record each."""
    yield b"{"
    for i, (key, value) in enumerate(_sections(report)):
        head = (b",\n  " if i else b"\n  ") + json.dumps(key).encode("utf-8") + b": "
        if not isinstance(value, _Records):
            yield head + json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
            continue
        first = True
        while True:
            # Records are dicts and lists of text, never cycles: the collector would only walk the report's
            # objects again and again (most of the time of this loop), so it rests while a chunk is made.
            with no_gc():
                chunk = list(islice(value.records, CHUNK))
                data = _chunk(chunk, value.plain) if chunk else b""
            if not chunk:
                break
            yield head + b"[\n" if first else b",\n"  # apart from the chunk: joined, its megabyte is copied again
            yield data
            first = False
        yield head + b"[]" if first else b"\n  ]"
    yield b"\n}\n"


_NESTED = (len(b"[\n  [\n"), -len(b"\n  ]\n]"))  # what a list in a list adds around records at depth two


def _chunk(records: list[dict[str, Any]], plain: Callable[[list[dict[str, Any]]], bool]) -> bytes:
    """Records as :func:`_record` writes them, joined by ``,\\n``: by one orjson call when every record is
    plain, else one by one."""
    if plain(records):
        try:
            return orjson.dumps([records], option=orjson.OPT_INDENT_2)[_NESTED[0]:_NESTED[1]]
        except TypeError:  # orjson.JSONEncodeError: an object it cannot write; the reference encoder decides
            return b",\n".join(_record(r) for r in records)
    return b",\n".join(_record(r) for r in records)


def to_json_bytes(report: Report) -> bytes:
    """The whole JSON document as bytes (for small reports; :func:`write_json` streams to a file)."""
    return b"".join(iter_json(report))


def write_json(report: Report, path: "str | os.PathLike[str]", *,
               progress: Callable[[int], None] | None = None) -> None:
    """Write the report's JSON to ``path`` atomically, one record at a time; ``progress`` gets the bytes
    written so far, now and then.

    The collector rests for the whole write, not only while each chunk is made (as :func:`iter_json` has it,
    since its consumer may make cycles between pieces): here nothing but records is made, and the contradiction
    records kept for the estimates (see ``Summary.to_dict``) outlive their chunks, so the collector would
    otherwise walk every object of a report not yet frozen now and then, a second each on a million claims."""
    with no_gc():
        write_atomic(path, _counting(iter_json(report), progress))
    log.info("wrote the JSON report to %s", path)


def _counting(chunks: Iterable[bytes], progress: Callable[[int], None] | None) -> Iterator[bytes]:
    written = 0
    for chunk in chunks:  # a piece holds up to CHUNK records: progress after each
        written += len(chunk)
        if progress is not None:
            progress(written)
        yield chunk
    if progress is not None:
        progress(written)
