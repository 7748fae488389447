"""The ``reconcile`` command.

``reconcile report PATH`` (the discrepancy report of a scenario), ``reconcile check [PATH ...]`` (run
scenario expectations), ``reconcile extract ARTICLE ...`` (propose claims from text), ``reconcile graph
PATH -o OUT`` (the claim graph as GraphML, GEXF or node-link JSON). Global options (``-v``,
``--version``) may come before or after the subcommand. Each subcommand lives
in the module named for its concept and registers itself through :data:`COMMANDS`; this module only
parses arguments and turns library errors into one readable line each and exit status 2.

Exit status: 0 success; 1 an expectation failed (``check``); 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from ..errors import ReconcileError, format_error

__all__ = ["main", "COMMANDS", "EXIT_OK", "EXIT_FAILED", "EXIT_BAD_INPUT"]

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

# name -> (module, help). Each module defines ``add_arguments(parser)`` and ``run(args) -> int``.
COMMANDS: dict[str, tuple[str, str]] = {
    "report": ("reconcile.cli.report", "write the discrepancy report of a scenario (Markdown, HTML or JSON)"),
    "check": ("reconcile.cli.check", "run scenario files and verify their expected findings"),
    "extract": ("reconcile.cli.extract", "propose claims from an article's text, as a scenario file"),
    "graph": ("reconcile.cli.graph", "write the claim graph of a scenario (GraphML, GEXF or node-link JSON)"),
}


def _global_options() -> argparse.ArgumentParser:
    """Options every subcommand also accepts after its name (``reconcile report x.yaml -v``)."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option not repeated after the subcommand keeps the value given before it.
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                        help="log what the library does (repeat for more)")
    return common


def output_problem(output: str) -> str | None:
    """Why ``-o OUTPUT`` cannot be written as a file, or ``None``: a directory (or a path ending in a
    slash) would otherwise fail with a temporary file's name, or silently become a file."""
    if output.endswith(("/", os.sep)) or Path(output).is_dir():
        return (f"-o {output}: is a directory; -o takes a file name, e.g. "
                f"{Path(output).as_posix().rstrip('/')}/report.html")
    return None


def _parser(argv: Sequence[str]) -> tuple[argparse.ArgumentParser, Callable[[argparse.Namespace], int] | None]:
    """The argument parser, with the chosen command's module imported and its arguments added.

    Only that one module is imported: ``reconcile check`` does not pay for matplotlib or the extractor.
    """
    from .. import __version__

    parser = argparse.ArgumentParser(prog="reconcile", description="Find where sources disagree about figures.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log what the library does (repeat for more)")
    parser.add_argument("--version", action="version", version=f"reconcile {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = next((arg for arg in argv if not arg.startswith("-")), None)
    runner = None
    for name, (module_name, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text, parents=[_global_options()])
        if name == chosen:
            module = importlib.import_module(module_name)
            module.add_arguments(command)
            runner = module.run
    return parser, runner


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, runner = _parser(argv)
    args = parser.parse_args(argv)
    assert runner is not None  # argparse has exited on an unknown command
    if args.verbose:
        logging.basicConfig(level=logging.INFO if args.verbose == 1 else logging.DEBUG,
                            format="%(levelname)s %(name)s: %(message)s")
    problem = output_problem(args.output) if getattr(args, "output", None) else None
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return runner(args)
    except ReconcileError as err:
        for line in format_error(err):
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as err:
        print(f"error: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # pragma: no cover - e.g. `reconcile report x | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
