"""The sections of the human-readable report: a :class:`~reconcile.report.report.Report` as format-neutral blocks.

:func:`_build` turns a report into the blocks of :mod:`reconcile.report.document`, which Markdown and HTML
both render; :meth:`Report.blocks` calls it. This module holds how the report reads, :mod:`report` what it
holds.

Sections, in order (the report reads top-down): a few plain sentences a journalist could paste ("In brief");
the contents; the discrepancies between figures, strongest and most severe first, each with its chart beside
it; the estimates (low / best / high per subject, measure and date); the figures over time, one chart per
family of measures; qualitative disagreements, and the statements no one contradicts; other findings; the
graph of claims linked by findings; derived figures; unverified and single-source claims; every claim with
its quote; the sources; the documents. Every claim id, source and document is a link within the page.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Iterable

from ..claims import Claim, Source
from ..engine.estimates import SourceReliability, Summary
from ..figures.numeric import counted
from ..figures.quantity import Estimate, Number, format_number
from ..findings import Finding, Relation
from .chart_selection import chart_groups, related
from .document import (Block, Bullets, Chart, GraphDrawing, Heading, Paragraph, Quote, Side, Span, Table, anchor_id,
                       code, link, strong)
from .prose import headline, sentence

if TYPE_CHECKING:  # report.py imports this module at run time; here a Report is only read, never made
    from .report import Report

OPEN = "open"  # how an open bound reads in tables (JSON writes null)


def _n(x: Number | None) -> str:
    return OPEN if x is None else format_number(x)


def _ratio(ratio: float | None) -> str:
    return "∞" if ratio is None or not math.isfinite(ratio) else f"{format_number(ratio)}×"


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
