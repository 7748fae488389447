"""Dates a figure was said on or refers to, as periods.

News rarely gives a figure's date to the day: "last fall", "in August 2024", "a 2000 census". A
:class:`Period` is the closed span of days such a date names, so that "fall 2024" can be compared with
"2025-01-13" (it is wholly before it) and "2024-09" with "2024-09-15" (they overlap).

Accepted forms (:meth:`Period.parse`): ``2025-01-13``; ``2024-09``; ``2000``; ``2024-Q3``;
``2024-spring`` / ``-summer`` / ``-fall`` (or ``-autumn``) / ``-winter`` (December to February, named
by the year it starts in); an explicit span ``2024-09-01/2024-11-30``.

A period has a :class:`Reading` that says what a figure dated by it counts:

- a *moment* (every form above): the figure was true at some time within the period;
- ``since 2025-03``: a count from the start of March 2025 to the date the figure was said (a claim closes
  the window at its ``said_on``), or to an explicit end, ``since 2025-03 until 2025-05-20``;
- ``during 2025-04`` (or ``during 2025-04-01/2025-04-07``): a flow, the count of what happened within the
  window ("350 killed in April alone").

>>> p = Period.parse("since 2025-03 until 2025-05-20")
>>> p.reading.value, p.start.isoformat(), p.end.isoformat()
('since', '2025-03-01', '2025-05-20')
>>> Period.parse("during 2025-04").describe()
'during 2025-04 (2025-04-01 to 2025-04-30)'

>>> Period.parse("2024-fall")
Period('2024-fall')
>>> Period.parse("2024-fall").start, Period.parse("2024-fall").end
(datetime.date(2024, 9, 1), datetime.date(2024, 11, 30))
>>> Period.parse("2024-fall") < Period.parse("2025-01-13")
True
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from enum import Enum

import attrs

from ..errors import DateError
from .slots import slot_setters

__all__ = ["Period", "Reading"]


class Reading(str, Enum):
    """What a figure dated by a period counts."""

    MOMENT = "moment"  # the figure was true at some time within the period (a total, a level)
    SINCE = "since"    # a count from the period's start to its end (the date said, or an explicit end)
    DURING = "during"  # a flow: the count of what happened within the window

    def __str__(self) -> str:
        return self.value

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}
_EXPECTED = ("an ISO date (2025-01-13) or a period: 2024-09, 2000, 2024-Q3, 2024-fall, START/END, "
             "'since 2025-03' (until the date said, or 'since 2025-03 until 2025-05-20'), 'during 2025-04'")
_WINDOW = re.compile(r"^(since|during)\s+(.+?)(?:\s+until\s+(.+))?$", re.IGNORECASE)
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})|-[Qq]([1-4])|-([A-Za-z]+))?$")


# Periods read from text, by the text (Period.parse): errors are not remembered, so each is raised afresh.
_PARSED: "dict[str, Period]" = {}
_PARSED_MAX = 1 << 16


def _last_day(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


@attrs.frozen(order=False)
class Period:
    """A closed span of days, ``start`` to ``end`` inclusive, and the text that named it.

    Ordering (``<``) means *wholly before*: ``a < b`` when ``a`` ends before ``b`` starts. Periods that
    overlap are neither before nor after each other; :meth:`overlaps` tells. ``sort_key`` gives a total
    order for stable sorting.
    """

    start: _dt.date
    end: _dt.date
    text: str = attrs.field(default="", eq=False)
    reading: Reading = attrs.field(default=Reading.MOMENT, converter=Reading)
    # "since 2025-03" with no end said: the window runs to the date the claim was said (see closed_at).
    open_end: bool = False
    # (start, end) as day ordinals, computed once: the reconciler sorts and compares periods millions of times.
    sort_key: tuple[int, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise DateError("period ends before it starts", text=self.text or f"{self.start}/{self.end}",
                            expected="START/END with START on or before END")
        object.__setattr__(self, "sort_key", (self.start.toordinal(), self.end.toordinal()))

    # -- constructors -------------------------------------------------------------------------------
    @classmethod
    def day(cls, value: _dt.date) -> "Period":
        """The single day ``value``."""
        if cls is Period:
            return _day(value, value.isoformat())
        return cls(value, value, value.isoformat())

    @classmethod
    def parse(cls, value: "str | int | _dt.date | Period") -> "Period":
        """Read a date or period; raises :class:`~reconcile.errors.DateError` with the text otherwise.

        A string is read once: a claim file names few distinct dates, and a period is immutable, so the
        period read from the same text is shared (the last :data:`_PARSED_MAX` texts are remembered).
        """
        if type(value) is str and cls is Period:
            found = _PARSED.get(value)
            if found is None:
                found = cls._read(value)
                if len(_PARSED) >= _PARSED_MAX:
                    _PARSED.clear()
                _PARSED[value] = found
            return found
        return cls._read(value)

    @classmethod
    def _read(cls, value: "str | int | _dt.date | Period") -> "Period":
        """:meth:`parse` without the memory of texts read."""
        if type(value) is not str:  # text first: nearly every date read is
            if isinstance(value, Period):
                return value
            if isinstance(value, _dt.datetime):
                return cls.day(value.date())
            if isinstance(value, _dt.date):
                return cls.day(value)
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                raise DateError("not a date", text=repr(value), expected=_EXPECTED)
        text = str(value).strip()
        # An ISO date, most dates of a claim file (each day of a daily series a new text), read first: it is
        # neither a window (whose word would stand where the dashes are) nor a START/END span.
        if len(text) == 10 and text[4] == "-" and text[7] == "-" and "/" not in text:
            try:
                day = _dt.date.fromisoformat(text)
            except ValueError as exc:
                raise DateError("not a real date", text=text, expected=_EXPECTED) from exc
            return _day(day, day.isoformat()) if cls is Period else cls.day(day)
        window = _WINDOW.match(text)
        if window:
            return cls._window(text, window)
        if "/" in text:
            first, _, second = text.partition("/")
            try:
                a, b = cls.parse(first), cls.parse(second)
            except DateError:  # "2025/02/03": say what the slash means rather than "not a date: '02'"
                raise DateError("not a date", text=text,
                                expected="a date written with dashes (2025-02-03), or a period START/END of two "
                                         "dates (2025-01/2025-03)") from None
            if b.end < a.start:
                raise DateError("period ends before it starts", text=text, expected="START/END with START first")
            return cls(a.start, b.end, text)
        match = _PARTIAL.match(text)
        if not match:
            raise DateError("not a date", text=text, expected=_EXPECTED)
        year = int(match.group(1))
        if year < 1:
            raise DateError("not a real date", text=text, expected=_EXPECTED)
        month, quarter, season = match.group(2), match.group(3), match.group(4)
        if month is not None:
            m = int(month)
            if not 1 <= m <= 12:
                raise DateError("not a real month", text=text, expected=_EXPECTED)
            return cls(_dt.date(year, m, 1), _last_day(year, m), text)
        if quarter is not None:
            q = int(quarter)
            return cls(_dt.date(year, 3 * q - 2, 1), _last_day(year, 3 * q), text)
        if season is not None:
            key = season.lower()
            if key not in _SEASONS:
                raise DateError("not a season", text=text, expected="spring, summer, fall, autumn or winter")
            first_month, last_month = _SEASONS[key]
            end_year = year + 1 if last_month < first_month else year
            if end_year > _dt.MAXYEAR:
                raise DateError("not a real date", text=text, expected=_EXPECTED)
            return cls(_dt.date(year, first_month, 1), _last_day(end_year, last_month), text)
        return cls(_dt.date(year, 1, 1), _dt.date(year, 12, 31), text)

    @classmethod
    def _window(cls, text: str, match: "re.Match[str]") -> "Period":
        word, first, until = match.group(1).lower(), match.group(2), match.group(3)
        if _WINDOW.match(first) or (until is not None and _WINDOW.match(until)):
            raise DateError("a window inside a window", text=text, expected=_EXPECTED)
        named = cls.parse(first)
        if word == "during":
            if until is not None:
                raise DateError("'during' takes one period", text=text,
                                expected="'during 2025-04' or 'during 2025-04-01/2025-04-07'")
            return cls(named.start, named.end, text, Reading.DURING)
        if until is None:
            return cls(named.start, named.end, text, Reading.SINCE, open_end=True)
        end = cls.parse(until)
        if end.end < named.start:
            raise DateError("counted until a date before its start", text=text,
                            expected="'since START until END' with END on or after START")
        return cls(named.start, end.end, text, Reading.SINCE)

    def closed_at(self, said_on: "Period") -> "Period":
        """This period with an open ``since`` window ended at ``said_on`` (the date the figure was said)."""
        if not self.open_end:
            return self
        if said_on.end < self.start:
            raise DateError("counted since a date after it was said", text=self.text,
                            expected=f"a start on or before the date said, {said_on}")
        return Period(self.start, said_on.end, self.text, self.reading)

    @property
    def is_window(self) -> bool:
        """True for a ``since`` or ``during`` window: a count over the window, not a figure true at a time."""
        return self.reading is not Reading.MOMENT

    def contains(self, other: "Period") -> bool:
        """True when ``other`` lies wholly within this period."""
        return self.sort_key[0] <= other.sort_key[0] and other.sort_key[1] <= self.sort_key[1]

    # -- comparisons ----------------------------------------------------------------------------------
    @property
    def is_day(self) -> bool:
        return self.start == self.end

    def overlaps(self, other: "Period") -> bool:
        return self.sort_key[0] <= other.sort_key[1] and other.sort_key[0] <= self.sort_key[1]

    def __lt__(self, other: "Period") -> bool:
        return self.sort_key[1] < other.sort_key[0]

    def __gt__(self, other: "Period") -> bool:
        return other.sort_key[1] < self.sort_key[0]

    def days_to(self, other: "Period") -> int:
        """Days from the middle of this period to the middle of ``other`` (negative if ``other`` is earlier)."""
        mine = (self.start.toordinal() + self.end.toordinal()) / 2
        theirs = (other.start.toordinal() + other.end.toordinal()) / 2
        return round(theirs - mine)

    def __str__(self) -> str:
        if self.text:
            return self.text
        span = self.start.isoformat() if self.is_day else f"{self.start}/{self.end}"
        if self.reading is Reading.SINCE:
            return f"since {self.start} until {self.end}"
        return f"during {span}" if self.reading is Reading.DURING else span

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    def describe(self) -> str:
        """Human form: ``2025-01-13``, or ``2024-fall (2024-09-01 to 2024-11-30)``."""
        if self.is_day:
            return self.start.isoformat() if not self.is_window else f"{self} ({self.start.isoformat()})"
        if self.open_end:
            return f"{self} (from {self.start.isoformat()} to the date said)"
        return f"{self} ({self.start.isoformat()} to {self.end.isoformat()})"


(_set_start, _set_end, _set_text, _set_reading, _set_open_end, _set_sort_key) = slot_setters(
    Period, ("start", "end", "text", "reading", "open_end", "sort_key"))
_new = object.__new__
_MOMENT = Reading.MOMENT


def _day(day: _dt.date, text: str) -> Period:
    """``Period(day, day, text)`` without its checks (a day cannot end before it starts): a daily series reads
    a new date on every claim."""
    self = _new(Period)
    _set_start(self, day)
    _set_end(self, day)
    _set_text(self, text)
    _set_reading(self, _MOMENT)
    _set_open_end(self, False)
    ordinal = day.toordinal()
    _set_sort_key(self, (ordinal, ordinal))
    return self
