"""Where the rules run (in process): claims in, derived claims and findings out.

It validates the claims (every problem collected, then one :class:`~reconcile.errors.ErrorList`), derives
implied claims (:mod:`reconcile.rules.derive`), groups claims by subject and measure (or proposition) in
time order, and runs the rule families over bounded windows of each group, so the work grows linearly
with the number of claims (``Settings.compare_window``). Over time, a cumulative group is checked whole:
every fall against the running maximum of everything earlier and every rise against the series' own rate
(:mod:`reconcile.engine.series`, O(n log n) per group). Rules are pure functions; this module and
:mod:`~reconcile.engine.series` are the only places that decide which pairs they see.

>>> from reconcile import Claim, Settings, DEFAULT_MEASURES
>>> a = Claim.figure("a", "un", "killed", "1,200", subject="x", said_on="2024-05-01")
>>> b = Claim.figure("b", "ngo", "killed", "1,300", subject="x", said_on="2024-05-01")
>>> claims, findings = run([a, b], Settings(), DEFAULT_MEASURES)
>>> [f.relation.value for f in findings]
['supports']
"""

from __future__ import annotations

import bisect
import logging
from collections import defaultdict
from typing import Iterable, Sequence

import attrs

from ..claims import Claim, Status, claim_sort_key
from ..errors import ClaimError, ErrorList, MeasureError, ReconcileError
from ..figures.numeric import Number
from ..findings import Finding, Relation, finding_order
from ..measures import DEFAULT_MEASURES, Measure, MeasureRegistry
from ..rules import common, comparability, composition, derive, figures, statements
from ..settings import Settings
from ..subjects import NO_SUBJECTS, SubjectRegistry
from . import scopes, series

__all__ = ["run", "validate", "highest_cap", "superseded"]

log = logging.getLogger("reconcile")


def validate(claims: Sequence[Claim], measures: MeasureRegistry = DEFAULT_MEASURES) -> None:
    """Raise one :class:`ErrorList` naming every problem: duplicate ids, unknown measures, units that do
    not fit the measure, denials or fractions of claims that are not there."""
    errors: list[ReconcileError] = []
    seen = {c.id for c in claims}
    if len(seen) < len(claims):  # only then is each claim's id looked for among those before it
        seen = set()
        for c in claims:
            if c.id in seen:
                errors.append(ClaimError("duplicate claim id", claim_id=c.id, field="id", text=c.id,
                                         expected="ids unique within a story"))
            seen.add(c.id)
    known: dict[str, Measure] = {}  # a story names a few measures, each on thousands of claims
    for c in claims:
        if c.measure is not None:
            measure = known.get(c.measure)
            if measure is None:
                try:
                    measure = known[c.measure] = measures.resolve(c.measure)
                except MeasureError as err:
                    errors.append(err.located(claim_id=c.id, field="measure"))
            if measure is not None:
                if measure.name != c.measure:
                    errors.append(MeasureError("measure given by a synonym", claim_id=c.id, field="measure",
                                               text=c.measure, expected=f"the measure's name, {measure.name!r}"))
                elif c.estimate is not None and c.estimate.unit != measure.unit:
                    try:
                        c.estimate.to(measure.unit)
                    except ReconcileError as err:
                        errors.append(err.located(claim_id=c.id, field="value"))
        if not (c.denies or c.derived_from or c.corrects):
            continue  # most claims refer to none
        for ref in (*c.denies, *c.derived_from, *c.corrects):
            if ref not in seen:
                field = "denies" if ref in c.denies else ("corrects" if ref in c.corrects else "derived_from")
                errors.append(ClaimError("refers to a claim that does not exist", claim_id=c.id, field=field,
                                         text=ref, expected="the id of a claim in the same story"))
    if errors:
        raise ErrorList(errors)


def _derive(claims: Sequence[Claim], measures: MeasureRegistry) -> list[Claim]:
    by_id = {c.id: c for c in claims}
    out: list[Claim] = []
    for c in claims:
        if c.rule == "fraction" and c.derived_from and c.derived_from[0] in by_id:
            rem = derive.remainder_of_fraction(c, by_id[c.derived_from[0]], measures)
            if rem is not None:
                out.append(rem)
    # A claim said alone implies nothing (a remainder needs a whole and a part, a sum two parts), and most are:
    # a statement's list is made only when a second figure joins its first.
    first: dict[tuple, Claim] = {}
    groups: dict[tuple, list[Claim]] = {}
    said_with = derive.statement_key
    for c in claims:
        if c.estimate is not None:  # a figure
            key = said_with(c)
            alone = first.setdefault(key, c)
            if alone is not c:
                groups.setdefault(key, [alone]).append(c)
    taken = {c.id for c in claims} | {c.id for c in out} if groups else set()
    for key in sorted(groups):
        for d in (*derive.remainder_of_statement(groups[key], measures), *derive.sums(groups[key], measures)):
            if d.id not in taken:
                taken.add(d.id)
                out.append(d)
    return out


