"""``reconcile extract`` on several articles, into an existing story, and on an article with no claims."""

from __future__ import annotations

from pathlib import Path

from reconcile.cli.main import main
from reconcile.scenarios.reader import load

ROOT = Path(__file__).resolve().parent.parent


def test_an_article_without_claims_gives_a_scenario_that_reports(tmp_path, capsys):
    article = tmp_path / "quiet.txt"
    article.write_text("Nothing happened today. The weather was mild.\n", encoding="utf-8")
    out = tmp_path / "quiet.yaml"
    assert main(["extract", str(article), "--published", "2025-01-01", "-o", str(out)]) == 0
    assert "sources: {}" in out.read_text(encoding="utf-8")
    assert load(out).claims == ()
    assert main(["report", str(out)]) == 0
    assert "0 claims stated" in capsys.readouterr().out
