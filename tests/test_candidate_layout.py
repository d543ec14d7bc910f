"""The v4 layout without a model: response models, and turning decisions into records."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.layouts.answer_forms import NONE_ACTOR, build_call_model
from summarizer.layouts.candidates import (
    ArticleCandidates,
    claims_from,
    clean_actors,
    events_from,
    labels_from,
)
from summarizer.text.articles import read_article

ROOT = Path(__file__).resolve().parent.parent
ACTORS = ["HTS-led rebels", "Syrian government"]


@pytest.fixture(scope="module")
def found() -> ArticleCandidates:
    return ArticleCandidates.find(read_article(ROOT / "seeds" / "004_1d4940750912eb2c.txt"), ACTORS)


def _number(found: ArticleCandidates, words: str) -> int:
    return next(n for n, s in enumerate(found.sentences, 1) if words in found.words(s))


def test_every_sentence_and_candidate_gets_a_forced_decision(found: ArticleCandidates) -> None:
    events = build_call_model("events", found, {}).model_json_schema()
    assert events["required"] == [f"s{n}" for n in found.event_sentences()]
    assert 0 < len(found.event_sentences()) < len(found.sentences)
    claims = build_call_model("claims", found, {}).model_json_schema()
    assert claims["required"] == [f"C{n}" for n in range(1, len(found.claims) + 1)]
    labels = build_call_model("labels", found, {}).model_json_schema()
    assert labels["required"] == [f"L{n}" for n in range(1, len(found.distinct_labels()) + 1)]
    actor = labels["$defs"]["LabelDecision"]["properties"]["actor"]["enum"]
    assert actor == [*ACTORS, NONE_ACTOR]


def test_event_types_become_records_described_by_their_sentence(found: ArticleCandidates) -> None:
    model = build_call_model("events", found, {})
    sham = _number(found, "Pro-government Sham FM said")
    gunmen = _number(found, "opposition gunmen captured")
    answers = {f"s{n}": "Other" for n in found.event_sentences()}
    answers |= {f"s{sham}": "Non-violent transfer of territory",
                f"s{gunmen}": "Non-state actor overtakes territory"}  # fmt: skip
    records = events_from(model.model_validate(answers), found)
    assert len(records) == len(found.event_sentences())
    by_type = {r.event_type: r for r in records}
    captured = by_type["Non-state actor overtakes territory"]
    assert captured.description.startswith("The break into Rastan and Talbiseh came a day")
    assert captured.status == "attributed"  # "after the Syrian army said ..."
    entered = by_type["Non-violent transfer of territory"]
    assert entered.description.startswith("Pro-government Sham FM said the insurgents entered")
    assert (entered.status, entered.source) == ("attributed", "Pro-government Sham FM")
    for record in records:
        assert found.text[record.grounding.start : record.grounding.end] == record.evidence


def test_every_claim_candidate_becomes_a_claim_with_its_words(found: ArticleCandidates) -> None:
    model = build_call_model("claims", found, {})
    said = {"claimant": "someone", "claimant_type": "media", "kind": "factual assertion",
            "what": "Something happened"}  # fmt: skip
    result = model.model_validate({f"C{n}": said for n in range(1, len(found.claims) + 1)})
    claims = claims_from(result, found)
    assert len(claims) == len(found.claims)
    for claim, candidate in zip(claims, found.claims, strict=True):
        assert claim.quote == found.text[candidate.span.start : candidate.span.end]
        assert claim.claimant == candidate.speaker and claim.grounding.grounded


def test_a_denial_is_read_from_the_words_whatever_the_model_says() -> None:
    """001: 'Syrian military circles rejected reports of a troop withdrawal.'"""
    path = ROOT / "seeds" / "001_d3689e4019bbc6d2.txt"
    found = ArticleCandidates.find(read_article(path), ACTORS)
    number = next(n for n, c in enumerate(found.claims, 1) if c.verb == "rejected")
    said = {"claimant": "army", "claimant_type": "military", "kind": "factual assertion",
            "what": "No withdrawal"}  # fmt: skip
    result = build_call_model("claims", found, {}).model_validate(
        {f"C{n}": said for n in range(1, len(found.claims) + 1)}
    )
    assert claims_from(result, found)[number - 1].kind == "denial"


def test_labels_tied_to_no_actor_are_dropped_and_voice_is_read(found: ArticleCandidates) -> None:
    model = build_call_model("labels", found, {})
    phrases = found.distinct_labels()
    nobody = {"actor": NONE_ACTOR, "connotation": "neutral"}
    answers = {f"L{n}": nobody for n in range(1, len(phrases) + 1)}
    answers[f"L{phrases.index('extremists') + 1}"] = {"actor": ACTORS[0], "connotation": "negative"}
    [label] = labels_from(model.model_validate(answers), found)
    assert label.voice == "quoted" and label.label == "extremists"
    assert found.text[label.grounding.start : label.grounding.end] == label.label


def test_actor_names_are_cleaned_and_merged() -> None:
    names = ["Hayat Tahrir al-Sham", "HTS", " Syrian government. ", "none of these", ""]
    assert clean_actors(names) == ["Hayat Tahrir al-Sham", "Syrian government"]
