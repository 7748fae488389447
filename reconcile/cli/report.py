"""``reconcile report PATH [--format md|html|json] [-o FILE] [--plot DIR] [--plot-format png|svg]``: the
discrepancy report of a scenario file.

Markdown goes to standard output unless ``-o FILE`` is given (then the file is written atomically: a
failed run never leaves half a report). ``--plot DIR`` also writes the report's charts — one beside each
discrepancy, one per family of measures, and the graph of claims — as ``DIR/<key>.png`` (or ``.svg`` with
``--plot-format svg``), and the Markdown links them; it needs the ``plot`` extra (matplotlib). The HTML
page embeds its charts in ``--plot-format`` (PNG by default) whether or not ``--plot`` is given.

PATH may also be a bulk claim file — JSON Lines, CSV or Parquet (:mod:`reconcile.scenarios.bulk`) — with
``--sources FILE`` naming its sources. ``--engine dask [--scheduler ADDRESS]`` reconciles on a Dask cluster
(:mod:`reconcile.engine.dask`), with the same report. Long series have their consistent updates summarised, one
finding per series (:mod:`reconcile.engine.summary`); ``--all-findings`` keeps every one. A progress bar is drawn
on standard error when it is a terminal (:mod:`reconcile.cli.progress`).

Example::

    reconcile report scenarios/nk_troops_kursk.yaml
    reconcile report scenarios/nk_troops_kursk.yaml --format html -o out/seed.html --plot out/
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Iterable

from ..io import write_atomic

__all__ = ["add_arguments", "run", "FORMATS"]

FORMATS = ("md", "html", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH",
                        help="a scenario file (YAML), or a bulk claim file (.jsonl, .csv, .parquet)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="md",
                        help="md (Markdown, the default), html (one self-contained page) or json "
                             "(see reconcile/report/schema.json)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument("--plot", metavar="DIR", help="also write the report's charts into DIR (Markdown links them)")
    parser.add_argument("--plot-format", choices=("png", "svg"), default="png",
                        help="chart format, for --plot files and the charts embedded in HTML (png)")
    parser.add_argument("--no-embed", action="store_true",
                        help="html: leave the charts out of the page (faster, smaller)")
    # -- issue 12: bulk input, Dask, long series
    parser.add_argument("--sources", metavar="FILE",
                        help="bulk files: the sources (YAML or JSON, as a scenario's sources: block); "
                             "without it every source id stands for itself")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="where the rules run: in this process (default) or on a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: the scheduler's address (default: a local cluster)")
    parser.add_argument("--all-findings", action="store_true",
                        help="keep every finding of long series instead of one summary per series")


def run(args: argparse.Namespace) -> int:
    # The cyclic collector is paused for the whole run (issue 12): claims, findings and the report all live until
    # the report is written, so every collection only walked them again — 0.3 s of 20,000 claims, 2.3 s of
    # 100,000 (even with them frozen), for 3% more peak memory; reference counting still frees the rest.
    # no_gc() turns it back on afterwards, for a caller in a longer-lived process.
    from ..scenarios.yaml_nodes import no_gc

    with no_gc():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from ..engine.reconciliation import reconcile
    from ..engine.summary import summarize_series
    from ..report.report import Report
    from ..scenarios.bulk import load_any  # imported here: the report itself does not depend on scenario files
    from .progress import Progress

    if args.scheduler and args.engine != "dask":
        from .main import EXIT_BAD_INPUT

        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return EXIT_BAD_INPUT
    progress = Progress()
    with progress.stage("reading", unit="claims") as update:
        scenario = load_any(args.path, sources=args.sources, progress=update)
    with progress.stage("reconciling"):
        result = reconcile(scenario.claims, measures=scenario.registry(), subjects=scenario.subject_registry(),
                           engine=args.engine, scheduler=args.scheduler)
    if not args.all_findings:
        result = summarize_series(result)
    with progress.stage("reporting"):
        # What Report.from_scenario makes, from the result reconciled (and summarised) here.
        report = Report(result, scenario=scenario.slug, title=scenario.title or "", sources=tuple(scenario.sources),
                        published=scenario.published, documents=tuple(scenario.documents))

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
        from ..report.json_stream import iter_json, write_json

        if args.output:
            with progress.stage("writing", unit="B") as update:
                write_json(report, args.output, progress=update)
            print(f"wrote {args.output}", file=sys.stderr)
        else:
            _write_stdout(iter_json(report))
        return 0
    if args.format == "html":
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


def _write_stdout(chunks: Iterable[bytes]) -> None:
    """Bytes to standard output as they come (its binary buffer when it has one, as a terminal or pipe does)."""
    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    for chunk in chunks:
        if binary is not None:
            binary.write(chunk)
        else:
            sys.stdout.write(chunk.decode("utf-8"))
    if binary is not None:
        binary.flush()
