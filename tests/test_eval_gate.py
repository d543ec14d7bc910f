"""The CI gate: the committed prompt version, replayed offline, must not regress."""

from __future__ import annotations

from pathlib import Path

from summarizer.evaluation.gate import baseline_document, check_against_baseline, load_baseline
from summarizer.evaluation.harness import evaluate_folder, evaluate_model
from summarizer.layouts.prompts import DEFAULT_PROMPT
from summarizer.llm.providers import resolve_model_config
from summarizer.run.pipeline import RunOptions

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "evals" / "baseline.json"


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


def test_a_significant_drop_beyond_tolerance_fails_and_says_so() -> None:
    perfect = baseline_document(evaluate_folder(ROOT / "evals" / "gold"))
    drops = check_against_baseline(evaluate_folder(ROOT / "examples" / "v2"), perfect)
    names = [line.split(":")[0] for line in drops]
    assert names == ["events.f1", "claims.f1", "labels.f1", "frames.micro_f1"]
    assert all("significant drop beyond the tolerance" in line for line in drops)


def test_a_drop_within_noise_does_not_fail() -> None:
    """v2 is below v3 on every headline metric, but by about one item."""
    v3 = baseline_document(evaluate_folder(ROOT / "examples" / "v3"))
    assert check_against_baseline(evaluate_folder(ROOT / "examples" / "v2"), v3) == []


def test_a_baseline_of_another_gold_version_is_not_compared() -> None:
    baseline = {**load_baseline(BASELINE), "gold_version": "0+00000000"}
    drops = check_against_baseline(evaluate_folder(ROOT / "examples" / "v2"), baseline)
    assert len(drops) == 1 and drops[0].startswith("gold changed")
