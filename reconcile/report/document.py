"""The format-neutral shape of a report: headings, paragraphs, tables, lists and timeline slots, built once
by :mod:`reconcile.report` and rendered to Markdown here and to HTML by :mod:`reconcile.report.html`, so
both formats always say the same thing.

Text is plain text everywhere; renderers escape it. A piece of inline text is a :class:`Span` (``code``
for ids, ``strong`` for labels) or a plain ``str``; a table cell is one piece or a sequence of pieces.

>>> print(render_markdown([Heading(2, ("Sources",)), Table(("Id", "Name"), ((code("nis"), "NIS | Seoul"),))]))
## Sources
<BLANKLINE>
| Id | Name |
| --- | --- |
| `nis` | NIS \\| Seoul |
<BLANKLINE>
"""

from __future__ import annotations

import re
from typing import Callable, Sequence, Union

import attrs

__all__ = ["Span", "Heading", "Paragraph", "Quote", "Table", "Bullets", "Timeline", "Chart", "Side", "GraphDrawing",
           "Block", "Inline", "Cell", "code", "strong", "link", "anchor_id", "pieces", "plain", "render_markdown"]


@attrs.frozen
class Span:
    """Inline text with a style: ``""`` (plain), ``"code"`` or ``"strong"``; with ``href`` (an anchor in
    the same page, without ``#``) it is also a link."""

    text: str
    style: str = ""
    href: str = ""


Piece = Union[str, Span]
Inline = Sequence[Piece]
Cell = Union[Piece, Sequence[Piece]]


def code(text: str) -> Span:
    return Span(text, "code")


def strong(text: str) -> Span:
    return Span(text, "strong")


def link(text: str, anchor: str, style: str = "") -> Span:
    """``text`` linking to ``anchor`` in the same page."""
    return Span(text, style, anchor)


_ANCHOR_SAFE = re.compile(r"[^A-Za-z0-9-]")


def anchor_id(kind: str, name: str) -> str:
    """An element id for ``name`` (a claim or source id) that is the same in HTML and Markdown and never
    collides: characters other than letters, digits and ``-`` become ``_`` and their hex code.

    >>> anchor_id("claim", "nis-killed+nis-wounded/sum")
    'claim-nis-killed_2bnis-wounded_2fsum'
    """
    return f"{kind}-" + _ANCHOR_SAFE.sub(lambda m: f"_{ord(m.group()):02x}", name)


def pieces(cell: Cell) -> list[Span]:
    """A cell or inline text as a list of spans."""
    if isinstance(cell, (str, Span)):
        cell = (cell,)
    return [p if isinstance(p, Span) else Span(p) for p in cell]


def render_inline(cell: Cell, styles: dict[str, Callable[[str], str]], escape: Callable[[str], str]) -> str:
    """A cell in one output format: each span through the function for its style in ``styles``, plain text
    through ``escape``."""
    return "".join(styles.get(s.style, escape)(s.text) for s in pieces(cell))


def plain(cell: Cell) -> str:
    """The text of a cell without styles (alt texts, tests)."""
    return "".join(s.text for s in pieces(cell))


@attrs.frozen
class Heading:
    level: int
    text: Inline
    anchor: str = ""


@attrs.frozen
class Paragraph:
    text: Inline
    css: str = ""


@attrs.frozen
class Quote:
    """An explanation, quoted as the engine wrote it."""

    text: Inline


