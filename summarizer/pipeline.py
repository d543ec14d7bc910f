"""Run the extraction over many files: read, extract, write, compare, summarise.

Bad inputs and failing articles are reported one line each while the rest still
run; every output file is written atomically.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.articles import Article, collect_paths, read_article
from summarizer.errors import CassetteMissError, InputError, SummarizerError
from summarizer.extract import ExtractionSettings, extract_article, name_story_actors
from summarizer.html_report import render_html_report
from summarizer.output import prepare_output_dir, write_json_atomic, write_text_atomic
from summarizer.page_metadata import supplied_for
from summarizer.prompts import DEFAULT_PROMPT, PromptVersion, load_prompt
from summarizer.providers import ModelConfig, open_client
from summarizer.recording import RecordMode, cassette_path, default_cassettes_dir, use_cassette
from summarizer.report import build_corpus, render_report
from summarizer.schemas import ArticleRecord, Usage


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

    @property
    def offline(self) -> bool:
        return self.record_mode == "none"


@dataclass
class Failure:
    path: str
    message: str


@dataclass
class RunResult:
    records: list[ArticleRecord] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    wall_seconds: float = 0.0
    corpus_usage: Usage = field(default_factory=Usage)
    """Tokens of calls made once for the whole run (naming the story's actors)."""

    @property
    def usage(self) -> Usage:
        total = self.corpus_usage
        for record in self.records:
            total = total.add(record.run.usage)
        return total

    @property
    def ungrounded(self) -> int:
        return sum(record.ungrounded_count for record in self.records)


ProgressCallback = Callable[[str, int, int], None]


def read_inputs(paths: list[Path], result: RunResult) -> list[Article]:
    """Readable articles; every unreadable input becomes a Failure."""
    files, missing = collect_paths(paths)
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
        f"summarize {article.path} --prompt {prompt.name} --record new_episodes"
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
) -> list[str] | None:
    """The story's actors for prompt versions with a corpus pass ([] without one);
    None when the pass failed, which fails every article with one line each."""
    if prompt.corpus_call is None:
        return []
    cassette = cassette_path(options.cassettes_dir, prompt.name, config.model, CORPUS_CASSETTE)
    try:
        with use_cassette(cassette, options.record_mode):
            actors, usage = name_story_actors(client, articles, prompt, config, options.settings)
    except SummarizerError as error:
        message = (
            "no recorded corpus call for these articles; record it with --record new_episodes"
            if isinstance(error, CassetteMissError)
            else str(error)
        )
        result.failures += [Failure(str(a.path), f"{a.path}: {message}") for a in articles]
        return None
    result.corpus_usage = usage
    return actors


def run_summarize(
    paths: list[Path],
    config: ModelConfig,
    options: RunOptions,
    progress: ProgressCallback | None = None,
) -> RunResult:
    """Extract every article under ``paths`` and write outputs under ``options.output_dir``.

    Raises:
        UsageError: unknown prompt version or an unwritable output folder.
        ModelError: the model backend could not be started at all.
    """
    result = RunResult()
    with _timer(result):
        prompt = load_prompt(options.prompt_version, options.prompts_dir)
        if options.output_dir is not None:
            prepare_output_dir(options.output_dir)
        articles = read_inputs(paths, result)
        if not articles:
            return result
        with open_client(config, offline=options.offline) as client:
            actors = _story_actors(client, articles, prompt, config, options, result)
            if actors is None:
                return result
            for number, article in enumerate(articles, start=1):
                if progress:
                    progress(article.article_id, number, len(articles))
                cassette = cassette_path(
                    options.cassettes_dir, prompt.name, config.model, article.article_id
                )
                try:
                    supplied = supplied_for(article.path, article.text, options.meta)
                    with use_cassette(cassette, options.record_mode):
                        record = extract_article(
                            client, article, prompt, config, options.settings, supplied, actors
                        )
                except CassetteMissError:
                    result.failures.append(
                        Failure(str(article.path), miss_message(article, prompt, config))
                    )
                    continue
                except SummarizerError as error:
                    result.failures.append(Failure(str(article.path), f"{article.path}: {error}"))
                    continue
                result.records.append(record)
                if options.output_dir is not None:
                    write_json_atomic(
                        options.output_dir / f"{article.article_id}.json",
                        record.model_dump(mode="json"),
                    )
        if options.output_dir is not None and result.records:
            write_json_atomic(options.output_dir / "corpus.json", build_corpus(result.records))
            write_text_atomic(options.output_dir / "report.md", render_report(result.records))
            texts = {a.article_id: (a, None) for a in articles}
            html = render_html_report(result.records, texts)
            write_text_atomic(options.output_dir / "report.html", html)
    return result
