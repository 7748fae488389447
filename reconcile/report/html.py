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

from .document import Block, Bullets, Cell, Heading, Paragraph, Quote, Table, Timeline, render_inline

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
@media print { .reconcile-report { max-width: none; } }
""".strip()


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_STYLES: dict[str, Callable[[str], str]] = {
    "code": lambda text: f"<code>{_e(text)}</code>",
    "strong": lambda text: f"<strong>{_e(text)}</strong>",
}


def _inline(cell: Cell) -> str:
    return render_inline(cell, _STYLES, _e)


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


def render_html(blocks: Sequence[Block], *, title: str, result: Any = None, plots: bool = True,
                full: bool = True) -> str:
    """HTML for ``blocks``; ``result`` (a Reconciliation) is needed only to draw timelines."""
    body: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            anchor = f' id="{_e(b.anchor)}"' if b.anchor else ""
            body.append(f"<h{b.level}{anchor}>{_inline(b.text)}</h{b.level}>")
        elif isinstance(b, Paragraph):
            body.append(f"<p{_css_class(b.css)}>{_inline(b.text)}</p>")
        elif isinstance(b, Quote):
            body.append(f"<blockquote>{_inline(b.text)}</blockquote>")
        elif isinstance(b, Table):
            head = "".join(f"<th>{_e(h)}</th>" for h in b.header)
            rows = "\n".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>" for row in b.rows)
            body.append(f"<table{_css_class(b.css)}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n"
                        "</tbody>\n</table>")
        elif isinstance(b, Bullets):
            body.append("<ul>\n" + "\n".join(f"<li>{_inline(item)}</li>" for item in b.items) + "\n</ul>")
        elif isinstance(b, Timeline):
            picture = _timeline(b, result, plots)
            if picture:
                body.append(picture)
        else:  # pragma: no cover - a new block type must be rendered here
            raise TypeError(f"unknown block {b!r}")
    content = '<div class="reconcile-report">\n' + "\n".join(body) + "\n</div>"
    if not full:  # a fragment carries its (scoped) style with it
        return f"<style>\n{CSS}\n</style>\n{content}"
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n{content}\n</body>\n</html>\n")
