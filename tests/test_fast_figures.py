"""The fast figure path (issue 12): the common forms go through it, and whatever it reads is read exactly as the
full parser reads it — every field, and the type of every number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import MESSY, figure_texts, new_figure_texts

from reconcile import ParseError
from reconcile.figures.fast import parse_fast
from reconcile.figures.parsing import parse_figure, parse_figure_full, parse_value
from reconcile.figures.quantity import ParseOptions

UNITS = st.sampled_from([None, "person", "troops", "percent", "km2", "count"])
OPTIONS = st.sampled_from([ParseOptions(), ParseOptions(round_factor=0), ParseOptions(min_round_place=10, about=0.2)])
COMMON = st.one_of(
    st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    st.tuples(st.sampled_from(["at least ", "more than ", "about ", "nearly ", "up to ", "fewer than ", "only ",
                               "some ", "~", "just over "]), st.integers(0, 10**7)).map(lambda t: f"{t[0]}{t[1]:,}"),
    st.tuples(st.integers(1, 999), st.sampled_from(["k", "m", " million", " thousand"]),
              st.sampled_from(["", "about "])).map(lambda t: f"{t[2]}{t[0]}{t[1]}"),
    st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from(["{}-{}", "{} to {}", "{}–{}",
                                                                             "between {} and {}", "from {} to {}"]))
    .map(lambda t: t[2].format(f"{min(t[:2]):,}", f"{max(t[:2]):,}")),
    st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from(["95% CI ", ""]))
    .map(lambda t: "{} ({}{}-{})".format(f"{sorted(t[:3])[1]:,}", t[3], f"{min(t[:3]):,}", f"{max(t[:3]):,}")),
    st.integers(0, 10**6).map(lambda n: f"{n:,}+"),
)
ANY_TEXT = st.one_of(COMMON, figure_texts(), new_figure_texts().map(lambda case: case[1]), MESSY,
                     COMMON.map(str.upper), COMMON.map(lambda t: t.replace(" ", "  ")), COMMON.map(lambda t: t + "."),
                     COMMON.map(lambda t: t.replace(",", ".")), COMMON.map(lambda t: t.replace("0", "0.5", 1)))


def _fields(e):
    """Every field of an estimate, with the type of each number (an int is not a Fraction with denominator 1)."""
    return [(name, getattr(e, name), type(getattr(e, name)).__name__)
            for name in ("low", "high", "best", "unit", "hedge", "text", "low_open", "high_open", "confidence")]


@given(ANY_TEXT, UNITS, OPTIONS)
def test_whatever_the_fast_path_reads_the_full_parser_reads_the_same(text, unit, options):
    fast = parse_fast(text, unit, options)
    if fast is None:
        return
    full = parse_figure_full(text, unit, options)  # the fast path never accepts what the full parser refuses
    assert fast == full
    assert _fields(fast) == _fields(full)


@given(COMMON, st.sampled_from([None, "person", "count"]), OPTIONS)
def test_the_common_forms_take_the_fast_path(text, unit, options):
    assert parse_fast(text, unit, options) is not None, text


@given(ANY_TEXT, UNITS)
def test_parse_figure_and_parse_value_give_what_the_full_parser_gives(text, unit):
    try:
        full = parse_figure_full(text, unit)
    except (ParseError, TypeError) as err:  # DimensionalityError is both; the public path raises the same
        with pytest.raises(type(err)):
            parse_figure(text, unit)
        return
    assert _fields(parse_figure(text, unit)) == _fields(full)
    value = parse_value(text, unit)
    assert _fields(value) == _fields(full)


@pytest.mark.parametrize("text", ["dozens", "Hundreds", "two-thirds of 4,000", "three thousand", "300 troops", "At Least 300.",
                                  "1.5", "1.200", "300-200", "forty-three", "3.5 m", "10%-20%", "about 64%"])
def test_other_forms_are_left_to_the_full_parser_or_agree(text):
    fast = parse_fast(text)
    if fast is not None:
        assert _fields(fast) == _fields(parse_figure_full(text))


# -- whole figures in integer arithmetic, estimates without re-checking (issue 12) ------------------------------
from fractions import Fraction  # noqa: E402

from reconcile.figures.quantity import Estimate, Hedge, _hedged_exact, hedged  # noqa: E402

ONE_NUMBER_HEDGES = st.sampled_from([Hedge.PLAIN, Hedge.AT_LEAST, Hedge.MORE_THAN, Hedge.UP_TO, Hedge.LESS_THAN,
                                     Hedge.ABOUT, Hedge.NEARLY, Hedge.JUST_OVER])
MORE_OPTIONS = st.one_of(OPTIONS, st.builds(
    ParseOptions, round_factor=st.floats(0, 1), min_round_place=st.floats(0.001, 10**7),
    about=st.floats(0, 0.99), nearly=st.floats(0.001, 0.99), max_round_share=st.floats(0, 1)))
WHOLE = st.one_of(st.integers(0, 10**12), st.integers(1, 9).flatmap(lambda d: st.integers(0, 15).map(
    lambda k: d * 10**k)))
PLACES = st.one_of(st.integers(0, 15).map(lambda k: 10**k), st.integers(1, 10**6))


def _all_fields(e):
    return _fields(e) + [(name, getattr(e, name)) for name in ("_lo", "_hi", "_mid")]


@given(WHOLE, PLACES, st.booleans(), ONE_NUMBER_HEDGES, MORE_OPTIONS)
def test_a_whole_figure_is_hedged_in_integers_exactly_as_in_fractions(x, place, as_fraction, hedge, options):
    fast = hedged(x, Fraction(place) if as_fraction else place, hedge, "person", "t", options)
    exact = _hedged_exact(x, Fraction(place), hedge, "person", "t", options)
    assert _all_fields(fast) == _all_fields(exact)


def test_a_figure_that_is_not_whole_takes_the_fraction_rule():
    third = hedged(Fraction(5, 2), Fraction(1, 10), Hedge.ABOUT, "percent", "2.5%", ParseOptions())
    assert (third.low, third.high) == (Fraction(9, 4), Fraction(11, 4))


NUMBERS = st.one_of(st.none(), st.integers(0, 10**9), st.fractions(min_value=0, max_value=10**6))


@given(st.lists(NUMBERS.filter(lambda n: n is not None), min_size=1, max_size=3), st.booleans(), st.booleans(),
       st.sampled_from(list(Hedge)), st.sampled_from(["count", "percent", "person"]),
       st.one_of(st.none(), st.floats(0, 1)), st.sampled_from([(0, 1, 2), (0, None, 2), (None, 1, 2), (0, 2, None)]))
def test_a_trusted_estimate_equals_the_checked_one(numbers, low_open, high_open, hedge, unit, confidence, layout):
    ordered = sorted(numbers * 3)[:3]
    low, best, high = (None if i is None else ordered[i] for i in layout)
    args = (low, high, best, unit, hedge, "t")
    extra = {"low_open": low_open, "high_open": high_open, "confidence": confidence}
    checked, trusted = Estimate(*args, **extra), Estimate._trusted(*args, **extra)
    assert trusted == checked and hash(trusted) == hash(checked)
    assert _all_fields(trusted) == _all_fields(checked)
