from __future__ import annotations

from fractions import Fraction

import pytest

from reconcile import Claim, ClaimError, DimensionalityError, ParseError, ReconcileError, Source, Status


def test_figure_normalizes_measure_unit_and_dates():
    c = Claim.figure("c", Source("nis", "NIS"), "fatalities", "at least 300", subject="s", said_on="2025-01-13",
                     via=["afp", "kyiv-independent"])
    assert c.measure == "killed" and c.estimate.unit == "person"
    assert c.as_of == c.said_on and c.status is Status.UNVERIFIED
    assert c.attribution() == "NIS via afp via kyiv-independent"
    assert c.to_dict()["via"] == ["afp", "kyiv-independent"]


def test_portion_of_inherits_and_records_the_fraction():
    whole = Claim.figure("w", "zelensky", "casualties", "4,000", subject="s", said_on="2025-02-14")
    part = Claim.portion_of(whole, "two-thirds", id="p", measure="killed")
    assert part.fraction == Fraction(2, 3) and part.derived_from == ("w",) and part.rule == "fraction"
    assert part.source == whole.source and part.said_on == whole.said_on


def test_bad_claims_name_claim_and_field():
    with pytest.raises(ParseError) as info:
        Claim.figure("bad", "x", "killed", "lots", subject="s", said_on="2025-01-01")
    assert (info.value.claim_id, info.value.field) == ("bad", "value")
    with pytest.raises(DimensionalityError):
        Claim.figure("pct", "x", "killed", "64%", subject="s", said_on="2025-01-01")
    with pytest.raises(ClaimError, match="deny itself"):
        Claim.statement("d", "x", "p", False, subject="s", said_on="2025-01-01", denies=["d"])
    with pytest.raises(ClaimError, match="figure or a statement"):
        Claim("c", "x", "s", "2025-01-01", measure="killed", estimate=None, proposition="p", polarity=True)
    with pytest.raises(ClaimError, match="invalid id"):
        Claim.statement("has space", "x", "p", subject="s", said_on="2025-01-01")
    with pytest.raises(ClaimError, match="Claim.portion_of"):
        Claim.figure("f", "x", "killed", "half of other", subject="s", said_on="2025-01-01")


def test_each_distinct_date_string_is_read_once():
    from reconcile import claims as claims_module

    read = claims_module._period_of_text
    read.cache_clear()
    made = [Claim.figure(f"c{i}", "x", "killed", f"{i + 1}", subject="s", said_on="2025-01-13",
                         as_of="2025-01" if i % 2 else "2025-01-12") for i in range(50)]
    assert read.cache_info().misses == 3 and read.cache_info().hits == 97
    assert made[0].said_on is made[49].said_on and str(made[1].as_of) == "2025-01"
    with pytest.raises(ParseError):  # an error is raised each time, never cached
        Claim.figure("bad", "x", "killed", "1", subject="s", said_on="2025-02-30")


# -- the readers' unchecked constructor (issue 12): what Claim(...) builds, slot by slot -------------------------
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from reconcile.claims import _CLAIM_SLOTS, trusted_claim  # noqa: E402
from reconcile.figures.dates import Period  # noqa: E402
from reconcile.figures.parsing import parse_figure  # noqa: E402

_IDS = st.sampled_from(["a", "b", "c-1", "x.y"])


@given(_IDS, st.sampled_from([Source("un"), Source("afp", "AFP", "news-agency")]), st.sampled_from(["s", " x "]),
       st.sampled_from(["2025-01-13", "2025-01", "2024-fall"]), st.sampled_from([None, "2025-01-01", "2024"]),
       st.one_of(st.tuples(st.sampled_from(["killed", "wounded"]), st.sampled_from(["300", "about 3k", "lots"])),
                 st.tuples(st.just("p"), st.booleans())),
       st.lists(_IDS, max_size=2), st.lists(st.sampled_from([Source("afp"), Source("reuters")]), max_size=2),
       st.sampled_from(["", "said so"]), st.sampled_from(list(Status)), st.lists(_IDS, max_size=2),
       st.sampled_from([None, "un"]), st.sampled_from([None, "deaths"]))
def test_a_trusted_claim_is_the_checked_one(cid, source, subject, said, as_of, what, denies, via, quote, status,
                                            corrects, origin, word):
    said_on = Period.parse(said)
    given_as_of = Period.parse(as_of) if as_of is not None else None
    figure = what[0] != "p"
    try:
        checked = Claim(cid, source, subject, said_on, given_as_of, denies=tuple(denies), via=tuple(via),
                        quote=quote, status=status, corrects=tuple(corrects), origin=origin,
                        **({"measure": what[0], "estimate": parse_figure(what[1]), "measure_word": word} if figure
                           else {"proposition": what[0], "polarity": what[1]}))
    except ReconcileError:
        return  # what the checks refuse, the readers do not build (a claim denying or correcting itself, "lots")
    trusted = trusted_claim(cid, source, subject, said_on, given_as_of or said_on, checked.measure,
                            checked.estimate, checked.proposition, checked.polarity, tuple(denies), tuple(via), quote,
                            status, tuple(corrects), origin, checked.measure_word)
    assert trusted == checked and hash(trusted) == hash(checked) and repr(trusted) == repr(checked)
    assert [getattr(trusted, n) for n in _CLAIM_SLOTS] == [getattr(checked, n) for n in _CLAIM_SLOTS]
    assert [type(getattr(trusted, n)) for n in _CLAIM_SLOTS] == [type(getattr(checked, n)) for n in _CLAIM_SLOTS]
