"""engine/series.py: the complete checks of a group's figures over time.

Each prefilter there (``_can_fall`` for :func:`falls`, ``_may_rise`` for :func:`rises`) must skip only what the
rule (``figures.fall``, ``figures.rise``) would answer ``None``: the tests compare the findings with the prefilter
and without it. The rules' comparisons are exact (``<``, ``<=``, ``==`` with open bounds), so the strategies draw
the exact ties and off-by-ones on which a prefilter's ``<`` for ``<=`` would show, not only figures far apart.
"""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from strategies import figure_texts

from reconcile import Claim, Settings, reconcile

# Tolerance 0 (the rules compare exactly), small ones (a fall of 0.5% is beyond 0.1%), and the usual ones.
TOLERANCES = st.sampled_from([0.0, 0.0, 0.001, 0.005, 0.02, 0.1])

# Forms that make ``{n}`` a bound, open or closed, from below or above: "more than 7" is (7, inf), "up to 7"
# [0, 7], "fewer than 7" [0, 7), "nearly 7" [6.3, 7), "just over 7" (7, 7.7]; a plain 7 is [7, 7].
BOUND_FORMS = ["{n}", "{n}", "more than {n}", "just over {n}", "at least {n}", "up to {n}", "fewer than {n}",
               "nearly {n}", "{n}-{n}", "{lo}-{n}", "{n}-{hi}", "about {n}"]


def _figure(draw, n: int) -> str:
    """``n`` in one of :data:`BOUND_FORMS` (a range's other end 0 to 3 away)."""
    form = draw(st.sampled_from(BOUND_FORMS))
    return form.format(n=f"{n:,}", lo=f"{max(0, n - draw(st.integers(0, 3))):,}",
                       hi=f"{n + draw(st.integers(0, 3)):,}")


@st.composite
def _series(draw) -> list[Claim]:
    """A cumulative count said by a few origins over a few weeks: exact, round and hedged figures, some falling,
    some relayed, so both the exact comparison of one origin's stated figures and the noisy one across origins
    are met."""
    claims = []
    for k in range(draw(st.integers(2, 16))):
        origin = draw(st.sampled_from(("moh", "un", "afp")))
        text = draw(st.one_of(figure_texts(counts_only=True), st.integers(100, 140).map(str)))
        via = draw(st.sampled_from(((), ("wire",))))
        claims.append(Claim.figure(f"c{k}", origin, "killed", text, subject="x", via=via,
                                   said_on=f"2025-01-{draw(st.integers(1, 28)):02d}"))
    return claims


