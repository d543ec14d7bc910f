"""The one place that calls the model: fill a prompt version's calls for one article.

Each call asks instructor for a response model built from the record components
that call covers. Evidence is checked while validating (see ``schemas.Evidenced``),
so a miss is re-asked with the exact error. If the model still fails after the
retries, its last answer is parsed leniently and the failing items are kept with
``grounded: false``: never silently kept as grounded, never silently dropped.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError

from summarizer.errors import CassetteMissError, CutOffError, ModelError, find_in_chain
from summarizer.finders.actors import StoryActors
from summarizer.finders.candidates import find_actor_names
from summarizer.finders.summary_check import unsupported_sentences
from summarizer.finders.voice import with_read_voice
from summarizer.layouts.candidates import build_actors_model, clean_actors
from summarizer.layouts.decisions import story_actors_by_code
from summarizer.layouts.prompts import PromptCall, PromptVersion
from summarizer.layouts.registry import (
    LAYOUTS,
    CandidatesLayout,
    ItemsLayout,
    names_actors_by_code,
    planned_requests,
)
from summarizer.layouts.response_models import numbered_sentences, split_sentences
from summarizer.llm.providers import ModelConfig
from summarizer.llm.providers.transport import find_fault
from summarizer.llm.recording import is_cassette_miss
from summarizer.llm.undecided import decisions_in, undecided_answer
from summarizer.schemas import (
    ActorLabelRecord,
    ArticleRecord,
    ClaimRecord,
    EventRecord,
    FailedCall,
    FrameRecord,
    Framing,
    FramingRecord,
    Grounding,
    RunInfo,
    Usage,
    event_category,
)
from summarizer.text.articles import Article
from summarizer.text.grounding import GroundingContext
from summarizer.text.metadata import read_page_metadata

CHARS_PER_TOKEN = 3.0
"""Conservative characters-per-token estimate used to refuse over-long articles."""
PROMPT_OVERHEAD_TOKENS = 800


@dataclass(frozen=True)
class ExtractionSettings:
    """Knobs that change what is sent to the model (and so the cassette)."""

    max_retries: int = 1
    temperature: float = 0.0
    seed: int = 0


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


class UsageMeter:
    """Adds up token usage of every raw completion instructor receives."""

    def __init__(self) -> None:
        self.usage = Usage()

    def __call__(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        self.usage = self.usage.add(
            Usage(
                prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
                calls=1,
            )
        )


def _completion_text(completion: Any) -> str:
    """The JSON text of a completion, from content or the first tool call."""
    message = completion.choices[0].message
    if message.tool_calls:
        return str(message.tool_calls[0].function.arguments)
    return str(message.content or "")


def _run_call(
    client: instructor.Instructor,
    layout: ItemsLayout,
    call: PromptCall,
    messages: list[dict[str, str]],
    model_type: type[BaseModel],
    article: Article,
    config: ModelConfig,
    settings: ExtractionSettings,
    sentences: list[str],
) -> dict[str, Any]:
    """One request with grounding re-asks; lenient parse of the last answer."""
    searchable = article.searchable()
    context = {"grounding": GroundingContext(searchable), "sentences": sentences}
    try:
        result = _ask(client, call, messages, model_type, config, settings, context)
    except InstructorRetryException as exc:
        if exc.last_completion is None:
            if is_cassette_miss(exc):
                raise
            raise ModelError(f"model call {call.name!r} failed: {exc}") from exc
        lenient = {"grounding": GroundingContext(searchable, strict=False), "sentences": sentences}
        try:
            result = model_type.model_validate_json(
                _completion_text(exc.last_completion), context=lenient
            )
        except ValidationError as invalid:
            raise ModelError(
                f"model output for call {call.name!r} is not a valid record after "
                f"{exc.n_attempts} attempts: {invalid.errors()[0]['msg']}"
            ) from invalid
    return layout.components(call, result, sentences)


def _grounding(context: GroundingContext, item: Any) -> Grounding:
    span, problem = context.problem(item)
    return Grounding(
        start=span.start if span else None,
        end=span.end if span else None,
        grounded=problem is None,
        problem=problem,
    )


def build_record(
    article: Article,
    parts: dict[str, Any],
    run: RunInfo,
    supplied: Mapping[str, Mapping[str, str]] | None = None,
) -> ArticleRecord:
    """Attach offsets and grounding flags to the model's components.

    Metadata is read from the page by code (``page_metadata``), whatever the prompt
    version asked the model: the model's guesses are not kept.
    """
    metadata, sources = read_page_metadata(article, supplied)
    context = GroundingContext(article.searchable(), strict=False)

    def record(kind: type[Any], item: BaseModel, **extra: Any) -> Any:
        return kind(**item.model_dump(), grounding=_grounding(context, item), **extra)

    events = [
        record(EventRecord, e, category=event_category(e.event_type)) for e in parts["events"]
    ]
    claims = [record(ClaimRecord, c) for c in parts["claims"]]
    labels = [
        with_read_voice(record(ActorLabelRecord, a), article.text) for a in parts["actor_labels"]
    ]
    framing: Framing = parts["framing"]
    framing_record = FramingRecord(
        primary=record(FrameRecord, framing.primary),
        secondary=[record(FrameRecord, f) for f in framing.secondary],
    )
    items = events + claims + labels + [framing_record.primary] + framing_record.secondary
    return ArticleRecord(
        article_id=article.article_id,
        source_path=str(article.path),
        source_sha256=article.sha256,
        metadata=metadata,
        metadata_sources=sources,
        summary=parts["summary"],
        summary_unsupported=unsupported_sentences(parts["summary"], article.body_text),
        events=events,
        claims=claims,
        actor_labels=labels,
        framing=framing_record,
        ungrounded_count=sum(1 for item in items if not item.grounding.grounded),
        run=run,
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
    settings = settings or ExtractionSettings()
    check_fits_context(article, prompt, config)
    layout = LAYOUTS[prompt.layout]
    if isinstance(layout, CandidatesLayout):
        return _extract_with_candidates(
            client, layout, article, prompt, config, settings, supplied, actors or StoryActors([])
        )
    sentences = split_sentences(article.body_text)
    numbered = numbered_sentences(article.body_text)
    requests = planned_requests(prompt, len(sentences))
    meter = UsageMeter()
    client.on("completion:response", meter)
    started = time.perf_counter()
    parts: dict[str, Any] = {}
    rendered = hashlib.sha256()
    try:
        for call, window in requests:
            sides: list[str] = parts.get("sides", [])  # named by an earlier call (v3)
            messages = prompt.render(
                call,
                article_id=article.article_id,
                body=article.body_text,
                numbered=numbered,
                first=str(window[0]),
                last=str(window[1]),
                sides="; ".join(sides),
            )
            rendered.update(json.dumps(messages, sort_keys=True).encode())
            call_layout = LAYOUTS[call.layout]
            assert isinstance(call_layout, ItemsLayout)
            model_type = call_layout.response_model(call, prompt, sentences, window, sides)
            found = _run_call(
                client, call_layout, call, messages, model_type, article, config, settings,
                sentences,
            )  # fmt: skip
            for name, value in found.items():
                parts[name] = parts.get(name, []) + value if isinstance(value, list) else value
    except Exception as exc:
        if is_cassette_miss(exc):
            raise CassetteMissError(str(exc)) from exc
        raise
    finally:
        client.off("completion:response", meter)
    usage = meter.usage.model_copy(update={"retries": meter.usage.calls - len(requests)})
    run = RunInfo(
        prompt_version=prompt.name,
        prompt_hash=prompt.template_hash,
        rendered_prompt_hash=rendered.hexdigest()[:12],
        model=config.model,
        provider=config.provider,
        usage=usage,
        wall_seconds=round(time.perf_counter() - started, 2),
    )
    return build_record(article, parts, run, supplied)


def _ask(
    client: instructor.Instructor,
    call: PromptCall,
    messages: list[dict[str, str]],
    model_type: type[BaseModel],
    config: ModelConfig,
    settings: ExtractionSettings,
    context: dict[str, Any] | None = None,
) -> Any:
    """One structured request; schema failures are re-asked by instructor.

    Raises:
        ModelError: the output was cut off at the call's max_tokens.
        InstructorRetryException: still invalid after the re-asks (callers decide).
    """
    try:
        return client.chat.completions.create(
            model=config.model,
            messages=messages,  # type: ignore[arg-type]
            response_model=model_type,
            max_retries=settings.max_retries,
            context=context,
            temperature=settings.temperature,
            seed=settings.seed,
            max_tokens=call.max_tokens,
            **config.request_extras(model_type),
        )
    except IncompleteOutputException as exc:
        raise CutOffError(
            f"{call.name} call: the model's reply was cut off at max_tokens={call.max_tokens}"
        ) from exc


def _decide(
    client: instructor.Instructor,
    call: PromptCall,
    messages: list[dict[str, str]],
    model_type: type[BaseModel],
    config: ModelConfig,
    settings: ExtractionSettings,
) -> Any:
    """A request whose answer must validate; JSON that only a raw control character in a
    string makes invalid (a small model writes a newline there) is read as JSON with
    them allowed, and validated like any answer. Anything else still invalid is an
    error, named in one line."""
    try:
        return _ask(client, call, messages, model_type, config, settings)
    except InstructorRetryException as exc:
        if is_cassette_miss(exc):
            raise
        if exc.last_completion is not None:
            try:
                raw = json.loads(_completion_text(exc.last_completion), strict=False)
                return model_type.model_validate(raw)
            except (ValueError, ValidationError):
                pass
        raise ModelError(_no_valid_answer(call, exc)) from exc


def _no_valid_answer(call: PromptCall, exc: InstructorRetryException) -> str:
    """Why a call got no usable answer, in words: not JSON, or JSON of the wrong form."""
    fault = find_fault(exc)
    if fault is not None:
        return f"{call.name} call: {fault}"
    refused = find_in_chain(exc, openai.APIStatusError)
    if refused is not None:
        return f"{call.name} call: the model server answered HTTP {refused.status_code}"
    detail = _first_error(exc)
    tries = f"after {exc.n_attempts} {'try' if exc.n_attempts == 1 else 'tries'}"
    if "json" in detail.lower() and ("invalid" in detail.lower() or "decode" in detail.lower()):
        return f"{call.name} call: the model's reply was not valid JSON {tries}"
    return f"{call.name} call: the model's reply did not fit the answer's form {tries} ({detail})"


def _first_error(exc: InstructorRetryException) -> str:
    """The first line of the last validation error, not the exception's repr."""
    text = str(exc.__cause__ or exc).strip().splitlines()
    detail = next((line.strip() for line in text[1:] if line.strip()), text[0] if text else "")
    return detail[:160]


