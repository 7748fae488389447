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

from typing import Any

import networkx as nx

from ..claims import Claim
from ..findings import Finding, Relation

__all__ = ["CLAIM_ATTR", "build", "contradiction_groups", "findings_of", "node_attributes"]

CLAIM_ATTR = "claim"


def build(claims: "list[Claim] | tuple[Claim, ...]", findings: "tuple[Finding, ...] | list[Finding]") -> nx.MultiDiGraph:
    """The claim graph of a reconciliation: a node per claim, an edge per finding (keyed by its relation)."""
    graph = nx.MultiDiGraph()
    for claim in claims:
        graph.add_node(claim.id, **node_attributes(claim))
    for finding in findings:
        a, b = finding.claims[0], finding.claims[-1]
        graph.add_edge(a, b, key=finding.relation.value, kind=finding.kind, severity=float(finding.severity),
                       explanation=finding.explanation, context=list(finding.context), rule=finding.rule)
    for finding in findings:  # issue 13: a set of claims that cannot all be true links its sources' claims
        if len(finding.claims) > 2:
            sources = {c: graph.nodes[c]["source"] for c in finding.claims}
            for i, a in enumerate(finding.claims):
                for b in finding.claims[i + 1:]:
                    if sources[a] != sources[b] and not graph.has_edge(a, b, finding.relation.value) and \
                            not graph.has_edge(b, a, finding.relation.value):
                        graph.add_edge(a, b, key=finding.relation.value, kind=finding.kind,
                                       severity=float(finding.severity), explanation=finding.explanation,
                                       context=list(finding.context), rule=finding.rule)
    return graph


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
