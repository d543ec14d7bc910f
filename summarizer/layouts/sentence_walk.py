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

from summarizer.finders.lexicon import words
from summarizer.schemas import ActorLabel, Claim, Event, Strict


def _fields(model: type[BaseModel], *skipped: str) -> dict[str, Any]:
    """``model``'s field definitions, ready for ``create_model``, minus ``skipped``."""
    return {
        key: (info.annotation, info)
        for key, info in model.model_fields.items()
        if key not in skipped
    }


def _without(model: type[BaseModel], field_name: str, name: str) -> type[BaseModel]:
    """A copy of ``model`` with ``field_name`` removed (the sentence supplies it)."""
    return create_model(name, __base__=Strict, **_fields(model, field_name))  # type: ignore[no-any-return, call-overload]


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


_STOPWORDS = words("labels", "sentence_walk.stop_words")
_EDGE_PUNCTUATION = "\"'()[],.;:!?\u201c\u201d\u2018\u2019"


def label_candidates(sentence: str, longest: int = 4) -> list[str]:
    """Word n-grams of a sentence that could be a label: no stopword at either end.

    Used as an enum so a constrained decoder can only copy a label from its sentence.
    """
    words = [w.strip(_EDGE_PUNCTUATION) for w in sentence.split()]
    found: dict[str, None] = {}
    for start in range(len(words)):
        for size in range(1, longest + 1):
            gram = words[start : start + size]
            if len(gram) < size or not all(gram):
                break
            if gram[0].lower() in _STOPWORDS or gram[-1].lower() in _STOPWORDS:
                continue
            found[" ".join(gram)] = None
    return list(found)


def _label_model(sentence: str, number: int, sides: list[str]) -> type[BaseModel] | None:
    candidates = [c for c in label_candidates(sentence) if c.lower() in sentence.lower()]
    if not candidates:
        return None
    label: Any = (Literal[tuple(candidates)], Field(description="Words copied from the sentence."))
    name = f"Sentence{number}Label"
    if not sides:
        return create_model(name, __base__=WalkLabel, label=label)  # type: ignore[no-any-return]
    # The words first, then which side they name: a choice among the sides, not free text.
    fields: dict[str, Any] = {
        "label": label,
        "actor": (Literal[tuple(sides)], Field(description="The side it names.")),
    }
    fields.update(_fields(WalkLabel, *fields))
    return create_model(name, __base__=Strict, **fields)  # type: ignore[no-any-return, call-overload]


def build_walk_model(
    sentences: list[str],
    window: tuple[int, int],
    max_labels: int = 3,
    sides: list[str] | None = None,
) -> type[BaseModel]:
    """A response model with one pinned entry per sentence of ``window`` (1-based, inclusive).

    With ``sides``, a label's actor must be one of them, so a small model cannot
    attach "rebels" to the speaker, a place or the label itself.
    """
    entries = []
    for number in range(window[0], window[1] + 1):
        label_model = _label_model(sentences[number - 1], number, sides or [])
        fields: dict[str, Any] = {
            "s": (Literal[number], Field(description="Sentence number.")),
            "text": (Literal[sentences[number - 1]], Field(description="The sentence, echoed.")),
            "labels": (
                list[label_model or WalkLabel],  # type: ignore[misc]
                Field(
                    description="Labels for actors used in it.",
                    max_length=max_labels if label_model else 0,
                ),
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


WALK_COMPONENTS = ("events", "claims", "actor_labels")
