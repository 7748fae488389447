"""The examples in the core modules' docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["reconcile.errors", "reconcile.units", "reconcile.numeric", "reconcile.dates", "reconcile.quantity",
           "reconcile.parsing", "reconcile.measures", "reconcile.claims", "reconcile.settings", "reconcile.reconciler",
           "reconcile.graph", "reconcile.estimates"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
