"""Prompt layouts, registered in one place: a version's ``prompt.toml`` names one.

A layout decides what each request asks for and how answers become record parts;
``extract.py`` drives the requests. Two families:

* **items** layouts fill record components from the model's own words: ``items``
  (v1, whole lists of items per call) and ``sentence_walk`` (v2, v3, a note per
  sentence). A version may mix the two, call by call (v2's overview is ``items``).
  Their per-article context is the list of body sentences.
* **candidate** layouts ask the model only for decisions about what code found:
  ``candidates`` (v4) and ``decisions`` (v5). Their per-article context is the
  typed ``ArticleCandidates`` (or ``DecisionCandidates``) of the article.

Adding a version that reuses a layout touches only its ``prompt_versions/vN/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel

from summarizer.finders.actors import StoryActors
from summarizer.layouts.any_story import (
    AnyStoryCandidates,
    any_story_claims,
    any_story_labels,
    any_story_requests,
    combine_answers,
    split_claims_request,
)
from summarizer.layouts.candidates import (
    ArticleCandidates,
    build_call_model,
    claims_from,
    events_from,
    framing_from,
    labels_from,
)
from summarizer.layouts.decisions import (
    DecisionCandidates,
    build_decision_model,
    decision_events_from,
    decision_framing_from,
    decision_labels_from,
)
from summarizer.layouts.response_models import build_response_model, clean_sides
from summarizer.layouts.sentence_walk import build_walk_model, walk_to_components
from summarizer.schemas import ActorLabelRecord, ClaimRecord, EventRecord, FramingRecord
from summarizer.text.articles import Article

if TYPE_CHECKING:
    from summarizer.layouts.prompts import PromptCall, PromptVersion


class ItemsLayout:
    """v1: each call fills whole record components, as lists of items."""

    name: ClassVar[str] = "items"

    def windows(self, call: PromptCall, sentence_count: int) -> list[tuple[int, int]]:
        """One request over every sentence."""
        return [(1, sentence_count)]

    def response_model(
        self,
        call: PromptCall,
        prompt: PromptVersion,
        sentences: list[str],
        window: tuple[int, int],
        sides: list[str],
    ) -> type[BaseModel]:
        return build_response_model(call.components, prompt.schema, sentences)

    def components(
        self, call: PromptCall, result: BaseModel, sentences: list[str]
    ) -> dict[str, Any]:
        found = {name: getattr(result, name) for name in call.components}
        if "sides" in type(result).model_fields:
            found["sides"] = clean_sides(result.__dict__["sides"])
        return found


class SentenceWalkLayout(ItemsLayout):
    """v2, v3: one short note per sentence, in windows of sentences per request."""

    name: ClassVar[str] = "sentence_walk"

    def windows(self, call: PromptCall, sentence_count: int) -> list[tuple[int, int]]:
        """One request per window of sentences: windows bound a walk's output, so a
        long article cannot run past max_tokens."""
        if not call.window:
            return [(1, sentence_count)]
        return [
            (first, min(first + call.window - 1, sentence_count))
            for first in range(1, sentence_count + 1, call.window)
        ]

    def response_model(
        self,
        call: PromptCall,
        prompt: PromptVersion,
        sentences: list[str],
        window: tuple[int, int],
        sides: list[str],
    ) -> type[BaseModel]:
        return build_walk_model(sentences, window, sides=sides)

    def components(
        self, call: PromptCall, result: BaseModel, sentences: list[str]
    ) -> dict[str, Any]:
        return walk_to_components(result, sentences)


class CandidatesLayout:
    """v4: code finds candidates; the model decides about each."""

    name: ClassVar[str] = "candidates"

    def find(self, article: Article, actors: StoryActors) -> ArticleCandidates:
        return ArticleCandidates.find(article, list(actors.names))

    def by_code(self, found: ArticleCandidates) -> dict[str, Any]:
        """Record components the layout fills without a call (none in v4)."""
        return {}

    def asks(self, call: str, found: ArticleCandidates, actors: StoryActors) -> bool:
        """Whether the call has anything to ask the model about this article."""
        if call == "claims":
            return bool(found.claims)
        if call == "labels":
            return bool(found.labels and actors.names)
        return True

    def call_model(
        self, call: str, found: ArticleCandidates, limits: dict[str, int]
    ) -> type[BaseModel]:
        return build_call_model(call, found, limits)

    def requests(
        self, call: str, found: ArticleCandidates, limits: dict[str, int]
    ) -> list[tuple[dict[str, str], type[BaseModel]]]:
        """The requests of one call: template variables to add, and the response model
        (one request unless a layout splits a call into batches)."""
        return [({}, self.call_model(call, found, limits))]

    def combine(self, results: list[BaseModel]) -> Any:
        """One call's answers as one object."""
        return results[0]

    def split(
        self, call: str, found: ArticleCandidates, extra: dict[str, Any]
    ) -> list[tuple[dict[str, Any], type[BaseModel]]]:
        """A request whose reply ran past the output limit, as two smaller requests (the
        same questions, fewer at a time); empty when the request cannot be split."""
        return []

    def claims(self, result: Any, found: ArticleCandidates) -> list[ClaimRecord]:
        return claims_from(result, found)

    def events(self, result: BaseModel, found: ArticleCandidates) -> list[EventRecord]:
        return events_from(result, found)

    def labels(self, result: BaseModel | None, found: ArticleCandidates) -> list[ActorLabelRecord]:
        return labels_from(result, found) if result is not None else []

    def overview(self, result: BaseModel, found: ArticleCandidates) -> tuple[str, FramingRecord]:
        return framing_from(result, found)


