"""The pytest plugin: scenario files under the configured folders become one test item each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# Imported here, before any in-process pytest run: pytester drops the modules a run imported when it ends,
# and a second run would import PyYAML's Python half again while libyaml's C half keeps the first one's
# node classes. The plugin imports reconcile lazily, so without this the first run would be the importer.
import reconcile.scenarios.reader  # noqa: F401

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "scenarios" / "nk_troops_kursk.yaml"
INI = "[pytest]\nreconcile_scenarios = scenarios\n"


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with the seed scenario under scenarios/ and the ini option pointing there."""
    pytester.makeini(INI)
    (pytester.path / "scenarios").mkdir()
    shutil.copyfile(SEED, pytester.path / "scenarios" / "nk_troops_kursk.yaml")
    return pytester


def test_the_plugin_is_registered_through_the_entry_point(pytestconfig):
    assert pytestconfig.pluginmanager.has_plugin("reconcile")
    assert "scenarios" in [Path(p).name for p in pytestconfig.getini("reconcile_scenarios")]


def test_each_scenario_is_one_item_named_by_its_slug(project):
    shutil.copyfile(ROOT / "scenarios" / "illustrative_flood_agreement.yaml",
                    project.path / "scenarios" / "flood.yaml")
    result = project.runpytest("--collect-only", "-q")
    result.stdout.fnmatch_lines(["scenarios/flood.yaml::river-flood-agreement",
                                 "scenarios/nk_troops_kursk.yaml::nk-troops-kursk"])
    assert project.runpytest().parseoutcomes() == {"passed": 2}


def test_nothing_is_collected_outside_the_configured_folders(project):
    (project.path / "tests" / "corpus").mkdir(parents=True)
    (project.path / "tests" / "corpus" / "bad.yaml").write_text("scenario: [broken\n", encoding="utf-8")
    (project.path / "other.yaml").write_text("not: a scenario\n", encoding="utf-8")
    result = project.runpytest("-q")
    assert result.parseoutcomes() == {"passed": 1}
    assert result.ret == 0


def test_without_the_ini_option_the_plugin_collects_nothing(pytester):
    (pytester.path / "scenarios").mkdir()
    shutil.copyfile(SEED, pytester.path / "scenarios" / "nk_troops_kursk.yaml")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_a_failing_scenario_shows_the_check_diff(project):
    path = project.path / "scenarios" / "nk_troops_kursk.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "- {relation: contradicts, claims: [nis-killed, zel-killed], kind: magnitude}",
        "- {relation: supports, claims: [nis-killed, zel-killed]}")
    path.write_text(text, encoding="utf-8")
    result = project.runpytest()
    assert result.parseoutcomes() == {"failed": 1}
    result.stdout.fnmatch_lines([
        "*FAIL*nk_troops_kursk.yaml (nk-troops-kursk): 1 of 10 expectations failed*",
        "*missing    line 162: expected supports nis-killed ~ zel-killed",
        "*nis-killed: killed at least 300*",
        "*found instead:*",
        "*contradicts (magnitude, implausible) nis-killed ~ zel-killed*",
    ])
    assert "Traceback" not in result.stdout.str() and "scenarios.py" not in result.stdout.str()


def test_a_scenario_that_does_not_load_fails_with_the_error_lines(project):
    path = project.path / "scenarios" / "nk_troops_kursk.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    value: 2,700\n", "    value: lots\n"),
                    encoding="utf-8")
    (project.path / "scenarios" / "typo.yaml").write_text(
        "scenario: typo\nsources: {a: {}}\nclaims:\n  - {id: x, source: a, said_on: 2024-01-01, subject: s, "
        "proposition: p, polarity: true}\nexpect:\n  absent: [{claims: [y]}]\n", encoding="utf-8")
    result = project.runpytest()
    assert result.parseoutcomes() == {"failed": 2}
    result.stdout.fnmatch_lines([
        "*scenario file has bad input:",
        "error: *nk_troops_kursk.yaml:128: claim nis-wounded: field value: not a figure: 'lots'*",
    ])
    result.stdout.fnmatch_lines(["error: *typo.yaml:6: field expect.absent.claims: expectation names a claim*"])
    assert "Traceback" not in result.stdout.str()
    result.stdout.fnmatch_lines(["*scenarios/nk_troops_kursk.yaml::nk_troops_kursk*"])  # named by the file's stem
