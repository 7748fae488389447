"""Subject hierarchies (issue 11): the registry, the scenario block, and the rules that use them."""

from __future__ import annotations

import pytest

from reconcile import Claim, ClaimError, ClaimGraph, ErrorList, reconcile
from reconcile.scenarios import dumps, loads
from reconcile.subjects import Subject, SubjectRegistry

REGIONS = SubjectRegistry([Subject("north", "country-z"), Subject("south", "country-z"),
                           Subject("country-z", complete=True), Subject("north-east", "north")])


def _fig(cid: str, subject: str, value: str, measure: str = "killed", said_on: str = "2025-05-01", **kw) -> Claim:
    return Claim.figure(cid, kw.pop("source", "ministry"), measure, value, subject=subject, said_on=said_on, **kw)


def test_the_registry_reads_the_tree():
    assert REGIONS.ancestors("north-east") == ("north", "country-z")
    assert REGIONS.parts("country-z") == ("north", "south") and REGIONS.is_complete("country-z")
    assert REGIONS.is_part("north-east", "country-z") and not REGIONS.is_part("south", "north")
    assert "country-z" in REGIONS and "elsewhere" not in REGIONS


def test_bad_hierarchies_are_refused():
    with pytest.raises(ClaimError, match="parts of each other"):
        SubjectRegistry([Subject("a", "b"), Subject("b", "a")])
    with pytest.raises(ClaimError, match="no subject is declared part of it"):
        SubjectRegistry([Subject("a", complete=True)])
    with pytest.raises(ClaimError, match="declared twice"):
        SubjectRegistry([Subject("a", "b"), Subject("a", "c")])


def test_a_part_above_its_whole_and_complete_parts_above_or_below_it():
    claims = [_fig("n", "north", "4,310"), _fig("s", "south", "287"), _fig("c", "country-z", "3,905")]
    found = {(f.kind, f.claims): f for f in reconcile(claims, subjects=REGIONS).contradictions()}
    assert set(found) == {("part-exceeds-whole", ("c", "n")), ("parts-exceed-whole", ("c", "n", "s"))}
    assert all(f.strength is not None and f.strength.value == "impossible" for f in found.values())
    assert "north is part of country-z" in found[("part-exceeds-whole", ("c", "n"))].explanation
    low = [_fig("n", "north", "1,204"), _fig("s", "south", "287"), _fig("c", "country-z", "3,905")]
    assert [f.kind for f in reconcile(low, subjects=REGIONS).contradictions()] == ["whole-exceeds-parts"]
    # Without the hierarchy, nothing compares them; with it, a later whole bounds a cumulative part too.
    assert reconcile(claims).contradictions() == ()
    later = [_fig("n", "north", "4,310"), _fig("c", "country-z", "3,905", said_on="2025-05-20")]
    assert [f.kind for f in reconcile(later, subjects=REGIONS).contradictions()] == ["cumulative-decrease"]


def test_parts_are_never_compared_with_each_other_and_shares_not_along_the_tree():
    claims = [_fig("e", "north", "1,240", source="a"), _fig("w", "south", "153", source="b"),
              _fig("pe", "north", "80%", measure="share-of-territory"),
              _fig("pc", "country-z", "40%", measure="share-of-territory")]
    found = reconcile(claims, subjects=REGIONS)
    assert not found.between("e", "w") and not found.between("pe", "pc")


def test_a_part_measure_in_a_part_subject_and_the_graph_api():
    claims = [_fig("k", "north-east", "612"), _fig("c", "country-z", "401", measure="casualties")]
    graph = ClaimGraph(claims, subjects=REGIONS)
    assert [(f.kind, f.claims) for f in graph.reconcile()] == [("part-exceeds-whole", ("c", "k"))]
    assert graph.result is not None and graph.result.graph().subjects is REGIONS


FILE = """scenario: regions
subjects:
  north: {part_of: country-z}
  south: {part_of: country-z}
  country-z: {complete: true, description: all of it}
sources: {ministry: Ministry}
claims:
  - {id: n, source: ministry, said_on: 2025-05-01, subject: north, measure: killed, value: "4,310"}
  - {id: c, source: ministry, said_on: 2025-05-01, subject: country-z, measure: killed, value: "3,905"}
expect:
  findings: [{relation: contradicts, claims: [n, c], kind: part-exceeds-whole}]
"""


def test_the_scenario_block_round_trips_and_is_checked():
    from reconcile.scenarios import check
    scenario = loads(FILE)
    assert check(scenario).ok
    again = loads(dumps(scenario))
    assert again.subjects == scenario.subjects and again.claims == scenario.claims


@pytest.mark.parametrize("block, message, field", [
    ("subjects:\n  a: {part_of: a}\n", "a subject part of itself", "subjects.a.part_of"),
    ("subjects:\n  a: {part_of: b}\n  b: {part_of: a}\n", "parts of each other", "subjects.a.part_of"),
    ("subjects:\n  a: {complete: yes please}\n", "complete must be true or false", "subjects.a.complete"),
    ("subjects:\n  a: {inside: b}\n", "unknown field", "subjects.a.inside"),
    ("subjects:\n  a: {complete: true}\n", "no subject is declared part of it", "subjects.a.complete"),
    ("vocabulary: 3\n", "unknown vocabulary version", "vocabulary"),
])
def test_bad_subject_blocks_name_line_and_field(block, message, field):
    text = "scenario: bad\n" + block + "sources: {a: A}\nclaims:\n" \
           "  - {id: x, source: a, said_on: 2025-01-01, subject: s, measure: killed, value: '1'}\n"
    with pytest.raises(ErrorList) as info:
        loads(text, "bad.yaml")
    errors = info.value.errors
    assert any(message in e.message and e.field == field and e.line is not None for e in errors), \
        [(e.message, e.field, e.line) for e in errors]


def test_published_and_said_on_are_dates_not_windows():
    text = "scenario: w\npublished: during 2025-04\nsources: {a: A}\nclaims:\n" \
           "  - {id: x, source: a, said_on: since 2025-01, subject: s, measure: killed, value: '1'}\n"
    with pytest.raises(ErrorList) as info:
        loads(text, "w.yaml")
    assert {(e.field, e.line) for e in info.value.errors} >= {("published", 2), ("said_on", 5)}
