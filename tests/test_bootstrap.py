from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.evaluation.bootstrap import (
    RESAMPLES,
    intervals,
    paired_differences,
    resample_indices,
    resampled_metrics,
)
from summarizer.evaluation.harness import compare_results, evaluate_folder, metric_intervals
from summarizer.evaluation.metrics import HEADLINE_METRICS, REPORTED_METRICS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gold_result():  # type: ignore[no-untyped-def]
    return evaluate_folder(ROOT / "evals" / "gold")


@pytest.fixture(scope="module")
def v2_result():  # type: ignore[no-untyped-def]
    return evaluate_folder(ROOT / "examples" / "v2")


def test_resampling_is_fixed_by_its_seed() -> None:
    assert resample_indices(5).shape == (RESAMPLES, 5)
    assert (resample_indices(5) == resample_indices(5)).all()
    assert not (resample_indices(5, seed=1) == resample_indices(5)).all()


def test_same_seed_gives_the_same_interval(v2_result) -> None:  # type: ignore[no-untyped-def]
    assert metric_intervals(v2_result) == metric_intervals(v2_result)


def test_gold_against_itself_has_intervals_of_exactly_one(gold_result) -> None:  # type: ignore[no-untyped-def]
    for ref in HEADLINE_METRICS:
        bounds = metric_intervals(gold_result)[ref.name]
        assert (bounds.low, bounds.high) == (1.0, 1.0), ref.name


def test_the_interval_holds_the_point_estimate(v2_result) -> None:  # type: ignore[no-untyped-def]
    for ref in REPORTED_METRICS:
        bounds = metric_intervals(v2_result)[ref.name]
        assert bounds.low - 1e-9 <= ref.read(v2_result.metrics) <= bounds.high + 1e-9, ref.name


def test_a_version_against_itself_shows_no_difference(v2_result) -> None:  # type: ignore[no-untyped-def]
    for interval in compare_results(v2_result, v2_result).values():
        assert (interval.low, interval.high) == (0.0, 0.0)
        assert not interval.excludes_zero()


def test_gold_is_significantly_better_than_v2_on_every_f1(gold_result, v2_result) -> None:  # type: ignore[no-untyped-def]
    differences = compare_results(v2_result, gold_result)
    for name in ("events.f1", "claims.f1", "labels.f1"):
        assert differences[name].low > 0, name


def test_paired_differences_use_the_same_draws(v2_result) -> None:  # type: ignore[no-untyped-def]
    tallies = [view.score.tally for view in v2_result.articles.values()]
    indices = resample_indices(len(tallies))
    samples = resampled_metrics(tallies, indices)
    single = intervals(samples, HEADLINE_METRICS)
    paired = paired_differences(samples, samples, HEADLINE_METRICS)
    assert all(single[n].low <= single[n].high for n in single)
    assert all((i.low, i.high) == (0.0, 0.0) for i in paired.values())
