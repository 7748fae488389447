"""The floors and ceilings carried between the dates of a cumulative count (engine/carried.py), against the
rule written out date by date and origin by origin."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from reconcile import Claim
from reconcile.engine import carried
from reconcile.engine.carried import carried_bounds

_FORMS = ("{n}", "at least {n}", "up to {n}", "about {n}", "{n}-{m}", "fewer than {n}")


def _plain(dates: list[list[Claim]]) -> tuple[list, list, list]:
    """Per date: over the origins not speaking, each one's latest earlier figure with a low (the highest low and
    the lowest), and its earliest later figure with a high (the lowest high); the first origin by id of equals."""
    tight, lowest, ceiling = [], [], []
    for i, here in enumerate(dates):
        speakers = {c.source.id for c in here}
        earlier: dict[str, Claim] = {}
        for before in dates[:i]:
            for c in before:
                if c.estimate.low is not None:
                    earlier[c.source.id] = c
        later: dict[str, Claim] = {}
        for after in reversed(dates[i + 1:]):
            for c in after:
                if c.estimate.high is not None:
                    later[c.source.id] = c
        floors = sorted((o, c) for o, c in earlier.items() if o not in speakers)
        ceilings = sorted((o, c) for o, c in later.items() if o not in speakers)
        # the first of equals: floors and ceilings are in origin order
        tight.append(next((c for _, c in floors if c.estimate._lo == max(f.estimate._lo for _, f in floors)), None))
        lowest.append(next((c for _, c in floors if c.estimate._lo == min(f.estimate._lo for _, f in floors)), None))
        ceiling.append(next((c for _, c in ceilings
                             if c.estimate._hi == min(f.estimate._hi for _, f in ceilings)), None))
    return tight, lowest, ceiling


@st.composite
def _groups(draw):
    groups = []
    k = 0
    for g in range(draw(st.integers(1, 4))):
        dates = []
        for d in range(draw(st.integers(1, 6))):
            here = []
            for origin in sorted(set(draw(st.lists(st.sampled_from("abcde"), min_size=1, max_size=3)))):
                n = draw(st.sampled_from((10, 20, 30, 40)))
                value = draw(st.sampled_from(_FORMS)).format(n=n, m=n + 5)
                here.append(Claim.figure(f"c{k}", origin, "killed", value, subject=f"s{g}",
                                         said_on=f"2025-01-{d + 10}"))
                k += 1
            dates.append(here)
        groups.append(dates)
    return groups


@given(_groups(), st.sampled_from((1, 7, 1 << 21)))
@settings(max_examples=300, deadline=None)
def test_carried_bounds_are_those_of_the_rule_date_by_date(groups, cells):
    # ``cells`` small splits the groups into several batches (a group larger than a batch is one alone)
    origin = {o: i for i, o in enumerate("abcde")}
    saved = carried.GRID_CELLS
    carried.GRID_CELLS = cells
    try:
        found = carried_bounds(groups, origin)
    finally:
        carried.GRID_CELLS = saved
    want: tuple[list, list, list] = ([], [], [])
    for dates in groups:
        for mine, theirs in zip(want, _plain(dates)):
            mine += theirs
    assert [[None if c is None else c.id for c in side] for side in found] == \
           [[None if c is None else c.id for c in side] for side in want]
