"""Scenario files: the seed story's file, loading (with located, collected errors), writing, round trips,
expectations and the check."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import seed_claims
from hypothesis import example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from reconcile import (
    Claim,
    ErrorList,
    Expectation,
    Finding,
    ReconcileError,
    Relation,
    Source,
    Status,
    check_scenario,
    dumps_scenario,
    load_scenario,
    loads_scenario,
    parse_figure,
)
from reconcile.measures import DEFAULT_MEASURES
from reconcile.scenarios.model import Scenario, check
from reconcile.scenarios.reader import load, loads
from reconcile.scenarios.writer import dump, dumps, scalar

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
SEED_FILE = ROOT / "scenarios" / "nk_troops_kursk.yaml"
SEED_TEXT = (ROOT / "seeds" / "000_30923467c61e66e4.txt").read_text(encoding="utf-8")

MINIMAL = """\
scenario: demo
sources:
  un: {name: United Nations, type: intergovernmental}
  ngo: {}
claims:
  - id: a
    source: un
    said_on: 2024-05-01
    subject: x
    measure: killed
    value: "1,200"
  - id: b
    source: ngo
    said_on: 2024-05-01
    subject: x
    measure: killed
    value: about 1,250
"""


# -- the seed story's file -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_scenario() -> Scenario:
    return load(SEED_FILE)


def test_seed_file_names_the_claims_the_issue_uses(seed_scenario):
    ids = {c.id for c in seed_scenario.claims}
    assert {"nis-killed", "nis-wounded", "zel-casualties", "zel-killed", "nyt-pulled", "budanov-denial"} <= ids
    assert seed_scenario.slug == "nk-troops-kursk"
    assert str(seed_scenario.published) == "2025-02-27"
    (document,) = seed_scenario.documents
    assert (SEED_FILE.parent / document).resolve() == (ROOT / "seeds" / "000_30923467c61e66e4.txt").resolve()


def test_seed_file_quotes_the_article_verbatim(seed_scenario):
    article = " ".join(SEED_TEXT.split())
    for claim in seed_scenario.claims:
        assert claim.quote, f"{claim.id} has no quote"
        assert " ".join(claim.quote.split()) in article, claim.id


def test_seed_file_resolves_dates_against_the_article(seed_scenario):
    claim = {c.id: c for c in seed_scenario.claims}
    assert claim["nis-killed"].said_on.start == dt.date(2025, 1, 13)
    assert claim["nyt-pulled"].said_on.start == dt.date(2025, 1, 30)
    deployed = claim["ki-deployed"]
    assert str(deployed.as_of) == "2024-fall" and deployed.said_on.start == dt.date(2025, 2, 27)
    assert (deployed.as_of.start, deployed.as_of.end) == (dt.date(2024, 9, 1), dt.date(2024, 11, 30))
    assert str(claim["ki-incursion-launched"].as_of) == "2024-08"


def test_seed_file_keeps_sources_chains_and_statuses(seed_scenario):
    claim = {c.id: c for c in seed_scenario.claims}
    assert claim["nis-additional-deployment"].attribution() == (
        "South Korea National Intelligence Service via AFP via The Kyiv Independent")
    assert claim["ki-deployed"].source.id == "kyiv-independent" and claim["ki-deployed"].measure == "deployed"
    assert claim["russia-regained"].status is Status.UNVERIFIED
    regained = claim["russia-regained"]
    assert regained.measure == "share-of-territory" and regained.subject == "kursk-incursion"
    assert {c.subject for c in seed_scenario.claims if c.measure in ("killed", "wounded", "casualties", "deployed")} \
        == {"nk-troops-kursk"}
    assert claim["sof-not-faced"].proposition == "withdrawn-from-front" and claim["sof-not-faced"].polarity is True
    denial = claim["budanov-denial"]
    assert denial.polarity is False and denial.denies == ("nyt-pulled",)
    assert claim["budanov-decreased"].estimate is None and claim["nis-additional-deployment"].estimate is None


def test_seed_file_builds_the_fraction_as_portion_of_does(seed_scenario):
    claim = {c.id: c for c in seed_scenario.claims}
    zel = claim["zel-killed"]
    expected = Claim.portion_of(claim["zel-casualties"], "two-thirds", id="zel-killed", measure="killed")
    assert (zel.rule, zel.fraction, zel.derived_from) == ("fraction", Fraction(2, 3), ("zel-casualties",))
    assert zel.estimate == expected.estimate
    assert zel.estimate.text == "two-thirds of zel-casualties"


def test_seed_file_agrees_with_the_hand_built_seed(seed_scenario):
    """tests/conftest.py builds the seed by hand; the file's figures are the same figures."""
    mine = {c.id: c for c in seed_scenario.claims}
    for claim in seed_claims():
        ours = mine[claim.id]
        assert (ours.measure, ours.estimate, ours.as_of, ours.proposition, ours.polarity) == \
            (claim.measure, claim.estimate, claim.as_of, claim.proposition, claim.polarity), claim.id


