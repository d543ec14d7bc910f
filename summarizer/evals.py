"""Run the eval: get predictions (model, replay, or a folder), score them against gold.

Scoring itself lives in ``scoring.py``; this module turns records and gold files
into comparable items, and produces one result object that the CLI prints, the
run history stores, and the CI gate checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summarizer.articles import Article, read_article
from summarizer.errors import GoldError, UsageError
from summarizer.gold import GoldFile, default_seeds_dir, load_gold
from summarizer.grounding import ArticleText, Span, normalize_text
from summarizer.pipeline import RunOptions, RunResult, run_summarize
from summarizer.providers import ModelConfig
from summarizer.schemas import ArticleRecord, Usage
from summarizer.scoring import (
    ArticleScore,
    ClaimItem,
    EventItem,
    EvidenceCheck,
    LabelItem,
    ScoredArticle,
    aggregate,
    article_row,
    score_article,
)

HEADLINE_METRICS = (
    "events.f1",
    "claims.f1",
    "labels.f1",
    "frames.micro_f1",
    "grounding_rate",
)


def _check_evidence(
    article: ArticleText,
    evidence: str,
    start: int | None,
    end: int | None,
    flagged_grounded: bool = True,
) -> EvidenceCheck:
    """At its offsets, in the body, and not flagged ungrounded by the tool (grounded)?
    At its offsets but outside the body (leaked)?"""
    if start is None or end is None:
        _, problem = article.locate(evidence)
        return EvidenceCheck(grounded=False, leaked=bool(problem and "furniture" in problem))
    at_offsets = normalize_text(article.text[start:end]) == normalize_text(evidence)
    in_body = article.in_body(Span(start, end))
    return EvidenceCheck(
        grounded=at_offsets and in_body and flagged_grounded, leaked=at_offsets and not in_body
    )


def scored_from_record(record: ArticleRecord, article: Article) -> ScoredArticle:
    """A prediction as comparable items."""
    searchable = article.searchable()
    framing = record.framing
    frames = [framing.primary] if framing.primary else []
    frames += framing.secondary
    return ScoredArticle(
        events=[
            EventItem(frozenset({e.event_type}), e.description, e.evidence) for e in record.events
        ],
        claims=[
            ClaimItem(
                (c.claimant_canonical, c.claimant), c.paraphrase, c.quote, frozenset({c.kind})
            )
            for c in record.claims
        ],
        labels=[LabelItem((a.actor,), (a.label,), a.voice) for a in record.actor_labels],
        frames=frozenset(f.frame for f in frames),
        primary=frozenset({framing.primary.frame}) if framing.primary else frozenset(),
        evidence=[
            _check_evidence(
                searchable, item.evidence_text, item.grounding.start, item.grounding.end
            )
            for _, item in record.iter_grounded_items()
        ],
    )


def scored_from_gold(gold: GoldFile, article: Article) -> ScoredArticle:
    """A gold file as comparable items (also used to score gold as a prediction)."""
    searchable = article.searchable()
    evidence = []
    for _, text in gold.evidence_items():
        span, _ = searchable.locate(text)
        evidence.append(
            _check_evidence(
                searchable, text, span.start if span else None, span.end if span else None
            )
        )
    return ScoredArticle(
        events=[
            EventItem(frozenset({e.event_type, *e.alt_event_types}), e.description, e.evidence)
            for e in gold.events
        ],
        claims=[
            ClaimItem(
                tuple(c.claimant_canonical) + (c.claimant,),
                c.paraphrase,
                c.quote,
                frozenset({c.kind, *c.alt_kinds}),
            )
            for c in gold.claims
        ],
        labels=[
            LabelItem(tuple(a.actor), (a.label, *a.alt_labels), a.voice) for a in gold.actor_labels
        ],
        frames=frozenset({gold.framing.primary.frame} | {f.frame for f in gold.framing.secondary}),
        primary=frozenset({gold.framing.primary.frame, *gold.framing.alt_primary}),
        evidence=evidence,
    )


def load_prediction(path: Path, article: Article) -> ScoredArticle:
    """Read ``path`` as a tool record or, failing that, as a gold-format file.

    Raises:
        UsageError: the file is neither.
    """
    text = path.read_text(encoding="utf-8")
    try:
        return scored_from_record(ArticleRecord.model_validate_json(text), article)
    except ValidationError:
        pass
    try:
        return scored_from_gold(GoldFile.model_validate_json(text), article)
    except ValidationError as exc:
        raise UsageError(f"{path}: neither a summarize record nor a gold file") from exc


@dataclass
class EvalResult:
    """Scores of one prompt version / model (or one predictions folder)."""

    label: str
    prompt_version: str | None
    prompt_hash: str | None
    model: str | None
    scores: dict[str, ArticleScore]
    usage: Usage = field(default_factory=Usage)
    wall_seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def metrics(self) -> dict[str, Any]:
        return aggregate(self.scores)

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "prompt_version": self.prompt_version,
            "prompt_hash": self.prompt_hash,
            "model": self.model,
            "metrics": self.metrics,
            "articles": {article_id: article_row(s) for article_id, s in self.scores.items()},
            "usage": {**self.usage.model_dump(), "total_tokens": self.usage.total_tokens},
            "wall_seconds": self.wall_seconds,
            "failures": self.failures,
        }


def metric_value(metrics: dict[str, Any], dotted: str) -> float:
    """Look up 'events.f1' style names in a metrics dict."""
    value: Any = metrics
    for part in dotted.split("."):
        value = value[part]
    return float(value)


def _gold_articles(gold: dict[str, GoldFile], seeds_dir: Path) -> dict[str, Article]:
    return {article_id: read_article(seeds_dir / f"{article_id}.txt") for article_id in gold}


def evaluate_folder(
    predictions: Path, gold_dir: Path | None = None, seeds_dir: Path | None = None
) -> EvalResult:
    """Score an existing output folder (or the gold folder itself) against gold."""
    gold = load_gold(gold_dir, seeds_dir)
    articles = _gold_articles(gold, seeds_dir or default_seeds_dir())
    scores: dict[str, ArticleScore] = {}
    failures = []
    for article_id, gold_file in gold.items():
        path = predictions / f"{article_id}.json"
        reference = scored_from_gold(gold_file, articles[article_id])
        if not path.is_file():
            failures.append(f"{path}: missing prediction")
            scores[article_id] = score_article(ScoredArticle(), reference)
            continue
        scores[article_id] = score_article(load_prediction(path, articles[article_id]), reference)
    return EvalResult(str(predictions), None, None, None, scores, failures=failures)


def evaluate_model(
    config: ModelConfig,
    options: RunOptions,
    gold_dir: Path | None = None,
    seeds_dir: Path | None = None,
) -> EvalResult:
    """Run (or replay) the model on every gold article and score the records."""
    seeds = seeds_dir or default_seeds_dir()
    gold = load_gold(gold_dir, seeds)
    articles = _gold_articles(gold, seeds)
    result: RunResult = run_summarize([seeds / f"{a}.txt" for a in gold], config, options)
    records = {record.article_id: record for record in result.records}
    scores = {}
    for article_id, gold_file in gold.items():
        reference = scored_from_gold(gold_file, articles[article_id])
        record = records.get(article_id)
        predicted = scored_from_record(record, articles[article_id]) if record else ScoredArticle()
        scores[article_id] = score_article(predicted, reference)
    first = result.records[0].run if result.records else None
    return EvalResult(
        label=options.prompt_version,
        prompt_version=options.prompt_version,
        prompt_hash=first.prompt_hash if first else None,
        model=config.model,
        scores=scores,
        usage=result.usage,
        wall_seconds=result.wall_seconds,
        failures=[failure.message for failure in result.failures],
    )


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read baseline ({exc})") from exc
    return data


def check_against_baseline(result: EvalResult, baseline: dict[str, Any]) -> list[str]:
    """Headline metrics that fell below the baseline by more than its tolerance."""
    tolerance = float(baseline["tolerance"])
    drops = []
    for name in HEADLINE_METRICS:
        before = float(baseline["metrics"][name])
        now = metric_value(result.metrics, name)
        if now < before - tolerance:
            drops.append(f"{name}: {now:.3f} < baseline {before:.3f} - {tolerance}")
    return drops


def baseline_document(result: EvalResult, tolerance: float) -> dict[str, Any]:
    """What ``summarize eval --update-baseline`` writes to evals/baseline.json."""
    return {
        "prompt_version": result.prompt_version,
        "prompt_hash": result.prompt_hash,
        "model": result.model,
        "tolerance": tolerance,
        "metrics": {name: metric_value(result.metrics, name) for name in HEADLINE_METRICS},
    }
