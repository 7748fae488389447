"""The README's Python examples run as written and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_the_api_example_runs_and_finds_the_seed_contradictions():
    blocks = python_blocks()
    assert blocks, "the README has no Python example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], str(README), "exec"), {})
    text = out.getvalue()
    assert "contradicts magnitude ('nis-killed', 'zel-killed') implausible" in text
    assert "contradicts cumulative-decrease ('nis-wounded', 'zel-killed/remainder') impossible" in text
    assert text.rstrip().endswith("True")


def test_the_first_section_gives_exactly_two_commands():
    first = README.read_text(encoding="utf-8").split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", first, flags=re.S)
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    assert "reconcile report scenarios/nk_troops_kursk.yaml" in commands[0]
    assert "pytest" in commands[1]
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].split("&&")[-1].strip() in ci  # CI runs the README's test command


def test_every_python_example_runs_from_the_repository_root(monkeypatch):
    monkeypatch.chdir(README.parent)
    outputs = []
    for block in python_blocks():
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, str(README), "exec"), {})
        outputs.append(out.getvalue())
    assert len(outputs) >= 4
    assert "nk_troops_kursk" in outputs[1] or "nk-troops-kursk" in outputs[1]  # the check diff names the story
    assert "['cumulative-decrease', 'inconsistent-set', 'magnitude']" in outputs[-1]  # the extraction example's promise


def test_the_main_job_runs_as_the_readme_writes_it():
    import subprocess
    import sys

    first = README.read_text(encoding="utf-8").split("\n## ", 1)[0]
    command = re.findall(r"```sh\n(.*?)```", first, flags=re.S)[0].splitlines()[0].split("&&")[-1].split()
    assert command[:3] == ["python", "-m", "reconcile"]
    proc = subprocess.run([sys.executable, *command[1:]], cwd=README.parent, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    first_discrepancy = proc.stdout.split("### 1. ", 1)[1].split("\n", 1)[0]
    # strength first (issue 10): the impossible wounded one heads the implausible killed one; a plain headline
    # (issue 14: the two figures, their sources and dates, not "wounded vs non-fatal: contradicts (...)")
    assert first_discrepancy.startswith("Wounded 2,700 (South Korea National Intelligence Service, 13 Jan 2025) "
                                        "against non-fatal about 1,333 (Volodymyr Zelensky, 14 Feb 2025)")
