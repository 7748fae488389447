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
from itertools import repeat
from operator import itemgetter
from typing import Any, Callable, Sequence, cast

import yaml

from ..claims import _ID as _ID_PATTERN
from ..claims import Claim, Source, Status, trusted_claim
from ..errors import ReconcileError
from ..figures.dates import Period
from ..figures.parsing import parse_value
from ..figures.quantity import Estimate
from ..measures import CHANGED_WORDS, VOCABULARY_VERSION, Measure, MeasureRegistry, measure_name
from .yaml_nodes import BOOL, NULL

__all__ = ["Read", "RowReader", "node_row", "row_text", "ROW_FIELDS"]

Read = tuple[str, Claim, Sequence[tuple[str, int]], int]
"""A bulk row read by :meth:`RowReader.record`: its id, its claim, its denials with their line, its line."""

ROW_FIELDS = frozenset({"id", "source", "via", "said_on", "as_of", "subject", "measure", "value", "proposition",
                        "quote", "origin", "status", "polarity", "denies", "corrects"})
"""The fields :meth:`RowReader.record` reads (every claim field, as claim_fields.py's _FIELD_READERS reads them
from their nodes)."""


_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_TEXT_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("str", "bool", "int", "float", "timestamp"))


def node_row(node: yaml.Node) -> tuple[dict[str, Any], yaml.Node | None] | None:
    """A claim's mapping node as the row :meth:`RowReader.record` reads — each scalar as the text written (null
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


_ID_MATCH = _ID_PATTERN.match
_NO_DENIALS: tuple[tuple[str, int], ...] = ()
_STATUS_OF = {s.value: s for s in Status}  # Status(text), without the enum call
_STATUS_OR_DEFAULT: dict[Any, Status] = {None: Status.UNVERIFIED, **_STATUS_OF}  # null: not given
_UNSEEN: Any = object()  # not yet seen (None is remembered: what the node path must read)


def _plan(shape: tuple[str, ...]) -> "tuple[tuple[str, ...], bool] | None":
    """How :meth:`RowReader.record` reads rows of these keys, in order: the fields beyond id, source, said_on,
    subject, measure, value, proposition and polarity, and whether ``via`` comes before ``source`` (sources
    are made in the order the row names them); ``None`` when a key is not a claim field."""
    if not all(type(k) is str and k in ROW_FIELDS for k in shape):
        return None
    extra = tuple(k for k in shape if k not in _MAIN_FIELDS)
    via_first = "via" in shape and ("source" not in shape or shape.index("via") < shape.index("source"))
    return extra, via_first


_MAIN_FIELDS = frozenset({"id", "source", "said_on", "subject", "measure", "value", "proposition", "polarity"})
# The rows RowReader.records reads a field at a time: a figure, with at most a status and relays.
_FIGURE_FIELDS = frozenset({"id", "source", "said_on", "subject", "measure", "value"})
_FIGURE_EXTRA = _FIGURE_FIELDS | {"status", "via"}
_FIGURE_GETTER = itemgetter("id", "source", "said_on", "subject", "measure", "value")
_STR = {str}
_NO_MEASURE: Any = (None, {})  # what stands for an unknown measure in RowReader.records, for rows it leaves
_STR_OR_NONE = {str, type(None)}


class RowReader:
    """The plain rows of one file, read straight from their values (:meth:`record`), with what repeats in a
    file read once: the keys of a row, each date text, each measure word, each figure text of a unit.

    ``measure_of`` is the file reader's (:class:`~reconcile.scenarios.claim_reader.ClaimReader`), and ``values``
    its memory of figures by unit (:meth:`~reconcile.scenarios.claim_reader.ClaimReader.value_of`'s), so a
    figure read here and one read from nodes share one estimate."""

    def __init__(self, sources: dict[str, Source], registry: MeasureRegistry,
                 measure_of: Callable[[str, MeasureRegistry], Measure], values: dict[str, dict[str, Estimate]],
                 vocabulary: int | None) -> None:
        self.sources, self.registry, self.vocabulary = sources, registry, vocabulary
        self._measure_of, self._values = measure_of, values
        self._shapes: dict[tuple[str, ...], tuple[tuple[str, ...], bool] | None] = {}
        self._dates: dict[str, Period | None] = {}
        self._said_on: dict[str, Period] = {}  # the dates of _dates a claim may be said on (no windows)
        self._figure_shapes: dict[tuple[str, ...], bool] = {}  # the keys of rows records() reads
        self._measures: dict[str, tuple[Measure, dict[str, Estimate]] | None] = {}

    def record(self, row: Any, line: int) -> "Read | None":
        """One bulk row (a dict of field -> JSON-like value, as :mod:`reconcile.scenarios.bulk` reads it, or as
        :func:`node_row` makes of a scenario file's claim) read without the node helpers: ``(id, claim, denials,
        line)`` for :meth:`claim_reader.ClaimReader.claim_list`, or ``None`` whenever anything about the row is
        not plainly right — then the caller gives the row to :meth:`claim_reader.ClaimReader.claim` as nodes,
        which reports every error exactly as for a scenario file. So this path records no error and makes no
        claim :meth:`claim_reader.ClaimReader.claim` would not make (tests/test_bulk.py compares the two).

        A bulk file's sources are made the first time a claim names them, in the order the row names them, as
        :meth:`claim_reader.ClaimReader.claim` makes them: their order is the scenario's."""
        if type(row) is not dict:
            return None
        shape = tuple(row)
        plan = self._shapes.get(shape, _UNSEEN)
        if plan is _UNSEEN:
            plan = self._shapes[shape] = _plan(shape)
        if plan is None:
            return None  # an unknown field
        extra, via_first = plan
        sources, said_dates = self.sources, self._said_on
        get = row.get
        cid, source_id, said_text, subject = get("id"), get("source"), get("said_on"), get("subject")
        if type(cid) is not str:
            cid = _scalar(cid)
        if type(source_id) is not str:
            source_id = _scalar(source_id)
        if type(said_text) is not str:
            said_text = _scalar(said_text)
        if type(subject) is not str:
            subject = _scalar(subject)
        if cid is None or source_id is None or said_text is None or subject is None or not subject.strip():
            return None
        if not (cid.isascii() and cid.isalnum()) and not _ID_MATCH(cid):  # most ids are letters and digits
            return None
        via: tuple[Source, ...] = ()
        if via_first:
            relays = self._via(get("via"))
            if relays is None:
                return None
            via = relays
        source = sources.get(source_id)
        if source is None:
            source = self._source(source_id)
            if source is None:
                return None
        said_on = said_dates.get(said_text)
        if said_on is None:
            said_on = self._date(said_text)
            if said_on is None or said_on.is_window:
                return None  # not a date, or a window ("since", "during"): not when a figure was said
            said_dates[said_text] = said_on
        as_of, quote, status, origin = said_on, "", Status.UNVERIFIED, None
        denies: tuple[str, ...] = ()
        corrects: tuple[str, ...] = ()
        for field in extra:
            value = row[field]
            if value is None:
                continue  # null: not given
            if field == "status":
                status = _STATUS_OF.get(value) if type(value) is str else None  # type: ignore[assignment]
                if status is None:
                    return None
            elif field == "via":
                if not via_first:
                    relays = self._via(value)
                    if relays is None:
                        return None
                    via = relays
            elif field == "as_of":
                text = value if type(value) is str else _scalar(value)
                period = self._date(text) if text is not None else None
                if period is None:
                    return None
                if period.open_end:  # "since 2025-03": counted up to the date said
                    try:
                        period = period.closed_at(said_on)
                    except ReconcileError:
                        return None
                as_of = period
            elif field == "denies" or field == "corrects":
                ids = _ids(value)
                if ids is None or cid in ids:
                    return None
                if field == "denies":
                    denies = ids
                else:
                    corrects = ids
            else:  # quote, origin: any text
                text = value if type(value) is str else _scalar(value)
                if text is None:
                    return None
                if field == "quote":
                    quote = text
                else:
                    origin = text
        word, value_text = get("measure"), get("value")
        proposition, polarity = get("proposition"), get("polarity")
        if proposition is None and polarity is None:
            if word is None or value_text is None:
                return None  # neither a figure nor a statement, or half a figure
            if type(word) is not str:
                word = _scalar(word)
            if type(value_text) is not str:
                value_text = _scalar(value_text)
            if word is None or value_text is None:
                return None
            known = self._measures.get(word, _UNSEEN)
            if known is _UNSEEN:
                known = self._measures[word] = self._measure(word)
            if known is None:
                return None
            measure, values = known
            estimate = values.get(value_text)
            if estimate is None:
                if not value_text.strip():
                    return None
                try:
                    value = parse_value(value_text, unit=measure.unit)
                except ReconcileError:
                    return None
                if type(value) is not Estimate:
                    return None  # a fraction of another claim: the node path keeps it pending
                estimate = values[value_text] = value
            claim = trusted_claim(cid, source, subject, said_on, as_of, measure.name, estimate, None, None, denies,
                                  via, quote, status, corrects, origin, word if word != measure.name else None)
        else:
            if word is not None or value_text is not None or type(polarity) is not bool:
                return None  # a statement needs a polarity of true or false, and no figure
            if type(proposition) is not str:
                proposition = _scalar(proposition)
            if proposition is None or not proposition.strip():
                return None
            claim = trusted_claim(cid, source, subject, said_on, as_of, None, None, proposition, polarity, denies,
                                  via, quote, status, corrects, origin, None)
        return cid, claim, [(d, line) for d in denies] if denies else _NO_DENIALS, line

    def records(self, rows: list[Any], lines: list[int]) -> "list[Read | None] | None":
        """What :meth:`record` makes of each of ``rows`` (at ``lines``), read a field at a time over all of them:
        a read for each plain figure — an id, a known source, a date, a subject, a measure and a figure, and at
        most a status and relays, all known — and ``None`` for any other row (a statement, a fraction of
        another claim, an unknown measure), which the caller reads alone, with :meth:`record` and the nodes;
        ``None`` for them all when any is not of plain values (a number as an id, a new source, a list as a
        date). Nothing is made or told on the way (no source, no error), so reading a row alone afterwards is
        reading it in its turn. The checks are :meth:`record`'s, column by column: a big file's rows nearly all
        take this path, and a row's own Python costs as much as building its claim (tests/test_bulk.py
        compares the two on generated rows)."""
        shapes = self._figure_shapes
        whole = rows
        plain_at: list[int] | None = None  # where the figures of plain shape are among rows, when not all are
        for i, shape in enumerate(map(tuple, rows)):
            plain = shapes.get(shape)
            if plain is None:
                plain = shapes[shape] = _FIGURE_FIELDS <= set(shape) <= _FIGURE_EXTRA
            if not plain:
                if plain_at is None:
                    plain_at = list(range(i))
            elif plain_at is not None:
                plain_at.append(i)
        if plain_at is not None:
            if not plain_at:
                return [None] * len(whole)
            rows, lines = [whole[i] for i in plain_at], [lines[i] for i in plain_at]
        ids, source_ids, said_texts, subjects, words, texts = zip(*map(_FIGURE_GETTER, rows))
        for column in (ids, source_ids, said_texts, subjects, words, texts):
            if set(map(type, column)) != _STR:
                return None
        if not all(map(_ID_MATCH, ids)) or not all(map(str.strip, subjects)):
            return None
        sources = list(map(self.sources.get, source_ids))  # dict.get: an unknown id is not made here
        if None in sources:
            return None
        said_dates = self._said_on
        said_on = list(map(said_dates.get, said_texts))
        if None in said_on:
            for text in set(said_texts).difference(said_dates):
                period = self._date(text)
                if period is None or period.is_window:
                    return None
                said_dates[text] = period
            said_on = list(map(said_dates.get, said_texts))
        measures = self._measures
        found_measures = list(map(measures.get, words, repeat(_UNSEEN)))
        if _UNSEEN in found_measures:
            for word in set(words).difference(measures):
                measures[word] = self._measure(word)
            found_measures = list(map(measures.get, words))
        unread: list[int] = []  # rows left to be read alone: an unknown measure, a figure not read here
        if None in found_measures:
            unread = [i for i, found in enumerate(found_measures) if found is None]
            for i in unread:
                found_measures[i] = _NO_MEASURE
        known = cast("list[tuple[Measure, dict[str, Estimate]]]", found_measures)
        estimates = [found[1].get(text) for found, text in zip(known, texts)]
        if None in estimates:
            for i in [i for i, e in enumerate(estimates) if e is None]:
                measure, values = known[i]
                estimate = values.get(texts[i])  # read since, by an earlier row of these
                if estimate is None and measure is not None and texts[i].strip():
                    try:
                        parsed = parse_value(texts[i], unit=measure.unit)
                    except ReconcileError:
                        parsed = None
                    if type(parsed) is Estimate:  # not a fraction of another claim
                        estimate = values[texts[i]] = parsed
                if estimate is None and i not in unread:
                    unread.append(i)
                estimates[i] = estimate
        names = [None if found[0] is None else found[0].name for found in known]
        said_words = [None if word == name else word for word, name in zip(words, names)]
        given = list(map(dict.get, rows, repeat("status")))
        if not set(map(type, given)) <= _STR_OR_NONE:
            return None
        statuses = list(map(_STATUS_OR_DEFAULT.get, given))
        if None in statuses:
            return None
        vias = list(map(dict.get, rows, repeat("via")))
        for i, value in enumerate(vias):
            if value is None:
                vias[i] = ()
                continue
            ids_of = _ids(value)
            found = None if ids_of is None else tuple(map(self.sources.get, ids_of))
            if found is None or None in found:
                return None
            vias[i] = found
        claims = map(trusted_claim, ids, sources, subjects, said_on, said_on, names, estimates, repeat(None),
                     repeat(None), repeat(()), vias, repeat(""), statuses, repeat(()), repeat(None), said_words)
        reads: list[Read | None] = list(zip(ids, claims, repeat(_NO_DENIALS), lines))
        for i in unread:
            reads[i] = None
        if plain_at is None:
            return reads
        out: list[Read | None] = [None] * len(whole)
        for i, read in zip(plain_at, reads):
            out[i] = read
        return out

    def _source(self, sid: str) -> Source | None:
        source = self.sources.get(sid)
        if source is None and sid in self.sources:  # a bulk file without a sources file makes it here
            source = self.sources[sid]
        return source

    def _via(self, value: Any) -> tuple[Source, ...] | None:
        ids = _ids(value)
        if ids is None:
            return None
        found = []
        for sid in ids:
            source = self._source(sid)
            if source is None:
                return None
            found.append(source)
        return tuple(found)

    def _date(self, text: str) -> Period | None:
        found = self._dates.get(text, _UNSEEN)
        if found is _UNSEEN:
            try:
                found = Period._read(text)  # remembered here, for this file, rather than in Period.parse's memory
            except ReconcileError:
                found = None
            self._dates[text] = found
        return found

    def _measure(self, word: str) -> "tuple[Measure, dict[str, Estimate]] | None":
        """The measure a word names and the figures read in its unit; ``None`` when the node path must read
        it: a blank or unknown word, or, in an old file, a word whose meaning changed (the reader notes it)."""
        if not word.strip():
            return None
        try:
            measure = self._measure_of(word, self.registry)
        except ReconcileError:
            return None
        if (self.vocabulary is None or self.vocabulary < VOCABULARY_VERSION) and measure_name(word) in CHANGED_WORDS:
            return None
        return measure, self._values.setdefault(measure.unit, {})


def _scalar(value: Any) -> str | None:
    """:func:`row_text` of anything but a list: a list is no scalar, and null is not given."""
    return None if value is None else row_text(value)


def _ids(value: Any) -> tuple[str, ...] | None:
    """The ids of ``via``, ``denies`` or ``corrects``: one id, or a list of them; ``None`` for anything else."""
    kind = type(value)
    if kind is str:
        return (value,)
    if kind is list or kind is tuple:
        items = []
        for item in value:
            one = row_text(item)
            if one is None:
                return None
            items.append(one)
        return tuple(items)
    one = row_text(value)
    return None if one is None else (one,)