def test_seed_file_expectations_hold_and_pin_the_engine_core_findings(seed_scenario):
    result = check(seed_scenario)
    assert result.ok, result.format()
    pinned = {(e.relation, frozenset(e.claims), e.kind) for e in seed_scenario.expect}
    assert (Relation.CONTRADICTS, frozenset({"nis-killed", "zel-killed"}), "magnitude") in pinned
    assert (Relation.CONTRADICTS, frozenset({"nis-wounded", "zel-killed/remainder"}), "cumulative-decrease") in pinned
    absent = {(e.relation, e.claims) for e in seed_scenario.absent}
    assert (Relation.SUPPORTS, ("nis-wounded", "zel-killed")) in absent
    assert (None, ("russia-regained",)) in absent
    assert (Relation.CONTRADICTS, ("ki-deployed",)) in absent


# -- every scenario file -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_round_trip_gives_equal_claims(path):
    scenario = load(path)
    written = dumps(scenario)
    again = loads(written, "<written>")
    assert again.claims == scenario.claims
    assert again == scenario  # sources, measures, expectations and the rest too
    assert [c.estimate.text for c in again.claims if c.estimate] == \
        [c.estimate.text for c in scenario.claims if c.estimate]
    assert dumps(again) == written  # the writer is deterministic and a fixed point


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_invented_stories_say_so(path):
    scenario = load(path)
    if path != SEED_FILE:
        assert "illustrative" in scenario.title.lower()
    assert check(scenario).ok


def test_the_package_exports_the_scenario_api(tmp_path):
    scenario = load_scenario(SEED_FILE)
    assert check_scenario(scenario).ok
    assert loads_scenario(dumps_scenario(scenario)) == scenario


def test_dump_writes_atomically_and_reloads(tmp_path):
    target = tmp_path / "out" / "seed.yaml"
    scenario = load(SEED_FILE)
    dump(scenario, target)
    assert load(target) == scenario
    assert [p.name for p in target.parent.iterdir()] == ["seed.yaml"]


def test_dump_refuses_what_it_cannot_write_faithfully(tmp_path):
    derived = load(SEED_FILE).reconcile().claim("zel-killed/remainder")
    bad = Scenario("x", claims=[derived])
    target = tmp_path / "x.yaml"
    with pytest.raises(ValueError, match="derived by a rule"):
        dump(bad, target)
    assert not target.exists() and list(tmp_path.iterdir()) == []
    exact = Claim.figure("a", "un", "killed", 300, subject="x", said_on="2024-01-01")  # 300 exactly, no text
    with pytest.raises(ValueError, match="without the text"):
        dumps(Scenario("x", claims=[exact]))
    small = Claim.figure("b", "un", "killed", 64, subject="x", said_on="2024-01-01")
    assert loads(dumps(Scenario("x", claims=[small]))).claims == (small,)


def test_writer_adds_sources_the_list_lacks():
    claim = Claim.figure("a", Source("who", "World Health Organization"), "killed", "1,200", subject="x",
                         said_on="2024-01-01", via=["wire"])
    again = loads(dumps(Scenario("x", claims=[claim])))
    assert [s.id for s in again.sources] == ["who", "wire"] and again.sources[0].name == "World Health Organization"
    assert again.claims == (claim,)


# -- reading -------------------------------------------------------------------------------------------------


