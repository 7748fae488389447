"""Issue 5: every bad scenario file gets its error — exit status 2, the file, line and field in the message —
within bounded time and memory, and nothing is written."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reconcile import cli

BAD = Path(__file__).resolve().parent / "bad_scenarios"

# file -> [(line, field or None, words the message must hold)]
CASES = {
    "truncated.yaml": [(13, None, "not valid YAML")],
    "tabs.yaml": [(9, None, "tab character")],
    "wrong_types.yaml": [(12, "value", "must be text"), (18, "polarity", "true or false")],
    "bad_date.yaml": [(9, "said_on", "not a real date: '2025-02-30'")],
    "negative_count.yaml": [(12, "value", "cannot be negative")],
    "upside_down.yaml": [(12, "value", "upside down")],
    "fraction_of_itself.yaml": [(12, "value", "cycle")],
    "fraction_cycle.yaml": [(12, "value", "cycle")],
    "unknown_unit.yaml": [(12, "value", "unknown unit 'bananas'")],
    # An alias is the node it names, so the error stands at the anchor's line (11), with the claim and field.
    "yaml_bomb.yaml": [(11, "quote", "must be text")],
    "python_object.yaml": [(11, "value", "unsupported YAML tag")],
    "many_errors.yaml": [(8, "source", "unknown source"), (12, "value", "not a figure"),
                         (15, "said_on", "not a real date"), (17, "measure", "unknown measure")],
    # issue 11: a count that is not whole, a separator that could be a decimal point, a date after the story
    "fractional_count.yaml": [(11, "value", "a count must be a whole number: '1.5'"),
                              (17, "value", "ambiguous: '1.200' (expected '1,200' if a thousands separator")],
    "after_published.yaml": [(9, "said_on", "dated after the story was published: '2025-03-13'"),
                             (16, "as_of", "dated after the story was published: '2025-06'")],
}


def test_every_file_in_the_corpus_has_a_case():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(CASES)


def run(args, capsys):
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_exits_2_naming_file_line_and_field(name, capsys):
    path = BAD / name
    code, out, err = run(["check", str(path)], capsys)
    assert code == 2
    assert "Traceback" not in out + err
    for line, field, words in CASES[name]:
        located = [l for l in err.splitlines() if f"{name}:{line}:" in l and words in l]
        assert located, f"no error at {name}:{line} with {words!r} in:\n{err}"
        if field:
            assert f"field {field}" in located[0]
    assert len([l for l in err.splitlines() if l.startswith("error:")]) >= len(CASES[name])


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_exits_2_and_writes_nothing(name, capsys, tmp_path):
    target = tmp_path / "out" / "report.html"
    code, _, err = run(["report", str(BAD / name), "--format", "html", "-o", str(target)], capsys)
    assert code == 2 and f"{name}:" in err
    assert not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


@pytest.mark.parametrize("name", ["many_errors.yaml", "truncated.yaml", "python_object.yaml"])
def test_check_update_leaves_a_bad_file_untouched(name, capsys, tmp_path):
    copy = tmp_path / name
    copy.write_bytes((BAD / name).read_bytes())
    code, _, _ = run(["check", "--update", str(copy)], capsys)
    assert code == 2
    assert copy.read_bytes() == (BAD / name).read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == [name]


def _limited(args, cwd, seconds=60, memory=1536 * 2**20):
    """Run the real command in a fresh process under a memory cap; return (exit, stderr, seconds)."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reconcile", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=seconds, preexec_fn=cap, env={**os.environ, "PYTHONHASHSEED": "0"})
    return proc.returncode, proc.stderr, time.perf_counter() - start


def test_yaml_bomb_and_python_tag_are_refused_in_bounded_time_and_memory(tmp_path):
    for name in ("yaml_bomb.yaml", "python_object.yaml"):
        code, err, seconds = _limited(["check", str(BAD / name)], cwd=tmp_path)
        assert code == 2 and f"{name}:" in err and "Traceback" not in err, err
        assert seconds < 30
    assert list(tmp_path.iterdir()) == []  # the os.system tag was never run


def test_a_50_mb_file_is_refused_before_it_is_parsed(tmp_path):
    big = tmp_path / "big.yaml"
    claim = ("  - {id: c%d, source: nis, said_on: 2025-01-13, subject: s, measure: killed, value: '300',"
             " quote: '" + "x" * 200 + "'}\n")
    with big.open("w") as fh:
        fh.write("scenario: big\nsources:\n  nis: {name: NIS}\nclaims:\n")
        i = 0
        while fh.tell() < 50 * 2**20:
            fh.write(claim % i)
            i += 1
    code, err, seconds = _limited(["check", str(big)], cwd=tmp_path)
    assert code == 2 and "big.yaml" in err and "too large" in err, err
    assert seconds < 30
