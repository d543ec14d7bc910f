"""The result of one eval: per-article views, the metrics computed once, and what a run
reports about them (the ``--json`` document).

Display, explain, the CI gate and the compare page need only these types, so this
module does not import the pipeline (the harness that produces results does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from summarizer.evaluation.bootstrap import Interval
from summarizer.evaluation.corpus_scoring import CorpusScore
from summarizer.evaluation.metrics import Metrics
from summarizer.evaluation.scoring import ArticleScore, ScoredArticle
from summarizer.schemas import Usage

if TYPE_CHECKING:
    from summarizer.evaluation.explain import ArticleExplanation

AGREEMENT_SCOPE = ("events", "event_", "claim", "label")
"""Metric name prefixes the second annotation covers (it labelled no frames or headlines)."""


@dataclass(frozen=True)
class ArticleView:
    """What was compared for one article: enough to explain every decision."""

    text: str
    predicted: ScoredArticle
    gold: ScoredArticle
    score: ArticleScore


@dataclass
class EvalResult:
    """Scores of one prompt version / model (or one predictions folder), computed once."""

    label: str
    prompt_version: str | None
    prompt_hash: str | None
    model: str | None
    articles: dict[str, ArticleView]
    gold_version: str
    usage: Usage = field(default_factory=Usage)
    replay_seconds: float | None = None
    """Wall time of this evaluation's run (a replay when offline)."""
    recorded_seconds: float | None = None
    """Wall time of the recorded run the cassettes came from, when known."""
    failures: list[str] = field(default_factory=list)
    corpus: CorpusScore | None = None
    """The cross-outlet comparison scored against corpus gold, when the gold has one."""
    metrics: Metrics = field(init=False)

    def __post_init__(self) -> None:
        self.metrics = Metrics.of_articles(v.score.tally for v in self.articles.values())

    def article_metrics(self) -> dict[str, Metrics]:
        return {a: Metrics.of(v.score.tally) for a, v in self.articles.items()}

    def summary(self) -> dict[str, object]:
        """Identity and cost of the run, for JSON output and the history."""
        return {
            "label": self.label,
            "prompt_version": self.prompt_version,
            "prompt_hash": self.prompt_hash,
            "model": self.model,
            "gold_version": self.gold_version,
            "usage": {**self.usage.model_dump(), "total_tokens": self.usage.total_tokens},
            "recorded_seconds": self.recorded_seconds,
            "replay_seconds": self.replay_seconds,
            "failures": self.failures,
            "corpus": self.corpus.as_dict() if self.corpus else None,
        }


def eval_document(
    result: EvalResult,
    bounds: dict[str, Interval],
    explanations: Sequence[ArticleExplanation] = (),
) -> dict[str, Any]:
    """What ``summarize eval --json`` prints: identity and cost, metrics with their
    intervals, collapsed fields, per-article metrics and the explanations asked for."""
    return {
        **result.summary(),
        "metrics": result.metrics.as_dict(),
        "intervals": {name: [i.low, i.high] if i.defined() else None for name, i in bounds.items()},
        "collapsed": [name for name, _ in result.metrics.collapsed_fields()],
        "articles": {a: m.as_dict() for a, m in result.article_metrics().items()},
        "explain": [e.as_dict() for e in explanations],
    }
