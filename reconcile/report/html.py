"""The HTML form of a report: one self-contained document — inline CSS, no scripts, no links to fetch —
readable in any browser without a network, and the same markup as a fragment for Jupyter.

Every piece of text is escaped. Timelines are embedded as ``data:image/png;base64`` images when matplotlib
(the ``plot`` extra) is installed; otherwise a note says how to get them.

>>> from reconcile.report.document import Heading
>>> "<h1>A &amp; B</h1>" in render_html([Heading(1, ("A & B",))], title="A & B", plots=False)
True
"""

from __future__ import annotations

import base64
import html
import logging
from typing import Any, Callable, Sequence

from .document import (Block, Bullets, Cell, Chart, GraphDrawing, Heading, Paragraph, Quote, Side, Table, Timeline,
                       pieces)

__all__ = ["render_html", "CSS"]

log = logging.getLogger("reconcile")

# Scoped to .reconcile-report so the fragment cannot restyle the notebook around it.
CSS = """
.reconcile-report { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1d1d1f; line-height: 1.45; max-width: 72rem; margin: 0 auto; padding: 0 1rem 2rem; }
.reconcile-report h1 { font-size: 1.7rem; margin: 1.2rem 0 0.3rem; }
.reconcile-report h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid #d0d0d7;
  padding-bottom: 0.2rem; }
.reconcile-report h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
.reconcile-report p.lead { color: #4a4a55; }
.reconcile-report table { border-collapse: collapse; margin: 0.4rem 0 0.8rem; font-size: 0.9rem; }
.reconcile-report th, .reconcile-report td { border: 1px solid #d0d0d7; padding: 0.25rem 0.5rem;
  text-align: left; vertical-align: top; }
.reconcile-report th { background: #f2f2f6; }
.reconcile-report table.discrepancy { border-left: 4px solid #c62828; }
.reconcile-report table.summary td:nth-child(n+2):nth-child(-n+4) { font-variant-numeric: tabular-nums; }
.reconcile-report blockquote { margin: 0.4rem 0 1rem; padding: 0.4rem 0.8rem; background: #fff6f5;
  border-left: 4px solid #e57373; }
.reconcile-report code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.85em; background: #f2f2f6; padding: 0 0.2em; border-radius: 3px; }
.reconcile-report figure { margin: 0.5rem 0 1rem; }
.reconcile-report figure img { max-width: 100%; height: auto; border: 1px solid #e2e2e8; }
.reconcile-report figcaption, .reconcile-report p.note { font-size: 0.85rem; color: #5a5a66; }
.reconcile-report p.note.missing { background: #fff8e1; border-left: 4px solid #f9a825; padding: 0.4rem 0.8rem; }
.reconcile-report a { color: #0b57d0; text-decoration: none; }
.reconcile-report a:hover { text-decoration: underline; }
.reconcile-report a code { color: inherit; }
.reconcile-report :target { background: #fff3c4; }
.reconcile-report section.summary, .reconcile-report nav.contents { background: #f7f7fa; border: 1px solid #e2e2e8;
  border-radius: 6px; padding: 0.2rem 1rem; margin: 0.8rem 0; }
.reconcile-report section.summary p { font-size: 1.05rem; }
.reconcile-report nav.contents ul { margin: 0.3rem 0; }
.reconcile-report div.side { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.reconcile-report div.side > div.main { flex: 1 1 24rem; min-width: 0; overflow-x: auto; }
.reconcile-report div.side > div.aside { flex: 1 1 36rem; min-width: 0; }
.reconcile-report td:last-child { max-width: 22rem; }
.reconcile-report td code { white-space: nowrap; }
.reconcile-report section.summary h2, .reconcile-report nav.contents h2 { margin-top: 0.8rem; }
.reconcile-report nav.contents ul { columns: 2 18rem; }
.reconcile-report div.side > div.main p:first-child { font-size: 1.05rem; }
@media print { .reconcile-report { max-width: none; } }
""".strip()


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_STYLES: dict[str, Callable[[str], str]] = {
    "code": lambda text: f"<code>{_e(text)}</code>",
    "strong": lambda text: f"<strong>{_e(text)}</strong>",
}


def _inline(cell: Cell) -> str:
    out = []
    for span in pieces(cell):
        text = _STYLES.get(span.style, _e)(span.text)
        out.append(f'<a href="#{_e(span.href)}">{text}</a>' if span.href else text)
    return "".join(out)


MISSING_PLOTS = ("Charts are not drawn: matplotlib is not installed. Install the <code>plot</code> extra "
                 "(<code>pip install 'reconcile[plot]'</code>) to embed them.")


def _have_matplotlib() -> bool:
    try:
        import matplotlib  # noqa: F401  (an optional extra: only asked whether it is there)
    except ImportError:
        return False
    return True


