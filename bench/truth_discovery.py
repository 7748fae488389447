"""The classic truth-discovery test, with copiers: exact accuracy of the best values, and run time.

100 sources x 10,000 numeric variables (1,000,000 figures), every value rounded to 2 significant figures:

- 60 careful sources: the truth with 1.5% noise (most round back to the truth, some to a neighbour);
- 20 sloppy sources: 15% noise;
- 10 inflaters: 1.5x the truth, with 2% noise;
- 10 copiers: each repeats one inflater (the same one: a clique) exactly, one to three days after it.

Every source reports every variable on a day drawn at random in a month (and, in the sparse runs, each
independent source only a random 10% of them while the clique reports all: there copying outvotes the rest); the truth is itself a 2-significant-
figure number, so "exactly right" is well defined. Printed: accuracy of reconcile's best values (CATD with
weighted medians and copy detection, :mod:`reconcile.engine.reliability`), plain CATD without copy detection,
majority voting and the median, with and without the copiers; and the PyPI package ``truthdiscovery`` on the
same data (its Sums, Average.Log, Investment, TruthFinder), run in a separate virtual environment under /tmp
— skipped with a message where it cannot be installed. Run time: the median of ``--runs`` runs.

    .venv/bin/python bench/truth_discovery.py            # full size, 3 runs
    .venv/bin/python bench/truth_discovery.py --items 1000 --runs 1 --no-package
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reconcile.engine.reliability import Observations, discover  # noqa: E402

VENV = Path(tempfile.gettempdir()) / "reconcile-truthdiscovery-venv"


def round_sig(x: np.ndarray, sig: int = 2) -> np.ndarray:
    mag = np.floor(np.log10(np.abs(x)))
    step = 10.0 ** (mag - sig + 1)
    return np.round(x / step) * step


def generate(n_items: int, seed: int = 13, copiers: bool = True, careful: float = 0.015,
             coverage: float = 1.0) -> tuple[Observations, np.ndarray, int]:
    rng = np.random.default_rng(seed)
    truth = round_sig(10 ** rng.uniform(2, 5, n_items))
    kinds = ["careful"] * 60 + ["sloppy"] * 20 + ["inflater"] * 10 + (["copier"] * 10 if copiers else [])
    items, sources, values, times = [], [], [], []
    inflater0 = 80
    for s, kind in enumerate(kinds):
        day = rng.uniform(0, 30, n_items)
        if kind == "careful":
            v = truth * (1 + rng.normal(0, careful, n_items))
        elif kind == "sloppy":
            v = truth * (1 + rng.normal(0, 0.15, n_items))
        elif kind == "inflater":
            v = truth * 1.5 * (1 + rng.normal(0, 0.02, n_items))
        else:
            v, day = values[inflater0], times[inflater0] + rng.uniform(1, 3, n_items)
        items.append(np.arange(n_items))
        sources.append(np.full(n_items, s))
        values.append(round_sig(np.abs(v)) if kind != "copier" else v)
        times.append(day)
    # Sparse coverage: the copied inflater and its copiers report everything, the others a random share.
    keep = [np.ones(n_items, dtype=bool) if s == inflater0 or kind == "copier" else rng.random(n_items) < coverage
            for s, kind in enumerate(kinds)]
    items, sources, values, times = ([a[k] for a, k in zip(arrays, keep)] for arrays in (items, sources, values, times))
    value = np.concatenate(values)
    # The precision a 2-significant-figure number carries: +- half a unit of its second digit.
    half = 10.0 ** (np.floor(np.log10(value)) - 1) / 2
    obs = Observations(np.concatenate(items), np.concatenate(sources), value - half, value, value + half,
                       np.concatenate(times))
    return obs, truth, len(kinds)


def majority(obs: Observations, n_items: int) -> np.ndarray:
    order = np.lexsort((obs.value, obs.item))
    it, v = obs.item[order], obs.value[order]
    new = np.ones(len(v), dtype=bool)
    new[1:] = (it[1:] != it[:-1]) | (v[1:] != v[:-1])
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, len(v)))
    run_item = it[starts]
    # the most frequent value per item; ties go to the lower value (first in order)
    best = np.lexsort((-counts, run_item))
    first = np.ones(len(best), dtype=bool)
    first[1:] = run_item[best][1:] != run_item[best][:-1]
    out = np.full(n_items, np.nan)
    out[run_item[best][first]] = v[starts[best][first]]
    return out


def median(obs: Observations, n_items: int) -> np.ndarray:
    from reconcile.engine.reliability import weighted_median
    return weighted_median(obs.item, obs.value, np.ones(len(obs)), n_items)


def accuracy(estimate: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean(np.isclose(estimate, truth, rtol=1e-9, atol=0)))


_PACKAGE_SCRIPT = r"""
import json, sys, time
import numpy as np
from truthdiscovery.input import MatrixDataset
from truthdiscovery.algorithm import Sums, AverageLog, Investment, TruthFinder
data = np.load(sys.argv[1])
truth = data["truth"]
out = {}
matrix = np.ma.masked_invalid(data["matrix"])
ds = MatrixDataset(matrix)
for name, alg in [("Sums", Sums()), ("Average.Log", AverageLog()), ("Investment", Investment()),
                  ("TruthFinder", TruthFinder())]:
    t0 = time.perf_counter()
    try:
        res = alg.run(ds)
    except Exception as err:  # an algorithm that does not converge is reported, not fatal
        out[name] = {"error": f"{type(err).__name__}: {err}"}
        continue
    secs = time.perf_counter() - t0
    best = np.array([max(res.belief[v].items(), key=lambda kv: (kv[1], -kv[0]))[0] if res.belief.get(v) else np.nan
                     for v in range(matrix.shape[1])])
    out[name] = {"accuracy": float(np.mean(np.isclose(best, truth, rtol=1e-9, atol=0))), "seconds": secs}