def test_yaml_numbers_and_dates_are_read_as_written():
    text = MINIMAL.replace('value: "1,200"', "value: 300")
    text = text.replace("said_on: 2024-05-01\n    subject: x\n    measure: killed\n    value: about",
                        "said_on: 2000\n    subject: x\n    measure: killed\n    value: about")
    s = loads(text)
    a, b = s.claims
    assert a.estimate == parse_figure("300", unit="person") and a.estimate.text == "300"
    assert a.said_on.start == dt.date(2024, 5, 1)
    assert (b.said_on.start, b.said_on.end) == (dt.date(2000, 1, 1), dt.date(2000, 12, 31))


def test_fractions_resolve_in_any_order_and_in_chains():
    text = MINIMAL + """\
  - {id: c, source: un, said_on: 2024-05-01, subject: x, measure: killed, value: half of d}
  - {id: d, source: un, said_on: 2024-05-01, subject: x, measure: killed, value: two-thirds of e}
  - {id: e, source: un, said_on: 2024-05-01, subject: x, measure: casualties, value: "6,000"}
"""
    claims = {c.id: c for c in loads(text).claims}
    assert claims["d"].estimate.best == 4000 and claims["c"].estimate.best == 2000
    assert claims["c"].derived_from == ("d",) and claims["d"].derived_from == ("e",)
    assert [c.id for c in loads(text).claims] == ["a", "b", "c", "d", "e"]  # file order kept


def test_a_hedged_fraction_of_a_claim_loads_reconciles_and_writes_back():
    text = MINIMAL + """\
  - {id: c, source: un, said_on: 2024-05-01, subject: x, measure: casualties, value: "4,000"}
  - {id: k, source: un, said_on: 2024-05-01, subject: x, measure: killed, value: nearly half of c}
"""
    s = loads(text)
    k = s.claims[-1]
    assert (k.fraction, k.fraction_hedge, k.fraction_text) == (Fraction(1, 2), "nearly", "nearly 1/2")
    # 4,000 is 3,600-4,400 (a round figure is at most ±10%: ParseOptions.max_round_share)
    assert (k.estimate.low, k.estimate.best, k.estimate.high, k.estimate.high_open) == (1620, 2000, 2200, True)
    rest = s.reconcile().claim("k/remainder")  # just over half of the 4,000 were not killed
    assert (rest.estimate.low, rest.estimate.best, rest.estimate.high, rest.estimate.low_open) == (1800, 2000,
                                                                                                 2420, True)
    assert "value: nearly half of c" in dumps(s)
    assert loads(dumps(s)).claims == s.claims


def test_story_measures_extend_a_copy_of_the_vocabulary():
    text = MINIMAL.replace("sources:", "measures:\n  tanks-lost: {kind: cumulative, unit: vehicle}\nsources:") + """\
  - {id: t, source: un, said_on: 2024-05-01, subject: x, measure: tanks-lost, value: dozens}
"""
    s = loads(text)
    assert s.registry().resolve("tanks-lost").unit == "vehicle"
    assert "tanks-lost" not in DEFAULT_MEASURES
    assert s.claims[-1].estimate.unit == "vehicle"


def test_unsafe_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    text = MINIMAL.replace("title", "x") + f'  - !!python/object/apply:os.system ["touch {marker}"]\n'
    with pytest.raises(ErrorList) as info:
        loads(text, "evil.yaml")
    assert not marker.exists()
    assert "evil.yaml:18" in str(info.value) and "unsupported YAML tag" in str(info.value)


