"""One pass over one article: :class:`_Reader` turns its sentences into drafts of claims, then the drafts into
claims, for :func:`~reconcile.extraction.pipeline.extract` (the rules it follows are listed there).

Kept apart from the public API and its results (:mod:`reconcile.extraction.pipeline`,
:mod:`reconcile.extraction.results`): this is the extractor's working state, mutable and private to one article.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Sequence

import attrs

from ..claims import Claim, Source, Status
from ..errors import ReconcileError
from ..figures.dates import Period
from ..figures.parsing import parse_figure
from ..measures import MeasureRegistry
from .dates import DateMention, find_dates
from .entities import Entity, EntityRegistry
from .figures import FigureMention, Ignored, find_figures
from .numbers import digits
from .periods import period_of
from .parse import Reading, listed_numbers, read_figure
from .results import ClaimSpans, Extraction, Unclassified
from .sources import Cue, cue_for, find_cues, find_outlet, find_status
from .statements import Proposition, PropositionMention, find_propositions
from .subjects import Subjects
from .text import Sentence, Span, slug, split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["DENY_WINDOW"]

# "the U.N. refugee agency": a parent organisation's initials, then what the agency does, in lower case.
_PARENT_DESCRIPTION = re.compile(r"^(?:the\s+)?(?P<parent>U\.N\.|UN)\s+(?P<what>(?:[a-z]+\s+)*[a-z]+)$")
_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")
_GENERIC_BODIES = frozenset({"agency", "body", "office", "organisation", "organization", "mission", "envoy"})
DENY_WINDOW = 16  # a denial links to at most this many earlier claims it contradicts (keeps the work linear)
_STATUS = {"unverified": Status.UNVERIFIED, "verified": Status.VERIFIED, "disputed": Status.DISPUTED,
           "retracted": Status.RETRACTED}
_NOTES = {"unverified": "unverified", "verified": "verified", "disputed": "disputed", "retracted": "retracted",
          "no-comment": "no comment"}


@attrs.define(eq=False)  # identity: drafts are looked up by object
class _Draft:
    """A claim being assembled (mutable while the article is read)."""

    sentence: Sentence
    span: Span
    source: Entity
    via: list[Entity]
    subject: str
    said_on: Period
    cue: Cue | None
    measure: str | None = None
    value: str = ""
    as_of: Period | None = None
    whole: "_Draft | None" = None
    proposition: str | None = None
    polarity: bool = True
    denies: list["_Draft"] = attrs.Factory(list)
    status: Status = Status.UNVERIFIED
    notes: list[str] = attrs.Factory(list)
    mentions: list[Span] = attrs.Factory(list)
    date_span: Span | None = None
    period: str | None = None
    id: str = ""

    @property
    def background(self) -> bool:
        return self.cue is None


class _Reader:
    """One pass over one article."""

    def __init__(self, text: str, published: dt.date, subject: str | None, outlet: str | None,
                 propositions: Sequence[Proposition], measures: MeasureRegistry, doc: "Doc") -> None:
        self.text, self.published, self.measures, self.propositions = text, published, measures, propositions
        self.doc = doc
        self.registry = EntityRegistry()
        self.outlet = self._outlet(outlet)
        self.subjects = Subjects(text, subject)
        self.drafts: list[_Draft] = []
        self.unclassified: list[tuple[FigureMention, Sentence, Entity | None]] = []
        self.ignored: list[Ignored] = []
        self.merge_key: dict[tuple, _Draft] = {}
        self.by_source: dict[str, list[_Draft]] = {}   # claims not yet given a note about their source's claims
        self.statements: dict[str, list[_Draft]] = {}  # per proposition, for denials
        self.last_with_claims: tuple[int, list[_Draft]] | None = None  # (paragraph, drafts of that sentence)
        self.paragraph_start: dict[int, int] = {}
        self.described: list[tuple[Span, str, str]] = []  # (figure, "U.N.", "refugee agency"), see _named_later

    def _outlet(self, name: str | None) -> Entity | None:
        if name:
            entity = self.registry.resolve(name)
            if entity is None or entity.person:
                entity = self.registry.add(Entity(slug(name) or "outlet", name, "newspaper"), [name])
            return entity
        return find_outlet(self.text, self.registry)

    def _background_source(self) -> Entity:
        if self.outlet is None:
            self.outlet = self.registry.add(Entity("outlet", "the publishing outlet (not named in the text)",
                                                   "newspaper"), [])
        return self.outlet

    # -- reading --------------------------------------------------------------------------------------------
    def run(self) -> Extraction:
        dates = find_dates(self.text, self.published)
        cursor = 0
        for sentence in split_sentences(self.text):
            self.paragraph_start.setdefault(sentence.paragraph, sentence.start)
            while cursor < len(dates) and dates[cursor].span.end <= sentence.start:
                cursor += 1
            stop = cursor
            while stop < len(dates) and dates[stop].span.start < sentence.end:
                stop += 1
            self._sentence(sentence, dates[cursor:stop])
        return self._finish()

    def _sentence(self, sentence: Sentence, dates: Sequence[DateMention]) -> None:
        text = self.text
        figures, ignored = find_figures(text, sentence.start, sentence.end, [d.span for d in dates],
                                        measures=self.measures)
        self.ignored.extend(ignored)
        taken = [f.span for f in figures] + [i.span for i in ignored] + [d.span for d in dates]
        listed = listed_numbers(self.doc, sentence.span, [f.span for f in figures], taken)
        figures = sorted(figures + [FigureMention(span, digits(span.of(text)), None, "no measure word near the figure")
                                    for span in listed], key=lambda f: f.span.start)
        props = find_propositions(text, sentence.start, sentence.end, self.propositions)
        known = {e.id for e in self.registry}
        cues = find_cues(text, sentence, dates, self.registry)
        made: list[_Draft] = []
        whole: _Draft | None = None
        for fig in figures:
            cue = cue_for(cues, fig.span)
            source = cue.entity if cue is not None and cue.entity is not None else self._background_source()
            reading = None if fig.portion else read_figure(self.doc, fig.span, self.measures)
            if reading is not None:
                if reading.change:
                    self.ignored.append(Ignored(fig.span, "a change ('rose by 400'), not a figure"))
                    continue
                fig = self._parsed_measure(fig, reading)
                parsed = self._parsed_source(reading, source, source.id in known)
                described = _PARENT_DESCRIPTION.match(reading.speaker or "")
                if described:
                    self.described.append((fig.span, described.group("parent"), described.group("what")))
                # "Reuters reported, citing a Ukrainian official, that": the subject relays (via), the official says.
                source = source if cue is not None and parsed in cue.via else parsed
            if cue is not None and cue.negates and fig.measure is not None:
                # "denied that 300 soldiers were killed": the speaker says the figure is wrong, not what it is.
                reason = f"a figure {source.name} denies"
                self.unclassified.append((attrs.evolve(fig, reason=reason), sentence, source))
                continue
            if fig.measure is None or (fig.portion and whole is None):
                reason = fig.reason or "a fraction with no figure before it to be a fraction of"
                self.unclassified.append((attrs.evolve(fig, reason=reason), sentence, source))
                continue
            # "according to the UN and ACLED": each source makes the claim.
            for speaker in (source, *(cue.also if cue is not None else ())):
                merged = self._figure(sentence, fig, speaker, cue, dates, figures, whole)
                if merged is None:
                    break
                if not fig.portion:
                    whole = merged  # a later "two-thirds of whom" is a fraction of the claim this figure is
                made.append(merged)
        for prop in props:
            made.append(self._statement(sentence, prop, cues, dates))
        self._status(sentence, made)
        if made:
            self.last_with_claims = (sentence.paragraph, made)

    def _parsed_measure(self, fig: FigureMention, reading: Reading) -> FigureMention:
        """The figure with the measure its parse names where the words next to it named none, or where
        "respectively" pairs it with a measure word; one that counts things, not people, loses its measure."""
        if reading.bound and fig.text[:1].isdigit():
            # "had exceeded 1,400", "could be as high as 5,740": the verb is the hedge.
            fig = attrs.evolve(fig, text=f"{reading.bound} {fig.text}")
        if reading.things is not None and fig.measure is not None:
            return attrs.evolve(fig, measure=None, reason=f"counts {reading.things}, not people")
        if reading.own_clause and fig.measure is not None and fig.measure_span is not None \
                and fig.measure_span.end <= fig.span.start:
            # "Of the 4,521 people hurt in the blasts, 441 remained in hospital": the measure word before the
            # figure is another clause's; the figure's own verb names none.
            return attrs.evolve(fig, measure=None, reason="its own verb names no measure")
        if reading.respectively and reading.measure is not None:
            return attrs.evolve(fig, measure=reading.measure, reason="")
        if fig.measure is not None or not fig.reason.startswith("no measure"):
            return fig  # the words next to the figure named its measure, or said why it has none
        if reading.earlier:
            fig = attrs.evolve(fig, compared=True)
        measure = reading.measure
        if measure is None and reading.measure_back:
            # "put that number higher, at 2,800": the measure of the last figure claimed.
            measure = next((d.measure for d in reversed(self.drafts) if d.measure is not None), None)
        if measure is None:
            return fig
        return attrs.evolve(fig, measure=measure, reason="")

    def _parsed_source(self, reading: Reading, source: Entity, known: bool) -> Entity:
        """The source the parse names: the subject of the verb of saying; a pronoun or a bare description
        ("he", "it", "the agency", "the study") is the nearest earlier source that fits, unless the attribution
        rules already resolved it to a source named before (``known``: "It said" after "Russia's Defense
        Ministry denied", which made no claim)."""
        if reading.speaker is None:
            return source
        if reading.back_reference:
            if known and source is not self.outlet:
                return source
            person = reading.speaker.lower() in ("he", "she")
            for draft in reversed(self.drafts):
                if draft.source is not self.outlet and draft.source.person == person:
                    return draft.source
            return source
        phrase = reading.speaker
        if phrase.islower() and phrase.split()[0] not in ("the", "a", "an"):
            return self.registry.fallback(phrase)  # "where authorities said": "authorities", a new source
        if not any(w[:1].isupper() for w in phrase.split()[1:]) and phrase[:1].isupper() \
                and not phrase.split()[0].isupper():
            # "State emergency officials": a capital that only starts the sentence names nobody.
            phrase = phrase[0].lower() + phrase[1:]
            if phrase.split()[0] not in ("the", "a", "an"):
                return self.registry.fallback(phrase)
        found = self.registry.resolve(phrase, {"PERSON": True, "ORG": False}.get(reading.label))
        if found is None:
            words = phrase.split()
            return self.registry.fallback(" ".join(words[1:] if words[0].lower() in ("the", "a", "an") else words))
        return found

    def _figure(self, sentence: Sentence, fig: FigureMention, source: Entity, cue: Cue | None,
                dates: Sequence[DateMention], figures: Sequence[FigureMention], whole: _Draft | None,
                ) -> _Draft | None:
        """The claim ``source`` makes with ``fig`` (merged with the same claim made before), or ``None``
        when the figure is left unclassified (an earlier figure the text compares with, undated)."""
        text = self.text
        draft = self._draft(sentence, fig.span, source, cue, dates)
        draft.measure, draft.value = fig.measure, fig.text
        if fig.portion and whole is not None:
            draft.whole = whole
            draft.subject = whole.subject
        else:
            # A date nearer a figure set against this one ("up from 900,000 in 2023") is that figure's.
            others = [f.span for f in figures if f is not fig and (f.compared or fig.compared)]
            self._date_figure(draft, fig, cue, dates, others)
            if fig.compared and draft.as_of is None:
                # "rose to 500 from 300": the earlier figure has no date of its own; as a claim it would
                # stand at the same date as the later one and seem to contradict it.
                reason = "an earlier figure the text compares with, with no date of its own"
                self.unclassified.append((attrs.evolve(fig, reason=reason), sentence, source))
                return None
            draft.period = period_of(self.doc, fig.span, dates, self.published, draft.said_on)
            if fig.measure is not None and self.measures.resolve(fig.measure).unit == "percent":
                start = self.paragraph_start[sentence.paragraph]
                draft.subject = self.subjects.for_area(text, start, sentence.end)
            else:
                counted = (fig.counted.start, fig.counted.end) if fig.counted else None
                draft.subject = self.subjects.for_figure(text, counted, sentence.start, fig.span.start)
        return self._merge(draft, ("figure", draft.source.id, draft.measure, draft.subject, draft.value.lower(),
                                   str(draft.said_on), str(draft.as_of), id(draft.whole) if draft.whole else None))

    def _draft(self, sentence: Sentence, span: Span, source: Entity, cue: Cue | None,
               dates: Sequence[DateMention]) -> _Draft:
        said = cue.date if cue is not None and cue.date is not None else None
        draft = _Draft(sentence, span, source, list(cue.via) if cue else [], self.subjects.main,
                       said.period if said else Period.day(self.published), cue,
                       date_span=said.span if said else None)
        if cue is None:
            draft.notes.append(f"background: no speaker is named; attributed to the publishing outlet, "
                               f"{source.name}")
        return draft

    def _date_figure(self, draft: _Draft, fig: FigureMention, cue: Cue | None, dates: Sequence[DateMention],
                     others: Sequence[Span]) -> None:
        """The date a figure refers to: the date nearest it in its region, other than the date it was said
        and other than a date nearer a figure compared with it ("1.1 million, up from 900,000 in 2023")."""
        best: DateMention | None = None
        for d in dates:
            if d.other_event or (cue is not None and (cue.date is d or not cue.covers(d.span))):
                continue
            if any(_distance(d.span, o) < _distance(d.span, fig.span) for o in others):
                continue
            if best is None or _distance(d.span, fig.span) < _distance(best.span, fig.span):
                best = d
        if best is not None and best.period != draft.said_on:
            draft.as_of = best.period
            draft.date_span = best.span

    def _statement(self, sentence: Sentence, prop: PropositionMention, cues: Sequence[Cue],
                   dates: Sequence[DateMention]) -> _Draft:
        cue = cue_for(cues, prop.span)
        source = cue.entity if cue is not None and cue.entity is not None else self._background_source()
        draft = self._draft(sentence, prop.span, source, cue, dates)
        draft.proposition = prop.slug
        draft.polarity = (not prop.polarity) if cue is not None and cue.negates else prop.polarity
        if cue is not None and cue.denial:
            earlier = [d for d in self.statements.get(prop.slug, ()) if d.polarity != draft.polarity
                       and d.source is not source]
            if cue.reports:
                earlier = [d for d in earlier if d.source.type in ("newspaper", "news-agency")
                           or (d.cue is not None and d.cue.verb.startswith("report"))]
            draft.denies = earlier[-DENY_WINDOW:]
        key = ("statement", source.id, prop.slug, draft.polarity, draft.subject)
        previous = self.merge_key.get(key)
        if previous is not None and (previous.said_on == draft.said_on or draft.cue is None
                                     or draft.cue.date is None):
            # The same claim stated again ("... claimed on Feb. 27." then "... told AFP that ..."): one claim,
            # which gains the chain the later mention names.
            previous.mentions.append(prop.span)
            previous.via.extend(e for e in draft.via if e not in previous.via)
            return previous
        self.merge_key[key] = draft
        self.drafts.append(draft)
        self.statements.setdefault(prop.slug, []).append(draft)
        self.by_source.setdefault(source.id, []).append(draft)
        return draft

    def _merge(self, draft: _Draft, key: tuple) -> _Draft:
        previous = self.merge_key.get(key)
        if previous is not None:
            previous.mentions.append(draft.span)
            return previous
        self.merge_key[key] = draft
        self.drafts.append(draft)
        self.by_source.setdefault(draft.source.id, []).append(draft)
        return draft

    def _status(self, sentence: Sentence, made: list[_Draft]) -> None:
        notes = find_status(self.text, sentence, self.registry)
        for note in notes:
            if note.by is not None:
                targets = self.by_source.pop(note.by.id, [])
                self.by_source[note.by.id] = []
            elif made:
                targets = made
            elif self.last_with_claims and (self.last_with_claims[0] == sentence.paragraph or note.names_claims):
                # "..., which could not be verified": the claims just made; "X dismissed the reports" in a
                # later paragraph: the last claims made, wherever they are.
                targets = self.last_with_claims[1]
            else:
                targets = []
            words = " ".join(note.text.split())
            for draft in dict.fromkeys(targets):
                if note.kind in _STATUS:
                    draft.status = _STATUS[note.kind]
                draft.notes.append(f"{_NOTES[note.kind]}: the article says \"{words}\"")

    # -- building claims ------------------------------------------------------------------------------------
    def _named_later(self) -> None:
        """"the U.N. refugee agency said" ... "UNHCR spokesperson NAME": a parent's agency described by what it
        does is the acronym the article names, when the acronym starts with the parent's initials and holds the
        initials of the description's words in order (UN-H-C-R holds the R of "refugee")."""
        for span, parent, what in self.described:
            prefix = parent.replace(".", "").lower()
            letters = [w[0] for w in what.lower().split() if w not in _GENERIC_BODIES]
            matches = []
            for name in dict.fromkeys(_ACRONYM.findall(self.text)):  # named anywhere, even only as a title
                if not name.lower().startswith(prefix):
                    continue
                rest = iter(name.lower()[len(prefix):])
                if letters and all(letter in rest for letter in letters):
                    matches.append(name)
            if len(matches) == 1:
                entity = self.registry.alias(matches[0]) or self.registry.resolve(matches[0], False)
                for draft in self.drafts:
                    if entity is not None and draft.span == span and draft.source.id == prefix:
                        draft.source = entity

    def _finish(self) -> Extraction:
        self._named_later()
        taken: dict[str, int] = {}
        claims: list[Claim] = []
        spans: list[ClaimSpans] = []
        built: dict[int, Claim] = {}
        for draft in self.drafts:
            what = draft.measure or f"{'' if draft.polarity else 'not-'}{draft.proposition or ''}"
            base = f"{draft.source.id}-{what}"
            taken[base] = taken.get(base, 0) + 1
            draft.id = base if taken[base] == 1 else f"{base}-{taken[base]}"
        failed: list[tuple[_Draft, str]] = []
        for draft in self.drafts:
            try:
                claim = self._claim(draft, built)
            except ReconcileError as err:
                failed.append((draft, err.message))
                continue
            built[id(draft)] = claim
            claims.append(claim)
            spans.append(ClaimSpans(draft.id, draft.sentence.span, draft.span,
                                    draft.cue.span if draft.cue else None, draft.date_span, draft.background,
                                    tuple(draft.notes), tuple(draft.mentions), draft.period))
        unclassified = [self._unclassified(fig, sentence, source) for fig, sentence, source in self.unclassified]
        for draft, message in failed:
            unclassified.append(Unclassified(draft.span.of(self.text), draft.span, draft.sentence.span,
                                             f"not read as a figure: {message}", draft.source.id))
        unclassified.sort(key=lambda u: u.span)
        sources: dict[str, Source] = {}
        for c in claims:
            for s in (c.source, *c.via):
                sources.setdefault(s.id, s)
        return Extraction(tuple(claims), tuple(sources.values()), tuple(spans), tuple(unclassified),
                          tuple(self.ignored), self.subjects.main,
                          self.outlet.source() if self.outlet is not None else None, Period.day(self.published))

    def _claim(self, draft: _Draft, built: dict[int, Claim]) -> Claim:
        quote = draft.sentence.text(self.text)
        via = [e.source() for e in draft.via]
        if draft.proposition is not None:
            denies = [d.id for d in draft.denies if id(d) in built]
            return Claim.statement(draft.id, draft.source.source(), draft.proposition, draft.polarity,
                                   subject=draft.subject, said_on=draft.said_on, denies=denies, via=via,
                                   quote=quote, status=draft.status)
        if draft.measure is None:
            raise ReconcileError("a figure with no measure")  # never: only figures with a measure are drafted
        if draft.whole is not None:
            whole = built.get(id(draft.whole))
            if whole is None:
                raise ReconcileError("a fraction of a figure that could not be read")
            return Claim.portion_of(whole, draft.value, id=draft.id, measure=draft.measure,
                                    quote=quote, measures=self.measures, status=draft.status)
        return Claim.figure(draft.id, draft.source.source(), draft.measure, draft.value,
                            subject=draft.subject, said_on=draft.said_on, as_of=draft.as_of, via=via, quote=quote,
                            status=draft.status, measures=self.measures)

    def _unclassified(self, fig: FigureMention, sentence: Sentence, source: Entity | None) -> Unclassified:
        estimate = None
        if not fig.portion:
            try:
                estimate = parse_figure(fig.text)
            except ReconcileError:
                estimate = None
        return Unclassified(fig.span.of(self.text), fig.span, sentence.span, fig.reason,
                            source.id if source is not None else None, estimate)


def _distance(a: Span, b: Span) -> int:
    return max(a.start - b.end, b.start - a.end, 0)
