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

__all__ = ["Span", "Heading", "Paragraph", "Quote", "Table", "Bullets", "Timeline", "Block", "Inline", "Cell",
           "code", "strong", "pieces", "plain", "render_markdown"]


@attrs.frozen
class Span:
    """Inline text with a style: ``""`` (plain), ``"code"`` or ``"strong"``."""

    text: str
    style: str = ""


Piece = Union[str, Span]
Inline = Sequence[Piece]
Cell = Union[Piece, Sequence[Piece]]


def code(text: str) -> Span:
    return Span(text, "code")


def strong(text: str) -> Span:
    return Span(text, "strong")


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
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    css: str = ""


@attrs.frozen
class Bullets:
    items: tuple[Inline, ...]


@attrs.frozen
class Timeline:
    """Where the timeline of one subject and measure goes (HTML embeds a picture; Markdown has none)."""

    subject: str
    measure: str


Block = Union[Heading, Paragraph, Quote, Table, Bullets, Timeline]


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


def _md_inline(cell: Cell) -> str:
    return render_inline(cell, _MD_STYLES, _md_text)


def render_markdown(blocks: Sequence[Block]) -> str:
    """GitHub-flavoured Markdown; one blank line between blocks, ending in a newline."""
    parts: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            parts.append("#" * b.level + " " + _md_inline(b.text))
        elif isinstance(b, Paragraph):
            parts.append(_md_inline(b.text))
        elif isinstance(b, Quote):
            parts.append("> " + _md_inline(b.text))
        elif isinstance(b, Table):
            lines = ["| " + " | ".join(_md_text(h) for h in b.header) + " |",
                     "|" + " --- |" * len(b.header)]
            lines += ["| " + " | ".join(_md_inline(c) for c in row) + " |" for row in b.rows]
            parts.append("\n".join(lines))
        elif isinstance(b, Bullets):
            parts.append("\n".join("- " + _md_inline(item) for item in b.items))
        elif isinstance(b, Timeline):
            continue  # Markdown has no self-contained pictures; `reconcile report --plot DIR` writes them
        else:  # pragma: no cover - a new block type must be rendered here
            raise TypeError(f"unknown block {b!r}")
    return "\n\n".join(parts) + "\n"
