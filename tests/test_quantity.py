"""The figure parser: every form of issue 2, the rounding rule, units, and bad input."""

from __future__ import annotations

from fractions import Fraction

import pytest

from reconcile import DimensionalityError, Estimate, Hedge, ParseError, ParseOptions, Portion, QuantityError
from reconcile.figures.parsing import parse_figure, parse_fraction, parse_hedged_fraction, parse_value
from reconcile.figures.quantity import format_number, fraction_bounds


@pytest.mark.parametrize(
    "text, low, best, high, hedge",
    [
        # a round figure is ± half its last significant place, at most ±10% (issue 10: ParseOptions.max_round_share)
        ("300", 270, 300, 330, Hedge.PLAIN),
        ("2,700", 2650, 2700, 2750, Hedge.PLAIN),
        ("4,000", 3600, 4000, 4400, Hedge.PLAIN),
        ("100", 90, 100, 110, Hedge.PLAIN),
        ("10,000", 9000, 10000, 11000, Hedge.PLAIN),
        ("2,975", 2975, 2975, 2975, Hedge.PLAIN),
        ("120", 120, 120, 120, Hedge.PLAIN),
        ("1.2 million", 1_150_000, 1_200_000, 1_250_000, Hedge.PLAIN),
        ("at least 300", 300, 300, None, Hedge.AT_LEAST),
        ("no fewer than 40", 40, 40, None, Hedge.AT_LEAST),
        ("more than 10,000", 10000, 10000, None, Hedge.MORE_THAN),
        ("over 500", 500, 500, None, Hedge.MORE_THAN),
        ("up to 12,000", None, 12000, 12000, Hedge.UP_TO),
        ("as many as 5,000", None, 5000, 5000, Hedge.UP_TO),
        ("no more than 100", None, 100, 100, Hedge.UP_TO),
        ("fewer than 50", None, 50, 50, Hedge.LESS_THAN),
        ("some 1,500", 1350, 1500, 1650, Hedge.ABOUT),
        ("nearly 3,000", 2700, 3000, 3000, Hedge.NEARLY),
        ("just over 1,000", 1000, 1000, 1100, Hedge.JUST_OVER),
        ("between 1,000 and 1,500", 1000, None, 1500, Hedge.RANGE),
        ("11,000-12,000", 11000, None, 12000, Hedge.RANGE),
        ("11,000 to 12,000", 11000, None, 12000, Hedge.RANGE),
        ("11,000–12,000", 11000, None, 12000, Hedge.RANGE),
        ("1.1-1.2 million", 1_100_000, None, 1_200_000, Hedge.RANGE),
        ("2,975 (95% CI 2,658-3,290)", 2658, 2975, 3290, Hedge.CI),
        ("dozens", 24, None, 99, Hedge.VAGUE),
        ("hundreds", 200, None, 999, Hedge.VAGUE),
        ("thousands", 2000, None, 9999, Hedge.VAGUE),
        ("two-thirds of 4,000", 2400, Fraction(8000, 3), Fraction(8800, 3), Hedge.FRACTION),
    ],
)
def test_forms(text, low, best, high, hedge):
    e = parse_figure(text)
    assert (e.low, e.best, e.high, e.hedge) == (low, best, high, hedge)
    assert e.text == text


@pytest.mark.parametrize("word", ["about", "around", "roughly", "approximately", "some"])
def test_about_words_on_a_percentage(word):
    e = parse_figure(f"{word} 64%")
    assert e.unit == "percent" and e.best == 64 and e.hedge is Hedge.ABOUT
    assert (float(e.low), float(e.high)) == pytest.approx((57.6, 70.4))


def test_exclusive_bounds():
    assert parse_figure("more than 10,000").low_open
    assert parse_figure("fewer than 50").high_open
    assert not parse_figure("at least 300").low_open
    # "more than 10,000" and "fewer than 10,000" share no value; "at least" and "up to" share one.
    assert parse_figure("fewer than 10,000").lies_below(parse_figure("more than 10,000"))
    assert parse_figure("up to 10,000").overlaps(parse_figure("at least 10,000"))


def test_confidence_interval_level():
    assert parse_figure("2,975 (95% CI 2,658-3,290)").confidence == 0.95
    assert parse_figure("2,975 (2,658-3,290)").confidence is None


@pytest.mark.parametrize("text, value", [("a third", Fraction(1, 3)), ("two-thirds", Fraction(2, 3)),
                                         ("half", Fraction(1, 2)), ("three quarters", Fraction(3, 4)),
                                         ("40%", Fraction(2, 5)), ("one in five", Fraction(1, 5))])
def test_fractions(text, value):
    assert parse_fraction(text) == value


def test_a_third_as_a_share_converts_to_percent():
    e = parse_figure("a third", unit="percent")
    assert e.unit == "percent" and e.best == pytest.approx(100 / 3)


def test_fraction_of_a_claim_is_a_portion():
    p = parse_value("two-thirds of zel-casualties")
    assert p == Portion(Fraction(2, 3), "zel-casualties")
    whole = parse_figure("4,000", unit="person")
    assert p.resolve(whole).best == Fraction(8000, 3)
    with pytest.raises(ParseError):
        parse_figure("two-thirds of zel-casualties")  # no claims to resolve against here


