"""Sources and claims: who said what, when, about what, and how sure they were.

A :class:`Claim` is either a *figure* (a measure of a subject with an :class:`~reconcile.figures.quantity.Estimate`)
or a *statement* (a proposition about a subject with a polarity: "troops were withdrawn from the front",
true or false). Both carry the source, the attribution chain it reached us through (``via``: NIS official
→ AFP → Kyiv Independent), the date it was said, the date the figure refers to (``as_of``, defaulting to
the date said), the quote, and a verification status.

Build claims with the named constructors:

>>> nis = Source("nis", "South Korea National Intelligence Service", "intelligence-agency")
>>> c = Claim.figure("nis-killed", nis, "killed", "at least 300", subject="nk-troops-kursk",
...                  said_on="2025-01-13")
>>> c.estimate.describe(), c.as_of.describe()
('at least 300', '2025-01-13')
"""

from __future__ import annotations

import re
from enum import Enum
from fractions import Fraction
from functools import lru_cache
from typing import Any, Iterable

import attrs

from .errors import ClaimError, ReconcileError
from .figures.dates import Period
from .figures.numeric import to_json_number
from .figures.parsing import parse_hedged_fraction, parse_value
from .figures.quantity import DEFAULT_OPTIONS, HEDGE_WORDS, Estimate, Hedge, Number, ParseOptions, Portion
from .figures.slots import slot_setters
from .measures import DEFAULT_MEASURES, MeasureRegistry

__all__ = ["Status", "Source", "Claim", "claim_sort_key"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:+/~-]*$")
_ID_EXPECTED = "an id of letters, digits and - _ . : + / ~, starting with a letter or digit"


class Status(str, Enum):
    """How far a claim has been checked."""

    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    DISPUTED = "disputed"
    RETRACTED = "retracted"

    def __str__(self) -> str:
        return self.value


