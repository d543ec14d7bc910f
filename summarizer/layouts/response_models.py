"""Build the response model a prompt call asks for, from the prompt version's settings.

A prompt version decides which record components a call fills, how many items each
list may hold (``maxItems`` in the JSON schema, enforced by grammar-constrained
decoding), and whether evidence is free text checked afterwards or chosen from the
article's own sentences (an enum, so a constrained decoder cannot invent a quote).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, create_model, model_validator

from summarizer.schemas import (
    ActorLabel,
    ArticleMetadata,
    Claim,
    Event,
    FrameUse,
    Framing,
    Strict,
)
from summarizer.text.grounding import GroundingContext

EvidenceMode = Literal["free", "sentences"]
LabelActors = Literal["free", "sides"]
"""Who a label may be attached to: any name, or one of the sides the overview named."""


@dataclass(frozen=True)
class SchemaSettings:
    """The schema-shaping part of a prompt version (``[schema]`` in prompt.toml)."""

    evidence: EvidenceMode = "free"
    max_items: dict[str, int] = field(default_factory=dict)
    label_actors: LabelActors = "free"

    def limit(self, component: str) -> int | None:
        return self.max_items.get(component)


def clean_sides(sides: list[str]) -> list[str]:
    """The overview's sides as enum values: trimmed, unique, no straight double quotes
    (see ``text.sentences.split_sentences``)."""
    found: dict[str, None] = {}
    for side in sides:
        side = " ".join(side.split()).replace('"', "\u201d")
        if 0 < len(side) <= 80:
            found[side] = None
    return list(found)


class Extraction(Strict):
    """Base of every response model: in strict validation, no item may repeat."""

    @model_validator(mode="after")
    def _no_repeated_items(self, info: ValidationInfo) -> Extraction:
        context = info.context
        if not (isinstance(context, dict) and getattr(context.get("grounding"), "strict", False)):
            return self
        assert isinstance(context["grounding"], GroundingContext)
        for name in type(self).model_fields:
            value = getattr(self, name)
            if not isinstance(value, list):
                continue
            seen: dict[str, int] = {}
            for position, item in enumerate(value):
                key = item.model_dump_json() if isinstance(item, BaseModel) else repr(item)
                if key in seen:
                    raise ValueError(
                        f"{name}[{position}] repeats {name}[{seen[key]}]: list each item once"
                    )
                seen[key] = position
        return self


def _with_sentence_evidence(base: type[BaseModel], sentences: list[str]) -> type[BaseModel]:
    """Subclass of ``base`` whose evidence field must be one of ``sentences``."""
    field_name = getattr(base, "evidence_field", "evidence")
    choice = Literal[tuple(sentences)]  # type: ignore[valid-type]
    described = Field(description="One sentence of the article, copied from the list.")
    return create_model(  # type: ignore[no-any-return, call-overload]
        base.__name__, __base__=base, **{field_name: (choice, described)}
    )


def _list_of(item: type[BaseModel], limit: int | None, description: str) -> tuple[Any, Any]:
    return (list[item], Field(description=description, max_length=limit))  # type: ignore[valid-type]


def build_response_model(
    components: tuple[str, ...], settings: SchemaSettings, sentences: list[str] | None = None
) -> type[BaseModel]:
    """The response model for one call, shaped by ``settings``."""
    event: type[BaseModel] = Event
    claim: type[BaseModel] = Claim
    label: type[BaseModel] = ActorLabel
    frame: type[BaseModel] = FrameUse
    if settings.evidence == "sentences" and sentences:
        event, claim, label, frame = (
            _with_sentence_evidence(kind, sentences)
            for kind in (Event, Claim, ActorLabel, FrameUse)
        )
    framing = create_model(
        "Framing",
        __base__=Framing,
        primary=(frame, Field(description="The dominant frame of the article.")),
        secondary=_list_of(frame, settings.limit("secondary_frames"), "Other frames present."),
    )
    fields: dict[str, tuple[Any, Any]] = {
        "metadata": (ArticleMetadata, Field(description="Facts about the article itself.")),
        "summary": (str, Field(description="Two or three neutral sentences.")),
        "events": _list_of(event, settings.limit("events"), "Distinct events reported."),
        "claims": _list_of(claim, settings.limit("claims"), "Statements attributed to someone."),
        "actor_labels": _list_of(
            label, settings.limit("actor_labels"), "Labels the article uses for actors."
        ),
        "framing": (framing, Field(description="Primary and secondary news frames.")),
    }
    if settings.label_actors == "sides" and "metadata" in components:
        # Asked before framing so the walk that follows can tie labels to a side.
        fields["sides"] = (
            list[str],
            Field(
                description="The sides of the conflict or dispute, one canonical name each.",
                max_length=settings.limit("sides") or 5,
            ),
        )
        components = (
            tuple(c for c in components if c != "framing")
            + ("sides",)
            + (("framing",) if "framing" in components else ())
        )
    chosen = {c: fields[c] for c in components}
    name = "".join(part.title() for part in "_".join(components).split("_")) + "Extraction"
    return create_model(name, __base__=Extraction, **chosen)  # type: ignore[no-any-return, call-overload]
