"""engine="dask": the same runner per subject partition on a LocalCluster gives the in-process result exactly."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from reconcile import Claim, Report, load_scenario, reconcile
from reconcile.engine import dask as dask_engine
from reconcile.report.json_stream import to_json_bytes
from reconcile.scenarios import bulk
from test_json_stream import generator

distributed = pytest.importorskip("distributed", reason="the dask extra (dask.distributed) is not installed")

SEED = Path(__file__).resolve().parent.parent / "scenarios" / "nk_troops_kursk.yaml"


@pytest.fixture(scope="module")
def client():
    # One worker thread in this process: light on a shared machine, and still the real scheduler and futures.
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _same(scenario, client, **kw):
    local = reconcile(scenario.claims, measures=scenario.registry())
    remote = reconcile(scenario.claims, measures=scenario.registry(), engine="dask", scheduler=client, **kw)
    assert remote.claims == local.claims
    assert remote.findings == local.findings
    as_report = lambda r: to_json_bytes(Report(r, scenario.slug, scenario.title, scenario.sources))  # noqa: E731
    assert as_report(remote) == as_report(local)
    return local


def test_the_seed_on_a_local_cluster_is_the_in_process_result(client):
    local = _same(load_scenario(SEED), client)
    assert local.contradictions()


def test_the_20000_claim_bench_story_on_a_local_cluster_is_the_in_process_result(client, tmp_path):
    path = tmp_path / "story.jsonl"
    generator().write(generator().wide(20_000, 2_000, 50), path, "bench")
    scenario = bulk.load(path)
    assert len(scenario.claims) >= 20_000
    parts = dask_engine.partitions(sorted(scenario.claims, key=lambda c: c.id), size=5_000)
    assert len(parts) > 3  # the story really is split
    local = _same(scenario, client)
    assert len(local.findings) > 10_000 and local.contradictions()


def test_claims_that_refer_across_subjects_share_a_partition():
    a = Claim.figure("a", "un", "killed", "300", subject="x", said_on="2024-05-01")
    b = Claim.statement("b", "ngo", "p", subject="y", said_on="2024-05-01")
    c = Claim.statement("c", "un", "p", False, subject="z", said_on="2024-05-02", denies=["b"])
    d = Claim.portion_of(a, "half", id="d", measure="killed", subject="w")
    assert dask_engine.partitions([a, b, c, d]) == [["a", "d"], ["b", "c"]]
    assert dask_engine.partitions([a, b, c, d], top_subject=lambda s: "all") == [["a", "b", "c", "d"]]
    assert dask_engine.partitions([a, b, c, d], size=10) == [["a", "d", "b", "c"]]


def test_a_denial_across_subjects_gives_the_in_process_findings(client):
    claims = [Claim.statement("b", "ngo", "p", subject="y", said_on="2024-05-01"),
              Claim.statement("c", "un", "p", False, subject="z", said_on="2024-05-02", denies=["b"]),
              Claim.figure("e", "un", "killed", "300", subject="q", said_on="2024-05-01")]
    assert reconcile(claims, engine="dask", scheduler=client).findings == reconcile(claims).findings


def test_bad_claims_raise_the_in_process_errors(client):
    claims = [Claim.figure("a", "un", "killed", "300", subject="x", said_on="2024-05-01")] * 2
    with pytest.raises(Exception) as local:
        reconcile(claims)
    with pytest.raises(type(local.value)) as remote:
        reconcile(claims, engine="dask", scheduler=client)
    assert str(remote.value) == str(local.value)


def test_an_unknown_engine_is_an_error():
    with pytest.raises(ValueError, match="unknown engine"):
        reconcile([], engine="spark")


def test_the_examples_in_the_docstring_hold():
    assert doctest.testmod(dask_engine).failed == 0


def test_cli_report_on_a_scheduler_address_is_the_local_report(client, tmp_path):
    from reconcile.cli.main import main

    local, remote = tmp_path / "local.json", tmp_path / "remote.json"
    assert main(["report", str(SEED), "-f", "json", "-o", str(local)]) == 0
    assert main(["report", str(SEED), "-f", "json", "-o", str(remote), "--engine", "dask",
                 "--scheduler", client.scheduler.address]) == 0
    assert remote.read_bytes() == local.read_bytes()
    assert main(["report", str(SEED), "--scheduler", client.scheduler.address]) == 2
