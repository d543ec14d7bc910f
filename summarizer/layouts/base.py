"""The one protocol every layout implements, and the registry that names them.

A layout is the division of work between code and model for a prompt version. The
driver (``summarizer.run.extract``) goes down the stack once per article:

    findings = layout.find(article, story)          # code, all at once, immutable
    for question in layout.questions(findings, prompt):   # in the manifest's order
        answers[question.call] += ask(question)
    parts = layout.record(findings, answers)        # the record's components

and once per run for the story's actors (``find_story``, ``story_questions``,
``story``). The driver never names a call; a layout never calls the model. A new
layout is one module with ``@register("name")`` on its class, named by the calls of
its version's ``prompt.toml``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from pydantic import BaseModel

from summarizer.finders.actors import StoryActors
from summarizer.schemas import ActorLabelRecord, ClaimRecord, EventRecord, FramingRecord
from summarizer.text.articles import Article

if TYPE_CHECKING:
    from summarizer.layouts.prompts import PromptCall, PromptVersion


@dataclass(frozen=True)
class Question:
    """One request to the model: its call, the template's variables, the answer's form."""

    call: PromptCall
    variables: Mapping[str, str]
    response_model: type[BaseModel]
    context: Mapping[str, Any] | None = None
    """Validation context: evidence checked while validating, so a miss is re-asked."""
    lenient: Mapping[str, Any] | None = None
    """Context to re-read the last answer with once the re-asks run out (misses kept,
    flagged ungrounded); None reads it as JSON with control characters allowed."""
    halves: Callable[[], list[Question]] | None = None
    """The same questions as two smaller requests, for a reply cut off at max_tokens."""
    stand_in: bool = False
    """Past the retries a neutral answer stands in, noted in the record's failed calls
    (what code found is kept); otherwise the article fails with one line."""
    prepare: Callable[[Answers], Question] | None = None
    """A question that needs an earlier call's answers (v3's walk: the sides its overview
    named) is made from them just before it is asked."""


Answers = Mapping["PromptCall", Sequence[Any]]
"""Each call's answers so far, in the order they were asked."""


@dataclass(frozen=True)
class Parts:
    """The record components a layout builds from its findings and the answers."""

    summary: str
    events: list[EventRecord]
    claims: list[ClaimRecord]
    actor_labels: list[ActorLabelRecord]
    framing: FramingRecord


class Layout(Protocol):
    """What the driver needs of a layout (see the module docstring); its names are the
    ones ``register`` gives it."""

    code_components: ClassVar[tuple[str, ...]]
    """Record components the layout fills by code alone, with no call."""

    def check_call(self, call: PromptCall) -> str | None:
        """What is wrong with a manifest's call for this layout, in words (None: fine)."""
        ...

    def find(self, article: Article, story: StoryActors) -> Any:
        """Everything code finds in one article, computed once."""
        ...

    def questions(self, findings: Any, prompt: PromptVersion) -> list[Question]:
        """Every request for this article, in the order of the manifest's calls (a call
        with nothing to ask has none)."""
        ...

    def record(self, findings: Any, answers: Answers) -> Parts:
        """The record's components from the findings and every call's answers."""
        ...

    def find_story(self, articles: Sequence[Article], prompt: PromptVersion) -> Any:
        """What code finds across the run's articles for the story's actors."""
        ...

    def story_questions(self, found: Any, prompt: PromptVersion) -> list[Question]:
        """The corpus pass's requests ([] = the actors are code's, or there are none)."""
        ...

    def story(self, found: Any, answers: Answers) -> StoryActors:
        """The story's actors, named once for every article of the run."""
        ...


class NoCorpusPass:
    """For a layout whose story has no actors named across the run (v1-v3): no corpus
    pass, no question."""

    def find_story(self, articles: Sequence[Article], prompt: PromptVersion) -> None:
        return None

    def story_questions(self, found: None, prompt: PromptVersion) -> list[Question]:
        return []

    def story(self, found: None, answers: Answers) -> StoryActors:
        return StoryActors([])


LAYOUTS: dict[str, Layout] = {}
"""Every layout a prompt.toml may name, by name (filled by ``register``)."""


def register(*names: str) -> Callable[[type[Any]], type[Any]]:
    """Class decorator: the layout answers to ``names`` in a manifest's ``layout``."""

    def add(cls: type[Any]) -> type[Any]:
        instance = cls()
        for name in names:
            if name in LAYOUTS:
                raise ValueError(f"layout {name!r} is registered twice")
            LAYOUTS[name] = instance
        return cls

    return add


def answers_of(answers: Answers, call: str) -> list[Any]:
    """The answers of the call named ``call`` ([] when it was not asked)."""
    return next((list(given) for asked, given in answers.items() if asked.name == call), [])


def only_answer(answers: Answers, call: str) -> Any:
    """A call asked once: its answer, or None when it was not asked."""
    given = answers_of(answers, call)
    return given[0] if given else None
