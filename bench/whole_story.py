"""The whole-story consistency check at scale: CPU time of ``inconsistent_sets`` on long cumulative series.

One subject, three measures (killed and wounded, parts of casualties, all cumulative), seven sources, a figure a
day per measure over ``--claims / 3`` days, with a fall of 30% every 4,000 claims (each a conflict to shrink to
a minimal set). Prints the number of sets found and the median CPU time of ``--runs`` runs.

    .venv/bin/python bench/whole_story.py --claims 100000 --runs 3
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reconcile import DEFAULT_MEASURES, Claim, Settings  # noqa: E402
from reconcile.engine.consistency import inconsistent_sets  # noqa: E402
from reconcile.figures.dates import Period  # noqa: E402
from reconcile.figures.quantity import Estimate  # noqa: E402


def story(n: int, seed: int = 13) -> list[Claim]:
    rng = random.Random(seed)
    base = datetime.date(2000, 1, 1)
    claims, level = [], 100
    for i in range(n):
        level += rng.randint(0, 5)
        value = int(level * 0.7) if i % 4000 == 3999 else level
        day = Period.parse((base + datetime.timedelta(days=i // 3)).isoformat())
        measure = ("killed", "wounded", "casualties")[i % 3]
        value = 3 * value if measure == "casualties" else value
        claims.append(Claim(f"c{i}", f"s{i % 7}", "x", day, day, measure=measure,
                            estimate=Estimate(value, value, value, "person")))
    return claims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    claims = story(args.claims)
    cpu, found = [], 0
    for _ in range(args.runs):
        t0 = time.process_time()
        found = len(inconsistent_sets(claims, DEFAULT_MEASURES, Settings()))
        cpu.append(time.process_time() - t0)
    med = statistics.median(cpu)
    print(f"{len(claims):,} claims: {found} minimal sets, {med:.2f} s CPU (median of {args.runs}), "
          f"{med / len(claims) * 1e6:.1f} µs a claim")


if __name__ == "__main__":
    main()
