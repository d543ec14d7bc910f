"""The CI gate: the committed prompt version, replayed offline, must not regress."""

from __future__ import annotations

from pathlib import Path

from summarizer.evals import (
    HEADLINE_METRICS,
    check_against_baseline,
    evaluate_model,
    load_baseline,
    metric_value,
)
from summarizer.pipeline import RunOptions
from summarizer.prompts import DEFAULT_PROMPT
from summarizer.providers import resolve_model_config

BASELINE = Path(__file__).resolve().parent.parent / "evals" / "baseline.json"


def test_default_prompt_scores_at_least_the_baseline() -> None:
    baseline = load_baseline(BASELINE)
    assert baseline["prompt_version"] == DEFAULT_PROMPT
    config = resolve_model_config()
    assert config.model == baseline["model"]
    options = RunOptions(output_dir=None, prompt_version=DEFAULT_PROMPT, record_mode="none")
    result = evaluate_model(config, options)
    assert result.failures == []
    assert result.prompt_hash == baseline["prompt_hash"]
    assert check_against_baseline(result, baseline) == []


def test_the_gate_reports_a_drop_beyond_tolerance() -> None:
    baseline = load_baseline(BASELINE)
    raised = {**baseline, "metrics": {k: v + 0.5 for k, v in baseline["metrics"].items()}}
    config = resolve_model_config()
    options = RunOptions(output_dir=None, prompt_version=DEFAULT_PROMPT, record_mode="none")
    result = evaluate_model(config, options)
    drops = check_against_baseline(result, raised)
    assert len(drops) == len(HEADLINE_METRICS)
    assert drops[0].startswith("events.f1:")
    assert metric_value(result.metrics, "events.f1") < raised["metrics"]["events.f1"]
