"""The streamed JSON report is Report.to_json(), byte for byte: on the seed, every scenario and a bench story."""

from __future__ import annotations

import doctest
import importlib.util
import json
from pathlib import Path

import pytest

from reconcile import Claim, Report, load_scenario, reconcile
from reconcile.cli.main import main
from reconcile.report import json_stream
from reconcile.report.json_stream import iter_json, to_json_bytes, write_json
from reconcile.scenarios import bulk

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def generator():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_scenario_streams_the_bytes_of_to_json(path, tmp_path):
    report = Report.from_scenario(load_scenario(path))
    expected = report.to_json().encode("utf-8")
    assert to_json_bytes(report) == expected
    write_json(report, tmp_path / "r.json")
    assert (tmp_path / "r.json").read_bytes() == expected


def test_a_bench_story_streams_the_bytes_of_to_json(tmp_path):
    path = tmp_path / "story.jsonl"
    generator().write(generator().wide(3000, 300, 40), path, "s")
    report = Report.from_scenario(bulk.load(path))
    assert len(report.findings) > 1000  # a story with every section well filled
    assert to_json_bytes(report) == report.to_json().encode("utf-8")


def test_records_orjson_would_spell_differently_fall_back_to_the_standard_library():
    report = Report.from_reconciliation(reconcile([
        Claim.figure("a", "un", "killed", str(10 ** 25), subject="x", said_on="2024-05-01"),
        Claim.figure("b", "un", "killed", "3", subject="x", said_on="2024-05-02"),
    ]), scenario="x", title="Ünïcode — “quotes”\u2028 and \x01 control")
    text = report.to_json()
    assert "10000000000000000000000000" in text  # beyond 64 bits: orjson cannot write it
    assert to_json_bytes(report) == text.encode("utf-8")


def test_empty_sections_are_written_as_to_json_writes_them():
    report = Report.from_reconciliation(reconcile([]), scenario="empty")
    assert b'"findings": []' in to_json_bytes(report)
    assert to_json_bytes(report) == report.to_json().encode("utf-8")


def test_the_report_is_streamed_record_by_record(monkeypatch):
    report = Report.from_scenario(load_scenario(SCENARIOS[-1]))
    expected = to_json_bytes(report)
    monkeypatch.setattr(json_stream, "CHUNK", 1)
    pieces = list(iter_json(report))
    assert len(pieces) >= len(report.claims) + len(report.findings)
    assert b"".join(pieces) == expected


def test_pieces_hold_at_most_a_chunk_of_records(monkeypatch, tmp_path):
    path = tmp_path / "story.jsonl"
    generator().write(generator().wide(300, 30, 10), path, "s")
    report = Report.from_scenario(bulk.load(path))
    expected = report.to_json().encode("utf-8")
    monkeypatch.setattr(json_stream, "CHUNK", 7)
    pieces = list(iter_json(report))
    assert b"".join(pieces) == expected
    assert max(p.count(b"\n    {") for p in pieces) <= 7  # a record opens at depth two
    assert len(pieces) >= (len(report.claims) + len(report.findings)) / 7


def test_cli_json_to_stdout_and_to_a_file_are_the_library_bytes(tmp_path, capsysbinary):
    seed = ROOT / "scenarios" / "nk_troops_kursk.yaml"
    expected = Report.from_scenario(load_scenario(seed)).to_json().encode("utf-8")
    assert main(["report", str(seed), "-f", "json"]) == 0
    assert capsysbinary.readouterr().out == expected
    assert main(["report", str(seed), "-f", "json", "-o", str(tmp_path / "r.json")]) == 0
    assert (tmp_path / "r.json").read_bytes() == expected
    assert json.loads(expected)["scenario"] == "nk-troops-kursk"


def test_the_examples_in_the_docstring_hold():
    assert doctest.testmod(json_stream).failed == 0


def test_floats_orjson_writes_with_another_exponent_and_nan_go_to_the_standard_library():
    from reconcile.report.json_stream import _record

    for record in ({"x": 1e16}, {"x": 1e-7, "y": [1, 2]}, {"x": 2.5, "y": {"z": 1}}, {"x": 10 ** 30}):
        assert _record(record) == b"    " + json.dumps(record, indent=2).encode().replace(b"\n", b"\n    ")
    with pytest.raises(ValueError):
        _record({"x": float("nan")})


def _schema_properties(name):
    schema = json.loads((Path(json_stream.__file__).parent / "schema.json").read_text())
    return list(schema["$defs"][name]["properties"])


