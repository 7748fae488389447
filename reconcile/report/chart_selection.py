"""Which figures each chart of a report draws: the (subject, measure) series, the groups of related measures
drawn together, and the figures beside one finding.

Kept apart from the drawing (:mod:`reconcile.report.plot`) because the report's text needs these choices even
when matplotlib is not installed: the Markdown names the charts and their claims without drawing them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..claims import Claim, Source
from ..engine.reconciliation import LastComputed, Reconciliation
from ..findings import Finding

__all__ = ["series_keys", "chart_groups", "related"]


def _result_of(data: Any) -> Reconciliation:
    result = getattr(data, "result", data)  # a Report, or a Reconciliation itself
    if not isinstance(result, Reconciliation):
        raise TypeError(f"expected a Reconciliation or a Report, got {type(data).__name__}")
    return result


def _result_and_sources(data: Any) -> tuple[Reconciliation, dict[str, Source]]:
    result = _result_of(data)
    sources: dict[str, Source] = {s.id: s for s in getattr(data, "sources", ())}
    for c in result.claims:
        sources.setdefault(c.source.id, c.source)
    return result, sources


def series_keys(data: Any) -> list[tuple[str, str]]:
    """The (subject, measure) pairs that have figures, sorted: one timeline each."""
    result, _ = _result_and_sources(data)
    return sorted({(c.subject, c.topic) for c in result.claims if c.is_figure})  # a figure's topic is its measure


def _families(result: Reconciliation) -> dict[str, str]:
    """Each measure of the story mapped to the first-named measure of its family: measures joined by the
    registry's part/whole and cap relations (killed, wounded, casualties, deployed), so that counts of one
    thing are drawn together and counts of unrelated things (displaced) keep a scale of their own."""
    names = sorted({c.topic for c in result.claims if c.is_figure})
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    for n in names:
        m = result.measures.get(n)
        if m is None:
            continue
        above = [m.name, *result.measures.ancestors(m.name)]
        caps = [w.capped_by for w in (result.measures.get(a) for a in above) if w is not None and w.capped_by]
        for other in (*above, *caps):
            if other in parent:
                a, b = sorted((root(n), root(other)))
                parent[b] = a
    return {n: root(n) for n in names}


def chart_groups(data: Any) -> list[tuple[str, str, tuple[str, ...]]]:
    """Per subject, unit and family of measures (see :func:`_families`), sorted: the ids of its figures,
    drawn together so a lone figure is part of its story's chart rather than a chart of its own. Returns
    ``(subject, title, ids)``."""
    result, _ = _result_and_sources(data)
    family = _families(result)
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for c in result.claims:
        if c.estimate is not None:
            groups[(c.subject, c.estimate.unit, family[c.topic])].append(c.id)
    first: dict[str, Claim] = {}  # what result.claim(i) gives, without a scan of every claim per id
    for c in result.claims:
        first.setdefault(c.id, c)
    out = []
    for (subject, unit, _root), ids in sorted(groups.items()):
        measures = " + ".join(dict.fromkeys(first[i].topic for i in ids))
        out.append((subject, f"{measures} ({unit})", tuple(ids)))
    return out


def related(data: Any, finding: Finding) -> tuple[str, ...]:
    """The figures to draw beside a finding: every figure of its subject whose measure the finding's claims,
    the claims its reason rests on (``context``: the whole a part outgrew) or the inputs of a derived claim
    name, so both sides show over time, and a whole with its parts where a part/whole rule fired."""
    by_id, figures_of = _figure_index(_result_of(data))
    involved = [by_id[i] for i in (*finding.claims, *finding.context) if i in by_id]
    involved += [by_id[i] for c in list(involved) for i in c.derived_from if i in by_id]
    figures = [c for c in involved if c.estimate is not None]
    if not figures:
        return ()
    unit, subject = figures[0].estimate.unit, figures[0].subject  # type: ignore[union-attr]
    measures = {c.topic for c in figures if c.estimate is not None and c.estimate.unit == unit}
    return tuple(c.id for c in figures_of.get((subject, unit), ()) if c.topic in measures)


_Index = tuple[dict[str, Claim], dict[tuple[str, str], list[Claim]]]
_INDEX: LastComputed[_Index] = LastComputed()


def _figure_index(result: Reconciliation) -> _Index:
    """Claims by id, and the figures of each (subject, unit) in claim order: made once per reconciliation
    (kept for the last one), so a report's thousands of discrepancy charts do not each scan every claim."""
    done = _INDEX.get(result)
    if done is not None:
        return done
    by_id = {c.id: c for c in result.claims}
    figures: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in result.claims:
        if c.estimate is not None:
            figures[(c.subject, c.estimate.unit)].append(c)
    return _INDEX.put(result, (by_id, figures))
