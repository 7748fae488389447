"""Deterministic synthetic stories at any size, as JSON Lines (bulk input) or a YAML scenario file.

    python bench/generate.py wide   --claims 1000000 --keys 100000 --sources 500 -o /tmp/wide.jsonl
    python bench/generate.py series --days 100000 --others 10 -o /tmp/series.jsonl
    python bench/generate.py wide   --claims 20000 --keys 2000 --sources 50 -o /tmp/story.yaml

``wide``: ``--keys`` subject-measure keys (subjects x five measures: killed, wounded and casualties, cumulative
counts; displaced and deployed, levels that rise and fall), ``--claims`` spread evenly over them, one claim a day
per key from a rotating choice of ``--sources`` sources. ``series``: one key, a ``--days``-day daily cumulative
count from one source plus ``--others`` other sources reporting every 1,000 days.

What the figures look like, as news writes them: plain counts ("1,234"), hedged ("at least", "about", "more
than", "nearly"), ranges ("1,200-1,300"), confidence intervals ("1,250 (95% CI 1,200-1,300)"); some relayed by
another source (``via``), some verified; every 50th cumulative key falls once (a contradiction the engine must
find), every 97th jumps tenfold once (an implausible jump); every 200th key has a figure given as a fraction of
another claim ("two-thirds of c12"); every 1,000th subject has two opposite statements. The same arguments
always give the same bytes (a seeded generator, no clock).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any, Iterator

CUMULATIVE = ("killed", "wounded", "casualties")
LEVELS = ("displaced", "deployed")
MEASURES = CUMULATIVE + LEVELS
START = dt.date(2020, 1, 1)
SERIES_START = dt.date(1750, 1, 1)  # 100,000 days later is 2023


def _figure(rng: random.Random, n: int) -> str:
    """``n`` as news might write it: mostly plain, often hedged, now and then a range or an interval."""
    form = rng.randrange(20)
    if form < 10:
        return f"{n:,}"
    if form < 13:
        return f"at least {n:,}"
    if form < 15:
        return f"about {n:,}"
    if form == 15:
        return f"more than {n:,}"
    if form == 16:
        return f"nearly {n:,}"
    lo, hi = int(n * 0.97), int(n * 1.03) + 1
    if form < 19:
        return f"{lo:,}-{hi:,}"
    return f"{n:,} (95% CI {lo:,}-{hi:,})"


def _claim(cid: str, source: str, subject: str, day: dt.date, measure: str, value: str, rng: random.Random,
           sources: int) -> dict[str, Any]:
    row: dict[str, Any] = {"id": cid, "source": source, "said_on": day.isoformat(), "subject": subject,
                           "measure": measure, "value": value}
    if rng.randrange(7) == 0:
        row["via"] = [f"src{rng.randrange(sources)}"]
    if rng.randrange(5) == 0:
        row["status"] = "verified"
    return row


def wide(claims: int, keys: int, sources: int, seed: int = 12) -> Iterator[dict[str, Any]]:
    """The ``wide`` story's claims, in a deterministic order (key by key, day by day)."""
    rng = random.Random(seed)
    per_key, extra = divmod(claims, keys)
    n = 0
    for key in range(keys):
        subject, measure = f"s{key // len(MEASURES)}", MEASURES[key % len(MEASURES)]
        count = per_key + (1 if key < extra else 0)
        base = 100 + 37 * (key % 211) + 5 * (key // len(MEASURES) % 17)
        first_id = None
        for day in range(count):
            if measure in CUMULATIVE:
                value = base + 11 * day
                if key % 50 == 0 and day == count // 2:
                    value = int(value * 0.7)  # a fall in a count that cannot fall
                if key % 97 == 0 and day == count // 2 + 1:
                    value *= 10  # an implausible jump
                if measure == "casualties":
                    value *= 3
            else:  # a level: rises, then falls
                value = base * 20 + 150 * (day if day < count // 2 else count - day)
            cid = f"c{n}"
            first_id = first_id or cid
            source = f"src{(key * 7 + day * 13) % sources}"
            text = _figure(rng, value)
            if key % 200 == 199 and day == count - 1 and first_id != cid:
                text = f"two-thirds of {first_id}"
            yield _claim(cid, source, subject, START + dt.timedelta(days=day), measure, text, rng, sources)
            n += 1
        if key % (1000 * len(MEASURES)) == 0:
            for j, polarity in enumerate((True, False)):
                yield {"id": f"st{key}-{j}", "source": f"src{(key + j) % sources}", "subject": subject,
                       "said_on": (START + dt.timedelta(days=j)).isoformat(), "proposition": "ceasefire holds",
                       "polarity": polarity}


def series(days: int, others: int, seed: int = 12) -> Iterator[dict[str, Any]]:
    """The ``series`` story: one daily cumulative count with falls and jumps, and ``others`` other sources."""
    rng = random.Random(seed)
    for day in range(days):
        value = 1000 + 3 * day
        if day % 20_011 == 20_000:
            value = int(value * 0.8)  # a fall
        if day % 30_011 == 30_000:
            value *= 10  # an implausible jump
        yield _claim(f"d{day}", "moh", "war", SERIES_START + dt.timedelta(days=day), "killed", _figure(rng, value),
                     rng, others + 1)
    for k in range(others):
        for day in range(500 + 37 * k, days, 1000):
            yield _claim(f"o{k}-{day}", f"src{k}", "war", SERIES_START + dt.timedelta(days=day), "killed",
                         _figure(rng, int((1000 + 3 * day) * (0.95 + 0.01 * k))), rng, others + 1)


def write(rows: Iterator[dict[str, Any]], path: Path, slug: str) -> int:
    """Write the rows as JSON Lines (``.jsonl``) or a YAML scenario file (any other suffix); returns the count."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        if path.suffix == ".jsonl":
            for n, row in enumerate(rows, 1):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            return n
        buffered = list(rows)
        seen = sorted({s for r in buffered for s in (r["source"], *r.get("via", ()))},
                      key=lambda s: (len(s), s))
        out.write(f"scenario: {slug}\ntitle: Synthetic story ({len(buffered):,} claims; bench/generate.py)\n")
        out.write("sources:\n" + "".join(f"  {s}: {{name: Source {s}}}\n" for s in seen) + "claims:\n")
        for row in buffered:  # one flow mapping a line; JSON strings are YAML double-quoted strings
            out.write("  - {" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in row.items())
                      + "}\n")
        return len(buffered)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shape", choices=("wide", "series"))
    parser.add_argument("--claims", type=int, default=20_000, help="wide: claims (about; statements are added)")
    parser.add_argument("--keys", type=int, default=2_000, help="wide: subject-measure keys")
    parser.add_argument("--sources", type=int, default=50, help="wide: sources")
    parser.add_argument("--days", type=int, default=100_000, help="series: days of the daily series")
    parser.add_argument("--others", type=int, default=10, help="series: other sources")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("-o", "--output", required=True, type=Path, help="FILE.jsonl, or FILE.yaml for a scenario")
    args = parser.parse_args(argv)
    rows = (wide(args.claims, args.keys, args.sources, args.seed) if args.shape == "wide"
            else series(args.days, args.others, args.seed))
    n = write(rows, args.output, f"bench-{args.shape}")
    print(f"wrote {n:,} claims to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
