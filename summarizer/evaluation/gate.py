"""The CI gate: a prompt version must not drop significantly below its baseline.

``evals/baseline.json`` keeps the baseline run's per-article tallies, so the gate
can run the same paired bootstrap as ``compare``: a headline metric fails only
when its drop is larger than that metric's tolerance *and* the 95% interval of
the difference lies below zero.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer import project
from summarizer.errors import GoldError
from summarizer.evaluation.bootstrap import paired_differences, resample_indices, resampled_metrics
from summarizer.evaluation.metrics import HEADLINE_METRICS, ArticleTally, Metrics
from summarizer.evaluation.results import EvalResult
from summarizer.output import write_json_atomic

DEFAULT_TOLERANCES = {
    "events.f1": 0.03,
    "claims.f1": 0.03,
    "labels.f1": 0.03,
    "frames.micro_f1": 0.05,
    "grounding_rate": 0.0,
}
"""Drops smaller than these never fail the gate, however consistent."""


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read baseline ({exc})") from exc
    return data


def baseline_document(
    result: EvalResult, tolerances: dict[str, float] | None = None
) -> dict[str, Any]:
    """What ``summarize eval --update-baseline`` writes to evals/baseline.json."""
    return {
        "prompt_version": result.prompt_version,
        "prompt_hash": result.prompt_hash,
        "model": result.model,
        "gold_version": result.gold_version,
        "tolerances": tolerances or DEFAULT_TOLERANCES,
        "metrics": {ref.name: round(ref.read(result.metrics), 4) for ref in HEADLINE_METRICS},
        "articles": {a: v.score.tally.as_dict() for a, v in result.articles.items()},
    }


def write_baseline(result: EvalResult, path: Path | None = None) -> Path:
    """``summarize eval --update-baseline``: write ``result`` as the baseline (default
    evals/baseline.json), keeping the tolerances the old baseline set; returns the path."""
    target = path or project.baseline_path()
    tolerances = None
    if target.is_file():
        tolerances = load_baseline(target).get("tolerances")
    write_json_atomic(target, baseline_document(result, tolerances))
    return target


def check_against_baseline(result: EvalResult, baseline: dict[str, Any]) -> list[str]:
    """One line per headline metric that dropped significantly beyond its tolerance
    (or why the two cannot be compared at all)."""
    if baseline.get("gold_version") != result.gold_version:
        return [
            f"gold changed ({baseline.get('gold_version')} -> {result.gold_version}): scores of "
            "different gold versions are not comparable; re-run --update-baseline"
        ]
    ids = sorted(baseline["articles"])
    if ids != sorted(result.articles):
        return [f"baseline covers articles {ids}, this run {sorted(result.articles)}"]
    before = [ArticleTally.from_dict(baseline["articles"][a]) for a in ids]
    now = [result.articles[a].score.tally for a in ids]
    indices = resample_indices(len(ids))
    differences = paired_differences(
        resampled_metrics(before, indices), resampled_metrics(now, indices), HEADLINE_METRICS
    )
    old, new = Metrics.of_articles(before), result.metrics
    drops = []
    for ref in HEADLINE_METRICS:
        tolerance = float(baseline["tolerances"][ref.name])
        delta, interval = ref.read(new) - ref.read(old), differences[ref.name]
        if delta < -tolerance and interval.high < 0:
            drops.append(
                f"{ref.name}: {ref.read(new):.3f} < baseline {ref.read(old):.3f} "
                f"(Δ {delta:+.3f}, 95% CI {interval}): a significant drop beyond the "
                f"tolerance {tolerance}"
            )
    return drops
