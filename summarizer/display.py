"""Rich tables for eval, compare and history output (the CLI only prints them)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from summarizer.evals import HEADLINE_METRICS, EvalResult, metric_value
from summarizer.schemas import Usage

PRICES_PER_MILLION: dict[str, tuple[float, float]] = {
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4o-mini": (0.15, 0.60),
}
"""USD per million (input, output) tokens for hosted models we can price."""

COMPARED_METRICS = (
    "events.precision", "events.recall", "events.f1",
    "claims.precision", "claims.recall", "claims.f1",
    "claims.attribution_accuracy", "claims.kind_accuracy",
    "labels.precision", "labels.recall", "labels.f1",
    "frames.micro_f1", "frames.macro_f1", "frames.primary_accuracy",
    "grounding_rate",
)  # fmt: skip


def estimate_cost(model: str | None, usage: Usage, local: bool) -> str:
    """Estimated USD cost of the tokens, '$0 (local)' or 'n/a' when unknown."""
    if local:
        return "$0 (local)"
    prices = PRICES_PER_MILLION.get(model or "")
    if prices is None:
        return "n/a"
    cost = (usage.prompt_tokens * prices[0] + usage.completion_tokens * prices[1]) / 1e6
    return f"${cost:.4f}"


def eval_tables(result: EvalResult) -> list[Table]:
    """Component x P/R/F1, then one row per article."""
    metrics = result.metrics
    summary = Table(title=f"eval: {result.label}" + (f" · {result.model}" if result.model else ""))
    for column in ("component", "precision", "recall", "F1", "notes"):
        summary.add_column(column, justify="left" if column in ("component", "notes") else "right")
    for name in ("events", "claims", "labels"):
        part = metrics[name]
        notes = f"{part['matched']} matched / {part['predicted']} predicted / {part['gold']} gold"
        if name == "claims":
            attribution, kind = part["attribution_accuracy"], part["kind_accuracy"]
            notes += f"; attribution {attribution:.2f}, kind {kind:.2f}"
        summary.add_row(
            name, f"{part['precision']:.3f}", f"{part['recall']:.3f}", f"{part['f1']:.3f}", notes
        )
    frames = metrics["frames"]
    summary.add_row(
        "frames", "", "", f"{frames['micro_f1']:.3f}",
        f"macro-F1 {frames['macro_f1']:.3f}; primary accuracy {frames['primary_accuracy']:.2f}",
    )  # fmt: skip
    summary.add_row(
        "grounding", "", "", "",
        f"rate {metrics['grounding_rate']:.3f} of {metrics['evidence_items']} spans; "
        f"leakage {metrics['leakage']}",
    )  # fmt: skip
    articles = Table(title="per article (F1)")
    for column in ("article", "events", "claims", "labels", "frames", "grounding"):
        articles.add_column(column, justify="left" if column == "article" else "right")
    for article_id, row in result.to_json()["articles"].items():
        articles.add_row(
            article_id,
            f"{row['events']['f1']:.2f}",
            f"{row['claims']['f1']:.2f}",
            f"{row['labels']['f1']:.2f}",
            f"{row['frames_f1']:.2f}",
            f"{row['grounding_rate']:.2f}",
        )
    return [summary, articles]


def _delta(before: float, after: float) -> str:
    change = after - before
    if abs(change) < 5e-4:
        return "0"
    return f"[green]+{change:.3f}[/]" if change > 0 else f"[red]{change:.3f} ▼[/]"


def compare_tables(first: EvalResult, second: EvalResult, local: bool) -> list[Table]:
    """Metric deltas, per-article deltas, and cost of two versions side by side."""
    metrics = Table(title=f"compare {first.label} → {second.label} (▼ = regression)")
    for column in ("metric", first.label, second.label, "Δ"):
        metrics.add_column(column, justify="left" if column == "metric" else "right")
    for name in COMPARED_METRICS:
        a, b = metric_value(first.metrics, name), metric_value(second.metrics, name)
        marker = "*" if name in HEADLINE_METRICS else ""
        metrics.add_row(f"{name}{marker}", f"{a:.3f}", f"{b:.3f}", _delta(a, b))
    articles = Table(title="per article F1 (events / claims / labels)")
    for column in ("article", first.label, second.label, "Δ events", "Δ claims", "Δ labels"):
        articles.add_column(column, justify="left" if column == "article" else "right")
    rows_a, rows_b = first.to_json()["articles"], second.to_json()["articles"]
    for article_id in rows_a:
        a, b = rows_a[article_id], rows_b[article_id]
        triple = [(a[c]["f1"], b[c]["f1"]) for c in ("events", "claims", "labels")]
        articles.add_row(
            article_id,
            " / ".join(f"{x:.2f}" for x, _ in triple),
            " / ".join(f"{y:.2f}" for _, y in triple),
            *(_delta(x, y) for x, y in triple),
        )
    cost = Table(title="cost")
    for column in ("version", "calls", "re-asks", "tokens in", "tokens out", "wall s", "est. cost"):
        cost.add_column(column, justify="left" if column == "version" else "right")
    for result in (first, second):
        usage = result.usage
        cost.add_row(
            result.label, str(usage.calls), str(usage.retries), f"{usage.prompt_tokens:,}",
            f"{usage.completion_tokens:,}", f"{result.wall_seconds:.1f}",
            estimate_cost(result.model, usage, local),
        )  # fmt: skip
    return [metrics, articles, cost]


def history_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="eval history (newest first)")
    for column in ("id", "when (UTC)", "commit", "prompt", "model", "events", "claims", "labels",
                   "frames", "grounding", "tokens"):  # fmt: skip
        table.add_column(column)
    for row in rows:
        m = row["metrics"]
        table.add_row(
            str(row["id"]), row["created_at"], row["git_commit"] or "-",
            f"{row['prompt_version'] or '-'} {row['prompt_hash'] or ''}".strip(),
            row["model"] or "-", f"{m['events']['f1']:.3f}", f"{m['claims']['f1']:.3f}",
            f"{m['labels']['f1']:.3f}", f"{m['frames']['micro_f1']:.3f}",
            f"{m['grounding_rate']:.3f}", f"{row['prompt_tokens'] + row['completion_tokens']:,}",
        )  # fmt: skip
    return table
