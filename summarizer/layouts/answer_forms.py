"""The forms of the model's answers in the candidate layouts (prompt v4, v5, v6).

Each answer is an object with one required key per candidate ("s3", "C2", "L1"), each
value a small enum or a short text: a grammar-constrained decoder has to decide about
every candidate, so a small model cannot stop after the first, and output tokens go to
decisions, never to copying the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field, create_model

from summarizer.schemas import ClaimantType, ClaimKind, Connotation, EventType, Frame, Strict

if TYPE_CHECKING:
    from summarizer.layouts.candidates import ArticleCandidates
    from summarizer.layouts.decisions import DecisionCandidates

NONE_ACTOR = "none of these"


def _enum(values: list[str] | list[int]) -> Any:
    return Literal[tuple(values)] if values else Literal["-"]  # type: ignore[valid-type]


def described(kind: Any, description: str, **limits: Any) -> Any:
    return (kind, Field(description=description, **limits))


def _decisions(name: str, keys: list[str], value: Any, description: str) -> type[BaseModel]:
    """An object with one required key per candidate: a grammar-constrained decoder has
    to decide about every candidate, so a small model cannot stop after the first."""
    fields: Any = {key: (value, Field(description=description)) for key in keys}
    return create_model(name, __base__=Strict, **fields)


def build_call_model(
    call: str, found: ArticleCandidates, limits: dict[str, int]
) -> type[BaseModel]:
    """The response model of one v4 call: a decision per sentence or candidate, from
    small enums, and short text only where text is wanted."""
    if call == "events":
        keys = [f"s{n}" for n in found.event_sentences()]
        return _decisions("EventsBySentence", keys, EventType, "the ACLED event type")
    if call == "claims":
        decision = create_model(
            "ClaimDecision", __base__=Strict,
            claimant=described(str, "Short canonical name of who says it.", max_length=40),
            claimant_type=described(ClaimantType, "What kind of actor the claimant is."),
            kind=described(ClaimKind, "What kind of statement it is."),
            what=described(str, "What is claimed, neutrally, in at most 10 words.", max_length=70),
        )  # fmt: skip
        keys = [f"C{n}" for n in range(1, len(found.claims) + 1)]
        return _decisions("ClaimsByCandidate", keys, decision, "the claim")
    if call == "labels":
        decision = create_model(
            "LabelDecision", __base__=Strict,
            actor=described(_enum([*found.actors, NONE_ACTOR]), "Which actor it names."),
            connotation=described(Connotation, "The charge of the words themselves."),
        )  # fmt: skip
        keys = [f"L{n}" for n in range(1, len(found.distinct_labels()) + 1)]
        return _decisions("LabelsByCandidate", keys, decision, "whom the label names")
    if call == "overview":
        numbers = list(range(1, len(found.sentences) + 1))
        return create_model(
            "Overview", __base__=Strict,
            summary=described(str, "Two or three neutral sentences.", max_length=400),
            primary_frame=described(Frame, "The article's dominant frame."),
            primary_sentence=described(_enum(numbers), "A sentence showing that frame."),
            secondary_frames=described(list[Frame], "Other clear frames.", max_length=3),
        )  # fmt: skip
    raise ValueError(f"unknown candidates call {call!r}")


def build_actors_model(names: list[str]) -> type[BaseModel]:
    """The corpus pass chooses the story's sides among names code found in the articles."""
    return create_model(
        "StoryActors", __base__=Strict,
        actors=described(list[_enum(names)], "The story's main sides, most important first.",  # type: ignore[misc]
                      min_length=2, max_length=6),
    )  # fmt: skip


def build_decision_model(
    call: str, found: DecisionCandidates, limits: dict[str, int]
) -> type[BaseModel]:
    """v5's response models: events and labels offer only what code allows."""
    if call == "overview":
        frames: Any = Literal[tuple(found.offered_frames())]  # type: ignore[valid-type]
        numbers: Any = Literal[tuple(range(1, len(found.sentences) + 1))]  # type: ignore[valid-type]
        return create_model(
            "Overview", __base__=Strict,
            summary=(str, Field(description="Two or three neutral sentences.", max_length=400)),
            primary_frame=(frames, Field(description="The article's dominant frame.")),
            primary_sentence=(numbers, Field(description="A sentence showing that frame.")),
        )  # fmt: skip
    if call == "labels":
        fields: dict[str, Any] = {
            f"L{n}": (
                create_model(f"Label{n}", __base__=Strict, connotation=(Connotation, ...)),
                ...,
            )
            for n in range(1, len(found.asked_labels()) + 1)
        }
        return create_model("LabelsByCandidate", __base__=Strict, **fields)
    return build_call_model(call, found, limits)
