"""Scenario files: a story's sources, claims and the findings it expects, in YAML.

A scenario is what an analyst keeps for a developing story; ``reconcile check`` and the pytest plugin run
each one through the engine and compare the findings with its ``expect:`` block, so a change to a rule
or a tolerance shows at once which stories now come out differently. The format is documented in the
README ("Scenario files"); reading is in :mod:`reconcile.scenarios.reader`, writing in
:mod:`reconcile.scenarios.writer`. This module holds the value types and the expectation check.

>>> from reconcile.scenarios import loads
>>> s = loads('''
... scenario: demo
... sources: {un: {name: United Nations}, ngo: {}}
... claims:
...   - {id: a, source: un, said_on: 2024-05-01, subject: x, measure: killed, value: "1,200"}
...   - {id: b, source: ngo, said_on: 2024-05-01, subject: x, measure: killed, value: about 1,250}
... expect:
...   findings: [{relation: supports, claims: [b, a]}]
... ''')
>>> check(s).ok
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import attrs

from ..claims import Claim, Source
from ..engine.reconciliation import Reconciliation, reconcile
from ..errors import ErrorList, ReconcileError, ScenarioError
from ..figures.dates import Period
from ..figures.numeric import counted
from ..findings import Finding, Relation, Strength
from ..measures import DEFAULT_MEASURES, Measure, MeasureRegistry
from ..settings import Settings
from ..subjects import Subject, SubjectRegistry

__all__ = ["Expectation", "Scenario", "CheckResult", "check"]


def _relation(value: "Relation | str | None") -> Relation | None:
    return None if value is None else Relation(value)


def _strength(value: "Strength | str | None") -> Strength | None:
    return None if value is None else Strength(value)


# Named converters rather than ``converter=tuple``: type checkers cannot tell what the generic ``tuple``
# takes and so reject every argument given for the field.
def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _sources(values: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(values)


def _claims(values: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(values)


def _measures(values: Iterable[Measure]) -> tuple[Measure, ...]:
    return tuple(values)


def _subjects(values: Iterable[Subject]) -> tuple[Subject, ...]:
    return tuple(values)


def _expectations(values: Iterable["Expectation"]) -> tuple["Expectation", ...]:
    return tuple(values)


@attrs.frozen
class Expectation:
    """One entry of ``expect.findings`` (must be found) or ``expect.absent`` (must not be found).

    ``relation`` ``None`` means any relation (allowed in ``absent`` only); ``kind`` ``None`` means any kind.
    ``claims`` names one claim — any finding that names it matches — or the claims of the finding: in any
    order for the symmetric relations and for "any relation", in order for ``refines`` (``claims[0]``
    refines ``claims[1]``). ``line`` is where the entry stands in its file and takes no part in equality.
    ``strength`` (``None``: any) pins how sure the finding is: impossible, implausible or tension.
    """

    relation: Relation | None = attrs.field(converter=_relation)
    claims: tuple[str, ...] = attrs.field(converter=_strs)
    kind: str | None = None
    line: int | None = attrs.field(default=None, eq=False)
    strength: Strength | None = attrs.field(default=None, converter=_strength, kw_only=True)

    def matches(self, finding: Finding) -> bool:
        """True when ``finding`` is what this entry describes."""
        if self.relation is not None and finding.relation is not self.relation:
            return False
        if self.kind is not None and finding.kind != self.kind:
            return False
        if self.strength is not None and finding.strength is not self.strength:
            return False
        if len(self.claims) == 1:
            return self.claims[0] in finding.claims
        if self.relation is Relation.REFINES:
            return tuple(finding.claims) == self.claims
        return len(finding.claims) == len(self.claims) and frozenset(finding.claims) == frozenset(self.claims)

    def describe(self) -> str:
        """``contradicts nis-killed ~ zel-killed (kind magnitude)``; ``refines a -> b``; ``any finding naming x``."""
        relation = self.relation.value if self.relation is not None else "any finding"
        if len(self.claims) == 1:
            what = f"{relation} naming {self.claims[0]}"
        else:
            joint = " -> " if self.relation is Relation.REFINES else " ~ "
            what = f"{relation} {'between ' if self.relation is None else ''}{joint.join(self.claims)}"
        pinned = [f"kind {self.kind}"] if self.kind is not None else []
        pinned += [f"strength {self.strength.value}"] if self.strength is not None else []
        return f"{what} ({', '.join(pinned)})" if pinned else what

    def to_dict(self) -> dict[str, object]:
        """The file's form of this entry (what the writer emits): relation, claims, kind; unset parts left out."""
        out: dict[str, object] = {}
        if self.relation is not None:
            out["relation"] = self.relation.value
        out["claims"] = list(self.claims)
        if self.kind is not None:
            out["kind"] = self.kind
        if self.strength is not None:
            out["strength"] = self.strength.value
        return out


@attrs.frozen
class Scenario:
    """A story: its sources, its claims in file order (fractions already resolved: ``rule == "fraction"``),
    the measures it adds to the vocabulary, and what it expects the engine to find."""

    slug: str
    title: str = ""
    published: Period | None = None
    documents: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_claims)
    measures: tuple[Measure, ...] = attrs.field(default=(), converter=_measures)
    expect: tuple[Expectation, ...] = attrs.field(default=(), converter=_expectations)
    absent: tuple[Expectation, ...] = attrs.field(default=(), converter=_expectations)
    path: Path | None = attrs.field(default=None, eq=False)
    # -- issue 11: subject hierarchies, the vocabulary version the file was written for, and notes for the reader
    subjects: tuple[Subject, ...] = attrs.field(default=(), converter=_subjects)
    vocabulary: int | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strs, eq=False)

    def subject_registry(self) -> SubjectRegistry:
        """The story's declared subject hierarchy (``subjects:``); empty when it declares none."""
        return SubjectRegistry(self.subjects)

    @property
    def label(self) -> str:
        """The file it came from, else its slug: how messages name it."""
        return str(self.path) if self.path is not None else self.slug

    def registry(self) -> MeasureRegistry:
        """The default vocabulary plus this story's own measures (a copy: nothing leaks into other stories)."""
        return DEFAULT_MEASURES.extended(self.measures)

    def reconcile(self, settings: Settings = Settings()) -> Reconciliation:
        """Run the engine on this story's claims with its vocabulary."""
        return reconcile(self.claims, settings=settings, measures=self.registry(), subjects=self.subject_registry())