# (case, replace this, with this, line of the error, claim id, field, words of the message)
BAD = [
    ("unknown source", "    source: ngo\n", "    source: nobody\n", 13, "b", "source", "unknown source"),
    ("duplicate id", "  - id: b\n", "  - id: a\n", 12, "a", "id", "duplicate claim id"),
    ("unknown measure", "    measure: killed\n    value: about", "    measure: kiled\n    value: about", 16, "b",
     "measure", "unknown measure"),
    ("unparseable value", "value: about 1,250", "value: lots", 17, "b", "value", "not a figure"),
    ("fraction of a missing claim", "value: about 1,250", "value: two-thirds of nothing-here", 17, "b", "value",
     "does not exist"),
    ("cycle of fractions", 'value: "1,200"', "value: half of a", 11, "a", "value", "cycle"),
    ("date that is not a date", "said_on: 2024-05-01\n    subject: x\n    measure: killed\n    value: about",
     "said_on: 2025-02-30\n    subject: x\n    measure: killed\n    value: about", 14, "b", "said_on",
     "not a real date"),
    ("unknown field", "    subject: x\n    measure: killed\n    value: about",
     "    subject: x\n    amount: 3\n    measure: killed\n    value: about", 16, "b", "amount", "unknown field"),
    ("missing field", "    subject: x\n    measure: killed\n    value: about", "    measure: killed\n    value: about",
     12, "b", "subject", "missing field"),
    ("polarity not a boolean", "    measure: killed\n    value: about 1,250",
     "    proposition: withdrawn\n    polarity: maybe", 17, "b", "polarity", "true or false"),
    ("figure and statement", "    value: about 1,250", "    value: about 1,250\n    polarity: true", 18, "b",
     "polarity", "not both"),
    ("unknown status", "    value: about 1,250", "    value: about 1,250\n    status: rumour", 18, "b", "status",
     "unknown status"),
    ("denial of a missing claim", "    value: about 1,250", "    value: about 1,250\n    denies: [zz]", 18, "b",
     "denies", "does not exist"),
    ("unknown via", "    source: ngo\n", "    source: ngo\n    via: [afp]\n", 14, "b", "via", "unknown source"),
    ("percent for people", "value: about 1,250", "value: about 64%", 17, "b", "value", "percent"),
]


@pytest.mark.parametrize("case,old,new,line,claim_id,field,words", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_located(case, old, new, line, claim_id, field, words):
    assert old in MINIMAL
    with pytest.raises(ErrorList) as info:
        loads(MINIMAL.replace(old, new, 1), "story.yaml")
    errors = info.value.errors
    assert len(errors) == 1, str(info.value)
    (err,) = errors
    assert (err.file, err.line, err.claim_id, err.field) == ("story.yaml", line, claim_id, field), str(err)
    assert words in str(err) and err.expected
    assert str(err).startswith(f"story.yaml:{line}: claim {claim_id}: field {field}: ")


@pytest.mark.parametrize("text,line,field,words", [
    ("scenario: x\nsources: {a: {}}\nclaims:\n  - id: a\n    source: a\n  bad", 7, None, "simple key at line 6"),
    ("", None, None, "empty file"),
    ("- just\n- a list\n", 1, "scenario file", "must be a mapping"),
    ("scenario: x\nsources: {}\nclaims: []\nextra: 1\n", 4, "extra", "unknown field"),
    ("scenario: x\nsources: {}\nclaims: []\nexpect:\n  findings: [{relation: supports}]\n", 5,
     "expect.findings[0].claims", "missing field"),
    ("scenario: x\nsources: {}\nclaims: []\nexpect:\n  findings: [{relation: agrees, claims: [a, b]}]\n", 5,
     "expect.findings[0].relation", "unknown relation"),
    ("scenario: x\nsources: {}\nclaims: []\nexpect:\n  findings: [{claims: [a, b]}]\n", 5,
     "expect.findings[0].relation", "missing field"),
    ("scenario: x\nmeasures:\n  tanks: {kind: growing}\nsources: {}\nclaims: []\n", 3, "measures.tanks.kind",
     "unknown measure kind"),
    ("scenario: x\nmeasures:\n  killed: {kind: stock}\nsources: {}\nclaims: []\n", 3, "measures.killed",
     "already in the vocabulary"),
    ("scenario: x\nmeasures:\n  drones: {unit: parsecs}\nsources: {}\nclaims: []\n", 3, "measures.drones.unit",
     "unknown unit"),
    ("scenario: has space\nsources: {}\nclaims: []\n", 1, "scenario", "invalid scenario slug"),
])
def test_bad_files_are_located(text, line, field, words):
    with pytest.raises(ErrorList) as info:
        loads(text, "f.yaml")
    assert any(e.line == line and e.field == field and words in str(e) for e in info.value.errors), str(info.value)
    assert all(e.file == "f.yaml" for e in info.value.errors)


def test_every_error_in_a_file_is_reported_not_the_first_only():
    text = (MINIMAL.replace("source: ngo", "source: nobody").replace('value: "1,200"', "value: lots")
            + "  - {id: c, source: un, said_on: 2024-13-01, subject: x, proposition: p, polarity: true}\n"
            + "  - {id: d, source: un, said_on: 2024-05-01, subject: x, measure: killed, value: third of zz}\n")
    with pytest.raises(ErrorList) as info:
        loads(text, "many.yaml")
    located = [(e.claim_id, e.field) for e in info.value.errors]
    assert located == [("a", "value"), ("b", "source"), ("c", "said_on"), ("d", "value")], str(info.value)
    assert str(info.value).startswith("many.yaml: 4 errors\n")


@hsettings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 200),
                          st.sampled_from([":", "-", "{", "}", "[", "]", ",", "#", "'", '"', "!", "&", "*", "|",
                                           "\n", "  ", "null", "true", "~", "half of ", "2025-13-01", "!!str ",
                                           "!!python/name:os.system ", ""])),
                min_size=1, max_size=4))
