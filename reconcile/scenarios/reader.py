"""Reading scenario files: YAML text to a :class:`~reconcile.scenarios.Scenario`, every error located.

Why compose and not ``yaml.safe_load``: a loaded dict has forgotten its line numbers, and every error
must name the file, the line, the claim and the field. The text is composed into nodes with libyaml's
C parser when present and read from the nodes (:mod:`reconcile.scenarios.yaml_nodes`). Only safe YAML: no tag is
ever constructed — scalars are read as the text written (so ``value: 300`` is the figure "300",
``said_on: 2025-01-13`` and ``2000`` are the dates as written), except ``polarity`` (true or false), and
a null or empty value means "not given".

Errors are collected, never the first only: the reader goes on through the whole file and raises one
:class:`~reconcile.errors.ErrorList` at the end. A claim with an error is not built, so nothing is ever
dropped silently — either every claim loads or the file is rejected.

This module reads the top level and its sections (subjects, measures, sources, expectations); the claims are
read by its base class in :mod:`reconcile.scenarios.claim_reader`, each claim's fields by
:mod:`reconcile.scenarios.claim_fields`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable, Iterator

import attrs
import yaml

from ..claims import Source
from ..errors import ErrorList, MeasureError, ReconcileError, ScenarioError, UnitError
from ..findings import Relation, Strength
from ..measures import DEFAULT_MEASURES, VOCABULARY_VERSION, Kind, Measure, MeasureRegistry
from ..subjects import Subject, SubjectRegistry
# The claims' part of the reader lives in claim_fields.py and claim_reader.py; the names it took along are
# re-exported, so that every name once importable from here still is.
from .claim_fields import (CLAIM_FIELDS, _FIELD_READERS, _REQUIRED, _STATUSES, _date_field,  # noqa: F401
                           _denies_field, _peek_id, _polarity_field, _source_field, _status_field, _text_field)
from .claim_reader import ClaimReader, _Fraction  # noqa: F401
from .model import Expectation, Scenario
from .rows import Read  # noqa: F401 -- re-exported: bulk.py imports it from here
from .yaml_nodes import BOOL, building, is_null, shown

__all__ = ["read", "load", "loads", "MAX_FILE_BYTES", "TOP_FIELDS", "CLAIM_FIELDS", "SOURCE_FIELDS", "MEASURE_FIELDS",
           "EXPECTATION_FIELDS", "SUBJECT_FIELDS"]

TOP_FIELDS = ("scenario", "title", "published", "documents", "measures", "sources", "claims", "expect", "subjects",
              "vocabulary")
SUBJECT_FIELDS = ("part_of", "complete", "description")
SOURCE_FIELDS = ("name", "type")
MEASURE_FIELDS = ("kind", "unit", "synonyms", "parts", "capped_by", "not_comparable", "description")
EXPECT_FIELDS = ("findings", "absent")
EXPECTATION_FIELDS = ("relation", "claims", "kind", "strength")

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_RELATIONS = ", ".join(r.value for r in Relation)
_STRENGTHS = ", ".join(s.value for s in Strength)
_KINDS = ", ".join(k.value for k in Kind) + " (level is stock)"


class _Reader(ClaimReader):
    """One pass over one scenario file's nodes: the top-level sections here, the claims in its base class."""

    def choice(self, node: yaml.Node, field: str, enum: Callable[[str], Any], what: str, allowed: str) -> Any:
        """The member of ``enum`` a node names, or ``None`` after recording an "unknown WHAT" error."""
        text = self.text(node, field)
        if text is None:
            return None
        try:
            return enum(text)
        except ValueError:
            self.error(f"unknown {what}", node, field=field, text=text, expected=f"one of: {allowed}")
            return None

    def read(self, text: str) -> Scenario:
        root = self.compose(text)
        if root is None:
            raise ErrorList(self.errors, file=self.file)
        top = self.mapping(root, "scenario file", TOP_FIELDS, what="a mapping of scenario, sources, claims, ...")
        if not isinstance(root, yaml.MappingNode):
            raise ErrorList(self.errors, file=self.file)
        slug = ""
        if "scenario" not in top:
            self.error("missing field", root, field="scenario", expected="the scenario's slug, e.g. 'nk-troops-kursk'")
        else:
            slug = self.text(top["scenario"][1], "scenario", what="a slug") or ""
            if not _SLUG.match(slug):
                self.error("invalid scenario slug", top["scenario"][1], field="scenario", text=slug,
                           expected="letters, digits, '-', '_' or '.', starting with a letter or digit")
        fields: dict[str, Any] = {"slug": slug}
        self.notes = []
        self.vocabulary = self.version(top["vocabulary"][1]) if "vocabulary" in top else None
        if self.vocabulary is not None:
            fields["vocabulary"] = self.vocabulary
        if "subjects" in top and not is_null(top["subjects"][1]):
            fields["subjects"] = self.subjects(top["subjects"][1])
        if "title" in top:
            fields["title"] = self.text(top["title"][1], "title") or ""
        if "published" in top and not is_null(top["published"][1]):
            fields["published"] = self.period(top["published"][1], "published")
            if fields["published"] is not None and fields["published"].is_window:  # issue 11
                self.error("published is a date, not a window", top["published"][1], field="published",
                           text=str(fields["published"]), expected="a date such as 2025-05-20")
        if "documents" in top:
            fields["documents"] = self.texts(top["documents"][1], "documents", what="a list of paths") or ()
        measures = self.measures(top["measures"][1]) if "measures" in top else []
        registry = self.registry(measures, top["measures"][1] if "measures" in top else root)
        fields["measures"] = tuple(m for m, _ in measures)
        sources = self.sources(top["sources"][1]) if "sources" in top else {}
        if "sources" not in top:
            self.error("missing field", root, field="sources", expected="a mapping of source ids to name and type")
        fields["sources"] = tuple(sources.values())
        claims_node = top["claims"][1] if "claims" in top else None
        if claims_node is None or is_null(claims_node):
            self.error("missing field", root if claims_node is None else claims_node, field="claims",
                       expected="a list of claims")
            fields["claims"] = ()
        else:
            fields["claims"] = self.claims(claims_node, sources, registry)
            if fields.get("published") is not None:  # -- issue 11: a figure dated after the story
                self.after_published(fields["published"], claims_node)
        if "expect" in top and not is_null(top["expect"][1]):
            fields["expect"], fields["absent"] = self.expect(top["expect"][1])
        if self.errors:
            raise ErrorList(self.errors, file=self.file)
        fields["notes"] = tuple(self.notes)
        # The file name travels with the scenario, so checks and messages can name it.
        return Scenario(**fields, path=None if self.file == "<string>" else Path(self.file))

    def version(self, node: yaml.Node) -> int | None:
        text = self.text(node, "vocabulary", what="a vocabulary version")
        if text is None or not text.isdigit() or not 1 <= int(text) <= VOCABULARY_VERSION:
            self.error("unknown vocabulary version", node, field="vocabulary", text=text,
                       expected=f"a version from 1 to {VOCABULARY_VERSION}")
            return None
        return int(text)

    def subjects(self, node: yaml.Node) -> tuple[Subject, ...]:
        """``subjects: {north: {part_of: country-z}, country-z: {complete: true}}``."""
        out: list[Subject] = []
        for name, (key_node, value_node) in self.mapping(node, "subjects", None).items():
            spec = {} if is_null(value_node) else self.mapping(
                value_node, f"subjects.{name}", SUBJECT_FIELDS, prefix=f"subjects.{name}",
                what="a mapping of part_of, complete, description")
            part_of = self.text(spec["part_of"][1], f"subjects.{name}.part_of", what="a subject") \
                if "part_of" in spec and not is_null(spec["part_of"][1]) else None
            complete = False
            if "complete" in spec:
                flag = spec["complete"][1]
                if isinstance(flag, yaml.ScalarNode) and flag.tag == BOOL:
                    complete = yaml.constructor.SafeConstructor.bool_values[flag.value.lower()]
                else:
                    self.error("complete must be true or false", flag, field=f"subjects.{name}.complete",
                               text=shown(flag), expected="true (its declared parts are all of it) or false")
            description = self.text(spec["description"][1], f"subjects.{name}.description") or "" \
                if "description" in spec else ""
            if part_of == name:
                self.error("a subject part of itself", spec["part_of"][1], field=f"subjects.{name}.part_of",
                           text=name, expected="another subject")
                continue
            out.append(Subject(name, part_of, complete, description))
        try:
            SubjectRegistry(out)
        except ReconcileError as err:
            self.locate(err, node, field=err.field or "subjects")
        return tuple(out)

    def measures(self, node: yaml.Node) -> list[tuple[Measure, yaml.Node]]:
        out: list[tuple[Measure, yaml.Node]] = []
        for name, (key_node, value_node) in self.mapping(node, "measures", None).items():
            spec = self.mapping(value_node, f"measures.{name}", MEASURE_FIELDS, prefix=f"measures.{name}",
                                what="a mapping of kind, unit, ...") if not is_null(value_node) else {}
            kw: dict[str, Any] = {"unit": "count"}  # the file's default unit: a plain count
            for field, (_, v) in spec.items():
                if field in ("synonyms", "parts", "not_comparable"):
                    kw[field] = self.texts(v, f"measures.{name}.{field}", what="a list of measure names") or ()
                else:
                    value = self.text(v, f"measures.{name}.{field}")
                    if value is not None:
                        kw[field] = value
            if "kind" in kw and kw["kind"] not in {*(k.value for k in Kind), "level"}:  # level: a stock
                self.error("unknown measure kind", spec["kind"][1], field=f"measures.{name}.kind", text=kw["kind"],
                           expected=f"one of: {_KINDS}")
                continue
            try:
                measure = Measure(name, **kw)
            except ReconcileError as err:
                bad = "unit" if isinstance(err, UnitError) and "unit" in spec else None
                self.locate(err, spec[bad][1] if bad else key_node,
                            field=f"measures.{name}" + (f".{bad}" if bad else ""))
                continue
            if measure.name in DEFAULT_MEASURES or any(s in DEFAULT_MEASURES for s in measure.synonyms):
                self.error("measure already in the vocabulary", key_node, field=f"measures.{name}", text=name,
                           expected="a new measure name and synonyms (the default measures need no entry)")
                continue
            out.append((measure, key_node))
        return out

    def registry(self, measures: list[tuple[Measure, yaml.Node]], node: yaml.Node) -> MeasureRegistry:
        if not measures:
            return DEFAULT_MEASURES
        try:
            return DEFAULT_MEASURES.extended(m for m, _ in measures)
        except MeasureError as err:
            culprit = next((n for m, n in measures if m.name in (err.text, *_quoted(err.message))), node)
            self.locate(err, culprit, field="measures")
            return DEFAULT_MEASURES

    def sources(self, node: yaml.Node) -> dict[str, Source]:
        out: dict[str, Source] = {}
        for source_id, (key_node, value_node) in self.mapping(node, "sources", None).items():
            name, kind = "", "unknown"
            if isinstance(value_node, yaml.ScalarNode):  # `afp: AFP` names the source
                name = self.text(value_node, f"sources.{source_id}", what="a name or {name, type}") or ""
            else:
                spec = self.mapping(value_node, f"sources.{source_id}", SOURCE_FIELDS, what="a name or {name, type}",
                                    prefix=f"sources.{source_id}")
                if "name" in spec:
                    name = self.text(spec["name"][1], f"sources.{source_id}.name") or ""
                if "type" in spec:
                    kind = self.text(spec["type"][1], f"sources.{source_id}.type") or "unknown"
            try:
                out[source_id] = Source(source_id, name, kind)
            except ReconcileError as err:
                self.locate(err, key_node, field=f"sources.{source_id}")
        return out

    # -- expectations ---------------------------------------------------------------------------------------
    def expect(self, node: yaml.Node) -> tuple[tuple[Expectation, ...], tuple[Expectation, ...]]:
        spec = self.mapping(node, "expect", EXPECT_FIELDS, what="a mapping of findings and absent", prefix="expect")
        out: dict[str, list[Expectation]] = {"findings": [], "absent": []}
        for section, (_, seq) in spec.items():
            if is_null(seq):
                continue
            if not isinstance(seq, yaml.SequenceNode):
                self.error(f"expect.{section} must be a list", seq, field=f"expect.{section}", text=shown(seq),
                           expected="a list of {relation, claims, kind}")
                continue
            for i, item in enumerate(seq.value):
                entry = self.expectation(item, f"expect.{section}[{i}]", required_relation=section == "findings")
                if entry is not None:
                    out[section].append(entry)
        return tuple(out["findings"]), tuple(out["absent"])

    def expectation(self, node: yaml.Node, field: str, *, required_relation: bool) -> Expectation | None:
        spec = self.mapping(node, field, EXPECTATION_FIELDS, what="a mapping of relation, claims and kind",
                            prefix=field)
        before = len(self.errors)
        relation = kind = None
        if "relation" in spec and not is_null(spec["relation"][1]):
            relation = self.choice(spec["relation"][1], f"{field}.relation", Relation, "relation", _RELATIONS)
        elif required_relation and isinstance(node, yaml.MappingNode):
            self.error("missing field", node, field=f"{field}.relation",
                       expected=f"one of: {_RELATIONS} (only absent entries may leave it out)")
        claims: tuple[str, ...] | None = None
        if "claims" in spec:
            claims = self.texts(spec["claims"][1], f"{field}.claims", what="a list of claim ids")
            if claims is not None and len(set(claims)) != len(claims):
                self.error("a claim named twice", spec["claims"][1], field=f"{field}.claims", text=", ".join(claims),
                           expected="distinct claim ids")
            elif claims == ():
                self.error("no claims named", spec["claims"][1], field=f"{field}.claims",
                           expected="one claim id, or the claims of the finding")
        elif isinstance(node, yaml.MappingNode):
            self.error("missing field", node, field=f"{field}.claims", expected="a list of claim ids")
        if "kind" in spec and not is_null(spec["kind"][1]):
            kind = self.text(spec["kind"][1], f"{field}.kind")
        strength = None
        if "strength" in spec and not is_null(spec["strength"][1]):
            strength = self.choice(spec["strength"][1], f"{field}.strength", Strength, "strength", _STRENGTHS)
        if len(self.errors) > before or not isinstance(node, yaml.MappingNode) or not claims:
            return None
        return Expectation(relation, claims, kind, node.start_mark.line + 1, strength=strength)


