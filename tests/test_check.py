"""``reconcile check``: exit statuses, the per-file report, bad input, and ``--update``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reconcile.cli.main import main
from reconcile.scenarios.model import check
from reconcile.scenarios.reader import load

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "scenarios" / "nk_troops_kursk.yaml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["check", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden temp files included) and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    target = tmp_path / "nk_troops_kursk.yaml"
    shutil.copyfile(SEED, target)
    return target


def test_the_repository_scenarios_all_hold(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    status, out, err = run(capsys)  # default: scenarios/
    assert status == 0, out + err
    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    assert out.count("PASS ") == len(files) >= 5
    assert f"{len(files)} scenario files: {len(files)} passed, 0 failed, 0 bad input" in out
    assert "held       line 162: contradicts nis-killed ~ zel-killed (kind magnitude)" in out


def test_quiet_prints_only_the_summary_when_all_hold(capsys):
    status, out, _ = run(capsys, "-q", str(SEED))
    assert status == 0 and out.strip() == "1 scenario file: 1 passed, 0 failed, 0 bad input"


def test_a_failed_expectation_exits_1_with_the_diff(capsys, seed_copy):
    text = seed_copy.read_text(encoding="utf-8")
    broken = text.replace("- {relation: supports, claims: [nis-wounded, zel-killed]}",
                          "- {relation: contradicts, claims: [nis-wounded, zel-killed/remainder]}")
    seed_copy.write_text(broken, encoding="utf-8")
    status, out, err = run(capsys, str(seed_copy.parent))
    assert status == 1, out + err
    assert f"FAIL {seed_copy} (nk-troops-kursk): 1 of 10 expectations failed" in out
    assert "forbidden  line 173: absent: contradicts nis-wounded ~ zel-killed/remainder, but found:" in out
    assert "contradicts (cumulative-decrease, impossible) nis-wounded ~ zel-killed/remainder" in out
    assert "both are cumulative counts, which cannot fall" in out  # the finding's explanation
    assert "nis-wounded: wounded 2,700" in out
    assert "0 passed, 1 failed, 0 bad input" in out


@pytest.mark.parametrize("old,new,field", [
    ("    source: zelensky\n", "    source: zelenskyy\n", "source"),                          # unknown source
    ("  - id: nis-wounded\n", "  - id: nis-killed\n", "id"),                                   # duplicate id
    ("    measure: wounded\n", "    measure: hurt-badly\n", "measure"),                        # unknown measure
    ("    value: 2,700\n", "    value: 2,700 or so\n", "value"),                                # unparseable value
    ("value: two-thirds of zel-casualties", "value: two-thirds of zel-casualty", "value"),     # fraction of nothing
    ("    value: 4,000\n", "    value: half of zel-killed\n", "value"),                      # cycle of fractions
    ("    said_on: 2025-01-13\n", "    said_on: 2025-02-30\n", "said_on"),                    # not a date
    ("    status: unverified       #", "    verified: false       #", "verified"),            # unknown field
])
def test_each_bad_input_exits_2_naming_file_line_and_field(capsys, seed_copy, old, new, field):
    text = seed_copy.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    seed_copy.write_text(broken, encoding="utf-8")
    before = snapshot(seed_copy.parent)
    line = text[:text.index(old)].count("\n") + 1  # where the edit is
    status, out, err = run(capsys, str(seed_copy))
    assert status == 2, out + err
    errors = [e for e in err.splitlines() if e.startswith("error: ")]
    assert errors, err
    assert any(e.startswith(f"error: {seed_copy}:") and f"field {field}:" in e and "expected" in e for e in errors), err
    assert any(f"{seed_copy}:{line}:" in e for e in errors), (line, err)
    assert "Traceback" not in err
    assert "0 passed, 0 failed, 1 bad input" in out
    assert snapshot(seed_copy.parent) == before  # nothing written, nothing half-written


def test_update_on_bad_input_leaves_the_file_alone(capsys, seed_copy):
    broken = seed_copy.read_text(encoding="utf-8").replace("    measure: wounded\n", "    measure: hurt-badly\n")
    seed_copy.write_text(broken, encoding="utf-8")
    before = snapshot(seed_copy.parent)
    status, _, err = run(capsys, "--update", str(seed_copy))
    assert status == 2 and "field measure" in err
    assert snapshot(seed_copy.parent) == before


def test_bad_files_do_not_stop_the_others(capsys, tmp_path, seed_copy):
    (tmp_path / "bad.yaml").write_text("scenario: bad\nsources: {}\nclaims: [1]\n", encoding="utf-8")
    status, out, err = run(capsys, str(tmp_path), str(tmp_path / "missing.yaml"))
    assert status == 2
    assert f"PASS {seed_copy}" in out
    assert f"error: {tmp_path / 'bad.yaml'}:3: field claim: claim must be a mapping" in err
    assert f"error: {tmp_path / 'missing.yaml'}: no such file or folder" in err
    assert "3 scenario files: 1 passed, 0 failed, 2 bad input" in out


def test_an_empty_folder_is_bad_input(capsys, tmp_path):
    status, _, err = run(capsys, str(tmp_path))
    assert status == 2 and "no scenario files in folder" in err


def test_expectations_naming_unknown_claims_are_bad_input(capsys, seed_copy):
    text = seed_copy.read_text(encoding="utf-8").replace("claims: [russia-regained]", "claims: [russia-regain]")
    seed_copy.write_text(text, encoding="utf-8")
    status, _, err = run(capsys, str(seed_copy))
    assert status == 2
    assert f"error: {seed_copy}:177: field expect.absent.claims: expectation names a claim" in err


# -- --update -------------------------------------------------------------------------------------------------


def test_update_rewrites_only_the_expect_block(capsys, seed_copy):
    original = seed_copy.read_text(encoding="utf-8")
    head, _, _ = original.partition("\nexpect:\n")
    # Make the expectations stale: one pinned finding gone, one absent entry now violated.
    stale = original.replace("    - {relation: supports, claims: [nyt-pulled, sof-not-faced]}\n", "").replace(
        "    - {relation: contradicts, claims: [ki-deployed]}", "    - {relation: contradicts, claims: [nyt-pulled]}")
    seed_copy.write_text(stale, encoding="utf-8")
    status, out, err = run(capsys, "--update", str(seed_copy))
    assert status == 0, out + err
    assert f"updated {seed_copy}: 7 findings, 3 absent" in out
    assert "  + supports nyt-pulled ~ sof-not-faced (kind corroboration)" in out
    assert "  - absent contradicts naming nyt-pulled (was line 174): now found, dropped" in out
    updated = seed_copy.read_text(encoding="utf-8")
    assert updated.startswith(head + "\nexpect:\n")  # every byte before the block, comments included
    block = updated[len(head):]
    assert "# " not in block  # comments inside the old block go with it
    scenario = load(seed_copy)
    assert check(scenario).ok
    assert len(scenario.expect) == len(scenario.reconcile().findings) == 7
    assert {e.claims for e in scenario.absent} == {("nis-killed+nis-wounded/sum", "zel-casualties"),
                                                    ("nis-wounded", "zel-killed"), ("russia-regained",)}
    status, out, _ = run(capsys, "--update", str(seed_copy))
    assert status == 0 and out.startswith(f"unchanged {seed_copy}")


def test_update_keeps_what_follows_the_block_and_its_line_endings(capsys, tmp_path):
    text = ("# a story\r\nscenario: demo\r\nexpect:\r\n  findings: []   # stale\r\n\r\n# the sources\r\n"
            "sources: {un: {}, ngo: {}}\r\nclaims:\r\n"
            '  - {id: a, source: un, said_on: 2024-05-01, subject: x, measure: killed, value: "1,200"}\r\n'
            '  - {id: b, source: ngo, said_on: 2024-05-01, subject: x, measure: killed, value: "about 1,250"}\r\n')
    path = tmp_path / "demo.yaml"
    path.write_bytes(text.encode("utf-8"))
    status, out, err = run(capsys, "--update", str(path))
    assert status == 0, out + err
    data = path.read_bytes().decode("utf-8")
    assert data == text.replace("  findings: []   # stale\r\n",
                                "  findings:\r\n    - {relation: refines, claims: [a, b], kind: narrower}\r\n")


def test_update_appends_a_block_to_a_file_without_one(capsys, tmp_path):
    path = tmp_path / "demo.yaml"
    text = ("scenario: demo\nsources: {un: {}, ngo: {}}\nclaims:\n"
            '  - {id: a, source: un, said_on: 2024-05-01, subject: x, measure: killed, value: "1,200"}\n'
            '  - {id: b, source: ngo, said_on: 2024-05-01, subject: x, measure: killed, value: "at least 5,000"}')
    path.write_text(text, encoding="utf-8")
    status, out, _ = run(capsys, "--update", str(path))
    assert status == 0
    assert path.read_text(encoding="utf-8") == text + (
        "\nexpect:\n  findings:\n    - {relation: contradicts, claims: [a, b], kind: disjoint}\n")
    assert run(capsys, str(path))[0] == 0


def test_update_needs_files_named(capsys):
    status, _, err = run(capsys, "--update")
    assert status == 2 and "--update rewrites files" in err
