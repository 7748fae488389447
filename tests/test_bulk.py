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


# -- rows read straight from their values, not as YAML nodes (issue 12) -----------------------------------------
import tempfile  # noqa: E402
from unittest import mock  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from reconcile.scenarios.reader import CLAIM_FIELDS, _Reader  # noqa: E402
from reconcile.scenarios.rows import RowReader  # noqa: E402


def _through_nodes():
    """Every row read from its nodes: neither a batch nor a row read straight."""
    return mock.patch.multiple(RowReader, record=lambda *args: None, records=lambda *args: None)

_TEXT = st.sampled_from(["x", "s0", " ", "", "true", "killed", "deaths", "wounded", "casualties", "colour"])
_VALUES = {
    "id": st.sampled_from(["a", "b", "c", "a", "bad id", "", 7, True, ["a"]]),
    "source": st.sampled_from(["un", "afp", "ngo", "bad id", "", 3, ["un"], {"un": 1}]),
    "via": st.one_of(st.sampled_from(["afp", "bad id", "", [], ["afp", "un"], ["afp", None], ["afp", ["x"]], [5]]),
                     st.lists(st.sampled_from(["afp", "reuters", "un", "x y"]), max_size=3)),
    "said_on": st.sampled_from(["2024-05-01", "2024-05", "2024-13-01", "since 2024-04", "during 2024-04", 2024,
                                "2024-fall", "", ["2024"]]),
    "as_of": st.sampled_from(["2024-04-30", "since 2024-03", "since 2024-06", "2024", "soon", False]),
    "subject": _TEXT,
    "measure": st.sampled_from(["killed", "deaths", "wounded", "displaced", "colour", "", " ", 3]),
    "value": st.sampled_from(["1,200", "at least 5,000", "about 3k", "two-thirds of b", "two-thirds of zz",
                              "nearly half of a", "1.5", "lots", "", 300, 2.5, "11,000-12,000", "64%", True]),
    "quote": st.sampled_from(["", "said so", 5, ["x"]]),
    "status": st.sampled_from(["verified", "disputed", "maybe", "", 1]),
    "proposition": st.sampled_from(["ceasefire holds", "", " "]),
    "polarity": st.sampled_from([True, False, "true", 1, None]),
    "denies": st.sampled_from(["a", ["a", "b"], ["zz"], [], [None], "c"]),
    "corrects": st.sampled_from(["a", ["b"], []]),
    "origin": st.sampled_from(["un", "", 4]),
}
assert set(_VALUES) == set(CLAIM_FIELDS)
_FIGURE = st.fixed_dictionaries({"id": _VALUES["id"], "source": _VALUES["source"], "said_on": _VALUES["said_on"],
                                 "subject": _VALUES["subject"], "measure": _VALUES["measure"],
                                 "value": _VALUES["value"]})
_STATEMENT = st.fixed_dictionaries({"id": _VALUES["id"], "source": _VALUES["source"],
                                    "said_on": _VALUES["said_on"], "subject": _VALUES["subject"],
                                    "proposition": _VALUES["proposition"], "polarity": _VALUES["polarity"]})
_EXTRA = st.dictionaries(st.sampled_from([*CLAIM_FIELDS, "colour"]),
                         st.one_of(st.none(), *_VALUES.values()), max_size=3).map(
    lambda d: {k: v if k in _VALUES else "red" for k, v in d.items()})
# Rows that are right but for what the extra fields change (most rows of a real file are right)
_RIGHT = st.one_of(st.fixed_dictionaries({
    "id": st.sampled_from(["a", "b", "c", "d"]), "source": st.sampled_from(["un", "afp"]),
    "said_on": st.sampled_from(["2024-05-01", "2024-05", "2024-fall"]), "subject": st.sampled_from(["x", "s0"]),
    "measure": st.sampled_from(["killed", "deaths", "wounded"]),
    "value": st.sampled_from(["1,200", "at least 5,000", "about 3k", "11,000-12,000", "two-thirds of a", 300])}),
    st.fixed_dictionaries({"id": st.sampled_from(["s1", "s2"]), "source": st.sampled_from(["un", "ngo"]),
                           "said_on": st.just("2024-05-01"), "subject": st.just("x"),
                           "proposition": st.just("ceasefire holds"), "polarity": st.booleans()}))
ROWS = st.lists(st.one_of(st.tuples(st.one_of(_FIGURE, _STATEMENT, _RIGHT, _RIGHT), _EXTRA).map(
    lambda t: {**t[0], **t[1]}), st.just([1, 2])), min_size=1, max_size=6)


