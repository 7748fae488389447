"""Property tests (issue 5). A bounded number of examples in the normal run; `HYPOTHESIS_PROFILE=long` for more."""

from __future__ import annotations

import json
import random

import attrs
from hypothesis import given
from hypothesis import strategies as st
from strategies import MESSY, figure_texts, stories

from reconcile import Claim, Estimate, ParseError, Relation, reconcile
from reconcile.figures.parsing import parse_figure, parse_value


@given(MESSY)
def test_any_string_parses_or_raises_the_library_parse_error(text):
    try:
        value = parse_value(text)
    except ParseError as err:
        assert err.text is not None  # names the text that failed
        return
    estimates = [value] if isinstance(value, Estimate) else []
    for e in estimates:
        if e.low is not None and e.high is not None:
            assert e.low <= e.high
        if e.best is not None:
            assert e.low is None or e.low <= e.best
            assert e.high is None or e.best <= e.high


@given(figure_texts())
def test_generated_figures_parse_with_ordered_bounds(text):
    e = parse_figure(text)
    assert e.low is None or e.high is None or e.low <= e.high
    assert e.best is None or ((e.low is None or e.low <= e.best) and (e.high is None or e.best <= e.high))


@given(figure_texts())
def test_format_then_parse_gives_the_same_estimate(text):
    e = parse_figure(text)
    again = parse_figure(e.to_text())
    assert again == e, (text, e.to_text())


def _json(result) -> str:
    return json.dumps({"claims": [c.to_dict() for c in result.claims],
                       "findings": [f.to_dict() for f in result.findings]}, ensure_ascii=False, indent=1)


@given(stories(), st.randoms(use_true_random=False))
def test_any_order_gives_the_same_findings_and_identical_json(claims, rnd):
    first = reconcile(claims)
    shuffled = claims[:]
    rnd.shuffle(shuffled)
    second = reconcile(shuffled)
    assert second.findings == first.findings
    assert _json(second) == _json(first)


@given(stories())
def test_findings_only_name_claims_given_or_derived(claims):
    result = reconcile(claims)
    known = {c.id for c in result.claims}
    given_ids = {c.id for c in claims}
    assert given_ids <= known
    for c in result.claims:
        assert c.id in given_ids or set(c.derived_from) <= known
    for f in result.findings:
        assert set(f.claims) <= known and set(f.context) <= known


@given(stories(max_claims=8), st.data())
def test_an_agreeing_claim_never_removes_a_contradiction_between_two_others(claims, data):
    figures = [c for c in claims if c.is_figure and c.rule is None]
    if not figures:
        return
    base = data.draw(st.sampled_from(figures))
    twin = attrs.evolve(base, id="twin", source="independent-twin", quote="")
    before = {f.pair for f in reconcile(claims).findings if f.relation is Relation.CONTRADICTS}
    after = {f.pair for f in reconcile(claims + [twin]).findings if f.relation is Relation.CONTRADICTS}
    assert before <= after, before - after


@given(stories())
def test_generated_claims_survive_yaml_and_json_round_trips(claims):
    import yaml

    from reconcile import Scenario, dumps_scenario, loads_scenario

    sources = {s.id: s for c in claims for s in (c.source, *c.via)}
    scenario = Scenario("generated", title="generated", sources=tuple(sources.values()), claims=tuple(claims))
    text = dumps_scenario(scenario)
    assert loads_scenario(text).claims == scenario.claims
    # JSON is YAML too: the same document written as JSON loads to the same claims.
    as_json = json.dumps(yaml.safe_load(text), default=str)
    assert loads_scenario(as_json, "generated.json").claims == scenario.claims