print(json.dumps(out))
"""


def package_venv() -> Path | None:
    """A virtual environment under /tmp with ``truthdiscovery``; None (and a message) when it cannot be made."""
    python = VENV / "bin" / "python"
    if python.exists() and subprocess.run([str(python), "-c", "import truthdiscovery"],
                                          capture_output=True).returncode == 0:
        return python
    try:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, capture_output=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "truthdiscovery"], check=True,
                       capture_output=True, timeout=900)
    except (subprocess.SubprocessError, OSError) as err:
        detail = getattr(err, "stderr", b"") or b""
        print(f"truthdiscovery: skipped, it could not be installed in {VENV} "
              f"({type(err).__name__}; {detail.decode(errors='replace').strip().splitlines()[-1:] or ''}). "
              "It needs Debian's libcairo2-dev and pkg-config.")
        return None
    return python


def run_package(python: Path, obs: Observations, truth: np.ndarray, n_sources: int) -> dict | None:
    matrix = np.full((n_sources, len(truth)), np.nan)
    matrix[obs.source, obs.item] = obs.value
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data.npz")
        np.savez(data, matrix=matrix, truth=truth)
        script = os.path.join(tmp, "run.py")
        Path(script).write_text(_PACKAGE_SCRIPT)
        done = subprocess.run([str(python), script, data], capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        print(f"truthdiscovery: skipped, it failed: {done.stderr.strip().splitlines()[-1:]}")
        return None
    return json.loads(done.stdout)


def claims_path(n_claims: int, runs: int) -> None:
    """summarize() and reliability() from Claim objects: the cost a report adds (the rules are not run)."""
    from reconcile.claims import Claim, Source
    from reconcile.engine.estimates import reliability, summarize
    from reconcile.engine.reconciliation import Reconciliation
    from reconcile.figures.dates import Period
    from reconcile.figures.quantity import Estimate

    obs, _, n_sources = generate(max(n_claims // 100, 1))
    sources = [Source(f"s{i}", type="official" if i < 60 else "newspaper") for i in range(n_sources)]
    days = [Period.parse(f"2025-01-{d:02d}") for d in range(1, 29)]
    claims = [Claim(f"c{k}", sources[int(s)], f"v{int(i) % 100}", days[int(t) % 28], days[int(i) // 100 % 28],
                    measure="killed", estimate=Estimate(int(lo), int(hi), int(v), "person"))
              for k, (i, s, lo, v, hi, t) in enumerate(zip(obs.item[:n_claims], obs.source[:n_claims],
                                                           obs.low[:n_claims], obs.value[:n_claims],
                                                           obs.high[:n_claims], obs.time[:n_claims]))]
    secs, cpu = [], []
    for _ in range(runs):
        result = Reconciliation(tuple(claims), ())  # a new one each run: summarize caches per reconciliation
        t0, c0 = time.perf_counter(), time.process_time()
        summaries = summarize(result)
        reliability(result)
        secs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    wall, busy = statistics.median(secs), statistics.median(cpu)
    print(f"\nsummarize + reliability from {len(claims):,} Claim objects ({len(summaries):,} estimates), median of "
          f"{runs}: {wall:.2f} s ({busy:.2f} s CPU); per million claims {wall / len(claims) * 1e6:.1f} s "
          f"({busy / len(claims) * 1e6:.1f} s CPU)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sparse", type=float, default=0.1,
                    help="the share of variables each source reports in the sparse runs (the copied inflater "
                         "and its copiers report all)")
    ap.add_argument("--claims", type=int, default=200_000,
                    help="also time summarize() and reliability() from this many Claim objects (0: skip)")
    ap.add_argument("--no-package", action="store_true", help="do not run the truthdiscovery package")
    ap.add_argument("--package-items", type=int, default=1000,
                    help="variables given to truthdiscovery (it is pure Python; the full set takes very long)")
    args = ap.parse_args()
    rows = []
    for coverage, copiers in ((1.0, True), (1.0, False), (args.sparse, True), (args.sparse, False)):
        obs, truth, n_sources = generate(args.items, copiers=copiers, coverage=coverage)
        secs, cpu = [], []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            result = discover(obs, n_sources, len(truth))
            secs.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        plain = discover(obs, n_sources, len(truth), detect_copying=False)
        label = ("with copiers" if copiers else "without copiers") + ("" if coverage == 1 else f", {coverage:.0%}")
        rows.append((label, len(obs), accuracy(result.truth, truth), accuracy(plain.truth, truth),
                     accuracy(majority(obs, len(truth)), truth), accuracy(median(obs, len(truth)), truth),
                     statistics.median(secs), statistics.median(cpu), len({c[0] for c in result.copies})))
    print(f"{'data':22} {'figures':>9} {'reconcile':>9} {'CATD':>6} {'majority':>8} {'median':>6} "
          f"{'seconds':>8} {'cpu s':>6} {'copiers found':>13}")
    for label, n, acc, plain_acc, maj, med, secs, cpu_s, found in rows:
        print(f"{label:22} {n:9,} {acc:9.4f} {plain_acc:6.4f} {maj:8.4f} {med:6.4f} {secs:8.2f} {cpu_s:6.2f} "
              f"{found:13}")
    if args.claims:
        claims_path(args.claims, args.runs)
    if args.no_package:
        return
    python = package_venv()
    if python is None:
        return
    n = min(args.package_items, args.items)
    print(f"\ntruthdiscovery (PyPI) on the first {n:,} variables, beside reconcile on the same ones:")
    for copiers in (True, False):
        obs, truth, n_sources = generate(args.items, copiers=copiers)
        keep = obs.item < n
        sub = Observations(obs.item[keep], obs.source[keep], obs.low[keep], obs.value[keep], obs.high[keep],
                           obs.time[keep])
        ours = accuracy(discover(sub, n_sources, n).truth, truth[:n])
        res = run_package(python, sub, truth[:n], n_sources)
        if res is None:
            return
        label = "with copiers" if copiers else "without copiers"
        cells = "  ".join(f"{k} {v['accuracy']:.4f} ({v['seconds']:.1f}s)" if "accuracy" in v else f"{k} failed"
                          for k, v in res.items())
        print(f"  {label:22} reconcile {ours:.4f}  {cells}")


if __name__ == "__main__":
    main()