@pytest.mark.parametrize("text, low, best, high, low_open, high_open", [
    # 4,000 is 3,600-4,400; the hedge sets how much of it the fraction may be
    ("nearly half of 4,000", 1620, 2000, 2200, False, True),
    ("about half of 4,000", 1620, 2000, 2420, False, False),
    ("more than a third of 4,000", 1200, Fraction(4000, 3), 4400, True, False),
    ("up to 40% of 3,000", 0, 1200, 1320, False, False),
    ("at least two-thirds of 2,975", Fraction(5950, 3), Fraction(5950, 3), 2975, False, False),
])
def test_a_hedged_fraction_of_a_figure(text, low, best, high, low_open, high_open):
    e = parse_figure(text)
    assert (e.low, e.best, e.high, e.low_open, e.high_open) == (low, best, high, low_open, high_open)
    assert e.hedge is Hedge.FRACTION and e.to_text() == text
    assert parse_figure(e.to_text()) == e


def test_a_hedged_fraction_of_a_claim_keeps_its_hedge():
    p = parse_value("nearly two-thirds of zel-casualties")
    assert (p.fraction, p.hedge, p.of) == (Fraction(2, 3), Hedge.NEARLY, "zel-casualties")
    assert p.resolve(parse_figure("4,000")) == parse_figure("nearly two-thirds of 4,000")


@pytest.mark.parametrize("text, expected", [
    ("nearly half", (Fraction(1, 2), Hedge.NEARLY)), ("half", (Fraction(1, 2), Hedge.PLAIN)),
    ("more than a third", (Fraction(1, 3), Hedge.MORE_THAN)), ("about 40%", (Fraction(2, 5), Hedge.ABOUT)),
    ("nearly", None), ("some", None), ("nearly 300", None),
])
def test_parse_hedged_fraction(text, expected):
    assert parse_hedged_fraction(text) == expected


def test_fraction_bounds_stay_within_the_whole():
    assert fraction_bounds(Fraction(1, 2)) == (Fraction(1, 2), Fraction(1, 2), False, False)
    assert fraction_bounds(Fraction(19, 20), Hedge.ABOUT)[1] == 1  # "about 95%" cannot exceed the whole
    assert fraction_bounds(Fraction(1, 2), Hedge.UP_TO) == (0, Fraction(1, 2), False, False)
    with pytest.raises(QuantityError):
        fraction_bounds(Fraction(1, 2), Hedge.RANGE)


def test_units_and_incompatible_units():
    assert parse_figure("300 troops").unit == "person"
    assert parse_figure("300", unit="soldiers").unit == "person"
    with pytest.raises(DimensionalityError, match="percent"):
        parse_figure("64%", unit="person")
    with pytest.raises(TypeError):  # the natural builtin too, as pint's errors do
        parse_figure("64%", unit="person")


def test_rounding_rule_is_configurable():
    strict = ParseOptions(round_factor=0)
    assert (parse_figure("4,000", options=strict).low, parse_figure("4,000", options=strict).high) == (4000, 4000)
    coarse = ParseOptions(min_round_place=10)
    assert parse_figure("120", options=coarse).low == 115


@pytest.mark.parametrize("text, message", [("lots", "not a figure"), ("300-200", "upside down"),
                                           ("-5", "negative"), ("", "empty"), ("at least", "not a figure"),
                                           ("at least lots", "followed by one number"),
                                           ("300 bananas", "unknown unit"), ("three halves of 10", "above one"),
                                           ("2,975 (95% CI 3,000-3,290)", "outside")])
def test_bad_input_raises_the_library_error_with_the_text(text, message):
    with pytest.raises(ParseError, match=message) as info:
        parse_figure(text)
    assert info.value.text == text.strip() or info.value.text == text
    assert isinstance(info.value, ValueError)


def test_estimate_validation():
    with pytest.raises(QuantityError, match="low bound above high"):
        Estimate(5, 3)
    with pytest.raises(QuantityError, match="negative"):
        Estimate(-1, 3)
    with pytest.raises(QuantityError, match="outside"):
        Estimate(1, 3, 4)
    with pytest.raises(QuantityError, match="needs a bound"):
        Estimate(None, None)


def test_arithmetic_keeps_exactness_and_open_bounds():
    total = parse_figure("at least 300", unit="person").plus(parse_figure("2,700", unit="person"))
    assert (total.low, total.best, total.high) == (2950, 3000, None)
    assert parse_figure("4,000").scaled(Fraction(1, 3)).best == Fraction(4000, 3)


def test_describe_quotes_normalized_numbers():
    assert parse_figure("at least 300").describe() == "at least 300"
    assert parse_figure("two-thirds of 4,000").describe() == "≈2,667 (2,400–2,933)"
    assert parse_figure("up to 12,000").describe() == "up to 12,000"
    assert parse_figure("about 64%").describe() == "≈64% (57.6–70.4)"
    assert format_number(Fraction(8000, 3)) == "2,667"


def test_estimates_pickle_and_compare_by_value():
    import pickle

    e = parse_figure("about 64%")
    assert pickle.loads(pickle.dumps(e)) == e
    assert parse_figure("300") == parse_figure(" 300 ")
