"""Time a story from file to JSON report, step by step, and append the figures to bench/RESULTS.md.

    python bench/run.py FILE [--runs 3] [--engine local|dask] [--no-cli] [--profile N] [--note TEXT]

FILE is a bulk claim file (``.jsonl``, ``.csv``, ``.parquet``) or a scenario file (``.yaml``), e.g. one written
by ``bench/generate.py``. Steps, each the median of ``--runs`` runs in this process:

``read``       parsing the file alone (orjson per line for JSON Lines, libyaml composing for YAML): the floor
``build``      the rest of loading: rows checked and made into ``Claim`` objects (load time minus ``read``)
``reconcile``  :func:`reconcile.reconcile` (deriving, every rule family)
``report``     :class:`reconcile.Report` (its summaries) and the long-series summary, as ``reconcile report`` does
``json``       writing the JSON report (streamed, orjson) to a temporary file

Then, unless ``--no-cli``, the whole ``python -m reconcile report FILE -f json -o OUT`` in a fresh interpreter
(interpreter start included), the median of ``--runs``. Wall times and peak resident memory (the process's own,
and the CLI child's) are printed, with claims per second; ``--profile N`` also prints the N functions that
take the most time in one in-process run (cProfile, by own time, then by cumulative time). The machine is shared: CPU seconds are
shown beside wall seconds, and a row with both goes to RESULTS.md.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import datetime as dt
import io
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import orjson

from reconcile import Report, reconcile
from reconcile.engine.summary import summarize_series
from reconcile.report.json_stream import write_json
from reconcile.scenarios.bulk import bulk_format, load_any
from reconcile.scenarios.yaml_nodes import LOADER, no_gc

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = ("| date (UTC) | commit | file | claims | findings | runs | read | build | reconcile | report | json | "
          "in-process total (CPU) | claims/s | peak MB | CLI total (CPU) | CLI peak MB | note |\n"
          "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
          "| --- |\n")


def _read_only(path: Path) -> int:
    """Parse the file and nothing else; returns the rows (or YAML nodes) seen."""
    if bulk_format(path) == "jsonl":
        with open(path, "rb") as fh, no_gc():
            return sum(1 for line in fh if line.strip() and orjson.loads(line) is not None)
    if bulk_format(path) is None:
        loader = LOADER(path.read_text(encoding="utf-8"))
        with no_gc():
            try:
                node = loader.get_single_node()
            finally:
                loader.dispose()
        return len(node.value) if node is not None else 0
    return 0  # CSV and Parquet: reading is not timed apart from building


def _timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def pipeline(path: Path, engine: str, out: Path) -> dict[str, Any]:
    """One run of every step; returns wall and CPU seconds per step and the counts."""
    t: dict[str, Any] = {}
    _, t["read"], t["read_cpu"] = _timed(lambda: _read_only(path))
    scenario, load_wall, load_cpu = _timed(lambda: load_any(path))
    t["build"], t["build_cpu"] = max(load_wall - t["read"], 0.0), max(load_cpu - t["read_cpu"], 0.0)
    gc.freeze()  # as reconcile report does after loading and after reconciling
    result, t["reconcile"], t["reconcile_cpu"] = _timed(
        lambda: reconcile(scenario.claims, measures=scenario.registry(), engine=engine))
    gc.freeze()
    report, t["report"], t["report_cpu"] = _timed(lambda: Report(
        summarize_series(result), scenario=scenario.slug, title=scenario.title or "",
        sources=tuple(scenario.sources), published=scenario.published))
    _, t["json"], t["json_cpu"] = _timed(lambda: write_json(report, out))
    t["claims"], t["findings"] = len(scenario.claims), len(result.findings)
    del scenario, result, report
    gc.unfreeze()  # let the next run's collections free this one's objects
    gc.collect()
    return t


# Linux counts the memory a forked child inherited before exec in its peak, so the command runs under a small
# launcher that reports the command's own figures: wall seconds, CPU seconds, peak resident kilobytes.
_LAUNCHER = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter()\n"
             "subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL)\n"
             "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss)\n")


def cli_run(path: Path, out: Path, engine: str) -> tuple[float, float, float]:
    """Wall and CPU seconds and peak MB of the whole command in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", _LAUNCHER, sys.executable, "-m", "reconcile", "report", str(path),
                           "-f", "json", "-o", str(out), "--engine", engine], check=True, capture_output=True,
                          text=True)
    wall, cpu, peak_kb = (float(x) for x in done.stdout.split())
    return wall, cpu, peak_kb / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--no-cli", action="store_true", help="skip the fresh-interpreter run")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N functions")
    parser.add_argument("--note", default="", help="a note for the RESULTS.md row")
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        runs = [pipeline(args.file, args.engine, out) for _ in range(args.runs)]
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0] if isinstance(runs[0][k], float)}
        claims, findings = runs[0]["claims"], runs[0]["findings"]
        steps = ("read", "build", "reconcile", "report", "json")
        total, total_cpu = sum(med[s] for s in steps), sum(med[f"{s}_cpu"] for s in steps)
        for s in steps:
            print(f"{s:>10}: {med[s]:8.2f} s wall  {med[s + '_cpu']:8.2f} s CPU")
        print(f"{'total':>10}: {total:8.2f} s wall  {total_cpu:8.2f} s CPU  ({claims:,} claims, {findings:,} findings, "
              f"{claims / total:,.0f} claims/s wall, {claims / total_cpu:,.0f} claims/s CPU; "
              f"median of {args.runs}); peak {peak_mb:,.0f} MB")
        cli = cli_cpu = cli_peak = None
        if not args.no_cli:
            times = [cli_run(args.file, out, args.engine) for _ in range(args.runs)]
            cli, cli_cpu = statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
            cli_peak = max(t[2] for t in times)
            print(f"{'CLI':>10}: {cli:8.2f} s wall  {cli_cpu:8.2f} s CPU  (python -m reconcile report FILE -f json "
                  f"-o OUT, interpreter start included); peak {cli_peak:,.0f} MB")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(pipeline, args.file, args.engine, out)
            text = io.StringIO()
            stats = pstats.Stats(profiler, stream=text)
            stats.sort_stats("tottime").print_stats(args.profile)  # where the time is spent
            stats.sort_stats("cumulative").print_stats(args.profile)  # and on whose behalf
            print(text.getvalue())

    if not args.no_record:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=RESULTS.parent).stdout.strip()
        cells = [dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M"), commit, args.file.name,
                 f"{claims:,}", f"{findings:,}", str(args.runs)]
        cells += [f"{med[s]:.2f}" for s in steps]
        cells += [f"{total:.2f} ({total_cpu:.2f})", f"{claims / total:,.0f}", f"{peak_mb:,.0f}",
                  "—" if cli is None else f"{cli:.2f} ({cli_cpu:.2f})",
                  "—" if cli_peak is None else f"{cli_peak:,.0f}",
                  (args.note + f" [{args.engine}, {platform.python_version()}, {os.cpu_count()} CPUs shared]").strip()]
        if not RESULTS.exists():
            RESULTS.write_text("# Benchmark results\n\nRows appended by `bench/run.py` (seconds; medians of the "
                               "runs). See bench/run.py for what each step covers.\n\n" + HEADER, encoding="utf-8")
        with open(RESULTS, "a", encoding="utf-8") as fh:
            fh.write("| " + " | ".join(cells) + " |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