class DecisionsLayout(CandidatesLayout):
    """v5: v4 narrowed by code (event types from verbs, label sides, a lexicon)."""

    name: ClassVar[str] = "decisions"
    names_actors_by_code: ClassVar[bool] = True

    def find(self, article: Article, actors: StoryActors) -> DecisionCandidates:
        return DecisionCandidates.find_for(article, actors)

    def asks(self, call: str, found: ArticleCandidates, actors: StoryActors) -> bool:
        """Labels whose words the lexicon knows need no question."""
        assert isinstance(found, DecisionCandidates)
        if call == "labels":
            return bool(found.asked_labels())
        return super().asks(call, found, actors)

    def by_code(self, found: ArticleCandidates) -> dict[str, Any]:
        """Events: their sentences, types and merging are code's (see decision_layout)."""
        assert isinstance(found, DecisionCandidates)
        return {"events": decision_events_from(found)}

    def call_model(
        self, call: str, found: ArticleCandidates, limits: dict[str, int]
    ) -> type[BaseModel]:
        assert isinstance(found, DecisionCandidates)
        return build_decision_model(call, found, limits)

    def labels(self, result: BaseModel | None, found: ArticleCandidates) -> list[ActorLabelRecord]:
        assert isinstance(found, DecisionCandidates)
        return decision_labels_from(result, found)

    def overview(self, result: BaseModel, found: ArticleCandidates) -> tuple[str, FramingRecord]:
        assert isinstance(found, DecisionCandidates)
        return decision_framing_from(result, found)


class AnyStoryLayout(DecisionsLayout):
    """v6: v5's division of work with the any-story finders (``any_story_layout``)."""

    name: ClassVar[str] = "any_story"

    def find(self, article: Article, actors: StoryActors) -> AnyStoryCandidates:
        return AnyStoryCandidates.find_any(article, actors)

    def requests(
        self, call: str, found: ArticleCandidates, limits: dict[str, int]
    ) -> list[tuple[dict[str, str], type[BaseModel]]]:
        assert isinstance(found, AnyStoryCandidates)
        return any_story_requests(call, found, limits)

    def combine(self, results: list[BaseModel]) -> Any:
        return combine_answers(results)

    def split(
        self, call: str, found: ArticleCandidates, extra: dict[str, Any]
    ) -> list[tuple[dict[str, Any], type[BaseModel]]]:
        assert isinstance(found, AnyStoryCandidates)
        return split_claims_request(call, found, extra)

    def claims(self, result: Any, found: ArticleCandidates) -> list[ClaimRecord]:
        assert isinstance(found, AnyStoryCandidates)
        return any_story_claims(result, found)

    def labels(self, result: BaseModel | None, found: ArticleCandidates) -> list[ActorLabelRecord]:
        assert isinstance(found, AnyStoryCandidates)
        return any_story_labels(result, found)


Layout = ItemsLayout | CandidatesLayout
LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        ItemsLayout(),
        SentenceWalkLayout(),
        CandidatesLayout(),
        DecisionsLayout(),
        AnyStoryLayout(),
    )
}
"""Every layout a prompt.toml may name."""


CANDIDATE_LAYOUTS = frozenset(n for n, layout in LAYOUTS.items()
                               if isinstance(layout, CandidatesLayout))  # fmt: skip


def planned_requests(
    prompt: PromptVersion, sentence_count: int
) -> list[tuple[PromptCall, tuple[int, int]]]:
    """Every request of an items-family version for an article, in order."""
    plan = []
    for call in prompt.calls:
        layout = LAYOUTS[call.layout]
        assert isinstance(layout, ItemsLayout)
        plan += [(call, window) for window in layout.windows(call, sentence_count)]
    return plan


def names_actors_by_code(layout: Layout) -> bool:
    """Whether the layout names the story's actors by code (no corpus model call)."""
    return bool(getattr(layout, "names_actors_by_code", False))
