"""How the complete over-time checks scale: one origin's exact daily cumulative series with scattered falls
and jumps, plus a weekly and a monthly source (the series of tests/test_judgment.py).

    python bench/bench_series.py [DAYS ...] [--runs N]

Prints, per size, the claims, findings, findings per claim and the median reconcile time of N runs (default
3). The checks are O(n log n) per group (running maximum, rate windows), so 10x the days should cost about
10x the time and findings per claim should stay flat.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_judgment import exact_series  # noqa: E402  (the test's own series, not a second copy)

from reconcile import reconcile  # noqa: E402


def main() -> None:
    args = sys.argv[1:]
    runs = 3
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i:i + 2]
    sizes = [int(a) for a in args] or [3000, 30000]
    for days in sizes:
        claims, _, _ = exact_series(days)
        times, found = [], 0
        for _ in range(runs):
            t0 = time.perf_counter()
            found = len(reconcile(claims).findings)
            times.append(time.perf_counter() - t0)
        t = statistics.median(times)
        print(f"days: {days:,}  claims: {len(claims):,}  findings: {found:,} ({found / len(claims):.2f} per claim)"
              f"  reconcile median of {runs}: {t:.2f} s ({len(claims) / t:,.0f} claims/s)")


if __name__ == "__main__":
    main()
