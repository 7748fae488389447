"""What a reconciliation gives back: :func:`reconcile`, its :class:`Reconciliation`, and the :class:`ClaimGraph`.

The three live in one module because each needs the others: a graph reconciles its claims, and a
reconciliation hands back its graph. The work itself is in :mod:`reconcile.engine.runner`; the networkx
nodes and edges are made in :mod:`reconcile.engine.graph`.

>>> from reconcile import Claim, reconcile
>>> a = Claim.figure("a", "un", "killed", "1,200", subject="x", said_on="2024-05-01")
>>> b = Claim.figure("b", "ngo", "killed", "1,300", subject="x", said_on="2024-05-01")
>>> [f.relation.value for f in reconcile([a, b]).findings]
['supports']
"""

from __future__ import annotations

import bisect
import weakref
from typing import TYPE_CHECKING, Any, Generic, Iterable, Iterator, TypeVar

import attrs

if TYPE_CHECKING:  # imported where a graph is made (ClaimGraph): a report alone does not need it
    import networkx as nx

from ..claims import Claim
from ..errors import ClaimError
from ..findings import Finding, Relation, finding_order
from ..io import no_gc
from ..measures import DEFAULT_MEASURES, MeasureRegistry
from ..settings import Settings
from ..subjects import NO_SUBJECTS, SubjectRegistry
from .consistency import inconsistent_sets
from .graph import CLAIM_ATTR, build, node_attributes
from .runner import run, superseded

__all__ = ["reconcile", "Reconciliation", "ClaimGraph", "LastComputed"]

T = TypeVar("T")


class LastComputed(Generic[T]):
    """What was computed from the last reconciliation asked about (its summaries, say), kept while that
    reconciliation lives: a report and a chart asking for the same thing compute it once, and a finished
    reconciliation's claims are not held alive by a cache.

    >>> cache: LastComputed[int] = LastComputed()
    >>> r = reconcile([])
    >>> cache.get(r) is None
    True
    >>> cache.put(r, 42)
    42
    >>> cache.get(r)
    42
    >>> del r
    >>> cache.value is None
    True
    """

    def __init__(self) -> None:
        self._ref: weakref.ref[Reconciliation] | None = None
        self.value: T | None = None

    def get(self, result: Reconciliation) -> T | None:
        return self.value if self._ref is not None and self._ref() is result else None

    def put(self, result: Reconciliation, value: T) -> T:
        self._ref, self.value = weakref.ref(result, self._gone), value
        return value

    def clear(self) -> None:
        self._ref = self.value = None

    def _gone(self, ref: weakref.ref[Reconciliation]) -> None:
        if ref is self._ref:
            self.clear()


@attrs.frozen(eq=False)
class Reconciliation:
    """The outcome: every claim (given and derived, in claim order) and every finding (most severe first).

    It also reads as the sequence of its findings — iterating, ``len``, indexing, and ``==`` with a list
    of findings — which is what :meth:`ClaimGraph.reconcile` returned before it returned a Reconciliation.

    >>> from reconcile import Claim
    >>> r = reconcile([Claim.figure("a", "un", "killed", "1,200", subject="x", said_on="2024-05-01")])
    >>> len(r), list(r) == list(r.findings), r == []
    (0, True, True)
    """

    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    settings: Settings = Settings()
    measures: MeasureRegistry = attrs.field(default=DEFAULT_MEASURES, eq=False)
    subjects: SubjectRegistry = attrs.field(default=NO_SUBJECTS, eq=False)

    # -- the findings as a sequence (backward compatibility with ClaimGraph.reconcile's list) ------------
    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __getitem__(self, index: int) -> Finding:
        return self.findings[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Reconciliation):  # the measures registry is not compared, as before
            return (self.claims, self.findings, self.settings) == (other.claims, other.findings, other.settings)
        if isinstance(other, (list, tuple)):
            return list(self.findings) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.claims, self.findings, self.settings))

    @property
    def derived(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.rule is not None and c.rule != "fraction")

    def claim(self, claim_id: str) -> Claim:
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def contradictions(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.relation is Relation.CONTRADICTS)

    def between(self, a: str, b: str) -> tuple[Finding, ...]:
        """Findings that name both claims."""
        return tuple(f for f in self.findings if a in f.claims and b in f.claims)

    def graph(self) -> ClaimGraph:
        return ClaimGraph.from_reconciliation(self)


