"""Build the corpus comparison and render it as ``report.md`` (Jinja2 template)."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from pydantic import BaseModel

from summarizer.report.claim_pairs import ClaimAbout, ClaimPair
from summarizer.report.comparison import Comparison, compare, outlet_name
from summarizer.report.happenings import Happening, OutletCell
from summarizer.report.jinja import package_environment, report_context
from summarizer.report.slant import STATUSES, OutletSlant
from summarizer.schemas import ArticleRecord


def _cell(value: object) -> str:
    """Make text safe inside a Markdown table cell."""
    return " ".join(str(value).replace("|", "\\|").split())


@cache
def _environment() -> jinja2.Environment:
    return package_environment(
        html=False,
        filters={"cell": _cell, "quoted": quoted},
        functions={"outlet": outlet_name, "status_cell": status_cell},
    )


_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"


def quoted(text: str) -> str:
    """A quotation in quote marks, without doubling the marks it already has."""
    text = text.strip()
    return text if text[:1] in _QUOTE_MARKS and text[-1:] in _QUOTE_MARKS + ",." else f"“{text}”"


def status_cell(cell: OutletCell) -> str:
    """How one outlet tells a happening, in a table cell: ✓, or its status and source."""
    if cell.status == "asserted":
        return "✓"
    sources = ", ".join(cell.sources)
    return f"{cell.status} ({sources})" if sources and cell.status != "unconfirmed" else cell.status


def happening_data(row: Happening) -> dict[str, Any]:
    return {
        "title": row.title,
        "act": row.act,
        "targets": row.targets,
        "outlets": len(row.by_outlet),
        "by_outlet": {
            outlet: {
                "status": cell.status,
                "sources": cell.sources,
                "events": [
                    {"index": i, "evidence": e.evidence, "status": e.status} for i, e in cell.events
                ],
            }
            for outlet, cell in row.by_outlet.items()
        },
    }


def claim_data(claim: ClaimAbout) -> dict[str, Any]:
    return {
        "article_id": claim.article_id,
        "outlet": claim.outlet,
        "index": claim.index,
        "claimant": claim.claim.claimant,
        "quote": claim.claim.quote,
        "denies": claim.denies,
    }


def pair_data(pair: ClaimPair) -> dict[str, Any]:
    return {"topic": pair.topic, "first": claim_data(pair.first), "second": claim_data(pair.second)}


def slant_data(slant: OutletSlant) -> dict[str, Any]:
    return {
        "outlet": slant.outlet,
        "own_voice_labels": [
            {"actor": label.actor, "label": label.label, "connotation": label.connotation}
            for label in slant.labels
        ],
        "voices": {kind: len(claims) for kind, claims in slant.voices.items()},
        "event_status_share": {status: round(slant.share(status), 3) for status in STATUSES},
        "events": slant.events_total,
        "only_this_outlet": [row.title for row in slant.exclusives],
        "omits": [row.title for row in slant.omissions],
    }


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
        "story_summary": [sentence.text for sentence in comparison.summary],
        "happenings": [happening_data(h) for h in comparison.happenings],
        "contradictions": [pair_data(p) for p in comparison.contradictions],
        "corroborations": [
            {"topic": g.topic, "outlets": g.outlets, "claims": [claim_data(c) for c in g.claims]}
            for g in comparison.corroborations
        ],
        "slant": [slant_data(s) for s in comparison.slants],
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
    return (
        _environment()
        .get_template("report.md.j2")
        .render(
            **report_context(records, comparison),
            records=records,
            outlets=outlets,
            statuses=STATUSES,
            ungrounded=ungrounded,
        )
    )
