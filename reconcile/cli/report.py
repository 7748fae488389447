"""``reconcile report PATH [--format md|html|json] [-o FILE] [--plot DIR] [--plot-format png|svg]``: the
discrepancy report of a scenario file.

Markdown goes to standard output unless ``-o FILE`` is given (then the file is written atomically: a
failed run never leaves half a report). ``--plot DIR`` also writes the report's charts — one beside each
discrepancy, one per family of measures, and the graph of claims — as ``DIR/<key>.png`` (or ``.svg`` with
``--plot-format svg``), and the Markdown links them; it needs the ``plot`` extra (matplotlib). The HTML
page embeds its charts in ``--plot-format`` (PNG by default) whether or not ``--plot`` is given.

Example::

    reconcile report scenarios/nk_troops_kursk.yaml
    reconcile report scenarios/nk_troops_kursk.yaml --format html -o out/seed.html --plot out/
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..io import write_atomic

__all__ = ["add_arguments", "run", "FORMATS"]

FORMATS = ("md", "html", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="a scenario file (YAML)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="md",
                        help="md (Markdown, the default), html (one self-contained page) or json "
                             "(see reconcile/report/schema.json)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument("--plot", metavar="DIR", help="also write the report's charts into DIR (Markdown links them)")
    parser.add_argument("--plot-format", choices=("png", "svg"), default="png",
                        help="chart format, for --plot files and the charts embedded in HTML (png)")
    parser.add_argument("--no-embed", action="store_true",
                        help="html: leave the charts out of the page (faster, smaller)")


def run(args: argparse.Namespace) -> int:
    from ..report.report import Report
    from ..scenarios.reader import load  # imported here: the report itself does not depend on scenario files

    report = Report.from_scenario(load(args.path))
    if args.plot:
        try:
            written = report.save_pictures(args.plot, args.plot_format)
        except ImportError as err:  # matplotlib is an optional extra: one readable line, not a traceback
            from .main import EXIT_BAD_INPUT

            print(f"error: {err}", file=sys.stderr)
            return EXIT_BAD_INPUT
        for path in written:
            print(f"wrote {path}", file=sys.stderr)

    if args.format == "json":
        text = report.to_json()
    elif args.format == "html":
        text = report.to_html(plots=not args.no_embed, image_format=args.plot_format)
    elif args.plot:  # link the pictures as the Markdown file will find them
        where = Path(args.output).resolve().parent if args.output else Path.cwd()
        text = report.to_markdown(Path(os.path.relpath(Path(args.plot).resolve(), where)).as_posix(),
                                  args.plot_format)
    else:
        text = report.to_markdown()

    if args.output:
        write_atomic(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