def reconcile(claims: Iterable[Claim], *, settings: Settings = Settings(),
              measures: MeasureRegistry = DEFAULT_MEASURES, subjects: SubjectRegistry = NO_SUBJECTS,
              engine: str = "local", scheduler: Any = None) -> Reconciliation:
    """Derive what the claims imply and compare them; returns a :class:`Reconciliation`. ``subjects`` says which
    subjects are parts of others (regions of a country), so their figures are checked against their whole's.

    Deterministic: the same claims in any order give the same derived claims and findings in the same order.
    ``engine="dask"`` runs the same rules partition by partition on a Dask cluster (``scheduler``: its
    address, a ``distributed.Client``, or ``None`` for the current or a local one; see
    :mod:`reconcile.engine.dask`), with the same result.
    """
    if engine not in ("dask", "local"):
        raise ValueError(f"unknown engine {engine!r}; expected 'local' or 'dask'")
    with no_gc():
        if engine == "dask":
            from .dask import run_dask  # an optional extra: imported only when asked for

            everything, findings = run_dask(claims, settings, measures, scheduler=scheduler, subjects=subjects)
        else:
            everything, findings = run(claims, settings, measures, subjects)
        # issue 13: the whole-story check adds the minimal sets of figures that cannot all be true; claims that no
        # longer stand (retracted or corrected, issue 10) are not part of the story it checks
        if settings.whole_story:
            gone = superseded(everything)
            standing = tuple(c for c in everything if c.id not in gone)
            sets = inconsistent_sets(standing, measures, settings, findings)
            if sets:
                # findings and sets are each in order already: each set goes in where sorting them together would
                # put it (after the findings of an equal key), without ordering 100,000 findings again
                merged = list(findings)
                for f in sets:
                    bisect.insort_right(merged, f, key=finding_order)
                findings = tuple(merged)
    return Reconciliation(everything, findings, settings, measures, subjects)


class ClaimGraph:
    """Claims and the findings between them, over a networkx ``MultiDiGraph`` (:attr:`nx`).

    Add claims with :meth:`add`, then :meth:`reconcile` to derive implied claims and draw finding edges.
    """

    def __init__(self, claims: Iterable[Claim] = (), *, measures: MeasureRegistry = DEFAULT_MEASURES,
                 settings: Settings = Settings(), subjects: SubjectRegistry = NO_SUBJECTS) -> None:
        import networkx as nx

        self.nx: nx.MultiDiGraph = nx.MultiDiGraph()
        self.measures = measures
        self.subjects = subjects
        self.settings = settings
        self.result: Reconciliation | None = None
        for claim in claims:
            self.add(claim)

    # -- building -----------------------------------------------------------------------------------
    def add(self, claim: Claim) -> None:
        """Add a claim as a node; a second claim with the same id is an error."""
        if claim.id in self.nx:
            raise ClaimError("duplicate claim id", claim_id=claim.id, field="id", text=claim.id,
                             expected="ids unique within a graph")
        self.nx.add_node(claim.id, **node_attributes(claim))
        self.result = None

    def add_claims(self, claims: Iterable[Claim]) -> None:
        for claim in claims:
            self.add(claim)

    def reconcile(self, settings: Settings | None = None) -> Reconciliation:
        """Derive implied claims and compare all claims; replaces earlier derived nodes and edges.

        Returns the :class:`Reconciliation`, as :func:`reconcile` does; it iterates over its findings, as
        the list this method used to return did."""
        if settings is not None:
            self.settings = settings
        given = [c for c in self.claims() if not _is_rule_derived(c)]
        result = reconcile(given, settings=self.settings, measures=self.measures, subjects=self.subjects)
        self._load(result)
        return result

    @classmethod
    def from_reconciliation(cls, result: Reconciliation) -> "ClaimGraph":
        graph = cls(measures=result.measures, settings=result.settings, subjects=result.subjects)
        graph._load(result)
        return graph

    def _load(self, result: Reconciliation) -> None:
        self.nx = build(result.claims, result.findings)
        self.result = result

    # -- reading --------------------------------------------------------------------------------------
    def claims(self) -> list[Claim]:
        return [data[CLAIM_ATTR] for _, data in self.nx.nodes(data=True)]

    def claim(self, claim_id: str) -> Claim:
        return self.nx.nodes[claim_id][CLAIM_ATTR]

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self.nx

    def __len__(self) -> int:
        return self.nx.number_of_nodes()

    def findings(self, relation: Relation | str | None = None, kind: str | None = None) -> list[Finding]:
        """The findings drawn by the last :meth:`reconcile`, most severe first, optionally filtered."""
        if self.result is None:
            return []
        return [f for f in self.result.findings
                if (relation is None or f.relation == Relation(relation)) and (kind is None or f.kind == kind)]

    def contradictions(self) -> list[Finding]:
        return self.findings(Relation.CONTRADICTS)

    def edges(self, relation: Relation | str) -> Iterator[tuple[str, str, dict[str, Any]]]:
        key = Relation(relation).value
        for a, b, k, data in self.nx.edges(keys=True, data=True):
            if k == key:
                yield a, b, data

    def to_networkx(self) -> nx.MultiDiGraph:
        return self.nx


def _is_rule_derived(claim: Claim) -> bool:
    return claim.rule is not None and claim.rule != "fraction"
