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
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, cast

import attrs
import yaml

from ..claims import Claim, Source, Status
from ..engine.runner import validate
from ..errors import ErrorList, MeasureError, ReconcileError, ScenarioError, UnitError
from ..figures.dates import Period
from ..figures.parsing import parse_value
from ..figures.quantity import Estimate, Portion
from ..findings import Relation, Strength
from ..measures import CHANGED_WORDS, DEFAULT_MEASURES, VOCABULARY_VERSION, Kind, Measure, MeasureRegistry, measure_name
from ..subjects import Subject, SubjectRegistry
from .model import Expectation, Scenario
from .rows import ROW_FIELDS, Read, node_row, record
from .yaml_nodes import BOOL, NodeReader, is_null, no_gc, shown

__all__ = ["read", "load", "loads", "MAX_FILE_BYTES", "TOP_FIELDS", "CLAIM_FIELDS", "SOURCE_FIELDS", "MEASURE_FIELDS",
           "EXPECTATION_FIELDS", "SUBJECT_FIELDS"]

TOP_FIELDS = ("scenario", "title", "published", "documents", "measures", "sources", "claims", "expect", "subjects",
              "vocabulary")
SUBJECT_FIELDS = ("part_of", "complete", "description")
CLAIM_FIELDS = ("id", "source", "via", "said_on", "as_of", "subject", "measure", "value", "quote", "status",
                "proposition", "polarity", "denies", "corrects", "origin")
assert ROW_FIELDS == set(CLAIM_FIELDS)  # the plain-row path (rows.py) reads every claim field
SOURCE_FIELDS = ("name", "type")
MEASURE_FIELDS = ("kind", "unit", "synonyms", "parts", "capped_by", "not_comparable", "description")
EXPECT_FIELDS = ("findings", "absent")
EXPECTATION_FIELDS = ("relation", "claims", "kind", "strength")

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_STATUSES = ", ".join(s.value for s in Status)
_RELATIONS = ", ".join(r.value for r in Relation)
_STRENGTHS = ", ".join(s.value for s in Strength)
_KINDS = ", ".join(k.value for k in Kind) + " (level is stock)"


@attrs.frozen
class _Fraction:
    """A claim whose value is a fraction of another claim, waiting for that claim to be built."""

    id: str
    portion: Portion
    fields: dict[str, Any] = attrs.field(eq=False)
    value_line: int


