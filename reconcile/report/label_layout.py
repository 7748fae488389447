"""Keeping a drawn chart's text legible: claim labels moved apart so none overlaps another, date ticks slanted
or thinned when they would collide, and the check that no two still overlap.

Kept apart from the drawing (:mod:`reconcile.report.plot`) because it works on any laid-out matplotlib figure
(the timelines and the claim graph alike), after what to draw has been drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .plot import Timeline

__all__ = ["overlapping_labels"]

LABEL_GAP_POINTS = 2.0  # the least vertical room between two stacked labels


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
