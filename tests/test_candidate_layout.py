"""The v4 layout without a model: response models, and turning decisions into records."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.articles import read_article
from summarizer.candidate_layout import (
    NONE_ACTOR,
    ArticleCandidates,
    build_call_model,
    claims_from,
    clean_actors,
    events_from,
    labels_from,
)

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


def _answers(found: ArticleCandidates, prefix: str, count: int, default: object,
             chosen: dict[int, object]) -> dict[str, object]:  # fmt: skip
    return {f"{prefix}{n}": chosen.get(n, default) for n in range(1, count + 1)}


def test_event_types_become_records_described_by_their_sentence(found: ArticleCandidates) -> None:
    model = build_call_model("events", found, {})
    sham = _number(found, "Pro-government Sham FM said")
    gunmen = _number(found, "opposition gunmen captured")
    answers = {f"s{n}": "none" for n in found.event_sentences()}
    answers |= {f"s{sham}": "Non-violent transfer of territory",
                f"s{gunmen}": "Non-state actor overtakes territory"}  # fmt: skip
    records = events_from(model.model_validate(answers), found)
    assert [r.event_type for r in records] == [
        "Non-state actor overtakes territory", "Non-violent transfer of territory",
    ]  # fmt: skip
    assert records[0].description.startswith("The break into Rastan and Talbiseh came a day")
    assert records[0].status == "attributed"  # "after the Syrian army said ..."
    assert records[1].description.startswith("Pro-government Sham FM said the insurgents entered")
    assert (records[1].status, records[1].source) == ("attributed", "Pro-government Sham FM")
    for record in records:
        assert found.text[record.grounding.start : record.grounding.end] == record.evidence


def test_kept_claims_carry_the_candidate_words_and_speaker(found: ArticleCandidates) -> None:
    model = build_call_model("claims", found, {})
    kept = {"claimant": "opposition activists", "claimant_type": "media",
            "kind": "factual assertion", "what": "Insurgents entered two towns"}  # fmt: skip
    result = model.model_validate(_answers(found, "C", len(found.claims), "reject", {1: kept}))
    [claim] = claims_from(result, found)
    candidate = found.claims[0]
    assert claim.quote == found.text[candidate.span.start : candidate.span.end]
    assert claim.claimant == candidate.speaker and claim.grounding.grounded


def test_labels_tied_to_no_actor_are_dropped_and_voice_is_read(found: ArticleCandidates) -> None:
    model = build_call_model("labels", found, {})
    phrases = found.distinct_labels()
    nobody = {"actor": NONE_ACTOR, "connotation": "neutral"}
    rebels = {"actor": "HTS-led rebels", "connotation": "negative"}
    chosen = {phrases.index("extremists") + 1: rebels}
    result = model.model_validate(_answers(found, "L", len(phrases), nobody, chosen))
    [label] = labels_from(result, found)
    assert label.voice == "quoted" and label.label == "extremists"
    assert found.text[label.grounding.start : label.grounding.end] == label.label


def test_actor_names_are_cleaned_and_merged() -> None:
    names = ["Hayat Tahrir al-Sham", "HTS", " Syrian government. ", "none of these", ""]
    assert clean_actors(names) == ["Hayat Tahrir al-Sham", "Syrian government"]
