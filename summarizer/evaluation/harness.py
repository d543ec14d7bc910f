"""Run the eval: get predictions (model, replay, or a folder), score them against gold.

Scoring lives in ``scoring.py`` and the numbers in ``metrics.py``; this module turns
records and gold files into comparable items anchored at their sentences, and
produces one result that the CLI prints, the run history stores, and the CI gate
checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from summarizer import project
from summarizer.errors import UsageError
from summarizer.evaluation.bootstrap import (
    Interval,
    intervals,
    paired_differences,
    resample_indices,
    resampled_metrics,
)
from summarizer.evaluation.corpus_gold import load_corpus_gold
from summarizer.evaluation.corpus_scoring import CorpusScore, score_corpus
from summarizer.evaluation.gold import (
    GoldFile,
    default_gold_dir,
    default_seeds_dir,
    gold_version,
    load_gold,
)
from summarizer.evaluation.metrics import REPORTED_METRICS, MetricRef, Metrics
from summarizer.evaluation.scoring import (
    ArticleScore,
    ClaimItem,
    EventItem,
    EvidenceCheck,
    LabelItem,
    MetadataItem,
    ScoredArticle,
    score_article,
)
from summarizer.llm.providers import ModelConfig
from summarizer.llm.recording import cassette_path, read_timing
from summarizer.report.comparison import compare
from summarizer.run.pipeline import CORPUS_CASSETTE, RunOptions, RunResult, run_summarize
from summarizer.schemas import ArticleRecord, Usage
from summarizer.text.articles import Article, read_article
from summarizer.text.grounding import ArticleText, Span, normalize_text
from summarizer.text.sentences import SentenceIndex

AGREEMENT_SCOPE = ("events", "event_", "claim", "label")
"""Metric name prefixes the second annotation covers (it labelled no frames or headlines)."""


@dataclass(frozen=True)
class ArticleView:
    """What was compared for one article: enough to explain every decision."""

    text: str
    predicted: ScoredArticle
    gold: ScoredArticle
    score: ArticleScore


class _Anchoring:
    """Offsets and sentence anchors of evidence in one article."""

    def __init__(self, article: Article) -> None:
        self.searchable: ArticleText = article.searchable()
        self.sentences = SentenceIndex(article.text)

    def anchors(self, spans: list[Span | None]) -> tuple[Span, ...]:
        return tuple(self.sentences.cover(s) for s in spans if s is not None)

    def locate(self, text: str) -> Span | None:
        return self.searchable.locate(text)[0]

    def mentions(self, words: list[str]) -> list[Span]:
        """Body occurrences of any of ``words`` (case-insensitive, plural 's' allowed)."""
        found = []
        text = self.searchable.text
        for word in words:
            pattern = re.compile(rf"\b{re.escape(word.strip())}s?\b", re.IGNORECASE)
            found += [
                Span(m.start(), m.end())
                for m in pattern.finditer(text)
                if self.searchable.in_body(Span(m.start(), m.end()))
            ]
        return found

    def check(
        self, evidence: str, start: int | None, end: int | None, flagged: bool
    ) -> EvidenceCheck:
        """Grounded = at its offsets, in the body, and not flagged by the tool."""
        if start is None or end is None:
            return EvidenceCheck(grounded=False, span=None)
        span = Span(start, end)
        at_offsets = normalize_text(self.searchable.text[start:end]) == normalize_text(evidence)
        in_body = self.searchable.in_body(span)
        return EvidenceCheck(grounded=at_offsets and in_body and flagged, span=span)


def _span(start: int | None, end: int | None) -> Span | None:
    return Span(start, end) if start is not None and end is not None else None


def scored_from_record(record: ArticleRecord, article: Article) -> ScoredArticle:
    """A prediction as comparable items, each anchored at its grounded sentence."""
    where = _Anchoring(article)

    def anchors(item: object) -> tuple[Span, ...]:
        grounding = item.grounding  # type: ignore[attr-defined]
        return where.anchors([_span(grounding.start, grounding.end)])

    framing = record.framing
    frames = ([framing.primary] if framing.primary else []) + framing.secondary
    meta = record.metadata
    return ScoredArticle(
        events=[
            EventItem(
                e.description,
                e.evidence,
                anchors(e),
                frozenset({e.event_type}),
                e.event_type,
                e.status,
                (e.source,) if e.source else (),
            )
            for e in record.events
        ],
        claims=[
            ClaimItem(
                c.quote,
                c.paraphrase,
                anchors(c),
                (c.claimant_canonical, c.claimant),
                frozenset({c.kind}),
                c.kind,
                c.claimant_type,
            )
            for c in record.claims
        ],
        labels=[
            LabelItem((a.label,), a.evidence, anchors(a), (a.actor,), a.voice, a.connotation)
            for a in record.actor_labels
        ],
        metadata=MetadataItem(
            frozenset({meta.outlet}) if meta.outlet else frozenset(), meta.published, meta.headline
        ),
        frames=frozenset(f.frame for f in frames),
        primary=frozenset({framing.primary.frame}) if framing.primary else frozenset(),
        evidence=[
            where.check(
                item.evidence_text,
                item.grounding.start,
                item.grounding.end,
                item.grounding.grounded,
            )
            for _, item in record.iter_grounded_items()
        ],
    )


def scored_from_gold(gold: GoldFile, article: Article) -> ScoredArticle:
    """A gold file as comparable items (also used to score gold as a prediction).

    An event or claim is anchored at its evidence and every listed other mention;
    a label at its evidence and every body sentence that uses the label word.
    """
    where = _Anchoring(article)

    def located(*texts: str) -> tuple[Span, ...]:
        return where.anchors([where.locate(t) for t in texts])

    meta = gold.metadata
    furniture = [s for text in gold.furniture for s in where.searchable.find_all(text)]
    evidence = [where.locate(text) for _, text in gold.evidence_items()]
    return ScoredArticle(
        events=[
            EventItem(
                e.description,
                e.evidence,
                located(e.evidence, *e.alt_evidence),
                frozenset({e.event_type, *e.alt_event_types}),
                e.event_type,
                e.status,
                tuple(e.source or ()),
                e.debatable,
            )
            for e in gold.events
        ],
        claims=[
            ClaimItem(
                c.quote,
                c.paraphrase,
                located(c.quote, *c.alt_evidence),
                (*c.claimant_canonical, c.claimant),
                frozenset({c.kind, *c.alt_kinds}),
                c.kind,
                c.claimant_type,
                c.debatable,
            )
            for c in gold.claims
        ],
        labels=[
            LabelItem(
                (a.label, *a.alt_labels),
                a.evidence,
                where.anchors(
                    [where.locate(a.evidence), *where.mentions([a.label, *a.alt_labels])]
                ),
                tuple(a.actor),
                a.voice,
                a.connotation,
                a.debatable,
            )
            for a in gold.actor_labels
        ],
        metadata=MetadataItem(
            frozenset({meta.outlet, *meta.alt_outlets}) if meta.outlet else frozenset(),
            meta.published,
            meta.headline,
        ),
        frames=_gold_frames(gold),
        primary=(
            frozenset({gold.framing.primary.frame, *gold.framing.alt_primary})
            if gold.framing
            else frozenset()
        ),
        evidence=[EvidenceCheck(grounded=span is not None, span=span) for span in evidence],
        furniture=tuple(furniture),
    )


def _gold_frames(gold: GoldFile) -> frozenset[str]:
    if gold.framing is None:
        return frozenset()
    return frozenset({gold.framing.primary.frame} | {f.frame for f in gold.framing.secondary})


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


def _view(article: Article, predicted: ScoredArticle, gold: ScoredArticle) -> ArticleView:
    return ArticleView(article.text, predicted, gold, score_article(predicted, gold))


def evaluate_folder(
    predictions: Path,
    gold_dir: Path | None = None,
    seeds_dir: Path | None = None,
    only: set[str] | None = None,
) -> EvalResult:
    """Score an existing output folder (or another annotation) against gold.

    ``only`` restricts scoring to these article ids (the agreement files cover two; a
    dev story is scored on its own, as one run compares one story).
    """
    seeds = seeds_dir or default_seeds_dir()
    gold = load_gold(gold_dir, seeds)
    views: dict[str, ArticleView] = {}
    records: dict[str, ArticleRecord] = {}
    failures = []
    for article_id, gold_file in gold.items():
        if only is not None and article_id not in only:
            continue
        article = read_article(seeds / f"{article_id}.txt")
        reference = scored_from_gold(gold_file, article)
        path = predictions / f"{article_id}.json"
        if not path.is_file():
            failures.append(f"{path}: missing prediction")
            views[article_id] = _view(article, ScoredArticle(), reference)
            continue
        views[article_id] = _view(article, load_prediction(path, article), reference)
        record = _record_or_none(path)
        if record is not None:
            records[article_id] = record
    corpus = _corpus_score(records, views, gold, gold_dir)
    return EvalResult(
        str(predictions),
        None,
        None,
        None,
        views,
        gold_version(gold_dir),
        failures=failures,
        corpus=corpus,
    )


def _record_or_none(path: Path) -> ArticleRecord | None:
    try:
        return ArticleRecord.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError:
        return None  # a gold file scored as a prediction: it has no comparison to score


def _corpus_score(
    records: dict[str, ArticleRecord],
    views: dict[str, ArticleView],
    gold: dict[str, GoldFile],
    gold_dir: Path | None,
) -> CorpusScore | None:
    """The comparison of ``records`` scored against the gold folder's corpus gold."""
    corpus = load_corpus_gold(gold_dir or default_gold_dir(), gold)
    if corpus is None or not records:
        return None
    ordered = [records[a] for a in views if a in records]
    comparison = compare(ordered, {a: views[a].text for a in records})
    return score_corpus(
        comparison.happenings,
        comparison.pairs,
        corpus,
        gold,
        {a: views[a].predicted for a in records},
        {a: views[a].gold for a in records},
        {a: views[a].score for a in records},
    )