def _canonical(f: Finding, order: dict[str, int]) -> Finding:
    """Symmetric relations list their claims in claim order, so a pair has one spelling."""
    if f.relation is not Relation.REFINES:  # Relation.symmetric
        claims = f.claims
        if len(claims) == 2:
            if order[claims[0]] > order[claims[1]]:
                return attrs.evolve(f, claims=(claims[1], claims[0]))
            return f
        claims = tuple(sorted(claims, key=order.__getitem__))
        if claims != f.claims:
            return attrs.evolve(f, claims=claims)
    return f


class _Collector:
    """Keeps one finding per pair: a contradiction outranks anything else said about the same two claims;
    among findings of one relation, the more severe wins, then the earlier rule."""

    def __init__(self, order: dict[str, int]) -> None:
        self.order = order
        # Nearly every pair is met by one rule only: its finding is kept as it is, a list made for a second.
        self.by_pair: dict[frozenset[str], Finding | list[Finding]] = {}

    def add(self, finding: Finding | None) -> None:
        if finding is not None:
            finding = _canonical(finding, self.order)
            pair = frozenset(finding.claims)  # Finding.pair
            kept = self.by_pair.get(pair)
            if kept is None:
                self.by_pair[pair] = finding
            elif type(kept) is list:
                kept.append(finding)
            else:
                self.by_pair[pair] = [kept, finding]  # type: ignore[list-item]

    def findings(self) -> tuple[Finding, ...]:
        out: list[Finding] = []
        for found in self.by_pair.values():
            if type(found) is not list:
                out.append(found)  # type: ignore[arg-type]
                continue
            contradictions = [f for f in found if f.relation is Relation.CONTRADICTS]
            pool = contradictions or found
            best: dict[Relation, Finding] = {}
            for f in pool:
                kept = best.get(f.relation)
                if kept is None or (f.severity, f.kind == "denial") > (kept.severity, kept.kind == "denial"):
                    best[f.relation] = f
            if contradictions:
                out.append(best[Relation.CONTRADICTS])
            else:
                out.extend(best.values())
        return tuple(sorted(out, key=finding_order))


def superseded(claims: Sequence[Claim]) -> dict[str, Claim | None]:
    """Claims that no longer stand, each with what replaced it: a retracted claim (replaced by a claim that
    corrects it, else by the next figure or statement in time of its origin on the same subject and topic,
    else nothing) and a claim another one corrects (replaced by that one)."""
    out: dict[str, Claim | None] = {}
    for c in claims:  # claim order: the earliest correction wins
        for ref in c.corrects:
            out.setdefault(ref, c)
    retracted = [c for c in claims if c.status is Status.RETRACTED]
    if not retracted:
        return out
    by_key: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        by_key[(c.origin_id, c.subject, c.topic)].append(c)
    # Each origin's claims on a subject and topic in time order, with the next claim that stands after each
    # (one pass back): many retractions by one origin cost one pass, not one scan each. A claim later in
    # time order starts no earlier, so it is never wholly before the one it replaces.
    next_standing: dict[str, Claim | None] = {}
    for key in {(c.origin_id, c.subject, c.topic) for c in retracted}:
        group = by_key[key]
        group.sort(key=claim_sort_key)
        standing: Claim | None = None
        for o in reversed(group):
            if o.status is Status.RETRACTED:
                next_standing[o.id] = standing
            else:
                standing = o
    for c in retracted:
        out.setdefault(c.id, next_standing[c.id])
    return out


def run(claims: Iterable[Claim], settings: Settings, measures: MeasureRegistry,
        subjects: SubjectRegistry = NO_SUBJECTS) -> tuple[tuple[Claim, ...], tuple[Finding, ...]]:
    """Validate, derive what the claims imply and run every rule family: every claim (given and derived, in
    claim order) and every finding (most severe first). :func:`reconcile.reconcile` wraps the result. ``subjects``
    declares which subjects are parts of others (:mod:`reconcile.subjects`).

    Claims that no longer stand (retracted, or corrected by another claim) are compared with nothing and
    derive nothing; each gets one ``refines`` finding naming what replaced it (``revision``/``retraction``)."""
    try:
        return _run(claims, settings, measures, subjects)
    finally:
        # The explanations' quote cache holds the claims it quotes: emptied wherever the rules ran (in
        # process, or in a Dask worker's partition), so a finished run keeps none of them alive.
        common.forget()


