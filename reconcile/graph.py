"""The claim graph: a :class:`networkx.MultiDiGraph` with a node per claim and an edge per finding.

Nodes are claim ids. Node attributes (all JSON-safe except ``claim``):

``claim``
    the :class:`~reconcile.claims.Claim` object itself;
``source``, ``via``, ``subject``, ``measure`` or ``proposition``, ``said_on``, ``as_of``, ``low``, ``best``,
``high``, ``unit``, ``hedge``, ``polarity``, ``status``, ``derived_from``, ``rule``
    the fields of :meth:`Claim.to_dict` (ISO dates as text, open bounds as ``None``).

Edges are keyed by relation — ``contradicts``, ``supports``, ``refines``, ``not-comparable`` — so
``G.has_edge(a, b, "contradicts")`` asks the obvious question. Edge attributes: ``kind``, ``severity``
(float), ``explanation`` (plain English, quoting the normalized figures and dates), ``context`` (ids of
further claims the reason rests on) and ``rule``. ``refines`` points from the more specific or later
claim to the one it refines; the symmetric relations point from the earlier claim to the later one
(use ``G.to_undirected()`` to ignore direction). Derived claims are linked to what they come from by
the ``derived_from`` node attribute, not by edges, so every edge is a finding.

>>> from reconcile import Claim, ClaimGraph
>>> g = ClaimGraph([Claim.figure("a", "un", "killed", "1,200", subject="x", said_on="2024-05-01"),
...                 Claim.figure("b", "ngo", "killed", "at least 5,000", subject="x", said_on="2024-05-01")])
>>> [(f.relation.value, f.kind) for f in g.reconcile()]
[('contradicts', 'disjoint')]
>>> g.nx.has_edge("a", "b", "contradicts")
True
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

import networkx as nx

from .claims import Claim
from .errors import ClaimError
from .findings import Finding, Relation
from .measures import DEFAULT_MEASURES, MeasureRegistry
from .reconciler import Reconciliation, reconcile
from .settings import Settings

__all__ = ["ClaimGraph", "CLAIM_ATTR", "contradiction_groups", "findings_of"]

CLAIM_ATTR = "claim"


class ClaimGraph:
    """Claims and the findings between them, over a networkx ``MultiDiGraph`` (:attr:`nx`).

    Add claims with :meth:`add`, then :meth:`reconcile` to derive implied claims and draw finding edges.
    """

    def __init__(self, claims: Iterable[Claim] = (), *, measures: MeasureRegistry = DEFAULT_MEASURES,
                 settings: Settings = Settings()) -> None:
        self.nx: nx.MultiDiGraph = nx.MultiDiGraph()
        self.measures = measures
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

    def reconcile(self, settings: Settings | None = None) -> list[Finding]:
        """Derive implied claims and compare all claims; replaces earlier derived nodes and edges."""
        if settings is not None:
            self.settings = settings
        given = [c for c in self.claims() if not _is_rule_derived(c)]
        result = reconcile(given, settings=self.settings, measures=self.measures)
        self._load(result)
        return list(result.findings)

    @classmethod
    def from_reconciliation(cls, result: Reconciliation) -> "ClaimGraph":
        graph = cls(measures=result.measures, settings=result.settings)
        graph._load(result)
        return graph

    def _load(self, result: Reconciliation) -> None:
        self.nx = nx.MultiDiGraph()
        for claim in result.claims:
            self.nx.add_node(claim.id, **node_attributes(claim))
        for finding in result.findings:
            a, b = finding.claims[0], finding.claims[-1]
            self.nx.add_edge(a, b, key=finding.relation.value, kind=finding.kind, severity=float(finding.severity),
                             explanation=finding.explanation, context=list(finding.context), rule=finding.rule)
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


def node_attributes(claim: Claim) -> dict[str, Any]:
    data = claim.to_dict()
    del data["id"]
    data[CLAIM_ATTR] = claim
    return data


def findings_of(graph: nx.MultiDiGraph, claim_id: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every edge touching ``claim_id``, as ``(u, v, relation, attributes)``."""
    out = [(u, v, k, d) for u, v, k, d in graph.out_edges(claim_id, keys=True, data=True)]
    out += [(u, v, k, d) for u, v, k, d in graph.in_edges(claim_id, keys=True, data=True)]
    return sorted(out, key=lambda e: (e[0], e[1], e[2]))


def contradiction_groups(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Groups of claims linked by contradictions (connected components of the ``contradicts`` edges),
    largest first, each sorted — the clusters an editor has to sort out together."""
    sub = nx.Graph()
    sub.add_edges_from((u, v) for u, v, k in graph.edges(keys=True) if k == Relation.CONTRADICTS.value)
    groups = [sorted(component) for component in nx.connected_components(sub)]
    return sorted(groups, key=lambda g: (-len(g), g))
