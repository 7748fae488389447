from __future__ import annotations

import json

import networkx as nx
import pytest
from conftest import seed_claims

from reconcile import Claim, ClaimError, ClaimGraph, Relation
from reconcile.engine.graph import CLAIM_ATTR, findings_of


def test_add_then_reconcile_then_query():
    g = ClaimGraph()
    g.add_claims(seed_claims())
    assert g.findings() == []  # nothing drawn before reconcile
    found = g.reconcile()
    assert found == g.findings() and len(g.contradictions()) == 5
    assert {(a, b) for a, b, _ in g.edges("supports")} == {("nyt-pulled", "sof-not-faced")}
    assert "zel-killed/remainder" in g and g.claim("zel-killed/remainder").rule == "remainder"


def test_reconcile_twice_replaces_derived_nodes_and_edges():
    g = ClaimGraph(seed_claims())
    first = g.reconcile()
    nodes, edges = g.nx.number_of_nodes(), g.nx.number_of_edges()
    assert g.reconcile() == first
    assert (g.nx.number_of_nodes(), g.nx.number_of_edges()) == (nodes, edges)


def test_node_and_edge_attributes_are_documented_and_json_safe():
    g = ClaimGraph(seed_claims())
    g.reconcile()
    for node, data in g.nx.nodes(data=True):
        assert isinstance(data[CLAIM_ATTR], Claim) and data[CLAIM_ATTR].id == node
        json.dumps({k: v for k, v in data.items() if k != CLAIM_ATTR})
        assert {"source", "subject", "as_of", "low", "best", "high", "status"} <= set(data)
    for _, _, key, data in g.nx.edges(keys=True, data=True):
        assert key in {r.value for r in Relation}
        json.dumps(data)
        assert {"kind", "severity", "explanation"} <= set(data)


def test_refines_points_from_the_specific_claim():
    g = ClaimGraph(seed_claims())
    g.reconcile()
    assert g.nx.has_edge("zel-casualties", "nis-killed+nis-wounded/sum", "refines")
    assert not g.nx.has_edge("nis-killed+nis-wounded/sum", "zel-casualties", "refines")


def test_networkx_algorithms_run_on_the_graph():
    g = ClaimGraph(seed_claims())
    g.reconcile()
    undirected = g.nx.to_undirected()
    assert nx.has_path(undirected, "nyt-pulled", "budanov-denial")
    assert len(findings_of(g.nx, "budanov-denial")) == 2


def test_duplicate_ids_are_refused():
    g = ClaimGraph(seed_claims()[:1])
    with pytest.raises(ClaimError, match="duplicate"):
        g.add(seed_claims()[0])
