"""engine/series.py: the complete checks of a group's figures over time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from strategies import figure_texts

from reconcile import Claim, Settings, reconcile


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


@given(_series(), st.sampled_from([0.0, 0.02, 0.1]))
@hsettings(max_examples=300, deadline=None)
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


@given(st.one_of(_series(), _jumpy()), st.sampled_from([0.0, 0.02, 0.1]),
       st.sampled_from([0.0, 0.0, 0.1, 0.5]))
@hsettings(max_examples=300, deadline=None)
def test_rises_skips_only_the_steps_rise_cannot_find(claims, tolerance, share):
    # rises() calls figures.rise only where series._may_rise (numpy over the chain) says a rise is possible;
    # with that prefilter off, every step goes to the rule and the findings must be the same.
    import reconcile.engine.series as series

    settings = Settings(tolerance=tolerance, min_jump_share=share)
    skipped = reconcile(claims, settings=settings).findings
    series.PREFILTER = False
    try:
        every = reconcile(claims, settings=settings).findings
    finally:
        series.PREFILTER = True
    assert skipped == every
