"""Reading a scenario's claims: the claim list, one claim, fractions of other claims, dates after publication.

The claims section of :class:`reader._Reader <reconcile.scenarios.reader._Reader>`, kept in a base class of
its own: the top-level sections (subjects, measures, sources, expectations) are read in
:mod:`reconcile.scenarios.reader`, and bulk claim files (:mod:`reconcile.scenarios.bulk`) stream their rows
through :meth:`ClaimReader.claim_list`. One claim's fields are read by :mod:`reconcile.scenarios.claim_fields`.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence, cast

import attrs
import yaml

from ..claims import Claim, Source
from ..engine.runner import validate
from ..errors import ErrorList, ReconcileError
from ..figures.dates import Period
from ..figures.parsing import parse_value
from ..figures.quantity import Estimate, Portion
from ..measures import CHANGED_WORDS, VOCABULARY_VERSION, Measure, MeasureRegistry, measure_name
from .claim_fields import CLAIM_FIELDS, _FIELD_READERS, _REQUIRED, _peek_id
from .rows import Read, RowReader, node_row
from .yaml_nodes import NodeReader, is_null, shown


@attrs.frozen
class _Fraction:
    """A claim whose value is a fraction of another claim, waiting for that claim to be built."""

    id: str
    portion: Portion
    fields: dict[str, Any] = attrs.field(eq=False)
    value_line: int


class ClaimReader(NodeReader):
    """The claims of one scenario (or bulk) file, read from their nodes or rows."""

    # The vocabulary version the file says it was written for (``vocabulary:``); bulk claim files have no top
    # level and are read with the current vocabulary (scenarios/bulk.py sets it).
    vocabulary: int | None = None
    # What the file's reader should be told (old measure words whose meaning changed): reader._Reader.read starts
    # the list and puts it on the scenario; a bulk file is read with the current vocabulary and adds none.
    notes: list[str]

    def note_measure(self, word: str, node: yaml.Node, cid: str | None) -> None:
        """Say so when an old file (no ``vocabulary: 2``) uses a measure word whose meaning changed."""
        if self.vocabulary is not None and self.vocabulary >= VOCABULARY_VERSION:
            return
        change = CHANGED_WORDS.get(measure_name(word))
        if change is not None:
            self.notes.append(f"line {node.start_mark.line + 1}: claim {cid}: measure {word!r}: {change} "
                              f"(say 'vocabulary: {VOCABULARY_VERSION}' at the top to mark the file as reviewed)")

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
    _values: "dict[str, dict[str, Estimate]] | None" = None  # by unit, then text
    _rows: RowReader | None = None

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
        known = self._values.get(unit)
        if known is None:
            known = self._values[unit] = {}
        found = known.get(text)
        if found is None:
            value = parse_value(text, unit=unit)
            if not isinstance(value, Estimate):
                return value
            found = known[text] = value
        return found

    def record(self, row: Any, line: int, sources: dict[str, Source], registry: MeasureRegistry
               ) -> "Read | None":
        """One plainly right row read straight from its values (:meth:`reconcile.scenarios.rows.RowReader.record`);
        ``None`` sends it to :meth:`claim`."""
        return self.rows(sources, registry).record(row, line)

    def rows(self, sources: dict[str, Source], registry: MeasureRegistry) -> RowReader:
        """The reader of this file's plain rows, with this reader's per-file memory of measures and figures."""
        rows = self._rows
        if rows is None or rows.sources is not sources or rows.registry is not registry \
                or rows.vocabulary != self.vocabulary:
            if self._values is None:
                self._values = {}
            rows = self._rows = RowReader(sources, registry, self.measure_of, self._values, self.vocabulary)
        return rows

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
