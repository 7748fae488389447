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


def first_section(markdown: str) -> str:
    """The text of the first numbered discrepancy, up to the next heading."""
    start = markdown.index("### 1. ")
    return markdown[start:markdown.index("\n### ", start + 1)]


# -- content ----------------------------------------------------------------------------------------------


def test_discrepancies_are_the_figure_contradictions_most_severe_first(report):
    found = [(f.kind, f.claims) for f in report.discrepancies]
    assert found == [("magnitude", ("nis-killed", "zel-killed")),
                     ("cumulative-decrease", ("nis-wounded", "zel-killed/remainder")),
                     ("inconsistent-set", ("nis-wounded", "zel-casualties", "zel-killed"))]
    severities = [f.severity for f in report.discrepancies]
    assert severities == sorted(severities, reverse=True) and severities[0] == pytest.approx(8.889, abs=1e-3)
    assert {f.kind for f in report.disagreements} == {"denial", "opposite"}


def test_first_discrepancy_in_markdown_has_both_figures_dates_and_sources(report):
    md = report.to_markdown()
    assert md.startswith("# North Korean troops in Kursk\n")
    first = first_section(md)
    assert "killed: contradicts (magnitude), 8.89×" in first
    for text in ("`nis-killed`", "`zel-killed`", "at least 300", "≈2,667 (2,333–3,000)", "2025-01-13", "2025-02-14",
                 "South Korea National Intelligence Service", "Volodymyr Zelensky", "stated as 2/3 of zel-casualties"):
        assert text in first, text
    assert "gap between the intervals** none (they overlap)" in first
    assert "rests on** `nis-killed+nis-wounded/sum`, `zel-casualties`" in first
    # the engine's explanation, quoted
    assert "> killed rose from at least 300" in first
    # the discrepancies come before every other section
    assert md.index("## Discrepancies") < md.index("### 1. ") < md.index("## Figures over time")


def test_second_discrepancy_gives_the_gap_between_intervals(report):
    md = report.to_markdown()
    second = md[md.index("### 2. "):md.index("## Figures over time")]
    assert "wounded vs non-fatal: contradicts (cumulative-decrease), 2.02×" in second
    assert "2,700 (2,650–2,750)" in second and "≈1,333 (1,167–1,500)" in second
    assert "gap between the intervals** 1,150" in second  # 2,650 - 1,500
    assert "derived (remainder) from zel-casualties, zel-killed" in second


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
        ("2025-01-13", 300, 3000, ("zel-killed",))  # the later 3,000 caps the open "at least 300"
    md = report.to_markdown()
    section = md[md.index("### nk-troops-kursk · killed (person)"):md.index("### nk-troops-kursk · non-fatal")]
    assert "| 2025-01-13 | 300 | 300 | 3,000 | `nis-killed` | `nis-killed` | `zel-killed` |" in section
    # mid-February: low from NIS's floor (a cumulative count never falls), best and high from Zelensky
    assert "| 2025-02-14 | 300 | 2,667 | 3,000 | `nis-killed` | `zel-killed` | `zel-killed` | contradicts (magnitude)" \
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
    assert "| `zel-killed` | killed | ≈2,667 (2,333–3,000) | fraction | 2/3 | `zel-casualties` |" in section
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
    assert claims["zel-killed"]["low"] == pytest.approx(2333.333333)
    assert claims["budanov-denial"]["polarity"] is False and "measure" not in claims["budanov-denial"]
    first = data["findings"][0]
    assert (first["relation"], first["kind"], first["claims"]) == ("contradicts", "magnitude",
                                                                   ["nis-killed", "zel-killed"])
    refines = [f for f in data["findings"] if f["relation"] == "refines"]
    assert refines[0]["claims"] == ["zel-casualties", "nis-killed+nis-wounded/sum"]  # claims[0] refines claims[1]
    killed = [e for e in data["estimates"] if e["measure"] == "killed"]
    assert killed[0] == {"subject": "nk-troops-kursk", "measure": "killed", "as_of": "2025-01-13", "unit": "person",
                         "low": 300, "best": 300, "high": 3000, "claims": ["nis-killed", "zel-killed"],
                         "low_claims": ["nis-killed"], "best_claims": ["nis-killed"],
                         "high_claims": ["zel-killed"], "outliers": [],
                         "contradictions": [{"kind": "magnitude", "claims": ["nis-killed", "zel-killed"]},
                                            {"kind": "inconsistent-set",
                                             "claims": ["nis-wounded", "zel-casualties", "zel-killed"]}],
                         "origins": 2}


