"""The one place that asks the model: a layout's question in, its validated answer out.

``asking`` opens a session for one article (or the corpus pass): it meters the tokens
of every completion instructor receives, hashes every rendered request, counts them,
and turns a cassette miss into ``CassetteMissError`` however deep it was raised. A
question is asked through instructor with its re-asks; what happens past them is the
question's to say (``Question.lenient``, ``Question.halves``, ``Question.stand_in``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import ValidationError

from summarizer.errors import CassetteMissError, CutOffError, ModelError, find_in_chain
from summarizer.llm.providers import ModelConfig
from summarizer.llm.providers.transport import find_fault
from summarizer.llm.recording import is_cassette_miss
from summarizer.llm.undecided import decisions_in, undecided_answer
from summarizer.schemas import FailedCall, RunInfo, Usage

if TYPE_CHECKING:
    from summarizer.layouts.base import Question
    from summarizer.layouts.prompts import PromptCall, PromptVersion


@dataclass(frozen=True)
class ExtractionSettings:
    """Knobs that change what is sent to the model (and so the cassette)."""

    max_retries: int = 1
    temperature: float = 0.0
    seed: int = 0


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


@dataclass
class Session:
    """The questions of one article (or of the corpus pass), asked in order."""

    client: instructor.Instructor
    prompt: PromptVersion
    config: ModelConfig
    settings: ExtractionSettings
    fixed: dict[str, str] = field(default_factory=dict)
    """Template variables every request of the session gets (the article's id)."""
    meter: UsageMeter = field(default_factory=UsageMeter)
    failed: list[FailedCall] = field(default_factory=list)
    requests: int = 0
    _rendered: Any = field(default_factory=hashlib.sha256)
    _started: float = field(default_factory=time.perf_counter)

    def answers(self, question: Question) -> list[Any]:
        """The answers of one question: the model's; on a reply cut off at the output
        limit, those of its halves (when it has them); past the retries, a neutral
        stand-in noted in ``failed`` (when the question allows one)."""
        messages = self.prompt.messages(question.call, **{**self.fixed, **question.variables})
        self._rendered.update(json.dumps(messages, sort_keys=True).encode())
        self.requests += 1
        try:
            return [self._answer(question, messages)]
        except (ModelError, openai.OpenAIError) as error:
            if isinstance(error, CutOffError) and question.halves is not None:
                halves = question.halves()
                if halves:
                    return [answer for half in halves for answer in self.answers(half)]
            if not question.stand_in:
                raise
            self.failed.append(FailedCall(
                call=question.call.name, problem=_problem(error, question.call),
                undecided=decisions_in(question.response_model),
            ))  # fmt: skip
            return [undecided_answer(question.response_model)]

    def _answer(self, question: Question, messages: list[dict[str, str]]) -> Any:
        try:
            return self._create(question, messages)
        except InstructorRetryException as exc:
            if question.lenient is not None:
                return _reread(question, exc)
            if is_cassette_miss(exc):
                raise
            if exc.last_completion is not None:
                try:  # a raw control character in a string is all that is wrong
                    raw = json.loads(_completion_text(exc.last_completion), strict=False)
                    return question.response_model.model_validate(raw)
                except (ValueError, ValidationError):
                    pass
            raise ModelError(_no_valid_answer(question.call, exc)) from exc

    def _create(self, question: Question, messages: list[dict[str, str]]) -> Any:
        """One structured request; schema failures are re-asked by instructor."""
        call = question.call
        try:
            return self.client.chat.completions.create(
                model=self.config.model,
                messages=messages,  # type: ignore[arg-type]
                response_model=question.response_model,
                max_retries=self.settings.max_retries,
                context=dict(question.context) if question.context is not None else None,
                temperature=self.settings.temperature,
                seed=self.settings.seed,
                max_tokens=call.max_tokens,
                **self.config.request_extras(question.response_model),
            )
        except IncompleteOutputException as exc:
            raise CutOffError(
                f"{call.name} call: the model's reply was cut off at max_tokens={call.max_tokens}"
            ) from exc

    def usage(self) -> Usage:
        """Tokens and calls so far; re-asks are the calls beyond one per request."""
        usage = self.meter.usage
        return usage.model_copy(update={"retries": usage.calls - self.requests})

    def run_info(self) -> RunInfo:
        """What a record says about the run that made it."""
        return RunInfo(
            prompt_version=self.prompt.name, prompt_hash=self.prompt.template_hash,
            rendered_prompt_hash=self._rendered.hexdigest()[:12], model=self.config.model,
            provider=self.config.provider, usage=self.usage(),
            wall_seconds=round(time.perf_counter() - self._started, 2),
        )  # fmt: skip

    def outcome(self) -> tuple[RunInfo, list[FailedCall]]:
        """What the record says of its run, and the calls that failed past their retries."""
        return self.run_info(), self.failed_calls()

    def failed_calls(self) -> list[FailedCall]:
        """One entry per call and problem (the batches of one call failing alike)."""
        merged: dict[tuple[str, str], FailedCall] = {}
        for item in self.failed:
            key = (item.call, item.problem)
            known = merged.get(key)
            merged[key] = (
                item
                if known is None
                else known.model_copy(update={"undecided": known.undecided + item.undecided})
            )
        return list(merged.values())


@contextlib.contextmanager
def asking(
    client: instructor.Instructor,
    prompt: PromptVersion,
    config: ModelConfig,
    settings: ExtractionSettings,
    **fixed: str,
) -> Iterator[Session]:
    """A metered session; a cassette miss anywhere in it is a ``CassetteMissError``."""
    session = Session(client, prompt, config, settings, dict(fixed))
    client.on("completion:response", session.meter)
    try:
        yield session
    except Exception as exc:
        if is_cassette_miss(exc):
            raise CassetteMissError(str(exc)) from exc
        raise
    finally:
        client.off("completion:response", session.meter)


def _completion_text(completion: Any) -> str:
    """The JSON text of a completion, from content or the first tool call."""
    message = completion.choices[0].message
    if message.tool_calls:
        return str(message.tool_calls[0].function.arguments)
    return str(message.content or "")


def _reread(question: Question, exc: InstructorRetryException) -> Any:
    """The last answer read with the lenient context: evidence that was never found is
    kept, flagged ungrounded, rather than the whole answer lost. A re-ask that was never
    recorded still leaves the last recorded answer to read (v1-v3, as released)."""
    name = question.call.name
    if exc.last_completion is None:
        if is_cassette_miss(exc):
            raise exc
        raise ModelError(f"model call {name!r} failed: {exc}") from exc
    try:
        return question.response_model.model_validate_json(
            _completion_text(exc.last_completion), context=dict(question.lenient or {})
        )
    except ValidationError as invalid:
        raise ModelError(
            f"model output for call {name!r} is not a valid record after "
            f"{exc.n_attempts} attempts: {invalid.errors()[0]['msg']}"
        ) from invalid


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


def _problem(error: Exception, call: PromptCall) -> str:
    """A failure in words, naming its call once ('claims call: ...')."""
    fault = find_fault(error)
    text = f"{call.name} call: {fault}" if fault is not None else str(error)
    return text.splitlines()[0] if text else f"{call.name} call failed"
