"""Number words (reconcile.extraction.numbers)."""

from __future__ import annotations

import pytest

from reconcile.extraction.numbers import digits


@pytest.mark.parametrize("phrase, expected", [
    ("Forty-three", "43"),
    ("at least sixteen", "at least 16"),
    ("ninety-nine", "99"),
    ("at least five", "at least five"),  # the figure parser reads it as written
    ("twenty", "twenty"),
    ("a dozen", "a dozen"),
    ("well-one", "well-one"),  # never the tail of a hyphenated word
])
def test_digits_rewrites_only_what_the_parser_does_not_read(phrase, expected):
    assert digits(phrase) == expected
