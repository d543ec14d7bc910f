"""One Jinja environment factory for the package templates (``report/templates/``),
and the context that both reports render from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import jinja2

if TYPE_CHECKING:
    from summarizer.report.comparison import Comparison
    from summarizer.schemas import ArticleRecord


def package_environment(
    *,
    html: bool,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    functions: Mapping[str, Callable[..., Any]] | None = None,
) -> jinja2.Environment:
    """An environment over the package templates in which an undefined name is an error.

    ``html``: escape every value and drop the line a block tag stands on (report.html,
    compare.html); without it neither (report.md, where every newline counts).
    ``filters`` and ``functions`` (template globals) are added by name.
    """
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("summarizer.report", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=html,
        lstrip_blocks=html,
    )
    environment.filters.update(filters or {})
    environment.globals.update(functions or {})
    return environment


def report_context(records: list[ArticleRecord], comparison: Comparison) -> dict[str, Any]:
    """What report.md and report.html both show: the comparison and the run header."""
    first = records[0].run if records else None
    return {
        "shared": comparison.shared,
        "single": comparison.single,
        "contradictions": comparison.contradictions,
        "corroborations": comparison.corroborations,
        "slants": comparison.slants,
        "summary": comparison.summary,
        "labels": comparison.labels,
        "prompt_version": first.prompt_version if first else "-",
        "model": first.model if first else "-",
    }