def test_damaged_files_fail_with_the_librarys_errors_only(edits):
    """No traceback from yaml, pint or attrs: whatever the damage, the file loads or raises ReconcileError."""
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    for where, at, insert in edits:
        i = where % len(lines)
        if insert == "":
            del lines[i]
        else:
            lines[i] = lines[i][:at] + insert + lines[i][at:]
    try:
        check(loads("\n".join(lines), "damaged.yaml"))
    except ReconcileError as err:
        assert str(err)


def test_load_reports_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.replace("United Nations", "Nations Unies \xe9").encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        load(path)


# -- writing scalars -------------------------------------------------------------------------------------------


@hsettings(max_examples=300, deadline=None)
@given(st.text())
@example("0\n")  # found by this test: `$` matched before the trailing newline, so it was written plain
def test_any_text_survives_the_writer(text):
    block = loads(f"scenario: x\ntitle: {scalar(text)}\nsources: {{s: {{name: {scalar(text, flow=True)}}}}}\n"
                  "claims: []\n")
    assert block.title == text and block.sources[0].name == text
    flow = loads(f"scenario: x\ndocuments: [{scalar(text, flow=True)}]\nsources: {{}}\nclaims: []\n")
    assert flow.documents == (text,)


def test_plain_words_yaml_would_misread_are_quoted():
    assert scalar("at least 300") == "at least 300"
    assert scalar("null") == '"null"' and scalar("yes") == '"yes"' and scalar("") == '""'
    assert scalar("a: b") == '"a: b"' and scalar("x #y") == '"x #y"' and scalar("-5") == '"-5"'
    assert scalar("about 5,000", flow=True) == '"about 5,000"'


# -- expectations and the check ------------------------------------------------------------------------------------


def _finding(relation: str, *claims: str, kind: str = "k") -> Finding:
    return Finding(relation, kind, claims, 0.0, "because")


def test_expectation_matching():
    contra = _finding("contradicts", "a", "b", kind="magnitude")
    assert Expectation("contradicts", ("b", "a")).matches(contra)  # symmetric: order-free
    assert Expectation("contradicts", ("a", "b"), "magnitude").matches(contra)
    assert not Expectation("contradicts", ("a", "b"), "disjoint").matches(contra)
    assert not Expectation("supports", ("a", "b")).matches(contra)
    assert Expectation(None, ("a", "b")).matches(contra) and Expectation(None, ("b",)).matches(contra)
    assert not Expectation(None, ("c",)).matches(contra)
    refines = _finding("refines", "a", "b")
    assert Expectation("refines", ("a", "b")).matches(refines)
    assert not Expectation("refines", ("b", "a")).matches(refines)  # refines: claims[0] refines claims[1]
    assert Expectation(None, ("b", "a")).matches(refines)  # any relation: order-free
    assert Expectation("contradicts", ("a", "b"), line=3) == Expectation("contradicts", ("a", "b"), line=9)


