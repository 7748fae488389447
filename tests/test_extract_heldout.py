"""A held-out evaluation of :func:`reconcile.extract`: ten invented news paragraphs the extractor's rules
were not tuned on (``tests/fixtures/extract/heldout/``), each with the claims a careful analyst takes
from it, written down before the extractor was run on them.

The expected claims follow the conventions documented in the README ("Claims from article text"): source
ids (surnames, acronyms, initials of names of three or more words, else a slug), the date said (the date in
the attribution, else publication; weekdays resolved against publication, which the extractor claims to
do), ``as_of`` (a date near the figure that dates it, not one that dates another event), subjects (the main
group and place of the article, or the group a figure names), and what is not a claim (a share of a group,
a part of the figure before, a projection of another measure, a denied figure). Where the text says more
than those conventions can carry, the expected claim is what the words say ("nearly half of the 4,000 ...
had been killed" is the figure "nearly half of the 4,000" killed).

Precision and recall are printed per paragraph and in total (``pytest tests/test_extract_heldout.py -s``).
The test asserts the totals as lower bounds and that every expected claim still missed, and every claim
still produced that is not expected, is one listed below with the reason: a new miss or a new extra fails
the test, and a listed one that no longer happens is printed so the list can shrink.

Each fixture starts with ``#`` lines saying it is invented and what it exercises; they are stripped before
extraction (they name the phrasings, so they would otherwise be read as text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reconcile import Claim, extract
from reconcile.extraction.pipeline import Extraction

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "extract" / "heldout"


def _text(name: str) -> str:
    lines = (HELDOUT / name).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("#"))


def _figure(source, measure, value, said, as_of=None, *, subject, via=()):
    return Claim.figure(f"{source}-{measure}", source, measure, value, subject=subject, said_on=said, as_of=as_of,
                        via=via)


def _statement(source, proposition, polarity, said, *, subject, denies=(), via=()):
    return Claim.statement(f"{source}-{proposition}", source, proposition, polarity, subject=subject, said_on=said,
                           denies=denies, via=via)


def _key(c: Claim) -> tuple:
    """What must be right about a claim (as in tests/test_extract.py): source, chain, subject, dates, and the
    figure with its hedge and interval, or the proposition with its polarity and what it denies."""
    what: tuple
    if c.estimate is not None:
        what = (c.measure, c.estimate.describe(), c.estimate.hedge.value)
    else:
        what = (c.proposition, c.polarity, c.denies)
    return (c.source.id, tuple(s.id for s in c.via), c.subject, str(c.said_on), str(c.as_of), what)


def _label(k: tuple) -> str:
    """A claim key in words, for the tables of known misses and extras below."""
    source, via, subject, said, as_of, what = k
    chain = f" via {','.join(via)}" if via else ""
    if isinstance(what[1], bool):
        body = f"{'' if what[1] else 'not '}{what[0]}"
    else:
        body = f"{what[0]} {what[1]}"
    return f"{source}{chain}: {body} [{subject}; said {said}; as of {as_of}]"


CIV_KH, NK, UA_DON, RU_DON, RU_KU = ("civilians-kharkiv", "nk-troops-kursk", "ukrainian-troops-donetsk",
                                    "russian-troops-donetsk", "russian-troops-kursk")

CASES: list[tuple[str, str, list[Claim]]] = [
    ("shelling_statement_tuesday.txt", "2024-07-12", [
        _figure("regional-prosecutor-office", "killed", "11", "2024-07-09", subject=CIV_KH),
        _figure("regional-prosecutor-office", "wounded", "46", "2024-07-09", subject=CIV_KH),
        # "Among the injured were four children": a part of the 46, not a claim about all the wounded.
        _figure("syniehubov", "displaced", "some 2,000", "2024-07-12", subject=CIV_KH, via=["reuters"]),
    ]),
    ("sudan_un_report.txt", "2024-04-15", [
        _figure("un", "displaced", "more than 8.6 million", "2024-03", subject="civilians"),
        _figure("un", "killed", "at least 14,000", "2024-04-15", subject="civilians"),
        _figure("acled", "killed", "at least 14,000", "2024-04-15", subject="civilians"),
        _figure("aid-groups", "killed", "150,000", "2024-04-15", subject="civilians"),
        # "nearly half of the 8.6 million displaced were children": a share of a group, not a total.
    ]),
    ("deployment_told_reuters_wednesday.txt", "2024-11-01", [
        _figure("south-korean-intelligence-official", "deployed", "some 10,000", "2024-10-30", subject=NK,
                via=["reuters"]),
        # "between 2,000 and 3,000 of them have already moved to the Kursk region": a part of the 10,000.
        _figure("hur", "deployed", "11,000", "2024-10-31", subject=NK),
    ]),
    ("battalion_quotes.txt", "2025-01-20", [
        _figure("ukrainian-battalion-commander", "casualties", "more than 200", "2025-01-20", subject=UA_DON,
                via=["kyiv-independent"]),
        _figure("ukrainian-battalion-commander", "wounded", "about 60", "2025-01-20", subject=UA_DON),
        _figure("ukrainian-battalion-commander", "missing", "nearly 30", "2025-01-20", subject=UA_DON),
        # "since the start of the full-scale invasion in February 2022" dates the invasion, not the figure.
        _figure("ukraine-general-staff", "casualties", "about 820,000", "2025-01-19", subject=RU_DON),
    ]),
    ("death_toll_revised_down.txt", "2024-05-13", [
        # "revised down to 16 from 19": 19 has no date of its own, so it is not a claim.
        _figure("terekhov", "killed", "16", "2024-05-13", "2024-05-11", subject="civilians"),
        _figure("ses", "wounded", "43", "2024-05-13", subject="civilians"),
        # "11 of them seriously": a part of the 43.
        _figure("ses", "missing", "at least five", "2024-05-13", subject="civilians"),
    ]),
    ("kursk_share_estimated.txt", "2024-11-12", [
        _figure("syrskyi", "share-of-territory", "roughly 40%", "2024-11-11", subject="kursk-incursion"),
        _figure("syrskyi", "deployed", "about 50,000", "2024-11-12", subject=RU_KU),
        _figure("syrskyi", "deployed", "as many as 11,000", "2024-11-12", subject=NK),
        _figure("isw", "casualties", "more than 20,000", "2024-11-10", subject=RU_KU),
    ]),
    ("captured_denial.txt", "2024-08-20", [
        _figure("ukraine-general-staff", "captured", "about 600", "2024-08-19", subject="russian-troops"),
        # "nearly half of the 4,000 Ukrainian troops ... had been killed": a hedged fraction of a figure.
        _figure("russia-defense-ministry", "killed", "nearly half of the 4,000", "2024-08-20",
                subject="ukrainian-troops"),
        _statement("peskov", "withdrawn-from-front", False, "2024-08-20", subject="russian-troops"),
    ]),
    ("flood_ap_could_reach.txt", "2023-09-14", [
        _figure("interior-ministry", "killed", "more than 5,300", "2023-09-13", subject="civilians",
                via=["associated-press"]),
        _figure("interior-ministry", "missing", "as many as 10,000", "2023-09-13", subject="civilians",
                via=["associated-press"]),
        _figure("iom", "displaced", "at least 30,000", "2023-09-14", subject="civilians"),
        # "the number of dead could reach 20,000": a projection, an upper bound.
        _figure("lrc", "killed", "up to 20,000", "2023-09-14", subject="civilians"),
    ]),
    ("refugees_according_to_unhcr.txt", "2024-02-09", [
        _figure("unhcr", "displaced", "more than 1,000", "2024-02-09", subject="civilians-aceh"),
        # "about 70% of them were women and children": a share of a group; "at least 569 Rohingya died or
        # went missing": killed and missing together, which no measure counts.
    ]),
    ("iaea_no_measures.txt", "2025-06-03", []),
]

# The first run, before any change to the extractor (kept as the "before" figure):
BEFORE = """
  shelling_statement_tuesday.txt           precision 0.00 (0/3)  recall 0.00 (0/3)
  sudan_un_report.txt                      precision 0.50 (1/2)  recall 0.25 (1/4)
  deployment_told_reuters_wednesday.txt    precision 0.00 (0/1)  recall 0.00 (0/2)
  battalion_quotes.txt                     precision 0.67 (2/3)  recall 0.50 (2/4)
  death_toll_revised_down.txt              precision 0.00 (0/2)  recall 0.00 (0/3)
  kursk_share_estimated.txt                precision 0.50 (1/2)  recall 0.25 (1/4)
  captured_denial.txt                      precision 1.00 (2/2)  recall 0.67 (2/3)
  flood_ap_could_reach.txt                 precision 0.75 (3/4)  recall 0.75 (3/4)
  refugees_according_to_unhcr.txt          precision 0.00 (0/2)  recall 0.00 (0/1)
  iaea_no_measures.txt                     precision 1.00 (0/0)  recall 1.00 (0/0)
  total                                    precision 0.43 (9/21)  recall 0.32 (9/28)