@attrs.frozen
class CheckResult:
    """What became of a scenario's expectations: which held, which expected findings are missing, and
    which forbidden ones were found (each with the finding that broke it)."""

    scenario: Scenario
    result: Reconciliation
    held: tuple[Expectation, ...]
    missing: tuple[Expectation, ...]
    forbidden: tuple[tuple[Expectation, Finding], ...]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.forbidden

    def format(self) -> str:
        """The readable per-file diff: a status line, then each expectation — held ones one line each,
        missing and forbidden ones with the claims they name and the findings' explanations."""
        s = self.scenario
        total = len(s.expect) + len(s.absent)
        if self.ok:
            head = f"PASS {s.label} ({s.slug}): {counted(total, 'expectation')} held"
        else:
            failed_entries = {id(e) for e in self.missing} | {id(e) for e, _ in self.forbidden}
            head = (f"FAIL {s.label} ({s.slug}): {len(failed_entries)} of {total} expectations failed — "
                    f"{len(self.missing)} missing, {counted(len(self.forbidden), 'forbidden finding')} present")
        lines = [head, *(f"  note       {note}" for note in s.notes)]
        claims = {c.id: c for c in self.result.claims}
        forbidden_by_entry: dict[int, list[Finding]] = {}
        for entry, finding in self.forbidden:
            forbidden_by_entry.setdefault(id(entry), []).append(finding)
        missing = {id(e) for e in self.missing}
        for section, entries in (("expected", s.expect), ("absent", s.absent)):
            for entry in entries:
                where = f"line {entry.line}: " if entry.line is not None else ""
                if id(entry) in missing:
                    lines.append(f"  missing    {where}expected {entry.describe()}")
                    lines.extend(_claim_lines(entry.claims, claims))
                    lines.extend(_nearby(entry, self.result.findings))
                elif id(entry) in forbidden_by_entry:
                    lines.append(f"  forbidden  {where}absent: {entry.describe()}, but found:")
                    for finding in forbidden_by_entry[id(entry)]:
                        lines.append(f"      {_finding_line(finding)}")
                        lines.append(f"        {finding.explanation}")
                    lines.extend(_claim_lines(entry.claims, claims))
                else:
                    lines.append(f"  held       {where}{'absent: ' if section == 'absent' else ''}{entry.describe()}")
        return "\n".join(lines)


def _finding_line(f: Finding) -> str:
    joint = " -> " if f.relation is Relation.REFINES else " ~ "
    strength = f", {f.strength.value}" if f.strength is not None else ""
    return f"{f.relation.value} ({f.kind}{strength}) {joint.join(f.claims)}"


def _claim_lines(ids: Iterable[str], claims: dict[str, Claim]) -> list[str]:
    return [f"      {i}: {claims[i].describe()}" for i in ids if i in claims]


def _nearby(entry: Expectation, findings: Iterable[Finding]) -> list[str]:
    """What the engine did find about the same claims, so a missing finding's diff shows what replaced it."""
    wanted = set(entry.claims)
    found = [f for f in findings if (wanted <= set(f.claims) if len(wanted) > 1 else wanted & set(f.claims))]
    if not found:
        return ["      found no finding naming " + (" and ".join(entry.claims) if len(wanted) > 1 else entry.claims[0])]
    out = ["      found instead:"]
    for f in found:
        out.append(f"      {_finding_line(f)}")
        out.append(f"        {f.explanation}")
    return out


def check(scenario: Scenario, settings: Settings = Settings()) -> CheckResult:
    """Reconcile ``scenario`` and hold its findings against its expectations.

    An expectation that names a claim which is neither in the file nor derived by the engine is bad input
    (a typo would otherwise make an ``absent`` entry pass forever): raises :class:`ErrorList`.
    """
    result = scenario.reconcile(settings)
    known = {c.id for c in result.claims}
    errors: list[ReconcileError] = []
    derived = ", ".join(c.id for c in result.derived[:8]) or "none"
    for section, entries in (("expect.findings", scenario.expect), ("expect.absent", scenario.absent)):
        for entry in entries:
            for claim_id in entry.claims:
                if claim_id not in known:
                    errors.append(ScenarioError(
                        "expectation names a claim that is neither in the file nor derived", file=_file(scenario),
                        line=entry.line, field=f"{section}.claims", text=claim_id,
                        expected=f"the id of a claim in the file or of a derived claim (derived here: {derived})"))
    if errors:
        raise ErrorList(errors, file=_file(scenario))
    findings = result.findings
    held: list[Expectation] = []
    missing: list[Expectation] = []
    forbidden: list[tuple[Expectation, Finding]] = []
    for entry in scenario.expect:
        (held if any(entry.matches(f) for f in findings) else missing).append(entry)
    for entry in scenario.absent:
        hits = [f for f in findings if entry.matches(f)]
        if hits:
            forbidden.extend((entry, f) for f in hits)
        else:
            held.append(entry)
    return CheckResult(scenario, result, tuple(held), tuple(missing), tuple(forbidden))


def _file(scenario: Scenario) -> str | None:
    return str(scenario.path) if scenario.path is not None else None
