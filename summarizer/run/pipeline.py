"""Run the extraction over many files: read, extract, write, compare, summarise.

Bad inputs and failing articles are reported one line each while the rest still
run; every output file is written atomically.
"""

from __future__ import annotations

import contextlib
import shlex
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import CassetteMissError, InputError, SummarizerError
from summarizer.finders.actors import StoryActors
from summarizer.layouts.prompts import DEFAULT_PROMPT, PromptVersion, load_prompt
from summarizer.llm.providers import (
    Backend,
    CacheSettings,
    ModelConfig,
    RetryPolicy,
    find_fault,
    open_client,
)
from summarizer.llm.recording import RecordMode, cassette_path, default_cassettes_dir, use_cassette
from summarizer.output import prepare_output_dir, write_json_atomic
from summarizer.report.writing import write_reports
from summarizer.run.extract import ExtractionSettings, extract_article, name_story_actors
from summarizer.schemas import ArticleRecord, Usage
from summarizer.text.articles import Article, collect_paths, read_article
from summarizer.text.fetch import fetch_page, is_url
from summarizer.text.user_metadata import supplied_for


@dataclass
class RunOptions:
    """What one ``summarize`` run should do."""

    output_dir: Path | None
    prompt_version: str = DEFAULT_PROMPT
    record_mode: RecordMode | None = None
    cassettes_dir: Path = field(default_factory=default_cassettes_dir)
    settings: ExtractionSettings = field(default_factory=ExtractionSettings)
    prompts_dir: Path | None = None
    meta: dict[str, dict[str, str]] = field(default_factory=dict)
    """``--meta FILE``: metadata per article file (name or stem) the pages lack."""
    jobs: int | None = None
    """``-j``: model requests at once (default: 1 embedded, 8 remote)."""
    use_cache: bool = True
    """``--no-cache`` turns the user's response cache off for the run."""
    cache_path: Path | None = None
    retry: RetryPolicy | None = None

    @property
    def offline(self) -> bool:
        return self.record_mode == "none"

    @property
    def recording(self) -> bool:
        return self.record_mode not in (None, "none")

    def cache_settings(self) -> CacheSettings:
        """While recording cassettes the cache is not read: every call must reach the
        model (or the cassette would miss it); its answers are still stored."""
        if not self.use_cache:
            return CacheSettings(read=False, write=False)
        return CacheSettings(read=not self.recording, write=True, path=self.cache_path)

    def effective_jobs(self, config: ModelConfig) -> int:
        """Cassettes (vcrpy) patch the HTTP transport for the whole process, one
        cassette at a time, so a recording or replaying run goes one article at a time."""
        if self.record_mode is not None:
            return 1
        return max(1, self.jobs or config.default_jobs)


@dataclass
class Failure:
    path: str
    message: str


@dataclass
class RunResult:
    records: list[ArticleRecord] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    partial: list[Failure] = field(default_factory=list)
    """Articles whose record is written although a model call failed: what failed."""
    wall_seconds: float = 0.0
    corpus_usage: Usage = field(default_factory=Usage)
    """Tokens of calls made once for the whole run (naming the story's actors)."""
    requests_sent: int = 0
    """HTTP requests that reached the model (retries included)."""
    from_cache: int = 0
    """Answers the user's response cache gave instead."""
    retries: int = 0
    jobs: int = 1
    peak_in_flight: int = 0
    """The most model requests that were in flight at once."""

    @property
    def usage(self) -> Usage:
        total = self.corpus_usage
        for record in self.records:
            total = total.add(record.run.usage)
        return total

    @property
    def ungrounded(self) -> int:
        return sum(record.ungrounded_count for record in self.records)

    @property
    def undecided(self) -> int:
        return sum(record.undecided_count for record in self.records)


ProgressCallback = Callable[[str, int, int], None]


