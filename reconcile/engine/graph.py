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
further claims the reason rests on), ``rule`` and ``strength`` (``impossible``, ``implausible``,
``tension`` or ``None``). ``refines`` points from the more specific or later
claim to the one it refines; the symmetric relations point from the earlier claim to the later one
(use ``G.to_undirected()`` to ignore direction). Derived claims are linked to what they come from by
the ``derived_from`` node attribute, not by edges, so every edge is a finding.

**Exports.** The live graph keeps the ``Claim`` objects, lists and ``None`` values that Python code wants;
the standard networkx writers do not accept them. :func:`exportable` gives a copy every writer takes
(GraphML, GEXF, node-link JSON): the ``claim`` object left out; lists (``via``, ``derived_from``,
``context``) written as one string of ids separated by single spaces (ids never hold spaces), ``""`` when
empty; ``None`` values left out (an absent ``low`` or ``high`` is an open bound, an absent ``rule`` a
stated claim); numbers as floats; an unbounded ``severity`` (a ratio against zero) left out with
``unbounded`` true; ``strength`` written when a finding has one; each node gets ``label`` (its id) and
``type`` (``figure`` or ``statement``). :func:`write` writes one of :data:`FORMATS`.

>>> from reconcile import Claim, ClaimGraph
>>> g = ClaimGraph([Claim.figure("a", "un", "killed", "1,200", subject="x", said_on="2024-05-01"),
...                 Claim.figure("b", "ngo", "killed", "at least 5,000", subject="x", said_on="2024-05-01")])
>>> [(f.relation.value, f.kind) for f in g.reconcile()]
[('contradicts', 'disjoint')]
>>> g.nx.has_edge("a", "b", "contradicts")
True
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # networkx costs ~0.2 s to import; a report that never draws a graph should not pay it
    import networkx as nx

from ..claims import Claim
from ..findings import Finding, Relation
from ..io import write_atomic

__all__ = ["CLAIM_ATTR", "FORMATS", "build", "contradiction_groups", "exportable", "findings_of", "node_attributes",
           "write", "LIST_SEPARATOR"]

CLAIM_ATTR = "claim"


def build(claims: "list[Claim] | tuple[Claim, ...]", findings: "tuple[Finding, ...] | list[Finding]") -> nx.MultiDiGraph:
    """The claim graph of a reconciliation: a node per claim, an edge per finding (keyed by its relation)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for claim in claims:
        graph.add_node(claim.id, **node_attributes(claim))
    for finding in findings:
        a, b = finding.claims[0], finding.claims[-1]
        graph.add_edge(a, b, key=finding.relation.value, kind=finding.kind, severity=float(finding.severity),
                       explanation=finding.explanation, context=list(finding.context), rule=finding.rule,
                       strength=None if finding.strength is None else finding.strength.value)
    for finding in findings:  # issue 13: a set of claims that cannot all be true links its sources' claims
        if len(finding.claims) > 2:
            sources = {c: graph.nodes[c]["source"] for c in finding.claims}
            for i, a in enumerate(finding.claims):
                for b in finding.claims[i + 1:]:
                    if sources[a] != sources[b] and not graph.has_edge(a, b, finding.relation.value) and \
                            not graph.has_edge(b, a, finding.relation.value):
                        graph.add_edge(a, b, key=finding.relation.value, kind=finding.kind,
                                       severity=float(finding.severity), explanation=finding.explanation,
                                       context=list(finding.context), rule=finding.rule,
                                       strength=None if finding.strength is None else finding.strength.value)
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
    import networkx as nx

    sub = nx.Graph()
    sub.add_edges_from((u, v) for u, v, k in graph.edges(keys=True) if k == Relation.CONTRADICTS.value)
    groups = [sorted(component) for component in nx.connected_components(sub)]
    return sorted(groups, key=lambda g: (-len(g), g))


LIST_SEPARATOR = " "
FORMATS = ("graphml", "gexf", "json")


def _export_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) or hasattr(value, "__float__"):
        return float(value)
    return str(value)


def _export_attributes(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == CLAIM_ATTR or value is None:
            continue
        if key == "severity" and not math.isfinite(float(value)):
            out["unbounded"] = True
            continue
        out[key] = _export_value(value)
    return out


def exportable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the claim graph that GraphML, GEXF and node-link JSON writers accept (see the module
    docstring for the encoding).

    >>> from reconcile import Claim, reconcile
    >>> g = exportable(reconcile([Claim.figure("a", "un", "killed", "at least 5", subject="x",
    ...                                         said_on="2024-05-01")]).graph().nx)
    >>> sorted(g.nodes["a"])[:5], "high" in g.nodes["a"]
    (['as_of', 'best', 'derived_from', 'hedge', 'label'], False)
    """
    import networkx as nx

    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = _export_attributes(data)
        attrs["label"] = str(node)
        attrs["type"] = "statement" if "proposition" in data else "figure"
        out.add_node(node, **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, relation=key, **_export_attributes(data))
    return out


def write(graph: nx.MultiDiGraph, path: str | Path, format: str) -> Path:
    """Write the claim graph as ``graphml``, ``gexf`` or ``json`` (node-link), atomically; deterministic."""
    import networkx as nx

    if format not in FORMATS:
        raise ValueError(f"unknown graph format {format!r}; expected one of {', '.join(FORMATS)}")
    g = exportable(graph)
    if format == "json":
        text = json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    else:
        lines = nx.generate_graphml(g) if format == "graphml" else nx.generate_gexf(g)
        text = "\n".join(lines) + "\n"
        if format == "gexf":  # the writer stamps today's date: drop it so the same graph gives the same bytes
            import re

            text = re.sub(r' lastmodifieddate="[^"]*"', "", text)
    target = Path(path)
    write_atomic(target, text)
    return target
