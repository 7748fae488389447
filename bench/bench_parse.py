"""How fast figures parse: the full parser and the fast path, on a realistic mix of figure texts.

    python bench/bench_parse.py [N_FIGURES] [RUNS]

Generates N_FIGURES (default 20,000) figure texts, deterministically, in the proportions a large claim file
has them (most figures plain counts to the unit or rounded, then floors, "about", ranges, confidence
intervals, scaled counts, and a tail of vague words, fractions of figures and number words the fast path
leaves to the full parser), parses each with a bare count unit and with ``person`` (as a scenario measure
gives it), and prints the median of RUNS (default 5) in figures per second for:

- ``full``: :func:`reconcile.figures.parsing.parse_figure_full`, the parser without the fast path;
- ``fast``: :func:`reconcile.figures.parsing.parse_figure`, which tries :mod:`reconcile.figures.fast` first;

and the share of the mix the fast path took; then how many claims per second ``Claim.figure`` builds from
such texts with dates written as strings (a year of distinct days, so each is read once where dates are cached). Times are CPU seconds of this process (the machine is shared). On a checkout without the fast path, ``parse_figure`` is timed
alone (the "before" figure).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from typing import Callable

from reconcile.figures import parsing

# (share of the mix, template); {n}, {m} are numbers written with separators, {k} a small number.
MIX: tuple[tuple[int, str], ...] = (
    (30, "{n}"), (10, "{r}"), (10, "at least {n}"), (5, "more than {r}"), (8, "about {r}"), (3, "nearly {r}"),
    (3, "up to {r}"), (3, "fewer than {n}"), (6, "{n}-{m}"), (3, "between {n} and {m}"), (3, "{n} to {m}"),
    (4, "{b} (95% CI {n}-{m})"), (2, "about {k}k"), (2, "{k}.{d} million"), (2, "{r}+"),
    (2, "dozens"), (1, "hundreds"), (1, "two-thirds of {r}"), (1, "three thousand"), (1, "some {r} troops"),
)


def mix(n: int, seed: int = 12) -> list[str]:
    rnd = random.Random(seed)
    templates = [t for share, t in MIX for _ in range(share)]
    out = []
    for _ in range(n):
        lo = rnd.randint(1, 200_000)
        hi = lo + rnd.randint(0, 50_000)
        out.append(rnd.choice(templates).format(
            n=f"{lo:,}", m=f"{hi:,}", b=f"{rnd.randint(lo, hi):,}", r=f"{round(lo, -2) or 100:,}",
            k=rnd.randint(1, 99), d=rnd.randint(1, 9)))
    return out


def rates(parsers: list[Callable[..., object]], texts: list[str], runs: int) -> list[float]:
    """Figures per second of each parser, median of ``runs``; the parsers take turns within each run so that a
    change in the machine's load falls on all of them, and CPU time is counted (the machine is shared)."""
    times: list[list[float]] = [[] for _ in parsers]
    for _ in range(runs):
        for parse, spent in zip(parsers, times):
            start = time.process_time()
            for i, text in enumerate(texts):
                parse(text, unit="person" if i % 2 else None)
            spent.append(time.process_time() - start)
    return [len(texts) / statistics.median(spent) for spent in times]


def claims_rate(texts: list[str], runs: int) -> float:
    import datetime as dt

    from reconcile import Claim

    days = [(dt.date(2024, 1, 1) + dt.timedelta(days=i % 366)).isoformat() for i in range(len(texts))]
    spent = []
    for _ in range(runs):
        start = time.process_time()
        for i, (text, day) in enumerate(zip(texts, days)):
            Claim.figure(f"c{i}", "src", "killed", text, subject="s", said_on=day)
        spent.append(time.process_time() - start)
    return len(texts) / statistics.median(spent)


def _reads(text: str) -> bool:
    try:
        parsing.parse_figure(text)
    except ValueError:
        return False
    return True


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    texts = mix(n)
    full = getattr(parsing, "parse_figure_full", None)
    print(f"{n:,} figures, median of {runs} runs")
    if full is None:  # before the fast path: time the forms this checkout reads
        texts = [t for t in texts if _reads(t)]
        (alone,) = rates([parsing.parse_figure], texts, runs)
        print(f"parse_figure (no fast path): {alone:,.0f} figures/s")
        print(f"Claim.figure from text:      {claims_rate(texts, runs):,.0f} claims/s")
        return
    from reconcile.figures.fast import parse_fast

    taken = sum(parse_fast(t) is not None for t in texts) / len(texts)
    slow, quick = rates([full, parsing.parse_figure], texts, runs)
    print(f"full parser:           {slow:,.0f} figures/s")
    print(f"with the fast path:    {quick:,.0f} figures/s ({quick / slow:.1f}x; fast path took {taken:.0%} of the mix)")
    print(f"Claim.figure from text: {claims_rate(texts, runs):,.0f} claims/s")


if __name__ == "__main__":
    main()
