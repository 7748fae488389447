from __future__ import annotations

import pickle

import pytest

from reconcile import DimensionalityError, UnitError, ureg
from reconcile.figures.units import canonical_unit, conversion_factor, is_count


def test_headcount_aliases_and_percent():
    for alias in ["person", "people", "soldiers", "troops", "troop"]:
        assert canonical_unit(alias) == "person"
    assert canonical_unit("%") == "percent"
    assert conversion_factor("percent", "dimensionless") == pytest.approx(0.01)
    assert conversion_factor("km2", "square_kilometer") == 1.0


def test_incompatible_and_unknown_units_raise_library_errors():
    with pytest.raises(DimensionalityError, match="person"):
        conversion_factor("person", "percent")
    with pytest.raises(UnitError, match="unknown unit"):
        canonical_unit("bananas")
    with pytest.raises(UnitError):
        canonical_unit("")


def test_counts_and_shares():
    assert is_count("person") and is_count("vehicle") and not is_count("percent")


def test_application_registry_so_quantities_pickle():
    q = ureg.Quantity(300, "troops")
    assert pickle.loads(pickle.dumps(q)) == q