def test_claim_records_follow_the_schema_and_their_estimates(tmp_path):
    # Claim.to_dict is made in one step (a report writes one per claim): its figure fields must still be the
    # estimate's own to_dict, and its keys the schema's, in the schema's order.
    path = tmp_path / "story.jsonl"
    generator().write(generator().wide(3000, 300, 40), path, "s")
    stories = [load_scenario(p) for p in SCENARIOS] + [bulk.load(path)]
    claims = [c for story in stories for c in story.reconcile().claims]
    assert any(c.estimate is None for c in claims) and any(c.derived_from for c in claims)
    order = _schema_properties("claim")
    for c in claims:
        record = c.to_dict()
        topic = "proposition" if c.estimate is None else "measure"
        assert list(record) == [k for k in order if k != ({"measure", "proposition"} - {topic}).pop()]
        assert record["status"] == c.status.value
        if c.estimate is None:
            assert record["polarity"] == c.polarity and record["low"] is record["hedge"] is None
        else:
            assert {k: record[k] for k in ("low", "best", "high", "unit", "hedge")} == c.estimate.to_dict()


def test_finding_records_follow_the_schema(tmp_path):
    path = tmp_path / "story.jsonl"
    generator().write(generator().wide(3000, 300, 40), path, "s")
    stories = [load_scenario(p) for p in SCENARIOS] + [bulk.load(path)]
    findings = [f for story in stories for f in story.reconcile().findings]
    assert any(f.strength is None for f in findings) and any(f.strength is not None for f in findings)
    order = _schema_properties("finding")
    for f in findings:
        record = f.to_dict()
        assert [k for k in order if k in record] == list(record)
        assert record["relation"] == f.relation.value
        assert record["strength"] == (None if f.strength is None else f.strength.value)


def test_a_chunk_with_a_record_orjson_would_spell_differently_is_written_record_by_record():
    from reconcile.report.json_stream import _chunk, _record, _bounds_plain

    records = [{"low": 1, "best": 2.5, "high": None, "polarity": None},
               {"low": 1e-7, "best": 2, "high": 3, "polarity": None},
               {"low": 10 ** 30, "best": None, "high": None, "polarity": True}]
    assert _chunk(records, _bounds_plain) == b",\n".join(_record(r) for r in records)
    assert _chunk(records[:1], _bounds_plain) == _record(records[0])
    assert _chunk([{"low": 1, "best": 1, "high": 1, "polarity": None, "x": 10 ** 30}], _bounds_plain) \
        == _record({"low": 1, "best": 1, "high": 1, "polarity": None, "x": 10 ** 30})


def test_a_file_handed_to_writeback_step_by_step_holds_the_same_bytes(monkeypatch, tmp_path):
    import os

    from reconcile import io as rio
    path = tmp_path / "story.jsonl"
    generator().write(generator().wide(300, 30, 10), path, "s")
    report = Report.from_scenario(bulk.load(path))
    expected = report.to_json().encode("utf-8")
    calls: list[int] = []
    if hasattr(os, "posix_fadvise"):
        real = os.posix_fadvise

        def fadvise(fd: int, offset: int, length: int, advice: int) -> None:
            calls.append(os.fstat(fd).st_size)  # what the file holds when the kernel is asked to write it back
            real(fd, offset, length, advice)
        monkeypatch.setattr(os, "posix_fadvise", fadvise)
    monkeypatch.setattr(rio, "DROP_BEHIND", 10_000)
    write_json(report, tmp_path / "out.json")
    assert (tmp_path / "out.json").read_bytes() == expected
    if hasattr(os, "posix_fadvise"):
        largest = max(map(len, iter_json(report)))
        steps = [b - a for a, b in zip([0, *calls, len(expected)], [*calls, len(expected)])]
        assert len(calls) >= 2
        assert all(step >= 10_000 for step in steps[:-1])  # flushed first: every step is on file when handed
        assert all(step < 10_000 + largest for step in steps)  # and none is held back


def test_the_collector_rests_while_the_report_is_written_and_only_then(tmp_path):
    import gc

    r = reconcile([Claim.figure("a", "un", "killed", "300", subject="x", said_on="2024-05-01")])
    seen: list[bool] = []
    assert gc.isenabled()
    write_json(Report.from_reconciliation(r, scenario="x"), tmp_path / "out.json",
               progress=lambda n: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()
