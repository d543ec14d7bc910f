from __future__ import annotations

import pytest
from pydantic import ValidationError

import summarizer
from summarizer.schemas import ACLED_TAXONOMY, ActorLabel, Event, EventType, event_category
from summarizer.text.grounding import ArticleText, GroundingContext


def test_event_type_literal_is_exactly_the_acled_taxonomy() -> None:
    taxonomy = [t for types in ACLED_TAXONOMY.values() for t in types]
    assert list(EventType.__args__) == taxonomy  # type: ignore[attr-defined]
    assert event_category("Air/drone strike") == "Explosions/Remote violence"


def _event(evidence: str) -> dict:
    return {
        "evidence": evidence, "description": "HTS took Homs.",
        "event_type": "Non-state actor overtakes territory", "actors": [], "location": "Homs",
        "date": None, "date_precision": "unknown", "status": "asserted", "source": None,
    }  # fmt: skip


def test_validation_context_rejects_an_invented_quote() -> None:
    context = {"grounding": GroundingContext(ArticleText("HTS took control of Homs on Sunday."))}
    Event.model_validate(_event("HTS took control of Homs"), context=context)
    with pytest.raises(ValidationError, match="not found verbatim"):
        Event.model_validate(_event("HTS captured Homs"), context=context)


def test_without_context_records_load_unchecked() -> None:
    assert Event.model_validate(_event("anything")).evidence == "anything"


def test_a_label_must_occur_in_its_evidence() -> None:
    context = {"grounding": GroundingContext(ArticleText("The insurgents entered Rastan."))}
    label = {
        "evidence": "The insurgents entered Rastan.", "actor": "HTS", "label": "rebels",
        "voice": "outlet", "quoted_source": None, "connotation": "neutral",
    }  # fmt: skip
    with pytest.raises(ValidationError, match="label 'rebels' does not occur in its evidence"):
        ActorLabel.model_validate(label, context=context)


def test_unknown_keys_are_rejected() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Event.model_validate({**_event("x"), "confidence": 0.9})


def test_public_api_exports_are_complete() -> None:
    for name in summarizer.__all__:
        assert hasattr(summarizer, name), name
    public = {n for n in vars(summarizer) if not n.startswith("_") and n[0].isupper()}
    assert public <= set(summarizer.__all__)
