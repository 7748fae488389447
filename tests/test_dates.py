from __future__ import annotations

import datetime as dt

import pytest

from reconcile import DateError, Period


@pytest.mark.parametrize("text, start, end", [
    ("2025-01-13", "2025-01-13", "2025-01-13"),
    ("2024-09", "2024-09-01", "2024-09-30"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2000", "2000-01-01", "2000-12-31"),
    ("2024-Q3", "2024-07-01", "2024-09-30"),
    ("2024-fall", "2024-09-01", "2024-11-30"),
    ("2024-autumn", "2024-09-01", "2024-11-30"),
    ("2024-winter", "2024-12-01", "2025-02-28"),
    ("2024-09-01/2024-11-30", "2024-09-01", "2024-11-30"),
])
def test_forms(text, start, end):
    p = Period.parse(text)
    assert (p.start.isoformat(), p.end.isoformat()) == (start, end)
    assert str(p) == text


def test_yaml_natives():
    assert Period.parse(dt.date(2025, 1, 13)) == Period.parse("2025-01-13")
    assert Period.parse(2000) == Period.parse("2000")


def test_order_means_wholly_before():
    fall, jan = Period.parse("2024-fall"), Period.parse("2025-01-13")
    assert fall < jan and jan > fall
    sept, mid = Period.parse("2024-09"), Period.parse("2024-09-15")
    assert sept.overlaps(mid) and not sept < mid and not mid < sept


@pytest.mark.parametrize("text", ["2025-02-30", "2025-13", "last fall", "2024-monsoon", "", "2025-02-01/2025-01-01",
                                  "13/01/2025"])
def test_bad_dates(text):
    with pytest.raises(DateError) as info:
        Period.parse(text)
    assert info.value.expected


@pytest.mark.parametrize("text", ["2025/02/03", "03/02/2025", "2025/02"])
def test_a_slashed_date_says_dates_take_dashes_and_quotes_the_whole_text(text):
    with pytest.raises(DateError) as info:
        Period.parse(text)
    assert info.value.text == text  # not "not a date: '02'"
    assert "2025-02-03" in info.value.expected and "START/END" in info.value.expected
