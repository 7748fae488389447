"""Timeline plots: what is drawn for the seed's killed figures, the PNG and SVG files, and the optional extra."""

from __future__ import annotations

import datetime as dt
import struct
import sys

import pytest

from reconcile import Report
from reconcile.errors import MeasureError
from reconcile.report.plot import CONTRADICTION_COLOUR, MISSING_MATPLOTLIB, save_timelines, series_keys, timeline

matplotlib = pytest.importorskip("matplotlib")

S = "nk-troops-kursk"
NIS = "South Korea National Intelligence Service"
ZELENSKY = "Volodymyr Zelensky"


@pytest.fixture
def report(seed):
    return Report.from_reconciliation(seed, scenario=S)


def y_interval(ax, claim_id: str) -> tuple[float, float]:
    """The vertical error bar drawn for a claim, read back from the Axes' errorbar containers."""
    for container in ax.containers:
        data_line, _caps, bars = container.lines
        if data_line.get_gid() == claim_id:
            (segment,) = bars[-1].get_segments()  # the y bars come after the x bars
            (x0, y0), (x1, y1) = segment
            assert x0 == x1  # vertical
            return (min(y0, y1), max(y0, y1))
    raise AssertionError(f"no error bar for {claim_id}")


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    assert data[12:16] == b"IHDR" and data[-8:-4] == b"IEND"
    return struct.unpack(">II", data[16:24])


def test_killed_timeline_shows_both_sources_with_their_intervals(report, tmp_path):
    picture = timeline(report, S, "killed")
    ax = picture.axes
    # both sources in the legend, and the contradiction
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [NIS, ZELENSKY, "contradicts"]
    # each claim a point at its date with its interval as an error bar
    marks = {m.claim_id: m for m in picture.marks}
    assert set(marks) == {"nis-killed", "zel-killed"}
    assert marks["nis-killed"].x == dt.date(2025, 1, 13) and marks["zel-killed"].x == dt.date(2025, 2, 14)
    assert marks["zel-killed"].y == pytest.approx(2666.667, abs=1e-3)
    assert y_interval(ax, "zel-killed") == pytest.approx((2400, 2933.333), abs=1e-3)  # 4,000 is ±10%
    # "at least 300" is open above: its bar starts at 300 and runs to the top of the plot, ending in a caret
    low, high = y_interval(ax, "nis-killed")
    assert low == 300 and marks["nis-killed"].open_high and high == marks["nis-killed"].high >= 3000
    assert high <= ax.get_ylim()[1]
    # sources are told apart by colour
    colours = {c.lines[0].get_gid(): c.lines[0].get_color() for c in ax.containers}
    assert colours["nis-killed"] != colours["zel-killed"]
    # the contradiction is a red line between the two points
    (line,) = [ln for ln in ax.get_lines() if (ln.get_gid() or "").startswith("contradicts:")]
    assert line.get_gid() == "contradicts:nis-killed:zel-killed" and line.get_color() == CONTRADICTION_COLOUR
    assert list(line.get_ydata()) == pytest.approx([300, 2666.667], abs=1e-3)
    assert [f.kind for f in picture.contradictions] == ["magnitude"]
    # labels name the claims with their normalized figures
    texts = [t.get_text() for t in ax.texts]
    assert "nis-killed\nat least 300" in texts and "zel-killed\n≈2,667 (2,400–2,933)" in texts

    path = picture.save(tmp_path / "killed.png")
    width, height = png_size(path)
    assert width > 600 and height > 300
    assert matplotlib.image.imread(str(path)).shape[:2] == (height, width)  # decodes as an image


def test_a_partial_date_is_drawn_at_its_middle_spanning_its_period(report):
    picture = timeline(report, S, "deployed")
    (mark,) = picture.marks
    assert (mark.start, mark.end) == (dt.date(2024, 9, 1), dt.date(2024, 11, 30))
    assert mark.x == dt.date(2024, 10, 16)  # 45 days into the 91 of Sep-Nov
    assert mark.open_low and not mark.open_high and (mark.low, mark.high) == (0, 12000)  # "up to": from 0
    (container,) = picture.axes.containers
    x_bars = container.lines[2][0]
    (segment,) = x_bars.get_segments()
    dates = matplotlib.dates
    assert [dates.num2date(x).date() for x, _ in segment] == [dt.date(2024, 9, 1), dt.date(2024, 11, 30)]


