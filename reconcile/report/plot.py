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
from typing import Any

import attrs

from ..claims import Claim, Source
from ..engine.reconciliation import Reconciliation
from ..errors import MeasureError
from ..figures.quantity import Number, format_number
from ..findings import Finding
from ..io import write_atomic

__all__ = ["Mark", "Timeline", "timeline", "save_timelines", "series_keys", "MISSING_MATPLOTLIB"]

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


def _result_and_sources(data: Any) -> tuple[Reconciliation, dict[str, Source]]:
    result = getattr(data, "result", data)  # a Report, or a Reconciliation itself
    if not isinstance(result, Reconciliation):
        raise TypeError(f"expected a Reconciliation or a Report, got {type(data).__name__}")
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
    Figure, FigureCanvasAgg, Line2D, mdates, FuncFormatter = _matplotlib()
    result, sources = _result_and_sources(data)
    claims = [c for c in result.claims if c.is_figure and c.subject == subject and c.measure == measure]
    if not claims:
        raise MeasureError("no figures to plot", text=f"{subject} · {measure}",
                           expected="a subject and measure with at least one figure claim")
    # Colours go to sources of figures only, in the story's order: the same across a report's timelines,
    # and the strongest colours are not spent on sources that only pass claims on or make statements.
    with_figures = {c.source.id for c in result.claims if c.is_figure}
    colour = {sid: PALETTE[i % len(PALETTE)] for i, sid in enumerate(s for s in sources if s in with_figures)}
    values: list[Number] = []
    for c in claims:
        assert c.estimate is not None  # claims holds figures only
        values += [v for v in (c.estimate.low, c.estimate.high, c.estimate.central) if v is not None]
    top = float(max(values)) * 1.2 or 1.0  # headroom above the highest closed figure; open bounds run to it

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    marks: list[Mark] = []
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
        bars = ax.errorbar([xn], [y], yerr=[[y - low], [high - y]],
                           xerr=[[max(xn - xs, 0)], [max(xe - xn, 0)]] if c.as_of.start != c.as_of.end else None,
                           lolims=e.high is None, uplims=e.low is None,  # carets, not caps, at open bounds
                           fmt="o", ms=7, capsize=5, elinewidth=1.8, color=colour[c.source.id],
                           mfc="white" if derived else colour[c.source.id], mec=colour[c.source.id], mew=1.8,
                           zorder=3)
        for cap in bars.lines[1]:
            cap.set_clip_on(False)  # a caret at 0 or at the top edge stays visible
        for artist in (bars.lines[0], *bars.lines[1], *bars.lines[2]):
            if artist is not None:
                artist.set_gid(c.id)  # so a test or a caller can find each claim's artists
        ax.annotate(f"{c.id}\n{e.describe()}", (xn, y), xytext=(9, 0), textcoords="offset points",
                    fontsize=8, va="center", color="#333333", zorder=4)
        positions[c.id] = (xn, y)
        marks.append(Mark(c.id, c.source.id, c.as_of.start, c.as_of.end, x, y, low, high, e.low is None,
                          e.high is None, derived))

    drawn: list[Finding] = []
    for f in result.contradictions():
        if len(f.claims) == 2 and all(i in positions for i in f.claims):
            (x1, y1), (x2, y2) = positions[f.claims[0]], positions[f.claims[1]]
            ax.plot([x1, x2], [y1, y2], color=CONTRADICTION_COLOUR, linestyle="--", linewidth=1.5, zorder=2,
                    gid=f"contradicts:{f.claims[0]}:{f.claims[1]}")
            ratio = "" if f.severity <= 1 else f" {format_number(f.severity)}×"
            # left of the line: the claims' own labels sit to the right of their markers
            ax.annotate(f"{f.kind}{ratio}", ((x1 + x2) / 2, (y1 + y2) / 2), xytext=(-6, 0),
                        textcoords="offset points", ha="right", va="center", fontsize=8,
                        color=CONTRADICTION_COLOUR,
                        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9})
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
    first = claims[0].estimate
    assert first is not None  # claims holds figures only
    ax.set_ylabel(f"{measure} ({first.unit})")
    ax.set_xlabel("as of (the date the figure refers to)")
    ax.set_title(f"{measure} · {subject}", loc="left", fontsize=12, fontweight="bold")
    ax.grid(True, axis="y", color="#e4e4ea", linewidth=0.8)
    ax.set_axisbelow(True)
    # Outside the axes, so it never hides a caret at the top; constrained layout makes room for both.
    # Proxy handles: a source's entry is always a filled marker, whatever its first claim looks like.
    handles = [Line2D([], [], color=colour[sid], marker="o", ms=7, linewidth=1.8, label=sources[sid].label)
               for sid in dict.fromkeys(c.source.id for c in claims)]
    if any(m.derived for m in marks):
        handles.append(Line2D([], [], color="#555555", marker="o", mfc="white", ms=7, linestyle="none",
                              label="derived by a rule"))
    if drawn:
        handles.append(Line2D([], [], color=CONTRADICTION_COLOUR, linestyle="--", linewidth=1.5,
                              label="contradicts"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    fig.supxlabel("\n".join(textwrap.wrap(FOOTNOTE, 130)), x=0.01, ha="left", fontsize=7, color="#555555")
    return Timeline(subject, measure, fig, ax, tuple(marks), tuple(drawn))


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
