"""Discrepancy reports: content, Markdown, self-contained HTML, the JSON contract and its schema, DataFrames,
and the ``reconcile report`` command on the seed scenario."""

from __future__ import annotations

import argparse
import doctest
import html.parser
import importlib
import json
import random
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
from conftest import seed_claims

from reconcile import Claim, Report, Source, reconcile
from reconcile.figures.quantity import Estimate
from reconcile.report.report import gap, schema

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "scenarios" / "nk_troops_kursk.yaml"
SCENARIO_FILES = sorted((ROOT / "scenarios").glob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(schema())


@pytest.fixture
def report(seed):
    return Report.from_reconciliation(seed, scenario="nk-troops-kursk", title="North Korean troops in Kursk")


def section(markdown: str, n: int) -> str:
    """The text of the ``n``-th numbered discrepancy, up to the next heading."""
    start = markdown.index(f"### {n}. ")
    return markdown[start:markdown.index("\n#", start + 1)]


def first_section(markdown: str) -> str:
    """The text of the first numbered discrepancy, up to the next heading."""
    return section(markdown, 1)


# -- content ----------------------------------------------------------------------------------------------


def test_discrepancies_are_the_figure_contradictions_most_severe_first(report):
    # Issue 10: strength first (the impossible wounded one heads the implausible killed one), then severity.
    # Issue 13's whole-story set restates the wounded conflict (the same stated claims behind it): it is shown
    # with that discrepancy, not counted as a third.
    found = [(f.kind, f.claims, f.strength.value) for f in report.discrepancies]
    assert found == [("cumulative-decrease", ("nis-wounded", "zel-killed/remainder"), "impossible"),
                     ("magnitude", ("nis-killed", "zel-killed"), "implausible")]
    same = report.same_conflict(report.discrepancies[0])
    assert same is not None and same.claims == ("nis-wounded", "zel-casualties", "zel-killed")
    assert report.same_conflict(report.discrepancies[1]) is None
    assert same in report.findings  # the finding itself stays, in the JSON and the graph
    assert [f for f in report.discrepancies if f.kind == "magnitude"][0].ratio == pytest.approx(8.889, abs=1e-3)
    assert {f.kind for f in report.disagreements} == {"denial", "opposite"}


def test_first_discrepancy_in_markdown_has_both_figures_dates_and_sources(report):
    md = report.to_markdown()
    assert md.startswith("# North Korean troops in Kursk\n")
    first = section(md, 2)  # the killed one ranks second (implausible) since issue 10
    # a plain headline (issue 14: not "killed: contradicts (magnitude), 8.89×")
    assert first.startswith("### 2. Killed at least 300 (South Korea National Intelligence Service, 13 Jan 2025) "
                            "against killed about 2,667 (Volodymyr Zelensky, 14 Feb 2025)")
    assert "contradicts (magnitude)" not in first.splitlines()[0]
    assert "**Strength** implausible" in first
    for text in ("`nis-killed`", "`zel-killed`", "at least 300", "≈2,667 (2,400–2,933)", "2025-01-13", "2025-02-14",
                 "South Korea National Intelligence Service", "Volodymyr Zelensky",
                 "stated as 2/3 of `zel-casualties`", "**Ratio** 8.89×"):
        assert text in first, text
    assert "gap between the intervals** none: the intervals overlap" in first
    assert "rests on** `nis-killed+nis-wounded/sum`, `zel-casualties`" in first
    # the engine's explanation, quoted
    assert "> killed rose from at least 300" in first
    # the discrepancies come before every other section
    assert md.index("## Discrepancies") < md.index("### 1. ") < md.index("## Figures over time")


def test_second_discrepancy_gives_the_gap_between_intervals(report):
    md = report.to_markdown()
    second = first_section(md)  # impossible, so first since issue 10
    assert second.startswith("### 1. Wounded 2,700 (South Korea National Intelligence Service, 13 Jan 2025) against "
                             "non-fatal about 1,333 (Volodymyr Zelensky, 14 Feb 2025)")
    assert "**Strength** impossible" in second and "**Ratio** 2.02×" in second and "(cumulative-decrease)" in second
    assert "2,700 (2,650–2,750)" in second and "≈1,333 (1,200–1,467)" in second
    assert "gap between the intervals** 1,183" in second  # 2,650 - 1,466.67
    assert "derived (remainder) from `zel-casualties`, `zel-killed`" in second


def test_gap_is_the_least_distance_between_intervals():
    assert gap(Estimate.exact(2700), Estimate.between(1167, 1500)) == 1200
    assert gap(Estimate.between(1167, 1500), Estimate.exact(2700)) == 1200
    assert gap(Estimate.at_least(300), Estimate.exact(2667)) is None
    assert gap(Estimate.exact(3, "percent"), Estimate.exact(300)) is None  # different units: no gap


def test_figures_over_time_list_every_source_and_the_bounds_behind_the_summary(report):
    series = {(s, m): (claims, sums) for s, m, claims, sums in report.series()}
    claims, sums = series[("nk-troops-kursk", "killed")]
    assert [c.id for c in claims] == ["nis-killed", "zel-killed"]
    assert [(str(s.as_of), s.low, s.high, s.high_claims) for s in sums][0] == \
        ("2025-01-13", 300, Fraction(8800, 3), ("zel-killed",))  # the later ≈2,933 caps the open "at least 300"
    md = report.to_markdown()
    section = md[md.index("### nk-troops-kursk · killed (person)"):md.index("### nk-troops-kursk · non-fatal")]
    assert "| 2025-01-13 | 300 | 300 | 2,933 | `nis-killed` | `nis-killed` | `zel-killed` |" in section
    # mid-February: low from NIS's floor (a cumulative count never falls), best and high from Zelensky
    assert "| 2025-02-14 | 300 | 2,667 | 2,933 | `nis-killed` | `zel-killed` | `zel-killed` | contradicts (inconsistent-set)" \
        in section
    # a partial date is spelled out as the period it names
    assert "2024-fall (2024-09-01 to 2024-11-30)" in md


def test_qualitative_disagreements_show_claims_and_denials(report):
    md = report.to_markdown()
    section = md[md.index("## Qualitative disagreements"):md.index("## Other findings")]
    assert "| `budanov-denial` | Kyrylo Budanov (official) | 2025-02-27 | 2025-02-27 | no: not withdrawn-from-front " \
           "| denies `nyt-pulled` |" in section
    assert "**contradicts (denial)**: `nyt-pulled`, `budanov-denial`" in section
    assert "**supports (corroboration)**: `nyt-pulled`, `sof-not-faced`" in section


def test_refines_is_written_in_its_direction(report):
    md = report.to_markdown()
    assert "**refines (update)**: `zel-casualties` refines `nis-killed+nis-wounded/sum`" in md


def test_derived_claims_show_their_rule_and_inputs(report):
    md = report.to_markdown()
    section = md[md.index("## Derived figures"):md.index("## Unverified")]
    assert "| `nis-killed+nis-wounded/sum` | casualties | at least 2,950 (≈3,000) | sum |  | `nis-killed`, " \
           "`nis-wounded` |" in section
    assert "| `zel-killed` | killed | ≈2,667 (2,400–2,933) | fraction | 2/3 | `zel-casualties` |" in section
    assert "`zel-killed/remainder` | non-fatal" in section


def test_unverified_and_single_source_claims_are_listed_apart(report):
    caveats = {c.id: reasons for c, reasons in report.caveats()}
    assert caveats["nis-killed"] == ("unverified", "single source")
    assert caveats["nyt-pulled"] == ("unverified",)  # the SOF spokesperson backs it
    assert report.corroborated_by(report.claim("nyt-pulled")) == ("ua-sof",)
    assert "zel-killed/remainder" not in caveats  # computed by a rule: listed under derived figures
    verified = [Claim.figure("a", "un", "killed", "1,200", subject="x", said_on="2024-05-01", status="verified"),
                Claim.figure("b", "ngo", "killed", "about 1,300", subject="x", said_on="2024-05-01",
                             status="verified"),
                Claim.figure("c", "icrc", "killed", "1,230", subject="x", said_on="2024-05-01", status="verified")]
    result = reconcile(verified)
    assert {(f.relation.value, f.kind) for f in result.findings} == {("supports", "agreement"),
                                                                     ("refines", "narrower")}
    assert Report.from_reconciliation(result).caveats() == ()
    alone = Report.from_reconciliation(reconcile(verified[:1]))
    assert [(c.id, reasons) for c, reasons in alone.caveats()] == [("a", ("single source",))]


def test_sources_have_names_and_types_and_scenario_sources_come_first(seed):
    extra = Source("afp", "AFP", "news-agency")
    report = Report.from_reconciliation(seed, sources=[extra])
    assert [s.id for s in report.sources][:2] == ["afp", "kyiv-independent"]
    assert report.source("nis").name == "South Korea National Intelligence Service"
    assert report.title == "Discrepancy report"


# -- JSON ---------------------------------------------------------------------------------------------------


def test_json_follows_the_contract(report):
    data = json.loads(report.to_json())
    VALIDATOR.validate(data)
    assert list(data) == ["scenario", "title", "published", "sources", "claims", "findings", "estimates",
                          "reliability"]
    assert data["scenario"] == "nk-troops-kursk"
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["nis-killed"]["low"] == 300 and claims["nis-killed"]["high"] is None  # open bound: null
    assert claims["zel-killed"]["derived_from"] == ["zel-casualties"] and claims["zel-killed"]["rule"] == "fraction"
    assert claims["zel-killed"]["low"] == 2400  # 2/3 of 3,600 (4,000 is at most ±10%)
    assert claims["budanov-denial"]["polarity"] is False and "measure" not in claims["budanov-denial"]
    first = data["findings"][0]  # strength first: the impossible one (issue 10)
    assert (first["relation"], first["kind"], first["claims"], first["strength"]) == (
        "contradicts", "cumulative-decrease", ["nis-wounded", "zel-killed/remainder"], "impossible")
    refines = [f for f in data["findings"] if f["relation"] == "refines"]
    assert refines[0]["claims"] == ["zel-casualties", "nis-killed+nis-wounded/sum"]  # claims[0] refines claims[1]
    killed = [e for e in data["estimates"] if e["measure"] == "killed"]
    assert killed[0] == {"subject": "nk-troops-kursk", "measure": "killed", "as_of": "2025-01-13", "unit": "person",
                         "low": 300, "best": 300, "high": 2933.333333, "claims": ["nis-killed", "zel-killed"],
                         "low_claims": ["nis-killed"], "best_claims": ["nis-killed"],
                         "high_claims": ["zel-killed"], "outliers": [],
                         "contradictions": [{"kind": "inconsistent-set",
                                             "claims": ["nis-wounded", "zel-casualties", "zel-killed"]},
                                            {"kind": "magnitude", "claims": ["nis-killed", "zel-killed"]}],
                         "origins": 2}


def test_json_is_byte_identical_across_runs_and_claim_orders():
    claims = seed_claims()
    first = Report.from_reconciliation(reconcile(claims), scenario="s").to_json()
    random.Random(4).shuffle(claims)
    second = Report.from_reconciliation(reconcile(claims), scenario="s").to_json()
    assert first == second
    assert first.endswith("}\n") and "≈" in first  # UTF-8, not \u escapes


def test_a_zero_gives_a_finite_severity_and_an_unbounded_ratio():
    # Issue 10: severity is the gap over both figures (1.0 here), never infinite; the ratio shows as ∞.
    claims = [Claim.figure("a", "un", "killed", "0", subject="x", said_on="2024-05-01"),
              Claim.figure("b", "ngo", "killed", "300", subject="x", said_on="2024-05-01")]
    report = Report.from_reconciliation(reconcile(claims))
    assert report.findings[0].severity == pytest.approx(0.9) and report.findings[0].ratio is None  # 270 / 300
    data = json.loads(report.to_json())  # json.loads would accept Infinity; the dump refuses to write it
    assert data["findings"][0]["severity"] == pytest.approx(0.9)
    VALIDATOR.validate(data)
    assert "**Strength** impossible · **Ratio** ∞ " in report.to_markdown()


def test_the_schema_is_a_valid_draft_2020_12_schema_that_rejects_broken_reports(report):
    jsonschema.Draft202012Validator.check_schema(schema())
    good = json.loads(report.to_json())
    broken = [
        lambda d: d.pop("findings"),
        lambda d: d["findings"][0].update(relation="maybe"),
        lambda d: d["claims"][0].update(low="300"),
        lambda d: d["claims"][0].update(polarity=True),           # a figure with a polarity
        lambda d: d["claims"][4].update(measure="killed"),        # a statement with a measure
        lambda d: d["findings"][0].update(claims=["only-one"]),
        lambda d: d["estimates"][0].pop("high_claims"),
        lambda d: d.update(generated_at="2025-01-01"),            # undocumented fields are not allowed
    ]
    for i, breaker in enumerate(broken):
        data = json.loads(json.dumps(good))
        breaker(data)
        assert not VALIDATOR.is_valid(data), f"breaker {i} was accepted"


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=[p.name for p in SCENARIO_FILES])
def test_every_scenario_reports_valid_byte_identical_json(path):
    from reconcile.scenarios.reader import load

    first = Report.from_scenario(load(path)).to_json()
    second = Report.from_scenario(load(path)).to_json()
    assert first == second
    VALIDATOR.validate(json.loads(first))