def test_derived_figures_are_hollow_and_said_so(report):
    picture = timeline(report, S, "casualties")
    derived = [c for c in picture.axes.containers if c.lines[0].get_gid() == "nis-killed+nis-wounded/sum"][0]
    assert derived.lines[0].get_markerfacecolor() == "white"
    assert "derived by a rule" in [t.get_text() for t in picture.axes.get_legend().get_texts()]


def test_svg_is_deterministic(report, tmp_path):
    a = timeline(report, S, "killed").save(tmp_path / "a.svg")
    b = timeline(report, S, "killed").save(tmp_path / "b.svg")
    text = a.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert text == b.read_text(encoding="utf-8")
    assert timeline(report, S, "killed").to_png() == timeline(report, S, "killed").to_png()


def test_save_timelines_writes_one_file_per_subject_and_measure(seed, tmp_path):
    keys = series_keys(seed)
    assert (S, "killed") in keys and len(keys) == 6
    paths = save_timelines(seed, tmp_path)
    assert [p.name for p in paths] == [f"{s}--{m}.png" for s, m in keys]
    assert all(png_size(p)[0] > 0 for p in paths)


def test_plotting_leaves_the_global_backend_alone(report):
    before = matplotlib.get_backend()
    timeline(report, S, "killed")
    assert matplotlib.get_backend() == before


def test_nothing_to_plot_is_a_clear_error(report):
    with pytest.raises(MeasureError, match="no figures to plot"):
        timeline(report, S, "missing")
    with pytest.raises(TypeError, match="Reconciliation or a Report"):
        timeline([], S, "killed")
    with pytest.raises(ValueError, match="png or svg"):
        timeline(report, S, "killed").save("x.gif")


def test_without_matplotlib_the_error_names_the_extra(report, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"pip install 'reconcile\[plot\]'") as info:
        timeline(report, S, "killed")
    assert str(info.value) == MISSING_MATPLOTLIB


def test_figures_dated_alike_are_spread_so_none_hides_another():
    from reconcile import Claim, reconcile

    claims = [Claim.figure(i, src, "killed", value, subject="x", said_on="2024-05-01")
              for i, src, value in (("a", "un", "1,200"), ("b", "ngo", "at least 5,000"), ("c", "icrc", "1,250"))]
    picture = timeline(reconcile(claims), "x", "killed")
    assert {m.x for m in picture.marks} == {dt.date(2024, 5, 1)}  # the date drawn for is the claim's date
    drawn = sorted(c.lines[0].get_xdata()[0] for c in picture.axes.containers)
    assert len(set(drawn)) == 3 and drawn[1] == pytest.approx(matplotlib.dates.date2num(dt.date(2024, 5, 1)))


# -- readable charts (issue 14) ------------------------------------------------------------------------------

from pathlib import Path  # noqa: E402

from reconcile.report.plot import chart, chart_groups, overlapping_labels, related  # noqa: E402

SCENARIOS = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_no_two_labels_overlap_in_any_chart_of_any_scenario(path):
    from reconcile.scenarios.reader import load

    result = load(path).reconcile()
    pictures = [chart(result, ids) for _, _, ids in chart_groups(result)]
    pictures += [chart(result, related(result, f)) for f in result.contradictions() if related(result, f)]
    assert pictures
    for picture in pictures:
        assert len(picture.axes.texts) == len(picture.marks)  # every figure labelled
        assert overlapping_labels(picture) == [], picture
        picture.figure.clear()


def test_overlap_check_sees_labels_that_do_overlap():
    """The measure itself: two labels put at one spot are reported, so the test above can fail."""
    from reconcile import Claim, reconcile

    r = reconcile([Claim.figure("a", "un", "killed", "1,200", subject="x", said_on="2024-05-01"),
                   Claim.figure("b", "ngo", "killed", "1,210", subject="x", said_on="2024-05-01")])
    picture = chart(r, ["a", "b"])
    assert overlapping_labels(picture) == []
    a, b = picture.axes.texts
    b.xy, b.xyann = a.xy, a.xyann
    assert overlapping_labels(picture) == [("label:a", "label:b")]


