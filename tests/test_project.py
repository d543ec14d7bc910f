"""Project data is found from the current folder; prompt versions ship in the package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summarizer import project
from summarizer.layouts.prompts import bundled_prompts_dir, list_versions, load_prompt

ROOT = Path(__file__).resolve().parent.parent


def test_the_project_is_the_nearest_folder_with_project_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cassettes").mkdir()
    nested = tmp_path / "notes" / "deeper"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    assert project.project_root() == tmp_path
    assert project.cassettes_dir() == tmp_path / "cassettes"
    assert project.baseline_path() == tmp_path / "evals" / "baseline.json"


def test_a_folder_without_project_data_is_its_own_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert project.project_root() == tmp_path


def test_bundled_versions_are_found_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert {"v1", "v2", "v3"} <= set(list_versions())
    assert load_prompt("v2").folder == bundled_prompts_dir() / "v2"


def test_a_project_prompts_folder_adds_and_overrides_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = tmp_path / "prompts"
    shutil.copytree(bundled_prompts_dir() / "v3", local / "v3-mine")
    shutil.copytree(bundled_prompts_dir() / "v1", local / "v1")
    system = local / "v1" / "system.md.j2"
    system.write_text(system.read_text() + "\nBe brief.\n")
    monkeypatch.chdir(tmp_path)
    assert "v3-mine" in list_versions()
    overridden = load_prompt("v1")
    assert overridden.folder == local / "v1"
    monkeypatch.chdir(ROOT)
    assert overridden.template_hash != load_prompt("v1").template_hash
