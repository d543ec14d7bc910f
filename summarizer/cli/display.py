"""Rich tables for eval, compare, history and prompts output (the CLI only prints them)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from summarizer.evaluation.bootstrap import Interval
from summarizer.evaluation.corpus_scoring import CorpusScore
from summarizer.evaluation.explain import ArticleExplanation
from summarizer.evaluation.metrics import HEADLINE_METRICS, REPORTED_METRICS, MetricRef, Metrics
from summarizer.evaluation.results import AGREEMENT_SCOPE, EvalResult
from summarizer.evaluation.verdict import Verdict, delta_text, metric_text, verdict
from summarizer.schemas import Usage

PRICES_PER_MILLION: dict[str, tuple[float, float]] = {
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4o-mini": (0.15, 0.60),
}
"""USD per million (input, output) tokens for hosted models we can price."""

_HEADLINE = {ref.name for ref in HEADLINE_METRICS}


def estimate_cost(model: str | None, usage: Usage, local: bool) -> str:
    """Estimated USD cost of the tokens, '$0 (local)' or 'n/a' when unknown."""
    if local:
        return "$0 (local)"
    prices = PRICES_PER_MILLION.get(model or "")
    if prices is None:
        return "n/a"
    cost = (usage.prompt_tokens * prices[0] + usage.completion_tokens * prices[1]) / 1e6
    return f"${cost:.4f}"


def _seconds(value: float | None) -> str:
    return f"{value:,.1f}" if value is not None else "n/a"


def _ceiling_cell(ceiling: Metrics | None, ref: MetricRef) -> list[str]:
    """The human ceiling for metrics the second annotation covers, '-' for the rest."""
    if ceiling is None:
        return []
    return [metric_text(ref.read(ceiling)) if ref.name.startswith(AGREEMENT_SCOPE) else "-"]


def _name(metric: str) -> str:
    return f"{metric}*" if metric in _HEADLINE else metric


def eval_tables(
    result: EvalResult, bounds: dict[str, Interval], ceiling: Metrics | None = None
) -> list[Table]:
    """Metrics with 95% intervals (and the human ceiling), collapse check, per article."""
    title = f"eval: {result.label}" + (f" · {result.model}" if result.model else "")
    summary = Table(title=f"{title} · gold {result.gold_version} (* = CI gate)")
    columns = ["metric", "value", "95% CI"] + (["human ceiling¹"] if ceiling else [])
    for column in columns:
        summary.add_column(column, justify="left" if column == "metric" else "right")
    for ref in REPORTED_METRICS:
        row = [_name(ref.name), metric_text(ref.read(result.metrics)), str(bounds[ref.name])]
        summary.add_row(*row, *_ceiling_cell(ceiling, ref))
    tables = [summary, collapse_table(result.metrics), article_table(result)]
    if result.corpus is not None:
        tables.append(corpus_table(result.corpus))
    tables.append(cost_table([result], local=False))
    return tables


def corpus_table(score: CorpusScore) -> Table:
    """The cross-outlet comparison against corpus gold: one story's rows and pairs."""
    table = Table(title=f"cross-outlet comparison vs corpus gold · {score.rows} happening rows")
    for column in ("what", "precision", "recall", "F1", "found / predicted / gold"):
        table.add_column(column, justify="left" if column == "what" else "right")
    for name, counts in (
        ("same happening (event pairs)", score.clustering),
        ("contradicting claim pairs", score.contradictions),
        ("supporting claim pairs", score.supports),
    ):
        rates = (counts.precision, counts.recall, counts.f1)
        table.add_row(name, *map(metric_text, rates),
                      f"{counts.matched} / {counts.predicted} / {counts.gold}")  # fmt: skip
    return table


def collapse_table(metrics: Metrics) -> Table:
    """Each enum field's most frequent predicted value vs gold's: a collapse is flagged."""
    table = Table(title="collapse check: share of the most frequent value")
    for column in ("field", "predicted top value", "share", "gold's top share", ""):
        table.add_column(
            column, justify="right" if column in ("share", "gold's top share") else "left"
        )
    for name in ("event_type", "event_status", "claim_kind", "claimant_type", "label_voice",
                 "label_connotation"):  # fmt: skip
        field = getattr(metrics, name)
        flag = "[red]COLLAPSED[/]" if field.collapsed else ""
        table.add_row(
            name,
            field.top_value or "-",
            f"{field.top_share:.2f}",
            f"{field.gold_top_share:.2f}",
            flag,
        )
    return table


def collapsed_lines(metrics: Metrics) -> list[str]:
    """One line per collapsed field: its top value's share against gold's."""
    return [
        f"[red]collapsed:[/] {name}: {field.top_share:.0%} of predictions are "
        f"{field.top_value!r} (gold's most frequent value: {field.gold_top_share:.0%})"
        for name, field in metrics.collapsed_fields()
    ]


