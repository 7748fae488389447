from __future__ import annotations

import pytest

from reconcile import DEFAULT_MEASURES, Kind, Measure, MeasureError, MeasureRegistry


def test_synonyms_resolve():
    for word, name in [("dead", "killed"), ("Deaths", "deaths"), ("fatalities", "killed"), ("injured", "wounded"),
                       ("prisoners", "prisoners-held"), ("taken prisoner", "captured"), ("losses", "casualties"), ("troops present", "deployed"),
                       ("excess mortality", "excess-deaths"), ("share of territory", "share-of-territory")]:
        assert DEFAULT_MEASURES.resolve(word).name == name


def test_composition_and_kinds():
    m = DEFAULT_MEASURES
    assert m.is_part("killed", "casualties") and m.is_part("wounded", "casualties")
    assert m.is_part("captured", "non-fatal") and not m.is_part("killed", "non-fatal")
    assert m.complement("killed", "casualties") == "non-fatal"
    assert m.capped("killed") == "deployed"  # inherited from casualties
    assert m.resolve("deployed").kind is Kind.STOCK and m.resolve("killed").is_cumulative
    assert not m.comparable("excess-deaths", "killed") and not m.comparable("killed", "excess-deaths")
    assert m.resolve("share-of-territory").unit == "percent"


def test_unknown_measure_names_what_is_known():
    with pytest.raises(MeasureError, match="unknown measure") as info:
        DEFAULT_MEASURES.resolve("vibes")
    assert "killed" in info.value.expected
    assert isinstance(info.value, LookupError)


def test_users_register_their_own_without_touching_the_default():
    extended = DEFAULT_MEASURES.extended([Measure("tanks-lost", unit="vehicle", synonyms=["tanks destroyed"])])
    assert extended.resolve("tanks destroyed").unit == "vehicle"
    assert "tanks-lost" not in DEFAULT_MEASURES


def test_inconsistent_vocabularies_are_rejected():
    with pytest.raises(MeasureError, match="unknown measure"):
        MeasureRegistry([Measure("a", parts=["b"])])
    with pytest.raises(MeasureError, match="parts of each other"):
        MeasureRegistry([Measure("a", parts=["b"]), Measure("b", parts=["a"])])
    with pytest.raises(MeasureError, match="synonym already means"):
        DEFAULT_MEASURES.extended([Measure("corpses", synonyms=["dead"])])


README = __import__("pathlib").Path(__file__).resolve().parent.parent / "README.md"


def _between(text: str, marker: str) -> str:
    start = text.index(f"<!-- {marker}")
    start = text.index("\n", start) + 1
    return text[start:text.index(f"<!-- /{marker} -->")]


def test_the_readme_tables_are_the_registry_and_the_rule_families():
    from reconcile.measures import markdown_table, rule_table
    text = README.read_text(encoding="utf-8")
    assert _between(text, "measure-table") == markdown_table(DEFAULT_MEASURES)
    assert _between(text, "rule-table") == rule_table()


def test_vocabulary_two_meanings():
    m = DEFAULT_MEASURES
    assert m.is_part("killed", "deaths") and m.is_part("killed", "casualties")
    assert not m.comparable("excess-deaths", "deaths")
    assert m.resolve("missing").kind is Kind.STOCK and m.resolve("prisoners held").kind is Kind.STOCK
    assert m.resolve("captured").is_cumulative and m.is_part("prisoners-held", "captured")
    assert m.resolve("displaced").kind is Kind.STOCK and m.is_part("displaced", "displaced-ever")
    assert m.resolve("arrivals").kind is Kind.FLOW and Kind("level") is Kind.STOCK
    assert m.capped("killed") == "deployed"  # still capped through casualties


def test_rule_families_say_which_kinds_they_apply_to():
    from reconcile.measures import RULE_FAMILIES, applies
    assert applies("figures.over-time", Kind.CUMULATIVE) and not applies("figures.over-time", Kind.STOCK)
    assert applies("flows.total", Kind.CUMULATIVE) and not applies("flows.total", Kind.FLOW)
    assert not applies("hierarchy.part-whole", Kind.SHARE)
    assert len({f.name for f in RULE_FAMILIES}) == len(RULE_FAMILIES)
    with pytest.raises(KeyError):
        applies("no-such-family", Kind.STOCK)


def test_changed_words_are_noted_in_old_files_only():
    from reconcile.measures import CHANGED_WORDS
    from reconcile.scenarios import check, loads
    for word in CHANGED_WORDS:
        assert word in DEFAULT_MEASURES  # every changed word still means something
    text = """scenario: old
sources: {a: A}
claims:
  - {id: m1, source: a, said_on: 2025-01-01, subject: s, measure: missing, value: "900"}
  - {id: m2, source: a, said_on: 2025-01-05, subject: s, measure: missing, value: "250"}
  - {id: d, source: a, said_on: 2025-01-05, subject: s, measure: killed, value: "12"}
"""
    old = loads(text)
    assert [n.split(":")[0] for n in old.notes] == ["line 4", "line 5"]
    assert "claim m1: measure 'missing': missing is now a level" in old.notes[0]
    result = check(old)
    assert result.ok and "note       line 4: claim m1" in result.format()
    assert result.result.contradictions() == ()  # the fall is an update now
    assert loads("vocabulary: 2\n" + text).notes == ()


def test_lookups_are_cached_yet_follow_registration():
    # resolve() and ancestors() remember their answers (the rules ask once per claim); registering must not
    # leave a stale one behind.
    reg = MeasureRegistry([Measure("drones"), Measure("shahed", synonyms=["geran"])])
    assert reg.resolve("Shahed").name == "shahed" and reg.resolve("Shahed") is reg.resolve("shahed")
    assert reg.ancestors("shahed") == ()
    with pytest.raises(MeasureError, match="unknown measure"):
        reg.resolve("uav")
    reg.register(Measure("drones", synonyms=["uav"], parts=["shahed"]), replace=True)
    assert reg.resolve("uav").name == "drones" and reg.resolve("drones").parts == ("shahed",)
    assert reg.ancestors("shahed") == ("drones",) and reg.is_part("shahed", "drones")
