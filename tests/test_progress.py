"""Progress: no bar unless standard error is a terminal; an INFO record per stage on the reconcile logger."""

from __future__ import annotations

import io
import logging
import sys

from reconcile.cli.progress import Progress


def test_no_bar_when_stderr_is_not_a_terminal_and_a_record_per_stage(caplog, capsys):
    progress = Progress()  # under pytest standard error is captured, not a terminal
    with caplog.at_level(logging.INFO, logger="reconcile"):
        with progress.stage("reading", unit="claims") as update:
            update(10_000)
            update(25_000)
    assert capsys.readouterr().err == ""
    assert [r.getMessage().rsplit(",", 1)[0] for r in caplog.records] == ["reading: 25,000 claims"]


def test_a_bar_is_drawn_on_a_terminal(monkeypatch):
    terminal = io.StringIO()
    monkeypatch.setattr(sys, "stderr", terminal)
    with Progress(enabled=True).stage("reading", unit="claims") as update:
        update(500)
    assert "reading: 0 claims" in terminal.getvalue()  # drawn at once; updates are redrawn at most 10 a second


def test_the_library_is_quiet_by_default(capsys):
    import reconcile

    logging.getLogger("reconcile").info("not shown")
    assert logging.getLogger("reconcile").handlers and capsys.readouterr().err == ""
    assert reconcile.__version__