def name_story_actors(
    client: instructor.Instructor,
    articles: list[Article],
    prompt: PromptVersion,
    config: ModelConfig,
    settings: ExtractionSettings | None = None,
) -> tuple[StoryActors, Usage]:
    """The corpus pass: the story's actors, named once for every article of the run,
    so that label rows merge across outlets."""
    call = prompt.corpus_call
    if names_actors_by_code(LAYOUTS[prompt.layout]):
        found = find_actor_names([article.body_text for article in articles])
        return story_actors_by_code(found), Usage()
    if call is None:
        return StoryActors([]), Usage()
    settings = settings or ExtractionSettings()
    openings = "\n\n".join(
        f"{n}. " + " ".join(article.body_text.splitlines()[:3])[:600]
        for n, article in enumerate(articles, start=1)
    )
    names = find_actor_names([article.body_text for article in articles])
    if len(names) < 2:
        return StoryActors(names, found=names), Usage()
    meter = UsageMeter()
    client.on("completion:response", meter)
    try:
        listed = "\n".join(f"- {name}" for name in names)
        messages = prompt.render_user(call, openings=openings, names=listed)
        result = _decide(client, call, messages, build_actors_model(names), config, settings)
    except Exception as exc:
        if is_cassette_miss(exc):
            raise CassetteMissError(str(exc)) from exc
        raise
    finally:
        client.off("completion:response", meter)
    chosen = clean_actors(list(result.actors))  # type: ignore[attr-defined]
    return StoryActors(chosen, found=names), meter.usage


