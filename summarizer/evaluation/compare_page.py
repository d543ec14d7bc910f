"""``summarize compare A B --html FILE``: two prompt versions side by side against gold.

The metric table (with paired intervals and verdicts) on top, then per article the
two versions' items next to each other, coloured matched / missed / false positive,
each with the sentence it sits in: what a reviewer reads before shipping a version.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from summarizer.evaluation.bootstrap import Interval
from summarizer.evaluation.explain import explain_article
from summarizer.evaluation.metrics import HEADLINE_METRICS, REPORTED_METRICS
from summarizer.evaluation.results import EvalResult
from summarizer.evaluation.verdict import delta_text, metric_text, verdict
from summarizer.output import write_text_atomic
from summarizer.report.jinja import package_environment


@cache
def _environment() -> jinja2.Environment:
    return package_environment(html=True)


def _metric_rows(
    first: EvalResult, second: EvalResult, differences: dict[str, Interval]
) -> list[dict[str, Any]]:
    headline = {ref.name for ref in HEADLINE_METRICS}
    rows = []
    for ref in REPORTED_METRICS:
        a, b = ref.read(first.metrics), ref.read(second.metrics)
        interval = differences[ref.name]
        rows.append({
            "name": ref.name, "gated": ref.name in headline, "a": metric_text(a),
            "b": metric_text(b), "delta": delta_text(b - a), "interval": str(interval),
            "verdict": verdict(b - a, interval, ref.higher_is_better),
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


def write_compare_page(
    path: Path, first: EvalResult, second: EvalResult, differences: dict[str, Interval]
) -> None:
    """Write ``render_compare_page`` to ``path`` atomically."""
    write_text_atomic(path, render_compare_page(first, second, differences))
