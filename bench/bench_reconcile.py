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

SOURCES = [Source(s) for s in ("moh", "un", "ngo", "army")]
SUBJECTS = 50


def build(n: int) -> list[Claim]:
    """``n`` claims: for each of 50 subjects, daily reports from four sources of killed, wounded, casualties
    (about killed + wounded + a few missing) and troops deployed — counts that grow, a stock that moves,
    hedged the way news hedges; a few sources under- or over-report, so some findings are contradictions."""
    start = dt.date(2015, 1, 1)
    claims = []
    i = 0
    day = 0
    while i < n:
        for subject in range(SUBJECTS):
            source = SOURCES[(day + subject) % 4]
            base = 100 + 7 * day + 13 * subject
            skew = 3 if (day * 31 + subject) % 97 == 0 else 1  # now and then a source triples a figure
            figures = [("killed", f"at least {base * skew:,}"), ("wounded", f"{3 * base:,}"),
                       ("casualties", f"about {4 * base + 20:,}"), ("deployed", f"up to {20000 + 500 * (day % 9):,}")]
            for measure, value in figures:
                if i == n:
                    break
                claims.append(Claim.figure(f"c{i}", source, measure, value, subject=f"s{subject}",
                                           said_on=(start + dt.timedelta(days=day)).isoformat()))
                i += 1
        day += 1
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
