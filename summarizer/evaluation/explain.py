"""The error view behind ``summarize eval --explain``: every decision the scorer made.

For each article and component: each gold item with its matched prediction and
similarity (and the fields they disagree on), each miss, and each false positive,
with the sentence it sits in, so a reader can check a score against the text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from summarizer.errors import UsageError
from summarizer.evaluation.results import ArticleView, EvalResult
from summarizer.evaluation.scoring import ClaimItem, EventItem, LabelItem, Pair
from summarizer.text.grounding import normalize_text

Outcome = Literal["matched", "missed", "false positive"]


@dataclass(frozen=True)
class ExplainedItem:
    outcome: Outcome
    gold: str | None
    predicted: str | None
    similarity: float | None
    sentence: str
    differences: list[str]


@dataclass(frozen=True)
class ArticleExplanation:
    article_id: str
    components: dict[str, list[ExplainedItem]]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _describe(item: EventItem | ClaimItem | LabelItem) -> str:
    if isinstance(item, EventItem):
        return f"{item.description} [{item.event_type}; {item.status}]"
    if isinstance(item, ClaimItem):
        return f"{item.claimants[0]}: {item.quote} [{item.kind}]"
    return f"{item.labels[0]} -> {item.actors[0]} [{item.voice}, {item.connotation}]"


def _differences(predicted: Any, gold: Any) -> list[str]:
    """Fields a matched pair disagrees on, as 'field: predicted ≠ gold'."""
    checks: list[tuple[str, str, Any]] = []
    if isinstance(gold, EventItem):
        checks = [
            ("type", predicted.event_type, gold.types),
            ("status", predicted.status, {gold.status}),
        ]
    elif isinstance(gold, ClaimItem):
        checks = [
            ("kind", predicted.kind, gold.kinds),
            ("claimant type", predicted.claimant_type, {gold.claimant_type}),
        ]
    elif isinstance(gold, LabelItem):
        checks = [
            ("voice", predicted.voice, {gold.voice}),
            ("connotation", predicted.connotation, {gold.connotation}),
        ]
    return [
        f"{name}: {value} ≠ {' / '.join(sorted(allowed))}"
        for name, value, allowed in checks
        if value not in allowed
    ]


def _sentence(text: str, item: Any) -> str:
    if not item.anchors:
        return "(no offsets: ungrounded)"
    first = item.anchors[0]
    return normalize_text(text[first.start : first.end])


def _explain_component(
    text: str, predicted: list[Any], gold: list[Any], pairs: tuple[Pair, ...]
) -> list[ExplainedItem]:
    by_gold = {p.gold: p for p in pairs}
    matched_predictions = {p.predicted for p in pairs}
    rows = []
    for index, item in enumerate(gold):
        pair = by_gold.get(index)
        if pair is None:
            rows.append(
                ExplainedItem("missed", _describe(item), None, None, _sentence(text, item), [])
            )
            continue
        guess = predicted[pair.predicted]
        rows.append(
            ExplainedItem(
                "matched",
                _describe(item),
                _describe(guess),
                round(pair.similarity, 3),
                _sentence(text, item),
                _differences(guess, item),
            )  # fmt: skip
        )
    rows += [
        ExplainedItem("false positive", None, _describe(item), None, _sentence(text, item), [])
        for index, item in enumerate(predicted)
        if index not in matched_predictions
    ]
    return rows


def explain_article(article_id: str, view: ArticleView) -> ArticleExplanation:
    """Every gold item, match, miss and false positive of one article."""
    score, predicted, gold = view.score, view.predicted, view.gold
    return ArticleExplanation(
        article_id,
        {
            "events": _explain_component(
                view.text, predicted.events, gold.events, score.event_pairs
            ),
            "claims": _explain_component(
                view.text, predicted.claims, gold.claims, score.claim_pairs
            ),
            "labels": _explain_component(
                view.text, predicted.labels, gold.labels, score.label_pairs
            ),
        },
    )


def explain_selected(result: EvalResult, which: str | None) -> list[ArticleExplanation]:
    """``--explain``: every article ("all"), one (by id or its number), or none (None).

    Raises:
        UsageError: ``which`` names no article of the gold.
    """
    explanations = [
        explain_article(article_id, view)
        for article_id, view in result.articles.items()
        if which in ("all", article_id, article_id.split("_")[0])
    ]
    if which and not explanations:
        raise UsageError(f"--explain {which}: no such article in gold")
    return explanations
