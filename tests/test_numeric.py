"""figures/numeric.py: how numbers are written."""

from hypothesis import given
from hypothesis import strategies as st

from reconcile.figures.numeric import format_number


@given(st.one_of(st.integers(-2**60, 2**60), st.integers(-2**54, 2**54),
                 st.sampled_from((2**53 - 1, 2**53, 2**53 + 1, -2**53 - 1))))
def test_a_whole_number_is_written_as_its_float_is(x):
    # format_number writes ints below 2**53 without the float (the short path): the same text as the float's
    value = float(x)
    assert format_number(x) == f"{int(value):,}"
