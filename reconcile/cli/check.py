"""``reconcile check [PATH ...]``: run scenario files and verify their expected findings.

PATHs are scenario files or folders (searched recursively for ``*.yaml`` and ``*.yml``, hidden ones
skipped); the default is ``scenarios/``. For each file it prints whether its expectations held, and for
each that did not, the claims it names and the findings' explanations (:meth:`CheckResult.format`).

Exit status: 0 every expectation of every file held; 1 some expectation failed; 2 bad input (a file that
does not load, an expectation naming a claim that does not exist, a path that is not there) — the other
files are still checked and reported.

``--update`` rewrites the ``expect:`` block of the files named (explicitly: there is no default for it)
from what the engine now finds, like a snapshot tool, after the user has reviewed the diff:

- ``findings`` becomes every finding the engine now draws — contradicts, not-comparable, refines and
  supports — with its relation, claims and kind, most severe first;
- ``absent`` entries are the analyst's own assertions, which the engine cannot produce: those that still
  hold are kept; those now violated are dropped, and each is printed so the user sees what was given up.

Everything else in the file — other keys, comments, blank lines — is kept byte for byte; comments inside
the old ``expect:`` block go with it. A file that does not load is left untouched, and the new file is
written atomically, so nothing is ever half-written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterator, TextIO

from ..errors import ReconcileError, ScenarioError, format_error
from ..figures.numeric import counted
from ..io import write_atomic
from ..scenarios.bulk import bulk_format
from ..scenarios.bulk import load as load_bulk
from ..scenarios.model import Expectation, Scenario, check
from ..scenarios.reader import load, loads
from ..scenarios.writer import expect_block, replace_expect
from .main import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK

__all__ = ["add_arguments", "run", "scenario_files", "update"]

DEFAULT_PATH = "scenarios"
SUFFIXES = (".yaml", ".yml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help=f"scenario files or folders of them (default: {DEFAULT_PATH}/)")
    parser.add_argument("--update", action="store_true",
                        help="rewrite each named file's expect: block from what the engine now finds "
                             "(keeps still-holding absent entries and everything outside the block)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print only files whose expectations fail or that do not load, and the summary")
    parser.add_argument("--sources", metavar="FILE",  # issue 12: bulk claim files
                        help="for bulk claim files (.jsonl, .csv, .parquet) named: their sources (YAML or JSON)")


def scenario_files(paths: list[str]) -> Iterator[Path]:
    """Each scenario file the paths name, folders searched recursively in sorted order; a path that does
    not exist, or a folder without scenario files, raises :class:`ScenarioError`."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                raise ScenarioError("no scenario files in folder", file=str(path), expected="*.yaml or *.yml files")
            yield from found
        elif path.is_file():
            yield path
        else:
            raise ScenarioError("no such file or folder", file=str(path), expected="a scenario file or a folder")


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    if args.update and not args.paths:
        print("error: --update rewrites files: name them (reconcile check --update FILE ...)", file=err)
        return EXIT_BAD_INPUT
    status = EXIT_OK
    counts = {"passed": 0, "failed": 0, "bad input": 0}
    for path in _each(args.paths or [DEFAULT_PATH], err):
        if path is None:
            counts["bad input"] += 1
            status = EXIT_BAD_INPUT
            continue
        try:
            if args.update:
                for line in update(path):
                    print(line, file=out)
                counts["passed"] += 1
                continue
            result = check(_load(path, getattr(args, "sources", None)))
        except ReconcileError as error:
            for line in format_error(error):
                print(line, file=err)
            counts["bad input"] += 1
            status = EXIT_BAD_INPUT
            continue
        if result.ok:
            counts["passed"] += 1
        else:
            counts["failed"] += 1
            status = max(status, EXIT_FAILED)
        if not (args.quiet and result.ok):
            print(result.format(), file=out)
    total = sum(counts.values())
    verb = "updated" if args.update else "passed"
    summary = f"{counted(total, 'scenario file')}: {counts['passed']} {verb}"
    if not args.update:
        summary += f", {counts['failed']} failed"
    print(summary + f", {counts['bad input']} bad input", file=out)
    return status


def _each(paths: list[str], err: TextIO) -> Iterator[Path | None]:
    """The files of each path; ``None`` (after printing the error) for a path that names none."""
    for raw in paths:
        try:
            yield from scenario_files([raw])
        except ReconcileError as error:
            for line in format_error(error):
                print(line, file=err)
            yield None


def _load(path: Path, sources: str | None) -> Scenario:
    """A scenario file, or a bulk claim file named explicitly (it has no expectations: it checks that it loads)."""
    if bulk_format(path) is None:
        return load(path)  # a sources file is for bulk files only; scenario files declare their own
    return load_bulk(path, sources=sources)


def update(path: Path) -> list[str]:
    """Rewrite ``path``'s ``expect:`` block (see the module docstring); returns the lines to print.
    Raises :class:`ReconcileError` and leaves the file untouched if it does not load."""
    if bulk_format(path) is not None:
        raise ScenarioError("a bulk claim file has no expect: block to update", file=str(path),
                            expected="a scenario file (YAML)")
    scenario = load(path)
    text = _read(path)
    result = check(scenario)
    found = tuple(Expectation(f.relation, f.claims, f.kind) for f in result.result.findings)
    broken = {id(e) for e, _ in result.forbidden}
    kept = tuple(e for e in scenario.absent if id(e) not in broken)
    new_text = replace_expect(text, expect_block(found, kept), str(path))
    after = check(loads(new_text, str(path)))  # a sanity check before anything touches the disk
    if not after.ok:  # pragma: no cover - the block is built from these very findings
        raise ScenarioError("the updated expectations do not hold", file=str(path), text=after.format())
    old_keys = {_key(e) for e in scenario.expect}
    new_keys = {_key(e) for e in found}
    lines = [f"  + {e.describe()}" for e in found if _key(e) not in old_keys]
    lines += [f"  - {e.describe()} (was line {e.line})" for e in scenario.expect if _key(e) not in new_keys]
    lines += [f"  - absent {e.describe()} (was line {e.line}): now found, dropped"
              for e in scenario.absent if id(e) in broken]
    if new_text == text:
        return [f"unchanged {path}: {len(found)} findings, {len(kept)} absent"]
    write_atomic(path, new_text)
    return [f"updated {path}: {len(found)} findings, {len(kept)} absent", *lines]


def _key(e: Expectation) -> tuple[object, ...]:
    """What an entry means, whatever order a symmetric relation's claims are written in."""
    ordered = e.relation is not None and not e.relation.symmetric
    return (e.relation, e.claims if ordered else frozenset(e.claims), e.kind)


def _read(path: Path) -> str:
    """The file's text exactly as stored (line endings included), so the rest of it is kept byte for byte."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()

