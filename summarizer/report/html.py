"""Render ``report.html``: every grounded item highlighted in its article, and the tables.

One self-contained file (inline CSS and a little vanilla JavaScript, no network):
the offsets the tool stores are what a reader checks an extraction against. Text
is always escaped; page furniture is shown muted and never highlighted; the tables
work with JavaScript off (links are plain anchors).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

from summarizer.report.comparison import Comparison, compare, outlet_name
from summarizer.report.jinja import package_environment, report_context
from summarizer.report.markdown import quoted
from summarizer.report.slant import CONNOTATIONS, STATUSES, OutletSlant
from summarizer.schemas import ArticleRecord, ClaimantType
from summarizer.text.articles import Article
from summarizer.text.grounding import Span


@dataclass(frozen=True)
class Highlight:
    """One grounded item placed at its offsets."""

    item_id: str
    css: str
    span: Span
    tip: str


@dataclass
class ArticleView:
    """What the template needs for one article."""

    record: ArticleRecord
    number: str
    outlet: str
    outlet_source: str
    text_html: Markup | None
    missing_text: str | None
    events: list[tuple[str, Any]] = field(default_factory=list)
    claims: list[tuple[str, Any]] = field(default_factory=list)
    labels: list[tuple[str, Any]] = field(default_factory=list)
    highlighted: int = 0


@cache
def _environment() -> jinja2.Environment:
    return package_environment(
        html=True, filters={"id": id, "quoted": quoted}, functions={"slant_bars": slant_bars}
    )


CONNOTATION_COLOURS = {"negative": "#e57373", "neutral": "#bdbdbd", "positive": "#81c784"}
STATUS_COLOURS = {"asserted": "#5c6bc0", "attributed": "#9fa8da", "unconfirmed": "#ffcc80",
                  "denied": "#ef9a9a"}  # fmt: skip
VOICE_COLOURS = dict(zip(ClaimantType.__args__, ("#26a69a", "#ab47bc", "#ef5350", "#ffa726",  # type: ignore[attr-defined]
                                                  "#42a5f5", "#8d6e63", "#78909c", "#d4e157"),
                         strict=True))  # fmt: skip
"""One colour per claimant type, the same in every outlet's bar."""


def slant_bars(slant: OutletSlant) -> list[tuple[str, list[dict[str, Any]]]]:
    """The three stacked bars of one outlet's slant: each part's name, count, colour and
    first item (the bar segment links to it)."""

    def part(name: str, items: list[Any], colour: str) -> dict[str, Any]:
        return {
            "name": name,
            "count": len(items),
            "colour": colour,
            "first": items[0] if items else None,
        }

    connotations = slant.connotations
    return [
        ("Own-voice labels by connotation",
         [part(c, connotations[c], CONNOTATION_COLOURS[c]) for c in CONNOTATIONS]),
        ("Whose voices it quotes (claims by claimant type)",
         [part(kind, claims, VOICE_COLOURS.get(kind, "#9e9e9e"))
          for kind, claims in slant.voices.items()]),
        ("How it tells its events",
         [part("own voice" if s == "asserted" else s, slant.events.get(s, []), STATUS_COLOURS[s])
          for s in STATUSES]),
    ]  # fmt: skip


def _number(record: ArticleRecord) -> str:
    return record.article_id.split("_", 1)[0]


def _label_css(item: Any) -> str:
    quoted = " lb-quoted" if item.voice == "quoted" else ""
    return f"lb lb-{item.connotation}{quoted}"


def _label_span(text: str | None, item: Any, span: Span) -> Span:
    """The label's own words inside its evidence (a sentence, for some layouts)."""
    if text is None:
        return span
    words = r"\s+".join(re.escape(w) for w in item.label.split())
    found = re.search(words, text[span.start : span.end], re.IGNORECASE) if words else None
    return Span(span.start + found.start(), span.start + found.end()) if found else span


def _highlights(
    record: ArticleRecord, prefix: str, text: str | None
) -> list[tuple[str, str, Any, Highlight | None]]:
    """(component, item id, item, highlight or None when it has no usable offsets)."""
    rows: list[tuple[str, str, Any, Highlight | None]] = []
    parts: tuple[tuple[str, str, list[Any], Any], ...] = (
        ("events", "ev", record.events, lambda e: f"event: {e.description} [{e.event_type}]"),
        ("claims", "cl", record.claims, lambda c: f"claim by {c.claimant}: {c.paraphrase}"),
        ("labels", "lb", record.actor_labels,
         lambda a: f"label “{a.label}” for {a.actor} ({a.voice}, {a.connotation})"),
    )  # fmt: skip
    for component, short, items, tip in parts:
        for index, item in enumerate(items):
            item_id = f"{prefix}-{short}{index}"
            grounding = item.grounding
            mark = None
            if grounding.grounded and grounding.start is not None and grounding.end is not None:
                span = Span(grounding.start, grounding.end)
                if short == "lb":
                    span = _label_span(text, item, span)
                css = _label_css(item) if short == "lb" else short
                mark = Highlight(item_id, css, span, tip(item))
            rows.append((component, item_id, item, mark))
    return rows


