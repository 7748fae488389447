"""Shared fixtures: the seed story built through the Python API (the scenario file builds the same claims)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from reconcile import Claim, Source, reconcile

# Property tests: a bounded run in the normal suite (and CI); `HYPOTHESIS_PROFILE=long` for a deep local run.
# The normal run is derandomized, so the same commit tries the same examples every time and CI cannot turn red
# by luck; the long run explores at random and pins what it finds with @example.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SEED_SUBJECT = "nk-troops-kursk"


def seed_claims() -> list[Claim]:
    """The figures and statements of the seed article (The Kyiv Independent, 2025-02-27), by hand."""
    nis = Source("nis", "South Korea National Intelligence Service", "intelligence-agency")
    zel = Source("zelensky", "Volodymyr Zelensky", "official")
    nyt = Source("nyt", "The New York Times", "newspaper")
    sof = Source("ua-sof", "Ukrainian Special Operations Forces spokesperson", "military")
    bud = Source("budanov", "Kyrylo Budanov", "official")
    ki = Source("kyiv-independent", "The Kyiv Independent", "newspaper")
    ru = Source("russia", "Russia", "government")
    s = SEED_SUBJECT
    casualties = Claim.figure("zel-casualties", zel, "casualties", "4,000", subject=s, said_on="2025-02-14")
    return [
        Claim.figure("nis-killed", nis, "killed", "at least 300", subject=s, said_on="2025-01-13"),
        Claim.figure("nis-wounded", nis, "wounded", "2,700", subject=s, said_on="2025-01-13"),
        casualties,
        Claim.portion_of(casualties, "two-thirds", id="zel-killed", measure="killed"),
        Claim.figure("ki-deployed", ki, "deployed", "up to 12,000", subject=s, said_on="2025-02-27",
                     as_of="2024-fall"),
        Claim.statement("nyt-pulled", nyt, "withdrawn-from-front", True, subject=s, said_on="2025-01-30"),
        Claim.statement("sof-not-faced", sof, "withdrawn-from-front", True, subject=s, said_on="2025-02-27"),
        Claim.statement("budanov-denial", bud, "withdrawn-from-front", False, subject=s, said_on="2025-02-27",
                        denies=["nyt-pulled"]),
        Claim.figure("russia-regained", ru, "share-of-territory", "about 64%", subject="kursk-incursion",
                     said_on="2025-02-27", status="unverified"),
    ]


@pytest.fixture
def seed():
    """The reconciled seed story."""
    return reconcile(seed_claims())
