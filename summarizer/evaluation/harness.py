"""Run the eval: get predictions (model, replay, or a folder), score them against gold.

Anchoring lives in ``anchoring.py``, the result types in ``results.py``, scoring in
``scoring.py`` and the numbers in ``metrics.py``; this module gets the predictions
(replaying the pipeline, or reading a folder) and produces one result that the CLI
prints, the run history stores, and the CI gate checks.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from summarizer import project
from summarizer.errors import UsageError
from summarizer.evaluation.anchoring import load_prediction, scored_from_gold, scored_from_record
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
from summarizer.evaluation.results import ArticleView, EvalResult
from summarizer.evaluation.scoring import ScoredArticle, score_article
from summarizer.llm.providers import ModelConfig
from summarizer.llm.recording import cassette_path, read_timing
from summarizer.report.comparison import compare
from summarizer.run.pipeline import CORPUS_CASSETTE, RunOptions, RunResult, run_summarize
from summarizer.schemas import ArticleRecord
from summarizer.text.articles import Article, read_article


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


def human_ceiling(gold_dir: Path | None = None) -> tuple[Metrics, str] | None:
    """The second annotator's agreement with gold and the note that says what it is,
    when the project has the files."""
    if not project.agreement_dir().is_dir():
        return None
    result = evaluate_agreement(gold_dir=gold_dir)
    note = (
        "¹ human ceiling: the second annotator scored against gold, on "
        + ", ".join(sorted(a.split("_")[0] for a in result.articles))
        + " (gold 2 took corrections from this annotation; the independent figures, "
        "against gold 1, are in evals/README.md)"
    )
    return result.metrics, note


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