def _extract_with_candidates(
    client: instructor.Instructor,
    layout: CandidatesLayout,
    article: Article,
    prompt: PromptVersion,
    config: ModelConfig,
    settings: ExtractionSettings,
    supplied: Mapping[str, Mapping[str, str]] | None,
    actors: StoryActors,
) -> ArticleRecord:
    """The candidate layouts (v4, v5): code finds candidates, the model decides."""
    found = layout.find(article, actors)
    variables = {"article_id": article.article_id, **found.prompt_variables()}
    meter = UsageMeter()
    client.on("completion:response", meter)
    started = time.perf_counter()
    rendered = hashlib.sha256()
    parts: dict[str, Any] = {"events": [], "claims": [], "actor_labels": []}
    parts.update(layout.by_code(found))
    requests = 0
    failed: list[FailedCall] = []

    def answers_to(
        call: PromptCall, extra: dict[str, Any], model_type: type[BaseModel]
    ) -> list[Any]:
        """The answers of one request: the model's; on a reply cut off at the output
        limit, the answers of its two halves (when the layout can split it); past the
        retries, a neutral stand-in, noted in ``failed``."""
        nonlocal requests
        messages = prompt.render(call, **{**variables, **extra})
        rendered.update(json.dumps(messages, sort_keys=True).encode())
        requests += 1
        try:
            return [_decide(client, call, messages, model_type, config, settings)]
        except (ModelError, openai.OpenAIError) as error:
            halves = layout.split(call.name, found, extra) if isinstance(error, CutOffError) else []
            if halves:
                return [
                    a
                    for half_extra, half_type in halves
                    for a in answers_to(call, half_extra, half_type)
                ]
            failed.append(FailedCall(call=call.name, problem=_problem(error, call),
                                     undecided=decisions_in(model_type)))  # fmt: skip
            return [undecided_answer(model_type)]

    try:
        for call in prompt.calls:
            result: Any = None
            if layout.asks(call.name, found, actors):
                answers = []
                for extra, model_type in layout.requests(call.name, found, prompt.schema.max_items):
                    answers += answers_to(call, extra, model_type)
                result = layout.combine(answers) if answers else None
            if call.name == "events":
                parts["events"] = layout.events(result, found) if result else []
            elif call.name == "claims":
                parts["claims"] = layout.claims(result, found) if result else []
            elif call.name == "labels":
                parts["actor_labels"] = layout.labels(result, found)
            elif result is not None:
                parts["summary"], parts["framing"] = layout.overview(result, found)
    except Exception as exc:
        if is_cassette_miss(exc):
            raise CassetteMissError(str(exc)) from exc
        raise
    finally:
        client.off("completion:response", meter)
    usage = meter.usage.model_copy(update={"retries": meter.usage.calls - requests})
    run = RunInfo(
        prompt_version=prompt.name, prompt_hash=prompt.template_hash,
        rendered_prompt_hash=rendered.hexdigest()[:12], model=config.model,
        provider=config.provider, usage=usage,
        wall_seconds=round(time.perf_counter() - started, 2),
    )  # fmt: skip
    metadata, sources = read_page_metadata(article, supplied)
    framing: FramingRecord = parts["framing"]
    items = [*parts["events"], *parts["claims"], *parts["actor_labels"], framing.primary,
             *framing.secondary]  # fmt: skip
    return ArticleRecord(
        article_id=article.article_id, source_path=str(article.path),
        source_sha256=article.sha256, metadata=metadata, metadata_sources=sources,
        summary=parts["summary"],
        summary_unsupported=unsupported_sentences(parts["summary"], article.body_text),
        events=parts["events"], claims=parts["claims"],
        actor_labels=parts["actor_labels"], framing=framing,
        ungrounded_count=sum(1 for item in items if not item.grounding.grounded), run=run,
        failed_calls=_merged(failed),
    )  # fmt: skip


def _problem(error: Exception, call: PromptCall) -> str:
    """A failure in words, naming its call once ('claims call: ...')."""
    fault = find_fault(error)
    text = f"{call.name} call: {fault}" if fault is not None else str(error)
    return text.splitlines()[0] if text else f"{call.name} call failed"


def _merged(failed: list[FailedCall]) -> list[FailedCall]:
    """One entry per call and problem (the batches of one call failing alike)."""
    merged: dict[tuple[str, str], FailedCall] = {}
    for item in failed:
        key = (item.call, item.problem)
        known = merged.get(key)
        merged[key] = (
            item
            if known is None
            else known.model_copy(update={"undecided": known.undecided + item.undecided})
        )
    return list(merged.values())
