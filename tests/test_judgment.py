"""Issue 10: findings an analyst can trust — strength, severity, precision, plausibility over time, complete
series checks, one origin one voice, corrections, and explanations that quote the numbers they carry."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from reconcile import Claim, Relation, Report, Settings, Strength, reconcile
from reconcile.findings import Finding
from reconcile.rules.common import fmt, fmt_ratio
from reconcile.scenarios import load

ROOT = Path(__file__).resolve().parent.parent
START = dt.date(2020, 1, 1)


def day(i: int) -> str:
    return (START + dt.timedelta(days=i)).isoformat()


def exact_series(days: int, seed: int = 7) -> tuple[list[Claim], set[int], set[int]]:
    """One ministry's exact daily cumulative count with 25 scattered falls of 1-3 units below its running
    maximum and 5 implausible jumps, plus two other sources reporting weekly (rounded) and monthly (about)
    figures of the same count. Returns the claims, the days that fall and the days that jump."""
    rng = random.Random(seed)
    candidates = list(range(40, days - 5))
    picks = rng.sample(candidates, 30 * days // 3000)
    jumps = set(picks[:5 * days // 3000])
    falls = set(picks[5 * days // 3000:])
    falls -= {d + 1 for d in jumps} | {d - 1 for d in jumps}
    true, top, claims = 1000, 0, []
    for i in range(days):
        true += rng.randint(3, 7)
        if i in jumps:
            true += 150 * 7 * 10 + true // 2  # far above 10x the ~5 a day the series shows
        value = top - rng.randint(1, 3) if i in falls else true
        top = max(top, value)
        true = max(true, value)
        claims.append(Claim.figure(f"moh-{i}", "moh", "killed", str(value), subject="war", said_on=day(i)))
        if i % 7 == 3:
            claims.append(Claim.figure(f"ngo-{i}", "ngo", "killed", f"about {true}", subject="war", said_on=day(i)))
        if i % 30 == 11:
            claims.append(Claim.figure(f"un-{i}", "un", "killed", f"at least {true // 2}", subject="war",
                                       said_on=day(i)))
    return claims, falls, jumps


def counts(days: int) -> tuple[int, tuple[Finding, ...], set[int], set[int]]:
    claims, falls, jumps = exact_series(days)
    return len(claims), reconcile(claims).findings, falls, jumps


def test_a_long_exact_series_has_every_fall_and_jump_found_and_findings_stay_linear():
    n, findings, falls, jumps = counts(3000)
    assert len(falls) >= 20 and len(jumps) == 5
    fell = {int(f.claims[1].split("-")[1]) for f in findings
            if f.kind == "series-fall" and f.claims[1].startswith("moh-")}
    assert falls <= fell, sorted(falls - fell)
    for f in findings:
        if f.kind == "series-fall":
            assert f.strength is Strength.IMPOSSIBLE and f.severity < 0.001  # a fall of a few in thousands: minor
    jumped = {int(f.claims[1].split("-")[1]) for f in findings
              if f.kind == "implausible-rise" and f.claims[1].startswith("moh-")}
    assert jumps <= jumped, sorted(jumps - jumped)
    assert not jumped - jumps  # the ministry's ordinary days are never called implausible
    # linear: findings per claim bounded, and about the same at half the size
    half_n, half_findings, _, _ = counts(1500)
    assert len(findings) <= 3 * n
    assert 0.8 < (len(findings) / n) / (len(half_findings) / half_n) < 1.25


def test_three_relays_of_one_statement_are_one_voice():
    claims = [Claim.figure(f"moi-{w}", "moi", "killed", "1,210", subject="s", said_on="2024-09-01", via=[w])
              for w in ("afp", "reuters", "ap")]
    result = reconcile(claims)
    assert not [f for f in result.findings if f.relation is Relation.SUPPORTS]
    report = Report.from_reconciliation(result)
    assert "from 1 origin (4 sources with the relays)" in report.to_markdown()
    # an independent origin agreeing is corroboration
    more = reconcile([*claims, Claim.figure("un", "un", "killed", "1,204", subject="s", said_on="2024-09-01")])
    assert {f.claims for f in more.findings if f.relation is Relation.SUPPORTS} == \
        {("moi-afp", "un"), ("moi-ap", "un"), ("moi-reuters", "un")}


def test_relayed_statements_do_not_corroborate_each_other():
    a = Claim.statement("a", "moi", "withdrew", subject="s", said_on="2024-09-01", via=["afp"])
    b = Claim.statement("b", "moi", "withdrew", subject="s", said_on="2024-09-01", via=["ap"])
    c = Claim.statement("c", "wire", "withdrew", subject="s", said_on="2024-09-01", origin="moi")
    assert reconcile([a, b, c]).findings == ()


def test_a_retracted_claim_drives_no_contradiction_and_names_its_replacement():
    claims = [Claim.figure("w1", "wire", "killed", "1,500", subject="s", said_on="2024-06-03", status="retracted"),
              Claim.figure("cg", "coastguard", "killed", "140", subject="s", said_on="2024-06-03"),
              Claim.figure("w2", "wire", "killed", "150", subject="s", said_on="2024-06-04")]
    result = reconcile(claims)
    assert result.contradictions() == ()
    (f,) = [f for f in result.findings if "w1" in f.claims]
    assert (f.relation, f.kind, f.claims) == (Relation.REFINES, "retraction", ("w2", "w1"))
    assert "was retracted" in f.explanation
    # without the retraction the same figures contradict: the test above could fail
    standing = [Claim.figure("w1", "wire", "killed", "1,500", subject="s", said_on="2024-06-03"), *claims[1:]]
    assert reconcile(standing).contradictions() != ()


def test_a_correction_is_a_revision_not_a_contradiction():
    old = Claim.figure("p1", "province", "killed", "70", subject="s", said_on="2024-06-02")
    new = Claim.figure("p2", "province", "killed", "61", subject="s", said_on="2024-06-04", corrects=["p1"])
    result = reconcile([old, new])
    (f,) = result.findings
    assert (f.relation, f.kind, f.claims) == (Relation.REFINES, "revision", ("p2", "p1"))
    assert "revised down by 9" in f.explanation
    plain = Claim.figure("p2", "province", "killed", "61", subject="s", said_on="2024-06-04")
    assert [g.kind for g in reconcile([old, plain]).contradictions()] == ["series-fall"]


def test_severity_puts_an_impossible_finding_above_any_tension():
    same = dict(subject="s", said_on="2024-03-03")
    claims = [Claim.figure("a", "moh", "killed", "1,210", **same), Claim.figure("b", "moi", "killed", "1,650", **same),
              Claim.figure("c", "ngo", "killed", "at least 120", **same),
              Claim.figure("x", "h", "killed", "5,112", subject="t", said_on="2024-03-01"),
              Claim.figure("y", "h", "killed", "5,110", subject="t", said_on="2024-03-02")]
    found = reconcile(claims).contradictions()
    strengths = [f.strength for f in found]
    assert strengths == sorted(strengths, key=lambda s: s.rank)
    tensions = [f for f in found if f.strength is Strength.TENSION]
    impossible = [f for f in found if f.strength is Strength.IMPOSSIBLE]
    assert tensions and impossible and max(f.severity for f in tensions) > max(f.severity for f in impossible)
    assert found.index(impossible[-1]) < found.index(tensions[0])  # strength outranks a larger relative gap
    two_counts = next(f for f in found if set(f.claims) == {"a", "b"})
    assert two_counts.gap == 440 and two_counts.severity == pytest.approx(440 / 2860)
    assert "440 apart (1.4x)" in two_counts.explanation


def test_severity_is_finite_and_zero_safe():
    found = reconcile([Claim.figure("a", "x", "killed", "0", subject="s", said_on="2024-01-01"),
                       Claim.figure("b", "y", "killed", "0", subject="s", said_on="2024-01-01")]).findings
    assert all(f.severity == 0 for f in found)


def test_an_implausible_rise_gives_the_implied_rate_against_the_series_own():
    scenario = load(ROOT / "scenarios" / "illustrative_plausibility_over_time.yaml")
    (f,) = [f for f in scenario.reconcile().findings if f.claims == ("survey-jun", "survey-jul")]
    assert (f.kind, f.strength) == ("implausible-rise", Strength.IMPLAUSIBLE)
    assert "at least 210,000 in 31 days, ≈6,774 a day, against ≈154 a day before" in f.explanation
    # an optional per-measure ceiling flags a rise the series alone would not
    calm = reconcile(scenario.claims, settings=Settings(jump_factor=1000, max_daily_rate={"killed": 8000}),
                     measures=scenario.registry())
    assert [f.claims for f in calm.contradictions() if f.kind == "implausible-rise"] == [("district-4", "district-5")]


def test_explanations_quote_the_source_word_and_the_relay_chain():
    a = Claim.figure("a", "nis", "killed", "2,700", subject="s", said_on="2025-01-13", via=["afp", "ki"])
    b = Claim.figure("b", "un", "deaths", "1,000", subject="s", said_on="2025-01-13")
    (f,) = reconcile([a, b]).findings
    assert "killed 2,700 (2,650–2,750) [nis via afp via ki, 2025-01-13]" in f.explanation
    assert "deaths 1,000" in f.explanation  # the word the source used, not the measure's name


def _scenario_findings() -> list[Finding]:
    out: list[Finding] = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        out.extend(load(path).reconcile().findings)
    return out


def test_every_explanation_quotes_the_numbers_its_finding_carries():
    checked = 0
    for f in _scenario_findings():
        if f.gap is not None:
            assert fmt(f.gap) in f.explanation, (f.kind, f.gap, f.explanation)
            checked += 1
        if f.ratio is not None:
            assert fmt_ratio(f.ratio) in f.explanation, (f.kind, f.ratio, f.explanation)
        if f.relation is Relation.CONTRADICTS:
            assert f.strength is not None, f
        else:
            assert f.strength is None, f
    assert checked > 30


def test_two_estimates_of_different_origins_that_no_plausible_rate_joins_contradict():
    def moh(i: str, value: str, when: str) -> Claim:
        return Claim.figure(i, "moh", "killed", value, subject="s", said_on=when)

    claims = [moh("m1", "166,000", "2024-03-31"), moh("m2", "170,500", "2024-04-30"), moh("m3", "175,000", "2024-05-31"),
              Claim.figure("a", "uni-a", "killed", "180,000 (95% CI 130,000-240,000)", subject="s",
                           said_on="2024-06-30"),
              Claim.figure("b", "uni-b", "killed", "640,000 (95% CI 450,000-820,000)", subject="s",
                           said_on="2024-07-31")]
    found = reconcile(claims).between("a", "b")
    assert [(f.kind, f.strength) for f in found] == [("implausible-rise", Strength.IMPLAUSIBLE)]
    # joinable at the story's rate, the same two origins' estimates are an update
    claims[4] = Claim.figure("b", "uni-b", "killed", "200,000 (95% CI 150,000-260,000)", subject="s",
                             said_on="2024-07-31")
    assert [f.kind for f in reconcile(claims).between("a", "b")] == ["update"]


SCENARIO = """\
scenario: demo
sources: {moh: {name: Ministry of Health}, afp: {}, wire: {}}
claims:
  - {id: a, source: moh, via: [afp], said_on: 2024-05-01, subject: x, measure: fatalities, value: "70"}
  - {id: b, source: moh, said_on: 2024-05-03, subject: x, measure: fatalities, value: "61", corrects: [a]}
  - {id: c, source: wire, origin: moh, said_on: 2024-05-03, subject: x, measure: killed, value: "61"}
expect:
  findings: [{relation: refines, claims: [b, a], kind: revision}]
  absent: [{relation: contradicts, claims: [a], strength: impossible}]
"""


def test_scenario_files_keep_corrections_origins_measure_words_and_strengths():
    from reconcile.scenarios import check, dumps, loads

    s = loads(SCENARIO)
    a, b, c = s.claims
    assert (a.measure, a.measure_word, b.corrects, c.origin_id) == ("killed", "fatalities", ("a",), "moh")
    assert s.absent[0].strength is Strength.IMPOSSIBLE
    assert check(s).ok
    again = loads(dumps(s))
    assert again.claims == s.claims and again.absent == s.absent and again.expect == s.expect


def test_an_unknown_strength_or_a_correction_of_nothing_is_bad_input_with_its_line():
    from reconcile import ErrorList
    from reconcile.scenarios import loads

    bad = SCENARIO.replace("strength: impossible", "strength: certain").replace("corrects: [a]", "corrects: [zz]")
    with pytest.raises(ErrorList) as err:
        loads(bad, "demo.yaml")
    text = str(err.value)
    assert "unknown strength" in text and "certain" in text and "impossible, implausible, tension" in text
    assert "corrects" in text and "zz" in text and "demo.yaml" in text
