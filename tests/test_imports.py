"""What importing reconcile costs (issue 12): the package and the command import their heavy dependencies only
when the work at hand needs them, and every public name still comes from where it always did."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import reconcile

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pint", "networkx", "numpy", "yaml", "matplotlib", "spacy", "dask", "pandas", "pyarrow", "orjson")


def _imported_after(code: str) -> set[str]:
    """The HEAVY modules a fresh interpreter has imported after running ``code``."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.split())


def test_import_reconcile_imports_no_heavy_dependency():
    assert _imported_after("import reconcile") == set()


def test_the_command_line_parser_imports_no_heavy_dependency():
    code = ("import contextlib, io\nfrom reconcile.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "    main(['--help'])")
    assert _imported_after(code) == set()


def test_a_report_does_not_import_pint_networkx_or_optional_extras():
    code = ("import io, contextlib\nfrom reconcile.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['report', 'scenarios/nk_troops_kursk.yaml']) == 0")
    imported = _imported_after(code)
    assert "yaml" in imported  # the probe does see imports
    assert imported.isdisjoint({"pint", "networkx", "matplotlib", "spacy", "dask", "pandas", "pyarrow"})


def test_every_public_name_is_the_object_of_its_module():
    import importlib

    for name in reconcile.__all__:
        value = getattr(reconcile, name)
        if name == "__version__":
            continue
        module_name, attribute = reconcile._SOURCES[name]
        assert value is getattr(importlib.import_module(module_name, "reconcile"), attribute), name
    assert set(reconcile.__all__) <= set(dir(reconcile))
    assert set(reconcile._SOURCES) == set(reconcile.__all__) - {"__version__"}


def test_an_unknown_name_is_an_attribute_error():
    import pytest

    with pytest.raises(AttributeError, match="no_such_name"):
        reconcile.no_such_name  # noqa: B018
    with pytest.raises(ImportError):
        exec("from reconcile import no_such_name")