"""

# Expected claims the extractor still misses, and claims it produces that are not expected, each with the
# reason, from the run after the fixes. The figures above ("before") are the honest held-out measure: since
# then these paragraphs have been used to find what was missing, so the run now is a regression floor, not an
# estimate of accuracy on unseen text (tests/test_extract_heldout_fresh.py keeps one).
KNOWN_MISSES: dict[str, str] = {
    "deployment_told_reuters_wednesday.txt: hur: deployed 11,000 (10,500–11,500) [nk-troops-kursk; "
    "said 2024-10-31; as of 2024-10-31]":
        "no measure word: '11,000 North Korean troops were now in the Kursk region' says presence only by 'in'",
    "kursk_share_estimated.txt: syrskyi: deployed up to 11,000 [nk-troops-kursk; said 2024-11-12; "
    "as of 2024-11-12]":
        "'including as many as 11,000 North Korean troops' counts what its whole counts; a part after "
        "'including' does not inherit the measure of the figure before",
}
KNOWN_EXTRAS: dict[str, str] = {
    "refugees_according_to_unhcr.txt: unhcr: killed at least 569 [civilians-aceh; said 2024-02-06; as of 2023]":
        "'died or went missing' is read as killed from 'died'; no measure counts killed and missing together "
        "('The agency' is now resolved to the UNHCR named before, by the parse: issue 15)",
}
PRECISION_AT_LEAST = 0.96
RECALL_AT_LEAST = 0.92


def _score(found: Extraction, expected: list[Claim]) -> tuple[list[tuple], list[tuple], int, int]:
    got = [_key(c) for c in found.claims]
    want = [_key(c) for c in expected]
    extras = [k for k in got if k not in want]
    misses = [k for k in want if k not in got]
    return extras, misses, len(got), len(want)


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[list[tuple], list[tuple], int, int]]:
    return {name: _score(extract(_text(name), published=published), expected)
            for name, published, expected in CASES}


def precision_recall(results: dict[str, tuple[list[tuple], list[tuple], int, int]], title: str,
                     ) -> tuple[float, float]:
    """Print precision and recall per paragraph and in total, with every miss and extra; return the totals."""
    rows = []
    hits_got = hits_want = total_got = total_want = 0
    for name, (extras, misses, n_got, n_want) in results.items():
        p = (n_got - len(extras)) / n_got if n_got else 1.0
        r = (n_want - len(misses)) / n_want if n_want else 1.0
        rows.append(f"  {name:<40} precision {p:.2f} ({n_got - len(extras)}/{n_got})  "
                    f"recall {r:.2f} ({n_want - len(misses)}/{n_want})")
        hits_got += n_got - len(extras)
        hits_want += n_want - len(misses)
        total_got += n_got
        total_want += n_want
    precision = hits_got / total_got if total_got else 1.0
    recall = hits_want / total_want if total_want else 1.0
    print(f"\n{title}, per paragraph:")
    print("\n".join(rows))
    print(f"  {'total':<40} precision {precision:.2f} ({hits_got}/{total_got})  "
          f"recall {recall:.2f} ({hits_want}/{total_want})")
    for name, (extras, misses, _, _) in results.items():
        for k in misses:
            print(f"  missed   {name}: {_label(k)}")
        for k in extras:
            print(f"  extra    {name}: {_label(k)}")
    return precision, recall


def unknown_failures(results: dict[str, tuple[list[tuple], list[tuple], int, int]], known_misses: dict[str, str],
                     known_extras: dict[str, str]) -> tuple[list[str], list[str]]:
    """The misses and extras not listed as known; prints the listed ones that no longer happen."""
    misses = {f"{name}: {_label(k)}" for name, (_, m, _, _) in results.items() for k in m}
    extras = {f"{name}: {_label(k)}" for name, (e, _, _, _) in results.items() for k in e}
    for gone in sorted((set(known_misses) - misses) | (set(known_extras) - extras)):
        print("  no longer happens (shrink the list):", gone)
    return sorted(misses - set(known_misses)), sorted(extras - set(known_extras))


def test_heldout_precision_and_recall(results):
    print("\nheld-out extraction before the fixes:" + BEFORE.rstrip())
    precision, recall = precision_recall(results, "held-out extraction now")
    assert precision >= PRECISION_AT_LEAST
    assert recall >= RECALL_AT_LEAST


def test_heldout_failures_are_the_known_ones(results):
    assert unknown_failures(results, KNOWN_MISSES, KNOWN_EXTRAS) == ([], [])