def _quoted(message: str) -> Iterator[str]:
    yield from re.findall(r"'([^']+)'", message)


def read(text: str, filename: str = "<string>") -> Scenario:
    """Read a scenario from YAML ``text``; ``filename`` is used in messages only."""
    if not isinstance(text, str):
        raise ScenarioError("a scenario must be text", file=filename, text=type(text).__name__,
                            expected="the YAML text of a scenario file")
    with building():
        return _Reader(filename).read(text)


def loads(text: str, filename: str = "<string>") -> Scenario:
    """A scenario from YAML text; raises one :class:`ErrorList` naming every problem in it."""
    return read(text, filename)


MAX_FILE_BYTES = 32 * 2**20
"""The largest scenario file :func:`load` reads (32 MiB, about 150,000 claims with quotes). A larger file is
refused before it is read, so a runaway or hostile file costs neither minutes nor gigabytes; pass
``max_bytes`` to read one anyway."""


def load(path: "str | os.PathLike[str]", *, max_bytes: int | None = MAX_FILE_BYTES) -> Scenario:
    """A scenario from a file (UTF-8); ``Scenario.path`` is set to ``path``.

    Files over ``max_bytes`` (default :data:`MAX_FILE_BYTES`; ``None`` for no limit) raise
    :class:`~reconcile.errors.ScenarioError` without being read.
    """
    p = Path(path)
    size = p.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise ScenarioError(f"file too large: {size / 2**20:.1f} MiB", file=str(p),
                            expected=f"a scenario file of at most {max_bytes / 2**20:g} MiB "
                                     "(split the story, or load it with max_bytes=None)")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError("not UTF-8 text", file=str(p), text=str(exc.reason),
                            expected="a YAML file in UTF-8") from None
    return attrs.evolve(loads(text, str(p)), path=p)
