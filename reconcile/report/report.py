"""Discrepancy reports: where a story's sources disagree, by how much, why, and what range the evidence supports.

A :class:`Report` is made from a :class:`~reconcile.engine.runner.Reconciliation` (or a scenario) and writes
the same content as Markdown (:meth:`Report.to_markdown`), one self-contained HTML page
(:meth:`Report.to_html`, also shown by Jupyter through ``_repr_html_``), JSON (:meth:`Report.to_json`, the
stable contract described by ``reconcile/report/schema.json``) and pandas tables (:meth:`Report.to_dataframe`).
This module holds what a report knows (its claims, findings, estimates and their JSON);
:mod:`reconcile.report.sections` builds the sections a reader sees, from "In brief" to the documents.

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
from collections import defaultdict
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterable

import attrs

from ..claims import Claim, Source, Status
from ..engine.estimates import SourceReliability, Summary, reliability, summarize
from ..engine.consistency import INCONSISTENT_SET
from ..engine.reconciliation import Reconciliation
from ..figures.dates import Period
from ..findings import Finding, Relation, Strength
from ..settings import Settings
from .document import Block, Chart, GraphDrawing, Side, render_markdown
# The section builder, and the public names that lived here before it moved out, so that
# ``from reconcile.report.report import gap`` (or OPEN, BRIEF_SENTENCES) keeps working.
from .sections import BRIEF_SENTENCES, OPEN, _build, gap

if TYPE_CHECKING:
    from ..scenarios.model import Scenario

__all__ = ["Report", "schema", "SCHEMA_FILE"]

SCHEMA_FILE = "schema.json"


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
    _sources_by_id: dict[str, Source] = attrs.field(init=False, eq=False, repr=False)
    _restated_by_id: dict[int, Finding] | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        known = {s.id: s for s in self.sources}
        for c in self.result.claims:  # every source a claim names gets a row, given names first
            s = c.source
            if s.id not in known:
                known[s.id] = s
            if c.via:  # most claims have none: no tuple of their sources is made for them
                for s in c.via:
                    known.setdefault(s.id, s)
        object.__setattr__(self, "sources", tuple(known.values()))
        object.__setattr__(self, "_sources_by_id", known)
        if not self.title:
            object.__setattr__(self, "title", f"Discrepancy report: {self.scenario}" if self.scenario
                               else "Discrepancy report")
        object.__setattr__(self, "summaries", tuple(summarize(self.result)))
        object.__setattr__(self, "reliability", tuple(reliability(self.result)))

    # Indexes built once, on first use, so every section stays linear in the number of claims and findings;
    # the JSON document needs neither (a fifth of making a 100,000-claim report).
    @cached_property
    def _by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.result.claims}

    @cached_property
    def _touching(self) -> dict[str, tuple[Finding, ...]]:
        touching: dict[str, list[Finding]] = defaultdict(list)
        for f in self.result.findings:
            ids = f.claims
            if len(ids) == 2:  # most findings are of a pair: no dict to drop a repeated id
                a, b = ids
                touching[a].append(f)
                if b != a:
                    touching[b].append(f)
                continue
            for i in dict.fromkeys(ids):
                touching[i].append(f)
        return {i: tuple(fs) for i, fs in touching.items()}

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


def _strength_key(f: Finding) -> tuple[Any, ...]:
    """Strongest first (findings not judged last), then :meth:`Finding.sort_key` (most severe first)."""
    return (len(_STRENGTH_RANKS) if f.strength is None else f.strength.rank, *f.sort_key())


_STRENGTH_RANKS = tuple(Strength)
