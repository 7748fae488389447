"""Bulk claim files (JSON Lines, CSV, Parquet): the same claims and the same located errors as a scenario file."""

from __future__ import annotations

import csv
import doctest
import json
from pathlib import Path

import pytest

import reconcile
from reconcile import ErrorList, ScenarioError, load_claims, load_scenario
from reconcile.cli.main import main
from reconcile.scenarios import bulk

SEED = Path(__file__).resolve().parent.parent / "scenarios" / "nk_troops_kursk.yaml"

GOOD = [
    {"id": "a", "source": "un", "said_on": "2024-05-01", "subject": "x", "measure": "killed", "value": "1,200",
     "via": ["afp"], "status": "verified", "quote": "at least 1,200 died"},
    {"id": "b", "source": "ngo", "said_on": "2024-05-02", "subject": "x", "measure": "killed", "value": "at least 5,000"},
    {"id": "c", "source": "ngo", "said_on": "2024-05-02", "subject": "x", "measure": "wounded",
     "value": "two-thirds of b"},
    {"id": "s1", "source": "un", "said_on": "2024-05-01", "subject": "x", "proposition": "ceasefire holds",
     "polarity": True},
    {"id": "s2", "source": "ngo", "said_on": "2024-05-03", "subject": "x", "proposition": "ceasefire holds",
     "polarity": False, "denies": ["s1"]},
]
COLUMNS = ["id", "source", "via", "said_on", "as_of", "subject", "measure", "value", "quote", "status",
           "proposition", "polarity", "denies"]


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def _csv(path: Path, rows: list[dict[str, object]], columns: list[str] = COLUMNS) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for r in rows:
            w.writerow([";".join(v) if isinstance(v := r.get(c), list) else
                        ("true" if v is True else "false" if v is False else "" if v is None else v) for c in columns])
    return path


def _parquet(path: Path, rows: list[dict[str, object]]) -> Path:
    pa = pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    import pyarrow.parquet as pq

    table = pa.table({c: [r.get(c) for r in rows] for c in COLUMNS},
                     schema=pa.schema([(c, pa.list_(pa.string()) if c in ("via", "denies") else
                                        pa.bool_() if c == "polarity" else pa.string()) for c in COLUMNS]))
    pq.write_table(table, path)
    return path


def _yaml_claims(tmp_path: Path, rows: list[dict[str, object]]) -> tuple:
    """The same rows as a scenario file, read by the scenario reader: what bulk files must match."""
    sources = sorted({r["source"] for r in rows} | {s for r in rows for s in r.get("via", [])})
    text = "scenario: t\nsources: {" + ", ".join(f"{s}: {{}}" for s in sources) + "}\nclaims:\n"
    text += "".join("  - " + json.dumps(r) + "\n" for r in rows)
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    return load_scenario(tmp_path / "t.yaml").claims


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_each_format_gives_the_claims_of_the_same_scenario_file(tmp_path, fmt):
    write = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[fmt]
    path = write(tmp_path / f"claims.{fmt}", GOOD)
    claims = load_claims(path)
    assert claims == _yaml_claims(tmp_path, GOOD)
    assert [c.id for c in claims] == ["a", "b", "c", "s1", "s2"]
    assert claims[0].via[0].id == "afp" and claims[0].quote == "at least 1,200 died"
    assert claims[2].rule == "fraction" and claims[2].derived_from == ("b",)
    assert claims[4].denies == ("s1",) and claims[4].polarity is False


BAD_ROW = {"id": "bad", "source": "un", "said_on": "2024-13-01", "subject": "x", "measure": "killed", "value": "lots"}


@pytest.mark.parametrize("fmt, line", [("jsonl", 3), ("csv", 4), ("parquet", 3)])
def test_a_bad_row_in_each_format_is_located_with_every_error_at_once(tmp_path, fmt, line):
    write = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[fmt]
    rows = [GOOD[0], GOOD[1], BAD_ROW, {**GOOD[1], "id": "a"}]
    path = write(tmp_path / f"claims.{fmt}", rows)
    with pytest.raises(ErrorList) as info:
        load_claims(path)
    errors = info.value.errors
    where = [(e.file, e.line, e.claim_id, e.field) for e in errors]
    assert (str(path), line, "bad", "said_on") in where  # a date that does not exist
    assert (str(path), line, "bad", "value") in where  # and, in the same pass, a figure that is not one
    assert (str(path), line + 1, "a", "id") in where  # and a duplicate id in a later row
    assert "2024-13-01" in str(info.value) and "lots" in str(info.value)


