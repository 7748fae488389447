"""Timeline plots: the figures of one subject and measure over time, one colour per source.

matplotlib is an optional extra (``pip install 'reconcile[plot]'``); it is imported only when a plot is
drawn, and then without touching pyplot's global backend: figures are drawn on an Agg canvas, so the
library works the same in a script, a server or a notebook.

Which figures each chart draws is chosen in :mod:`reconcile.report.chart_selection`; its labels are kept
apart by :mod:`reconcile.report.label_layout`.

How the picture reads (also written in its footnote):

- **x**: the date a figure refers to (``as_of``). A day is a point; a partial date such as ``2024-fall``
  is plotted at the middle of its period, with a horizontal bar spanning the period.
- **y**: the marker is the figure as stated (:attr:`Estimate.central`), the vertical bar its interval. An
  open bound ("at least 300") is drawn to the edge of the plot — the top, or 0 below, since figures are
  never negative — and ends in a caret (``^`` / ``v``) instead of a cap.
- hollow markers are figures a rule derived (sums, remainders); filled ones were stated by the source.
- a red dashed line joins two figures that contradict each other, labelled with the kind and ratio.
- figures dated alike are spread a little sideways so none hides another; their period bars still span
  the exact period.

>>> from reconcile import Claim, reconcile
>>> r = reconcile([Claim.figure("a", "un", "killed", "300", subject="x", said_on="2024-05-01"),
...                Claim.figure("b", "ngo", "killed", "at least 5,000", subject="x", said_on="2024-06-01")])
>>> t = timeline(r, "x", "killed")
>>> [(m.claim_id, m.open_high) for m in t.marks]
[('a', False), ('b', True)]
>>> t.to_png()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import textwrap
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

import attrs

from ..claims import Claim
from ..errors import MeasureError
from ..figures.quantity import Number, format_number
from ..findings import Finding
from ..io import write_atomic
# What each chart draws lives in chart_selection.py and how its labels are kept apart in label_layout.py; their
# public names are re-exported, so that every public name once importable from here still is.
from .chart_selection import _result_and_sources, chart_groups, related, series_keys
from .label_layout import LABEL_GAP_POINTS, _declutter, _fit_ticks, overlapping_labels  # noqa: F401

__all__ = ["Mark", "Timeline", "timeline", "chart", "chart_groups", "related", "overlapping_labels", "save_timelines",
           "series_keys", "MISSING_MATPLOTLIB", "contradiction_graph", "GraphPicture"]

MISSING_MATPLOTLIB = "timeline plots need matplotlib, the 'plot' extra: pip install 'reconcile[plot]'"

# tab10 without its red, which marks contradictions
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
CONTRADICTION_COLOUR = "#d62728"
FOOTNOTE = ("Marker: figure as stated, at the date it refers to (a period such as 2024-fall: at its middle, "
            "horizontal bar = the period). Vertical bar: interval; ^ / v: open bound drawn to the edge. "
            "Hollow: derived by a rule. Red dashes: contradiction.")


def _matplotlib() -> Any:
    try:
        import matplotlib.dates as mdates  # matplotlib is an optional extra
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
        from matplotlib.ticker import FuncFormatter
    except ImportError as err:
        raise ImportError(MISSING_MATPLOTLIB) from err
    return Figure, FigureCanvasAgg, Line2D, mdates, FuncFormatter


@attrs.frozen
class Mark:
    """One claim as drawn: its period and middle on x, its interval on y as plotted (open bounds clipped)."""

    claim_id: str
    source: str
    start: _dt.date
    end: _dt.date
    x: _dt.date
    y: float
    low: float
    high: float
    open_low: bool
    open_high: bool
    derived: bool


@attrs.frozen(eq=False, repr=False)
class Timeline:
    """A drawn timeline: the matplotlib ``figure`` and ``axes``, and what was drawn (``marks``, one per
    claim, and the ``contradictions`` joined by red lines). Shows itself in Jupyter as a PNG."""

    subject: str
    measure: str
    figure: Any
    axes: Any
    marks: tuple[Mark, ...]
    contradictions: tuple[Finding, ...]
    caption: str = FOOTNOTE

    def __repr__(self) -> str:
        return f"Timeline({self.subject!r}, {self.measure!r}: {len(self.marks)} figures)"

    def to_png(self, dpi: int = 130) -> bytes:
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=dpi)
        return buf.getvalue()

    def to_svg(self) -> str:
        import matplotlib

        buf = io.BytesIO()
        # A fixed hash salt and no date keep the SVG identical from run to run.
        with matplotlib.rc_context({"svg.hashsalt": "reconcile"}):
            self.figure.savefig(buf, format="svg", metadata={"Date": None})
        return buf.getvalue().decode("utf-8")

    def save(self, path: str | Path, format: str | None = None) -> Path:
        """Write the timeline as PNG or SVG (from ``format`` or the file's suffix), atomically."""
        target = Path(path)
        fmt = (format or target.suffix.lstrip(".") or "png").lower()
        if fmt not in ("png", "svg"):
            raise ValueError(f"unknown plot format {fmt!r}; expected png or svg")
        write_atomic(target, self.to_png() if fmt == "png" else self.to_svg())
        return target

    def _repr_png_(self) -> bytes:
        return self.to_png()


def _middle(c: Claim) -> _dt.date:
    return c.as_of.start + (c.as_of.end - c.as_of.start) / 2


def timeline(data: Any, subject: str, measure: str, *, width: float = 8.5, height: float = 4.8) -> Timeline:
    """Draw the figures of ``measure`` for ``subject`` from a Reconciliation or a Report.

    Colours follow the order sources first appear in the story, so a source keeps its colour across a
    report's timelines.
    """
    result, _ = _result_and_sources(data)
    claims = [c for c in result.claims if c.is_figure and c.subject == subject and c.measure == measure]
    if not claims:
        raise MeasureError("no figures to plot", text=f"{subject} · {measure}",
                           expected="a subject and measure with at least one figure claim")
    return _draw(data, claims, f"{measure} · {subject}", width=width, height=height)


def chart(data: Any, claim_ids: "Iterable[str]", *, title: str = "", width: float = 8.5,
          height: float | None = None, only: "Iterable[str] | None" = None) -> Timeline:
    """Draw the given figure claims on one chart: one measure coloured by source, several measures (a whole
    and its parts) coloured by measure with a marker shape per source. The claims must share a unit;
    ``height`` defaults to 4.8 inches, less for a single figure; ``only`` (claim ids) draws just the
    contradiction between those claims, the one a chart beside a finding is about.

    >>> from reconcile import Claim, reconcile
    >>> r = reconcile([Claim.figure("k", "un", "killed", "300", subject="x", said_on="2024-05-01"),
    ...                Claim.figure("c", "un", "casualties", "1,000", subject="x", said_on="2024-05-01")])
    >>> chart(r, ["k", "c"]).measure
    'casualties + killed'
    """
    result, _ = _result_and_sources(data)
    wanted = set(claim_ids)
    claims = [c for c in result.claims if c.id in wanted and c.is_figure]
    if not claims:
        raise MeasureError("no figures to plot", text=", ".join(sorted(wanted)) or "(none)",
                           expected="ids of figure claims")
    units = {c.estimate.unit for c in claims if c.estimate is not None}
    if len(units) > 1:
        raise MeasureError("figures of different units cannot share a chart", text=", ".join(sorted(units)),
                           expected="claims of one unit")
    measures = " + ".join(dict.fromkeys(c.topic for c in claims))
    if height is None:  # a lone figure needs less room than a story's worth
        height = SINGLE_HEIGHT if len(claims) == 1 else 4.8
    return _draw(data, claims, title or f"{measures} · {claims[0].subject}", width=width, height=height,
                 only=None if only is None else frozenset(only))


MARKERS = ("o", "s", "D", "P", "X", "*", "h", "p")
SINGLE_HEIGHT = 3.4  # inches: the height of a chart of one figure (others are 4.8)
TITLE_WIDTH = 60  # characters per line of a chart's title: a longer one wraps instead of running off the chart


def _draw(data: Any, claims: "list[Claim]", title: str, *, width: float, height: float,
          only: "frozenset[str] | None" = None) -> Timeline:
    Figure, FigureCanvasAgg, Line2D, mdates, FuncFormatter = _matplotlib()
    result, sources = _result_and_sources(data)
    # Colours go to sources of figures only, in the story's order: the same across a report's timelines,
    # and the strongest colours are not spent on sources that only pass claims on or make statements.
    with_figures = {c.source.id for c in result.claims if c.is_figure}
    by_source = {sid: PALETTE[i % len(PALETTE)] for i, sid in enumerate(s for s in sources if s in with_figures)}
    measures = list(dict.fromkeys(c.topic for c in claims))
    by_measure = {m: PALETTE[i % len(PALETTE)] for i, m in enumerate(measures)}
    many = len(measures) > 1  # a whole and its parts: colour tells the measure, the marker the source
    shape = {sid: MARKERS[i % len(MARKERS)] for i, sid in enumerate(dict.fromkeys(c.source.id for c in claims))}

    def colour_of(c: Claim) -> str:
        return by_measure[c.topic] if many else by_source[c.source.id]

    values: list[Number] = []
    for c in claims:
        assert c.estimate is not None  # claims holds figures only
        values += [v for v in (c.estimate.low, c.estimate.high, c.estimate.central) if v is not None]
    top = float(max(values)) * 1.2 or 1.0  # headroom above the highest closed figure; open bounds run to it

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    marks: list[Mark] = []
    labels: list[Any] = []
    positions: dict[str, tuple[float, float]] = {}
    first = min(mdates.date2num(c.as_of.start) for c in claims)
    last = max(mdates.date2num(c.as_of.end) for c in claims)
    pad = max(10.0, (last - first) * 0.08)
    left, right = first - pad, last + pad + max(20.0, (last - first) * 0.25)  # room for labels on the right
    # Claims dated alike would hide each other: spread their markers a little sideways (their period bars
    # still span the exact period).
    same_date: dict[float, list[str]] = defaultdict(list)
    for c in claims:
        same_date[mdates.date2num(_middle(c))].append(c.id)
    step = (right - left) * 0.025
    for c in claims:
        e = c.estimate
        assert e is not None
        x = _middle(c)
        xs, xe = mdates.date2num(c.as_of.start), mdates.date2num(c.as_of.end)
        crowd = same_date[mdates.date2num(x)]
        xn = mdates.date2num(x) + (crowd.index(c.id) - (len(crowd) - 1) / 2) * step
        y, low, high = float(e.central), float(e.floor), float(top if e.high is None else e.high)
        derived = c.rule is not None and c.rule != "fraction"
        colour = colour_of(c)
        bars = ax.errorbar([xn], [y], yerr=[[y - low], [high - y]],
                           xerr=[[max(xn - xs, 0)], [max(xe - xn, 0)]] if c.as_of.start != c.as_of.end else None,
                           lolims=e.high is None, uplims=e.low is None,  # carets, not caps, at open bounds
                           fmt=shape[c.source.id] if many else "o", ms=7, capsize=5, elinewidth=1.8, color=colour,
                           mfc="white" if derived else colour, mec=colour, mew=1.8, zorder=3)
        for cap in bars.lines[1]:
            cap.set_clip_on(False)  # a caret at 0 or at the top edge stays visible
        for artist in (bars.lines[0], *bars.lines[1], *bars.lines[2]):
            if artist is not None:
                artist.set_gid(c.id)  # so a test or a caller can find each claim's artists
        labels.append(ax.annotate(f"{c.id}\n{e.describe()}", (xn, y), xytext=(9, 0), textcoords="offset points",
                                  fontsize=8, va="center", color="#333333", zorder=4, gid=f"label:{c.id}",
                                  arrowprops={"arrowstyle": "-", "color": "#aaaaaa", "lw": 0.6,
                                              "shrinkA": 0, "shrinkB": 4}))
        positions[c.id] = (xn, y)
        marks.append(Mark(c.id, c.source.id, c.as_of.start, c.as_of.end, x, y, low, high, e.low is None,
                          e.high is None, derived))

    drawn: list[Finding] = []
    for f in result.contradictions():
        if len(f.claims) == 2 and all(i in positions for i in f.claims) and (only is None or f.pair == only):
            (x1, y1), (x2, y2) = positions[f.claims[0]], positions[f.claims[1]]
            # No label on the line: the claims' own labels say the figures, the report says why.
            ax.plot([x1, x2], [y1, y2], color=CONTRADICTION_COLOUR, linestyle="--", linewidth=1.5, zorder=2,
                    gid=f"contradicts:{f.claims[0]}:{f.claims[1]}")
            drawn.append(f)

    ax.set_xlim(left, right)
    ax.set_ylim(0, top * 1.06)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    dates = mdates.ConciseDateFormatter(locator)
    # Full dates on the ticks ("15 Jan", "Feb 2025") and no offset label in the corner, which read as a date.
    dates.formats = ["%Y", "%b %Y", "%-d %b", "%H:%M", "%H:%M", "%S.%f"]
    dates.zero_formats = ["", "%Y", "%b %Y", "%-d %b", "%H:%M", "%H:%M"]
    dates.offset_formats = [""] * 6
    ax.xaxis.set_major_formatter(dates)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v)))
    unit = claims[0].estimate.unit if claims[0].estimate is not None else ""
    ax.set_ylabel(f"{measures[0]} ({unit})" if not many else unit)
    ax.set_xlabel("as of (the date the figure refers to)")
    ax.set_title("\n".join(textwrap.wrap(title, TITLE_WIDTH)), loc="left", fontsize=12, fontweight="bold")
    ax.grid(True, axis="y", color="#e4e4ea", linewidth=0.8)
    ax.set_axisbelow(True)
    # Outside the axes, so it never hides a caret at the top; constrained layout makes room for both.
    # Proxy handles: a source's entry is always a filled marker, whatever its first claim looks like.
    if many:
        handles = [Line2D([], [], color=by_measure[m], linewidth=1.8, label=m) for m in measures]
        handles += [Line2D([], [], color="#555555", marker=shape[sid], ms=7, linestyle="none",
                           label=sources[sid].label) for sid in shape]
    else:
        handles = [Line2D([], [], color=by_source[sid], marker="o", ms=7, linewidth=1.8, label=sources[sid].label)
                   for sid in dict.fromkeys(c.source.id for c in claims)]
    if any(m.derived for m in marks):
        handles.append(Line2D([], [], color="#555555", marker="o", mfc="white", ms=7, linestyle="none",
                              label="derived by a rule"))
    if drawn:
        handles.append(Line2D([], [], color=CONTRADICTION_COLOUR, linestyle="--", linewidth=1.5,
                              label="contradicts"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    fig.supxlabel("\n".join(textwrap.wrap(FOOTNOTE, 130)), x=0.01, ha="left", fontsize=7, color="#555555")
    _fit_ticks(fig, ax)  # first, while the layout can still make room for slanted dates
    _declutter(fig, labels)
    subject = claims[0].subject
    return Timeline(subject, " + ".join(measures), fig, ax, tuple(marks), tuple(drawn))


GRAPH_COLOURS = {"contradicts": CONTRADICTION_COLOUR, "supports": "#2ca02c", "refines": "#9a9aa6",
                 "not-comparable": "#c8c8d0"}


@attrs.frozen(eq=False, repr=False)
class GraphPicture:
    """A drawing of the claim graph: the matplotlib ``figure`` and the claims drawn (``nodes``)."""

    figure: Any
    nodes: tuple[str, ...]

    def to_svg(self) -> str:
        return Timeline.to_svg(self)  # type: ignore[arg-type]  # the same deterministic SVG settings

    def to_png(self, dpi: int = 100) -> bytes:
        return Timeline.to_png(self, dpi)  # type: ignore[arg-type]


def contradiction_graph(data: Any, *, width: float = 8.5, height: float = 5.0) -> "GraphPicture | None":
    """Draw the claims that some finding links (contradicts, supports, refines), each group of linked
    claims in its own circle, laid out deterministically; ``None`` when no finding links two claims."""
    import networkx as nx

    Figure, FigureCanvasAgg, Line2D, _mdates, _fmt = _matplotlib()
    result, _ = _result_and_sources(data)
    graph = nx.Graph()
    for f in result.findings:
        if len(f.claims) >= 2 and f.relation.value != "not-comparable":
            graph.add_edge(f.claims[0], f.claims[-1], relation=f.relation.value)
    if graph.number_of_edges() == 0:
        return None
    groups = sorted((sorted(g) for g in nx.connected_components(graph)), key=lambda g: (-len(g), g))
    columns = min(2, len(groups))
    pos: dict[str, tuple[float, float]] = {}
    for n, group in enumerate(groups):  # a circle per group, in a grid: no random layout, no overlaps
        cx, cy = (n % columns) * 4.0, -(n // columns) * 2.6
        layout = nx.circular_layout(group) if len(group) > 2 else {g: ((i - 0.5) * 1.6, 0.0)
                                                                     for i, g in enumerate(group)}
        for node, (x, y) in layout.items():
            pos[node] = (cx + float(x), cy + float(y))
    fig = Figure(figsize=(width, max(height, 2.6 * ((len(groups) - 1) // columns + 1))), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for u, v, d in sorted(graph.edges(data=True)):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.plot([x1, x2], [y1, y2], color=GRAPH_COLOURS[d["relation"]], linewidth=2,
                linestyle="--" if d["relation"] == "contradicts" else "-", zorder=1, gid=f"{d['relation']}:{u}:{v}")
    labels = []
    for node in sorted(pos):
        x, y = pos[node]
        figure = result.claim(node).is_figure
        ax.plot([x], [y], marker="o" if figure else "s", ms=9, color="#1f77b4" if figure else "#8c564b", zorder=2)
        labels.append(ax.annotate(node, (x, y), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=8,
                                  zorder=3, gid=f"label:{node}"))
    ax.set_axis_off()
    ax.margins(0.25)
    ax.set_title("Claims linked by findings", loc="left", fontsize=12, fontweight="bold")
    handles = [Line2D([], [], color=GRAPH_COLOURS[k], linestyle="--" if k == "contradicts" else "-", linewidth=2,
                      label=k) for k in ("contradicts", "supports", "refines")]
    handles += [Line2D([], [], color="#1f77b4", marker="o", linestyle="none", label="figure"),
                Line2D([], [], color="#8c564b", marker="s", linestyle="none", label="statement")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    _declutter(fig, labels)
    return GraphPicture(fig, tuple(sorted(pos)))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "x"


def save_timelines(data: Any, directory: str | Path, format: str = "png") -> list[Path]:
    """One timeline per subject and measure with figures, as ``DIR/<subject>--<measure>.<format>``."""
    out = []
    for subject, measure in series_keys(data):
        picture = timeline(data, subject, measure)
        out.append(picture.save(Path(directory) / f"{_slug(subject)}--{_slug(measure)}.{format}", format))
        picture.figure.clear()  # free the drawing now rather than at garbage collection
    return out