def read_inputs(
    paths: Sequence[Path | str], result: RunResult, pages_dir: Path | None = None
) -> list[Article]:
    """Readable articles; every unreadable input (a URL that cannot be fetched too)
    becomes a Failure. A URL's page is saved under ``pages_dir`` first."""
    local: list[Path] = []
    for item in paths:
        if isinstance(item, str) and is_url(item):
            try:
                local.append(fetch_page(item, pages_dir or Path.cwd()))
            except InputError as error:
                result.failures.append(Failure(error.path, str(error)))
        else:
            local.append(Path(item))
    files, missing = collect_paths(local)
    result.failures += [Failure(e.path, str(e)) for e in missing]
    articles = []
    for path in files:
        try:
            articles.append(read_article(path))
        except InputError as error:
            result.failures.append(Failure(error.path, str(error)))
    return articles


def miss_message(article: Article, prompt: PromptVersion, config: ModelConfig) -> str:
    return (
        f"{article.path}: no recorded model call for prompt {prompt.name} "
        f"(template {prompt.template_hash}) and model {config.model}; record it with: "
        f"summarize {shlex.quote(str(article.path))} --prompt {prompt.name} --record new_episodes"
    )


@contextlib.contextmanager
def _timer(result: RunResult) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        result.wall_seconds = round(time.perf_counter() - started, 2)


CORPUS_CASSETTE = "_corpus"
"""Cassette name of the calls made once per run over all its articles."""


def _story_actors(
    client: Any,
    articles: list[Article],
    prompt: PromptVersion,
    config: ModelConfig,
    options: RunOptions,
    result: RunResult,
) -> StoryActors | None:
    """The story's actors for prompt versions with a corpus pass (none without one);
    None when the pass failed, which fails every article with one line each."""
    cassette = cassette_path(options.cassettes_dir, prompt.name, config.model, CORPUS_CASSETTE)
    try:
        actors, usage = name_story_actors(
            client, articles, prompt, config, options.settings,
            recording=lambda: use_cassette(cassette, options.record_mode),
        )  # fmt: skip
    except SummarizerError as error:
        message = (
            "no recorded corpus call for these articles; record it with --record new_episodes"
            if isinstance(error, CassetteMissError)
            else one_line(find_fault(error) or error)
        )
        result.failures += [Failure(str(a.path), f"{a.path}: {message}") for a in articles]
        return None
    result.corpus_usage = usage
    return actors


def _extract_one(
    backend: Backend,
    article: Article,
    prompt: PromptVersion,
    config: ModelConfig,
    options: RunOptions,
    actors: StoryActors,
) -> ArticleRecord | Failure:
    """One article's record, or the one line that says why it failed."""
    cassette = cassette_path(options.cassettes_dir, prompt.name, config.model, article.article_id)
    try:
        supplied = supplied_for(article.path, article.text, options.meta, article.page_metadata)
        with use_cassette(cassette, options.record_mode):
            return extract_article(
                backend.instructor(), article, prompt, config, options.settings, supplied, actors
            )
    except CassetteMissError:
        return Failure(str(article.path), miss_message(article, prompt, config))
    except SummarizerError as error:
        return Failure(str(article.path), f"{article.path}: {one_line(find_fault(error) or error)}")


def _as_failure(article: Article, outcome: ArticleRecord | Failure) -> Failure:
    """A record written despite failed calls, as the line that says so."""
    if isinstance(outcome, Failure):
        return outcome
    problems = "; ".join(failed.problem for failed in outcome.failed_calls)
    return Failure(
        str(article.path),
        f"{article.path}: {problems} (record written with what code found; "
        f"{outcome.undecided_count} decisions left undecided, flagged in it)",
    )


FAILURE_CHARS = 300
SERVER_DIED = (
    "the embedded model server stopped again after one restart; giving up "
    "(see its log under the cache folder's logs/)"
)


