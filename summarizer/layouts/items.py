"""The "model finds" layouts (prompt v1, v2, v3): the model writes the items, code checks them.

* ``items`` (v1, and v2's and v3's overview call): each call fills whole record
  components, as lists of items with the model's own evidence.
* ``sentence_walk`` (v2, v3): one short note per body sentence, in windows of sentences
  per request; the sentence is the evidence (``sentence_walk.py``).

A version may mix the two call by call, so both names are this one layout. Evidence is
checked while validating (``schemas.Evidenced``): a miss is re-asked with the exact
error, and once the re-asks run out the last answer is read with misses kept as
``grounded: false``, never silently kept as grounded, never silently dropped.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel

from summarizer.finders.actors import StoryActors
from summarizer.finders.voice import with_read_voice
from summarizer.layouts.base import Answers, NoCorpusPass, Parts, Question, register
from summarizer.layouts.response_models import build_response_model, clean_sides
from summarizer.layouts.sentence_walk import WALK_COMPONENTS, build_walk_model, walk_to_components
from summarizer.schemas import (
    ActorLabelRecord,
    ClaimRecord,
    EventRecord,
    FrameRecord,
    Framing,
    FramingRecord,
    Grounding,
    event_category,
)
from summarizer.text.articles import Article
from summarizer.text.grounding import GroundingContext
from summarizer.text.sentences import numbered_sentences, split_sentences

if TYPE_CHECKING:
    from summarizer.layouts.prompts import PromptCall, PromptVersion

WALK = "sentence_walk"


@dataclass(frozen=True)
class ItemFindings:
    """What code prepares for a model that finds the items: the body's sentences."""

    article: Article
    sentences: list[str]
    numbered: str


@register("items", WALK)
class ItemsLayout(NoCorpusPass):
    code_components: ClassVar[tuple[str, ...]] = ()

    def check_call(self, call: PromptCall) -> str | None:
        if call.layout == WALK and call.components != WALK_COMPONENTS:
            return f"a sentence_walk call fills {list(WALK_COMPONENTS)}"
        return None

    def find(self, article: Article, story: StoryActors) -> ItemFindings:
        body = article.body_text
        return ItemFindings(article, split_sentences(body), numbered_sentences(body))

    def questions(self, findings: ItemFindings, prompt: PromptVersion) -> list[Question]:
        """One request per window of sentences (a walk), else one over the article, call by
        call. A call after one that names the story's sides (v3's overview) is prepared
        when it is asked, so that its labels are tied to those sides."""
        questions: list[Question] = []
        sides_named = False
        for call in prompt.calls:
            windows = _windows(call, len(findings.sentences))
            asked = [self._question(findings, call, prompt, window, []) for window in windows]
            if sides_named:
                asked = [
                    dataclasses.replace(q, prepare=functools.partial(
                        self._prepared, findings, call, prompt, window))
                    for q, window in zip(asked, windows, strict=True)
                ]  # fmt: skip
            sides_named |= any("sides" in q.response_model.model_fields for q in asked)
            questions += asked
        return questions

    def _prepared(
        self,
        findings: ItemFindings,
        call: PromptCall,
        prompt: PromptVersion,
        window: tuple[int, int],
        answers: Answers,
    ) -> Question:
        sides = [s for given in answers.values() for a in given for s in _sides(a)]
        return self._question(findings, call, prompt, window, sides)

    def _question(
        self,
        findings: ItemFindings,
        call: PromptCall,
        prompt: PromptVersion,
        window: tuple[int, int],
        sides: list[str],
    ) -> Question:
        article, sentences = findings.article, findings.sentences
        searchable = article.searchable()
        first, last = window
        model = (
            build_walk_model(sentences, window, sides=sides)
            if call.layout == WALK
            else build_response_model(call.components, prompt.schema, sentences)
        )
        variables = {"body": article.body_text, "numbered": findings.numbered,
                     "first": str(first), "last": str(last), "sides": "; ".join(sides)}
        return Question(
            call, variables, model,
            context={"grounding": GroundingContext(searchable), "sentences": sentences},
            lenient={"grounding": GroundingContext(searchable, strict=False),
                     "sentences": sentences},
        )  # fmt: skip

    def record(self, findings: ItemFindings, answers: Answers) -> Parts:
        """The model's items with their offsets and grounding found by code."""
        parts: dict[str, Any] = {}
        for call, given in answers.items():
            for answer in given:
                found = (
                    walk_to_components(answer, findings.sentences)
                    if call.layout == WALK
                    else {name: getattr(answer, name) for name in call.components}
                )
                for name, value in found.items():
                    parts[name] = parts.get(name, []) + value if isinstance(value, list) else value
        return _grounded(findings.article, parts)


def _windows(call: PromptCall, sentence_count: int) -> list[tuple[int, int]]:
    """A walk's windows bound its output, so a long article cannot run past max_tokens."""
    if call.layout != WALK or not call.window:
        return [(1, sentence_count)]
    return [
        (first, min(first + call.window - 1, sentence_count))
        for first in range(1, sentence_count + 1, call.window)
    ]


def _sides(answer: BaseModel) -> list[str]:
    if "sides" in type(answer).model_fields:
        return clean_sides(answer.__dict__["sides"])
    return []


def _grounding(context: GroundingContext, item: Any) -> Grounding:
    span, problem = context.problem(item)
    return Grounding(
        start=span.start if span else None,
        end=span.end if span else None,
        grounded=problem is None,
        problem=problem,
    )


def _grounded(article: Article, parts: dict[str, Any]) -> Parts:
    """Each item of the model's with its span in the article, or flagged ungrounded."""
    context = GroundingContext(article.searchable(), strict=False)

    def record(kind: type[Any], item: BaseModel, **extra: Any) -> Any:
        return kind(**item.model_dump(), grounding=_grounding(context, item), **extra)

    framing: Framing = parts["framing"]
    return Parts(
        summary=parts["summary"],
        events=[
            record(EventRecord, e, category=event_category(e.event_type)) for e in parts["events"]
        ],
        claims=[record(ClaimRecord, c) for c in parts["claims"]],
        actor_labels=[
            with_read_voice(record(ActorLabelRecord, a), article.text)
            for a in parts["actor_labels"]
        ],
        framing=FramingRecord(
            primary=record(FrameRecord, framing.primary),
            secondary=[record(FrameRecord, f) for f in framing.secondary],
        ),
    )
