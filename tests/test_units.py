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


def test_the_table_read_from_units_txt_answers_as_pint_does():
    """units.py answers spellings of units.txt without pint (issue 12); each answer is the registry's own."""
    from reconcile.figures import units

    table = units._known_units(units._definitions())
    assert {"person", "troops", "vehicle", "count", "percent", "pct", "km2"} <= set(table)
    assert "%" not in table and "‰" not in table  # symbols go through pint's own rewriting
    for spelling, (name, counted) in table.items():
        parsed = ureg.parse_units(spelling)
        assert (str(parsed) or "dimensionless") == name, spelling
        if counted is not None:
            assert counted == (name not in ("percent", "per_mille", "dimensionless")
                               and not ureg.parse_units(name).dimensionality.get("[length]")), spelling


def _printed_by_fresh_process(code: str) -> str:
    """What ``code`` prints in a new interpreter (the unit registry is per process); it must exit cleanly."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_common_units_do_not_import_pint():
    code = ("import sys; from reconcile.figures.units import canonical_unit, is_count, conversion_factor\n"
            "assert canonical_unit(' troops ') == 'person' and is_count('soldiers') and not is_count('pct')\n"
            "assert conversion_factor('people', 'person') == 1.0\n"
            "print('pint' in sys.modules)")
    assert _printed_by_fresh_process(code) == "False"


def test_define_hands_every_answer_to_pint():
    # a fresh process: a definition changes the one registry for good
    code = ("from reconcile.figures import units\n"
            "units.define('drone = vehicle = _ = drones')\n"
            "assert units._KNOWN == {} and units.canonical_unit('drones') == 'drone'\n"
            "assert units.canonical_unit('troops') == 'person' and units.is_count('drone')\n"
            "print(units.conversion_factor('drone', 'tank'))")
    assert _printed_by_fresh_process(code) == "1.0"
