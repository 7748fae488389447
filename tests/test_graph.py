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


# -- exports (issue 14) ------------------------------------------------------------------------------------


def _seed_graph():
    g = ClaimGraph(seed_claims())
    g.reconcile()
    return g.nx


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_the_three_export_formats_load_back_with_networkx(tmp_path, fmt):
    from reconcile.engine.graph import LIST_SEPARATOR, write

    live = _seed_graph()
    path = write(live, tmp_path / f"seed.{fmt}", fmt)
    if fmt == "graphml":
        back = nx.read_graphml(path)
    elif fmt == "gexf":
        back = nx.read_gexf(path)
    else:
        back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    assert set(back.nodes) == set(live.nodes)
    assert back.number_of_edges() == live.number_of_edges()
    rem = back.nodes["zel-killed/remainder"]
    assert rem["derived_from"].split(LIST_SEPARATOR) == ["zel-casualties", "zel-killed"]
    assert rem["type"] == "figure" and rem["rule"] == "remainder" and float(rem["best"]) == pytest.approx(4000 / 3)
    assert "high" not in back.nodes["nis-killed"]  # an open bound is an absent attribute, not None
    relations = {d.get("relation") for *_, d in back.edges(data=True)}
    assert {"contradicts", "supports", "refines"} <= relations
    assert path.read_bytes() == write(live, tmp_path / f"again.{fmt}", fmt).read_bytes()  # deterministic


def test_exportable_has_no_claim_objects_none_or_lists_and_leaves_the_live_graph_alone():
    from reconcile.engine.graph import exportable

    live = _seed_graph()
    out = exportable(live)
    for _, data in [*out.nodes(data=True), *((None, d) for *_, d in out.edges(data=True))]:
        for value in data.values():
            assert isinstance(value, (str, float, bool)), value
    assert all(isinstance(d[CLAIM_ATTR], Claim) for _, d in live.nodes(data=True))


def test_reconcile_graph_command_writes_each_format(tmp_path, capsys):
    from reconcile.cli.main import main

    seed = "scenarios/nk_troops_kursk.yaml"
    assert main(["graph", seed, "-o", str(tmp_path / "g.gexf")]) == 0
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == 17
    assert main(["graph", seed, "--format", "json", "-o", str(tmp_path / "g.out")]) == 0
    assert json.loads((tmp_path / "g.out").read_text())["nodes"]
    assert "wrote" in capsys.readouterr().err


def test_claim_graph_reconcile_returns_a_reconciliation_like_reconcile():
    from reconcile import Reconciliation, reconcile

    g = ClaimGraph(seed_claims())
    result = g.reconcile()
    assert isinstance(result, Reconciliation)
    assert result == reconcile(seed_claims())
    assert list(result) == list(result.findings) and len(result) == len(result.findings)
    assert result[0] == result.findings[0]
