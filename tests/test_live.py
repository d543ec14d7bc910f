"""Tests that talk to a real model. Skipped by default; run them with:

    pytest -m live -p no:socket                      # replay through the live code path
    pytest -m live -p no:socket --record-mode=all    # re-record cassettes on the local model

``--record-mode`` is pytest-recording's option; it is passed to the same vcrpy
configuration the CLI's ``--record`` uses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.layouts.prompts import list_versions
from summarizer.llm.providers import resolve_model_config
from summarizer.run.pipeline import RunOptions, run_summarize

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.live
@pytest.mark.parametrize("version", list_versions())
def test_seeds_run_on_the_embedded_model(
    request: pytest.FixtureRequest, tmp_path: Path, version: str
) -> None:
    record_mode = request.config.getoption("record_mode") or "none"
    options = RunOptions(output_dir=tmp_path, prompt_version=version, record_mode=record_mode)
    result = run_summarize([ROOT / "seeds"], resolve_model_config(), options)
    assert result.failures == []
    assert sorted(p.name for p in tmp_path.glob("0*.json")) == sorted(
        f"{p.stem}.json" for p in (ROOT / "seeds").glob("*.txt")
    )
    assert (tmp_path / "report.md").is_file()