def _run(claims: Iterable[Claim], settings: Settings, measures: MeasureRegistry,
         subjects: SubjectRegistry) -> tuple[tuple[Claim, ...], tuple[Finding, ...]]:
    claims = list(claims)
    keys = list(map(claim_sort_key, claims))
    ranks = sorted(range(len(claims)), key=keys.__getitem__)  # the order sorted(claims, key=...) gives
    given, given_keys = [claims[i] for i in ranks], [keys[i] for i in ranks]
    validate(given, measures)
    gone = superseded(given)
    standing = [c for c in given if c.id not in gone] if gone else given
    derived = _derive(standing, measures)
    everything = _merged(given, given_keys, derived)
    order = {c.id: i for i, c in enumerate(everything)}
    out = _Collector(order)
    window = settings.compare_window
    # Claims are looked up by id only for what replaced them and what they deny; most stories hold neither.
    deniers = [c for c in everything if c.denies and c.id not in gone]
    by_id = {c.id: c for c in everything} if gone or deniers else {}

    for old_id, new in sorted(gone.items(), key=lambda kv: order[kv[0]]):
        old = by_id[old_id]
        if new is not None and old_id in new.corrects:
            out.add(figures.revision(new, old))
        elif new is not None:
            out.add(figures.retraction(new, old))

    figure_groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    statement_groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    # everything is in claim order already; ids are unique, so this is the order sorting would give
    for c in everything if not gone else [c for c in everything if c.id not in gone]:
        if c.estimate is not None:  # a figure, whose topic is its measure
            figure_groups[(c.subject, c.measure)].append(c)  # type: ignore[index]
        else:
            statement_groups[(c.subject, c.topic)].append(c)  # a statement's topic is its proposition
    # issue 11: counts over a window (since/during, flow measures) are not figures of a running total; only the
    # window and hierarchy rules (engine/scopes.py) see them.
    windows = scopes.split_windows(figure_groups, measures)

    add = out.add
    for (_, measure_name), group in figure_groups.items():
        measure = measures.resolve(measure_name)
        # Read once per claim, not once per pair of the window.
        starts = [c.as_of.sort_key[0] for c in group]
        ends = [c.as_of.sort_key[1] for c in group]
        origins = [c.origin_id for c in group]
        long = settings.long_series(len(group))  # reports tell its updates in one line
        for i, later in enumerate(group):
            start, end, origin = starts[i], ends[i], origins[i]
            nearest_end = None
            for j in range(i - 1, max(0, i - window) - 1, -1):
                if starts[j] <= end and start <= ends[j]:  # the periods overlap
                    add(figures.compare_same_time(group[j], later, settings))
                else:
                    if nearest_end is None:
                        nearest_end = ends[j]
                    if ends[j] == nearest_end and origins[j] != origin:
                        # Across origins: an update when the count did not fall; the rate is judged along
                        # each origin's own series (series_checks), where levels are comparable.
                        add(figures.update(group[j], later, measure, settings, in_long_series=long))
        if measure.is_cumulative:
            series.falls(group, measure, settings, out.add)
        series.rises(group, measure, settings, out.add)
        series.estimates_across_origins(group, measure, settings, out.add)

    _compare_parts(figure_groups, measures, settings, out)
    _compare_caps(figure_groups, measures, settings, out)
    _compare_statements(statement_groups, window, out)
    for c in deniers:
        for denied in c.denies:
            if denied not in gone:
                out.add(statements.denial(c, by_id[denied]))
    _not_comparable(figure_groups, measures, settings, out)
    scopes.compare(figure_groups, windows, measures, subjects, settings, out.add)  # issue 11

    findings = out.findings()
    log.debug("reconciled %d claims (%d derived): %d findings", len(everything), len(derived), len(findings))
    return tuple(everything), findings


def _merged(given: list[Claim], keys: list[tuple[int, int, str]], derived: list[Claim]) -> list[Claim]:
    """``given`` (in claim order, with its sort keys) and ``derived`` in claim order, as sorting them together
    would give: each derived claim after the given ones of an equal key. A hundred thousand claims and a few
    derived ones are not sorted again."""
    out: list[Claim] = []
    at = 0
    for d in sorted(derived, key=claim_sort_key):
        i = bisect.bisect_right(keys, claim_sort_key(d), at)
        out.extend(given[at:i])
        out.append(d)
        at = i
    out.extend(given[at:])
    return out