def _outcome(path: Path, sources: object) -> object:
    """Everything a load gives: each claim in full (repr shows the texts and source names equality skips), the
    sources in order, or every error message."""
    try:
        scenario = bulk.load(path, sources=sources)
    except ErrorList as err:
        return [str(e) for e in err.errors]
    return [repr(c) for c in scenario.claims], [repr(s) for s in scenario.sources]


@settings(max_examples=150, deadline=None)
@given(ROWS, st.booleans(), st.sampled_from(["jsonl", "csv"]))
def test_rows_read_straight_give_what_the_scenario_reader_gives_them_as_nodes(rows, declared, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        if fmt == "csv":  # cells are text: a list is its ids joined by ';'
            rows = [{k: ";".join("" if x is None else str(x) for x in v) if isinstance(v, list) else
                     v if v is None or isinstance(v, (str, bool)) else str(v) for k, v in r.items()}
                    for r in rows if isinstance(r, dict)]
            columns = list(dict.fromkeys(k for r in rows for k in r if k in COLUMNS)) or ["id"]
            path = _csv(Path(tmp) / "c.csv", rows, [*columns, *(c for c in ("id", "source", "said_on", "subject")
                                                                if c not in columns)])
        else:
            path = _jsonl(Path(tmp) / "c.jsonl", rows)
        sources = [reconcile.Source("un", "United Nations"), reconcile.Source("afp")] if declared else None
        fast = _outcome(path, sources)
        with _through_nodes():  # every row as YAML nodes
            assert _outcome(path, sources) == fast


def test_good_rows_take_the_straight_path(tmp_path):
    path = _jsonl(tmp_path / "c.jsonl", [GOOD[0], GOOD[1], GOOD[3], GOOD[4], {**GOOD[1], "id": "d", "value": 300}])
    calls = []
    real = bulk._row
    with mock.patch.object(bulk, "_row", lambda *args: calls.append(args) or real(*args)):
        claims = load_claims(path)
    assert [c.id for c in claims] == ["a", "b", "s1", "s2", "d"] and calls == []
    assert claims[1].estimate is not claims[4].estimate and claims[4].estimate.best == 300


def test_one_figure_text_is_parsed_once_and_shared(tmp_path):
    path = _jsonl(tmp_path / "c.jsonl", [{**GOOD[1], "id": f"b{i}"} for i in range(3)])
    claims = load_claims(path)
    assert claims[0].estimate is claims[1].estimate is claims[2].estimate
    assert str(claims[0].estimate) == "at least 5,000"


# Values as YAML writes them, plain and odd: quoted, bare words YAML reads as booleans or null, tags, flow lists
_YAML_VALUES = {
    "id": ["a", "b", "a", "'c'", "~", "yes", "[a]", "!!str d", "bad id"],
    "source": ["un", "afp", "ngo", "''", "!custom un", "[un]", "{un: 1}"],
    "via": ["afp", "[afp, un]", "[]", "[afp, ~]", "[afp, [x]]", "[afp, !!str un]", "~"],
    "said_on": ["2024-05-01", "2024-05", "'2024-05-01'", "2024-13-01", "since 2024-04", "!!timestamp 2024-05-01"],
    "as_of": ["2024-04-30", "2024", "soon", "no"],
    "subject": ["x", "s0", "' '", "~", "on"],
    "measure": ["killed", "deaths", "wounded", "colour", "Killed"],
    "value": ["'1,200'", "300", "at least 5,000", "about 3k", "two-thirds of b", "lots", "yes", "!!int 300",
              "'11,000-12,000'"],
    "quote": ["said so", "''", "[x]", "~"],
    "status": ["verified", "maybe", "null"],
    "proposition": ["ceasefire holds", "''"],
    "polarity": ["true", "false", "yes", "Off", "'true'", "1", "~"],
    "denies": ["a", "[a, b]", "[zz]", "[]", "[~]"],
    "corrects": ["a", "[b]", "[]"],
    "origin": ["un", "''"],
}
assert set(_YAML_VALUES) == set(CLAIM_FIELDS)
_YAML_FIELD = st.sampled_from([*CLAIM_FIELDS, "colour"]).flatmap(
    lambda f: st.tuples(st.just(f), st.sampled_from(_YAML_VALUES.get(f, ["red"]))))
_YAML_FIGURE = st.tuples(*(st.tuples(st.just(f), st.sampled_from(_YAML_VALUES[f][:3]))
                           for f in ("id", "source", "said_on", "subject", "measure", "value")))
_YAML_STATEMENT = st.tuples(*(st.tuples(st.just(f), st.sampled_from(_YAML_VALUES[f][:3]))
                              for f in ("id", "source", "said_on", "subject", "proposition", "polarity")))
_YAML_CLAIM = st.tuples(st.one_of(_YAML_FIGURE, _YAML_STATEMENT), st.lists(_YAML_FIELD, max_size=3)).map(
    lambda t: [*t[0], *t[1]])


def _scenario_outcome(text: str) -> object:
    try:
        scenario = reconcile.scenarios.loads(text)
    except ErrorList as err:
        return [str(e) for e in err.errors]
    return [repr(c) for c in scenario.claims], scenario.notes


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_YAML_CLAIM, st.just("- just text")), min_size=1, max_size=5), st.booleans())
def test_scenario_claims_of_plain_values_give_what_the_node_helpers_give(claims, current_vocabulary):
    text = ("scenario: t\n" + ("vocabulary: 2\n" if current_vocabulary else "")
            + "sources: {un: United Nations, afp: {}, ngo: {type: ngo}}\nclaims:\n")
    for claim in claims:
        if isinstance(claim, str):
            text += f"  {claim}\n"
            continue
        text += "".join(f"  {'-' if i == 0 else ' '} {field}: {value}\n" for i, (field, value) in enumerate(claim))
    fast = _scenario_outcome(text)
    with _through_nodes():  # every claim through the node helpers
        assert _scenario_outcome(text) == fast, text


