"""Timeline plots: the figures of one subject and measure over time, one colour per source.

matplotlib is an optional extra (``pip install 'reconcile[plot]'``); it is imported only when a plot is
drawn, and then without touching pyplot's global backend: figures are drawn on an Agg canvas, so the
library works the same in a script, a server or a notebook.

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

from ..claims import Claim, Source
from ..engine.reconciliation import LastComputed, Reconciliation
from ..errors import MeasureError
from ..figures.quantity import Number, format_number
from ..findings import Finding
from ..io import write_atomic

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


def _result_of(data: Any) -> Reconciliation:
    result = getattr(data, "result", data)  # a Report, or a Reconciliation itself
    if not isinstance(result, Reconciliation):
        raise TypeError(f"expected a Reconciliation or a Report, got {type(data).__name__}")
    return result


def _result_and_sources(data: Any) -> tuple[Reconciliation, dict[str, Source]]:
    result = _result_of(data)
    sources: dict[str, Source] = {s.id: s for s in getattr(data, "sources", ())}
    for c in result.claims:
        sources.setdefault(c.source.id, c.source)
    return result, sources


def series_keys(data: Any) -> list[tuple[str, str]]:
    """The (subject, measure) pairs that have figures, sorted: one timeline each."""
    result, _ = _result_and_sources(data)
    return sorted({(c.subject, c.topic) for c in result.claims if c.is_figure})  # a figure's topic is its measure


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


def _families(result: Reconciliation) -> dict[str, str]:
    """Each measure of the story mapped to the first-named measure of its family: measures joined by the
    registry's part/whole and cap relations (killed, wounded, casualties, deployed), so that counts of one
    thing are drawn together and counts of unrelated things (displaced) keep a scale of their own."""
    names = sorted({c.topic for c in result.claims if c.is_figure})
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    for n in names:
        m = result.measures.get(n)
        if m is None:
            continue
        above = [m.name, *result.measures.ancestors(m.name)]
        caps = [w.capped_by for w in (result.measures.get(a) for a in above) if w is not None and w.capped_by]
        for other in (*above, *caps):
            if other in parent:
                a, b = sorted((root(n), root(other)))
                parent[b] = a
    return {n: root(n) for n in names}


def chart_groups(data: Any) -> list[tuple[str, str, tuple[str, ...]]]:
    """Per subject, unit and family of measures (see :func:`_families`), sorted: the ids of its figures,
    drawn together so a lone figure is part of its story's chart rather than a chart of its own. Returns
    ``(subject, title, ids)``."""
    result, _ = _result_and_sources(data)
    family = _families(result)
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for c in result.claims:
        if c.estimate is not None:
            groups[(c.subject, c.estimate.unit, family[c.topic])].append(c.id)
    first: dict[str, Claim] = {}  # what result.claim(i) gives, without a scan of every claim per id
    for c in result.claims:
        first.setdefault(c.id, c)
    out = []
    for (subject, unit, _root), ids in sorted(groups.items()):
        measures = " + ".join(dict.fromkeys(first[i].topic for i in ids))
        out.append((subject, f"{measures} ({unit})", tuple(ids)))
    return out


def related(data: Any, finding: Finding) -> tuple[str, ...]:
    """The figures to draw beside a finding: every figure of its subject whose measure the finding's claims,
    the claims its reason rests on (``context``: the whole a part outgrew) or the inputs of a derived claim
    name, so both sides show over time, and a whole with its parts where a part/whole rule fired."""
    by_id, figures_of = _figure_index(_result_of(data))
    involved = [by_id[i] for i in (*finding.claims, *finding.context) if i in by_id]
    involved += [by_id[i] for c in list(involved) for i in c.derived_from if i in by_id]
    figures = [c for c in involved if c.estimate is not None]
    if not figures:
        return ()
    unit, subject = figures[0].estimate.unit, figures[0].subject  # type: ignore[union-attr]
    measures = {c.topic for c in figures if c.estimate is not None and c.estimate.unit == unit}
    return tuple(c.id for c in figures_of.get((subject, unit), ()) if c.topic in measures)


_Index = tuple[dict[str, Claim], dict[tuple[str, str], list[Claim]]]
_INDEX: LastComputed[_Index] = LastComputed()


def _figure_index(result: Reconciliation) -> _Index:
    """Claims by id, and the figures of each (subject, unit) in claim order: made once per reconciliation
    (kept for the last one), so a report's thousands of discrepancy charts do not each scan every claim."""
    done = _INDEX.get(result)
    if done is not None:
        return done
    by_id = {c.id: c for c in result.claims}
    figures: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in result.claims:
        if c.estimate is not None:
            figures[(c.subject, c.estimate.unit)].append(c)
    return _INDEX.put(result, (by_id, figures))