# -- HTML ---------------------------------------------------------------------------------------------------


class _Audit(html.parser.HTMLParser):
    """Collects what would make a page depend on the network or on JavaScript."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "poster", "data", "action") and value is not None:
                if not value.startswith(("data:", "#")):
                    self.external.append(f"{tag} {name}={value}")
            if name.startswith("on"):
                self.external.append(f"{tag} {name} (event handler)")

    def handle_data(self, data):
        self.text.append(data)


def audit(page: str) -> _Audit:
    parser = _Audit()
    parser.feed(page)
    parser.close()
    return parser


def test_html_is_one_self_contained_document(report):
    page = report.to_html()
    assert page.startswith("<!DOCTYPE html>\n<html") and page.rstrip().endswith("</html>")
    found = audit(page)
    assert found.tags.count("html") == 1 and found.tags.count("body") == 1 and found.tags.count("style") == 1
    assert not {"script", "link", "iframe", "object", "embed"} & set(found.tags)
    assert found.external == []
    assert "http://" not in page and "https://" not in page and "@import" not in page and "url(" not in page
    text = "".join(found.text)
    assert "at least 300" in text and "Volodymyr Zelensky" in text and "≈2,667 (2,400–2,933)" in text
    # the first discrepancy, with its claims, comes before the figures over time
    assert page.index('id="d1"') < page.index("nis-wounded", page.index('id="d1"')) < page.index('id="figures"')


def test_html_embeds_a_chart_per_discrepancy_and_per_family_of_measures_as_png(report):
    # issue 14: a chart beside each discrepancy and one per family of measures (lone figures join their
    # family's chart), instead of one timeline per measure; the claim graph as SVG
    pytest.importorskip("matplotlib")
    from reconcile.report.plot import chart_groups

    page = report.to_html()
    assert page.count('src="data:image/png;base64,') == len(report.discrepancies) + len(chart_groups(report)) == 4
    assert page.count('src="data:image/svg+xml;base64,') == 1
    assert report.to_html(plots=False).count("data:image/png") == 0


def test_html_without_matplotlib_says_how_to_get_timelines(report, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    page = report.to_html()
    assert "data:image/png" not in page and "reconcile[plot]" in page
    # said once, near the top, before the first discrepancy; each chart's place says it too
    assert page.count("matplotlib is not installed. Install") == 1
    assert page.index("matplotlib is not installed. Install") < page.index('id="d1"')
    assert page.count("Chart not drawn") == 4


def test_all_text_is_escaped():
    evil = Source("evil", 'Evil <script>alert("x")</script> & | Co\nLtd', "official")
    claims = [Claim.figure("a", evil, "killed", "300", subject="<b>x</b>", said_on="2024-05-01"),
              Claim.figure("b", "ngo", "killed", "at least 5,000", subject="<b>x</b>", said_on="2024-05-01")]
    report = Report.from_reconciliation(reconcile(claims), scenario="<i>s</i>", title="A <title> & more")
    page = report.to_html(plots=False)
    assert "<script>" not in page and "<b>x</b>" not in page and "<i>s</i>" not in page
    assert "Evil &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; | Co" in page
    assert "<title>A &lt;title&gt; &amp; more</title>" in page
    assert "script" not in audit(page).tags
    md = report.to_markdown()
    assert "<script>" not in md and "Evil &lt;script&gt;" in md
    assert "& \\| Co Ltd" in md  # a pipe or line break in a name does not split a Markdown table row
    lines = md.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("| A |"))
    assert lines[row].count(" | ") == lines[row - 2].count(" | ") == 10  # 11 cells, as many as the header


def test_repr_html_is_a_fragment_for_notebooks(report):
    fragment = report._repr_html_()
    assert "<html" not in fragment and "<!DOCTYPE" not in fragment
    assert fragment.startswith("<style>") and '<div class="reconcile-report">' in fragment
    assert ".reconcile-report h1" in fragment  # the style is scoped to the report
    assert "nis-killed" in fragment


# -- tables -------------------------------------------------------------------------------------------------


def test_to_dataframe_gives_findings_claims_and_estimates(report):
    pd = pytest.importorskip("pandas")
    findings = report.to_dataframe()
    assert isinstance(findings, pd.DataFrame)
    assert len(findings) == len(report.findings)
    assert list(findings.columns[:5]) == ["relation", "kind", "claims", "severity", "explanation"]
    assert findings.iloc[0]["claims"] == ["nis-wounded", "zel-killed/remainder"]  # impossible first (issue 10)
    claims = report.to_dataframe("claims").set_index("id")
    assert claims.loc["nis-killed", "low"] == 300 and pd.isna(claims.loc["nis-killed", "high"])
    assert len(report.to_dataframe("estimates")) == len(report.summaries)
    # issue 14: the quote, and dates as dates
    assert claims.loc["nis-killed", "quote"] == report.claim("nis-killed").quote
    assert pd.api.types.is_datetime64_any_dtype(claims["said_on"])
    assert claims.loc["nis-killed", "said_on"] == pd.Timestamp("2025-01-13")
    assert (claims["as_of_start"] <= claims["as_of_end"]).all()
    estimates = report.to_dataframe("estimates")
    assert pd.api.types.is_datetime64_any_dtype(estimates["as_of_start"])
    with pytest.raises(ValueError, match="unknown table"):
        report.to_dataframe("sources")


def test_to_dataframe_without_pandas_names_the_extra(report, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"reconcile\[dataframe\]"):
        report.to_dataframe()


@pytest.mark.parametrize("name", ["reconcile.report.report", "reconcile.report.sections", "reconcile.report.document",
                                  "reconcile.report.html", "reconcile.report.plot"])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# -- the command --------------------------------------------------------------------------------------------

needs_seed = pytest.mark.skipif(not SEED_FILE.exists(), reason="scenarios/nk_troops_kursk.yaml is not there yet")


def run_report(argv: list[str]) -> int:
    """``reconcile report ...`` through the report subcommand's own parser."""
    from reconcile.cli import report as report_cli

    parser = argparse.ArgumentParser(prog="reconcile report")
    report_cli.add_arguments(parser)
    return report_cli.run(parser.parse_args(argv))