def _segments(text: str, body: list[Span], marks: list[Highlight]) -> Markup:
    """The article text as escaped HTML: body split at every highlight boundary, each
    piece wrapped with the classes and tips of the items covering it; furniture muted."""
    pieces: list[str] = []
    cursor = 0
    for region in body:
        if region.start > cursor:
            pieces.append(f'<span class="furniture">{escape(text[cursor : region.start])}</span>')
        inside = [m for m in marks if region.start <= m.span.start and m.span.end <= region.end]
        cuts = sorted({region.start, region.end, *(m.span.start for m in inside),
                       *(m.span.end for m in inside)})  # fmt: skip
        for start, end in zip(cuts, cuts[1:], strict=False):
            covering = [m for m in inside if m.span.start <= start and end <= m.span.end]
            anchors = "".join(
                f'<a class="anchor" id="{m.item_id}"></a>' for m in inside if m.span.start == start
            )
            chunk = escape(text[start:end])
            if not covering:
                pieces.append(anchors + str(chunk))
                continue
            classes = " ".join(sorted({c for m in covering for c in m.css.split()}))
            ids = " ".join(m.item_id for m in covering)
            tips = escape(" · ".join(m.tip for m in covering))
            attributes = f'class="hl {classes}" data-items="{ids}" title="{tips}"'
            pieces.append(f"{anchors}<span {attributes}>{chunk}</span>")
        cursor = region.end
    if cursor < len(text):
        pieces.append(f'<span class="furniture">{escape(text[cursor:])}</span>')
    return Markup("".join(pieces))


def _article_view(
    record: ArticleRecord, article: Article | None, source_note: str | None
) -> ArticleView:
    number = _number(record)
    rows = _highlights(record, f"a{number}", article.text if article else None)
    outlet = outlet_name(record)
    view = ArticleView(
        record=record,
        number=number,
        outlet=outlet,
        outlet_source=(
            "the outlet the page names"
            if record.metadata.outlet
            else "file name: the page names no outlet"
        ),  # fmt: skip
        text_html=None,
        missing_text=source_note,
    )
    for component, item_id, item, _ in rows:
        getattr(view, component).append((item_id, item))
    if article is not None:
        body = article.body or [Span(0, len(article.text))]
        marks = [
            m for _, _, _, m in rows if m is not None and any(
                r.start <= m.span.start and m.span.end <= r.end for r in body
            )
        ]  # fmt: skip
        view.text_html = _segments(article.text, body, marks)
        view.highlighted = len(marks)
    return view


def _connotation_chart(views: list[ArticleView]) -> list[dict[str, Any]]:
    """Per outlet, its own-voice labels counted by connotation (for the bar chart)."""
    rows = []
    for view in views:
        counts = dict.fromkeys(CONNOTATIONS, 0)
        for _, item in view.labels:
            if item.grounding.grounded and item.voice == "outlet":
                counts[item.connotation] += 1
        total = sum(counts.values())
        rows.append({"outlet": view.outlet, "counts": counts, "total": total})
    return rows


def _item_ids(views: list[ArticleView]) -> dict[int, str]:
    """Python id of each record item -> its HTML anchor, for links from the tables."""
    return {
        id(item): item_id
        for view in views
        for rows in (view.events, view.claims, view.labels)
        for item_id, item in rows
    }


def _label_links(views: list[ArticleView]) -> dict[tuple[str, str], str]:
    """(outlet, label as the label table prints it) -> anchor of its first grounded use."""
    links: dict[tuple[str, str], str] = {}
    for view in views:
        for item_id, item in view.labels:
            if not item.grounding.grounded:
                continue
            shown = item.label
            if item.voice == "quoted" and item.quoted_source:
                shown = f"{item.label} ({item.quoted_source})"
            links.setdefault((view.outlet, shown), item_id)
    return links


def render_html_report(
    records: list[ArticleRecord],
    articles: Mapping[str, tuple[Article | None, str | None]],
    comparison: Comparison | None = None,
) -> str:
    """The self-contained HTML report for ``records`` (articles by id, or a note why not)."""
    comparison = comparison or compare(records)
    views = [
        _article_view(r, *articles.get(r.article_id, (None, "no article text"))) for r in records
    ]
    outlets = [v.outlet for v in views]
    ungrounded = [
        (outlet_name(r), component, item)
        for r in records
        for component, item in r.iter_grounded_items()
        if not item.grounding.grounded
    ]
    usage = {
        "prompt_tokens": sum(r.run.usage.prompt_tokens for r in records),
        "completion_tokens": sum(r.run.usage.completion_tokens for r in records),
        "calls": sum(r.run.usage.calls for r in records),
        "wall_seconds": sum(r.run.wall_seconds for r in records),
    }
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            **report_context(records, comparison),
            views=views,
            outlets=outlets,
            chart=_connotation_chart(views),
            anchors=_item_ids(views),
            label_links=_label_links(views),
            ungrounded=ungrounded,
            usage=usage,
            connotations=CONNOTATIONS,
        )
    )
