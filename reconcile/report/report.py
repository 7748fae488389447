"""Discrepancy reports: where a story's sources disagree, by how much, why, and what range the evidence supports.

A :class:`Report` is made from a :class:`~reconcile.engine.runner.Reconciliation` (or a scenario) and writes
the same content as Markdown (:meth:`Report.to_markdown`), one self-contained HTML page
(:meth:`Report.to_html`, also shown by Jupyter through ``_repr_html_``), JSON (:meth:`Report.to_json`, the
stable contract described by ``reconcile/report/schema.json``) and pandas tables (:meth:`Report.to_dataframe`).

Sections, in order: the discrepancies between figures, most severe first; the figures over time per subject
and measure with their low / best / high summary; qualitative disagreements (statements and denials); other
findings; derived figures and what they come from; unverified and single-source claims; the sources.

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
from ..engine.reconciliation import Reconciliation
from ..figures.dates import Period
from ..figures.numeric import counted
from ..figures.quantity import Estimate, Number, format_number
from ..findings import Finding, Relation
from ..settings import Settings
from .document import Block, Bullets, Heading, Paragraph, Quote, Span, Table, Timeline, code, render_markdown, strong

if TYPE_CHECKING:
    from ..scenarios.model import Scenario

__all__ = ["Report", "schema", "SCHEMA_FILE"]

SCHEMA_FILE = "schema.json"
OPEN = "open"  # how an open bound reads in tables (JSON writes null)


def _sources(values: Iterable[Source]) -> tuple[Source, ...]:
    # A named converter rather than ``converter=tuple``: type checkers cannot tell what the generic
    # ``tuple`` takes and so reject every argument given for the field.
    return tuple(values)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every :meth:`Report.to_json` document satisfies."""
    return json.loads(resources.files("reconcile.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


@attrs.frozen(repr=False)
class Report:
    """The discrepancy report of one reconciled story.

    ``scenario`` is the story's slug, ``title`` its headline, ``sources`` the sources with their names (those
    the claims name but ``sources`` lacks are added in claim order), ``published`` the date of the article
    the claims come from, if any.

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
    summaries: tuple[Summary, ...] = attrs.field(init=False, eq=False, repr=False)
    reliability: tuple[SourceReliability, ...] = attrs.field(init=False, eq=False, repr=False)
    # Indexes built once, so every section stays linear in the number of claims and findings.
    _by_id: dict[str, Claim] = attrs.field(init=False, eq=False, repr=False)
    _sources_by_id: dict[str, Source] = attrs.field(init=False, eq=False, repr=False)
    _touching: dict[str, tuple[Finding, ...]] = attrs.field(init=False, eq=False, repr=False)

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
                            sources: Iterable[Source] = (), published: Period | str | None = None) -> "Report":
        """A report of ``result``; ``scenario`` (a slug) and ``title`` only label it."""
        return cls(result, scenario, title, tuple(sources), None if published is None else Period.parse(published))

    @classmethod
    def from_scenario(cls, scenario: Scenario, settings: Settings | None = None) -> "Report":
        """Reconcile a :class:`reconcile.scenarios.Scenario` and report on it (its slug, title, sources, date)."""
        result = scenario.reconcile() if settings is None else scenario.reconcile(settings)
        return cls(result, scenario.slug, scenario.title or "", tuple(scenario.sources), scenario.published)

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
        """Contradictions between figures, most severe first: the report's headline."""
        return tuple(f for f in self.findings if f.relation is Relation.CONTRADICTS and self._is_figure_finding(f))

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
        return pd.DataFrame.from_records(self.to_dict()[tables[table]])

    # -- Markdown and HTML --------------------------------------------------------------------------------
    def blocks(self) -> list[Block]:
        """The report as a list of format-neutral blocks; both Markdown and HTML render these."""
        return _build(self)

    def to_markdown(self) -> str:
        """The report as GitHub-flavoured Markdown (tables, no embedded images)."""
        return render_markdown(self.blocks())

    def to_html(self, *, plots: bool = True, full: bool = True) -> str:
        """One self-contained HTML document: inline CSS, no scripts, no external links or assets; the
        timelines are embedded as base64 PNG when ``plots`` and matplotlib is installed. ``full=False``
        gives a fragment (a ``<div>`` with its own scoped style) for embedding in a page or notebook."""
        from .html import render_html

        return render_html(self.blocks(), title=self.title, result=self.result, plots=plots, full=full)

    def _repr_html_(self) -> str:
        return self.to_html(full=False)

    def __str__(self) -> str:
        return self.to_markdown()


# -- building the blocks ----------------------------------------------------------------------------------


def _n(x: Number | None) -> str:
    return OPEN if x is None else format_number(x)


def _ratio(severity: float) -> str:
    return "∞" if not math.isfinite(severity) else f"{format_number(severity)}×"


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


def _ids(ids: Iterable[str]) -> list[str | Span]:
    out: list[str | Span] = []
    for i, claim_id in enumerate(ids):
        out += [", "] if i else []
        out.append(code(claim_id))
    return out or ["—"]


def _who(c: Claim, report: Report) -> str:
    source = report.source(c.source.id)
    kind = f" ({source.type})" if source.type and source.type != "unknown" else ""
    via = "".join(f" via {s.label}" for s in c.via)
    return f"{source.label}{kind}{via}"


def _origin(c: Claim) -> str:
    """How a claim came about: as stated, a fraction of another claim, or computed by a rule."""
    if not c.derived_from:
        return "stated"
    if c.rule == "fraction" and c.fraction is not None:
        return f"stated as {c.fraction_text} of {c.derived_from[0]}"
    return f"derived ({c.rule}) from {', '.join(c.derived_from)}"


def _figure_row(c: Claim, report: Report, *, label: str | None = None) -> tuple:
    e = c.estimate
    assert e is not None
    row: list[str | Span] = [] if label is None else [label]
    row += [code(c.id), _who(c, report), c.as_of.describe(), str(c.said_on), e.describe(), _n(e.low), _n(e.best),
            _n(e.high), _origin(c)]
    return tuple(row)


_FIGURE_HEAD = ("Claim", "Who said it", "As of", "Said on", "Figure", "Low", "Best", "High", "Origin")


def _discrepancy(n: int, f: Finding, report: Report) -> list[Block]:
    claims = [report.claim(i) for i in f.claims]
    measures = " vs ".join(dict.fromkeys(c.topic for c in claims))  # figures: their topics are their measures
    blocks: list[Block] = [Heading(3, (f"{n}. {claims[0].subject} · {measures}: {f.relation.value} ({f.kind}), "
                                       f"{_ratio(f.severity)}",), anchor=f"d{n}")]
    rows = [_figure_row(c, report, label=chr(ord("A") + i)) for i, c in enumerate(claims)]
    blocks.append(Table(("", *_FIGURE_HEAD), tuple(rows), css="discrepancy"))
    facts: list[str | Span] = [strong("Ratio"), f" {_ratio(f.severity)}"]
    if len(claims) == 2:
        ea, eb = claims[0].estimate, claims[1].estimate
        assert ea is not None and eb is not None  # a discrepancy is between figures
        g = gap(ea, eb)
        facts += [" · ", strong("gap between the intervals"), " " + ("none (they overlap)" if g is None
                                                                      else format_number(g))]
    if f.context:
        facts += [" · ", strong("rests on"), " ", *_ids(f.context)]
    facts += [" · ", strong("rule"), " ", code(f.rule or "?")]
    blocks.append(Paragraph(tuple(facts)))
    words = [(chr(ord("A") + i), c) for i, c in enumerate(claims) if c.quote]
    if words:  # the sources' own words, so an editor can check the reading of each figure
        blocks.append(Bullets(tuple((strong(label), f" {c.source.label}: “{c.quote}”") for label, c in words)))
    blocks.append(Quote((f.explanation,)))
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
    return (code(c.id), _who(c, report), c.as_of.describe(), str(c.said_on), says, denies, c.status.value)


def _finding_item(f: Finding) -> tuple:
    if f.relation is Relation.REFINES:
        link: list[str | Span] = [code(f.claims[0]), " refines ", code(f.claims[1])]
    else:
        link = [*_ids(f.claims)]
    return (strong(f"{f.relation.value} ({f.kind})"), ": ", *link, " — ", f.explanation)


def _build(report: Report) -> list[Block]:
    r = report.result
    derived = [c for c in r.claims if c.derived_from]  # by a rule, or stated as a fraction of another claim
    blocks: list[Block] = [Heading(1, (report.title,))]
    facts = [f"Scenario {report.scenario}" if report.scenario else "",
             f"published {report.published.describe()}" if report.published is not None else "",
             f"{counted(len(r.claims) - len(r.derived), 'claim')} stated and {len(r.derived)} derived by rules, "
             f"from {counted(len(report.sources), 'source')}",
             f"{counted(len(report.discrepancies), 'discrepancy', 'discrepancies')} in figures",
             f"{counted(len(report.disagreements), 'qualitative disagreement')}"]
    blocks.append(Paragraph((" · ".join(x for x in facts if x) + ".",), css="lead"))

    blocks.append(Heading(2, ("Discrepancies",), anchor="discrepancies"))
    if report.discrepancies:
        blocks.append(Paragraph(("Figures that cannot all be right, most severe first. Intervals are the "
                                 "figures as normalized from the sources' words; open bounds read ",
                                 code(OPEN), ".")))
        for n, f in enumerate(report.discrepancies, 1):
            blocks += _discrepancy(n, f, report)
    else:
        blocks.append(Paragraph(("No figures contradict each other.",)))

    blocks.append(Heading(2, ("Figures over time",), anchor="figures"))
    series = report.series()
    if not series:
        blocks.append(Paragraph(("No figures.",)))
    for subject, measure, claims, sums in series:
        first = claims[0].estimate
        assert first is not None  # a series holds figures
        unit = first.unit
        blocks.append(Heading(3, (f"{subject} · {measure} ({unit})",)))
        blocks.append(Table(_FIGURE_HEAD, tuple(_figure_row(c, report) for c in claims)))
        blocks.append(Timeline(subject, measure))
        blocks.append(Paragraph((strong("Low / best / high"), " — low is the most conservative credible figure "
                                 "(the lowest lower bound), high the highest credible figure, best the "
                                 "median weighted by source reliability and precision, raised by floors and "
                                 "lowered by ceilings; each origin counts once, and a cumulative count never "
                                 "falls (earlier figures carry forward):")))
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

    blocks.append(Heading(2, ("Qualitative disagreements",), anchor="statements"))
    groups = report.statements()
    if not groups:
        blocks.append(Paragraph(("No statements.",)))
    for subject, proposition, claims, found in groups:
        blocks.append(Heading(3, (f"{subject} · {proposition}",)))
        blocks.append(Table(("Claim", "Who said it", "As of", "Said on", "Says", "Denies", "Status"),
                            tuple(_statement_row(c, report) for c in claims)))
        if found:
            blocks.append(Bullets(tuple(_finding_item(f) for f in found)))

    others = [f for f in r.findings if f.relation is not Relation.CONTRADICTS and report._is_figure_finding(f)]
    blocks.append(Heading(2, ("Other findings",), anchor="other"))
    blocks.append(Bullets(tuple(_finding_item(f) for f in others)) if others
                  else Paragraph(("None.",)))

    blocks.append(Heading(2, ("Derived figures",), anchor="derived"))
    if derived:
        blocks.append(Paragraph(("Figures computed from other claims: stated as a fraction of another claim "
                                 "(rule ", code("fraction"), "), or derived by a rule of the engine.")))
        rows = tuple((code(c.id), c.measure or "", c.estimate.describe() if c.estimate else "",
                      c.rule or "", c.fraction_text, _ids(c.derived_from))
                     for c in derived)
        blocks.append(Table(("Claim", "Measure", "Figure", "Rule", "Fraction", "From"), rows))
    else:
        blocks.append(Paragraph(("None.",)))

    blocks.append(Heading(2, ("Unverified and single-source claims",), anchor="caveats"))
    blocks.append(Paragraph(("Claims not marked verified, or that no claim by another source backs (supports, "
                             "or a figure of the same time lying within it).",)))
    caveat_rows = tuple((code(c.id), _who(c, report), c.status.value, "; ".join(reasons),
                         ", ".join(report.source(s).label for s in report.corroborated_by(c)) or "—")
                        for c, reasons in report.caveats())
    blocks.append(Table(("Claim", "Who said it", "Status", "Why listed", "Supported by"), caveat_rows)
                  if caveat_rows else Paragraph(("None.",)))

    blocks.append(Heading(2, ("Sources",), anchor="sources"))
    blocks.append(Table(("Id", "Name", "Type"), tuple((code(s.id), s.label, s.type) for s in report.sources)))
    return blocks
