"""The period a figure covers, proposed from the parse of its clause, as the ``as_of`` strings of the meaning
vocabulary (issue 11): ``since 2025-03`` for a running total since a start ("since March"), ``during
2025-04`` or ``during START/END`` for a count over a window (a flow: "in April alone", "in the week to Sunday
alone", "in the past day"), and a plain date for "so far" (the total as of the day it was said).

A date attached to the figure's own verb or noun counts; one in another clause does not. The calendar value
comes from :mod:`reconcile.extraction.dates` (spaCy's ``DATE`` spans say where a date is, not which day).

>>> import datetime as dt
>>> from reconcile.figures.dates import Period
>>> _window(dt.date(2024, 5, 19), 7)
'during 2024-05-13/2024-05-19'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Sequence

from ..figures.dates import Period
from .dates import DateMention
from .parse import number_token
from .text import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["period_of"]

_SO_FAR = frozenset({"so far", "to date", "thus far"})
# "the past day", "the past 24 hours", "the past week", "last week": a window that ends at publication.
_PAST = re.compile(r"^(?:the\s+)?(?:past|last|previous)\s+(?:(?P<n>\d+|two|three|seven)\s+)?(?P<unit>day|days|"
                   r"24 hours|week|weeks)$", re.IGNORECASE)
_WEEK_TO = re.compile(r"\bweek\s+(?:to|ending|through)\b", re.IGNORECASE)
_COUNTS = {"two": 2, "three": 3, "seven": 7}


def _window(end: dt.date, days: int) -> str:
    if days == 1:
        return f"during {end.isoformat()}"
    return f"during {(end - dt.timedelta(days=days - 1)).isoformat()}/{end.isoformat()}"


def _clause(number: "Token") -> list["Token"]:
    """The tokens a date must hang from to date the figure: the figure's noun, its verb, and the verbs up to
    the first verb of saying (not the attribution's own date: "said on Monday")."""
    out = [number]
    token = number
    while token.head.i != token.i:
        token = token.head
        out.append(token)
        if token.pos_ in ("VERB", "AUX"):
            break
    return out


def _date_in(span_start: int, span_end: int, dates: Sequence[DateMention]) -> DateMention | None:
    for d in dates:
        if d.span.start < span_end and span_start < d.span.end:
            return d
    return None


def period_of(doc: "Doc", figure: Span, dates: Sequence[DateMention], published: dt.date,
              said_on: Period) -> str | None:
    """The ``as_of`` string for the figure at ``figure``, or ``None`` when its clause names no period."""
    number = number_token(doc, figure)
    if number is None:
        return None
    anchors = _clause(number)
    anchors += [c for c in anchors[-1].children if c.dep_ == "conj"]  # "killed or wounded in the past day"
    ids = {t.i for t in anchors}
    # "In the past day alone, 300 people fled, it said": a fronted phrase the parser hangs from "said".
    above = anchors[-1].head
    fronted = {above.i} if above.i != anchors[-1].i and above.pos_ in ("VERB", "AUX") else set()
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ == "since":
                tokens = list(child.subtree)
                d = _date_in(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), dates)
                if d is not None:
                    return f"since {d.period}"
            if child.dep_ == "advmod" and child.lower_ in ("far", "date") or (
                    child.dep_ == "prep" and " ".join(t.lower_ for t in child.subtree) in _SO_FAR):
                phrase = " ".join(t.lower_ for t in child.subtree)
                if phrase in _SO_FAR or f"so {phrase}" in _SO_FAR:
                    return str(said_on)
    for ent in number.sent.ents:  # the figure's sentence only: linear in the text
        root = ent.root
        attached = {root.head.i} | ({root.head.head.i} if root.head.dep_ == "prep" else set())
        if ent.label_ != "DATE" or not (attached & ids or (attached & fronted and ent.end_char <= figure.start)):
            continue
        words = ent.text.strip()
        alone = any(t.lower_ == "alone" for t in ent.root.head.children) or any(
            t.lower_ == "alone" for t in ent.subtree) or any(t.lower_ == "alone" for t in ent.root.children)
        past = _PAST.match(words)
        if past:
            unit = past.group("unit").lower()
            n = past.group("n")
            count = int(n) if n and n.isdigit() else _COUNTS.get(n or "", 1)
            days = count * (7 if unit.startswith("week") else 1)
            return _window(published - dt.timedelta(days=1), days)
        if alone:
            d = _date_in(ent.start_char, ent.end_char, dates)
            if d is None:
                continue
            if _WEEK_TO.search(words) and d.period.is_day:
                return _window(d.period.start, 7)
            return f"during {d.period}"
    return None