def article_table(result: EvalResult) -> Table:
    table = Table(title="per article (F1; metadata = outlet/date/headline right)")
    for column in (
        "article",
        "events",
        "claims",
        "labels",
        "frames",
        "metadata",
        "grounding",
        "leaked",
    ):
        table.add_column(column, justify="left" if column == "article" else "right")
    for article_id, m in result.article_metrics().items():
        meta = m.metadata
        right = [meta.outlet_accuracy, meta.date_accuracy, meta.headline_accuracy]
        table.add_row(
            article_id, f"{m.events.f1:.2f}", f"{m.claims.f1:.2f}", f"{m.labels.f1:.2f}",
            f"{m.frames.micro_f1:.2f}", "/".join("✓" if x == 1 else "✗" for x in right),
            f"{m.grounding_rate:.2f}", str(m.leaked_items),
        )  # fmt: skip
    return table


def cost_table(results: list[EvalResult], local: bool) -> Table:
    """Tokens and the recorded run's wall time (what the run cost), replay time apart."""
    table = Table(title="cost (recorded = the run that made the cassettes; replay = this run)")
    for column in ("version", "calls", "re-asks", "tokens in", "tokens out", "recorded wall s",
                   "replay s", "est. cost"):  # fmt: skip
        table.add_column(column, justify="left" if column == "version" else "right")
    for result in results:
        usage = result.usage
        table.add_row(
            result.label, str(usage.calls), str(usage.retries), f"{usage.prompt_tokens:,}",
            f"{usage.completion_tokens:,}", _seconds(result.recorded_seconds),
            _seconds(result.replay_seconds), estimate_cost(result.model, usage, local),
        )  # fmt: skip
    return table


_VERDICT_CELLS: dict[Verdict, str] = {
    "n/a": "n/a (nothing to judge on one side)",
    "no detectable difference": "no detectable difference",
    "significantly better": "[green]significantly better[/]",
    "significantly worse": "[red]significantly worse ▼[/]",
}
"""How the compare table shows each verdict."""


def compare_tables(
    first: EvalResult,
    second: EvalResult,
    differences: dict[str, Interval],
    local: bool,
    ceiling: Metrics | None = None,
) -> list[Table]:
    """Both versions, the difference with its paired 95% interval, and a verdict."""
    metrics = Table(title=f"compare {first.label} → {second.label} · gold {first.gold_version}")
    columns = ["metric", first.label, second.label, "Δ", "95% CI of Δ", "verdict"]
    for column in columns + (["human ceiling¹"] if ceiling else []):
        metrics.add_column(column, justify="left" if column in ("metric", "verdict") else "right")
    for ref in REPORTED_METRICS:
        a, b = ref.read(first.metrics), ref.read(second.metrics)
        interval = differences[ref.name]
        row = [_name(ref.name), metric_text(a), metric_text(b), delta_text(b - a), str(interval)]
        row.append(_VERDICT_CELLS[verdict(b - a, interval, ref.higher_is_better)])
        metrics.add_row(*row, *_ceiling_cell(ceiling, ref))
    collapsed = [
        f"{result.label}: {name} ({field.top_value} {field.top_share:.0%})"
        for result in (first, second)
        for name, field in result.metrics.collapsed_fields()
    ]
    if collapsed:
        metrics.caption = "collapsed fields: " + "; ".join(collapsed)
    return [metrics, cost_table([first, second], local)]


def explain_tables(explanation: ArticleExplanation) -> list[Table]:
    """One table per component: gold items with their match, misses, false positives."""
    tables = []
    styles = {"matched": "green", "missed": "yellow", "false positive": "red"}
    for component, rows in explanation.components.items():
        table = Table(title=f"{explanation.article_id} · {component}", show_lines=True)
        for column in ("outcome", "gold", "predicted", "sim.", "sentence", "differences"):
            table.add_column(column, justify="right" if column == "sim." else "left")
        for row in rows:
            table.add_row(
                f"[{styles[row.outcome]}]{row.outcome}[/]", row.gold or "-", row.predicted or "-",
                f"{row.similarity:.2f}" if row.similarity is not None else "",
                row.sentence, "; ".join(row.differences),
            )  # fmt: skip
        tables.append(table)
    return tables


def history_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="eval history (newest first)")
    for column in ("id", "when (UTC)", "commit", "prompt", "model", "gold", "events", "claims",
                   "labels", "frames", "grounding", "tokens"):  # fmt: skip
        table.add_column(column)
    for row in rows:
        m = row["metrics"]
        table.add_row(
            str(row["id"]), row["created_at"], row["git_commit"] or "-",
            f"{row['prompt_version'] or '-'} {row['prompt_hash'] or ''}".strip(),
            row["model"] or "-", row.get("gold_version") or "-", f"{m['events']['f1']:.3f}",
            f"{m['claims']['f1']:.3f}", f"{m['labels']['f1']:.3f}",
            f"{m['frames']['micro_f1']:.3f}", f"{m['grounding_rate']:.3f}",
            f"{row['prompt_tokens'] + row['completion_tokens']:,}",
        )  # fmt: skip
    return table


def prompts_table(versions: list[tuple[str, str, str, bool]]) -> Table:
    """(name, template hash, description, is default) per prompt version."""
    table = Table(title="prompt versions")
    for column in ("version", "hash", "description"):
        table.add_column(column)
    for name, digest, description, default in versions:
        table.add_row(name + (" (default)" if default else ""), digest, description)
    return table
