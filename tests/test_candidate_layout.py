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


def test_the_model_picks_sentence_numbers_and_candidate_ids_from_enums(
    found: ArticleCandidates,
) -> None:
    events = build_call_model("events", found, {}).model_json_schema()
    pick = events["$defs"]["EventPick"]["properties"]
    assert pick["sentence"]["enum"] == list(range(1, len(found.sentences) + 1))
    claims = build_call_model("claims", found, {}).model_json_schema()
    ids = claims["$defs"]["ClaimDecision"]["properties"]["id"]["enum"]
    assert ids == [f"C{n}" for n in range(1, len(found.claims) + 1)]
    labels = build_call_model("labels", found, {}).model_json_schema()
    assert labels["$defs"]["LabelDecision"]["properties"]["actor"]["enum"] == [*ACTORS, NONE_ACTOR]


def test_event_status_is_read_from_the_sentence(found: ArticleCandidates) -> None:
    model = build_call_model("events", found, {})
    sham = _number(found, "Pro-government Sham FM said")
    gunmen = _number(found, "opposition gunmen captured")
    result = model.model_validate({"events": [
        {"sentence": sham, "event_type": "Non-violent transfer of territory",
         "description": "Insurgents entered two towns."},
        {"sentence": sham, "event_type": "Non-violent transfer of territory",
         "description": "Insurgents entered two towns."},
        {"sentence": gunmen, "event_type": "Non-state actor overtakes territory",
         "description": "Gunmen captured Hama."},
    ]})  # fmt: skip
    records = events_from(result, found)
    assert len(records) == 2  # the repeat is dropped
    assert (records[0].status, records[0].source) == ("attributed", "Pro-government Sham FM")
    assert records[1].status == "attributed"  # "after the Syrian army said ..."
    for record in records:
        assert found.text[record.grounding.start : record.grounding.end] == record.evidence


def test_kept_claims_carry_the_candidate_words_and_speaker(found: ArticleCandidates) -> None:
    model = build_call_model("claims", found, {})
    result = model.model_validate({"claims": [{
        "id": "C1", "claimant": "opposition activists and pro-government media",
        "claimant_type": "media", "kind": "factual assertion",
        "paraphrase": "Insurgents entered two towns north of Homs.",
    }]})  # fmt: skip
    [claim] = claims_from(result, found)
    candidate = found.claims[0]
    assert claim.quote == found.text[candidate.span.start : candidate.span.end]
    assert claim.claimant == candidate.speaker and claim.grounding.grounded


def test_labels_tied_to_no_actor_are_dropped_and_voice_is_read(found: ArticleCandidates) -> None:
    model = build_call_model("labels", found, {})
    takfiri = next(n for n, c in enumerate(found.labels, 1) if "extremists" in c.label)
    result = model.model_validate({"labels": [
        {"id": "L1", "actor": "HTS-led rebels", "connotation": "neutral"},
        {"id": "L2", "actor": NONE_ACTOR, "connotation": "neutral"},
        {"id": f"L{takfiri}", "actor": "HTS-led rebels", "connotation": "negative"},
    ]})  # fmt: skip
    labels = labels_from(result, found)
    assert [label.voice for label in labels] == ["outlet", "quoted"]
    assert all(found.text[x.grounding.start : x.grounding.end] == x.label for x in labels)


def test_actor_names_are_cleaned_and_merged() -> None:
    names = ["Hayat Tahrir al-Sham", "HTS", " Syrian government. ", "none of these", ""]
    assert clean_actors(names) == ["Hayat Tahrir al-Sham", "Syrian government"]
