"""Bulk claim files: JSON Lines, CSV and Parquet, one claim a line or row, read exactly as a scenario's claims are.

A bulk file holds claims only — the fields of a scenario claim (:data:`~reconcile.scenarios.reader.CLAIM_FIELDS`:
``id``, ``source``, ``via``, ``said_on``, ``as_of``, ``subject``, ``measure``, ``value``, ``status``, ``quote``,
``proposition``, ``polarity``, ``denies``) — and is read by the scenario reader itself: a row that is plainly
right is read straight from its values (:meth:`~reconcile.scenarios.rows.RowReader.record`, the path
a scenario file's plain claims take too); any other becomes the YAML nodes a scenario file would have held, marked
with its line (JSON Lines, CSV) or row number (Parquet), and goes through the same field checks, ``Claim`` construction,
duplicate-id, denial and fraction checks. So the errors are the scenario file's errors, located the same way
(file, line, claim id, field), every one collected and raised at the end as one
:class:`~reconcile.errors.ErrorList`.

The file is streamed (a row is read, checked and built, then dropped), so there is no byte cap as for
scenario files; only the claims are kept.

Formats, chosen by suffix:

``.jsonl`` / ``.ndjson``
    One JSON object a line; blank lines are skipped. Strings are read as written; a number is read as Python
    writes it (``300``; write ``"1,234"`` or ``"about 3k"`` as strings); ``null`` means not given; ``via`` and
    ``denies`` may be a list or one id; ``polarity`` is ``true`` or ``false``.
``.csv``
    A header row naming the columns, then one claim a row (UTF-8). An empty cell means not given; ``via`` and
    ``denies`` hold ids separated by ``;``; ``polarity`` is ``true`` or ``false``. Lines are the file's lines
    (the header is line 1).
``.parquet`` / ``.pq``
    Columns named as the fields (strings, numbers, booleans, dates, lists of strings); needs the ``parquet``
    extra (pyarrow). The ``line`` of an error is the row number, 1 for the first row.

Sources: a bulk file cannot declare its sources. Without a sources file every id is a source of its own
(no name, type ``unknown``); with one (YAML or JSON, the mapping a scenario's ``sources:`` block holds), the
claims must name its sources, as in a scenario.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "claims.jsonl"
>>> _ = path.write_text('{"id": "a", "source": "un", "said_on": "2024-05-01", "subject": "x", '
...                     '"measure": "killed", "value": "1,200"}\\n')
>>> [(c.id, c.source.id, str(c.estimate)) for c in load_claims(path)]
[('a', 'un', '1,200')]
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import os
import re
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import orjson
import yaml

from ..claims import Claim, Source
from ..errors import ErrorList, ReconcileError, ScenarioError
from ..measures import DEFAULT_MEASURES, VOCABULARY_VERSION
from .model import Scenario
from .reader import CLAIM_FIELDS, Read, _Reader
from .reader import load as load_yaml
from .yaml_nodes import BOOL, NULL, building, no_gc

__all__ = ["FORMATS", "LIST_SEPARATOR", "bulk_format", "load", "load_claims", "load_sources", "load_any"]

log = logging.getLogger("reconcile")

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
"""File suffix -> bulk format; any other suffix is a scenario file (YAML)."""

LIST_SEPARATOR = ";"
"""What separates the ids of ``via`` and ``denies`` in a CSV cell."""

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_LIST_FIELDS = ("via", "denies")
_REQUIRED_COLUMNS = ("id", "source", "said_on", "subject")
_PROGRESS_EVERY = 10_000  # rows between progress callbacks and log records
_BATCH = 1024  # JSON Lines read and checked together (RowReader.records); a few hundred kilobytes of rows

Progress = Callable[[int], None]
"""Called now and then with the number of rows read so far."""


def bulk_format(path: "str | os.PathLike[str]") -> str | None:
    """``jsonl``, ``csv`` or ``parquet`` for a bulk file (by suffix); ``None`` for a scenario file."""
    return FORMATS.get(Path(path).suffix.lower())


class _Sources(dict[str, Source]):
    """The sources of a bulk file read without a sources file: every valid id is a source of its own, made
    the first time a claim names it (so the reader's "unknown source" check passes for it)."""

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if not dict.__contains__(self, key):
            try:
                self[key] = Source(key)
            except ReconcileError:
                return False  # the reader reports it as an unknown source, naming the id
        return True


def load_sources(path: "str | os.PathLike[str]") -> tuple[Source, ...]:
    """The sources of a sources file: YAML or JSON, the mapping of a scenario's ``sources:`` block
    (``{un: {name: United Nations, type: un-agency}, afp: AFP}``); every error located, raised together."""
    p = Path(path)
    reader = _Reader(str(p))
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError("not UTF-8 text", file=str(p), text=str(exc.reason),
                            expected="a YAML or JSON file in UTF-8") from None
    with no_gc():
        root = reader.compose(text)
        sources = reader.sources(root) if root is not None else {}
    if reader.errors:
        raise ErrorList(reader.errors, file=str(p))
    return tuple(sources.values())


def load(path: "str | os.PathLike[str]", *, sources: "str | os.PathLike[str] | Iterable[Source] | None" = None,
         progress: Progress | None = None) -> Scenario:
    """A bulk file as a :class:`Scenario` (slug from the file name, its claims, no expectations).

    ``sources`` is a sources file or the sources themselves; without it every source id stands for itself.
    ``progress`` is called with the number of rows read every 10,000 rows. Raises one
    :class:`~reconcile.errors.ErrorList` naming every bad row; nothing is returned half-read.
    """
    p = Path(path)
    fmt = bulk_format(p)
    if fmt is None:
        raise ScenarioError("not a bulk claim file", file=str(p), text=p.suffix,
                            expected="a file ending in " + ", ".join(FORMATS))
    declared: tuple[Source, ...] | None = None
    if sources is not None:
        declared = load_sources(sources) if isinstance(sources, (str, os.PathLike)) else tuple(sources)
    known: dict[str, Source] = {s.id: s for s in declared} if declared is not None else _Sources()
    reader = _Reader(str(p))
    reader.vocabulary = VOCABULARY_VERSION  # a bulk file is read with the current vocabulary: no notes per row
    rows = _jsonl_batches(p, reader) if fmt == "jsonl" else _singles(
        {"csv": _csv_rows, "parquet": _parquet_rows}[fmt](p, reader))
    with building():  # every row builds objects that live on: the collector would only walk them again and again
        claims = reader.claim_list(_read(rows, reader, known, progress, p), known, DEFAULT_MEASURES, 1)
    if reader.errors:
        raise ErrorList(reader.errors, file=str(p))
    log.info("read %d claims from %s", len(claims), p)
    return Scenario(_slug(p), sources=declared if declared is not None else tuple(known.values()), claims=claims,
                    path=p)


def load_claims(path: "str | os.PathLike[str]", *,
                sources: "str | os.PathLike[str] | Iterable[Source] | None" = None) -> tuple[Claim, ...]:
    """The claims of a bulk file (JSON Lines, CSV, Parquet) or of a scenario file, in file order.

    ``sources`` (bulk files only) as for :func:`load`.
    """
    return load_any(path, sources=sources).claims


def load_any(path: "str | os.PathLike[str]", *, sources: "str | os.PathLike[str] | Iterable[Source] | None" = None,
             progress: Progress | None = None) -> Scenario:
    """A scenario file, or a bulk file by its suffix (:data:`FORMATS`), as a :class:`Scenario`."""
    if bulk_format(path) is None:
        if sources is not None:
            raise ScenarioError("a sources file is for bulk claim files", file=str(path),
                                expected="a scenario file's own sources: block, or a .jsonl, .csv or .parquet file")
        return load_yaml(path)
    return load(path, sources=sources, progress=progress)


# -- rows as the nodes a scenario file would hold ----------------------------------------------------------


def _slug(p: Path) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", p.stem).lstrip("-_.")
    return slug or "claims"


Batch = tuple[list[Any], list[int]]
"""Rows and their lines, read together (a chunk of a JSON Lines file), or one row alone."""


def _read(batches: Iterator[Batch], reader: _Reader, sources: dict[str, Source], progress: Progress | None,
          p: Path) -> Iterator["yaml.Node | Read"]:
    """Each row read straight from its values — a batch of rows at once
    (:meth:`~reconcile.scenarios.rows.RowReader.records`), and the rows it leaves one at a time
    (:meth:`~reconcile.scenarios.rows.RowReader.record`) — or, when anything about it is not plainly right, as
    the nodes a scenario file would hold, for the reader to report every error of it; ``progress`` is told
    every :data:`_PROGRESS_EVERY` rows."""
    rows_reader = reader.rows(sources, DEFAULT_MEASURES)
    record, file = rows_reader.record, reader.file
    n = 0
    for rows, lines in batches:
        read = rows_reader.records(rows, lines) if len(rows) > 1 else None
        for i, (row, line) in enumerate(zip(rows, lines)):
            n += 1
            done = read[i] if read is not None else None
            if done is None:  # a row the batch left: read alone, in its turn
                done = record(row, line)
            yield done if done is not None else _row(row, _mark(file, line))
            if n % _PROGRESS_EVERY == 0:
                if progress is not None:
                    progress(n)
                log.debug("%s: %d rows read", p, n)
    if progress is not None:
        progress(n)


def _singles(rows: Iterator[tuple[Any, int]]) -> Iterator[Batch]:
    for row, line in rows:
        yield [row], [line]


def _row(record: Any, mark: yaml.Mark) -> yaml.Node:
    """The claim mapping node of one row; its string values, the common case, made inline (a row is read in
    about 10 µs, a third of it here)."""
    if type(record) is not dict:  # a line that is not an object: the reader reports it
        return _node(record, mark)
    scalar = yaml.ScalarNode  # keys are text in JSON, CSV headers and Parquet column names
    return yaml.MappingNode(_MAP, [(scalar(_STR, k, mark, mark), scalar(_STR, v, mark, mark) if type(v) is str
                                    else _node(v, mark)) for k, v in record.items()], mark, mark)


def _node(value: Any, mark: yaml.Mark) -> yaml.Node:
    """The node a YAML file would hold for ``value`` (scalars as text, as the reader takes them)."""
    if value is None:
        return yaml.ScalarNode(NULL, "", mark, mark)
    if isinstance(value, str):
        return yaml.ScalarNode(_STR, value, mark, mark)
    if isinstance(value, bool):
        return yaml.ScalarNode(BOOL, "true" if value else "false", mark, mark)
    if isinstance(value, (list, tuple)):
        return yaml.SequenceNode(_SEQ, [_node(v, mark) for v in value], mark, mark)
    if isinstance(value, dict):
        return yaml.MappingNode(_MAP, [(_node(str(k), mark), _node(v, mark)) for k, v in value.items()], mark, mark)
    if isinstance(value, (dt.date, dt.datetime)):
        return yaml.ScalarNode(_STR, value.isoformat(), mark, mark)
    return yaml.ScalarNode(_STR, str(value), mark, mark)  # numbers, as Python writes them


def _mark(file: str, line: int) -> yaml.Mark:
    return yaml.Mark(file, 0, line - 1, 0, None, 0)  # marks count lines from 0; no buffer to show


def _jsonl_batches(p: Path, reader: _Reader) -> Iterator[Batch]:
    """The file's rows, :data:`_BATCH` lines at a time when each of them is a line of JSON, else (blank
    lines, a line that is not JSON, reported in its turn) those lines one at a time."""
    loads = orjson.loads
    with open(p, "rb") as fh:
        first = 1
        while True:
            chunk = list(islice(fh, _BATCH))
            if not chunk:
                return
            rows: list[Any] | None = None
            if all(map(bytes.strip, chunk)):
                try:
                    rows = list(map(loads, chunk))
                except orjson.JSONDecodeError:
                    rows = None
            if rows is not None:
                yield rows, list(range(first, first + len(chunk)))
            else:
                for line_no, raw in enumerate(chunk, first):
                    if not raw.strip():
                        continue
                    try:
                        value = loads(raw)
                    except orjson.JSONDecodeError as exc:
                        reader.error("not valid JSON", line_no, text=str(exc).split(":")[0],
                                     expected="one JSON object a line: {\"id\": ..., \"source\": ..., ...}")
                        continue
                    yield [value], [line_no]
            first += len(chunk)


def _columns(header: list[str], reader: _Reader, where: int) -> list[str | None] | None:
    """The header's fields (``None`` for a column to skip); ``None`` when a required column is missing."""
    out: list[str | None] = []
    seen: set[str] = set()
    for name in header:
        name = name.strip()
        if name not in CLAIM_FIELDS:
            reader.error("unknown column", where, field=name, text=name, expected="one of: " + ", ".join(CLAIM_FIELDS))
            out.append(None)
        elif name in seen:
            reader.error("column given twice", where, field=name, text=name, expected="each field once")
            out.append(None)
        else:
            seen.add(name)
            out.append(name)
    missing = [f for f in _REQUIRED_COLUMNS if f not in seen]
    for name in missing:
        reader.error("missing column", where, field=name, expected="columns " + ", ".join(_REQUIRED_COLUMNS)
                     + " and either measure and value or proposition and polarity")
    return None if missing else out


def _csv_cell(field: str, cell: str) -> Any:
    if cell == "":
        return None
    if field in _LIST_FIELDS:
        return [part.strip() for part in cell.split(LIST_SEPARATOR)]
    if field == "polarity" and cell.strip().lower() in ("true", "false"):
        return cell.strip().lower() == "true"
    return cell


def _csv_rows(p: Path, reader: _Reader) -> Iterator[tuple[Any, int]]:
    with open(p, encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        line = 1
        try:
            header = next(rows, None)
            if header is None:
                reader.error("empty file", None, expected="a header row naming the columns, then one claim a row")
                return
            columns = _columns(header, reader, 1)
            if columns is None:
                return
            line = rows.line_num + 1
            for row in rows:
                if row:  # a blank line is not a claim
                    if len(row) != len(columns):
                        reader.error(f"a row of {len(row)} cells", line, text=",".join(row)[:80],
                                     expected=f"{len(columns)} cells, one per column of the header")
                    else:
                        yield {f: _csv_cell(f, cell) for f, cell in zip(columns, row) if f is not None}, line
                line = rows.line_num + 1
        except UnicodeDecodeError as exc:
            reader.error("not UTF-8 text", line, text=str(exc.reason), expected="a CSV file in UTF-8")
        except csv.Error as exc:
            reader.error("not valid CSV", rows.line_num, text=str(exc), expected="comma-separated cells, quoted with \"")


def _parquet_rows(p: Path, reader: _Reader) -> Iterator[tuple[Any, int]]:
    try:
        import pyarrow.parquet as pq  # the optional 'parquet' extra
    except ImportError:
        raise ScenarioError("reading Parquet needs pyarrow, the 'parquet' extra", file=str(p),
                            expected="pip install 'reconcile[parquet]'") from None
    try:
        parquet = pq.ParquetFile(p)
    except Exception as exc:  # pyarrow raises its own ArrowInvalid, and OSError
        raise ScenarioError("not a Parquet file", file=str(p), text=str(exc)[:120],
                            expected="a Parquet file with one column per claim field") from None
    columns = _columns(list(parquet.schema_arrow.names), reader, 1)
    if columns is None:
        return
    wanted = [c for c in columns if c is not None]
    row = 0
    for batch in parquet.iter_batches(batch_size=65_536, columns=wanted):
        for record in batch.to_pylist():
            row += 1
            yield record, row