class _Reader(NodeReader):
    """One pass over one scenario file's nodes."""

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

    # The vocabulary version the file says it was written for (``vocabulary:``); bulk claim files have no top
    # level and are read with the current vocabulary (scenarios/bulk.py sets it).
    vocabulary: int | None = None

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
        self.notes: list[str] = []
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

    def note_measure(self, word: str, node: yaml.Node, cid: str | None) -> None:
        """Say so when an old file (no ``vocabulary: 2``) uses a measure word whose meaning changed."""
        if self.vocabulary is not None and self.vocabulary >= VOCABULARY_VERSION:
            return
        change = CHANGED_WORDS.get(measure_name(word))
        if change is not None:
            self.notes.append(f"line {node.start_mark.line + 1}: claim {cid}: measure {word!r}: {change} "
                              f"(say 'vocabulary: {VOCABULARY_VERSION}' at the top to mark the file as reviewed)")

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

    # -- claims ---------------------------------------------------------------------------------------------
    def claims(self, node: yaml.Node, sources: dict[str, Source], registry: MeasureRegistry) -> tuple[Claim, ...]:
        if not isinstance(node, yaml.SequenceNode):
            self.error("claims must be a list", node, field="claims", text=shown(node), expected="a list of claims")
            return ()
        return self.claim_list(node.value, sources, registry, node.start_mark.line + 1)

    def claim_list(self, items: Iterable["yaml.Node | Read"], sources: dict[str, Source], registry: MeasureRegistry,
                   line: int) -> tuple[Claim, ...]:
        """The claims of ``items`` (claim nodes, or bulk rows :meth:`record` has read, one at a time, so a bulk
        file can stream them); ``line`` is where errors not of one claim are reported. Checks ids, denials and
        fractions across all of them."""
        slots: list[Claim | _Fraction | None] = []
        first_line: dict[str, int] = {}
        denials: list[tuple[str, str, yaml.Node | int]] = []
        claim_id: str | None
        slot: Claim | _Fraction | None
        denies: Sequence[tuple[str, yaml.Node | int]]
        fractions = False  # any claim given as a fraction of another
        for item in items:
            if isinstance(item, tuple):  # a bulk row that record() has read already
                claim_id, slot, denies, item_line = item
            else:
                claim_id, slot, denies = self.claim(item, sources, registry)
                item_line = item.start_mark.line + 1
            if claim_id is not None:
                if claim_id in first_line:
                    self.error("duplicate claim id", item_line, claim_id=claim_id, field="id", text=claim_id,
                               expected=f"ids unique within the file (first at line {first_line[claim_id]})")
                    slot = None
                else:
                    first_line[claim_id] = item_line
            if denies:
                denials.extend((claim_id or "?", d, n) for d, n in denies)
            if type(slot) is _Fraction:
                fractions = True
            slots.append(slot)
        for claim_id, denied, n in denials:
            if denied not in first_line:
                self.error("denies a claim that does not exist", n, claim_id=claim_id, field="denies", text=denied,
                           expected="the id of a claim in this file")
        # without fractions, there is nothing to resolve: the slots are the claims (or None)
        built = self.resolve_fractions(slots, first_line, registry) if fractions else cast("list[Claim | None]", slots)
        claims = tuple(c for c in built if c is not None)
        if not self.errors:  # the engine's own checks, as a safety net: locate anything they still find
            try:
                validate(claims, registry)
            except ErrorList as err:
                for inner in err.errors:
                    self.locate(inner, first_line.get(inner.claim_id or "", line))
        return claims

    def claim(self, node: yaml.Node, sources: dict[str, Source], registry: MeasureRegistry
              ) -> tuple[str | None, Claim | _Fraction | None, list[tuple[str, yaml.Node]]]:
        """Read one claim; returns its id (if any), the claim or pending fraction (``None`` on error), and
        its denials with their nodes (checked once every id is known)."""
        plain = node_row(node)  # a claim of plain values is read as a bulk row is, without the node helpers
        if plain is not None:
            read = self.record(plain[0], node.start_mark.line + 1, sources, registry)
            if read is not None:
                claim, denies_node = read[1], plain[1]
                return read[0], claim, [(d, denies_node) for d in claim.denies if denies_node is not None]
        cid = _peek_id(node)  # so that every error of this claim, even a stray key, names it
        spec = self.mapping(node, "claim", CLAIM_FIELDS, what="a mapping of id, source, said_on, ...", claim_id=cid)
        if not spec:
            if isinstance(node, yaml.MappingNode):
                self.error("empty claim", node, field="id", expected="a mapping of id, source, said_on, ...")
            return None, None, []
        before = len(self.errors)
        cid = self.text(spec["id"][1], "id", what="an id") if "id" in spec else None
        if cid is None:
            self.error("claim without an id", node, field="id", expected="an id unique within the file")
        kw: dict[str, Any] = {}
        for field in ("source", "said_on", "subject"):
            if field not in spec or is_null(spec[field][1]):
                self.error("missing field", node, claim_id=cid, field=field, expected=_REQUIRED[field])
        # Each field is read even after an error in another: one pass reports everything wrong with a claim.
        for field, (_, v) in spec.items():
            if field == "id" or is_null(v):
                continue
            reader = _FIELD_READERS.get(field)
            if reader is not None:
                read = reader(self, v, field, cid, sources)
                if read is not None:
                    kw[field] = read
        denies = [(d, spec["denies"][1]) for d in kw.get("denies", ())]
        given = {f for f in ("measure", "value", "proposition", "polarity") if f in spec and not is_null(spec[f][1])}
        figure, statement = given & {"measure", "value"}, given & {"proposition", "polarity"}
        if figure and statement:
            first = min(statement, key=lambda f: spec[f][0].start_mark.line)
            self.error("a claim is a figure or a statement, not both", spec[first][0], claim_id=cid, field=first,
                       expected="either measure and value, or proposition and polarity")
        elif figure or statement:
            for field in (("measure", "value") if figure else ("proposition", "polarity")):
                if field not in given:
                    self.error("missing field", node, claim_id=cid, field=field,
                               expected="measure and value for a figure, proposition and polarity for a statement")
        else:
            self.error("a claim needs a figure or a statement", node, claim_id=cid, field="measure",
                       expected="measure and value, or proposition and polarity (true or false)")
        measure: Measure | None = None
        if "measure" in kw:
            self.note_measure(kw["measure"], spec["measure"][1], cid)
            try:
                measure = self.measure_of(kw["measure"], registry)
            except ReconcileError as err:
                self.locate(err, spec["measure"][1], claim_id=cid, field="measure")
        value: Any = None
        if measure is not None and "value" in kw:
            try:
                value = self.value_of(kw["value"], measure.unit)
            except ReconcileError as err:
                self.locate(err, spec["value"][1], claim_id=cid, field="value")
        if len(self.errors) > before or cid is None:
            return cid, None, denies
        fields = {k: v for k, v in kw.items() if k not in ("measure", "value")}
        if isinstance(value, Portion):
            fields["measure"] = measure
            if measure is not None and kw["measure"] != measure.name:
                fields["measure_word"] = kw["measure"]
            return cid, _Fraction(cid, value, fields, spec["value"][1].start_mark.line + 1), denies
        if measure is not None:
            fields.update(measure=measure.name, estimate=value)
            if kw["measure"] != measure.name:
                fields["measure_word"] = kw["measure"]  # the source's own word, for explanations
        try:
            return cid, Claim(id=cid, **fields), denies
        except ReconcileError as err:
            self.locate(err, node, claim_id=cid)
            return cid, None, denies

    # -- what repeats: a claim file names few measures, and news repeats its figures -------------------------
    _measures: "tuple[MeasureRegistry, dict[str, Measure]] | None" = None
    _values: "dict[tuple[str, str], Estimate] | None" = None

    def measure_of(self, word: str, registry: MeasureRegistry) -> Measure:
        """``registry.resolve(word)``, each word resolved once per file (errors are raised afresh each time)."""
        if self._measures is None or self._measures[0] is not registry:
            self._measures = (registry, {})
        known = self._measures[1]
        measure = known.get(word)
        if measure is None:
            measure = known[word] = registry.resolve(word)
        return measure

    def value_of(self, text: str, unit: str) -> "Estimate | Portion":
        """``parse_value(text, unit=unit)``, each distinct figure text of a unit parsed once per file: the
        estimate is immutable, so claims that state the same figure share it. Fractions of other claims
        and errors are not remembered."""
        if self._values is None:
            self._values = {}
        key = (text, unit)
        found = self._values.get(key)
        if found is None:
            value = parse_value(text, unit=unit)
            if not isinstance(value, Estimate):
                return value
            found = self._values[key] = value
        return found

    def record(self, row: Any, line: int, sources: dict[str, Source], registry: MeasureRegistry
               ) -> "Read | None":
        """One plainly right row read straight from its values (:func:`reconcile.scenarios.rows.record`),
        with this reader's per-file caches of measures and figures; ``None`` sends it to :meth:`claim`."""
        return record(row, line, sources, registry, self.measure_of, self.value_of, self.vocabulary)

    def resolve_fractions(self, slots: list[Claim | _Fraction | None], lines: dict[str, int],
                          registry: MeasureRegistry) -> list[Claim | None]:
        """Build the claims given as fractions of others, in dependency order, without recursion (chains may
        be long); report fractions of claims that do not exist, of statements, and cycles."""
        state: dict[str, Claim | _Fraction | None] = {}
        for slot in slots:
            if slot is not None and slot.id not in state:
                state[slot.id] = slot
        done: dict[str, Claim | None] = {k: v for k, v in state.items() if not isinstance(v, _Fraction)}
        for start in [s for s in slots if isinstance(s, _Fraction)]:
            path: list[_Fraction] = []
            on_path: dict[str, int] = {}
            current: _Fraction = start
            while current.id not in done:
                on_path[current.id] = len(path)
                path.append(current)
                whole_id = current.portion.of
                if whole_id in on_path:
                    first = path[on_path[whole_id]]  # report where the walk entered the cycle
                    cycle = [p.id for p in path[on_path[whole_id]:]] + [whole_id]
                    self.error("fractions of claims form a cycle", first.value_line, claim_id=first.id,
                               field="value", text=" -> ".join(cycle),
                               expected="a fraction of a claim that is not, in turn, a fraction of this one")
                    for p in path[on_path[whole_id]:]:
                        done[p.id] = None
                    break
                if whole_id not in lines:
                    self.error("a fraction of a claim that does not exist", current.value_line, claim_id=current.id,
                               field="value", text=current.portion.text or whole_id,
                               expected="'<fraction> of <id of a figure claim in this file>'")
                    done[current.id] = None
                    break
                whole = state.get(whole_id)
                if not isinstance(whole, _Fraction) or whole_id in done:
                    break
                current = whole
            for pending in reversed(path):
                if pending.id not in done:
                    done[pending.id] = self.fraction(pending, done.get(pending.portion.of), registry)
        return [done.get(s.id) if isinstance(s, _Fraction) else s for s in slots]

    def fraction(self, pending: _Fraction, whole: Claim | None, registry: MeasureRegistry) -> Claim | None:
        """The claim ``pending`` stands for, built as :meth:`Claim.portion_of` builds it."""
        if whole is None:  # the whole failed to load; its own error is reported
            return None
        if whole.estimate is None:
            self.error("a fraction of a statement", pending.value_line, claim_id=pending.id, field="value",
                       text=pending.portion.text, expected="a fraction of a figure claim")
            return None
        fields = dict(pending.fields)
        measure: Measure = fields.pop("measure")
        try:
            estimate = pending.portion.resolve(whole.estimate).to(measure.unit)
            return Claim(id=pending.id, measure=measure.name, estimate=estimate, derived_from=(whole.id,),
                         rule="fraction", fraction=pending.portion.fraction,
                         fraction_hedge=pending.portion.hedge, **fields)
        except ReconcileError as err:
            self.locate(err, pending.value_line, claim_id=pending.id, field="value")
            return None

    def after_published(self, published: Period, node: yaml.Node) -> None:
        """A claim said, or dated, after the story's ``published`` date (wholly after it) is an error: it is
        nearly always a slip of the year, and a forecast is not a figure of its time either — a projection
        ("could reach 20,000") is an upper bound said, and dated, on the day it was made. Read from the nodes,
        so that claims with other errors are checked too."""
        for item in node.value if isinstance(node, yaml.SequenceNode) else ():
            if not isinstance(item, yaml.MappingNode):
                continue
            spec = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
            for field in ("said_on", "as_of"):
                value = spec.get(field)
                if not isinstance(value, yaml.ScalarNode) or is_null(value):
                    continue
                try:
                    period = Period.parse(value.value)
                except ReconcileError:
                    continue  # reported where the claim is read
                if published < period:
                    self.error("dated after the story was published", value, claim_id=_peek_id(item), field=field,
                               text=value.value, expected=f"a date on or before published ({published}); a "
                               "forecast is an upper bound ('up to 20,000') dated when it was made")

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


