from __future__ import annotations

import pickle

import pytest

from reconcile import ErrorList, ParseError, ReconcileError, ScenarioError
from reconcile.errors import DimensionalityError, MeasureError


def test_message_names_location_text_and_expectation():
    err = ParseError("not a figure", text="lots", expected="a number").located(
        file="s.yaml", line=12, claim_id="c1", field="value")
    assert str(err) == "s.yaml:12: claim c1: field value: not a figure: 'lots' (expected a number)"
    assert isinstance(err, ParseError) and isinstance(err, ValueError)


def test_located_does_not_overwrite_what_is_known():
    err = ParseError("x", field="value").located(field="measure", claim_id="c")
    assert (err.field, err.claim_id) == ("value", "c")
    with pytest.raises(TypeError):
        err.located(colour="red")


def test_natural_builtins():
    assert issubclass(DimensionalityError, TypeError) and issubclass(DimensionalityError, ValueError)
    assert issubclass(MeasureError, LookupError)
    assert str(MeasureError("unknown measure", text="vibes")) == "unknown measure: 'vibes'"


def test_errors_pickle_with_their_fields():
    err = ScenarioError("bad", file="f.yaml", line=3, claim_id="c", field="source", expected="a source")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is ScenarioError and back.fields() == err.fields() and str(back) == str(err)
    many = ErrorList([err, ParseError("p", text="t")], file="f.yaml")
    back = pickle.loads(pickle.dumps(many))
    assert len(back.errors) == 2 and back.file == "f.yaml"


def test_error_list_lists_every_error():
    many = ErrorList([ParseError("a", line=1), ParseError("b", line=2)], file="f.yaml")
    assert str(many).splitlines() == ["f.yaml: 2 errors", "  line 1: a", "  line 2: b"]
    assert isinstance(many, ReconcileError)