class _TimeIndex:
    """Figures of one group found by period in O(log n): those whose period overlaps a given one."""

    def __init__(self, group: Sequence[Claim]) -> None:
        self.group = group
        self.starts = [c.as_of.sort_key[0] for c in group]
        self.ends = [c.as_of.sort_key[1] for c in group]
        # The longest period in the group bounds how far back an overlapping period can start.
        self.span = max(map(int.__sub__, self.ends, self.starts), default=0)
        self._cache: dict[tuple[tuple[int, int], str], Claim | None] = {}

    def at(self, claim: Claim) -> Claim | None:
        """The figure whose period overlaps ``claim``'s: same source first, then given over derived."""
        span = claim.as_of.sort_key
        key = (span, claim.source.id)
        if key not in self._cache:
            start, end = span
            lo = bisect.bisect_left(self.starts, start - self.span)
            hi = bisect.bisect_right(self.starts, end)
            ends = self.ends
            hits = [self.group[i] for i in range(lo, hi) if start <= ends[i]]
            if len(hits) > 1:
                self._cache[key] = min(hits, key=lambda w: (w.source.id != claim.source.id, w.is_derived,
                                                            claim_sort_key(w)))
            else:
                self._cache[key] = hits[0] if hits else None
        return self._cache[key]


def _compare_parts(groups: dict[tuple[str, str], list[Claim]], measures: MeasureRegistry, settings: Settings,
                   out: _Collector) -> None:
    window = settings.compare_window
    for (subject, part_name), parts in groups.items():
        part_measure = measures.resolve(part_name)
        # Nearly every pair a part meets proves nothing: its floor is below the whole's ceiling and it grew no
        # more than the whole did. Those tests run here on floats kept per claim (composition.ceiling and
        # composition.outgrew, the rules' own tests), so a rule is called only for a pair it may find against.
        floors: list[float] | None = None
        for whole_name in measures.ancestors(part_name):
            wholes = groups.get((subject, whole_name))
            if not wholes:
                continue
            if floors is None:
                floors = [p.estimate._lo for p in parts]  # type: ignore[union-attr]
                mids = [p.estimate._mid for p in parts]  # type: ignore[union-attr]
                spans = [p.as_of.sort_key for p in parts]
            whole_measure = measures.resolve(whole_name)
            index = _TimeIndex(wholes)
            w_starts, w_ends, n_wholes = index.starts, index.ends, len(wholes)
            ceilings = [composition.ceiling(w.estimate, settings) for w in wholes]  # type: ignore[arg-type]
            for p, floor, (start, end) in zip(parts, floors, spans):
                # Wholes dated with or after the part: the first `window` of them from the part's start,
                # and up to `window` before it whose periods still overlap the part's.
                lo = bisect.bisect_left(w_starts, start)
                back = lo
                while back > 0 and w_starts[back - 1] <= end and start <= w_ends[back - 1] and lo - back < window:
                    back -= 1
                for j in range(back, min(lo + window, n_wholes)):
                    if ceilings[j] <= floor:
                        w = wholes[j]
                        if w.id not in p.derived_from and p.id not in w.derived_from:
                            out.add(composition.part_exceeds_whole(p, w, part_measure, whole_measure, settings))
            at = [index.at(p) for p in parts]
            at_ends = [w.as_of.sort_key[1] if w is not None else 0 for w in at]
            at_mids = [w.estimate._mid if w is not None else 0.0 for w in at]  # type: ignore[union-attr]
            for i, w2 in enumerate(at):
                if w2 is None:
                    continue
                p2, m2, n2 = parts[i], mids[i], at_mids[i]
                p2_start, w2_start = spans[i][0], w2.as_of.sort_key[0]
                # composition.outgrew holds only for a whole that did not fall, so only for a part that grew by
                # more than the slack alone (a sum rounded to nearest is no less than either term when the
                # other is not negative): one subtraction rules out nearly every pair.
                least = settings.growth_slack * n2
                for j in range(max(0, i - window), i):
                    # p1 wholly before p2, and p1's whole wholly before p2's
                    if (m2 - mids[j] > least and spans[j][1] < p2_start and at[j] is not None
                            and at_ends[j] < w2_start and composition.outgrew(mids[j], m2, at_mids[j], n2, settings)):
                        out.add(composition.part_outgrew_whole(parts[j], p2, at[j], w2,  # type: ignore[arg-type]
                                                               part_measure, whole_measure, settings))


