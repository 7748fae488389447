from __future__ import annotations

import datetime as dt

import attrs
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


@pytest.mark.parametrize("text, reading, start, end", [
    ("since 2025-03 until 2025-05-20", "since", "2025-03-01", "2025-05-20"),
    ("during 2025-04", "during", "2025-04-01", "2025-04-30"),
    ("during 2025-04-01/2025-04-07", "during", "2025-04-01", "2025-04-07"),
    ("During 2024-fall", "during", "2024-09-01", "2024-11-30"),
])
def test_windows(text, reading, start, end):
    p = Period.parse(text)
    assert (p.reading.value, p.start.isoformat(), p.end.isoformat()) == (reading, start, end)
    assert str(p) == text and p.is_window and not p.open_end
    assert Period.parse(text) != Period.parse(text.split(" ", 1)[1].split(" until ")[0]) or reading == "since"


def test_since_is_closed_at_the_date_said():
    from reconcile import Claim
    open_ = Period.parse("since 2025-03")
    assert open_.open_end and open_.describe() == "since 2025-03 (from 2025-03-01 to the date said)"
    c = Claim.figure("c", "un", "displaced", "9,000", subject="s", said_on="2025-05-20", as_of="since 2025-03")
    assert (c.as_of.start, c.as_of.end) == (dt.date(2025, 3, 1), dt.date(2025, 5, 20)) and str(c.as_of) == "since 2025-03"
    with pytest.raises(DateError, match="since a date after it was said") as info:
        Claim.figure("c", "un", "displaced", "9,000", subject="s", said_on="2025-02-20", as_of="since 2025-03")
    assert (info.value.claim_id, info.value.field) == ("c", "as_of")
    with pytest.raises(Exception, match="not a window"):
        Claim.figure("c", "un", "displaced", "9,000", subject="s", said_on="during 2025-03")


@pytest.mark.parametrize("text", ["since 2025-06 until 2025-05", "during 2025-04 until 2025-05", "since since 2025",
                                  "during", "since 2025-02-30", "during last week"])
def test_bad_windows(text):
    with pytest.raises(DateError) as info:
        Period.parse(text)
    assert info.value.expected


def test_the_readme_period_table_is_what_the_parser_reads():
    import re
    from pathlib import Path

    from reconcile import Claim
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("<!-- period-table -->"):readme.index("<!-- /period-table -->")]
    rows = re.findall(r"^\| `([^`]+)` \| (\w+) \| ([\d-]+) \| ([\d-]+) \|$", table, flags=re.M)
    assert len(rows) >= 8
    for text, reading, start, end in rows:
        c = Claim.figure("c", "x", "killed", "10", subject="s", said_on="2025-05-20", as_of=text)
        assert (c.as_of.reading.value, c.as_of.start.isoformat(), c.as_of.end.isoformat()) == (reading, start, end)


@pytest.mark.parametrize("text", ["2025/02/03", "03/02/2025", "2025/02"])
def test_a_slashed_date_says_dates_take_dashes_and_quotes_the_whole_text(text):
    with pytest.raises(DateError) as info:
        Period.parse(text)
    assert info.value.text == text  # not "not a date: '02'"
    assert "2025-02-03" in info.value.expected and "START/END" in info.value.expected


# -- ISO dates read first, without the checks (issue 12) -------------------------------------------------------
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from reconcile.figures import dates as dates_module  # noqa: E402


@given(st.text(st.sampled_from("0123456789-/ sinceduringSINCE QW"), min_size=4, max_size=6),
       st.text(st.sampled_from("0123456789-/ sinceduring Q"), min_size=0, max_size=3))
def test_a_text_read_as_an_iso_date_is_neither_a_window_nor_a_span(head, tail):
    text = f"{head[:4]:<4}-{head[4:6]:<2}-{tail:<2}"[:10]
    if len(text) == 10 and "/" not in text:  # what _read takes for an ISO date, before windows and spans
        assert dates_module._WINDOW.match(text) is None


@given(st.dates())
def test_a_day_built_without_checks_is_the_checked_one(day):
    trusted, checked = Period.day(day), Period(day, day, day.isoformat())
    assert trusted == checked and repr(trusted) == repr(checked) and trusted.sort_key == checked.sort_key
    assert [getattr(trusted, a.name) for a in attrs.fields(Period)] == [getattr(checked, a.name)
                                                                       for a in attrs.fields(Period)]
    assert Period.parse(day.isoformat()) == checked and Period.parse(f" {day.isoformat()} ").text == day.isoformat()
