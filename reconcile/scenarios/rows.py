"""Claims read straight from plain values: a bulk row, or a scenario claim written plainly, without the
YAML node helpers.

Why a second path: the node helpers locate every error, and cost most of the time of a big file. A row that
is plainly right (known fields, plain scalars, a known source, a date, a figure the parser reads) is read here;
anything else returns ``None`` and the caller reads it from nodes, which reports every error exactly as for a
scenario file. So this path records no error and makes no claim the node path would not make
(tests/test_bulk.py compares the two on generated rows and files).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import yaml

from ..claims import Claim, Source, Status
from ..errors import ReconcileError
from ..figures.dates import Period
from ..figures.quantity import Estimate, Portion
from ..measures import CHANGED_WORDS, VOCABULARY_VERSION, Measure, MeasureRegistry, measure_name
from .yaml_nodes import BOOL, NULL

__all__ = ["Read", "record", "node_row", "row_text", "ROW_FIELDS"]

Read = tuple[str, Claim, list[tuple[str, int]], int]
"""A bulk row read by :func:`record`: its id, its claim, its denials with their line, its line."""

# How record() reads each field (as claim_fields.py's _FIELD_READERS reads it from its node).
_ID, _SOURCE, _SOURCES, _DATE, _TEXT, _FREE_TEXT, _STATUS, _POLARITY, _IDS = range(9)
_CODES = {"id": _ID, "source": _SOURCE, "via": _SOURCES, "said_on": _DATE, "as_of": _DATE, "subject": _TEXT,
          "measure": _TEXT, "value": _TEXT, "proposition": _TEXT, "quote": _FREE_TEXT, "origin": _FREE_TEXT,
          "status": _STATUS, "polarity": _POLARITY, "denies": _IDS, "corrects": _IDS}
ROW_FIELDS = frozenset(_CODES)


_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_TEXT_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("str", "bool", "int", "float", "timestamp"))


def node_row(node: yaml.Node) -> tuple[dict[str, Any], yaml.Node | None] | None:
    """A claim's mapping node as the row :func:`record` reads — each scalar as the text written (null
    as ``None``; ``polarity`` true or false as a bool), a list of scalars as a list of texts — and its
    ``denies`` node (a denial's error names its line). ``None`` for anything that needs the node helpers to
    report it: another tag, a key given twice, a key that is not text, a mapping or a nested list as a value."""
    if not isinstance(node, yaml.MappingNode) or node.tag != _MAP_TAG:
        return None
    row: dict[str, Any] = {}
    denies: yaml.Node | None = None
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            return None
        key = key_node.value
        if key in row:
            return None
        kind = type(value_node)
        if kind is yaml.ScalarNode:
            tag = value_node.tag
            if tag == NULL:
                row[key] = None
            elif tag == BOOL and key == "polarity":
                row[key] = yaml.constructor.SafeConstructor.bool_values[value_node.value.lower()]
            elif tag in _TEXT_TAGS:
                row[key] = value_node.value
            else:
                return None
        elif kind is yaml.SequenceNode and value_node.tag == _SEQ_TAG:
            items: list[str | None] = []
            for item in value_node.value:
                if type(item) is not yaml.ScalarNode:
                    return None
                if item.tag == NULL:
                    items.append(None)
                elif item.tag in _TEXT_TAGS:
                    items.append(item.value)
                else:
                    return None
            row[key] = items
        else:
            return None
        if key == "denies":
            denies = value_node
    return row, denies


def row_text(value: Any) -> str | None:
    """The text a bulk row's scalar stands for, as its YAML node would hold it (scenarios/bulk.py ``_node``);
    ``None`` for anything else (a list, a mapping, null, a type the row reader has no plain text for)."""
    kind = type(value)
    if kind is str:
        return value
    if kind is int or kind is float:
        return str(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is dt.date or kind is dt.datetime:
        return value.isoformat()
    return None


def record(row: Any, line: int, sources: dict[str, Source], registry: MeasureRegistry,
           measure_of: Callable[[str, MeasureRegistry], Measure], value_of: Callable[[str, str], "Estimate | Portion"],
           vocabulary: int | None) -> "Read | None":
    """One bulk row (a dict of field -> JSON-like value, as :mod:`reconcile.scenarios.bulk` reads it, or as
    :func:`node_row` makes of a scenario file's claim) read without the node helpers: ``(id, claim, denials, line)``
    for :meth:`claim_reader.ClaimReader.claim_list`, or ``None`` whenever anything about the row is not plainly
    right — then the caller gives the row to :meth:`claim_reader.ClaimReader.claim` as nodes, which reports every
    error exactly as for a scenario file. So this path records no error and makes no claim
    :meth:`claim_reader.ClaimReader.claim` would not make (tests/test_bulk.py compares the two).

    Fields are read in the row's order, as :meth:`claim_reader.ClaimReader.claim` reads them: a bulk file's sources
    are made the first time a claim names them, and their order is the scenario's."""
    if type(row) is not dict:
        return None
    kw: dict[str, Any] = {}
    code_of, find = _CODES.get, sources.get
    for field, value in row.items():
        code = code_of(field)
        if code is None:
            return None  # an unknown field
        if value is None:
            continue  # null: not given
        kind = type(value)
        if code == _POLARITY:
            if kind is not bool:
                return None
            kw[field] = value
            continue
        ids: tuple[str, ...] | None = None
        if kind is str:
            text = value
        elif kind is list or kind is tuple:  # only lists of ids may be lists
            if code != _SOURCES and code != _IDS:
                return None
            items: list[str] = []
            for item in value:
                one = row_text(item)
                if one is None:
                    return None
                items.append(one)
            ids, text = tuple(items), ""
        else:
            scalar = row_text(value)
            if scalar is None:
                return None
            text = scalar
        if code == _TEXT:  # subject, measure, value, proposition: never empty
            if not text.strip():
                return None
            kw[field] = text
        elif code == _SOURCE:
            source = find(text)
            if source is None:
                if text not in sources:  # a bulk file without a sources file makes it here
                    return None
                source = sources[text]
            kw[field] = source
        elif code == _DATE:
            try:
                kw[field] = Period.parse(text)
            except ReconcileError:
                return None
        elif code == _ID or code == _FREE_TEXT:
            kw[field] = text
        elif code == _STATUS:
            try:
                kw[field] = Status(text)
            except ValueError:
                return None
        elif code == _SOURCES:
            found = []
            for sid in (text,) if ids is None else ids:
                source = find(sid)
                if source is None:
                    if sid not in sources:
                        return None
                    source = sources[sid]
                found.append(source)
            kw[field] = tuple(found)
        else:  # denies, corrects
            kw[field] = (text,) if ids is None else ids
    cid = kw.pop("id", None)
    if cid is None or "source" not in kw or "said_on" not in kw or "subject" not in kw:
        return None
    figure = "measure" in kw and "value" in kw and "proposition" not in kw and "polarity" not in kw
    statement = "proposition" in kw and "polarity" in kw and "measure" not in kw and "value" not in kw
    if not figure and not statement:
        return None
    if figure:
        try:
            measure = measure_of(kw["measure"], registry)
            value = value_of(kw.pop("value"), measure.unit)
        except ReconcileError:
            return None
        if not isinstance(value, Estimate):
            return None  # a fraction of another claim: the node path keeps it pending
        word = kw["measure"]
        if (vocabulary is None or vocabulary < VOCABULARY_VERSION) and measure_name(word) in CHANGED_WORDS:
            return None  # an old file using a word whose meaning changed: claim() notes it
        kw["measure"] = measure.name
        kw["estimate"] = value
        if word != measure.name:
            kw["measure_word"] = word
    try:
        claim = Claim(id=cid, **kw)
    except ReconcileError:
        return None
    return cid, claim, [(d, line) for d in kw.get("denies", ())], line
