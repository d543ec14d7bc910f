"""Shared fixtures: every state directory points at tmp_path, no key leaks in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASSETTES = ROOT / "cassettes"


@pytest.fixture(scope="session", autouse=True)
def isolated_session_state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The same isolation for the whole session, so module-scoped fixtures (set up
    before any function fixture) never write to the user's cache or history."""
    state = tmp_path_factory.mktemp("session-state")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SUMMARIZER_CACHE_DIR", str(state / "cache"))
        patch.setenv("SUMMARIZER_HOME", str(state / "home"))
        for variable in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL"):
            patch.delenv(variable, raising=False)
        yield


@pytest.fixture(autouse=True)
def isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep caches and history out of the user's home and drop any real key."""
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SUMMARIZER_HOME", str(tmp_path / "home"))
    for variable in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL"):
        monkeypatch.delenv(variable, raising=False)
    return tmp_path


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(autouse=True)
def in_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Project data (cassettes, gold, baseline) is found from the current folder."""
    monkeypatch.chdir(ROOT)