def test_jsonl_lines_that_are_not_claims_are_reported_and_blank_lines_skipped(tmp_path):
    path = _jsonl(tmp_path / "c.jsonl", [GOOD[0], "", "{not json", "[1, 2]", {**GOOD[1], "colour": "red"}])
    with pytest.raises(ErrorList) as info:
        load_claims(path)
    got = {(e.line, e.field): e.message for e in info.value.errors}
    assert got[(3, None)] == "not valid JSON"
    assert "must be a mapping" in got[(4, "claim")]
    assert got[(5, "colour")] == "unknown field"
    assert len(info.value.errors) == 3


def test_csv_header_problems_are_reported_once_not_per_row(tmp_path):
    path = _csv(tmp_path / "c.csv", [GOOD[0], GOOD[1]], ["id", "source", "said_on", "measure", "value", "colour"])
    with pytest.raises(ErrorList) as info:
        load_claims(path)
    assert [(e.line, e.field, e.message) for e in info.value.errors] == [
        (1, "colour", "unknown column"), (1, "subject", "missing column")]


def test_a_csv_row_of_the_wrong_length_names_its_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,source,said_on,subject,measure,value\na,un,2024-05-01,x,killed,300\nb,un\n", encoding="utf-8")
    with pytest.raises(ErrorList) as info:
        load_claims(path)
    assert [(e.line, e.message) for e in info.value.errors] == [(3, "a row of 2 cells")]


def test_a_sources_file_names_the_sources_and_rejects_unknown_ids(tmp_path):
    (tmp_path / "sources.yaml").write_text("un: {name: United Nations, type: un-agency}\nngo: An NGO\n"
                                           "afp: {name: AFP}\n", encoding="utf-8")
    (tmp_path / "sources.json").write_text('{"un": {"name": "United Nations"}}', encoding="utf-8")
    path = _jsonl(tmp_path / "c.jsonl", GOOD)
    scenario = bulk.load(path, sources=tmp_path / "sources.yaml")
    assert {s.id: (s.name, s.type) for s in scenario.sources}["un"] == ("United Nations", "un-agency")
    with pytest.raises(ErrorList) as info:
        bulk.load(path, sources=tmp_path / "sources.json")
    assert {(e.line, e.claim_id, e.field, e.text) for e in info.value.errors} >= {
        (1, "a", "via", "afp"), (2, "b", "source", "ngo")}


def test_without_a_sources_file_each_source_is_its_own_id(tmp_path):
    scenario = bulk.load(_jsonl(tmp_path / "c.jsonl", GOOD))
    assert [(s.id, s.label, s.type) for s in scenario.sources] == [
        ("un", "un", "unknown"), ("afp", "afp", "unknown"), ("ngo", "ngo", "unknown")]
    assert scenario.slug == "c" and scenario.expect == ()


def test_a_scenario_file_loads_through_the_same_entry_point_and_refuses_a_sources_file(tmp_path):
    assert load_claims(SEED) == load_scenario(SEED).claims
    with pytest.raises(ScenarioError):
        bulk.load_any(SEED, sources=tmp_path / "x.yaml")


def test_cli_report_writes_nothing_when_a_bulk_file_is_bad(tmp_path, capsys):
    path = _jsonl(tmp_path / "c.jsonl", [GOOD[0], BAD_ROW])
    out = tmp_path / "out.json"
    assert main(["report", str(path), "-f", "json", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: claim bad: field said_on" in err and f"{path}:2: claim bad: field value" in err
    assert not out.exists()


def test_cli_report_and_check_take_a_bulk_file(tmp_path, capsys):
    path = _jsonl(tmp_path / "c.jsonl", GOOD)
    assert main(["report", str(path), "-f", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in document["claims"]] == ["a", "s1", "b", "c", "s2"]
    assert main(["check", str(path)]) == 0
    assert "PASS" in capsys.readouterr().out
    assert main(["check", "--update", str(path)]) == 2
    assert "no expect: block" in capsys.readouterr().err


def test_the_examples_in_the_docstring_hold():
    assert doctest.testmod(bulk).failed == 0
    assert reconcile.load_claims is bulk.load_claims
