"""The ``reconcile`` command's own options: --version, global options anywhere, output-directory errors."""

from __future__ import annotations

import logging

import pytest

from reconcile import __version__
from reconcile.cli.main import main

SEED = "scenarios/nk_troops_kursk.yaml"


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"reconcile {__version__}"


@pytest.mark.parametrize("argv", [["-v", "report", SEED, "-f", "json"], ["report", SEED, "-f", "json", "-v"],
                                  ["report", "-v", SEED, "-f", "json"]])
def test_verbose_before_or_after_the_subcommand(argv, capsys, monkeypatch):
    calls = []
    monkeypatch.setattr(logging, "basicConfig", lambda **kw: calls.append(kw["level"]))
    assert main(argv) == 0
    assert calls == [logging.INFO]


def test_verbose_after_the_subcommand_counts_too(capsys, monkeypatch):
    calls = []
    monkeypatch.setattr(logging, "basicConfig", lambda **kw: calls.append(kw["level"]))
    assert main(["report", SEED, "-f", "json", "-vv"]) == 0
    assert calls == [logging.DEBUG]


@pytest.mark.parametrize("kind", ["existing", "slash"])
def test_an_output_directory_gets_a_clear_message(tmp_path, capsys, kind):
    target = str(tmp_path) if kind == "existing" else str(tmp_path / "new") + "/"
    assert main(["report", SEED, "-o", target]) == 2
    err = capsys.readouterr().err
    assert "is a directory" in err and "-o takes a file name" in err and ".tmp" not in err
    assert err.count("\n") == 1
    assert not (tmp_path / "new").exists()  # nothing written, not even a file named like the directory


@pytest.mark.parametrize("enabled", [True, False])
def test_a_report_gives_the_garbage_collector_back_as_it_found_it(tmp_path, enabled):
    """``reconcile report`` pauses the collector for its run (issue 12); a caller's process keeps its own setting."""
    import gc

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert main(["report", SEED, "-o", str(tmp_path / "r.md")]) == 0
        assert gc.isenabled() is enabled
        assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("#")
    finally:
        (gc.enable if was else gc.disable)()
