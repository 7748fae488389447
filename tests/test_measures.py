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