def one_line(error: BaseException) -> str:
    """An error as one line: its first line, cut short (validation errors from the
    model can run to dozens of lines)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    return text if len(text) <= FAILURE_CHARS else text[: FAILURE_CHARS - 1] + "…"


def _write_outputs(options: RunOptions, result: RunResult, articles: list[Article]) -> None:
    if options.output_dir is None or not result.records:
        return
    write_reports(options.output_dir, result.records, {a.article_id: (a, None) for a in articles})


def run_summarize(
    paths: Sequence[Path | str],
    config: ModelConfig,
    options: RunOptions,
    progress: ProgressCallback | None = None,
) -> RunResult:
    """Extract every article under ``paths`` and write outputs under ``options.output_dir``.

    Articles run ``options.jobs`` at a time; records, and the reports built from
    them, come out in input order whatever the number of jobs. Each record is
    written as soon as its article is done, so an interrupted run keeps what it
    finished (and its model answers are in the cache for the rerun).

    Raises:
        UsageError: unknown prompt version or an unwritable output folder.
        ModelError: the model backend could not be started at all.
    """
    result = RunResult()
    with _timer(result):
        prompt = load_prompt(options.prompt_version, options.prompts_dir)
        if options.output_dir is not None:
            prepare_output_dir(options.output_dir)
        articles = read_inputs(paths, result, options.output_dir)
        if not articles:
            return result
        result.jobs = options.effective_jobs(config)
        with open_client(
            config, offline=options.offline, jobs=result.jobs,
            cache=options.cache_settings(), policy=options.retry,
        ) as backend:  # fmt: skip
            try:
                actors = _story_actors(
                    backend.instructor(), articles, prompt, config, options, result
                )
                if actors is None:
                    return result
                worker = _ArticleWorker(backend, prompt, config, options, actors, progress)
                outcomes = worker.run_all(articles, result.jobs)
            finally:
                result.requests_sent = backend.stats.sent
                result.from_cache = backend.stats.cached
                result.retries = backend.stats.retried
                result.peak_in_flight = backend.limit.peak
        for article, outcome in zip(articles, outcomes, strict=True):
            if isinstance(outcome, Failure):
                result.failures.append(outcome)
                continue
            result.records.append(outcome)
            if outcome.failed_calls:
                result.partial.append(_as_failure(article, outcome))
        _write_outputs(options, result, articles)
    return result


@dataclass
class _ArticleWorker:
    """One run's articles, each extracted and its record written as soon as it is done."""

    backend: Backend
    prompt: PromptVersion
    config: ModelConfig
    options: RunOptions
    actors: StoryActors
    progress: ProgressCallback | None
    total: int = 0
    _begun: int = 0
    _counting: threading.Lock = field(default_factory=threading.Lock)
    _restarting: threading.Lock = field(default_factory=threading.Lock)

    def run_all(self, articles: list[Article], jobs: int) -> list[ArticleRecord | Failure]:
        """Every article's outcome, in input order, ``jobs`` at a time."""
        self.total = len(articles)
        if jobs == 1:
            return [self.work(article) for article in articles]
        pool = ThreadPoolExecutor(jobs, thread_name_prefix="article")
        try:
            return list(pool.map(self.work, articles))
        finally:  # on Ctrl-C, start no new article
            pool.shutdown(wait=True, cancel_futures=True)

    def work(self, article: Article) -> ArticleRecord | Failure:
        with self._counting:
            self._begun += 1
            number = self._begun
        if self.progress:
            self.progress(article.article_id, number, self.total)
        outcome = self.extract(article)
        broken = isinstance(outcome, Failure) or bool(outcome.failed_calls)
        if broken and self.backend.server_died():
            outcome = self.restarted(article, _as_failure(article, outcome))
        if isinstance(outcome, ArticleRecord) and self.options.output_dir is not None:
            write_json_atomic(
                self.options.output_dir / f"{article.article_id}.json",
                outcome.model_dump(mode="json"),
            )
        return outcome

    def extract(self, article: Article) -> ArticleRecord | Failure:
        return _extract_one(
            self.backend, article, self.prompt, self.config, self.options, self.actors
        )

    def restarted(self, article: Article, failure: Failure) -> ArticleRecord | Failure:
        """The embedded server died under this article: restart it once and retry the
        article; a second death fails the rest of the run."""
        backend = self.backend
        with self._restarting:
            if backend.server_died():
                if backend.server is not None and backend.server.restarts:
                    return Failure(failure.path, f"{article.path}: {SERVER_DIED}")
                backend.restart_server()
        return self.extract(article)