def test_json_is_byte_identical_across_runs_and_claim_orders():
    claims = seed_claims()
    first = Report.from_reconciliation(reconcile(claims), scenario="s").to_json()
    random.Random(4).shuffle(claims)
    second = Report.from_reconciliation(reconcile(claims), scenario="s").to_json()
    assert first == second
    assert first.endswith("}\n") and "≈" in first  # UTF-8, not \u escapes


def test_an_unbounded_ratio_is_null_in_json_not_infinity():
    claims = [Claim.figure("a", "un", "killed", "0", subject="x", said_on="2024-05-01"),
              Claim.figure("b", "ngo", "killed", "300", subject="x", said_on="2024-05-01")]
    report = Report.from_reconciliation(reconcile(claims))
    assert report.findings[0].severity == float("inf")
    data = json.loads(report.to_json())  # json.loads would accept Infinity; the dump refuses to write it
    assert data["findings"][0]["severity"] is None
    VALIDATOR.validate(data)
    assert "contradicts (disjoint), ∞" in report.to_markdown()


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
    assert "at least 300" in text and "Volodymyr Zelensky" in text and "≈2,667 (2,333–3,000)" in text
    assert text.index("nis-killed") < text.index("Figures over time")


def test_html_embeds_one_timeline_per_measure_as_png(report):
    pytest.importorskip("matplotlib")
    page = report.to_html()
    assert page.count('src="data:image/png;base64,') == len(report.series()) == 6
    assert report.to_html(plots=False).count("data:image/png") == 0


def test_html_without_matplotlib_says_how_to_get_timelines(report, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    page = report.to_html()
    assert "data:image/png" not in page and "reconcile[plot]" in page


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
    assert lines[row].count(" | ") == lines[row - 2].count(" | ") == 9  # 10 cells, as many as the header


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
    assert findings.iloc[0]["claims"] == ["nis-killed", "zel-killed"]
    claims = report.to_dataframe("claims").set_index("id")
    assert claims.loc["nis-killed", "low"] == 300 and pd.isna(claims.loc["nis-killed", "high"])
    assert len(report.to_dataframe("estimates")) == len(report.summaries)
    with pytest.raises(ValueError, match="unknown table"):
        report.to_dataframe("sources")


def test_to_dataframe_without_pandas_names_the_extra(report, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"reconcile\[dataframe\]"):
        report.to_dataframe()


@pytest.mark.parametrize("name", ["reconcile.report.report", "reconcile.report.document", "reconcile.report.html",
                                  "reconcile.report.plot"])
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
    first = first_section(out)
    assert "killed: contradicts (magnitude)" in first
    for text in ("`nis-killed`", "`zel-killed`", "at least 300", "≈2,667 (2,333–3,000)", "2025-01-13", "2025-02-14",
                 "South Korea National Intelligence Service", "Volodymyr Zelensky", "via The Kyiv Independent"):
        assert text in first, text
    assert "### 2. nk-troops-kursk · wounded vs non-fatal: contradicts (cumulative-decrease)" in out


@needs_seed
def test_the_installed_command_runs_in_a_fresh_process():
    done = subprocess.run([sys.executable, "-m", "reconcile", "report", str(SEED_FILE), "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    VALIDATOR.validate(data)
    assert data["findings"][0]["claims"] == ["nis-killed", "zel-killed"]


@needs_seed
def test_reconcile_report_writes_files_atomically_with_plots(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "out" / "seed.html"
    assert run_report([str(SEED_FILE), "--format", "html", "-o", str(out), "--plot", str(tmp_path / "plots")]) == 0
    assert capsys.readouterr().out == ""  # nothing on stdout when writing a file
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    plots = sorted(p.name for p in (tmp_path / "plots").iterdir())
    assert "nk-troops-kursk--killed.png" in plots and len(plots) == 6
    assert not list(out.parent.glob("*.tmp"))
    assert run_report([str(SEED_FILE), "--format", "json", "-o", str(tmp_path / "seed.json")]) == 0
    VALIDATOR.validate(json.loads((tmp_path / "seed.json").read_text(encoding="utf-8")))


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
    sample = re.findall(r"```\n(### 1\..*?)```", section, flags=re.S)[0]
    for line in sample.strip().splitlines():
        assert line in names["text"], line


@needs_seed
def test_a_written_report_gets_the_permissions_of_an_ordinary_new_file(tmp_path):
    plain = tmp_path / "plain.md"
    plain.write_text("x", encoding="utf-8")
    assert run_report([str(SEED_FILE), "-o", str(tmp_path / "seed.md")]) == 0
    assert (tmp_path / "seed.md").stat().st_mode & 0o777 == plain.stat().st_mode & 0o777
