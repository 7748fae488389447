"""Time the issue-11 rules on a long story: daily running totals of a country and its two regions (a declared
complete hierarchy) with monthly counts over windows, at two sizes; prints the median of several runs and the
number of findings, which should grow about linearly with the days.

    python bench/bench_scopes.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from reconcile import Claim, Estimate, reconcile
from reconcile.subjects import Subject, SubjectRegistry

SUBJECTS = SubjectRegistry([Subject("north", "country"), Subject("south", "country"),
                            Subject("country", complete=True)])


def story(days: int) -> list[Claim]:
    start = dt.date(2020, 1, 1)
    claims: list[Claim] = []
    totals = {"north": 0, "south": 0}
    for i in range(days):
        day = (start + dt.timedelta(days=i)).isoformat()
        totals["north"] += 3 + i % 5
        totals["south"] += 1 + i % 3
        for region, value in totals.items():
            claims.append(Claim.figure(f"{region}-{i}", "ministry", "killed", Estimate.exact(value, "person"),
                                       subject=region, said_on=day))
        national = totals["north"] + totals["south"]
        national += national // 20 if i % 997 == 0 else 0  # a few impossible days: 5% above the regions
        claims.append(Claim.figure(f"country-{i}", "ministry", "killed", Estimate.exact(national, "person"),
                                   subject="country", said_on=day))
        if (start + dt.timedelta(days=i)).day == 1 and i + 30 < days:
            month = (start + dt.timedelta(days=i)).strftime("%Y-%m")
            claims.append(Claim.figure(f"un-{month}", "un", "killed", Estimate.exact(120, "person"),
                                       subject="country", said_on=(start + dt.timedelta(days=i + 31)).isoformat(),
                                       as_of=f"during {month}"))
    return claims


def main() -> None:
    for days in (750, 1500, 3000):
        claims = story(days)
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            result = reconcile(claims, subjects=SUBJECTS)
            runs.append(time.perf_counter() - t)
        print(f"{days} days, {len(claims)} claims: {statistics.median(runs):.2f} s (median of 3), "
              f"{len(result.findings)} findings, {len(result.contradictions())} contradictions")


if __name__ == "__main__":
    main()
