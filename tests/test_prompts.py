"""Prompt versions load, and their settings shape the response models."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summarizer.errors import UsageError
from summarizer.layouts.prompts import bundled_prompts_dir, list_versions, load_prompt
from summarizer.layouts.response_models import build_response_model, clean_sides
from summarizer.layouts.sentence_walk import build_walk_model

SENTENCES = ["Rebels took Homs, the army said.", "The regime fled the city."]


@pytest.mark.parametrize("version", list_versions())
def test_every_released_version_loads(version: str) -> None:
    prompt = load_prompt(version)
    assert prompt.calls and len(prompt.template_hash) == 12


def test_sides_are_asked_before_framing_when_labels_are_tied_to_them() -> None:
    prompt = load_prompt("v3")
    overview = build_response_model(prompt.calls[0].components, prompt.schema, SENTENCES)
    assert list(overview.model_fields) == ["metadata", "summary", "sides", "framing"]
    assert overview.model_json_schema()["properties"]["sides"]["maxItems"] == 4


def test_v2_asks_no_sides() -> None:
    prompt = load_prompt("v2")
    overview = build_response_model(prompt.calls[0].components, prompt.schema, SENTENCES)
    assert "sides" not in overview.model_fields


def test_walk_labels_must_name_one_of_the_sides() -> None:
    walk = build_walk_model(SENTENCES, (1, 2), sides=["Hayat Tahrir al-Sham", "Syrian government"])
    label = walk.model_json_schema()["$defs"]["Sentence2Label"]
    assert list(label["properties"])[:2] == ["label", "actor"]
    assert label["properties"]["actor"]["enum"] == ["Hayat Tahrir al-Sham", "Syrian government"]
    assert "regime" in label["properties"]["label"]["enum"]


def test_without_sides_the_actor_stays_free_text() -> None:
    label = build_walk_model(SENTENCES, (1, 1)).model_json_schema()["$defs"]["Sentence1Label"]
    assert label["properties"]["actor"]["type"] == "string"


def test_clean_sides_trims_dedupes_and_avoids_straight_quotes() -> None:
    assert clean_sides([" HTS ", "HTS", "", 'the "regime"']) == ["HTS", "the \u201dregime\u201d"]


def test_unknown_label_actors_setting_is_refused(tmp_path: Path) -> None:
    shutil.copytree(bundled_prompts_dir() / "v3", tmp_path / "vx")
    manifest = tmp_path / "vx" / "prompt.toml"
    manifest.write_text(manifest.read_text().replace('"sides"\n', '"everyone"\n', 1))
    with pytest.raises(UsageError, match="label_actors"):
        load_prompt("vx", tmp_path)
