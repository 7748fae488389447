"""Long series in reports: a run of consistent updates told once, not once per consecutive pair.

A ministry's daily count over four years is 1,600 figures; the engine finds an ``update`` (refines) between
each figure and the one before it, and a contradiction wherever the count falls or jumps implausibly. A
report listing 1,600 "X updates Y" lines buries the five that matter. :func:`summarize_series` keeps every
contradiction and every other finding, and replaces the updates *within* one series (figures of one subject
and measure) of at least ``Settings.series_summary_min`` figures by one summary finding (relation
``refines``, kind ``series``, naming the last and the first figure) whose explanation counts them:
"1,612 daily figures; 1,607 consistent updates; 4 falls; 1 implausible jump".

The engine and the graph keep every finding: this is for reports (``reconcile report`` uses it unless
``--all-findings``), and it is a pure function of a :class:`Reconciliation`.

>>> from reconcile import Claim, Settings, reconcile
>>> days = [Claim.figure(f"d{i}", "moh", "killed", str(100 + i), subject="x", said_on=f"2024-05-{i + 1:02d}")
...         for i in range(20)]
>>> short = summarize_series(reconcile(days, settings=Settings(series_summary_min=10)))
>>> [(f.kind, f.explanation) for f in short.findings]
[('series', '20 daily figures of killed for x, 2024-05-01 to 2024-05-20; 19 consistent updates.')]
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from operator import attrgetter

import attrs

from ..claims import Claim
from ..figures.numeric import counted
from ..findings import Finding, Relation, Strength
from .reconciliation import Reconciliation

__all__ = ["summarize_series", "SERIES_KIND", "SERIES_RULE", "FALL_KINDS"]

# A fall within one origin's own exact series (series-fall) or below the group's running maximum across
# origins (cumulative-decrease): the kinds engine/series.py gives the two checks.
FALL_KINDS = frozenset({"series-fall", "cumulative-decrease"})

SERIES_KIND = "series"
SERIES_RULE = "series-summary"
_CADENCE = {1: "daily", 7: "weekly"}  # the median days between figures, as a report names it


def summarize_series(result: Reconciliation) -> Reconciliation:
    """``result`` with the updates within each long series replaced by one summary finding per series
    (see the module docstring); the same object when no series is long enough."""
    long_series = result.settings.long_series
    claims = result.claims
    # Counted first, in C: most stories have no series long enough, and then no group is built. A figure's
    # topic is its measure; a statement has none (its key ends in None).
    counts = Counter(zip(map(_SUBJECT, claims), map(_MEASURE, claims)))
    long_keys = {key for key, n in counts.items() if key[1] is not None and long_series(n)}
    if not long_keys:
        return result
    long: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:  # claims are in time order, and so is each group
        measure = c.measure
        if measure is not None and (figure := (c.subject, measure)) in long_keys:
            long[figure].append(c)
    where = {c.id: key for key, group in long.items() for c in group}
    updates: dict[tuple[str, str], int] = defaultdict(int)
    contradictions: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    kept: list[Finding] = []
    for f in result.findings:
        relation = f.relation
        if relation is Relation.CONTRADICTS or (relation is Relation.REFINES and f.kind == "update"):
            key = _series_of(f.claims, where)
            if key is not None:
                if relation is Relation.REFINES:
                    updates[key] += 1
                    continue
                contradictions[key].append(f)
        kept.append(f)
    for key, n in updates.items():
        group = long[key]
        kept.append(Finding(Relation.REFINES, SERIES_KIND, (group[-1].id, group[0].id), 0.0,
                            _explain(key, group, n, contradictions[key]), rule=SERIES_RULE))
    return attrs.evolve(result, findings=tuple(sorted(kept, key=Finding.sort_key)))


_SUBJECT, _MEASURE = attrgetter("subject"), attrgetter("measure")


def _series_of(ids: tuple[str, ...], where: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The long series every one of ``ids`` lies in, if they lie in one. Each series' key is one object, so
    identity compares them; a pair, most findings, is told without a set."""
    if len(ids) == 2:
        key = where.get(ids[0])
        return key if where.get(ids[1]) is key else None
    keys = {where.get(i) for i in ids}
    return next(iter(keys)) if len(keys) == 1 else None


def _explain(key: tuple[str, str], group: list[Claim], updates: int, contradictions: list[Finding]) -> str:
    subject, measure = key
    starts = [c.as_of.sort_key[0] for c in group]
    gaps = [b - a for a, b in zip(starts, starts[1:]) if b > a]
    cadence = _CADENCE.get(round(statistics.median(gaps))) if gaps else None
    noun = f"{cadence} figure" if cadence else "figure"
    parts = [f"{counted(len(group), noun)} of {measure} for {subject}, {group[0].as_of} to {group[-1].as_of}",
             counted(updates, "consistent update")]
    falls = sum(f.kind in FALL_KINDS for f in contradictions)
    jumps = sum(f.kind not in FALL_KINDS and f.strength is Strength.IMPLAUSIBLE for f in contradictions)
    other = len(contradictions) - falls - jumps
    if falls:
        parts.append(counted(falls, "fall"))
    if jumps:
        parts.append(counted(jumps, "implausible jump"))
    if other:
        parts.append(counted(other, "other contradiction"))
    return "; ".join(parts) + "."