# One row at a time: a file's rows hide each other's claims behind the first error (a duplicate id, say), so each
# row read straight is also compared with the claim its nodes give on their own, field by field.
from reconcile.claims import _CLAIM_SLOTS, Claim  # noqa: E402
from reconcile.measures import DEFAULT_MEASURES, VOCABULARY_VERSION  # noqa: E402

_ONE_ROW = st.one_of(st.tuples(st.one_of(_FIGURE, _STATEMENT, _RIGHT, _RIGHT, _RIGHT), _EXTRA, _EXTRA).map(
    lambda t: {**t[0], **t[1], **t[2]}), _RIGHT.map(lambda r: {"via": "afp", **r}),
    st.tuples(_RIGHT, st.sampled_from(["since 2024-03", "since 2024-06", "during 2024-04", "2024-04-30"]),
              st.sampled_from(["fatalities", "killed", "deaths"])).map(
        lambda t: {**t[0], "as_of": t[1], **({"measure": t[2]} if "measure" in t[0] else {})}))


def _read_alone(row: object, declared: bool, straight: bool) -> object:
    reader = _Reader("f.jsonl")
    reader.vocabulary = VOCABULARY_VERSION
    known = {s.id: s for s in (reconcile.Source("un", "United Nations"), reconcile.Source("afp"))} if declared \
        else bulk._Sources()
    if straight:
        read = reader.record(row, 1, known, DEFAULT_MEASURES)
        claim = None if read is None else read[1]
    else:
        with _through_nodes():
            claim = reader.claim(bulk._row(row, bulk._mark("f.jsonl", 1)), known, DEFAULT_MEASURES)[1]
        if reader.errors or not isinstance(claim, Claim):
            claim = None
    fields = None if claim is None else [(getattr(claim, n), type(getattr(claim, n))) for n in _CLAIM_SLOTS]
    estimate = None if claim is None or claim.estimate is None else [
        (getattr(claim.estimate, n), type(getattr(claim.estimate, n))) for n in (
            "low", "high", "best", "unit", "hedge", "text", "low_open", "high_open", "confidence", "_lo", "_hi",
            "_mid")]
    names = [(s.id, s.name, s.type) for s in known.values()]
    return claim, repr(claim), fields, estimate, names


@settings(max_examples=400, deadline=None)
@given(_ONE_ROW, st.booleans())
def test_a_row_read_straight_is_the_claim_its_nodes_give(row, declared):
    straight = _read_alone(row, declared, True)
    if straight[0] is not None:  # the straight path may leave any row to the nodes, but what it makes is theirs
        assert straight[1:] == _read_alone(row, declared, False)[1:]


# A batch of plain figures read a field at a time (RowReader.records) gives what each row read alone gives.
_BATCH_ROW = st.fixed_dictionaries(
    {"id": st.sampled_from(["a", "b-1", "c.2", "bad id", 7]), "source": st.sampled_from(["un", "afp", "ngo", 3]),
     "said_on": st.sampled_from(["2024-05-01", "2024-05", "2024-fall", "since 2024-04", "2024-13-01", 2024]),
     "subject": st.sampled_from(["x", "s0", " "]),
     "measure": st.sampled_from(["killed", "fatalities", "deaths", "wounded", "colour", " "]),
     "value": st.sampled_from(["1,200", "at least 5,000", "about 3k", "11,000-12,000", "two-thirds of a", "lots",
                               " ", "64%", 300])},
    optional={"status": st.sampled_from(["verified", "disputed", None, "maybe", 1]),
              "via": st.sampled_from([["afp"], "afp", [], None, ["reuters"], ["afp", None], [["x"]], 5])})