def _check_id(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise ClaimError(f"invalid {attribute.name}", text=repr(value), field=attribute.name, expected=_ID_EXPECTED)


@attrs.frozen
class Source:
    """Who made a claim: an id unique within a story, a display name and a type (official, news-agency, ...)."""

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(default="", eq=False)
    type: str = attrs.field(default="unknown", eq=False)

    @property
    def label(self) -> str:
        return self.name or self.id

    @classmethod
    def of(cls, value: "Source | str") -> "Source":
        """A :class:`Source` from itself or from a bare id."""
        return value if isinstance(value, Source) else cls(value)


# The converters below return a value already of the right type as it is, first: a claim file builds a million
# claims from values the reader has already made (issue 12); anything else is converted as before.


def _source(value: "Source | str") -> Source:
    return value if type(value) is Source else Source.of(value)


def _sources(values: Iterable["Source | str"]) -> tuple[Source, ...]:
    if type(values) is tuple and not values:
        return ()
    if isinstance(values, (str, Source)):
        values = [values]
    return tuple(Source.of(v) for v in values)


def _ids(values: Iterable[str]) -> tuple[str, ...]:
    if type(values) is tuple:
        return values
    if isinstance(values, str):
        values = [values]
    return tuple(values)


def _status(value: "Status | str") -> Status:
    return value if type(value) is Status else Status(value)


def _hedge(value: "Hedge | str") -> Hedge:
    return value if type(value) is Hedge else Hedge(value)


@lru_cache(maxsize=1 << 16)
def _period_of_text(text: str) -> Period:
    # A claim file names few distinct dates, and a Period is immutable: each string is read once (issue 12).
    return Period.parse(text)


def _period(value: Any) -> Period:
    if type(value) is Period:
        return value
    return _period_of_text(value) if isinstance(value, str) else Period.parse(value)


def _optional_period(value: Any) -> Period | None:
    return None if value is None else _period(value)


@attrs.frozen
class Claim:
    """One claim. Figures have ``measure`` and ``estimate``; statements have ``proposition`` and ``polarity``.

    ``derived_from`` and ``rule`` are set on claims computed from others — by a rule of the reconciler,
    or at load time for a figure given as a fraction of another claim (rule ``fraction``, with the
    ``fraction`` of ``derived_from[0]`` it is, and ``fraction_hedge`` when the source hedged it: "nearly
    half of whom").

    ``corrects`` names claims this one corrects ("revised down from 70 to 61 after double counting"): they are
    superseded, and a lower figure here is a revision, not a contradiction. ``origin`` is who first made the
    claim when that is not ``source`` (two wires quoting one ministry: set it to the ministry's id); by default
    the origin is the source, whatever the relays — see :attr:`origin_id`. ``measure_word`` is the word the
    source used for the measure when it is a synonym ("deaths" for killed), so explanations quote it.
    """

    id: str = attrs.field(validator=_check_id)
    source: Source = attrs.field(converter=_source)
    subject: str = attrs.field(validator=attrs.validators.instance_of(str))
    said_on: Period = attrs.field(converter=_period)
    as_of: Period = attrs.field(converter=_optional_period, default=None)
    measure: str | None = None
    estimate: Estimate | None = None
    proposition: str | None = None
    polarity: bool | None = None
    denies: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    via: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    quote: str = ""
    status: Status = attrs.field(default=Status.UNVERIFIED, converter=_status)
    derived_from: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    rule: str | None = None
    fraction: Fraction | None = None
    fraction_hedge: Hedge = attrs.field(default=Hedge.PLAIN, converter=_hedge)
    # -- issue 10: corrections, one origin one voice, the source's own measure word --
    corrects: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    origin: str | None = None
    measure_word: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.as_of is None:
            object.__setattr__(self, "as_of", self.said_on)
        if self.said_on.is_window:  # issue 11: "since"/"during" say what a figure counts, not when it was said
            raise ClaimError("said_on is a date, not a window", claim_id=self.id, field="said_on",
                             text=str(self.said_on), expected="a date or period such as 2025-05-20 or 2025-05")
        if self.as_of.open_end:  # "since 2025-03": counted up to the date said
            try:
                object.__setattr__(self, "as_of", self.as_of.closed_at(self.said_on))
            except ReconcileError as err:
                raise err.located(claim_id=self.id, field="as_of") from err
        if not self.subject.strip():
            raise ClaimError("empty subject", claim_id=self.id, field="subject", expected="what the claim is about")
        figure = self.measure is not None or self.estimate is not None
        statement = self.proposition is not None or self.polarity is not None
        if figure and statement:
            raise ClaimError("a claim is a figure or a statement, not both", claim_id=self.id,
                             field="proposition", expected="either measure and value, or proposition and polarity")
        if figure and (self.measure is None or self.estimate is None):
            missing = "measure" if self.measure is None else "value"
            raise ClaimError(f"a figure needs a {missing}", claim_id=self.id, field=missing,
                             expected="both a measure and a value")
        if statement and (self.proposition is None or not isinstance(self.polarity, bool)):
            missing = "proposition" if self.proposition is None else "polarity"
            raise ClaimError(f"a statement needs a {missing}", claim_id=self.id, field=missing,
                             expected="a proposition and a polarity of true or false")
        if not figure and not statement:
            raise ClaimError("a claim needs a figure or a statement", claim_id=self.id, field="measure",
                             expected="measure and value, or proposition and polarity")
        if self.estimate is not None and not isinstance(self.estimate, Estimate):
            raise ClaimError("estimate must be an Estimate", claim_id=self.id, field="value",
                             text=repr(self.estimate), expected="an Estimate (use Claim.figure to parse text)")
        if self.id in self.denies:
            raise ClaimError("a claim cannot deny itself", claim_id=self.id, field="denies",
                             expected="ids of other claims")
        if self.id in self.corrects:
            raise ClaimError("a claim cannot correct itself", claim_id=self.id, field="corrects",
                             expected="ids of other claims")

    # -- named constructors -------------------------------------------------------------------------
    @classmethod
    def figure(
        cls,
        id: str,
        source: Source | str,
        measure: str,
        value: "str | Estimate | Number",
        *,
        subject: str,
        said_on: Any,
        as_of: Any = None,
        via: Iterable[Source | str] = (),
        quote: str = "",
        status: Status | str = Status.UNVERIFIED,
        measures: MeasureRegistry = DEFAULT_MEASURES,
        options: ParseOptions = DEFAULT_OPTIONS,
        corrects: Iterable[str] = (),
        origin: str | None = None,
    ) -> "Claim":
        """A figure claim. ``measure`` may be a synonym ("deaths"); ``value`` is parsed as news writes it
        and put in the measure's unit. For "two-thirds of <another claim>", use :meth:`portion_of`."""
        try:
            resolved = measures.resolve(measure)
            estimate = _to_estimate(value, resolved.unit, options)
        except ReconcileError as err:
            field = "measure" if err.field is None and "measure" in type(err).__name__.lower() else "value"
            raise err.located(claim_id=id, field=field) from err
        return cls(id, source, subject, said_on, as_of, measure=resolved.name, estimate=estimate, via=via,
                   quote=quote, status=status, corrects=corrects, origin=origin,
                   measure_word=measure if measure != resolved.name else None)

    @classmethod
    def statement(
        cls,
        id: str,
        source: Source | str,
        proposition: str,
        polarity: bool = True,
        *,
        subject: str,
        said_on: Any,
        as_of: Any = None,
        denies: Iterable[str] = (),
        via: Iterable[Source | str] = (),
        quote: str = "",
        status: Status | str = Status.UNVERIFIED,
        origin: str | None = None,
    ) -> "Claim":
        """A qualitative claim: ``proposition`` holds (``polarity=True``) or does not."""
        return cls(id, source, subject, said_on, as_of, proposition=proposition, polarity=polarity, denies=denies,
                   via=via, quote=quote, status=status, origin=origin)

    @classmethod
    def portion_of(
        cls,
        whole: "Claim",
        fraction: "str | Fraction",
        *,
        id: str,
        measure: str,
        quote: str = "",
        measures: MeasureRegistry = DEFAULT_MEASURES,
        **overrides: Any,
    ) -> "Claim":
        """A figure given as a fraction of another claim's figure ("4,000 casualties, two-thirds of whom
        killed"; hedged: "nearly half", "more than a third"): same source, dates and subject as ``whole``
        unless overridden."""
        if whole.estimate is None:
            raise ClaimError("a fraction of a statement", claim_id=id, field="value", text=whole.id,
                             expected="a fraction of a figure claim")
        hedged = parse_hedged_fraction(fraction) if isinstance(fraction, str) else (Fraction(fraction), Hedge.PLAIN)
        frac, hedge = hedged if hedged is not None else (None, Hedge.PLAIN)
        if frac is None or not 0 <= frac <= 1:
            raise ClaimError("not a fraction between 0 and 1", claim_id=id, field="value", text=str(fraction),
                             expected="a fraction such as 'two-thirds' or '40%'")
        resolved = measures.resolve(measure)
        text = f"{fraction} of {whole.id}" if isinstance(fraction, str) else f"{frac} of {whole.id}"
        estimate = Portion(frac, whole.id, text, hedge).resolve(whole.estimate).to(resolved.unit)
        fields: dict[str, Any] = {
            "source": whole.source, "subject": whole.subject, "said_on": whole.said_on, "as_of": whole.as_of,
            "via": whole.via, "status": whole.status, "origin": whole.origin,
        }
        fields.update(overrides)
        if measure != resolved.name:
            fields.setdefault("measure_word", measure)
        return cls(id=id, measure=resolved.name, estimate=estimate, quote=quote, derived_from=(whole.id,),
                   rule="fraction", fraction=frac, fraction_hedge=hedge, **fields)

    # -- reading --------------------------------------------------------------------------------------
    @property
    def fraction_text(self) -> str:
        """The fraction this claim is of ``derived_from[0]``, hedge first ("nearly 1/2", "2/3"); "" if none."""
        return "" if self.fraction is None else f"{HEDGE_WORDS[self.fraction_hedge]}{self.fraction}"

    @property
    def is_figure(self) -> bool:
        return self.estimate is not None

    @property
    def is_derived(self) -> bool:
        return bool(self.derived_from)

    @property
    def topic(self) -> str:
        """The measure or the proposition: what the claim is about within its subject."""
        if self.measure is not None:
            return self.measure
        assert self.proposition is not None  # __attrs_post_init__: a claim that is not a figure is a statement
        return self.proposition

    @property
    def origin_id(self) -> str:
        """Who first made the claim: ``origin`` when set, else the source. Claims of one origin are one voice:
        relays of one statement never corroborate each other."""
        return self.origin if self.origin is not None else self.source.id

    @property
    def measure_said(self) -> str:
        """The measure in the source's own word ("deaths"), else the measure's name; "" for a statement."""
        return self.measure_word or self.measure or ""

    def attribution(self) -> str:
        """``NIS via AFP via Kyiv Independent``."""
        return " via ".join(s.label for s in (self.source, *self.via))

    def describe(self) -> str:
        """One line: who, when, what."""
        if self.estimate is not None:
            what = f"{self.measure} {self.estimate.describe()}"
        else:
            what = f"{'' if self.polarity else 'not '}{self.proposition}"
        when = self.as_of.describe()
        said = "" if self.as_of == self.said_on else f", said {self.said_on.describe()}"
        return f"{what} ({self.attribution()}, {when}{said})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON-safe form used by reports and graph exports (see ``reconcile/report/schema.json``); a
        figure's low, best, high, unit and hedge are its estimate's :meth:`~Estimate.to_dict`.

        Made in one step: a report writes one per claim (``_value_`` is an enum's value without the descriptor;
        a period read from text is that text, ``str(period)``'s first answer, without the call)."""
        e = self.estimate
        via = [s.id for s in self.via] if self.via else []
        said_on, as_of = self.said_on.text or str(self.said_on), self.as_of.text or str(self.as_of)
        if e is None:
            return {"id": self.id, "source": self.source.id, "via": via, "subject": self.subject,
                    "proposition": self.proposition, "said_on": said_on, "as_of": as_of, "low": None, "best": None,
                    "high": None, "unit": None, "hedge": None, "polarity": self.polarity,
                    "status": self.status._value_, "derived_from": [*self.derived_from], "rule": self.rule}
        low, best, high = e.low, e.best, e.high  # most are ints or None, written as they are without a call
        return {"id": self.id, "source": self.source.id, "via": via, "subject": self.subject,
                "measure": self.measure, "said_on": said_on, "as_of": as_of,
                "low": low if type(low) is int or low is None else to_json_number(low),
                "best": best if type(best) is int or best is None else to_json_number(best),
                "high": high if type(high) is int or high is None else to_json_number(high),
                "unit": e.unit, "hedge": e.hedge._value_, "polarity": None, "status": self.status._value_,
                "derived_from": [*self.derived_from], "rule": self.rule}


_CLAIM_SLOTS = ("id", "source", "subject", "said_on", "as_of", "measure", "estimate", "proposition", "polarity",
                "denies", "via", "quote", "status", "derived_from", "rule", "fraction", "fraction_hedge", "corrects",
                "origin", "measure_word")
(_set_id, _set_source, _set_subject, _set_said_on, _set_as_of, _set_measure, _set_estimate, _set_proposition,
 _set_polarity, _set_denies, _set_via, _set_quote, _set_status, _set_derived_from, _set_rule, _set_fraction,
 _set_fraction_hedge, _set_corrects, _set_origin, _set_measure_word) = slot_setters(Claim, _CLAIM_SLOTS)
_new = object.__new__
_PLAIN = Hedge.PLAIN


def trusted_claim(id: str, source: Source, subject: str, said_on: Period, as_of: Period, measure: str | None,
                  estimate: Estimate | None, proposition: str | None, polarity: bool | None, denies: tuple[str, ...],
                  via: tuple[Source, ...], quote: str, status: Status, corrects: tuple[str, ...], origin: str | None,
                  measure_word: str | None) -> Claim:
    """The claim ``Claim(...)`` builds from these values, without its converters and checks, for a reader
    that has checked every one itself (scenarios/rows.py): a valid id; a :class:`Source`, :class:`Period`,
    :class:`Status` and tuples as the converters make them; a non-blank subject; ``said_on`` not a window and
    ``as_of`` given and closed (``as_of`` defaults to ``said_on``); either a measure (its name) and an
    :class:`Estimate`, or a proposition and a bool; an id neither in ``denies`` nor in ``corrects``. Not derived.
    Loading a million claims, attrs' checks cost as much as reading them (tests/test_claims.py compares the two)."""
    self = _new(Claim)
    _set_id(self, id)
    _set_source(self, source)
    _set_subject(self, subject)
    _set_said_on(self, said_on)
    _set_as_of(self, as_of)
    _set_measure(self, measure)
    _set_estimate(self, estimate)
    _set_proposition(self, proposition)
    _set_polarity(self, polarity)
    _set_denies(self, denies)
    _set_via(self, via)
    _set_quote(self, quote)
    _set_status(self, status)
    _set_derived_from(self, ())
    _set_rule(self, None)
    _set_fraction(self, None)
    _set_fraction_hedge(self, _PLAIN)
    _set_corrects(self, corrects)
    _set_origin(self, origin)
    _set_measure_word(self, measure_word)
    return self


def _to_estimate(value: "str | Estimate | Number", unit: str, options: ParseOptions) -> Estimate:
    if isinstance(value, Estimate):
        return value.to(unit)
    if isinstance(value, (int, float, Fraction)) and not isinstance(value, bool):
        return Estimate.exact(value, unit)
    if not isinstance(value, str):
        raise ClaimError("value must be text or a number", text=repr(value), field="value",
                         expected="a figure such as 'at least 300'")
    parsed = parse_value(value, unit=unit, options=options)
    if isinstance(parsed, Portion):
        raise ClaimError("a fraction of another claim", text=value, field="value",
                         expected="Claim.portion_of(whole, fraction, ...), or a scenario file that names the claim")
    return parsed


def claim_sort_key(claim: Claim) -> tuple[int, int, str]:
    """Time order, then id: the order rules see claims in and reports list them in."""
    start, end = claim.as_of.sort_key
    return (start, end, claim.id)