def evaluate_agreement(
    agreement_dir: Path | None = None, gold_dir: Path | None = None
) -> EvalResult:
    """The second annotation scored against gold: the human ceiling for the model."""
    folder = agreement_dir or project.agreement_dir()
    ids = {path.stem for path in folder.glob("*.json")}
    if not ids:
        raise UsageError(f"{folder}: no agreement files")
    result = evaluate_folder(folder, gold_dir, only=ids)
    result.label = "second annotator"
    return result


def _recorded_seconds(options: RunOptions, model: str, article_ids: list[str]) -> float | None:
    """Sum of the recorded runs' wall times, when every article has one (plus the
    corpus pass, for versions that have one)."""
    corpus = read_timing(
        cassette_path(options.cassettes_dir, options.prompt_version, model, CORPUS_CASSETTE)
    )
    total = corpus.wall_seconds if corpus else 0.0
    for article_id in article_ids:
        path = cassette_path(options.cassettes_dir, options.prompt_version, model, article_id)
        timing = read_timing(path)
        if timing is None:
            return None
        total += timing.wall_seconds
    return round(total, 2)


def evaluate_model(
    config: ModelConfig,
    options: RunOptions,
    gold_dir: Path | None = None,
    seeds_dir: Path | None = None,
) -> EvalResult:
    """Run (or replay) the model on every gold article and score the records."""
    seeds = seeds_dir or default_seeds_dir()
    gold = load_gold(gold_dir, seeds)
    result: RunResult = run_summarize([seeds / f"{a}.txt" for a in gold], config, options)
    records = {record.article_id: record for record in result.records}
    views = {}
    for article_id, gold_file in gold.items():
        article = read_article(seeds / f"{article_id}.txt")
        record = records.get(article_id)
        predicted = scored_from_record(record, article) if record else ScoredArticle()
        views[article_id] = _view(article, predicted, scored_from_gold(gold_file, article))
    first = result.records[0].run if result.records else None
    scored = {a: records[a] for a in views if a in records}
    return EvalResult(
        label=options.prompt_version,
        prompt_version=options.prompt_version,
        prompt_hash=first.prompt_hash if first else None,
        model=config.model,
        articles=views,
        gold_version=gold_version(gold_dir),
        usage=result.usage,
        replay_seconds=result.wall_seconds,
        recorded_seconds=_recorded_seconds(options, config.model, list(gold))
        if options.offline
        else result.wall_seconds,
        failures=[failure.message for failure in result.failures],
        corpus=_corpus_score(scored, views, gold, gold_dir),
    )


def metric_intervals(
    result: EvalResult, refs: tuple[MetricRef, ...] = REPORTED_METRICS
) -> dict[str, Interval]:
    """95% bootstrap interval of each metric, resampling ``result``'s articles."""
    tallies = [view.score.tally for view in result.articles.values()]
    return intervals(resampled_metrics(tallies, resample_indices(len(tallies))), refs)


def compare_results(
    first: EvalResult, second: EvalResult, refs: tuple[MetricRef, ...] = REPORTED_METRICS
) -> dict[str, Interval]:
    """Paired bootstrap interval of (second - first) per metric, on the same articles.

    Raises:
        UsageError: the two were scored on different articles or gold versions.
    """
    if sorted(first.articles) != sorted(second.articles):
        raise UsageError("the two results cover different articles; they cannot be paired")
    if first.gold_version != second.gold_version:
        raise UsageError(
            f"gold versions differ ({first.gold_version} vs {second.gold_version}); "
            "scores of different gold are not compared"
        )
    ids = sorted(first.articles)
    indices = resample_indices(len(ids))
    return paired_differences(
        resampled_metrics([first.articles[a].score.tally for a in ids], indices),
        resampled_metrics([second.articles[a].score.tally for a in ids], indices),
        refs,
    )