def highest_cap(caps: Sequence[Claim], claim: Claim) -> Claim | None:
    """Among cap figures dated up to ``claim``'s period, the one with the highest upper bound — or ``None``
    when any of them is open above (then nothing caps the claim)."""
    best: Claim | None = None
    best_high: Number | None = None
    for cap in caps:
        if cap.as_of.start > claim.as_of.end:
            break
        assert cap.estimate is not None  # caps are figures
        high = cap.estimate.high
        if high is None:
            return None
        if best_high is None or high > best_high:
            best, best_high = cap, high
    return best


def _compare_caps(groups: dict[tuple[str, str], list[Claim]], measures: MeasureRegistry, settings: Settings,
                  out: _Collector) -> None:
    for (subject, name), group in groups.items():
        cap_name = measures.capped(name)
        caps = groups.get((subject, cap_name)) if cap_name else None
        if not cap_name or not caps:
            continue
        measure, cap_measure = measures.resolve(name), measures.resolve(cap_name)
        # A running maximum keeps this linear: claims and caps are both in time order. The rule is called only
        # for a figure whose floor reaches the top cap's raised ceiling (composition.ceiling): no other can
        # lie above it.
        j, open_cap, n_caps = 0, False, len(caps)
        top: Claim | None = None
        top_high: Number | None = None
        top_ceiling = 0.0
        for c in group:
            end = c.as_of.sort_key[1]
            while j < n_caps and caps[j].as_of.sort_key[0] <= end:
                cap_estimate = caps[j].estimate
                assert cap_estimate is not None  # caps are figures
                high = cap_estimate.high
                if high is None:
                    open_cap = True
                elif top_high is None or high > top_high:
                    top, top_high = caps[j], high
                    top_ceiling = composition.ceiling(cap_estimate, settings)
                j += 1
            if open_cap:
                break  # the running maximum keeps every cap it took in: one open above leaves the rest uncapped
            if top is not None and top_ceiling <= c.estimate._lo:  # type: ignore[union-attr]
                out.add(composition.exceeds_cap(c, top, measure, cap_measure, settings))


def _compare_statements(groups: dict[tuple[str, str], list[Claim]], window: int, out: _Collector) -> None:
    for group in groups.values():
        for i, later in enumerate(group):
            for earlier in group[max(0, i - window):i]:
                out.add(statements.compare_statements(earlier, later))


def _nearest(group: Sequence[Claim], mids: list[float], claim: Claim, k: int) -> list[Claim]:
    """The ``k`` figures of ``group`` (sorted by period middle in ``mids``) nearest in time to ``claim``."""
    mid = sum(claim.as_of.sort_key) / 2
    i = bisect.bisect_left(mids, mid)
    near = group[max(0, i - k):i + k]
    return sorted(near, key=lambda c: (abs(sum(c.as_of.sort_key) / 2 - mid), claim_sort_key(c)))[:k]


def _not_comparable(groups: dict[tuple[str, str], list[Claim]], measures: MeasureRegistry, settings: Settings,
                    out: _Collector) -> None:
    """Each figure of either measure of a non-comparable pair meets the nearest figures of the other, so
    the figure most likely to be confused with it is named, from whichever side it is nearest."""
    k = settings.not_comparable_neighbours
    subjects = sorted({s for s, _ in groups})
    for a_name, b_name in measures.incomparable_pairs():
        ma, mb = measures.resolve(a_name), measures.resolve(b_name)
        for subject in subjects:
            a_group, b_group = groups.get((subject, a_name)), groups.get((subject, b_name))
            if not a_group or not b_group:
                continue
            by_mid_a = sorted(a_group, key=lambda c: (sum(c.as_of.sort_key), claim_sort_key(c)))
            by_mid_b = sorted(b_group, key=lambda c: (sum(c.as_of.sort_key), claim_sort_key(c)))
            mids_a = [sum(c.as_of.sort_key) / 2 for c in by_mid_a]
            mids_b = [sum(c.as_of.sort_key) / 2 for c in by_mid_b]
            for a in a_group:
                for b in _nearest(by_mid_b, mids_b, a, k):
                    out.add(comparability.not_comparable(a, b, ma, mb))
            for b in b_group:
                for a in _nearest(by_mid_a, mids_a, b, k):
                    out.add(comparability.not_comparable(a, b, ma, mb))
