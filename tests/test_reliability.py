"""Truth discovery: weights from agreement, cautious weights for few claims, copying cliques as one voice."""

from __future__ import annotations

import numpy as np

from reconcile import Claim, Settings, reconcile, summarize
from reconcile.engine.estimates import reliability
from reconcile.engine.reliability import Observations, discover


def _story(copiers: int) -> list[Claim]:
    """Three careful sources, one that inflates by 1.5x, and ``copiers`` that repeat the inflater a day later."""
    claims = []
    for i in range(12):
        subject = f"s{i}"
        truth = 1000 + 37 * i
        day = f"2025-01-{i + 1:02d}"
        later = f"2025-02-{i + 1:02d}"
        for k, src in enumerate(["a", "b", "c"]):
            claims.append(Claim.figure(f"{src}{i}", src, "killed", truth + (k % 2), subject=subject, said_on=day,
                                       as_of=day))
        claims.append(Claim.figure(f"inf{i}", "inflater", "killed", int(truth * 1.5), subject=subject,
                                   said_on=day, as_of=day))
        for j in range(copiers):
            claims.append(Claim.figure(f"cp{j}-{i}", f"copier{j}", "killed", int(truth * 1.5), subject=subject,
                                       said_on=later, as_of=day))
    return claims


def test_a_copying_clique_does_not_move_the_best_estimate():
    without = {(s.subject, s.best) for s in summarize(reconcile(_story(0)))}
    with_clique = {(s.subject, s.best) for s in summarize(reconcile(_story(5)))}
    assert with_clique == without
    rel = {r.source: r for r in reliability(reconcile(_story(5)))}
    assert all(rel[f"copier{j}"].copies for j in range(5))
    assert not rel["a"].copies and not rel["inflater"].copies


def test_without_copy_detection_the_clique_wins():
    obs_claims = reconcile(_story(5))
    plain = Settings(copy_p_value=1e-300)  # no pair can pass: copying is never inferred
    assert {s.best for s in summarize(reconcile(_story(5), settings=plain))} != \
        {s.best for s in summarize(obs_claims)}


def test_careful_sources_outweigh_inflaters_and_few_claims_weigh_less():
    obs = Observations.from_points(item=[0, 0, 0, 1, 1, 1, 2, 2], source=[0, 1, 2, 0, 1, 2, 0, 3],
                                   value=[100, 100, 150, 200, 200, 300, 50, 50])
    r = discover(obs, n_sources=4)
    assert r.truth.tolist() == [100.0, 200.0, 50.0]
    assert r.weight[0] > r.weight[2] and r.weight[3] < r.weight[0]  # one claim: a cautious weight
    assert r.spread_high[3] > r.spread_high[0]


def test_priors_by_source_type_scale_weights_and_results_are_deterministic():
    claims = _story(0)
    a = reliability(reconcile(claims))
    b = reliability(reconcile(list(reversed(claims))))
    assert a == b
    s = Settings(reliability_priors={"unknown": 0.5})
    assert {r.source: r.weight for r in reliability(reconcile(claims, settings=s))} == \
        {r.source: r.weight for r in a}  # one type for all: a common factor changes no normalised weight
    assert s.prior("unknown") == 0.5 and s.prior("official") == 1.0


def test_weighted_median_is_a_stated_value():
    obs = Observations.from_points(item=[0, 0, 0, 0], source=[0, 1, 2, 3], value=[10, 11, 12, 13])
    assert discover(obs, 4).truth[0] in {10.0, 11.0, 12.0, 13.0}
    assert np.isfinite(discover(obs, 4).weight).all()
