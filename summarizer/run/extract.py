"""One article down the stack, once: find, ask, record.

The version's layout (``summarizer.layouts``) finds what code can and says what to ask;
``summarizer.llm.ask`` asks it; the layout turns findings and answers into the record's
parts; ``build_record`` adds what every record has (metadata read from the page, the
summary check, the ungrounded count, the run). The corpus pass (the story's actors,
named once per run) goes the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import instructor

from summarizer.errors import ModelError
from summarizer.finders.actors import StoryActors
from summarizer.finders.summary_check import unsupported_sentences
from summarizer.layouts import layout_of
from summarizer.layouts.base import Parts
from summarizer.layouts.prompts import PromptCall, PromptVersion
from summarizer.llm.ask import ExtractionSettings, asking
from summarizer.llm.providers import ModelConfig
from summarizer.schemas import ArticleRecord, FailedCall, RunInfo, Usage
from summarizer.text.articles import Article
from summarizer.text.metadata import read_page_metadata

__all__ = ["ExtractionSettings", "build_record", "extract_article", "name_story_actors"]

CHARS_PER_TOKEN = 3.0
"""Conservative characters-per-token estimate used to refuse over-long articles."""
PROMPT_OVERHEAD_TOKENS = 800


def check_fits_context(article: Article, prompt: PromptVersion, config: ModelConfig) -> None:
    """Refuse an article that cannot fit the model's context window.

    Raises:
        ModelError: with the estimated size and the limit.
    """
    estimate = int(len(article.body_text) / CHARS_PER_TOKEN)
    reserved = max(call.max_tokens for call in prompt.calls) + PROMPT_OVERHEAD_TOKENS
    if estimate + reserved > config.context_tokens:
        raise ModelError(
            f"article is about {estimate:,} tokens; the model's context is "
            f"{config.context_tokens:,} tokens with {reserved:,} reserved for instructions "
            f"and output, so at most {config.context_tokens - reserved:,} fit: split the file"
        )


def extract_article(
    client: instructor.Instructor,
    article: Article,
    prompt: PromptVersion,
    config: ModelConfig,
    settings: ExtractionSettings | None = None,
    supplied: Mapping[str, Mapping[str, str]] | None = None,
    actors: StoryActors | None = None,
) -> ArticleRecord:
    """Run every call of ``prompt`` on ``article`` and return its grounded record.

    ``supplied`` holds metadata the user gave (front matter, ``--meta``); ``actors``
    the story's actors named once for the whole run (layouts that use them).

    Raises:
        ModelError: the article is too long, or the model's output is unusable.
        CassetteMissError: replaying offline and this call was never recorded.
    """
    check_fits_context(article, prompt, config)
    layout = layout_of(prompt)
    findings = layout.find(article, actors or StoryActors([]))
    questions = layout.questions(findings, prompt)
    answers: dict[PromptCall, list[Any]] = {call: [] for call in prompt.calls}
    settings = settings or ExtractionSettings()
    with asking(client, prompt, config, settings, article_id=article.article_id) as session:
        for question in questions:
            ready = question.prepare(answers) if question.prepare else question
            answers[ready.call] += session.answers(ready)
    run, failed = session.outcome()
    return build_record(article, layout.record(findings, answers), run, supplied, failed)


def build_record(
    article: Article,
    parts: Parts,
    run: RunInfo,
    supplied: Mapping[str, Mapping[str, str]] | None = None,
    failed: list[FailedCall] | None = None,
) -> ArticleRecord:
    """The article's record: the layout's parts, and what code reads for every layout.

    Metadata is read from the page by code (``text.metadata``), whatever the prompt
    version asked the model: the model's guesses are not kept.
    """
    metadata, sources = read_page_metadata(article, supplied)
    framing = parts.framing
    items = [*parts.events, *parts.claims, *parts.actor_labels, framing.primary,
             *framing.secondary]  # fmt: skip
    return ArticleRecord(
        article_id=article.article_id, source_path=str(article.path),
        source_sha256=article.sha256, metadata=metadata, metadata_sources=sources,
        summary=parts.summary,
        summary_unsupported=unsupported_sentences(parts.summary, article.body_text),
        events=parts.events, claims=parts.claims, actor_labels=parts.actor_labels,
        framing=framing,
        ungrounded_count=sum(1 for item in items if item and not item.grounding.grounded),
        run=run, failed_calls=failed or [],
    )  # fmt: skip


def name_story_actors(
    client: instructor.Instructor,
    articles: Sequence[Article],
    prompt: PromptVersion,
    config: ModelConfig,
    settings: ExtractionSettings | None = None,
    recording: Callable[[], AbstractContextManager[Any]] = nullcontext,
) -> tuple[StoryActors, Usage]:
    """The corpus pass: the story's actors, named once for every article of the run,
    so that label rows merge across outlets. ``recording`` wraps the requests, if any
    (the pass's cassette)."""
    layout = layout_of(prompt)
    found = layout.find_story(articles, prompt)
    questions = layout.story_questions(found, prompt)
    if not questions:
        return layout.story(found, {}), Usage()
    answers: dict[PromptCall, list[Any]] = {}
    with recording(), asking(client, prompt, config, settings or ExtractionSettings()) as session:
        for question in questions:
            answers.setdefault(question.call, []).extend(session.answers(question))
    return layout.story(found, answers), session.meter.usage
