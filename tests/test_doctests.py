"""The examples in the core modules' docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["reconcile.errors", "reconcile.figures.units", "reconcile.figures.numeric", "reconcile.figures.dates", "reconcile.figures.quantity",
           "reconcile.figures.parsing", "reconcile.measures", "reconcile.claims", "reconcile.settings", "reconcile.engine.runner", "reconcile.engine.reconciliation",
           "reconcile.engine.graph", "reconcile.engine.estimates", "reconcile.subjects", "reconcile.engine.reliability"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
