"""How fast the engine builds and reconciles claims: a daily series per subject and measure.

    python bench/bench_reconcile.py [N_CLAIMS] [RUNS]

Prints the median of RUNS (default 5) for building N claims (parsing their figures) and for reconciling
them, and claims per second. The work is linear by design (Settings.compare_window), so 10x the claims
should cost about 10x the time.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

from reconcile import Claim, Source, reconcile

MEASURES = ["killed", "wounded", "casualties", "deployed"]
SOURCES = [Source(s) for s in ("moh", "un", "ngo", "army")]


def build(n: int) -> list[Claim]:
    start = dt.date(2015, 1, 1)
    claims = []
    for i in range(n):
        measure = MEASURES[i % len(MEASURES)]
        subject = f"s{(i // len(MEASURES)) % 50}"
        day = start + dt.timedelta(days=i // 200)
        value = f"at least {100 + i // 10:,}" if i % 3 == 0 else f"{1000 + i // 7:,}"
        claims.append(Claim.figure(f"c{i}", SOURCES[i % 4], measure, value, subject=subject,
                                   said_on=day.isoformat()))
    return claims


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    build_times, run_times = [], []
    findings = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        claims = build(n)
        t1 = time.perf_counter()
        result = reconcile(claims)
        t2 = time.perf_counter()
        build_times.append(t1 - t0)
        run_times.append(t2 - t1)
        findings = len(result.findings)
    b, r = statistics.median(build_times), statistics.median(run_times)
    print(f"claims: {n:,}  findings: {findings:,}  runs: {runs}")
    print(f"build (parse) median: {b:.2f} s  ({n / b:,.0f} claims/s)")
    print(f"reconcile median:     {r:.2f} s  ({n / r:,.0f} claims/s)")


if __name__ == "__main__":
    main()
