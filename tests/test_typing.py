"""The type hints reconcile ships (``reconcile/py.typed``) hold: mypy, configured in setup.cfg, finds no error.

Users' type checkers trust these hints; without this test we would only trust them by reading.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_errors_in_the_package():
    pytest.importorskip("mypy", reason="mypy is not installed; it comes with the test extra: pip install -e '.[test]'")
    # From the repository root, so mypy reads the [mypy] section of setup.cfg.
    run = subprocess.run([sys.executable, "-m", "mypy", "reconcile"], cwd=ROOT, capture_output=True, text=True,
                         timeout=600)
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    assert run.returncode == 0, "python -m mypy reconcile:\n" + "\n".join(errors or [run.stdout, run.stderr])
