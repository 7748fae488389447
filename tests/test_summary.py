"""Long series in reports: their consistent updates become one summary finding; every contradiction stays."""

from __future__ import annotations

import datetime as dt
import doctest
import json

from reconcile import Claim, Relation, Settings, reconcile
from reconcile.cli.main import main
from reconcile.engine import summary as series_module
from reconcile.engine.summary import FALL_KINDS, SERIES_KIND, summarize_series

START = dt.date(2024, 1, 1)


def daily(days: int, falls: tuple[int, ...] = (), subject: str = "x") -> list[Claim]:
    out = []
    for d in range(days):
        value = 1000 + 10 * d - (500 if d in falls else 0)
        out.append(Claim.figure(f"{subject}{d}", "moh", "killed", f"{value:,}", subject=subject,
                                said_on=(START + dt.timedelta(days=d)).isoformat()))
    return out


def test_a_long_series_keeps_its_falls_and_tells_its_updates_once():
    claims = daily(300, falls=(100, 200)) + [Claim.figure("un", "un", "killed", "2,000", subject="x",
                                                          said_on="2024-02-15")]
    result = reconcile(claims)
    short = summarize_series(result)
    falls = [f for f in result.findings if f.kind in FALL_KINDS]
    assert {c for f in falls for c in f.claims} >= {"x100", "x200"}
    assert [f for f in short.findings if f.relation is Relation.CONTRADICTS] == \
        [f for f in result.findings if f.relation is Relation.CONTRADICTS]
    summaries = [f for f in short.findings if f.kind == SERIES_KIND]
    assert len(summaries) == 1
    updates = sum(f.kind == "update" for f in result.findings)
    assert updates > 250
    assert summaries[0].claims == ("x299", "x0")
    assert summaries[0].explanation.startswith("301 daily figures of killed for x, 2024-01-01 to 2024-10-26; "
                                               f"{updates:,} consistent updates; ")
    assert f"{len(falls)} falls" in summaries[0].explanation
    assert not any(f.kind == "update" for f in short.findings)
    assert len(short.findings) == len(result.findings) - updates + 1


def test_short_series_and_other_series_are_left_as_they_are():
    result = reconcile(daily(20) + daily(80, subject="y"))
    assert summarize_series(reconcile(daily(20))) == reconcile(daily(20))
    short = summarize_series(result)
    assert [f.claims for f in short.findings if f.kind == SERIES_KIND] == [("y79", "y0")]
    assert [f for f in short.findings if f.kind == "update" and f.claims[0].startswith("x")] == \
        [f for f in result.findings if f.kind == "update" and f.claims[0].startswith("x")]
    assert summarize_series(reconcile(daily(80), settings=Settings(series_summary_min=100))).findings == \
        reconcile(daily(80)).findings


def test_findings_stay_linear_and_the_summary_constant_per_series():
    small, large = reconcile(daily(500, falls=(250,))), reconcile(daily(1000, falls=(250, 750)))
    assert 1.8 < len(large.findings) / len(small.findings) < 2.2
    assert len(summarize_series(large).findings) <= 1 + sum(f.relation is Relation.CONTRADICTS
                                                          for f in large.findings)


def test_cli_summarises_by_default_and_keeps_every_finding_with_all_findings(tmp_path, capsys):
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps({"id": c.id, "source": "moh", "said_on": str(c.said_on), "subject": "x",
                                        "measure": "killed", "value": str(c.estimate)}) + "\n"
                            for c in daily(120, falls=(60,))), encoding="utf-8")
    assert main(["report", str(path), "-f", "json"]) == 0
    kinds = [f["kind"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "series" in kinds and "update" not in kinds and FALL_KINDS & set(kinds)
    assert main(["report", str(path), "-f", "json", "--all-findings"]) == 0
    kinds = [f["kind"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "series" not in kinds and kinds.count("update") > 100


def test_the_examples_in_the_docstring_hold():
    assert doctest.testmod(series_module).failed == 0
