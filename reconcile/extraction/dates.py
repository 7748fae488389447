"""Dates in running text, resolved against the article's publication date.

News dates are relative: "on Feb. 14" is the last Feb. 14 on or before publication, "last fall" the last
fall that had ended by then, "in August 2024" the month. :func:`find_dates` returns each as a
:class:`DateMention` with its span and the :class:`~reconcile.figures.dates.Period` it names, so the extractor
can (a) date claims and (b) make sure no number inside a date is ever read as a figure.

>>> import datetime as dt
>>> text = "Zelensky said on Feb. 14 that troops deployed last fall, in August 2024, were lost."
>>> [(text[m.span.start:m.span.end], str(m.period)) for m in find_dates(text, dt.date(2025, 2, 27))]
[('Feb. 14', '2025-02-14'), ('last fall', '2024-fall'), ('August 2024', '2024-08')]
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from ..figures.dates import Period
from .text import Span

__all__ = ["DateMention", "find_dates"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_MONTH_FULL = (r"January|February|March|April|May|June|July|August|September|October|November|December")
# Abbreviations need their full stop ("Aug.") except the short full names; "May" and "March" alone are
# taken only as full names next to a day or year (case-sensitive: "may" and "march" are words).
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
_SEASON = r"(?:[Ff]all|[Aa]utumn|[Ss]pring|[Ss]ummer|[Ww]inter)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# One alternation, longest forms first, so "Jan. 13, 2025" is one mention and not "Jan. 13" plus a year.
_DATE = re.compile(
    rf"\b(?P<mdy_m>{_MONTH_ANY})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<mdy_y>(?:19|20)\d\d)\b"
    rf"|\b(?P<md_m>{_MONTH_ANY})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]?\d)"
    rf"|\b(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{_MONTH_ANY})(?:,?\s+(?P<dm_y>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<my_m>{_MONTH_ANY})\s*(?:of\s+)?,?\s+(?P<my_y>(?:19|20)\d\d)\b"
    rf"|\b(?P<mp_p>in|since|by|until|from|during|through|early|late|mid-|last|this|next)\s+(?P<mp_m>{_MONTH_FULL})\b"
    rf"(?!\s*,?\s*(?:of\s+)?(?:19|20)\d\d|\s+\d)"
    rf"|\b(?P<sr_r>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s+(?P<sr_s>{_SEASON})\b"
    rf"|\b(?:the\s+)?(?P<sy_s>{_SEASON})\s+(?:of\s+)?(?P<sy_y>(?:19|20)\d\d)\b"
    rf"|\b(?P<rel>[Yy]esterday|[Tt]oday|(?:[Ll]ast|[Tt]his|[Ee]arlier\s+this)\s+(?:week|month|year))\b"
    rf"|\b(?P<wd>{_WEEKDAY})\b"
    rf"|\b(?:[Bb]etween|[Ff]rom|[Ii]n)\s+(?P<yy_a>(?:18|19|20)\d\d)\s*(?:-|–|to|and|through)\s*"
    rf"(?P<yy_b>(?:18|19|20)\d\d)\b"
    rf"(?![,.]?\d)"
    rf"|\b(?P<yp_p>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Dd]uring|[Tt]hrough|[Ee]arly|[Ll]ate|mid-|[Tt]he\s+end\s+of)"
    rf"\s+(?P<yp_y>(?:18|19|20)\d\d)\b(?![,.]?\d)"
)

# Words before a date that tie it to some other event ("an incursion launched in August 2024", "since
# 2022"): such a date says when that event happened, not when a figure holds. The verb may have its object
# between it and the date ("forces launched an incursion in August", "since the start of the full-scale
# invasion in February 2022", "since fighting erupted in April 2023"), within one clause (no comma).
_OTHER_EVENT = re.compile(r"\b(?:launched|began|begun|started|starting|beginning|founded|born|since|created|"
                          r"formed|established|until|through|erupted|broke\s+out)"
                          r"(?:\s*(?:in|on)?|[^,;.:\n]{1,50}?\s(?:in|on))\s*$", re.IGNORECASE)
_EVENT_REACH = 72  # how far back the words tying a date to another event may start
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}


@attrs.frozen
class DateMention:
    """A date in the text: where it is, the period it names, and whether it anchors another event."""

    span: Span
    period: Period
    other_event: bool = False


def _month(word: str) -> int:
    return _MONTHS[word.lower()[:3]]


def _day(year: int, month: int, day: int) -> Period | None:
    try:
        return Period.day(dt.date(year, month, day))
    except ValueError:
        return None  # "Feb. 30" is not a date; the digits are then left alone


def _season(name: str, year: int) -> Period:
    return Period.parse(f"{year}-{'fall' if name == 'autumn' else name}")


def _relative_season(rel: str, name: str, published: dt.date) -> Period:
    """"last fall": the latest fall that had ended before publication; "this"/"next" likewise."""
    candidates = [_season(name, y) for y in range(published.year - 2, published.year + 2)]
    if rel in ("last", "past"):
        return max((p for p in candidates if p.end < published), key=lambda p: p.start)
    if rel == "next":
        return min((p for p in candidates if p.start > published), key=lambda p: p.start)
    current = [p for p in candidates if p.start <= published <= p.end]
    return current[0] if current else min((p for p in candidates if p.start > published), key=lambda p: p.start)


def _relative(word: str, published: dt.date) -> Period:
    w = " ".join(word.lower().split())
    if w == "yesterday":
        return Period.day(published - dt.timedelta(days=1))
    if w == "today":
        return Period.day(published)
    unit = w.rsplit(" ", 1)[1]
    last = w.startswith("last")
    if unit == "year":
        return Period.parse(str(published.year - 1 if last else published.year))
    if unit == "month":
        y, m = (published.year, published.month)
        if last:
            y, m = (y - 1, 12) if m == 1 else (y, m - 1)
        return Period.parse(f"{y}-{m:02d}")
    monday = published - dt.timedelta(days=published.weekday() + (7 if last else 0))
    sunday = monday + dt.timedelta(days=6)
    if not last:
        sunday = min(sunday, published)
    return Period.parse(f"{monday.isoformat()}/{sunday.isoformat()}")


def _resolve(m: re.Match[str], published: dt.date) -> Period | None:
    g = m.group
    if g("mdy_m"):
        return _day(int(g("mdy_y")), _month(g("mdy_m")), int(g("mdy_d")))
    if g("md_m") or g("dm_m"):
        month = _month(g("md_m") or g("dm_m"))
        day = int(g("md_d") or g("dm_d"))
        if g("dm_y"):
            return _day(int(g("dm_y")), month, day)
        # No year: the latest such day on or before publication (news reports the past).
        found = _day(published.year, month, day)
        if found is not None and found.start > published:
            found = _day(published.year - 1, month, day)
        return found
    if g("my_m"):
        return Period.parse(f"{int(g('my_y'))}-{_month(g('my_m')):02d}")
    if g("mp_m"):
        month = _month(g("mp_m"))
        ahead = g("mp_p").lower() == "next"
        year = published.year
        if not ahead and month > published.month:
            year -= 1
        elif ahead and month <= published.month:
            year += 1
        return Period.parse(f"{year}-{month:02d}")
    if g("sr_s"):
        return _relative_season(g("sr_r").lower(), g("sr_s").lower(), published)
    if g("sy_s"):
        return _season(g("sy_s").lower(), int(g("sy_y")))
    if g("rel"):
        return _relative(g("rel"), published)
    if g("yy_a"):
        a, b = int(g("yy_a")), int(g("yy_b"))
        return Period.parse(f"{a}/{b}") if a <= b else None
    if g("wd"):
        back = (published.weekday() - _WEEKDAYS.index(g("wd").lower())) % 7
        return Period.day(published - dt.timedelta(days=back))
    return Period.parse(g("yp_y"))


_SPAN_START = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_SPAN_JOIN = re.compile(r"^\s+(?:and|to|until|through)\s+$")


def _joined(text: str, out: list[DateMention], mention: DateMention) -> bool:
    """"between March 2022 and February 2023": the last mention and this one become one span of time."""
    if not out:
        return False
    first = out[-1]
    if not (_SPAN_JOIN.match(text[first.span.end:mention.span.start])
            and _SPAN_START.search(text, max(0, first.span.start - 12), first.span.start)):
        return False
    if mention.period.end < first.period.start:
        return False
    period = Period.parse(f"{first.period}/{mention.period}")
    out[-1] = DateMention(Span(first.span.start, mention.span.end), period, first.other_event)
    return True


def find_dates(text: str, published: dt.date, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date in ``text[start:end]``, in order, resolved against ``published``; "between X and Y" and
    "from X to Y" give one mention spanning both."""
    out: list[DateMention] = []
    for m in _DATE.finditer(text, start, len(text) if end is None else end):
        period = _resolve(m, published)
        if period is None:
            continue
        # The span covers the date words only: "in 2024" is the date "2024", "since" is not part of it.
        first = next((g for g in ("yp_y", "mp_m", "yy_a") if m.group(g)), None)
        lo = m.start(first) if first else m.start()
        other = bool(_OTHER_EVENT.search(text, max(0, m.start() - _EVENT_REACH), m.start() if lo == m.start() else lo))
        mention = DateMention(Span(lo, m.end()), period, other)
        if not _joined(text, out, mention):
            out.append(mention)
    return out
