"""What ``summarize run`` shows on stderr: a progress bar while it runs, two summary
lines after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from summarizer.run.pipeline import RunResult


@contextmanager
def article_progress(console: Console) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar over the articles (on a terminal only); yields the callback
    ``run_summarize`` reports each article to."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("starting", total=None)

        def advance(article_id: str, number: int, total: int) -> None:
            bar.update(task, description=article_id, completed=number - 1, total=total)

        yield advance


def run_summary(result: RunResult) -> list[str]:
    """Articles, items, tokens and wall time; then model calls, cache answers and jobs."""
    usage = result.usage
    return [
        f"articles ok {len(result.records) - len(result.partial)} / "
        + (f"written with failed calls {len(result.partial)} / " if result.partial else "")
        + f"failed {len(result.failures)} · ungrounded items {result.ungrounded} · "
        + (f"undecided {result.undecided} · " if result.partial else "")
        + f"tokens {usage.total_tokens:,} "
        + f"({usage.prompt_tokens:,} in, {usage.completion_tokens:,} out, "
        + f"{usage.calls} completions, {usage.retries} re-asks) · wall {result.wall_seconds:.1f}s",
        f"model calls {result.requests_sent} ({result.retries} retried) · answered from "
        f"the cache {result.from_cache} · jobs {result.jobs}",
    ]
