"""Low / best / high per subject, measure and as-of date, each naming the claims behind it; outliers aside.

The rule (README, "Estimates and reliability"):

- **Credible figures.** A retracted claim is never one. Each origin (the source a figure comes from, whatever
  outlets relayed it) speaks once per date: its given figure over a derived one, then its latest said. For a
  cumulative measure a figure also speaks to later dates as a *floor* (the count cannot have fallen below it)
  and to earlier ones as a *ceiling*, for origins without a figure of their own at that date. A figure in
  contradiction with the rest is an **outlier**, listed with the reason, and not credible.
- **Best** is the weighted median of the two-sided figures (points with their implied precision, ranges),
  each weighted by its source's reliability (:mod:`reconcile.engine.reliability`) and its precision, copies
  counting once; it is never outside what the credible figures allow: a floor raises it, a ceiling (also the
  capping measure: casualties are at most the troops deployed) lowers it. With floors only, the highest floor.
  "At least 50" and 400 on one day: best 400. A floor that the two-sided figures below it outweigh is an
  outlier; otherwise the figures below the floor are.
- **Low** is the most conservative credible figure: the lowest lower bound. **High** is the highest credible
  figure: the highest upper bound stated for the date, or, where only floors speak, the tightest ceiling.
- **Over time.** For a cumulative measure low and best never fall from one date to the next (an earlier low
  or best carries forward) and high never exceeds a later high; a level (troops present) follows its dates.
  Where the figures over time cannot be reconciled (the whole-story check reports it) a date keeps its own
  values rather than a contradictory carried one.

>>> from reconcile import Claim, reconcile
>>> r = reconcile([Claim.figure("a", "un", "killed", "at least 50", subject="x", said_on="2025-01-13"),
...                Claim.figure("b", "ngo", "killed", "400", subject="x", said_on="2025-01-13")])
>>> [(s.low, s.best, s.high) for s in summarize(r)]
[(50, 400, 440)]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

import attrs
import numpy as np

from ..claims import Claim, Status, claim_sort_key
from ..figures.dates import Period
from ..figures.quantity import Number, to_json_number
from ..findings import Finding, Relation
from ..io import no_gc
from ..measures import Measure
from .date_rule import Outlier, _Carried, _Fig, _Row, _carried, _general, _monotone, _number, _single
from .reconciliation import LastComputed, Reconciliation
from .reliability import Discovery, Observations, discover

__all__ = ["Summary", "Outlier", "SourceReliability", "summarize", "reliability", "credible_figures"]


@attrs.frozen
class Summary:
    """The range the evidence supports for one subject and measure at one date.

    ``contradictions`` lists ``(relation kind, claim ids)`` of the contradictions that name a claim behind
    this range, so a reader sees them beside it; ``origins`` counts the independent origins behind it.
    """

    subject: str
    measure: str
    as_of: Period
    unit: str
    low: Number | None
    best: Number | None
    high: Number | None
    low_claims: tuple[str, ...]
    best_claims: tuple[str, ...]
    high_claims: tuple[str, ...]
    outliers: tuple[Outlier, ...] = ()
    contradictions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    origins: int = 0

    @property
    def claims(self) -> tuple[str, ...]:
        """Every claim behind a bound, each once, in the order low, best, high."""
        return tuple(dict.fromkeys((*self.low_claims, *self.best_claims, *self.high_claims)))

    def to_dict(self, shared: dict[tuple[str, tuple[str, ...]], dict[str, Any]] | None = None) -> dict[str, Any]:
        """The JSON record. ``shared``, from a caller that only encodes the records it gets (the streamed
        JSON), holds each contradiction's record once for every summary beside it: on a 100,000-day series a
        million contradictions listed beside dates are 60,000 distinct ones."""
        found = self.contradictions
        if not found:
            contradictions = []
        elif shared is None:
            contradictions = [_contradiction_record(c) for c in found]
        else:
            try:
                contradictions = list(map(shared.__getitem__, found))
            except KeyError:  # some not seen before: made once, then every one found again
                for c in found:
                    if c not in shared:
                        shared[c] = _contradiction_record(c)
                contradictions = list(map(shared.__getitem__, found))
        low, best, high = self.low, self.best, self.high  # most are ints or None: written without a call
        low_claims, best_claims, high_claims = self.low_claims, self.best_claims, self.high_claims
        as_of = self.as_of
        return {
            "subject": self.subject, "measure": self.measure, "as_of": as_of.text or str(as_of), "unit": self.unit,
            "low": low if type(low) is int or low is None else to_json_number(low),
            "best": best if type(best) is int or best is None else to_json_number(best),
            "high": high if type(high) is int or high is None else to_json_number(high),
            "claims": list(dict.fromkeys((*low_claims, *best_claims, *high_claims))), "low_claims": [*low_claims],
            "best_claims": [*best_claims], "high_claims": [*high_claims],
            "outliers": [o.to_dict() for o in self.outliers] if self.outliers else [],
            "contradictions": contradictions,
            "origins": self.origins,
        }


def _contradiction_record(found: tuple[str, tuple[str, ...]]) -> dict[str, Any]:
    kind, claims = found
    return {"kind": kind, "claims": list(claims)}


@attrs.frozen
class SourceReliability:
    """One source's reliability over the story: ``weight`` (1 for the most reliable), the ``claims`` it rests
    on, its error spread (typical relative error) with CATD's interval, and whom it copies, if anyone."""

    source: str
    type: str
    weight: float
    claims: int
    spread: float
    spread_low: float
    spread_high: float
    copies: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "type": self.type, "weight": round(self.weight, 6), "claims": self.claims,
                "spread": round(self.spread, 6), "spread_low": round(self.spread_low, 6),
                "spread_high": round(self.spread_high, 6), "copies": list(self.copies)}