# -- per-field readers of a claim: node -> value, errors reported on the reader ------------------------------

_REQUIRED = {"source": "the id of a source listed under sources", "said_on": "the date the claim was made",
             "subject": "what the claim is about, e.g. 'nk-troops-kursk'"}


def _source_field(r: _Reader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    ids = (r.text(node, field, claim_id=cid, what="a source id"),) if field == "source" else \
        r.texts(node, field, claim_id=cid, what="a list of source ids")
    if ids is None or None in ids:
        return None
    found = []
    for sid in ids:
        if sid not in sources:
            r.error("unknown source", node, claim_id=cid, field=field, text=sid,
                    expected="a source listed under sources: " + (", ".join(sources) or "none listed"))
            return None
        found.append(sources[sid])
    return found[0] if field == "source" else tuple(found)


def _text_field(r: _Reader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    value = r.text(node, field, claim_id=cid)
    if value is not None and field in ("subject", "proposition", "measure", "value") and not value.strip():
        r.error(f"empty {field}", node, claim_id=cid, field=field, expected=f"a {field}")
        return None
    return value


def _date_field(r: _Reader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    return r.period(node, field, claim_id=cid)


def _status_field(r: _Reader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    value = r.text(node, field, claim_id=cid)
    if value is None:
        return None
    try:
        return Status(value)
    except ValueError:
        r.error("unknown status", node, claim_id=cid, field=field, text=value, expected=f"one of: {_STATUSES}")
        return None


def _polarity_field(r: _Reader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    if isinstance(node, yaml.ScalarNode) and node.tag == BOOL:
        return yaml.constructor.SafeConstructor.bool_values[node.value.lower()]
    r.error("polarity must be true or false", node, claim_id=cid, field=field, text=shown(node),
            expected="true (the proposition holds) or false (it does not)")
    return None


def _denies_field(r: _Reader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    return r.texts(node, field, claim_id=cid, what="a list of claim ids")


_FIELD_READERS: dict[str, Callable[[_Reader, yaml.Node, str, str | None, dict[str, Source]], Any]] = {
    "source": _source_field, "via": _source_field, "said_on": _date_field, "as_of": _date_field,
    "subject": _text_field, "measure": _text_field, "value": _text_field, "quote": _text_field,
    "proposition": _text_field, "status": _status_field, "polarity": _polarity_field, "denies": _denies_field,
    "corrects": _denies_field, "origin": _text_field,
}


def _peek_id(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return None if is_null(value) else value.value
    return None


def _quoted(message: str) -> Iterator[str]:
    yield from re.findall(r"'([^']+)'", message)


def read(text: str, filename: str = "<string>") -> Scenario:
    """Read a scenario from YAML ``text``; ``filename`` is used in messages only."""
    if not isinstance(text, str):
        raise ScenarioError("a scenario must be text", file=filename, text=type(text).__name__,
                            expected="the YAML text of a scenario file")
    with no_gc():
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
