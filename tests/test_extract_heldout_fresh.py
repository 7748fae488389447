"""A second, fresh held-out evaluation of :func:`reconcile.extract`: six invented news paragraphs
(``tests/fixtures/extract/heldout_fresh/``) written after the first held-out set had been used to fix the
extractor, so its rules were tuned on neither. Each comes with the claims a careful analyst takes from it,
written down before the extractor was run on them; neither the paragraphs nor the expectations were changed
after seeing its output.

The conventions are those of the README ("Claims from article text") and of the first held-out evaluation
(``tests/test_extract_heldout.py``, whose scoring helpers this module imports): source ids (surnames,
acronyms, initials of names of three or more words, else a slug), the date said (the date in the attribution,
else publication; a bare "X said" after a dated attribution is publication), ``as_of`` (a date near the figure
that dates it, not one that dates another event), subjects (the main group with the region, province or
oblast of the article, else the group alone; the group a figure names; the operation a share of territory
refers to), and what is not a claim (a share of a group, a part of the figure before, an earlier figure with no
date of its own, a figure of another measure).

Measured "fresh held-out" figure (the one run, ``pytest tests/test_extract_heldout_fresh.py -s``):
  zaporizhzhia_losses_told_afp.txt         precision 0.33 (1/3)  recall 0.33 (1/3)
  nepal_quake_toll_at_least.txt            precision 1.00 (3/3)  recall 1.00 (3/3)
  north_kivu_displaced_unhcr.txt           precision 0.00 (0/3)  recall 0.00 (0/4)
  belgorod_troops_massed_range.txt         precision 0.50 (1/2)  recall 0.50 (1/2)
  kursk_territory_lost_share.txt           precision 0.00 (0/2)  recall 0.00 (0/2)
  dnipro_toll_revised_up.txt               precision 0.67 (2/3)  recall 0.67 (2/3)
  total                                    precision 0.44 (7/16)  recall 0.41 (7/17)

Of the 10 misses, 7 have the right figure and measure but a wrong source, subject or date (the figure was
found, the words around it were not read) and 3 a wrong or missing measure; of the 9 extras, 8 are those misses
as produced and one is a figure of another event (a 2022 toll cited for comparison).

The test asserts the totals as lower bounds and that every miss and every extra is one listed below with its
reason: a new one fails the test, and a listed one that no longer happens is printed so the list can shrink.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_extract_heldout import _figure, _score, precision_recall, unknown_failures

from reconcile import Claim, extract

FRESH = Path(__file__).resolve().parent / "fixtures" / "extract" / "heldout_fresh"


def _text(name: str) -> str:
    lines = (FRESH / name).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("#"))


RU_ZA, UA_ZA, RU_BE, RU_KU = ("russian-troops-zaporizhzhia", "ukrainian-troops-zaporizhzhia",
                              "russian-troops-belgorod", "russian-troops-kursk")
CIV_NK = "civilians-north-kivu"

CASES: list[tuple[str, str, list[Claim]]] = [
    ("zaporizhzhia_losses_told_afp.txt", "2024-09-14", [
        _figure("voloshyn", "casualties", "more than 1,500", "2024-09-13", subject=RU_ZA, via=["afp"]),
        _figure("voloshyn", "captured", "47", "2024-09-14", subject=RU_ZA),
        # "Around a third of those captured were conscripts": a share of a group.
        # "Ukraine had lost up to 420 troops in the area": the group it names, in the article's region.
        _figure("russia-defense-ministry", "casualties", "up to 420", "2024-09-14", subject=UA_ZA),
    ]),
    ("nepal_quake_toll_at_least.txt", "2023-11-05", [
        # No region, province or oblast holds the whole toll ("western Nepal"; the district is where the
        # missing are), so the subject is the group alone; "late on Friday" dates the quake, not the toll.
        _figure("nepal-home-ministry", "killed", "at least 157", "2023-11-05", subject="civilians"),
        _figure("nepal-home-ministry", "wounded", "more than 370", "2023-11-05", subject="civilians"),
        _figure("kadayat", "missing", "between 20 and 30", "2023-11-05", subject="civilians", via=["reuters"]),
        # "Nearly half of the dead were children": a share of a group; "some 3,000 houses": another measure.
    ]),
    ("north_kivu_displaced_unhcr.txt", "2024-02-20", [
        # "the U.N. refugee agency" is the UNHCR the next paragraph names.
        _figure("unhcr", "displaced", "about 135,000", "2024-02-20", subject=CIV_NK),
        _figure("saltmarsh", "displaced", "nearly 2.5 million", "2024-02-20", subject=CIV_NK),
        _figure("saltmarsh", "displaced", "1.7 million", "2024-02-20", "2023-12", subject=CIV_NK),
        # "about 80% of the newly displaced": a share of a group.
        _figure("msf", "wounded", "more than 280", "2024-02-20", subject=CIV_NK),
        # "about 40 of them children": a part of the 280.
    ]),
    ("belgorod_troops_massed_range.txt", "2024-05-10", [
        _figure("budanov", "deployed", "30,000-35,000", "2024-05-09", subject=RU_BE),
        # "between 1,200 and 1,500 soldiers had arrived over the past 10 days": a part of the force, not its
        # size; "Roughly a fifth of the force": a share of a group.
        _figure("budanov", "deployed", "10,000", "2024-05-10", subject=RU_KU),
    ]),
    ("kursk_territory_lost_share.txt", "2025-01-10", [
        # "last August" dates the incursion, not the share.
        _figure("bbg", "share-of-territory", "more than 40%", "2025-01-10", subject="kursk-incursion"),
        # "about 1,376 square kilometers", "around 800 square kilometers": areas, another measure.
        _figure("syrskyi", "casualties", "about 38,000", "2025-01-09", subject=RU_KU),
    ]),
    ("dnipro_toll_revised_up.txt", "2023-01-17", [
        # "on Monday" dates the raised toll ("Saturday's" dates the strike); "had earlier put the toll at 40":
        # an earlier figure with no date of its own; "including six children": a part of the 45.
        _figure("lysak", "killed", "45", "2023-01-17", "2023-01-16", subject="civilians"),
        _figure("lysak", "missing", "about 20", "2023-01-17", subject="civilians"),
        _figure("lysak", "wounded", "79", "2023-01-17", subject="civilians"),
        # "35 and 40 of the building's 236 apartments": another measure; "killing at least 20 people" in
        # Kremenchuk in June 2022: the toll of another attack, not a figure of this story.
    ]),
]

# Expected claims the extractor misses, and claims it produces that are not expected, from the one run above,
# each with the reason read from the text (keys as printed by the test, split to fit the line).
Z, N, B, K, D = ("zaporizhzhia_losses_told_afp.txt: ", "north_kivu_displaced_unhcr.txt: ",
                 "belgorod_troops_massed_range.txt: ", "kursk_territory_lost_share.txt: ",
                 "dnipro_toll_revised_up.txt: ")
# After the one run above, the generic forms it showed missing were added to the extractor (a name before its
# title or age, "told a news briefing", "to flee their homes", "killed, wounded or captured", "raising the
# death toll ... to", "North Kivu", "U.N."): precision 0.67 (12/18), recall 0.71 (12/17). That is a
# regression floor now, not an accuracy estimate; the figure above is the honest one. What is still wrong:
KNOWN_MISSES: dict[str, str] = {
    Z + "russia-defense-ministry: casualties up to 420 [ukrainian-troops-zaporizhzhia; said 2024-09-14; "
        "as of 2024-09-14]":
        "'Ukraine had lost up to 420 troops': the country as the losing group is not read; main subject used",
    B + "budanov: deployed 10,000 (9,000–11,000) [russian-troops-kursk; said 2024-05-10; as of 2024-05-10]":
        "'stationed in the neighbouring Kursk region': a place in the figure's own sentence does not change "
        "the subject's place (the article's Belgorod)",
    K + "bbg: share-of-territory more than 40% [kursk-incursion; said 2025-01-10; as of 2025-01-10]":
        "'the Finland-based Black Bird Group' kept the descriptor (fbbg); 'Russia's Kursk region' read as the "
        "subject, not the incursion; 'last August' (the incursion's date) taken as as_of",
    D + "lysak: killed 45 [civilians; said 2023-01-17; as of 2023-01-16]":
        "as_of is the strike's day ('Saturday's strike'), as the first held-out set expects for 'the death toll "
        "from Saturday's strike'; here the paragraph's expectation is the day the toll was raised (Monday)",
}
KNOWN_EXTRAS: dict[str, str] = {
    Z + "russia-defense-ministry: casualties up to 420 [russian-troops-zaporizhzhia; said 2024-09-14; "
        "as of 2024-09-14]":
        "Ukraine's losses given the article's main subject, Russian troops",
    B + "budanov: deployed 10,000 (9,000–11,000) [russian-troops-belgorod; said 2024-05-10; as of 2024-05-10]":
        "the right claim with the article's Belgorod subject, as above",
    K + "fbbg: share-of-territory more than 40% [kursk-region; said 2025-01-10; as of 2024-08]":
        "descriptor in the id, the region not the incursion as subject, the incursion's date as as_of",
    D + "lysak: killed 45 [civilians; said 2023-01-17; as of 2023-01-14]":
        "the right claim dated by the strike, as above",
    D + "outlet: killed at least 20 [civilians; said 2023-01-17; as of 2023-01-17]":
        "the toll of another attack (Kremenchuk, June 2022) read as this story's, undated",
}
# With the parse (issue 15), "the U.N. refugee agency" is the UNHCR named later: precision 0.72 (13/18), recall
# 0.76 (13/17).
PRECISION_AT_LEAST = 0.72
RECALL_AT_LEAST = 0.76


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[list[tuple], list[tuple], int, int]]:
    return {name: _score(extract(_text(name), published=published), expected)
            for name, published, expected in CASES}


def test_fresh_heldout_precision_and_recall(results):
    precision, recall = precision_recall(results, "fresh held-out extraction")
    assert precision >= PRECISION_AT_LEAST
    assert recall >= RECALL_AT_LEAST


def test_fresh_heldout_failures_are_the_known_ones(results):
    assert unknown_failures(results, KNOWN_MISSES, KNOWN_EXTRAS) == ([], [])