_Item = tuple[str, str, tuple[int, int]]  # subject, measure, as-of period (its day ordinals: cheap to hash)


def _stated(c: Claim) -> bool:
    """Said by the source (a fraction of another claim included), not derived by a rule."""
    return c.rule is None or c.rule == "fraction"


def credible_figures(claims: Iterable[Claim]) -> dict[_Item, list[Claim]]:
    """Per (subject, measure, as_of's day ordinals): one figure per origin (not retracted; given over derived, then the
    latest said, then the id), in claim order."""
    chosen: dict[tuple[_Item, str], Claim] = {}
    for c in claims:
        if c.estimate is None or c.measure is None or c.status is Status.RETRACTED:
            continue
        key = ((c.subject, c.measure, c.as_of.sort_key), c.source.id)
        kept = chosen.get(key)
        if kept is None or (_stated(c), c.said_on.sort_key, c.id) > (_stated(kept), kept.said_on.sort_key, kept.id):
            chosen[key] = c
    items: dict[_Item, list[Claim]] = defaultdict(list)
    for (item, _), c in chosen.items():
        items[item].append(c)
    for group in items.values():
        if len(group) > 1:  # most dates have one figure: nothing to order
            group.sort(key=claim_sort_key)
    return items


def _observations(items: dict[_Item, list[Claim]], sources: dict[str, int]) -> tuple[Observations, list[Claim]]:
    # Columns are gathered as Python lists, one per field, and made arrays once (setting numpy items one at a
    # time costs more than the lists); a group's item index is looked up once, not per claim.
    rows: list[Claim] = []
    item_of: list[int] = []
    for i, group in enumerate(items.values()):
        stated = [c for c in group if c.rule is None or c.rule == "fraction"]  # _stated, without a call per claim
        rows += stated
        item_of += [i] * len(stated)
    estimates = [c.estimate for c in rows if c.estimate is not None]  # every one: credible_figures keeps figures
    item = np.array(item_of, dtype=np.int64)
    source = np.array([sources[c.source.id] for c in rows], dtype=np.int64)
    low = np.array([e._lo for e in estimates], dtype=np.float64)
    value = np.array([e._mid for e in estimates], dtype=np.float64)
    high = np.array([e._hi for e in estimates], dtype=np.float64)
    time = np.array([c.said_on.sort_key[0] for c in rows], dtype=np.float64)
    two = np.array([e.low is not None and e.high is not None for e in estimates], dtype=np.bool_)
    return Observations(item, source, low, value, high, time, two), rows


def _discover(result: Reconciliation, items: dict[_Item, list[Claim]]) -> tuple[Discovery, list[str],
                                                                                 dict[str, str]]:
    types = {c.source.id: c.source.type for c in result.claims}
    names = sorted(types)
    sources = {s: i for i, s in enumerate(names)}
    obs, _ = _observations(items, sources)
    prior = np.array([result.settings.prior(types[s]) for s in names])
    return discover(obs, len(names), len(items), settings=result.settings, prior=prior), names, types


