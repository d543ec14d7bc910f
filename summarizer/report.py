"""Build the corpus comparison and render it as ``report.md`` (Jinja2 template)."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from pydantic import BaseModel

from summarizer.comparison import Comparison, compare, outlet_name
from summarizer.schemas import ArticleRecord


def _cell(value: object) -> str:
    """Make text safe inside a Markdown table cell."""
    return " ".join(str(value).replace("|", "\\|").split())


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("summarizer", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        autoescape=False,
    )
    environment.filters["cell"] = _cell
    environment.globals["outlet"] = outlet_name
    return environment


def build_corpus(
    records: list[ArticleRecord], comparison: Comparison | None = None
) -> dict[str, Any]:
    """The cross-outlet comparison as plain data (written to ``corpus.json``)."""
    comparison = comparison or compare(records)

    def dump(value: Any) -> Any:
        if isinstance(value, BaseModel):
            return value.model_dump(mode="json")
        if isinstance(value, dict):
            return {k: dump(v) for k, v in value.items()}
        if isinstance(value, list):
            return [dump(v) for v in value]
        if hasattr(value, "__dataclass_fields__"):
            return {k: dump(getattr(value, k)) for k in value.__dataclass_fields__}
        return value

    return {
        "articles": [
            {
                "article_id": r.article_id,
                "outlet": outlet_name(r),
                "metadata": r.metadata.model_dump(mode="json"),
                "summary": r.summary,
                "ungrounded_count": r.ungrounded_count,
                "run": r.run.model_dump(mode="json"),
            }
            for r in records
        ],
        "events": dump(comparison.events),
        "conflicts": dump(comparison.conflicts),
        "actor_labels": dump(comparison.labels),
    }


def render_report(records: list[ArticleRecord], comparison: Comparison | None = None) -> str:
    """Markdown report comparing how the outlets cover the story."""
    comparison = comparison or compare(records)
    outlets = list(dict.fromkeys(outlet_name(r) for r in records))
    ungrounded = [
        (r.article_id, component, item)
        for r in records
        for component, item in r.iter_grounded_items()
        if not item.grounding.grounded
    ]
    first = records[0].run if records else None
    return (
        _environment()
        .get_template("report.md.j2")
        .render(
            records=records,
            outlets=outlets,
            events=comparison.events,
            conflicts=comparison.conflicts,
            labels=comparison.labels,
            ungrounded=ungrounded,
            prompt_version=first.prompt_version if first else "-",
            model=first.model if first else "-",
        )
    )
