"""Discrepancy reports: where a story's sources disagree, by how much, why, and what range the evidence supports.

A :class:`Report` is made from a :class:`~reconcile.engine.runner.Reconciliation` (or a scenario) and writes
the same content as Markdown (:meth:`Report.to_markdown`), one self-contained HTML page
(:meth:`Report.to_html`, also shown by Jupyter through ``_repr_html_``), JSON (:meth:`Report.to_json`, the
stable contract described by ``reconcile/report/schema.json``) and pandas tables (:meth:`Report.to_dataframe`).

Sections, in order (the report reads top-down): a few plain sentences a journalist could paste ("In brief");
the contents; the discrepancies between figures, strongest and most severe first, each with its chart beside
it; the estimates (low / best / high per subject, measure and date); the figures over time, one chart per
family of measures; qualitative disagreements, and the statements no one contradicts; other findings; the
graph of claims linked by findings; derived figures; unverified and single-source claims; every claim with
its quote; the sources; the documents. Every claim id, source and document is a link within the page.

>>> from reconcile import Claim, reconcile
>>> r = reconcile([Claim.figure("a", "un", "killed", "1,200", subject="x", said_on="2024-05-01"),
...                Claim.figure("b", "ngo", "killed", "at least 5,000", subject="x", said_on="2024-05-01")])
>>> report = Report.from_reconciliation(r, scenario="x", title="Example")
>>> [f.kind for f in report.discrepancies]
['disjoint']
>>> report.to_markdown().splitlines()[0]
'# Example'
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterable

import attrs

from ..claims import Claim, Source, Status
from ..engine.estimates import SourceReliability, Summary, reliability, summarize
from ..engine.consistency import INCONSISTENT_SET
from ..engine.reconciliation import Reconciliation
from ..figures.dates import Period
from ..figures.numeric import counted
from ..figures.quantity import Estimate, Number, format_number
from ..findings import Finding, Relation, Strength
from ..settings import Settings
from .document import (Block, Bullets, Chart, GraphDrawing, Heading, Paragraph, Quote, Side, Span, Table, anchor_id,
                       code, link, render_markdown, strong)
from .prose import headline, sentence

if TYPE_CHECKING:
    from ..scenarios.model import Scenario

__all__ = ["Report", "schema", "SCHEMA_FILE"]

SCHEMA_FILE = "schema.json"
OPEN = "open"  # how an open bound reads in tables (JSON writes null)


def _sources(values: Iterable[Source]) -> tuple[Source, ...]:
    # A named converter rather than ``converter=tuple``: type checkers cannot tell what the generic
    # ``tuple`` takes and so reject every argument given for the field.
    return tuple(values)


def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every :meth:`Report.to_json` document satisfies."""
    return json.loads(resources.files("reconcile.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


@attrs.frozen(repr=False)
class Report:
    """The discrepancy report of one reconciled story.

    ``scenario`` is the story's slug, ``title`` its headline, ``sources`` the sources with their names (those
    the claims name but ``sources`` lacks are added in claim order), ``published`` the date of the article
    the claims come from, if any, ``documents`` the articles' files (as the scenario names them).

    >>> from reconcile import Claim, reconcile
    >>> r = reconcile([Claim.figure("a", "un", "killed", "300", subject="x", said_on="2024-05-01")])
    >>> Report.from_reconciliation(r, scenario="x").to_dict()["claims"][0]["best"]
    300
    """

    result: Reconciliation
    scenario: str = ""
    title: str = ""
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    published: Period | None = None
    documents: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    summaries: tuple[Summary, ...] = attrs.field(init=False, eq=False, repr=False)
    reliability: tuple[SourceReliability, ...] = attrs.field(init=False, eq=False, repr=False)
    # Indexes built once, so every section stays linear in the number of claims and findings.
    _by_id: dict[str, Claim] = attrs.field(init=False, eq=False, repr=False)
    _sources_by_id: dict[str, Source] = attrs.field(init=False, eq=False, repr=False)
    _touching: dict[str, tuple[Finding, ...]] = attrs.field(init=False, eq=False, repr=False)
    _restated_by_id: dict[int, Finding] | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        known = {s.id: s for s in self.sources}
        for c in self.result.claims:  # every source a claim names gets a row, given names first
            for s in (c.source, *c.via):
                known.setdefault(s.id, s)
        object.__setattr__(self, "sources", tuple(known.values()))
        object.__setattr__(self, "_sources_by_id", known)
        if not self.title:
            object.__setattr__(self, "title", f"Discrepancy report: {self.scenario}" if self.scenario
                               else "Discrepancy report")
        object.__setattr__(self, "summaries", tuple(summarize(self.result)))
        object.__setattr__(self, "reliability", tuple(reliability(self.result)))
        object.__setattr__(self, "_by_id", {c.id: c for c in self.result.claims})
        touching: dict[str, list[Finding]] = defaultdict(list)
        for f in self.result.findings:
            for i in dict.fromkeys(f.claims):
                touching[i].append(f)
        object.__setattr__(self, "_touching", {i: tuple(fs) for i, fs in touching.items()})

    def __repr__(self) -> str:  # the whole Reconciliation would fill a notebook cell
        return (f"Report({self.scenario!r}: {len(self.claims)} claims, {len(self.findings)} findings, "
                f"{len(self.discrepancies)} discrepancies)")

    # -- constructors -----------------------------------------------------------------------------------
    @classmethod
    def from_reconciliation(cls, result: Reconciliation, *, scenario: str = "", title: str = "",
                            sources: Iterable[Source] = (), published: Period | str | None = None,
                            documents: Iterable[str] = ()) -> "Report":
        """A report of ``result``; ``scenario`` (a slug) and ``title`` only label it."""
        return cls(result, scenario, title, tuple(sources), None if published is None else Period.parse(published),
                   tuple(documents))

    @classmethod
    def from_scenario(cls, scenario: Scenario, settings: Settings | None = None) -> "Report":
        """Reconcile a :class:`reconcile.scenarios.Scenario` and report on it (its slug, title, sources, date)."""
        result = scenario.reconcile() if settings is None else scenario.reconcile(settings)
        return cls(result, scenario.slug, scenario.title or "", tuple(scenario.sources), scenario.published,
                   tuple(scenario.documents))

    # -- reading ----------------------------------------------------------------------------------------
    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.result.claims

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, most severe first (:meth:`Finding.sort_key`)."""
        return self.result.findings

    def claim(self, claim_id: str) -> Claim:
        return self._by_id[claim_id]

    def findings_of(self, claim_id: str) -> tuple[Finding, ...]:
        """The findings that name ``claim_id``, most severe first."""
        return self._touching.get(claim_id, ())

    def source(self, source_id: str) -> Source:
        return self._sources_by_id[source_id]

    def _is_figure_finding(self, f: Finding) -> bool:
        return all(self.claim(i).is_figure for i in f.claims)

    @property
    def discrepancies(self) -> tuple[Finding, ...]:
        """Contradictions between figures, strongest first (impossible, implausible, tension, then those not
        judged), then most severe: the report's headline. A whole-story set that restates one of them (the
        same stated claims behind it) is shown with that one, not counted again (:meth:`same_conflict`)."""
        found = [f for f in self.findings if f.relation is Relation.CONTRADICTS and self._is_figure_finding(f)]
        restated = {id(s) for s in self._restated().values()}
        return tuple(sorted((f for f in found if id(f) not in restated), key=_strength_key))

    def same_conflict(self, f: Finding) -> Finding | None:
        """The whole-story set (kind ``inconsistent-set``) whose claims are exactly the stated claims behind the
        pairwise contradiction ``f`` — the same conflict found twice, once pair by pair and once as a set."""
        return self._restated().get(id(f))

    def _restated(self) -> dict[int, Finding]:
        if self._restated_by_id is None:  # made once: every discrepancy of a report asks for it
            object.__setattr__(self, "_restated_by_id", self._restated_by_id_now())
        assert self._restated_by_id is not None
        return self._restated_by_id

    def _restated_by_id_now(self) -> dict[int, Finding]:
        pairs = [f for f in self.findings if f.relation is Relation.CONTRADICTS and len(f.claims) == 2
                 and f.kind != INCONSISTENT_SET and self._is_figure_finding(f)]
        by_members = {frozenset(f.claims): f for f in self.findings if f.kind == INCONSISTENT_SET}
        out: dict[int, Finding] = {}
        for f in pairs:
            stated = frozenset(i for c in f.claims for i in self._stated_behind(c))
            match = by_members.get(stated)
            if match is not None:
                out[id(f)] = match
        return out

    def _stated_behind(self, claim_id: str) -> tuple[str, ...]:
        """The claims as sources stated them that a claim rests on: itself, or what a rule derived it from."""
        c = self._by_id[claim_id]
        if c.rule is None or c.rule == "fraction":
            return (c.id,)
        return tuple(i for d in c.derived_from for i in self._stated_behind(d))

    @property
    def disagreements(self) -> tuple[Finding, ...]:
        """Contradictions between statements (opposite claims and denials)."""
        return tuple(f for f in self.findings
                     if f.relation is Relation.CONTRADICTS and not self._is_figure_finding(f))

    def corroborated_by(self, claim: Claim) -> tuple[str, ...]:
        """Ids of the *other* sources whose claims back ``claim``: a ``supports`` finding, or a figure of the
        same time that lies within the other (``refines``/``narrower``) — an update over time is not backing."""
        out: set[str] = set()
        for f in self.findings_of(claim.id):
            backs = f.relation is Relation.SUPPORTS or (f.relation is Relation.REFINES and f.kind == "narrower")
            if backs:
                out.update(self.claim(i).source.id for i in f.claims if i != claim.id)
        out.discard(claim.source.id)
        return tuple(sorted(out))

    def caveats(self) -> tuple[tuple[Claim, tuple[str, ...]], ...]:
        """Claims the sources gave (not computed by a rule) that are not verified or that no other source
        supports, each with its reasons (``unverified``, ``disputed``, ``retracted``, ``single source``)."""
        out = []
        for c in self.claims:
            if c.rule is not None and c.rule != "fraction":
                continue  # a rule's output inherits its inputs' standing; it is listed under derived figures
            reasons = [] if c.status is Status.VERIFIED else [c.status.value]
            if not self.corroborated_by(c):
                reasons.append("single source")
            if reasons:
                out.append((c, tuple(reasons)))
        return tuple(out)

    def series(self) -> list[tuple[str, str, tuple[Claim, ...], tuple[Summary, ...]]]:
        """Per (subject, measure), sorted: the figures in time order and their low / best / high summaries."""
        claims: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for c in self.claims:
            if c.is_figure:
                claims[(c.subject, c.topic)].append(c)  # a figure's topic is its measure
        sums: dict[tuple[str, str], list[Summary]] = defaultdict(list)
        for s in self.summaries:
            sums[(s.subject, s.measure)].append(s)
        return [(subject, measure, tuple(claims[(subject, measure)]), tuple(sums[(subject, measure)]))
                for subject, measure in sorted(claims)]

    def statements(self) -> list[tuple[str, str, tuple[Claim, ...], tuple[Finding, ...]]]:
        """Per (subject, proposition), sorted: the statements in time order and the findings among them."""
        groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for c in self.claims:
            if not c.is_figure:
                groups[(c.subject, c.topic)].append(c)  # a statement's topic is its proposition
        out = []
        for key in sorted(groups):
            touching = {id(f): f for c in groups[key] for f in self.findings_of(c.id)}
            found = tuple(sorted(touching.values(), key=Finding.sort_key))
            out.append((key[0], key[1], tuple(groups[key]), found))
        return out

    # -- JSON ---------------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The JSON document as Python data (see ``reconcile/report/schema.json``); deterministic."""
        return {
            "scenario": self.scenario,
            "title": self.title,
            "published": None if self.published is None else str(self.published),
            "sources": [{"id": s.id, "name": s.label, "type": s.type} for s in self.sources],
            "claims": [c.to_dict() for c in self.claims],
            "findings": [f.to_dict() for f in self.findings],
            "estimates": [s.to_dict() for s in self.summaries],
            "reliability": [s.to_dict() for s in self.reliability],
        }

    def to_json(self) -> str:
        """The report as JSON text: UTF-8, two-space indent, keys in contract order, ending in a newline."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False) + "\n"

    # -- tables -----------------------------------------------------------------------------------------
    def to_dataframe(self, table: str = "findings") -> Any:
        """``findings``, ``claims`` or ``estimates`` as a :class:`pandas.DataFrame`, one row per JSON record.

        ``claims`` adds ``quote`` (the source's words); ``said_on`` is a date (``datetime64``); ``claims`` and
        ``estimates`` add ``as_of_start`` and ``as_of_end``, the first and last days of ``as_of`` (which
        stays the period as written, such as ``2024-fall``).

        Needs pandas, the ``dataframe`` extra: ``pip install 'reconcile[dataframe]'``.
        """
        tables = {"findings": "findings", "claims": "claims", "estimates": "estimates", "reliability": "reliability"}
        if table not in tables:
            raise ValueError(f"unknown table {table!r}; expected one of {', '.join(tables)}")
        try:
            import pandas as pd  # an optional extra: imported only when a table is asked for
        except ImportError as err:
            raise ImportError("Report.to_dataframe needs pandas, the 'dataframe' extra: "
                              "pip install 'reconcile[dataframe]'") from err
        frame = pd.DataFrame.from_records(self.to_dict()[tables[table]])
        if table == "claims":  # the source's words, and dates as dates (the JSON keeps ISO text)
            frame["quote"] = [c.quote for c in self.claims]
            frame["said_on"] = pd.to_datetime([c.said_on.start for c in self.claims])
            periods = [c.as_of for c in self.claims]
        elif table == "estimates":
            periods = [s.as_of for s in self.summaries]
        else:
            return frame
        # as_of stays the period as written ("2024-fall"); its first and last days are dates
        frame["as_of_start"] = pd.to_datetime([p.start for p in periods])
        frame["as_of_end"] = pd.to_datetime([p.end for p in periods])
        return frame

    # -- Markdown and HTML --------------------------------------------------------------------------------
    def blocks(self) -> list[Block]:
        """The report as a list of format-neutral blocks; both Markdown and HTML render these."""
        return _build(self)

    def to_markdown(self, pictures: str | None = None, picture_format: str = "png") -> str:
        """The report as GitHub-flavoured Markdown. With ``pictures`` (a directory, as the Markdown file
        should refer to it) each chart links ``pictures/<key>.<picture_format>``, the files
        :meth:`save_pictures` writes; without, there are no images."""
        if pictures is None:
            return render_markdown(self.blocks())
        base = pictures.rstrip("/") or "."
        return render_markdown(self.blocks(), lambda key: f"{base}/{key}.{picture_format}")

    def save_pictures(self, directory: Any, format: str = "png") -> list[Any]:
        """Write every chart of the report (and the graph of claims) as ``DIR/<key>.<format>``, the files
        :meth:`to_markdown` links; needs matplotlib (the ``plot`` extra)."""
        from pathlib import Path

        from ..io import write_atomic
        from .plot import chart, contradiction_graph

        if format not in ("png", "svg"):
            raise ValueError(f"unknown plot format {format!r}; expected png or svg")
        out = []
        todo = list(self.blocks())
        while todo:
            b = todo.pop(0)
            if isinstance(b, Side):
                todo[:0] = [*b.main, *b.aside]
            elif isinstance(b, Chart):
                picture = chart(self, b.claims, title=b.title, only=b.only or None)
                out.append(picture.save(Path(directory) / f"{b.key}.{format}", format))
                picture.figure.clear()
            elif isinstance(b, GraphDrawing):
                drawing = contradiction_graph(self)
                if drawing is not None:
                    target = Path(directory) / f"{b.key}.{format}"
                    write_atomic(target, drawing.to_svg() if format == "svg" else drawing.to_png())
                    out.append(target)
                    drawing.figure.clear()
        return out

    def to_html(self, *, plots: bool = True, full: bool = True, image_format: str = "png") -> str:
        """One self-contained HTML document: inline CSS, no scripts, no external links or assets; the
        charts are embedded as base64 PNG (or SVG with ``image_format="svg"``) when ``plots`` and matplotlib
        is installed, and a note says so when it is not. ``full=False`` gives a fragment (a ``<div>`` with
        its own scoped style) for embedding in a page or notebook."""
        from .html import render_html

        return render_html(self.blocks(), title=self.title, result=self.result, plots=plots, full=full,
                           image_format=image_format)

    def _repr_html_(self) -> str:
        return self.to_html(full=False)

    def __str__(self) -> str:
        return self.to_markdown()


# -- building the blocks ----------------------------------------------------------------------------------


def _n(x: Number | None) -> str:
    return OPEN if x is None else format_number(x)


def _ratio(ratio: float | None) -> str:
    return "∞" if ratio is None or not math.isfinite(ratio) else f"{format_number(ratio)}×"


def _judged(f: Finding) -> str:
    """``impossible, 2.02×``: how sure the finding is, then how far apart the stated figures are."""
    return ", ".join(x for x in (f.strength.value if f.strength is not None else "", _ratio(f.ratio)) if x)


def gap(a: Estimate, b: Estimate) -> Number | None:
    """The least distance between two intervals of one unit, or ``None`` when they overlap or the units differ.

    >>> gap(Estimate.exact(2700), Estimate.between(1167, 1500))
    1200
    """
    if a.unit != b.unit:
        return None
    if a.lies_below(b):
        assert a.high is not None  # an interval open above lies below nothing
        return b.floor - a.high
    if b.lies_below(a):
        assert b.high is not None
        return a.floor - b.high
    return None


def _strength_key(f: Finding) -> tuple[Any, ...]:
    """Strongest first (findings not judged last), then :meth:`Finding.sort_key` (most severe first)."""
    return (len(_STRENGTH_RANKS) if f.strength is None else f.strength.rank, *f.sort_key())


_STRENGTH_RANKS = tuple(Strength)


def _claim_link(claim_id: str) -> Span:
    return link(claim_id, anchor_id("claim", claim_id), "code")


def _ids(ids: Iterable[str]) -> list[str | Span]:
    out: list[str | Span] = []
    for i, claim_id in enumerate(ids):
        out += [", "] if i else []
        out.append(_claim_link(claim_id))
    return out or ["—"]


def _source_link(source: Source) -> Span:
    return link(source.label, anchor_id("source", source.id))


def _who(c: Claim, report: Report) -> list[str | Span]:
    source = report.source(c.source.id)
    kind = f" ({source.type})" if source.type and source.type != "unknown" else ""
    out: list[str | Span] = [_source_link(source), kind]
    for s in c.via:
        out += [" via ", _source_link(report.source(s.id))]
    return out


def _origin(c: Claim) -> list[str | Span]:
    """How a claim came about: as stated, a fraction of another claim, or computed by a rule."""
    if not c.derived_from:
        return ["stated"]
    if c.rule == "fraction" and c.fraction is not None:
        return [f"stated as {c.fraction_text} of ", _claim_link(c.derived_from[0])]
    return [f"derived ({c.rule}) from ", *_ids(c.derived_from)]


def _words(c: Claim) -> str:
    return f"“{c.quote}”" if c.quote else "—"


def _figure_row(c: Claim, report: Report, *, label: str | None = None, quote: bool = False) -> tuple:
    e = c.estimate
    assert e is not None
    row: list[Any] = [] if label is None else [label]
    # Best is the number the claim is compared and summarized by (Estimate.central): a range's middle,
    # the same number the estimates table and the charts use.
    row += [_claim_link(c.id), _who(c, report), c.as_of.describe(), str(c.said_on), e.describe(), _n(e.low),
            _n(e.central), _n(e.high), _origin(c)]
    if quote:
        row.append(_words(c))
    return tuple(row)


_FIGURE_HEAD = ("Claim", "Who said it", "As of", "Said on", "Figure", "Low", "Best", "High", "Origin")


def _chart_claims(report: Report, f: Finding) -> tuple[str, ...]:
    from .plot import related  # plot.py imports matplotlib only when drawing

    return related(report, f)


def _discrepancy(n: int, f: Finding, report: Report) -> list[Block]:
    claims = [report.claim(i) for i in f.claims]
    by_id = report._by_id
    blocks: list[Block] = [Heading(3, (f"{n}. {headline(f, by_id)}",), anchor=f"d{n}")]
    rows = [_figure_row(c, report, label=chr(ord("A") + i), quote=True) for i, c in enumerate(claims)]
    main: list[Block] = [Paragraph((sentence(f, by_id),))]
    facts: list[str | Span] = []
    if f.strength is not None:
        facts += [strong("Strength"), f" {f.strength.value} · "]
    facts += [strong("Ratio"), f" {_ratio(f.ratio)}"]
    if len(claims) == 2:
        ea, eb = claims[0].estimate, claims[1].estimate
        assert ea is not None and eb is not None  # a discrepancy is between figures
        g = gap(ea, eb)
        facts += [" · ", strong("gap between the intervals"), " " + ("none: the intervals overlap, the "
                                                                      "disagreement is in what they imply"
                                                                      if g is None else format_number(g))]
    if f.context:
        facts += [" · ", strong("rests on"), " ", *_ids(f.context)]
    facts += [" · ", strong("rule"), " ", code(f.rule or "?"), f" ({f.kind})"]
    main.append(Paragraph(tuple(facts)))
    main.append(Quote((f.explanation,)))
    also = report.same_conflict(f)
    if also is not None:
        main.append(Paragraph((strong("The whole-story check"), " finds the same conflict as a minimal set: ",
                               *_ids(also.claims), " cannot all be true (dropping any one of them leaves the rest "
                               "consistent).")))
    chart_ids = _chart_claims(report, f)
    aside: list[Block] = [Chart(f"discrepancy-{n}", f"{n}. " + " · ".join(dict.fromkeys(
        report.claim(i).topic for i in chart_ids)), chart_ids, f.claims)] if chart_ids else []
    blocks.append(Side(tuple(main), tuple(aside)))
    # the figures with the sources' words under both, full width: the table has many columns
    blocks.append(Table(("", *_FIGURE_HEAD, "In their words"), tuple(rows), css="discrepancy"))
    return blocks


def _summary_row(s: Summary) -> tuple:
    notes: list[str | Span] = []
    for kind, ids in s.contradictions:
        notes += [*(["; "] if notes else []), f"contradicts ({kind}): ", *_ids(ids)]
    for o in s.outliers:
        notes += [*(["; "] if notes else []), "outlier ", code(o.claim), f": {o.reason}"]
    return (s.as_of.describe(), _n(s.low), _n(s.best), _n(s.high), _ids(s.low_claims), _ids(s.best_claims),
            _ids(s.high_claims), notes or ["—"])


def _reliability_row(s: SourceReliability, report: Report) -> tuple:
    return (code(s.source), report.source(s.source).label, s.type, f"{s.weight:.2f}", str(s.claims),
            f"{s.spread:.1%} ({s.spread_low:.1%}–{s.spread_high:.1%})",
            [*_ids(s.copies)] if s.copies else ["—"])


def _statement_row(c: Claim, report: Report) -> tuple:
    says = f"{'yes' if c.polarity else 'no'}: {'' if c.polarity else 'not '}{c.proposition}"
    denies: list[str | Span] = ["denies ", *_ids(c.denies)] if c.denies else ["—"]
    return (_claim_link(c.id), _who(c, report), c.as_of.describe(), str(c.said_on), says, denies, c.status.value)


def _finding_item(f: Finding) -> tuple:
    if f.relation is Relation.REFINES:
        linked: list[str | Span] = [_claim_link(f.claims[0]), " refines ", _claim_link(f.claims[1])]
    else:
        linked = [*_ids(f.claims)]
    return (strong(f"{f.relation.value} ({f.kind})"), ": ", *linked, " — ", f.explanation)


def _in_brief(report: Report) -> list[Block]:
    """A few plain sentences from the findings' numbers, strongest discrepancies first."""
    found = report.discrepancies
    out: list[Block] = [Paragraph((sentence(f, report._by_id),)) for f in found[:BRIEF_SENTENCES]]
    if len(found) > BRIEF_SENTENCES:
        out.append(Paragraph((f"{counted(len(found) - BRIEF_SENTENCES, 'further discrepancy', 'further discrepancies')}"
                              " below.",)))
    if not found:
        out.append(Paragraph(("The sources' figures do not contradict each other.",)))
    if report.disagreements:
        words = {"denial": "denies", "opposite": "contradicts"}
        items = [f"{report.claim(f.claims[-1]).source.label} {words.get(f.kind, 'contradicts')} "
                 f"{report.claim(f.claims[0]).source.label} on {report.claim(f.claims[0]).topic}"
                 for f in report.disagreements]
        out.append(Paragraph(("Statements in dispute: " + "; ".join(dict.fromkeys(items)) + ".",)))
    return out


BRIEF_SENTENCES = 3  # discrepancies put into words at the top; the rest are one click away


def _estimates(report: Report) -> list[Block]:
    """Low / best / high per subject, measure and date, then each source's reliability (placed after the
    discrepancies)."""
    blocks: list[Block] = [Heading(2, ("Estimates",), anchor="estimates")]
    series = [(s, m, sums) for s, m, _claims, sums in report.series() if sums]
    if not series:
        blocks.append(Paragraph(("No figures.",)))
        return blocks
    blocks.append(Paragraph((strong("Low / best / high"), " — low is the most conservative credible figure "
                             "(the lowest lower bound), high the highest credible figure, best the "
                             "median weighted by source reliability and precision, raised by floors and "
                             "lowered by ceilings; each origin counts once, and a cumulative count never "
                             "falls (earlier figures carry forward):")))
    for subject, measure, sums in series:
        unit = sums[0].unit
        blocks.append(Heading(3, (f"{subject} · {measure} ({unit})",)))
        blocks.append(Table(("As of", "Low", "Best", "High", "Behind low", "Behind best", "Behind high",
                             "Beside it"), tuple(_summary_row(s) for s in sums), css="summary"))
    if report.reliability:
        blocks.append(Heading(3, ("Source reliability",), anchor="reliability"))
        blocks.append(Paragraph(("How far each source's figures agree with the best values over the whole story "
                                 "(truth discovery, CATD): weight 1 for the most reliable; the error spread is "
                                 "the typical relative error, with its 95% interval, wide for sources with few "
                                 "figures. A source found to repeat another's figures after it counts as one "
                                 "voice with it.",)))
        blocks.append(Table(("Source", "Name", "Type", "Weight", "Figures", "Error spread", "Copies"),
                            tuple(_reliability_row(s, report) for s in report.reliability)))
    return blocks


def _figures_over_time(report: Report) -> list[Block]:
    from .plot import chart_groups

    blocks: list[Block] = [Heading(2, ("Figures over time",), anchor="figures")]
    series = {(s, m): claims for s, m, claims, _ in report.series()}
    if not series:
        blocks.append(Paragraph(("No figures.",)))
        return blocks
    for n, (subject, title, ids) in enumerate(chart_groups(report), 1):
        blocks.append(Heading(3, (f"{subject} · {title}",), anchor=f"f{n}"))
        blocks.append(Chart(f"figures-{n}", f"{subject} · {title}", ids))
        measures = dict.fromkeys(report.claim(i).topic for i in ids)
        for measure in measures:
            claims = series[(subject, measure)]
            blocks.append(Paragraph((strong(measure),)))
            blocks.append(Table(_FIGURE_HEAD, tuple(_figure_row(c, report) for c in claims)))
    return blocks


def _claim_row(c: Claim, report: Report) -> tuple:
    says = c.estimate.describe() + f" {c.topic}" if c.estimate is not None else \
        f"{'' if c.polarity else 'not '}{c.proposition}"
    return (_claim_link(c.id), _who(c, report), c.subject, says, c.as_of.describe(), str(c.said_on),
            c.status.value, _words(c))


def _build(report: Report) -> list[Block]:
    r = report.result
    derived = [c for c in r.claims if c.derived_from]  # by a rule, or stated as a fraction of another claim
    blocks: list[Block] = [Heading(1, (report.title,))]
    facts: list[str | Span] = [" · ".join(x for x in (
        f"Scenario {report.scenario}" if report.scenario else "",
        f"published {report.published.describe()}" if report.published is not None else "",
        f"{counted(len(r.claims) - len(r.derived), 'claim')} stated and {len(r.derived)} derived by rules, "
        f"from {counted(len({c.origin_id for c in r.claims}), 'origin')} "
        f"({counted(len(report.sources), 'source')} with the relays)",
        f"{counted(len(report.discrepancies), 'discrepancy', 'discrepancies')} in figures",
        f"{counted(len(report.disagreements), 'qualitative disagreement')}") if x) + "."]
    if report.documents:
        facts.append(" From ")
        for i, d in enumerate(report.documents):
            facts += ([", "] if i else []) + [link(d, f"doc-{i + 1}", "code")]
        facts.append(".")
    blocks.append(Paragraph(tuple(facts), css="lead"))

    blocks.append(Heading(2, ("In brief",), anchor="summary"))
    blocks += _in_brief(report)

    contested = [g for g in report.statements() if any(f.relation is Relation.CONTRADICTS for f in g[3])]
    uncontested = [g for g in report.statements() if not any(f.relation is Relation.CONTRADICTS for f in g[3])]
    others = [f for f in r.findings if f.relation is not Relation.CONTRADICTS and report._is_figure_finding(f)]
    sections = [("discrepancies", "Discrepancies"), ("estimates", "Estimates"), ("figures", "Figures over time"),
                ("statements", "Qualitative disagreements"), ("uncontested", "Statements no one contradicts"),
                ("other", "Other findings"), ("graph", "Claims linked by findings"), ("derived", "Derived figures"),
                ("caveats", "Unverified and single-source claims"), ("claims", "Every claim"),
                ("sources", "Sources")] + ([("documents", "Documents")] if report.documents else [])
    blocks.append(Heading(2, ("Contents",), anchor="contents"))
    items: list[tuple[str | Span, ...]] = []
    for anchor, name in sections:
        item: list[str | Span] = [link(name, anchor)]
        for n, f in enumerate(report.discrepancies if anchor == "discrepancies" else (), 1):
            measures = " vs ".join(dict.fromkeys(report.claim(i).topic for i in f.claims))
            item += [": " if n == 1 else " · ", link(f"{n}. {measures}", f"d{n}")]
        items.append(tuple(item))
    blocks.append(Bullets(tuple(items)))

    blocks.append(Heading(2, ("Discrepancies",), anchor="discrepancies"))
    if report.discrepancies:
        blocks.append(Paragraph(("Figures that cannot all be right, strongest and most severe first, each with "
                                 "its chart: both sides' figures over time with their intervals, and the whole "
                                 "with its parts where the reason is a part/whole rule. Intervals are the "
                                 "figures as normalized from the sources' words; open bounds read ",
                                 code(OPEN), ".")))
        for n, f in enumerate(report.discrepancies, 1):
            blocks += _discrepancy(n, f, report)
    else:
        blocks.append(Paragraph(("No figures contradict each other.",)))

    blocks += _estimates(report)
    blocks += _figures_over_time(report)

    blocks.append(Heading(2, ("Qualitative disagreements",), anchor="statements"))
    if not contested:
        blocks.append(Paragraph(("No statements contradict each other.",)))
    for subject, proposition, claims, found in contested:
        blocks.append(Heading(3, (f"{subject} · {proposition}",)))
        blocks.append(Table(("Claim", "Who said it", "As of", "Said on", "Says", "Denies", "Status"),
                            tuple(_statement_row(c, report) for c in claims)))
        blocks.append(Bullets(tuple(_finding_item(f) for f in found)))

    blocks.append(Heading(2, ("Statements no one contradicts",), anchor="uncontested"))
    rows = tuple(_statement_row(c, report) for _, _, claims, _ in uncontested for c in claims)
    blocks.append(Table(("Claim", "Who said it", "As of", "Said on", "Says", "Denies", "Status"), rows)
                  if rows else Paragraph(("None.",)))
    backing = [f for g in uncontested for f in g[3]]
    if backing:
        blocks.append(Bullets(tuple(_finding_item(f) for f in backing)))

    blocks.append(Heading(2, ("Other findings",), anchor="other"))
    blocks.append(Bullets(tuple(_finding_item(f) for f in others)) if others
                  else Paragraph(("None.",)))

    blocks.append(Heading(2, ("Claims linked by findings",), anchor="graph"))
    blocks.append(Paragraph(("The claim graph: a point per claim, a line per finding. ",
                             code("reconcile graph FILE -o OUT.graphml"), " exports it (GraphML, GEXF or "
                             "node-link JSON).")))
    blocks.append(GraphDrawing())

    blocks.append(Heading(2, ("Derived figures",), anchor="derived"))
    if derived:
        blocks.append(Paragraph(("Figures computed from other claims: stated as a fraction of another claim "
                                 "(rule ", code("fraction"), "), or derived by a rule of the engine.")))
        drows = tuple((_claim_link(c.id), c.measure or "", c.estimate.describe() if c.estimate else "",
                       c.rule or "", c.fraction_text, _ids(c.derived_from))
                      for c in derived)
        blocks.append(Table(("Claim", "Measure", "Figure", "Rule", "Fraction", "From"), drows))
    else:
        blocks.append(Paragraph(("None.",)))

    blocks.append(Heading(2, ("Unverified and single-source claims",), anchor="caveats"))
    blocks.append(Paragraph(("Claims not marked verified, or that no claim by another source backs (supports, "
                             "or a figure of the same time lying within it).",)))
    caveat_rows = tuple((_claim_link(c.id), _who(c, report), c.status.value, "; ".join(reasons),
                         _linked_sources(report, report.corroborated_by(c)))
                        for c, reasons in report.caveats())
    blocks.append(Table(("Claim", "Who said it", "Status", "Why listed", "Supported by"), caveat_rows)
                  if caveat_rows else Paragraph(("None.",)))

    blocks.append(Heading(2, ("Every claim",), anchor="claims"))
    blocks.append(Table(("Claim", "Who said it", "Subject", "Says", "As of", "Said on", "Status", "In their words"),
                        tuple(_claim_row(c, report) for c in r.claims),
                        anchors=tuple(anchor_id("claim", c.id) for c in r.claims)))

    blocks.append(Heading(2, ("Sources",), anchor="sources"))
    blocks.append(Table(("Id", "Name", "Type"), tuple((code(s.id), s.label, s.type) for s in report.sources),
                        anchors=tuple(anchor_id("source", s.id) for s in report.sources)))
    if report.documents:
        blocks.append(Heading(2, ("Documents",), anchor="documents"))
        blocks.append(Table(("", "File"), tuple((str(i), code(d)) for i, d in enumerate(report.documents, 1)),
                            anchors=tuple(f"doc-{i}" for i in range(1, len(report.documents) + 1))))
    return blocks


def _linked_sources(report: Report, ids: Iterable[str]) -> list[str | Span]:
    out: list[str | Span] = []
    for i, sid in enumerate(ids):
        out += ([", "] if i else []) + [_source_link(report.source(sid))]
    return out or ["—"]
