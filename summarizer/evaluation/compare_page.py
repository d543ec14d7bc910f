"""``summarize compare A B --html FILE``: two prompt versions side by side against gold.

The metric table (with paired intervals and verdicts) on top, then per article the
two versions' items next to each other, coloured matched / missed / false positive,
each with the sentence it sits in: what a reviewer reads before shipping a version.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import jinja2

from summarizer.evaluation.bootstrap import Interval
from summarizer.evaluation.explain import explain_article
from summarizer.evaluation.harness import EvalResult
from summarizer.evaluation.metrics import HEADLINE_METRICS, REPORTED_METRICS


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("summarizer.report", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _number(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def _metric_rows(
    first: EvalResult, second: EvalResult, differences: dict[str, Interval]
) -> list[dict[str, Any]]:
    headline = {ref.name for ref in HEADLINE_METRICS}
    rows = []
    for ref in REPORTED_METRICS:
        a, b = ref.read(first.metrics), ref.read(second.metrics)
        interval = differences[ref.name]
        better = (b - a > 0) == ref.higher_is_better
        verdict = (
            "n/a" if not interval.defined()
            else "no detectable difference" if not interval.excludes_zero()
            else "significantly better" if better else "significantly worse"
        )  # fmt: skip
        rows.append({
            "name": ref.name, "gated": ref.name in headline, "a": _number(a), "b": _number(b),
            "delta": "n/a" if math.isnan(b - a) else f"{b - a:+.3f}", "interval": str(interval),
            "verdict": verdict,
        })  # fmt: skip
    return rows


def render_compare_page(
    first: EvalResult, second: EvalResult, differences: dict[str, Interval]
) -> str:
    """A self-contained HTML page comparing two scored versions article by article."""
    articles = [
        {
            "article_id": article_id,
            "first": explain_article(article_id, first.articles[article_id]),
            "second": explain_article(article_id, second.articles[article_id]),
        }
        for article_id in sorted(first.articles)
    ]
    return (
        _environment()
        .get_template("compare.html.j2")
        .render(
            first=first,
            second=second,
            metrics=_metric_rows(first, second, differences),
            articles=articles,
            components=("events", "claims", "labels"),
        )
    )