def test_a_broken_expectation_fails_with_a_diff_naming_the_claims():
    text = SEED_FILE.read_text(encoding="utf-8")
    text = text.replace("- {relation: contradicts, claims: [nis-killed, zel-killed], kind: magnitude}",
                        "- {relation: supports, claims: [nis-killed, zel-killed]}")
    text = text.replace("- {relation: contradicts, claims: [ki-deployed]}",
                        "- {relation: contradicts, claims: [nyt-pulled]}")
    result = check(loads(text, "broken.yaml"))
    assert not result.ok
    assert [e.describe() for e in result.missing] == ["supports nis-killed ~ zel-killed"]
    assert {f.kind for _, f in result.forbidden} == {"denial"}
    diff = result.format()
    assert diff.startswith("FAIL broken.yaml (nk-troops-kursk): 2 of 10 expectations failed")
    missing = re.search(r"  missing    line (\d+): expected supports nis-killed ~ zel-killed\n(.*?)\n  \S", diff, re.S)
    assert missing, diff
    body = missing.group(2)
    assert "nis-killed: killed at least 300" in body and "zel-killed: killed ≈2,667" in body
    assert "found instead:" in body and "contradicts (magnitude, implausible) nis-killed ~ zel-killed" in body
    assert "8.9x" in body  # the explanation of what was found instead
    assert "forbidden  line" in diff and "absent: contradicts naming nyt-pulled, but found:" in diff
    # the relay chain is part of who said it (issue 10)
    assert "Kyrylo Budanov via The Kyiv Independent (2025-02-27) denies The New York Times" in diff


def test_an_expectation_naming_a_claim_that_is_not_there_is_bad_input():
    text = SEED_FILE.read_text(encoding="utf-8").replace("claims: [russia-regained]", "claims: [russia-regain]")
    with pytest.raises(ErrorList) as info:
        check(loads(text, "typo.yaml"))
    (err,) = info.value.errors
    assert (err.file, err.field, err.text) == ("typo.yaml", "expect.absent.claims", "russia-regain")
    assert err.line == text.splitlines().index("    - {claims: [russia-regain]}") + 1
    assert "zel-killed/remainder" in err.expected  # it lists the derived ids one may name


# -- the README's section ------------------------------------------------------------------------------------


def _readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Scenario files")
    return text[start:text.index("\n## ", start + 1)]


def test_the_readme_example_file_loads_and_its_expectations_hold():
    (block,) = re.findall(r"```yaml\n(.*?)```", _readme_section(), flags=re.S)
    result = check(loads(block, "readme.yaml"))
    assert result.ok and len(result.held) == 3, result.format()


def test_the_readme_python_example_runs(monkeypatch, capsys):
    (block,) = re.findall(r"```python\n(.*?)```", _readme_section(), flags=re.S)
    monkeypatch.chdir(ROOT)
    exec(compile(block, "README.md", "exec"), {})
    assert capsys.readouterr().out.startswith("PASS scenarios/nk_troops_kursk.yaml (nk-troops-kursk)")


def test_the_readme_documents_every_field():
    section = _readme_section()
    from reconcile.scenarios.reader import CLAIM_FIELDS, EXPECTATION_FIELDS, MEASURE_FIELDS, TOP_FIELDS
    for field in (*TOP_FIELDS, *CLAIM_FIELDS, *MEASURE_FIELDS, *EXPECTATION_FIELDS):
        assert f"`{field}`" in section, field


def test_reading_leaves_the_collector_as_it_was_and_moves_what_it_made_to_the_oldest_generation():
    import gc

    from reconcile.scenarios.yaml_nodes import building

    assert gc.isenabled() and gc.get_freeze_count() == 0
    with building():
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0 and gc.get_count()[0] < 100
    assert gc.is_tracked(made[0])
    gc.disable()
    try:
        with building():  # paused by the caller: left paused, nothing moved
            more = [[i] for i in range(1000)]
        assert not gc.isenabled() and gc.get_count()[0] >= 1000 and more
    finally:
        gc.enable()
    kept = [[0]]
    gc.freeze()
    try:
        with building():  # a caller's frozen objects stay frozen
            pass
        assert gc.get_freeze_count() >= 1 and kept
    finally:
        gc.unfreeze()
