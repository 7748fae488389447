"""A third held-out evaluation of :func:`reconcile.extract`, written for the parse-based extractor (issue 15):
sixteen invented paragraphs (``tests/fixtures/extract/parsed/``) in the forms wire copy uses and the rule-based
extractor was known to miss: lists of figures sharing one measure word, "respectively", appositive and possessive
sources, figures far from their measure words ("The official death count ... is 64", "put the toll ... at 143"),
back references ("he added", "the agency", "that number", "its figure"), dates inside the attribution, and
changes that are not tolls ("rose by 400"). Each paragraph is in its own words, not copied from any report.
The expected claims below were written down before the extractor was run on them.

Scoring (the issue's definition): a proposed figure is right only when its source, measure and value (the
figure with its hedge and interval) all match one expected claim; subjects and dates are not scored here
(the earlier held-out sets score them). Periods proposed for ``as_of`` are checked separately
(``PERIODS``), as are relays.

First run (before any change for issue 15; ``pytest tests/test_extract_heldout_parsed.py -s``):
  storms_states_list.txt                   precision 0.33 (1/3)  recall 0.20 (1/5)
  quake_respectively.txt                   precision 0.00 (0/1)  recall 0.00 (0/3)
  borno_official_count.txt                 precision 1.00 (1/1)  recall 0.50 (1/2)
  fasher_put_that_number.txt               precision 0.00 (0/1)  recall 0.00 (0/2)
  atlas_feared_dead.txt                    precision 1.00 (1/1)  recall 0.50 (1/2)
  sudzha_captured_two.txt                  precision 1.00 (3/3)  recall 1.00 (3/3)
  bnpb_rose_by.txt                         precision 0.00 (0/2)  recall 0.00 (0/3)
  sana_saturday_evening.txt                precision 0.00 (0/2)  recall 0.00 (0/3)
  maria_study.txt                          precision 0.00 (0/1)  recall 0.00 (0/2)
  jubaland_ocha.txt                        precision 0.00 (0/1)  recall 0.00 (0/2)
  kashmir_bus_he_said.txt                  precision 1.00 (3/3)  recall 1.00 (3/3)
  wayanad_put_toll.txt                     precision 0.00 (0/2)  recall 0.00 (0/3)
  shells_not_troops.txt                    precision 0.00 (0/2)  recall 0.00 (0/1)
  rafah_since_alone.txt                    precision 1.00 (2/2)  recall 1.00 (2/2)
  general_staff_bringing.txt               precision 1.00 (1/1)  recall 0.50 (1/2)
  lebanon_hurt_in_hospital.txt             precision 0.67 (2/3)  recall 1.00 (2/2)
  total                                    precision 0.48 (14/29)  recall 0.35 (14/40)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_extract_heldout import precision_recall, unknown_failures

from reconcile import Claim, extract
from reconcile.extraction.pipeline import Extraction

PARSED = Path(__file__).resolve().parent / "fixtures" / "extract" / "parsed"


def _text(name: str) -> str:
    lines = (PARSED / name).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("#"))


def _key(c: Claim) -> tuple:
    """Source, measure and value (with hedge), in the shape ``test_extract_heldout._label`` prints."""
    assert c.estimate is not None
    return (c.source.id, (), "-", "-", "-", (c.measure, c.estimate.describe(), c.estimate.hedge.value))


def _want(source: str, measure: str, value: str) -> tuple:
    return _key(Claim.figure(f"{source}-{measure}", source, measure, value, subject="x", said_on="2000-01-01"))


# Two expectations were changed after issue 11 landed, not because of what the extractor gave: vocabulary 2 made
# "deaths" a measure of its own (deaths from all causes, of which killed is a part), and the source's own word
# decides. "33 deaths in Georgia" and "the official death count ... is 64" were written as killed; they are deaths.
CASES: list[tuple[str, str, list[tuple]]] = [
    ("storms_states_list.txt", "2024-05-28", [
        _want("nws", "killed", "at least 67"),
        _want("state-emergency-officials", "deaths", "33"),
        _want("state-emergency-officials", "deaths", "20"),
        _want("state-emergency-officials", "deaths", "12"),
        _want("state-emergency-officials", "deaths", "two"),
    ]),
    ("quake_respectively.txt", "2023-02-10", [
        _want("afad", "killed", "17,674"),
        _want("afad", "wounded", "72,879"),
        _want("white-helmets", "killed", "more than 2,030"),
    ]),
    ("borno_official_count.txt", "2024-09-05", [
        _want("umar", "deaths", "64"),
        _want("umar", "missing", "212"),
    ]),
    ("fasher_put_that_number.txt", "2024-06-18", [
        _want("idriss", "killed", "more than 2,000"),
        _want("sdn", "killed", "2,800"),
    ]),
    ("atlas_feared_dead.txt", "2023-09-12", [
        _want("morocco-interior-ministry", "killed", "more than 2,000"),
        # "expected to exceed 3,000": a projection, a floor.
        _want("rescuers", "killed", "more than 3,000"),
    ]),
    ("sudzha_captured_two.txt", "2024-08-15", [
        _want("hrytsenko", "captured", "two"),
        _want("russia-defense-ministry", "killed", "35"),
        _want("russia-defense-ministry", "wounded", "50"),
    ]),
    ("bnpb_rose_by.txt", "2024-01-20", [
        # "rose by 400": a change, not a claim.
        _want("bnpb", "displaced", "5,230"),
        _want("bnpb", "killed", "27"),
        _want("bnpb", "killed", "19"),
    ]),
    ("sana_saturday_evening.txt", "2023-02-12", [
        _want("sana", "killed", "more than 1,400"),
        _want("health-ministry", "killed", "1,347"),
        _want("health-ministry", "wounded", "2,295"),
    ]),
    ("maria_study.txt", "2018-05-30", [
        _want("harvard-researchers", "killed", "4,645"),
        _want("harvard-researchers", "killed", "up to 5,740"),
    ]),
    ("jubaland_ocha.txt", "2024-02-20", [
        _want("ocha", "displaced", "more than 40,000"),
        _want("ocha", "killed", "at least 14"),
    ]),
    ("kashmir_bus_he_said.txt", "2024-04-02", [
        _want("police", "killed", "at least 18"),
        _want("police", "wounded", "40"),
        # "nine of the dead were pilgrims": a part of the dead.
        _want("sharma", "missing", "six"),
    ]),
    ("wayanad_put_toll.txt", "2024-07-31", [
        _want("vijayan", "killed", "143"),
        _want("vijayan", "missing", "191"),
        _want("vijayan", "wounded", "nearly 200"),
    ]),
    ("shells_not_troops.txt", "2024-10-10", [
        # "more than 10,000 containers of artillery shells": things, not people.
        _want("kim", "deployed", "about 1,500"),
    ]),
    ("rafah_since_alone.txt", "2024-05-20", [
        _want("unrwa", "displaced", "some 800,000"),
        _want("unrwa", "displaced", "about 150,000"),
    ]),
    ("general_staff_bringing.txt", "2025-01-12", [
        _want("ukraine-general-staff", "casualties", "1,210"),
        _want("ukraine-general-staff", "casualties", "about 817,000"),
    ]),
    ("lebanon_hurt_in_hospital.txt", "2024-11-04", [
        _want("abiad", "wounded", "4,521"),
        # "441 remained in hospital": another measure; "including two children": a part of the 39.
        _want("abiad", "killed", "39"),
    ]),
]

# The period each of these figures is proposed with (file, source, value as written): the exact `as_of` strings.
PERIODS: dict[tuple[str, str, str], str] = {
    ("fasher_put_that_number.txt", "idriss", "more than 2,000"): "since 2024-05",
    ("rafah_since_alone.txt", "unrwa", "some 800,000"): "since 2024-05",
    ("rafah_since_alone.txt", "unrwa", "about 150,000"): "during 2024-05-13/2024-05-19",
    ("general_staff_bringing.txt", "ukraine-general-staff", "1,210"): "during 2025-01-11",
}

# After the parse layer (issue 15), from the run that follows the work: precision 0.97 (39/40), recall 0.97
# (39/40). Since then these paragraphs have been used to find what was missing, so this is a regression floor;
# the first run above is the honest figure for the rule-based extractor on unseen text. What is still wrong:
KNOWN_MISSES: dict[str, str] = {
    "shells_not_troops.txt: kim: deployed ≈1,500 (1,350–1,650) [-; said -; as of -]":
        "'Kim Yong-hyun': a Korean name puts the family name first; the id is taken from the last word",
}
KNOWN_EXTRAS: dict[str, str] = {
    "shells_not_troops.txt: yong-hyun: deployed ≈1,500 (1,350–1,650) [-; said -; as of -]":
        "the right claim under the given name, as above",
}
PRECISION_AT_LEAST = 0.95
RECALL_AT_LEAST = 0.95


def _score(found: Extraction, expected: list[tuple]) -> tuple[list[tuple], list[tuple], int, int]:
    got = [_key(c) for c in found.claims if c.estimate is not None]
    extras = [k for k in got if k not in expected]
    misses = [k for k in expected if k not in got]
    return extras, misses, len(got), len(expected)


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[list[tuple], list[tuple], int, int]]:
    return {name: _score(extract(_text(name), published=published), expected)
            for name, published, expected in CASES}


def test_parsed_heldout_precision_and_recall(results):
    precision, recall = precision_recall(results, "parse held-out extraction")
    assert precision >= PRECISION_AT_LEAST
    assert recall >= RECALL_AT_LEAST


def test_parsed_heldout_failures_are_the_known_ones(results):
    assert unknown_failures(results, KNOWN_MISSES, KNOWN_EXTRAS) == ([], [])


def test_parsed_heldout_periods():
    """Each figure listed in ``PERIODS`` is proposed with that period (the as_of string of issue 11)."""
    got = {}
    for name, published, _ in CASES:
        found = extract(_text(name), published=published)
        for claim in found.claims:
            span = found.span_of(claim.id)
            got[(name, claim.source.id, span.figure.of(_text(name)))] = span.period
    assert {k: got.get(k) for k in PERIODS} == PERIODS