MARKERS = ("o", "s", "D", "P", "X", "*", "h", "p")
SINGLE_HEIGHT = 3.4  # inches: the height of a chart of one figure (others are 4.8)
TITLE_WIDTH = 60  # characters per line of a chart's title: a longer one wraps instead of running off the chart
LABEL_GAP_POINTS = 2.0  # the least vertical room between two stacked labels


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


def _declutter(fig: Any, labels: list[Any]) -> None:
    """Move labels apart so no two overlap: lay the figure out once and freeze it, then, among labels whose
    horizontal extents overlap (transitively), stack them upwards in the order of their points, each at
    least :data:`LABEL_GAP_POINTS` above the one below; a stack that would leave the top is moved down as a
    whole. A thin leader joins a moved label to its point."""
    if len(labels) < 2:
        return
    renderer = fig.canvas.get_renderer()
    fig.draw_without_rendering()
    fig.set_layout_engine("none")  # keep the axes where they are while labels move
    per_point = fig.dpi / 72.0
    gap = LABEL_GAP_POINTS * per_point
    clusters = _clusters(labels, renderer)
    # Labels of one crowd start in one column right of its rightmost point, clear of every marker in it.
    for cluster in clusters:
        if len(cluster) < 2:
            continue
        points = [label.axes.transData.transform(label.xy)[0] for label, _box in cluster]
        column = max(points)
        for (label, box), px in zip(cluster, points):
            ox, oy = label.xyann
            label.xyann = (ox + (column - px) / per_point, oy)
    fig.draw_without_rendering()
    clusters = _clusters(labels, renderer)
    axes_box = labels[0].axes.get_window_extent(renderer)
    for cluster in clusters:
        cluster.sort(key=lambda lb: (lb[1].y0 + lb[1].y1) / 2)
        bottoms: list[float] = []
        floor = axes_box.y0  # a label never hangs below the axis
        for _label, box in cluster:
            y0 = max(box.y0, floor)
            bottoms.append(y0)
            floor = y0 + box.height + gap
        overflow = (bottoms[-1] + cluster[-1][1].height) - axes_box.y1
        if overflow > 0:
            lowest = axes_box.y0 - bottoms[0]
            shift = max(-overflow, lowest)  # down, but not below the axes while there is room
            bottoms = [b + shift for b in bottoms]
        for (label, box), y0 in zip(cluster, bottoms):
            dy = (y0 - box.y0) / per_point
            if abs(dy) > 1e-6:
                ox, oy = label.xyann
                label.xyann = (ox, oy + dy)


def _clusters(labels: list[Any], renderer: Any) -> list[list[tuple[Any, Any]]]:
    """Labels whose text boxes overlap horizontally (transitively), left to right, each with its box."""
    boxes = sorted(((label, _text_box(label, renderer)) for label in labels), key=lambda lb: lb[1].x0)
    clusters: list[list[tuple[Any, Any]]] = []
    reach = -float("inf")
    for label, box in boxes:
        if not clusters or box.x0 > reach:
            clusters.append([])
        clusters[-1].append((label, box))
        reach = max(reach, box.x1) if len(clusters[-1]) > 1 else box.x1
    return clusters


def _fit_ticks(fig: Any, ax: Any) -> None:
    """Date labels that would run into each other are slanted, then thinned to every other one."""
    renderer = fig.canvas.get_renderer()

    def crowded() -> bool:
        fig.draw_without_rendering()
        boxes = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
        return any(a.overlaps(b) for a, b in zip(boxes, boxes[1:]))

    if not crowded():
        return
    for t in ax.get_xticklabels():
        t.set_rotation(30)
        t.set_horizontalalignment("right")
    if crowded():
        ticks = ax.get_xticks()
        ax.set_xticks(ticks[::2])


def _text_box(label: Any, renderer: Any) -> Any:
    """The box of a label's text alone (an annotation's own extent includes its leader line)."""
    from matplotlib.text import Text

    return Text.get_window_extent(label, renderer)


def overlapping_labels(picture: Timeline) -> list[tuple[str, str]]:
    """Pairs of claim labels, or of neighbouring date labels, whose rendered text boxes overlap (none, after
    :func:`_declutter` and :func:`_fit_ticks`)."""
    fig = picture.figure
    renderer = fig.canvas.get_renderer()
    fig.draw_without_rendering()
    boxes = [(t.get_gid() or t.get_text(), _text_box(t, renderer)) for t in picture.axes.texts]
    ticks = [(f"tick:{t.get_text()}", t.get_window_extent(renderer)) for t in picture.axes.get_xticklabels()
             if t.get_text()]
    pairs = [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:] if ba.overlaps(bb)]
    return pairs + [(a, b) for (a, ba), (b, bb) in zip(ticks, ticks[1:]) if ba.overlaps(bb)]


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
