"""Command line: parse options, call the library, print.

``summarize PATH`` is short for ``summarize run PATH``.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from pathlib import Path
from typing import Any

import click
from click_default_group import DefaultGroup
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from summarizer import project
from summarizer.errors import SummarizerError, UsageError
from summarizer.layouts.prompts import DEFAULT_PROMPT
from summarizer.llm.providers import resolve_model_config
from summarizer.llm.recording import RECORD_MODES
from summarizer.output import write_json_atomic, write_text_atomic
from summarizer.run.extract import ExtractionSettings
from summarizer.run.pipeline import RunOptions, RunResult, run_summarize
from summarizer.text.fetch import is_url, read_url_list

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


def model_options(function: Any) -> Any:
    """Options shared by every command that talks to a model."""
    options = [
        click.option(
            "--model",
            "-m",
            help="Model name (default: gpt-4.1-mini with "
            "OPENAI_API_KEY, else the embedded qwen2.5-coder-1.5b-instruct-q4_k_m).",
        ),
        click.option(
            "--base-url",
            envvar="OPENAI_BASE_URL",
            show_envvar=True,
            help="Any OpenAI-compatible server (Ollama, vLLM, llama.cpp).",
        ),
        click.option(
            "--model-path",
            type=click.Path(path_type=Path),
            help="Run the embedded llama.cpp server on this GGUF instead of the default.",
        ),
        click.option(
            "--prompt",
            "prompt_version",
            default=DEFAULT_PROMPT,
            show_default=True,
            help="Prompt version (`summarize prompts` lists them; a project's own prompts/ "
            "folder can add or override versions).",
        ),
        click.option(
            "--record",
            "record_mode",
            type=click.Choice(RECORD_MODES),
            help="Record model calls to cassettes/ (vcrpy record mode).",
        ),
        click.option(
            "--offline",
            is_flag=True,
            help="Replay recorded calls only (same as --record none); no model, no network.",
        ),
        click.option(
            "--max-retries",
            default=1,
            show_default=True,
            type=click.IntRange(0, 5),
            help="Re-asks when evidence is not found verbatim in the article.",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(1, 256),
            help="Model requests at once, across articles (default: 1 for the embedded "
            "model, 8 for remote servers). Halves on 429/503 and grows back. Runs "
            "that record or replay cassettes go one article at a time.",
        ),
        click.option(
            "--no-cache",
            is_flag=True,
            help="Neither read nor write the response cache (`summarize cache info`).",
        ),
        click.option(
            "--cassettes",
            "cassettes_dir",
            type=click.Path(path_type=Path),
            help="Cassette folder (default: cassettes/ of the project in the current folder).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def build_run_options(output: Path | None, **kwargs: Any) -> RunOptions:
    if kwargs["offline"] and kwargs["record_mode"] not in (None, "none"):
        raise UsageError("--offline replays only; it cannot be combined with --record")
    options = RunOptions(
        output_dir=output,
        prompt_version=kwargs["prompt_version"],
        record_mode="none" if kwargs["offline"] else kwargs["record_mode"],
        settings=ExtractionSettings(max_retries=kwargs["max_retries"]),
        jobs=kwargs.get("jobs"),
        use_cache=not kwargs.get("no_cache", False),
    )
    if kwargs.get("cassettes_dir"):
        options.cassettes_dir = kwargs["cassettes_dir"]
    return options


def print_summary(result: RunResult) -> None:
    usage = result.usage
    stderr.print(
        f"articles ok {len(result.records) - len(result.partial)} / "
        + (f"written with failed calls {len(result.partial)} / " if result.partial else "")
        + f"failed {len(result.failures)} · ungrounded items {result.ungrounded} · "
        + (f"undecided {result.undecided} · " if result.partial else "")
        + f"tokens {usage.total_tokens:,} "
        + f"({usage.prompt_tokens:,} in, {usage.completion_tokens:,} out, "
        + f"{usage.calls} completions, {usage.retries} re-asks) · wall {result.wall_seconds:.1f}s"
    )
    stderr.print(
        f"model calls {result.requests_sent} ({result.retries} retried) · answered from "
        f"the cache {result.from_cache} · jobs {result.jobs}"
    )


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
        config = resolve_model_config(kwargs["model"], kwargs["base_url"], kwargs["model_path"])
        options = build_run_options(output, **kwargs)
        if meta_path is not None:
            from summarizer.text.metadata import load_meta_file

            options.meta = load_meta_file(meta_path)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
            disable=not stderr.is_terminal,
        ) as bar:
            task = bar.add_task("starting", total=None)

            def advance(article_id: str, number: int, total: int) -> None:
                bar.update(task, description=article_id, completed=number - 1, total=total)

            result = run_summarize(inputs, config, options, progress=advance)
    except UsageError as error:
        stderr.print(f"error: {error}", markup=False)
        sys.exit(EXIT_USAGE)
    except SummarizerError as error:
        stderr.print(f"error: {error}", markup=False)
        sys.exit(EXIT_FAILED)
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
    print_summary(result)
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


def _fail(error: SummarizerError) -> None:
    stderr.print(f"error: {error}", markup=False)
    sys.exit(EXIT_USAGE if isinstance(error, UsageError) else EXIT_FAILED)


GOLD_OPTION = click.option(
    "--gold",
    "gold_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Gold folder (default: evals/gold/ of the project in the current folder).",
)


ARTICLES_OPTION = click.option(
    "--articles",
    "articles_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of the gold's articles (default: seeds/ of the project in the current folder).",
)


def _ceiling(gold_dir: Path | None) -> tuple[Any, str] | None:
    """The second annotator's agreement with gold, when the project has the files."""
    from summarizer.evaluation import harness as evals

    if not project.agreement_dir().is_dir():
        return None
    result = evals.evaluate_agreement(gold_dir=gold_dir)
    note = (
        "¹ human ceiling: the second annotator scored against gold, on "
        + ", ".join(sorted(a.split("_")[0] for a in result.articles))
        + " (gold 2 took corrections from this annotation; the independent figures, "
        "against gold 1, are in evals/README.md)"
    )
    return result.metrics, note