def reliability(result: Reconciliation) -> list[SourceReliability]:
    """Each source's reliability over the whole story (sources without figures are left out), by weight."""
    _, found, names, types = _analysis(result)
    copies: dict[int, list[str]] = defaultdict(list)
    for copier, original, _ in found.copies:
        copies[copier].append(names[original])
    out = [SourceReliability(names[i], types[names[i]], float(found.weight[i]), int(found.n[i]),
                             float(found.spread[i]), float(found.spread_low[i]), float(found.spread_high[i]),
                             tuple(copies.get(i, ()))) for i in range(len(names)) if found.n[i] > 0]
    return sorted(out, key=lambda s: (-s.weight, s.source))


_Analysis = tuple[dict[_Item, list[Claim]], Discovery, list[str], dict[str, str]]
_ANALYSIS: LastComputed[_Analysis] = LastComputed()


def _analysis(result: Reconciliation) -> _Analysis:
    """Credible figures and truth discovery of a reconciliation, computed once for summarize and reliability."""
    done = _ANALYSIS.get(result)
    if done is not None:
        return done
    items = credible_figures(result.claims)
    found, names, types = _discover(result, items)
    return _ANALYSIS.put(result, (items, found, names, types))


_SUMMARIES: LastComputed[tuple[Summary, ...]] = LastComputed()

# A group where every origin speaks at every date carries no bound to any date, so its dates are not looked at
# for carried bounds (the same summaries: tests/test_estimates.py turns this off and compares).
PANELS = True


def summarize(result: Reconciliation) -> list[Summary]:
    """One :class:`Summary` per (subject, measure, as_of), sorted by subject, measure and date.

    The last reconciliation's summaries are kept while it lives (a Reconciliation is immutable):
    ``summarize(r)`` then ``Report(r)`` computes them once."""
    done = _SUMMARIES.get(result)
    if done is not None:
        return list(done)
    # Summaries and their parts are attrs objects, tuples and lists that never form cycles: the cyclic
    # collector, woken by every burst of them, would only walk the story's objects again (half the time of a
    # 100,000-claim story). Reference counting frees the rest as usual.
    with no_gc():
        out = _summarize(result)
    _SUMMARIES.put(result, tuple(out))
    return out


