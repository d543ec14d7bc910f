"""The sentence-walk layout: the model annotates every sentence of the article in order.

Small models asked for "a list of events" tend to repeat one item until the token
limit. In a walk, the response is a fixed-length tuple with one entry per article
sentence, each pinned to its sentence number by a ``const`` in the JSON schema, so a
grammar-constrained decoder must visit every sentence exactly once and cannot loop.
Each entry says whether the sentence reports an event, carries a claim, and which
actor labels it uses; the sentence itself becomes the verbatim evidence.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from summarizer.schemas import ActorLabel, Claim, Event, Strict


def _without(model: type[BaseModel], field_name: str, name: str) -> type[BaseModel]:
    """A copy of ``model`` with ``field_name`` removed (the sentence supplies it)."""
    fields: dict[str, Any] = {
        key: (info.annotation, info)
        for key, info in model.model_fields.items()
        if key != field_name
    }
    return create_model(name, __base__=Strict, **fields)  # type: ignore[no-any-return, call-overload]


WalkEvent = _without(Event, "evidence", "SentenceEvent")
WalkClaim = _without(Claim, "quote", "SentenceClaim")
WalkLabel = _without(ActorLabel, "evidence", "SentenceLabel")


class SentenceNote(Strict):
    """One walk entry; subclasses pin ``s`` and ``text`` to one sentence with ``const``.

    A label that is not in its sentence is not re-asked here (that would repeat the
    whole walk); it becomes an ungrounded, counted item like any other.
    """

    s: int
    text: str
    labels: list[Any]
    event: Any
    claim: Any


def build_walk_model(
    sentences: list[str], window: tuple[int, int], max_labels: int = 3
) -> type[BaseModel]:
    """A response model with one pinned entry per sentence of ``window`` (1-based, inclusive)."""
    entries = []
    for number in range(window[0], window[1] + 1):
        fields: dict[str, Any] = {
            "s": (Literal[number], Field(description="Sentence number.")),
            "text": (Literal[sentences[number - 1]], Field(description="The sentence, echoed.")),
            "labels": (
                list[WalkLabel],  # type: ignore[valid-type]
                Field(description="Labels for actors used in it.", max_length=max_labels),
            ),
            "event": (WalkEvent | None, Field(description="Event this sentence reports, or null.")),
            "claim": (WalkClaim | None, Field(description="Claim it attributes, or null.")),
        }
        entries.append(create_model(f"Sentence{number}", __base__=SentenceNote, **fields))
    walk: dict[str, Any] = {
        "sentences": (
            tuple.__class_getitem__(tuple(entries)),
            Field(description="One entry per article sentence, in order."),
        )
    }
    return create_model("SentenceWalk", __base__=Strict, **walk)


def walk_to_components(walk: BaseModel, sentences: list[str]) -> dict[str, list[Any]]:
    """Turn walk entries into ordinary events, claims and labels with evidence."""
    events: list[Event] = []
    claims: list[Claim] = []
    labels: list[ActorLabel] = []
    entries: tuple[SentenceNote, ...] = walk.__dict__["sentences"]  # built dynamically
    for entry in entries:
        sentence = sentences[entry.s - 1]
        if entry.event is not None:
            events.append(Event(evidence=sentence, **entry.event.model_dump()))
        if entry.claim is not None:
            claims.append(Claim(quote=sentence, **entry.claim.model_dump()))
        labels += [ActorLabel(evidence=sentence, **label.model_dump()) for label in entry.labels]
    return {"events": events, "claims": claims, "actor_labels": labels}


Layout = Literal["items", "sentence_walk"]
WALK_COMPONENTS = ("events", "claims", "actor_labels")