def test_parts_and_whole_are_drawn_together_beside_a_part_whole_finding(seed):
    (finding,) = [f for f in seed.contradictions() if f.kind == "cumulative-decrease"]
    ids = related(seed, finding)
    assert {"nis-wounded", "zel-killed/remainder", "zel-casualties", "zel-killed"} <= set(ids)
    picture = chart(seed, ids)
    labels = [t.get_text() for t in picture.axes.get_legend().get_texts()]
    assert {"wounded", "non-fatal", "casualties", "killed"} <= set(labels)
    assert ZELENSKY in labels and "contradicts" in labels
    colours = {c.lines[0].get_gid(): c.lines[0].get_color() for c in picture.axes.containers}
    assert colours["zel-killed"] != colours["zel-casualties"]  # colour tells the measure apart


def test_single_figures_join_their_family_chart(seed):
    groups = {title: ids for _, title, ids in chart_groups(seed)}
    assert "ki-deployed" in groups["deployed + killed + casualties + wounded + non-fatal (person)"]
    assert groups["share-of-territory (percent)"] == ("russia-regained",)  # another unit keeps its own
    assert len(groups) == 2


def test_the_graph_drawing_shows_every_linked_claim_with_labels_apart(seed):
    from reconcile.report.plot import GRAPH_COLOURS, contradiction_graph

    drawing = contradiction_graph(seed)
    assert drawing is not None
    assert {"nis-killed", "zel-killed", "nis-wounded", "zel-killed/remainder", "nyt-pulled",
            "budanov-denial"} <= set(drawing.nodes)
    (ax,) = drawing.figure.axes
    contradicts = [ln for ln in ax.get_lines() if (ln.get_gid() or "").startswith("contradicts:")]
    assert len(contradicts) == len([f for f in seed.findings if f.relation.value == "contradicts"])
    assert all(ln.get_color() == GRAPH_COLOURS["contradicts"] for ln in contradicts)
    renderer = drawing.figure.canvas.get_renderer()
    drawing.figure.draw_without_rendering()
    from reconcile.report.label_layout import _text_box

    boxes = [_text_box(t, renderer) for t in ax.texts]
    assert len(boxes) == len(drawing.nodes)
    assert not [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert drawing.to_svg() == contradiction_graph(seed).to_svg()  # deterministic


def test_a_findings_chart_draws_only_its_own_contradiction(seed):
    (finding,) = [f for f in seed.contradictions() if f.kind == "cumulative-decrease"]
    ids = related(seed, finding)
    everything = chart(seed, ids)
    assert len(everything.contradictions) == 2  # the killed contradiction is on this chart too
    own = chart(seed, ids, only=finding.claims)
    assert own.contradictions == (finding,)
    lines = [ln.get_gid() for ln in own.axes.get_lines() if (ln.get_gid() or "").startswith("contradicts:")]
    assert lines == ["contradicts:nis-wounded:zel-killed/remainder"]


def test_related_and_chart_groups_give_what_scanning_every_claim_gives(tmp_path):
    """The index behind related() and chart_groups() (made once per reconciliation) changes no chart."""
    import importlib.util
    from pathlib import Path

    from reconcile import Report
    from reconcile.report.plot import chart_groups, related
    from reconcile.scenarios import bulk

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("bench_generate", root / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    gen.write(gen.wide(2000, 200, 30), tmp_path / "s.jsonl", "s")
    report = Report.from_scenario(bulk.load(tmp_path / "s.jsonl"))
    claims = report.result.claims
    by_id = {c.id: c for c in claims}
    assert len(report.discrepancies) > 20
    for f in report.findings:
        involved = [by_id[i] for i in (*f.claims, *f.context) if i in by_id]
        involved += [by_id[i] for c in list(involved) for i in c.derived_from if i in by_id]
        figures = [c for c in involved if c.estimate is not None]
        if not figures:
            assert related(report, f) == ()
            continue
        unit, subject = figures[0].estimate.unit, figures[0].subject
        measures = {c.topic for c in figures if c.estimate.unit == unit}
        assert related(report, f) == tuple(c.id for c in claims if c.estimate is not None and c.subject == subject
                                           and c.estimate.unit == unit and c.topic in measures)
    for _subject, title, ids in chart_groups(report):
        assert title.startswith(" + ".join(dict.fromkeys(report.result.claim(i).topic for i in ids)) + " (")
