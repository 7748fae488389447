"""``reconcile extract ARTICLE --published DATE [--outlet NAME] [--subject SLUG] [-o FILE]``: propose the
claims of an article as a scenario file, ready for review.

The scenario is written with the scenario writer (so ``reconcile report`` and ``reconcile check`` read it
as it is), to standard output or, with ``-o``, atomically to FILE. What the analyst must review is written
into the file as YAML comments, so it travels with the claims: at the top, the figures left unclassified
(their measure could not be told) with the reason; above each claim, where its words are in the article
(character offsets), whether it is background attributed to the outlet, and what the article says about
checking it. A one-line summary goes to standard error.

Example::

    reconcile extract seeds/000_30923467c61e66e4.txt --published 2025-02-27 -o out/seed.yaml
    reconcile report out/seed.yaml
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DateError, ScenarioError
from ..extraction.parse import DEFAULT_MODEL, FALLBACK_MODEL
from ..extraction.pipeline import Extraction, extract_many
from ..extraction.text import slug
from ..figures.dates import Period

if TYPE_CHECKING:
    from ..scenarios.model import Scenario

__all__ = ["add_arguments", "run", "to_scenario", "render"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ARTICLE", help="the article's text (UTF-8)")
    parser.add_argument("--published", required=True, metavar="DATE",
                        help="the article's publication date (ISO, e.g. 2025-02-27): relative dates resolve against it")
    parser.add_argument("--outlet", metavar="NAME",
                        help="the publishing outlet, source of background figures (default: where the article "
                             "names itself)")
    parser.add_argument("--subject", metavar="SLUG",
                        help="the main subject of the claims (default: derived from the article, e.g. nk-troops-kursk)")
    parser.add_argument("--title", metavar="TEXT", help="the scenario's title")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the scenario to FILE instead of standard output")
    # -- issue 15: the parse
    parser.add_argument("--model", metavar="NAME", default=DEFAULT_MODEL,
                        help="the spaCy pipeline that parses the text, by package name or path (default "
                             f"{DEFAULT_MODEL}, else {FALLBACK_MODEL} when only that is installed)")
    parser.add_argument("--jobs", metavar="N", type=int, default=1,
                        help="parse articles in N worker processes (for many articles; default 1)")


def to_scenario(extraction: Extraction, *, document: str | None = None, title: str | None = None) -> Scenario:
    """The extraction as a :class:`~reconcile.scenarios.Scenario` (claims, sources, publication date)."""
    from ..scenarios.model import Scenario  # noqa: F811 (at call time, as before: importing this module loads no scenarios)

    name = slug(extraction.subject) or "extracted"
    return Scenario(name, title or f"Claims proposed by reconcile extract from {document or 'an article'}",
                    extraction.published, (document,) if document else (), extraction.sources, extraction.claims)


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def render(extraction: Extraction, text: str, yaml_text: str, article: str) -> str:
    """The scenario's YAML with the review comments (see the module docstring) added."""
    head = [f"# Proposed by `reconcile extract` from {article} (published {extraction.published}); review",
            "# every claim before use. Offsets are characters into the article text."]
    if extraction.outlet is not None and extraction.outlet.id == "outlet":
        head.append("# Outlet: the article does not name its publisher; background figures are attributed to")
        head.append("# the source `outlet` (rerun with --outlet NAME, or rename it).")
    elif extraction.outlet is not None:
        head.append(f"# Outlet: {extraction.outlet.name} ({extraction.outlet.id}); background figures are its claims.")
    if extraction.unclassified:
        head.append("# Figures not made claims (their measure could not be told; add them by hand if they matter):")
        for u in extraction.unclassified:
            head.append(_comment(f"#   {u.text!r} at {u.span.start}-{u.span.end} (source {u.source}): {u.reason}")
                        .replace("# #", "#"))
    by_id = {s.claim_id: s for s in extraction.spans}
    lines: list[str] = []
    for line in yaml_text.splitlines():
        if line.startswith("  - id: "):
            spans = by_id.get(line[len("  - id: "):].strip().strip('"'))
            if spans is not None:
                figure = spans.figure
                lines.append("  " + _comment(f"{spans.figure.of(text)!r} at {figure.start}-{figure.end}, sentence "
                                             f"{spans.sentence.start}-{spans.sentence.end}"))
                lines.extend("  " + _comment(note) for note in spans.notes)
                if spans.period is not None:
                    lines.append("  " + _comment(f"period: {spans.period} (the as_of this figure covers)"))
        lines.append(line)
    return "\n".join(head + lines) + "\n"


def run(args: argparse.Namespace) -> int:
    path = Path(args.article)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError("not UTF-8 text", file=str(path), text=str(exc.reason), expected="an article in UTF-8") \
            from None
    try:
        published = Period.parse(args.published)
    except DateError as err:
        raise err.located(field="--published") from None
    (result,) = extract_many([(text, published)], model=args.model, jobs=args.jobs, subject=args.subject,
                             outlet=args.outlet)
    base = Path(args.output).resolve().parent if args.output else Path.cwd()
    document = Path(os.path.relpath(path.resolve(), base)).as_posix()
    from ..scenarios.writer import dumps

    scenario = to_scenario(result, document=document,
                           title=args.title or f"Claims proposed by reconcile extract from {path.name}")
    output = render(result, text, dumps(scenario), path.name)
    if args.output:
        from ..io import write_atomic

        write_atomic(args.output, output)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(output)
    print(f"{len(result.claims)} claims from {len(result.sources)} sources; {len(result.unclassified)} figures "
          f"unclassified; subject {result.subject}", file=sys.stderr)
    return 0