@needs_seed
def test_reconcile_report_prints_the_seed_discrepancies_first(capsys):
    from reconcile.cli.main import main

    assert main(["report", str(SEED_FILE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# North Korean troops in Kursk Oblast")
    first = section(out, 2)  # the killed one: implausible, so after the impossible wounded one (issue 10)
    assert first.startswith("### 2. Killed at least 300 (South Korea National Intelligence Service, 13 Jan 2025)")
    for text in ("`nis-killed`", "`zel-killed`", "at least 300", "≈2,667 (2,400–2,933)", "2025-01-13", "2025-02-14",
                 "South Korea National Intelligence Service", "Volodymyr Zelensky", "via The Kyiv Independent",
                 "“at least 300 North Korean soldiers have been killed”", "“two-thirds of whom have been killed”"):
        assert text in first, text
    assert "### 1. Wounded 2,700 (South Korea National Intelligence Service, 13 Jan 2025) against non-fatal" in out
    # the plain sentences come first, before the contents and the discrepancies
    assert out.index("## In brief") < out.index("## Contents") < out.index("## Discrepancies")
    brief = out[out.index("## In brief"):out.index("## Contents")]
    assert ("South Korea National Intelligence Service's 2,700 wounded on 13 Jan 2025 cannot be reconciled with "
            "Volodymyr Zelensky's figures of 14 Feb 2025, which leave about 1,333 non-fatal (4,000 casualties minus "
            "about 2,667 killed)") in brief


@needs_seed
def test_the_installed_command_runs_in_a_fresh_process():
    done = subprocess.run([sys.executable, "-m", "reconcile", "report", str(SEED_FILE), "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    VALIDATOR.validate(data)
    assert data["findings"][0]["claims"] == ["nis-wounded", "zel-killed/remainder"]  # impossible first


@needs_seed
def test_reconcile_report_writes_files_atomically_with_plots(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "out" / "seed.html"
    assert run_report([str(SEED_FILE), "--format", "html", "-o", str(out), "--plot", str(tmp_path / "plots")]) == 0
    assert capsys.readouterr().out == ""  # nothing on stdout when writing a file
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # issue 14: the report's own charts (a chart per discrepancy, one per family of measures, the graph),
    # not one timeline per measure
    plots = sorted(p.name for p in (tmp_path / "plots").iterdir())
    assert plots == ["contradiction-graph.png", "discrepancy-1.png", "discrepancy-2.png", "figures-1.png",
                     "figures-2.png"]
    assert not list(out.parent.glob("*.tmp"))
    assert run_report([str(SEED_FILE), "--format", "json", "-o", str(tmp_path / "seed.json")]) == 0
    VALIDATOR.validate(json.loads((tmp_path / "seed.json").read_text(encoding="utf-8")))


@needs_seed
@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_markdown_written_with_plots_links_every_picture_it_wrote(tmp_path, capsys, fmt):
    pytest.importorskip("matplotlib")
    out = tmp_path / "report" / "seed.md"
    assert run_report([str(SEED_FILE), "-o", str(out), "--plot", str(tmp_path / "pics"), "--plot-format", fmt]) == 0
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", out.read_text(encoding="utf-8"))
    assert len(links) == 5 and all(link.startswith("../pics/") and link.endswith(f".{fmt}") for link in links)
    assert all((out.parent / link).is_file() for link in links)
    assert "<svg" in (tmp_path / "pics" / "discrepancy-1.svg").read_text() if fmt == "svg" else True


@needs_seed
def test_plot_format_svg_is_honoured_in_html_without_plot(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "seed.html"
    assert run_report([str(SEED_FILE), "--format", "html", "-o", str(out), "--plot-format", "svg"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("data:image/svg+xml;base64,") == 5 and "data:image/png" not in page


@needs_seed
def test_reconcile_report_without_matplotlib_fails_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert run_report([str(SEED_FILE), "--plot", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "reconcile[plot]" in err and err.count("\n") == 1


def test_reconcile_report_on_a_missing_file_is_one_error_line(tmp_path, capsys):
    from reconcile.cli.main import main

    assert main(["report", str(tmp_path / "nope.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nope.yaml" in err


# -- the README's Reports section stays true ------------------------------------------------------------------


def readme_reports_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Reports\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else len(text)]


@needs_seed
def test_the_readme_reports_example_runs_and_its_sample_output_is_real(monkeypatch):
    section = readme_reports_section()
    (python,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    monkeypatch.chdir(ROOT)
    names: dict = {}
    exec(compile(python, "README.md", "exec"), names)
    assert names["text"] == names["report"].to_markdown()
    VALIDATOR.validate(json.loads(names["data"]))
    sample = re.findall(r"```\n(\|  \| Claim .*?)```", section, flags=re.S)[0]
    for line in sample.strip().splitlines():
        assert line in names["text"], line


@needs_seed
def test_a_written_report_gets_the_permissions_of_an_ordinary_new_file(tmp_path):
    plain = tmp_path / "plain.md"
    plain.write_text("x", encoding="utf-8")
    assert run_report([str(SEED_FILE), "-o", str(tmp_path / "seed.md")]) == 0
    assert (tmp_path / "seed.md").stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def test_a_range_has_one_best_value_in_every_table():
    """issue 14: a range's best read "open" in the figures table and 13,500 in the estimates."""
    claims = [Claim.figure("r", "un", "displaced", "between 12,000 and 15,000", subject="x", said_on="2024-05-01")]
    md = Report.from_reconciliation(reconcile(claims)).to_markdown()
    figures = md[md.index("## Figures over time"):md.index("## Qualitative")]
    estimates = md[md.index("## Estimates"):md.index("## Figures over time")]
    assert "| 12,000 | 13,500 | 15,000 |" in figures and "| 12,000 | 13,500 | 15,000 |" in estimates
    assert "| open |" not in figures.replace("| open | open |", "")


def test_uncontested_statements_are_not_listed_as_disagreements():
    claims = [Claim.statement("a", "un", "ceasefire-holds", True, subject="x", said_on="2024-05-01"),
              Claim.statement("b", "ngo", "aid-blocked", True, subject="x", said_on="2024-05-01"),
              Claim.statement("c", "gov", "aid-blocked", False, subject="x", said_on="2024-05-02")]
    md = Report.from_reconciliation(reconcile(claims)).to_markdown()
    disputed = md[md.index("## Qualitative disagreements"):md.index("## Statements no one contradicts")]
    calm = md[md.index("## Statements no one contradicts"):md.index("## Other findings")]
    assert "aid-blocked" in disputed and "ceasefire-holds" not in disputed
    assert "`a`" in calm and "ceasefire-holds" in calm


def test_html_with_charts_is_byte_identical_across_runs(report):
    pytest.importorskip("matplotlib")
    assert report.to_html() == report.to_html()
    assert report.to_html(image_format="svg") == report.to_html(image_format="svg")