def _summarize(result: Reconciliation) -> list[Summary]:
    items, found, names, _ = _analysis(result)
    if not items:
        return []
    index = {s: i for i, s in enumerate(names)}
    weight = {s: float(found.weight[i]) if found.n[i] else 1.0 for s, i in index.items()}
    group_of = {s: int(found.group[i]) for s, i in index.items()}
    tolerance, floor = result.settings.tolerance, result.settings.precision_floor
    by_measure: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for item in items:
        by_measure[(item[0], item[1])].append(item)
    for dates in by_measure.values():
        dates.sort(key=lambda it: it[2])
    # Contradictions by claim id, as indexes of distinct findings (equal findings share one: each is hashed
    # once here, not once per date it is near) with their sort keys computed once.
    contradicting: dict[str, list[int]] = defaultdict(list)
    distinct: dict[Finding, int] = {}
    near_keys: list[tuple[Any, ...]] = []
    near_found: list[tuple[str, tuple[str, ...]]] = []
    for f in result.findings:
        if f.relation is Relation.CONTRADICTS:
            k = distinct.setdefault(f, len(distinct))
            if k == len(near_found):
                near_keys.append(f.sort_key())
                near_found.append((f.kind, f.claims))
            for cid in f.claims:
                contradicting[cid].append(k)
    beside: dict[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]] = {}  # by the claims behind a date
    carried_figs: dict[int, _Fig] = {}  # by id(claim): a floor or ceiling carried to many dates is one _Fig

    def carried(c: Claim) -> _Fig:
        fig = carried_figs.get(id(c))
        if fig is None:
            fig = carried_figs[id(c)] = _carried(c, weight, floor)
        return fig

    out: list[Summary] = []
    measures: dict[str, tuple[Measure, str | None]] = {}
    caps_of: dict[tuple[str, str], list[Claim]] = {}  # each capping measure's figures, in claim order
    for (subject, measure_name), dates in sorted(by_measure.items()):
        known = measures.get(measure_name)
        if known is None:  # a measure's definition and cap, looked up once for all its subjects
            known = measures[measure_name] = (result.measures.resolve(measure_name),
                                              result.measures.capped(measure_name) if result.settings.apply_caps
                                              else None)
        measure, cap_name = known
        cumulative = measure.is_cumulative
        caps: list[Claim] = []
        if cap_name:  # one capping measure caps several (troops cap casualties, casualties cap killed): made once
            caps = caps_of.get((subject, cap_name))  # type: ignore[assignment]
            if caps is None:
                caps = [c for it in by_measure.get((subject, cap_name), ()) for c in items[it]]
                caps.sort(key=claim_sort_key)
                caps_of[(subject, cap_name)] = caps
        after_ceiling: list[Claim | None] = [None] * len(dates)
        speaking = [{c.source.id for c in items[item]} for item in dates]
        # Bounds are carried to a date only from origins silent at it: where every origin of the group speaks at
        # every date (a panel: each source reports each day), none ever is, and no date needs looking at twice.
        everyone = set().union(*speaking) if cumulative else set()
        carries = cumulative and (not PANELS or any(len(s) < len(everyone) for s in speaking))
        if carries:  # each date's tightest ceiling from later figures of origins not speaking: one pass back
            later = _Carried(+1)
            for i in range(len(dates) - 1, -1, -1):
                here = items[dates[i]]
                after_ceiling[i] = later.top(speaking[i])
                for c in here:
                    if c.estimate is not None and c.estimate.high is not None:
                        later.put(c.source.id, c.estimate._hi, c)
        lowest, highest = _Carried(+1), _Carried(-1)  # earlier floors: the lowest (for low), the tightest
        rows: list[_Row] = []
        j, cap_top, cap_open = 0, None, False
        for i, item in enumerate(dates):
            here = items[item]
            period = here[0].as_of
            while j < len(caps) and caps[j].as_of.start <= period.end:  # running maximum of the caps to date
                e = caps[j].estimate
                assert e is not None
                if e.high is None:
                    cap_open = True
                elif cap_top is None or e._hi > cap_top.estimate._hi:  # type: ignore[union-attr]
                    cap_top = caps[j]
                j += 1
            floor_claims: list[Claim] = []
            ceiling_claims: list[Claim] = []
            if carries:
                top_high, top_low = highest.top(speaking[i]), lowest.top(speaking[i])
                if top_high is not None:
                    floor_claims.append(top_high)
                # the same claim once (compared by identity first: Claim's generated __eq__ and __hash__ are dear)
                if top_low is not None and not (top_high is not None and (top_low is top_high or top_low == top_high)):
                    floor_claims.append(top_low)
                ceiling = after_ceiling[i]
                if ceiling is not None:
                    ceiling_claims.append(ceiling)
            if cap_top is not None and not cap_open:
                ceiling_claims.append(cap_top)
            unit = here[0].estimate.unit if here[0].estimate else measure.unit
            row = (_single(here[0], period, unit, floor_claims, ceiling_claims, tolerance, weight, floor)
                   if len(here) == 1 else None)
            if row is None:
                row = _general(here, period, unit, floor_claims, ceiling_claims, group_of, weight, floor, tolerance,
                               carried)
            rows.append(row)
            if carries:
                for c in here:
                    if c.estimate is not None and c.estimate.low is not None:
                        lowest.put(c.source.id, c.estimate._lo, c)
                        highest.put(c.source.id, c.estimate._lo, c)
        if cumulative:
            _monotone(rows)
        for row in rows:
            behind = {*row.low_claims, *row.best_claims, *row.high_claims}
            found_here: tuple[tuple[str, tuple[str, ...]], ...] = ()
            if not contradicting.keys().isdisjoint(behind):
                ordered = tuple(sorted(behind))
                cached = beside.get(ordered)
                if cached is None:  # the findings near, first seen first, then sorted (stable) by sort key
                    near = dict.fromkeys(k for cid in ordered for k in contradicting.get(cid, ()))
                    cached = tuple(near_found[k] for k in sorted(near, key=near_keys.__getitem__))
                    beside[ordered] = cached
                found_here = cached
            bounds = [c for c in row.claims if c.id in behind]
            origins = len({c.source.id for c in bounds})
            out.append(Summary(subject, measure_name, row.period, row.unit,
                               _number(row.low, bounds, "low"), _number(row.best, bounds, "best"),
                               _number(row.high, bounds, "high"), row.low_claims, row.best_claims,
                               row.high_claims, tuple(row.outliers), found_here, origins))
    return out