def _img(data: bytes, mime: str, alt: str, caption: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    figcaption = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    return f'<figure><img alt="{_e(alt)}" src="data:{mime};base64,{encoded}">{figcaption}</figure>'


def _chart(block: Chart, result: Any, plots: bool, image_format: str = "png") -> str:
    if not plots or result is None:
        return ""
    if not _have_matplotlib():
        return '<p class="note">Chart not drawn (matplotlib is not installed).</p>'
    from .plot import chart

    picture = chart(result, block.claims, title=block.title, only=block.only or None)
    alt = f"Chart: {block.title}: " + ", ".join(block.claims)
    if image_format == "svg":
        data, mime = picture.to_svg().encode("utf-8"), "image/svg+xml"
    else:
        data, mime = picture.to_png(dpi=100), "image/png"  # 850 px wide: sharp in a page, and the page stays small
    picture.figure.clear()
    return _img(data, mime, alt, "")


def _graph(block: GraphDrawing, result: Any, plots: bool) -> str:
    if not plots or result is None:
        return ""
    if not _have_matplotlib():
        return '<p class="note">Graph not drawn (matplotlib is not installed).</p>'
    from .plot import contradiction_graph

    picture = contradiction_graph(result)
    if picture is None:
        return ""
    svg = picture.to_svg().encode("utf-8")
    picture.figure.clear()
    return _img(svg, "image/svg+xml", "The claim graph: claims linked by contradictions and support",
                "Claims as points, findings as lines: red contradicts, green supports, grey refines.")


def _css_class(name: str) -> str:
    return f' class="{_e(name)}"' if name else ""


def _timeline(block: Timeline, result: Any, plots: bool) -> str:
    if not plots or result is None:
        return ""
    try:
        from .plot import timeline
    except ImportError:  # pragma: no cover - plot.py itself imports matplotlib lazily
        return ""
    try:
        picture = timeline(result, block.subject, block.measure)
        png = picture.to_png(dpi=100)  # 850 px wide: sharp in a page, and the page stays small
        picture.figure.clear()
    except ImportError:
        log.info("matplotlib is not installed: the HTML report has no timelines")
        return ('<p class="note">Timeline not drawn: install the <code>plot</code> extra '
                "(<code>pip install 'reconcile[plot]'</code>) to embed it.</p>")
    data = base64.b64encode(png).decode("ascii")
    alt = f"Timeline of {block.measure} figures for {block.subject}, by source"
    return (f'<figure><img alt="{_e(alt)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{_e(picture.caption)}</figcaption></figure>")


def _block(b: Block, result: Any, plots: bool, image_format: str = "png") -> str:
    if isinstance(b, Heading):
        anchor = f' id="{_e(b.anchor)}"' if b.anchor else ""
        return f"<h{b.level}{anchor}>{_inline(b.text)}</h{b.level}>"
    if isinstance(b, Paragraph):
        return f"<p{_css_class(b.css)}>{_inline(b.text)}</p>"
    if isinstance(b, Quote):
        return f"<blockquote>{_inline(b.text)}</blockquote>"
    if isinstance(b, Table):
        head = "".join(f"<th>{_e(h)}</th>" for h in b.header)
        anchors = b.anchors or ("",) * len(b.rows)
        rows = "\n".join((f'<tr id="{_e(a)}">' if a else "<tr>") + "".join(f"<td>{_inline(c)}</td>" for c in row)
                         + "</tr>" for row, a in zip(b.rows, anchors))
        return (f"<table{_css_class(b.css)}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n"
                "</tbody>\n</table>")
    if isinstance(b, Bullets):
        return "<ul>\n" + "\n".join(f"<li>{_inline(item)}</li>" for item in b.items) + "\n</ul>"
    if isinstance(b, Side):
        main = "\n".join(x for x in (_block(i, result, plots, image_format) for i in b.main) if x)
        aside = "\n".join(x for x in (_block(i, result, plots, image_format) for i in b.aside) if x)
        return f'<div class="side">\n<div class="main">\n{main}\n</div>\n<div class="aside">\n{aside}\n</div>\n</div>'
    if isinstance(b, Chart):
        return _chart(b, result, plots, image_format)
    if isinstance(b, GraphDrawing):
        return _graph(b, result, plots)
    if isinstance(b, Timeline):
        return _timeline(b, result, plots)
    raise TypeError(f"unknown block {b!r}")  # pragma: no cover - a new block type must be rendered here


# Blocks whose content is grouped in a box: the paragraphs after a heading with this anchor, up to the
# next heading.
_BOXED = {"summary": ("section", "summary"), "contents": ("nav", "contents")}


def render_html(blocks: Sequence[Block], *, title: str, result: Any = None, plots: bool = True,
                full: bool = True, image_format: str = "png") -> str:
    """HTML for ``blocks``; ``result`` (a Reconciliation) is needed only to draw charts, embedded as
    ``image_format`` (``png`` or ``svg``; the graph of claims is always SVG)."""
    if image_format not in ("png", "svg"):
        raise ValueError(f"unknown plot format {image_format!r}; expected png or svg")
    body: list[str] = []
    boxed: str | None = None
    pictures = any(isinstance(b, (Chart, GraphDrawing, Timeline, Side)) for b in blocks)
    for i, b in enumerate(blocks):
        if isinstance(b, Heading) and boxed is not None:
            body.append(f"</{boxed}>")
            boxed = None
        if isinstance(b, Heading) and b.anchor in _BOXED:
            tag, css = _BOXED[b.anchor]
            body.append(f'<{tag} class="{css}">')
            boxed = tag
        html_text = _block(b, result, plots, image_format)
        if html_text:
            body.append(html_text)
        if i == 1 and plots and pictures and result is not None and not _have_matplotlib():
            body.append(f'<p class="note missing">{MISSING_PLOTS}</p>')  # once, near the top
    if boxed is not None:
        body.append(f"</{boxed}>")
    content = '<div class="reconcile-report">\n' + "\n".join(body) + "\n</div>"
    if not full:  # a fragment carries its (scoped) style with it
        return f"<style>\n{CSS}\n</style>\n{content}"
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n{content}\n</body>\n</html>\n")