@st.composite
def _ties(draw) -> list[Claim]:
    """Two origins' figures of a count that stands still, moves by 1, or falls by less than 1% (0.5%, 1%, 2% of
    the figure), each figure in a form that makes it a bound (:data:`BOUND_FORMS`), a day after the one before or
    the same day. So a later figure's top is often exactly an earlier one's bottom ("7" after "more than 7",
    "fewer than 7" after "7": a fall only through the open bound) or just below it: a ``_can_fall`` that is strict
    where ``lies_below`` is not (``<`` for ``<=``), or that waits for a fall of 1%, drops a fall fall() finds."""
    level = draw(st.sampled_from([0, 1, 7, 137, 4321, 51_067]))
    claims, day = [], 1
    for k in range(draw(st.integers(2, 10))):
        step = draw(st.sampled_from([0, 0, 0, 1, -1, -1, -(level // 200), -(level // 100), -(level // 50)]))
        level = max(0, level + step)
        day += draw(st.integers(0, 1))
        claims.append(Claim.figure(f"c{k}", draw(st.sampled_from(("moh", "un"))), "killed", _figure(draw, level),
                                   subject="x", said_on=f"2025-01-{day:02d}"))
    return claims


@given(st.one_of(_series(), _ties()), TOLERANCES)
@hsettings(max_examples=500, deadline=None)
def test_falls_skips_only_the_comparisons_that_cannot_find_a_fall(claims, tolerance):
    # falls() calls figures.fall only where series._can_fall says a fall is possible; letting every
    # comparison through to the rule must not change a finding.
    import reconcile.engine.series as series

    settings = Settings(tolerance=tolerance)
    skipped = reconcile(claims, settings=settings).findings
    can_fall = series._can_fall
    series._can_fall = lambda *args: True
    try:
        every = reconcile(claims, settings=settings).findings
    finally:
        series._can_fall = can_fall
    assert skipped == every


@st.composite
def _jumpy(draw) -> list[Claim]:
    """A few origins' daily series that climb slowly, then jump (or not) by a share of the count: steps that
    rise() finds implausible and steps it does not, hedged and exact, with fractional bounds."""
    claims, level = [], draw(st.sampled_from([0, 5, 20, 1000, 4321]))
    for k in range(draw(st.integers(2, 20))):
        level += draw(st.sampled_from([0, 0, 0, 0, 0, 0, 1, 2, 8, 40, 600, 3000]))
        text = draw(st.sampled_from(["{}", "about {}", "at least {}", "{}-{}", "nearly {}", "up to {}"]))
        text = text.format(f"{level:,}", f"{level + draw(st.integers(0, 40)):,}")
        claims.append(Claim.figure(f"c{k}", draw(st.sampled_from(("moh", "un"))), "killed", text, subject="x",
                                   said_on=f"2025-01-{k + 1 + draw(st.integers(0, 1)):02d}"))
    return claims


SHARES = st.sampled_from([0.0, 0.0, 0.1, 0.5])


@st.composite
def _on_threshold(draw) -> tuple[list[Claim], float]:
    """``(claims, min_jump_share)``: one or two origins' daily series that stand still, step once, and stand still
    again (so the series' own rate is 0 and a rise that passes the share test is implausible). The step is
    measured as rise() measures it, from the top of the figure before (``high``) to the floor of the one after:
    exactly ``min_jump_share`` of the figure before (its middle), one less or one more, exactly 1, or 0. The
    figure before is exact, a ceiling ("up to N"), a range or hedged ("about N": its top above its middle), the
    one after exact or a floor ("at least N", "more than N", "N-M"). Dyadic shares of 8 or a multiple of 40 (whose
    "about" top, 1.1 N, is whole too) keep ``floor - high`` exactly on the share in floats (0.1 does not, and is
    drawn too): a ``_may_rise`` that wants more than the share, more than 1, or the share of the top instead of
    the middle drops a rise rise() finds."""
    share = draw(st.sampled_from([0.0, 0.0, 0.125, 0.25, 0.5, 1.0, 0.1]))
    claims = []
    for origin in draw(st.sampled_from([("moh",), ("moh", "un")])):
        level = draw(st.sampled_from([1, 8, 40, 120, 4320]))
        form = draw(st.sampled_from(["{n}", "{n}", "up to {n}", "{n}-{hi}", "about {n}", "about {n}", "nearly {n}",
                                     "at least {n}"]))
        earlier = form.format(n=f"{level:,}", hi=f"{level + draw(st.integers(0, 4)):,}")
        e = Claim.figure("e", origin, "killed", earlier, subject="x", said_on="2025-01-01").estimate
        assert e is not None
        top = e._hi if e.high is not None else level
        rise = draw(st.sampled_from([0, 1, share * e._mid, share * e._mid, share * e._mid - 1, share * e._mid + 1]))
        floor = max(0, math.ceil(top + rise))
        form = draw(st.sampled_from(["{n}", "{n}", "at least {n}", "more than {n}", "{n}-{hi}"]))
        later = form.format(n=f"{floor:,}", hi=f"{floor + draw(st.integers(0, 3)):,}")
        before, after = draw(st.integers(1, 4)), draw(st.integers(1, 4))
        for k in range(before + after):
            claims.append(Claim.figure(f"{origin}{k}", origin, "killed", earlier if k < before else later,
                                       subject="x", said_on=f"2025-01-{k + 1:02d}"))
    return claims, share


@given(st.one_of(st.tuples(_series(), SHARES), st.tuples(_jumpy(), SHARES), st.tuples(_ties(), SHARES),
                 _on_threshold()), TOLERANCES)
@hsettings(max_examples=500, deadline=None)
def test_rises_skips_only_the_steps_rise_cannot_find(case, tolerance):
    # rises() calls figures.rise only where series._may_rise (numpy over the chain) says a rise is possible;
    # with that prefilter off, every step goes to the rule and the findings must be the same.
    import reconcile.engine.series as series

    claims, share = case
    settings = Settings(tolerance=tolerance, min_jump_share=share)
    skipped = reconcile(claims, settings=settings).findings
    series.PREFILTER = False
    try:
        every = reconcile(claims, settings=settings).findings
    finally:
        series.PREFILTER = True
    assert skipped == every
