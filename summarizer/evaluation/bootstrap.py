"""95% intervals by resampling articles, so a one-item difference does not look real.

Articles are the unit that varies (a different story, outlet or house style), so
each resample draws as many articles as there are, with replacement, and rescores
by adding their tallies. A paired comparison uses the same draws for both sides.
With few articles many draws repeat, so metrics are computed once per distinct
multiset of articles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.evaluation.metrics import ArticleTally, MetricRef, Metrics

RESAMPLES = 1000
SEED = 20241208
LEVEL = 0.95


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def excludes_zero(self) -> bool:
        """False when undefined (NaN compares false either way)."""
        return self.low > 0 or self.high < 0

    def defined(self) -> bool:
        return not (math.isnan(self.low) or math.isnan(self.high))

    def __str__(self) -> str:
        return f"[{self.low:.3f}, {self.high:.3f}]" if self.defined() else "n/a"


def resample_indices(articles: int, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """A (resamples x articles) array of article indices drawn with replacement."""
    return np.random.default_rng(seed).integers(0, articles, size=(resamples, articles))


def resampled_metrics(tallies: Sequence[ArticleTally], indices: np.ndarray) -> list[Metrics]:
    """Metrics of every resample (one row of ``indices`` each)."""
    cache: dict[tuple[int, ...], Metrics] = {}
    samples = []
    for row in indices:
        key = tuple(sorted(int(i) for i in row))
        if key not in cache:
            cache[key] = Metrics.of_articles(tallies[i] for i in key)
        samples.append(cache[key])
    return samples


def _percentiles(values: np.ndarray) -> Interval:
    """Percentile interval over the resamples where the metric is defined."""
    values = values[~np.isnan(values)]
    if not values.size:
        return Interval(math.nan, math.nan)
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return Interval(float(low), float(high))


def intervals(samples: Sequence[Metrics], refs: Sequence[MetricRef]) -> dict[str, Interval]:
    """Percentile interval of each metric over the resamples."""
    return {ref.name: _percentiles(np.array([ref.read(m) for m in samples])) for ref in refs}


def paired_differences(
    first: Sequence[Metrics], second: Sequence[Metrics], refs: Sequence[MetricRef]
) -> dict[str, Interval]:
    """Interval of (second - first) for each metric, over resamples drawn alike."""
    return {
        ref.name: _percentiles(
            np.array([ref.read(b) - ref.read(a) for a, b in zip(first, second, strict=True)])
        )
        for ref in refs
    }