def _record_history(result: Any, offline: bool) -> None:
    from summarizer.evaluation import store

    store.record_eval(store.connect(), result.summary(), result.metrics.as_dict(), offline)


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
    from summarizer.cli import display
    from summarizer.evaluation import explain, gate
    from summarizer.evaluation import harness as evals

    try:
        if agreement:
            result = evals.evaluate_agreement(gold_dir=gold_dir)
        elif predictions is not None:
            result = evals.evaluate_folder(predictions, gold_dir, articles_dir)
        else:
            config = resolve_model_config(kwargs["model"], kwargs["base_url"], kwargs["model_path"])
            options = build_run_options(None, **kwargs)
            result = evals.evaluate_model(config, options, gold_dir, articles_dir)
        _record_history(result, offline=bool(kwargs["offline"]) and predictions is None)
        if update_baseline:
            tolerances = None
            if project.baseline_path().is_file():
                tolerances = gate.load_baseline(project.baseline_path()).get("tolerances")
            write_json_atomic(project.baseline_path(), gate.baseline_document(result, tolerances))
            stderr.print(f"wrote {project.baseline_path()}")
        bounds = evals.metric_intervals(result)
        explanations = [
            explain.explain_article(article_id, view)
            for article_id, view in result.articles.items()
            if explain_article in ("all", article_id, article_id.split("_")[0])
        ]
        if explain_article and not explanations:
            raise UsageError(f"--explain {explain_article}: no such article in gold")
        ceiling = None if agreement or articles_dir else _ceiling(gold_dir)
    except SummarizerError as error:
        _fail(error)
        return
    if as_json:
        document = {
            **result.summary(),
            "metrics": result.metrics.as_dict(),
            "intervals": {
                name: [i.low, i.high] if i.defined() else None for name, i in bounds.items()
            },
            "collapsed": [name for name, _ in result.metrics.collapsed_fields()],
            "articles": {a: m.as_dict() for a, m in result.article_metrics().items()},
            "explain": [e.as_dict() for e in explanations],
        }
        click.echo(json.dumps(document, indent=2))
    else:
        for table in display.eval_tables(result, bounds, ceiling[0] if ceiling else None):
            stdout.print(table)
        if ceiling:
            stdout.print(ceiling[1])
        for name, field in result.metrics.collapsed_fields():
            stdout.print(
                f"[red]collapsed:[/] {name}: {field.top_share:.0%} of predictions are "
                f"{field.top_value!r} (gold's most frequent value: {field.gold_top_share:.0%})"
            )
        for explanation in explanations:
            for table in display.explain_tables(explanation):
                stdout.print(table)
    for failure in result.failures:
        stderr.print(f"error: {failure}", markup=False)
    sys.exit(EXIT_FAILED if result.failures else EXIT_OK)


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
    from summarizer.evaluation import harness as evals

    try:
        config = resolve_model_config(kwargs["model"], kwargs["base_url"], kwargs["model_path"])
        results = []
        for version in (first, second):
            if Path(version).is_dir():
                results.append(evals.evaluate_folder(Path(version), gold_dir, articles_dir))
                continue
            options = build_run_options(None, **{**kwargs, "prompt_version": version})
            result = evals.evaluate_model(config, options, gold_dir, articles_dir)
            _record_history(result, offline=bool(kwargs["offline"]))
            results.append(result)
        differences = evals.compare_results(results[0], results[1])
        ceiling = None if articles_dir else _ceiling(gold_dir)
        if html_path is not None:
            from summarizer.evaluation.compare_page import render_compare_page

            write_text_atomic(html_path, render_compare_page(results[0], results[1], differences))
            stderr.print(f"wrote {html_path}")
    except SummarizerError as error:
        _fail(error)
        return
    tables = display.compare_tables(
        results[0], results[1], differences, config.provider == "local",
        ceiling[0] if ceiling else None,
    )  # fmt: skip
    for table in tables:
        stdout.print(table)
    if ceiling:
        stdout.print(ceiling[1])
    failures = results[0].failures + results[1].failures
    for failure in failures:
        stderr.print(f"error: {failure}", markup=False)
    sys.exit(EXIT_FAILED if failures else EXIT_OK)


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
        return
    rows = [(v.name, v.template_hash, v.description, v.name == DEFAULT_PROMPT) for v in versions]
    stdout.print(display.prompts_table(rows))


@cli.command("report")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
def report_command(folder: Path) -> None:
    """Rebuild FOLDER/corpus.json and FOLDER/report.md from the article records in it.

    Useful after a template change, or to compare records from several runs.
    """
    from summarizer.report.comparison import compare
    from summarizer.report.html import render_html_report
    from summarizer.report.markdown import build_corpus, render_report
    from summarizer.schemas import ArticleRecord
    from summarizer.text.articles import reread_articles

    records = []
    for path in sorted(folder.glob("*.json")):
        if path.name == "corpus.json":
            continue
        try:
            records.append(ArticleRecord.model_validate_json(path.read_text(encoding="utf-8")))
        except ValueError as error:
            stderr.print(f"error: {path}: not an article record ({error.__class__.__name__})")
            sys.exit(EXIT_FAILED)
    if not records:
        _fail(UsageError(f"{folder}: no article records"))
    articles = reread_articles(records)
    comparison = compare(records, {key: a.text for key, (a, _) in articles.items() if a})
    write_json_atomic(folder / "corpus.json", build_corpus(records, comparison))
    write_text_atomic(folder / "report.md", render_report(records, comparison))
    html = render_html_report(records, articles, comparison)
    write_text_atomic(folder / "report.html", html)
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