_GOOD_ROW = st.fixed_dictionaries(  # rows a batch reads, but for an unknown relay now and then
    {"id": st.sampled_from(["a", "b-1", "c.2"]), "source": st.sampled_from(["un", "afp"]),
     "said_on": st.sampled_from(["2024-05-01", "2024-05", "2024-fall"]), "subject": st.sampled_from(["x", "s0"]),
     "measure": st.sampled_from(["killed", "fatalities", "deaths", "wounded"]),
     "value": st.sampled_from(["1,200", "at least 5,000", "about 3k", "11,000-12,000", "64%", "3.5 million"])},
    optional={"status": st.sampled_from(["verified", "disputed", None]),
              "via": st.sampled_from([["afp"], "afp", [], None, ["un", "afp"], ["reuters"]])})


def _straight(rows, declared, batch):
    reader = _Reader("f.jsonl")
    reader.vocabulary = VOCABULARY_VERSION
    known = {s.id: s for s in (reconcile.Source("un", "United Nations"), reconcile.Source("afp"))} if declared \
        else bulk._Sources()
    if not declared:
        for sid in ("un", "afp", "ngo"):
            assert sid in known  # made, as a file's earlier rows would have made them
    rows_reader = reader.rows(known, DEFAULT_MEASURES)
    before = list(known)
    lines = list(range(3, 3 + len(rows)))
    reads = rows_reader.records(rows, lines) if batch else [rows_reader.record(r, n) for r, n in zip(rows, lines)]
    if batch:
        assert list(known) == before  # a batch makes no source
    if reads is None:
        return None
    return [None if r is None else (r[0], [(getattr(r[1], n), type(getattr(r[1], n))) for n in _CLAIM_SLOTS],
                                    repr(r[1]), list(r[2]), r[3]) for r in reads]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_BATCH_ROW, _GOOD_ROW, _GOOD_ROW, _GOOD_ROW), min_size=2, max_size=6), st.booleans())
def test_a_batch_read_a_field_at_a_time_is_each_row_read_alone(rows, declared):
    batch = _straight(rows, declared, True)
    alone = _straight(rows, declared, False)
    if batch is not None:  # a batch may leave rows to be read alone, but what it reads is what they give
        assert len(batch) == len(rows) and all(b is None or b == a for b, a in zip(batch, alone))
        assert any(b is not None for b in batch) or None in alone or any("via" in r for r in rows)


def test_plain_figures_are_read_in_batches_and_the_rest_one_at_a_time(tmp_path):
    plain = [{"id": f"r{i}", "source": "un" if i % 2 else "afp", "said_on": f"2024-05-{i % 28 + 1:02d}",
              "subject": "x", "measure": "fatalities" if i % 3 else "wounded", "value": f"about {i + 1}00",
              **({"status": "verified"} if i % 5 == 0 else {}), **({"via": ["un"]} if i % 7 == 0 else {})}
             for i in range(3000)]
    path = _jsonl(tmp_path / "c.jsonl", plain)
    declared = [reconcile.Source("un"), reconcile.Source("afp")]  # a source named first is made row by row
    with mock.patch.object(RowReader, "record", side_effect=AssertionError("read alone")):
        claims = load_claims(path, sources=declared)
    assert [c.id for c in claims] == [r["id"] for r in plain] and claims[7].via[0].id == "un"
    assert claims[1].measure == "killed" and claims[1].measure_word == "fatalities"
    odd = _jsonl(tmp_path / "d.jsonl", [*plain[:1500], {**plain[1500], "quote": "q"}, *plain[1501:1600],
                                        {**plain[1600], "value": "two-thirds of r3"}, GOOD[3], *plain[1601:]])
    read = load_claims(odd, sources=declared)
    with _through_nodes():
        assert [repr(c) for c in load_claims(odd, sources=declared)] == [repr(c) for c in read]
    assert [repr(c) for c in read][:1500] == [repr(c) for c in claims][:1500]
    assert read[1600].derived_from == ("r3",) and read[1601].proposition == "ceasefire holds"
    assert [repr(c) for c in load_claims(path)] == [repr(c) for c in claims]