@attrs.frozen
class Table:
    """A table; ``anchors``, when given, holds an element id per row ("" for none) so links can point at it
    (HTML only: Markdown does not link ids, see ``_MD_UNLINKED``)."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    css: str = ""
    anchors: tuple[str, ...] = ()


@attrs.frozen
class Bullets:
    items: tuple[Inline, ...]


@attrs.frozen
class Timeline:
    """Where the timeline of one subject and measure goes (HTML embeds a picture; Markdown has none)."""

    subject: str
    measure: str


@attrs.frozen
class Chart:
    """A chart of the figure claims ``claims`` (HTML embeds it; Markdown links ``key.<format>`` when the
    report is written with its pictures, ``reconcile report --plot DIR``)."""

    key: str
    title: str
    claims: tuple[str, ...]
    only: tuple[str, ...] = ()  # draw only the contradiction between these claims (a finding's chart)


@attrs.frozen
class GraphDrawing:
    """The drawing of the contradiction graph (HTML embeds it as SVG; Markdown links ``key.svg`` when the
    pictures are written)."""

    key: str = "contradiction-graph"


@attrs.frozen
class Side:
    """Two columns side by side where there is room (a finding's facts, and its chart): HTML puts them in
    a row that wraps on a narrow screen; Markdown writes one after the other."""

    main: tuple["Block", ...]
    aside: tuple["Block", ...]


Block = Union[Heading, Paragraph, Quote, Table, Bullets, Timeline, Chart, GraphDrawing, Side]


# -- Markdown -----------------------------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({"\\": "\\\\", "*": "\\*", "_": "\\_", "`": "\\`", "<": "&lt;", ">": "&gt;",
                             "[": "\\[", "]": "\\]", "|": "\\|"})


_SPACE = re.compile(r"\s{2,}|[\t\n\r\f\v]")


def _md_text(text: str) -> str:
    # Names, propositions and explanations are free text: keep Markdown from reading them as markup, and
    # keep a line break in a quote from ending a table row.
    if _SPACE.search(text):
        text = re.sub(r"\s+", " ", text)
    return text.translate(_MD_SPECIAL)


_MD_STYLES: dict[str, Callable[[str], str]] = {
    # ids cannot hold backticks (reconcile.claims._ID); a pipe would still end a table cell
    "code": lambda text: f"`{text.replace('|', '¦')}`",
    "strong": lambda text: f"**{_md_text(text)}**",
}


# Markdown links only to sections and discrepancies (the contents); claim, source and document ids stay
# plain text so the tables still read in a terminal, where Markdown is mostly read.
_MD_UNLINKED = ("claim-", "source-", "doc-")


def _md_inline(cell: Cell) -> str:
    out = []
    for span in pieces(cell):
        text = _MD_STYLES.get(span.style, _md_text)(span.text)
        out.append(f"[{text}](#{span.href})" if span.href and not span.href.startswith(_MD_UNLINKED) else text)
    return "".join(out)


def _md_anchor(anchor: str) -> str:
    return f'<a id="{anchor}"></a>' if anchor else ""


def _md_block(b: "Block", pictures: "Callable[[str], str | None] | None") -> list[str]:
    if isinstance(b, Heading):
        return ["#" * b.level + " " + _md_inline(b.text) + (" " + _md_anchor(b.anchor) if b.anchor else "")]
    if isinstance(b, Paragraph):
        return [_md_inline(b.text)]
    if isinstance(b, Quote):
        return ["> " + _md_inline(b.text)]
    if isinstance(b, Table):
        lines = ["| " + " | ".join(_md_text(h) for h in b.header) + " |", "|" + " --- |" * len(b.header)]
        lines += ["| " + " | ".join(_md_inline(c) for c in row) + " |" for row in b.rows]
        return ["\n".join(lines)]
    if isinstance(b, Bullets):
        return ["\n".join("- " + _md_inline(item) for item in b.items)]
    if isinstance(b, Side):
        return [part for inner in (*b.main, *b.aside) for part in _md_block(inner, pictures)]
    if isinstance(b, (Chart, GraphDrawing)):
        path = pictures(b.key) if pictures is not None else None
        title = b.title if isinstance(b, Chart) else "Contradiction graph"
        return [f"![{_md_text(title)}]({path})"] if path else []
    if isinstance(b, Timeline):
        return []  # Markdown has no self-contained pictures; `reconcile report --plot DIR` writes them
    raise TypeError(f"unknown block {b!r}")  # pragma: no cover - a new block type must be rendered here


def render_markdown(blocks: Sequence[Block], pictures: Callable[[str], str | None] | None = None) -> str:
    """GitHub-flavoured Markdown; one blank line between blocks, ending in a newline. ``pictures`` maps a
    chart's key to the path to link (``None``: no picture)."""
    parts: list[str] = []
    for b in blocks:
        parts += _md_block(b, pictures)
    return "\n\n".join(parts) + "\n"
