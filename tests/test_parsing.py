"""The figure forms of issue 11 (and the ceilings of issue 10): floors and ceilings written around a number,
scales attached to digits, numbers in words, ranges with "from", and counts that must be whole."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import NEW_FORMS, new_figure_texts, number_words

from reconcile import Hedge, ParseError
from reconcile.figures.numeric import format_number
from reconcile.figures.parsing import parse_figure


@pytest.mark.parametrize("text, same_as", [
    ("3,000+", "at least 3,000"), ("3,000 +", "at least 3,000"), ("1,000 or more", "at least 1,000"),
    ("3,000-plus", "at least 3,000"), ("3,000 plus", "at least 3,000"), ("300 troops or more", "at least 300 troops"),
    ("3,000+ troops", "at least 3,000 troops"), ("50 or fewer", "up to 50"), ("50 or less", "up to 50"),
    ("about 3k", "about 3,000"), ("3k", "3,000"), ("3.5k", "3,500"), ("3.5m", "3,500,000"),
    ("3.5 million", "3,500,000"), ("3.5m", "3.5 million"), ("1.2bn", "1,200,000,000"),
    ("three thousand", "3,000"), ("forty-three", "43"), ("two hundred and fifty", "250"), ("a dozen", "12"),
    ("a hundred", "100"), ("about three thousand", "about 3,000"), ("at least five", "at least 5"),
    ("one million two hundred thousand", "1,200,000"), ("Three Thousand", "3,000"),
    ("200 to 300", "200-300"), ("from 200 to 300", "200-300"), ("from 200-300", "200-300"),
    ("two to three thousand", "2,000-3,000"), ("between two and three million", "2,000,000-3,000,000"),
    ("3-5k", "3,000-5,000"), ("twenty-five to thirty", "25-30"),
    ("no more than 120", "up to 120"), ("not more than 120", "up to 120"), ("only 120", "up to 120"),
    ("as few as 120", "up to 120"), ("fewer than 120", "less than 120"),
])
def test_a_form_reads_as_the_form_it_means(text, same_as):
    assert parse_figure(text) == parse_figure(same_as)
    assert parse_figure(text, unit="person") == parse_figure(same_as, unit="person")


def test_ceilings_inclusive_and_strict():
    # "only 120" and "as few as 120" allow 120 itself (up to); "fewer than 120" does not (less than).
    for text in ("only 120", "as few as 120", "no more than 120", "not more than 120"):
        e = parse_figure(text)
        assert (e.low, e.best, e.high, e.hedge, e.high_open) == (None, 120, 120, Hedge.UP_TO, False)
    strict = parse_figure("fewer than 120")
    assert (strict.high, strict.hedge, strict.high_open) == (120, Hedge.LESS_THAN, True)
    # a ceiling below a figure of the same time leaves no value both allow
    assert parse_figure("only 120").lies_below(parse_figure("300"))


def test_a_scale_letter_is_a_count_where_a_count_is_meant_and_metres_otherwise():
    assert parse_figure("3.5m").unit == "count" and parse_figure("3.5m").best == 3_500_000
    assert parse_figure("3.5m", unit="troops").best == 3_500_000
    in_km = parse_figure("3.5m", unit="km")
    assert in_km.unit == "kilometer" and in_km.best == Fraction(35, 10_000)
    assert parse_figure("3.5 m", unit="km").best == Fraction(35, 10_000)


def test_number_words_carry_the_implied_precision_of_the_digits():
    assert (parse_figure("three thousand").low, parse_figure("three thousand").high) == (2700, 3300)
    assert parse_figure("forty-three").low == 43  # to the unit: exact


@pytest.mark.parametrize("text, message, expected", [
    ("1.5", "a count must be a whole number", "a whole number"),
    ("at least 2.5", "a count must be a whole number", "a whole number"),
    ("1.5-2.5", "a count must be a whole number", "a whole number"),
    ("3 (95% CI 1.5-4)", "a count must be a whole number", "a whole number"),
    ("1.2345k", "a count must be a whole number", "'3.5k'"),
    ("1.200", "ambiguous", "'1,200' if a thousands separator is meant"),
    ("2.000", "ambiguous", "'2,000' if a thousands separator is meant"),
    ("at least 1.200", "ambiguous", "'1,200'"),
    ("three four", "not a number in words", "'three thousand'"),
    ("thousand three thousand", "not a number in words", "'forty-three'"),
    ("300+ or more", "must follow one number", "at least 300"),
    ("from 200 and 300", "not a figure", "between 1,000 and 1,500"),
])
def test_a_count_that_is_no_count_is_an_error_with_a_hint(text, message, expected):
    with pytest.raises(ParseError, match=message) as info:
        parse_figure(text, unit="person")
    assert info.value.text == text and expected in (info.value.expected or "")


@pytest.mark.parametrize("text, unit", [("1.5", "percent"), ("1.5%", None), ("2.5 km2", None), ("1.200", "km2"),
                                        ("1.5 million", "person"), ("1.1-1.2 million", "person")])
def test_fractions_where_the_unit_allows_them_or_a_scale_makes_them_whole(text, unit):
    parse_figure(text, unit=unit)


@pytest.mark.parametrize("form", sorted(NEW_FORMS))
def test_every_new_form_round_trips_through_format_and_parse(form):
    @given(new_figure_texts(form))
    def check(case):
        _, text = case
        e = parse_figure(text)
        assert parse_figure(e.to_text()) == e, (text, e.to_text())
        assert parse_figure(e.to_text(), unit="person") == parse_figure(text, unit="person")

    check()


@given(st.integers(0, 999_999_999))
def test_number_words_read_as_their_digits(n):
    assert parse_figure(number_words(n)) == parse_figure(format_number(n))


@given(st.integers(0, 10**12))
def test_a_formatted_number_parses_back_to_itself(n):
    assert parse_figure(format_number(n)).best == n


# -- the README's table of figure forms ---------------------------------------------------------------------------
def _readme_forms() -> list[dict[str, str]]:
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    head = "| Form | Hedge | Words | Example | Reads as |"
    assert head in text, "the README's table of figure forms is gone"
    lines = text.split(head, 1)[1].splitlines()[2:]
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append(dict(zip(("form", "hedge", "words", "example", "reads"), cells)))
    return rows


def test_every_example_in_the_readme_table_reads_as_it_says():
    rows = _readme_forms()
    assert len(rows) >= 15
    for row in rows:
        example = row["example"].strip("`")
        e = parse_figure(example)
        assert (e.hedge.value, e.describe()) == (row["hedge"], row["reads"]), row["form"]


def test_the_readme_table_lists_exactly_the_words_of_each_hedge():
    from reconcile.figures.hedges import _PREFIXES, _TRAILING, _VAGUE

    rows = {r["hedge"]: r for r in _readme_forms() if r["words"] and r["hedge"] not in ("plain", "range", "ci",
                                                                                           "fraction")}
    for hedge in {h for _, h in _PREFIXES}:
        before, _, after = rows[hedge.value]["words"].partition("; after: ")
        listed_after = {w for w in after.split(", ") if w}
        assert set(before.split(", ")) == {p for p, h in _PREFIXES if h is hedge}, hedge
        assert listed_after == {w.strip() for w, h in _TRAILING if h is hedge} | (
            {"+", "-plus"} if hedge is Hedge.AT_LEAST else set()), hedge
        for word in (*before.split(", "), *listed_after):  # and each word reads as that hedge
            text = f"300{word}" if word in ("+", "-plus") else (f"300 {word}" if word in listed_after else
                                                                f"{word} 300")
            assert parse_figure(text).hedge is hedge, text
    assert set(rows["vague"]["words"].split(", ")) == set(_VAGUE)
    for word in rows["vague"]["words"].split(", "):
        assert parse_figure(word).hedge is Hedge.VAGUE


def test_the_readme_table_scales_and_fractions_read():
    from reconcile.figures.hedges import _SCALES
    from reconcile.figures.parsing import parse_fraction

    rows = _readme_forms()
    (scales,) = [r for r in rows if r["form"].startswith("a scale")]
    assert set(scales["words"].split(", ")) == set(_SCALES)
    for word in _SCALES:
        assert parse_figure(f"3{word}" if len(word) == 1 else f"3 {word}").best == 3 * _SCALES[word], word
    (fractions,) = [r for r in rows if r["hedge"] == "fraction"]
    for word in fractions["words"].split(", ")[:-1]:
        assert parse_fraction(word) is not None, word
