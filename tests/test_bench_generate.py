"""bench/generate.py: the same arguments give the same bytes, and the stories hold what the benchmarks need."""

from __future__ import annotations

from reconcile import load_claims, load_scenario, reconcile
from test_json_stream import generator


def test_the_same_arguments_give_the_same_bytes_as_jsonl_and_yaml(tmp_path):
    gen = generator()
    for name in ("a.jsonl", "b.jsonl", "a.yaml", "b.yaml"):
        gen.write(gen.wide(2000, 200, 30), tmp_path / name, "w")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert (tmp_path / "a.yaml").read_bytes() == (tmp_path / "b.yaml").read_bytes()
    assert load_claims(tmp_path / "a.jsonl") == load_scenario(tmp_path / "a.yaml").claims


def test_a_wide_story_has_every_kind_of_figure_and_the_contradictions_planted(tmp_path):
    gen = generator()
    gen.write(gen.wide(2000, 200, 30), tmp_path / "w.jsonl", "w")
    claims = load_claims(tmp_path / "w.jsonl")
    assert {c.measure for c in claims if c.is_figure} == set(gen.MEASURES)
    assert any(c.via for c in claims) and any(not c.is_figure for c in claims)
    assert any(c.rule == "fraction" for c in claims)
    kinds = {f.kind for f in reconcile(claims).findings}
    assert {"cumulative-decrease", "update"} <= kinds


def test_a_series_story_is_one_key_with_its_falls_found(tmp_path):
    gen = generator()
    gen.write(gen.series(21_000, 3), tmp_path / "s.jsonl", "s")
    claims = load_claims(tmp_path / "s.jsonl")
    assert {(c.subject, c.measure) for c in claims} == {("war", "killed")}
    assert len({c.source.id for c in claims}) == 4
    falls = [f for f in reconcile(claims).findings if f.kind in ("series-fall", "cumulative-decrease")]
    assert any("d20000" in f.claims for f in falls)
