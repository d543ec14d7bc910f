"""How a metric value and a difference are written, and what a paired interval says
about the difference: one wording for the compare table and the compare page."""

from __future__ import annotations

import math
from typing import Literal

from summarizer.evaluation.bootstrap import Interval

Verdict = Literal["n/a", "no detectable difference", "significantly better", "significantly worse"]


def metric_text(value: float) -> str:
    """A metric to three places, 'n/a' when undefined."""
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def delta_text(delta: float) -> str:
    """A signed difference to three places, 'n/a' when undefined."""
    return "n/a" if math.isnan(delta) else f"{delta:+.3f}"


def verdict(delta: float, interval: Interval, higher_is_better: bool) -> Verdict:
    """Significant only when the 95% interval of the difference excludes 0."""
    if math.isnan(delta) or not interval.defined():
        return "n/a"
    if not interval.excludes_zero():
        return "no detectable difference"
    better = (delta > 0) == higher_is_better
    return "significantly better" if better else "significantly worse"
