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


# -- several articles, one story -------------------------------------------------------------------------------

SEED = ROOT / "seeds" / "000_30923467c61e66e4.txt"
OTHER = ROOT / "tests" / "fixtures" / "extract" / "displacement_up_from.txt"


def _extract(argv, capsys=None) -> int:
    return main(["extract", *argv])


def test_two_articles_make_one_story_with_each_date_and_merged_sources(tmp_path):
    from reconcile.extraction.pipeline import extract

    out = tmp_path / "story.yaml"
    assert _extract([str(SEED), str(OTHER), "--published", "2025-02-27", "--published", "2024-06-13",
                     "-o", str(out)]) == 0
    story = load(out)
    first = extract(SEED.read_text(encoding="utf-8"), published="2025-02-27")
    second = extract(OTHER.read_text(encoding="utf-8"), published="2024-06-13")
    assert len(story.claims) == len(first.claims) + len(second.claims)
    assert len({c.id for c in story.claims}) == len(story.claims)  # ids unique in the story
    assert [Path(d).name for d in story.documents] == [SEED.name, OTHER.name]
    assert str(story.published) == "2025-02-27"  # the latest article's date
    names = [s.label.casefold() for s in story.sources]
    assert len(names) == len(set(names))  # one source per name
    assert {s.label for s in first.sources} | {s.label for s in second.sources} == {s.label for s in story.sources}
    again = tmp_path / "again.yaml"
    assert _extract([str(SEED), str(OTHER), "--published", "2025-02-27", "--published", "2024-06-13",
                     "-o", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()  # the same articles give the same ids, byte for byte


def test_the_same_article_twice_keeps_one_set_of_sources_and_renames_the_second_claims(tmp_path):
    out = tmp_path / "twice.yaml"
    assert _extract([str(SEED), str(SEED), "--published", "2025-02-27", "-o", str(out)]) == 0
    story = load(out)
    half = len(story.claims) // 2
    ids = [c.id for c in story.claims]
    assert ids[half:] == [f"{i}-2" for i in ids[:half]]
    assert len(story.sources) == len({c.source.id for c in story.claims[:half]} |
                                     {v.id for c in story.claims[:half] for v in c.via} | {s.id for s in story.sources})
    renamed = {c.id: c for c in story.claims[half:]}
    for c in renamed.values():  # references follow the rename
        assert all(i in renamed for i in c.derived_from) and all(i in renamed for i in c.denies)
    assert "Claims renamed because the story already had their ids" in out.read_text(encoding="utf-8")


def test_into_adds_an_article_without_touching_the_claims_there(tmp_path, capsys):
    story_file = tmp_path / "story.yaml"
    assert _extract([str(SEED), "--published", "2025-02-27", "-o", str(story_file)]) == 0
    before = load(story_file)
    assert _extract(["--into", str(story_file), str(OTHER), "--published", "2024-06-13"]) == 0
    after = load(story_file)
    assert after.claims[:len(before.claims)] == before.claims
    assert [s for s in after.sources if s.id in {x.id for x in before.sources}] == list(before.sources)
    assert len(after.claims) > len(before.claims) and len(after.documents) == 2
    assert after.slug == before.slug and after.title == before.title
    assert main(["report", str(story_file)]) == 0


def test_a_manifest_gives_each_article_its_date_and_outlet(tmp_path):
    manifest = tmp_path / "articles.yaml"
    manifest.write_text(f"- file: {SEED}\n  published: 2025-02-27\n  outlet: Wire Service\n- file: {OTHER}\n"
                        "  published: 2024-06-13\n", encoding="utf-8")
    out = tmp_path / "story.yaml"
    assert _extract(["--manifest", str(manifest), "-o", str(out)]) == 0
    story = load(out)
    assert "Wire Service" in {s.label for s in story.sources}
    assert {str(c.said_on) for c in story.claims} >= {"2025-02-27"}


def test_dates_that_do_not_match_the_articles_are_one_clear_error(tmp_path, capsys):
    assert _extract([str(SEED), str(OTHER), "--published", "2025-02-27", "--published", "2024-06-13",
                     "--published", "2024-06-14"]) == 2
    err = capsys.readouterr().err
    assert "one --published per article" in err and "3 dates for 2 articles" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("- file: a.txt\n- file: b.txt\n  published: 2025/02/03\n", encoding="utf-8")
    assert _extract(["--manifest", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "articles[1]" in err and "articles[2].published" in err  # every problem of the file at once
