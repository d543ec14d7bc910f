"""Command line: parse options, call the library, print.

``summarize PATH`` is short for ``summarize run PATH``.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from click_default_group import DefaultGroup
from rich.console import Console

from summarizer.cli.options import (
    ARTICLES_OPTION,
    GOLD_OPTION,
    build_run_options,
    model_config,
    model_options,
)
from summarizer.cli.run_output import article_progress, run_summary
from summarizer.errors import InputError, SummarizerError, UsageError
from summarizer.layouts.prompts import DEFAULT_PROMPT
from summarizer.run.pipeline import run_summarize
from summarizer.text.fetch import is_url, read_url_list

if TYPE_CHECKING:
    from summarizer.evaluation.bootstrap import Interval
    from summarizer.evaluation.explain import ArticleExplanation
    from summarizer.evaluation.metrics import Metrics
    from summarizer.evaluation.results import EvalResult

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
stderr = Console(stderr=True, highlight=False, soft_wrap=True)
PIPED_WIDTH = 160
"""Tables written to a file or pipe are not wrapped at 80 columns."""
stdout = Console(highlight=False, width=None if sys.stdout.isatty() else PIPED_WIDTH)


def _raise_keyboard_interrupt(signum: int, frame: Any) -> None:
    """Treat SIGTERM like Ctrl-C so the local server is stopped on the way out."""
    raise KeyboardInterrupt


@click.group(cls=DefaultGroup, default="run", default_if_no_args=False)
@click.version_option(package_name="summarizer")
def cli() -> None:
    """Turn news articles into source-grounded records and compare outlets.

    `summarize seeds/` is short for `summarize run seeds/`.

    \b
    Every model answer is cached (`summarize cache info`): a rerun on unchanged
    files makes no model call, and a stopped run resumes when run again.
    -j N         model requests at once (default 1 embedded, 8 remote)
    --no-cache   neither read nor write the response cache
    See `summarize run --help` for every option.
    """


@cli.command("run")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--urls",
    "urls_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A file of web page URLs, one per line (# comments); each page is saved in OUT/pages/.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for <article>.json, corpus.json, report.md and report.html.",
)
@click.option(
    "--meta",
    "meta_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Metadata the pages lack (CSV with a 'file' column, or YAML file -> values): "
    "outlet, url, date, byline. Front matter at the top of an article works too.",
)
@model_options
def run_command(
    paths: tuple[str, ...],
    urls_file: Path | None,
    output: Path,
    meta_path: Path | None,
    **kwargs: Any,
) -> None:
    """Extract events, claims and framing labels from articles and compare outlets.

    PATHS are files (.txt, .md, .html), folders of them, or web page URLs (each page is
    fetched once and saved in OUT/pages/, which the records' offsets refer to). Writes
    OUT/<article>.json per article, OUT/corpus.json, OUT/report.md and report.html.
    Exit code 0 when every article succeeded, 1 when some failed, 2 for usage errors.
    """
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    inputs: list[Path | str] = [p if is_url(p) else Path(p) for p in paths]
    try:
        if urls_file is not None:
            inputs += read_url_list(urls_file)
        if not inputs:
            raise UsageError("give articles (files, folders or URLs), or --urls FILE")
        config = model_config(kwargs)
        options = build_run_options(output, **kwargs)
        if meta_path is not None:
            from summarizer.text.user_metadata import load_meta_file

            options.meta = load_meta_file(meta_path)
        with article_progress(stderr) as advance:
            result = run_summarize(inputs, config, options, progress=advance)
    except SummarizerError as error:
        _fail(error)
    except KeyboardInterrupt:
        stderr.print("interrupted", markup=False)
        sys.exit(130)
    for failure in [*result.failures, *result.partial]:
        stderr.print(f"error: {failure.message}", markup=False)
    if result.records:
        stderr.print(
            f"wrote {len(result.records)} records, corpus.json, report.md and report.html "
            f"to {output}/"
        )
    for line in run_summary(result):
        stderr.print(line)
    sys.exit(EXIT_FAILED if result.failures or result.partial or not result.records else EXIT_OK)


@cli.group("cache")
def cache_group() -> None:
    """The response cache: every model answer, so reruns on unchanged input are free."""


@cache_group.command("info")
def cache_info() -> None:
    """Where the cache is, how many answers it holds, per model."""
    from summarizer.llm.providers.response_cache import ResponseCache

    store = ResponseCache()
    info = store.info()
    store.close()
    stdout.print(f"{info.path}", markup=False)
    stdout.print(f"{info.entries:,} responses, {info.size_bytes / 1e6:.1f} MB", markup=False)
    for model, count in sorted(info.models.items()):
        stdout.print(f"  {model}: {count:,}", markup=False)


@cache_group.command("clear")
def cache_clear() -> None:
    """Delete every cached answer (the next run asks the model again)."""
    from summarizer.llm.providers.response_cache import ResponseCache

    store = ResponseCache()
    removed = store.clear()
    store.close()
    stdout.print(f"removed {removed:,} responses from {store.path}", markup=False)


def _fail(error: SummarizerError) -> NoReturn:
    stderr.print(f"error: {error}", markup=False)
    sys.exit(EXIT_USAGE if isinstance(error, UsageError) else EXIT_FAILED)


def _finish(failures: list[str]) -> NoReturn:
    """Print each failure on its own line and exit 1 if there was any."""
    for failure in failures:
        stderr.print(f"error: {failure}", markup=False)
    sys.exit(EXIT_FAILED if failures else EXIT_OK)


@cli.command("eval")
@model_options
@click.option(
    "--predictions",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Score an existing output folder (or evals/gold) instead of running a model.",
)
@click.option(
    "--agreement",
    is_flag=True,
    help="Score the second annotator (evals/agreement/) against gold: the human ceiling.",
)
@click.option(
    "--explain",
    "explain_article",
    is_flag=False,
    flag_value="all",
    default=None,
    metavar="[ARTICLE]",
    help="Show every match, miss and false positive (of one article: id or its number).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
@GOLD_OPTION
@ARTICLES_OPTION
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Write this run's per-article tallies to evals/baseline.json (the CI gate).",
)
def eval_command(
    predictions: Path | None,
    agreement: bool,
    explain_article: str | None,
    as_json: bool,
    gold_dir: Path | None,
    articles_dir: Path | None,
    update_baseline: bool,
    **kwargs: Any,
) -> None:
    """Score a prompt version (or a predictions folder) against the hand-labelled gold.

    Runs the model on every article that has a gold file in evals/gold/, or replays
    its cassettes with --offline, or scores --predictions DIR. Each metric comes with
    a 95% interval from a bootstrap over articles. Every run is appended to the run
    history (`summarize history`).
    """
    from summarizer.evaluation import explain, gate, harness, store
    from summarizer.evaluation.results import eval_document

    try:
        if agreement:
            result = harness.evaluate_agreement(gold_dir=gold_dir)
        elif predictions is not None:
            result = harness.evaluate_folder(predictions, gold_dir, articles_dir)
        else:
            config = model_config(kwargs)
            options = build_run_options(None, **kwargs)
            result = harness.evaluate_model(config, options, gold_dir, articles_dir)
        store.record_result(result, offline=bool(kwargs["offline"]) and predictions is None)
        if update_baseline:
            stderr.print(f"wrote {gate.write_baseline(result)}")
        bounds = harness.metric_intervals(result)
        explanations = explain.explain_selected(result, explain_article)
        ceiling = None if agreement or articles_dir else harness.human_ceiling(gold_dir)
    except SummarizerError as error:
        _fail(error)
    if as_json:
        click.echo(json.dumps(eval_document(result, bounds, explanations), indent=2))
    else:
        _print_eval(result, bounds, explanations, ceiling)
    _finish(result.failures)


def _print_eval(
    result: EvalResult,
    bounds: dict[str, Interval],
    explanations: list[ArticleExplanation],
    ceiling: tuple[Metrics, str] | None,
) -> None:
    """The eval tables, the human ceiling's note, collapsed fields, explanations."""
    from summarizer.cli import display

    for table in display.eval_tables(result, bounds, ceiling[0] if ceiling else None):
        stdout.print(table)
    if ceiling:
        stdout.print(ceiling[1])
    for line in display.collapsed_lines(result.metrics):
        stdout.print(line)
    for explanation in explanations:
        for table in display.explain_tables(explanation):
            stdout.print(table)


@cli.command("compare")
@click.argument("first")
@click.argument("second")
@model_options
@GOLD_OPTION
@ARTICLES_OPTION
@click.option(
    "--html",
    "html_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write a side-by-side page: both versions' items against gold, per article.",
)
def compare_command(
    first: str,
    second: str,
    gold_dir: Path | None,
    articles_dir: Path | None,
    html_path: Path | None,
    **kwargs: Any,
) -> None:
    """Score two prompt versions (or two folders of records) side by side, with a
    paired bootstrap per metric.

    FIRST and SECOND are version names (run, or replayed with --offline) or folders
    of records a run wrote (`summarize compare examples/v5 out`). A difference is
    called significant only when its 95% interval excludes 0; otherwise the table
    says "no detectable difference".
    """
    from summarizer.cli import display
    from summarizer.evaluation import harness, store

    try:
        config = model_config(kwargs)
        results = []
        for version in (first, second):
            if Path(version).is_dir():
                results.append(harness.evaluate_folder(Path(version), gold_dir, articles_dir))
                continue
            options = build_run_options(None, **{**kwargs, "prompt_version": version})
            result = harness.evaluate_model(config, options, gold_dir, articles_dir)
            store.record_result(result, offline=bool(kwargs["offline"]))
            results.append(result)
        differences = harness.compare_results(results[0], results[1])
        ceiling = None if articles_dir else harness.human_ceiling(gold_dir)
        if html_path is not None:
            from summarizer.evaluation.compare_page import write_compare_page

            write_compare_page(html_path, results[0], results[1], differences)
            stderr.print(f"wrote {html_path}")
    except SummarizerError as error:
        _fail(error)
    tables = display.compare_tables(
        results[0], results[1], differences, config.provider == "local",
        ceiling[0] if ceiling else None,
    )  # fmt: skip
    for table in tables:
        stdout.print(table)
    if ceiling:
        stdout.print(ceiling[1])
    _finish(results[0].failures + results[1].failures)


@cli.command("history")
@click.option("--limit", default=20, show_default=True, help="How many runs to list.")
def history_command(limit: int) -> None:
    """List past eval and compare runs from the SQLite history, newest first."""
    from summarizer.cli import display
    from summarizer.evaluation import store

    stdout.print(display.history_table(store.list_evals(store.connect(), limit)))


@cli.command("prompts")
def prompts_command() -> None:
    """List the prompt versions with their template hash and description."""
    from summarizer.cli import display
    from summarizer.layouts.prompts import list_versions, load_prompt

    try:
        versions = [load_prompt(name) for name in list_versions()]
    except SummarizerError as error:
        _fail(error)
    rows = [(v.name, v.template_hash, v.description, v.name == DEFAULT_PROMPT) for v in versions]
    stdout.print(display.prompts_table(rows))


@cli.command("report")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
def report_command(folder: Path) -> None:
    """Rebuild FOLDER/corpus.json and FOLDER/report.md from the article records in it.

    Useful after a template change, or to compare records from several runs.
    """
    from summarizer.report.writing import read_records, write_reports
    from summarizer.text.articles import reread_articles

    try:
        records = read_records(folder)
    except InputError as error:
        stderr.print(f"error: {error}")  # markup on, as this line has always been printed
        sys.exit(EXIT_FAILED)
    except UsageError as error:
        _fail(error)
    write_reports(folder, records, reread_articles(records))
    stderr.print(
        f"wrote {folder}/corpus.json, report.md and report.html from {len(records)} records"
    )


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema that every OUT/<article>.json validates against."""
    from summarizer.schemas import ArticleRecord

    click.echo(json.dumps(ArticleRecord.model_json_schema(), indent=2))


def main() -> None:
    # instructor logs every failed re-ask at ERROR; the run summary reports them instead.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    cli()


if __name__ == "__main__":
    main()
