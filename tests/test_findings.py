"""Findings: explanations written when first read (findings.Deferred) read, compare, hash and pickle as text."""

import gc
import pickle
import weakref

import attrs

from reconcile import Claim, Settings, reconcile
from reconcile.findings import Deferred, Finding, Relation


def _counting(calls: list[str]):
    def words(text: str) -> str:
        calls.append(text)
        return text.upper()
    return words


def test_a_deferred_explanation_is_written_once_when_first_read():
    calls: list[str] = []
    f = Finding(Relation.REFINES, "update", ("b", "a"), 0.0, Deferred(_counting(calls), "b updates a"))
    assert calls == []  # nothing written yet
    assert f.explanation == "B UPDATES A" and f.explanation == "B UPDATES A"
    assert calls == ["b updates a"]  # written once, then kept


def test_a_deferred_explanation_compares_hashes_and_prints_as_its_text():
    calls: list[str] = []
    lazy = Finding(Relation.REFINES, "update", ("b", "a"), 0.0, Deferred(_counting(calls), "x"))
    plain = Finding(Relation.REFINES, "update", ("b", "a"), 0.0, "X")
    assert lazy == plain and hash(lazy) == hash(plain) and repr(lazy) == repr(plain)
    assert "explanation='X'" in repr(plain)
    assert lazy != Finding(Relation.REFINES, "update", ("b", "a"), 0.0, "Y")
    assert attrs.evolve(lazy, claims=("a", "b")).explanation == "X"
    assert lazy.to_dict() == plain.to_dict()


def test_a_pickled_finding_carries_its_text():
    f = Finding(Relation.REFINES, "update", ("b", "a"), 0.0, Deferred(str.upper, "sent as text"))
    back = pickle.loads(pickle.dumps(f))
    assert back == f and type(back._explanation) is str and back.explanation == "SENT AS TEXT"


def _days(n: int) -> list[Claim]:
    return [Claim.figure(f"d{i}", "moh" if i % 2 else "un", "killed", str(100 + i), subject="x",
                         said_on=f"2024-05-{i + 1:02d}") for i in range(n)]


def test_updates_of_a_series_reports_summarise_are_worded_when_read_and_keep_no_claim_alive_after():
    claims = _days(6)
    r = reconcile(claims, settings=Settings(series_summary_min=6))
    updates = [f for f in r.findings if f.kind == "update"]
    assert updates and all(isinstance(f._explanation, Deferred) for f in updates)
    assert reconcile(claims).findings == r.findings  # the same findings as when worded at once
    words = [f.explanation for f in updates]
    assert all(" updates " in w and ("[moh" in w or "[un" in w) for w in words)
    assert all(type(f._explanation) is str for f in updates)
    # the quote cache that reading filled holds texts, not claims
    kept = weakref.ref(claims[0])
    del claims, r, updates, words
    gc.collect()
    assert kept() is None


def test_updates_of_shorter_series_are_worded_at_once():
    r = reconcile(_days(5), settings=Settings(series_summary_min=6))  # reports list these one by one
    updates = [f for f in r.findings if f.kind == "update"]
    assert updates and all(type(f._explanation) is str for f in updates)


def test_a_trusted_finding_is_the_finding_init_makes():
    from reconcile.findings import Strength, trusted_finding

    for args, kw in ((("contradicts", "series-fall", ("a", "b"), 0.25, "a fall"),
                      {"rule": "figures.over-time", "strength": Strength.IMPOSSIBLE, "gap": 3.0, "ratio": 1.5}),
                     (("refines", "update", ("b", "a"), 0.0, "an update"), {"rule": "r", "gap": 0.0, "ratio": None})):
        made = Finding(*args, **kw)
        trusted = trusted_finding(Relation(args[0]), *args[1:], kw.pop("rule"), **kw)
        assert trusted == made and repr(trusted) == repr(made) and trusted.to_dict() == made.to_dict()
        assert all(getattr(trusted, a.name) == getattr(made, a.name) and
                   type(getattr(trusted, a.name)) is type(getattr(made, a.name)) for a in attrs.fields(Finding))
    lazy = trusted_finding(Relation.REFINES, "update", ("b", "a"), 0.0, Deferred(str.upper, "later"), "r")
    assert lazy.explanation == "LATER" and lazy.context == ()
