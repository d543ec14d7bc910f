"""The v5 layout without a model: what code decides before the model is asked.

Each rule is pinned on sentences from the seeds and on sentences of other stories
and house styles (wire copy, a court report, a political story), because the rules
must hold for any news story.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.articles import read_article
from summarizer.candidate_layout import NONE_ACTOR
from summarizer.decision_layout import (
    DecisionCandidates,
    StoryActors,
    build_decision_model,
    story_actors_by_code,
)
from summarizer.event_cues import candidate_types, places, tells_no_happening
from summarizer.label_lexicon import NON_STATE, STATE, label_side, lexicon_connotation

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        ("They quickly took control of the northern city of Aleppo.",
         "Non-state actor overtakes territory"),
        ("The army also withdrew from the city of Deir Essor.",
         "Non-violent transfer of territory"),
        ("Russian warplanes bombed the bridge overnight.", "Air/drone strike"),
        ("Separatists shelled the outskirts of Donetsk on Tuesday.",
         "Shelling/artillery/missile attack"),
        ("Police arrested 14 protesters outside parliament in Tbilisi.", "Arrests"),
        ("The two sides signed a ceasefire agreement in Doha.", "Agreement"),
        ("Thousands rallied in Buenos Aires against the reform.", "Protests"),
    ],
)  # fmt: skip
def test_the_verb_narrows_the_event_type(sentence: str, first: str) -> None:
    types = candidate_types(sentence)
    assert types[0] == first
    assert len(types) <= 6


def test_a_sentence_with_no_cue_is_offered_other_first() -> None:
    assert candidate_types("The ministry published its annual figures.")[0] == "Other"


@pytest.mark.parametrize(
    "sentence",
    [
        "If the Islamists also take Homs, this would cut off the capital from the coast.",
        "The insurgents have said that they will march to the capital.",
        "The court could rule on the appeal as early as next week.",
        "Damascus has yet to confirm the withdrawal.",
        "The conflict, which began in 2011 after a crackdown on protests, has seen many powers.",
        "Protesters threatened to occupy the square.",
    ],
)
def test_hypotheticals_plans_and_background_are_not_events(sentence: str) -> None:
    assert tells_no_happening(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Syrian insurgents entered two central towns early Friday.",
        "A jury in Manhattan convicted the former executive of fraud on Thursday.",
        "Troops withdrew from the eastern Deir Ezzor governorate earlier this week.",
    ],
)
def test_reported_happenings_are_events(sentence: str) -> None:
    assert not tells_no_happening(sentence)


def test_places_are_the_capitalised_words_after_a_preposition_of_place() -> None:
    assert places("Rebels took control of the city of Homs on Sunday.") == {"Homs"}
    assert places("Fighting spread from Kharkiv to the outskirts of Kyiv.") == {"Kharkiv", "Kyiv"}


@pytest.mark.parametrize(
    ("label", "tone"),
    [
        ("terrorists", "negative"), ("Islamist rebels", "negative"), ("regime forces", "negative"),
        ("opposition gunmen", "negative"), ("rebels", "neutral"), ("government troops", "neutral"),
        ("anti-regime groups", "neutral"), ("moderates", "positive"),
        ("legitimate opposition", "positive"), ("freedom fighters", "positive"),
        ("protesters", None), ("Turkish-backed Syrian militias", None),
    ],
)  # fmt: skip
def test_listed_words_decide_the_connotation(label: str, tone: str | None) -> None:
    assert lexicon_connotation(label) == tone


@pytest.mark.parametrize(
    ("label", "side"),
    [
        ("government forces", STATE), ("regime", STATE), ("the junta", STATE),
        ("opposition forces", NON_STATE), ("anti-regime forces", NON_STATE),
        ("separatists", NON_STATE), ("Maoist guerrillas", NON_STATE), ("forces", None),
        ("allies", None),
    ],
)  # fmt: skip
def test_a_labels_words_say_which_side_it_can_name(label: str, side: str | None) -> None:
    assert label_side(label) == side


def test_story_actors_merge_a_nations_state_names_and_spelling_variants() -> None:
    story = story_actors_by_code([
        "Burmese army", "Arakan Army", "Burmese military", "Burmese government",
        "Reuters News Agency", "Arakan  Army", "People's Defence Force",
    ])  # fmt: skip
    assert story.names[0] == "Burmese government"
    assert story.sides["Burmese government"] == STATE
    assert story.aliases["Burmese government"][:3] == [
        "Burmese army",
        "Burmese military",
        "Burmese government",
    ]
    assert story.sides["Arakan Army"] == NON_STATE  # an army, not a nation's
    assert "Reuters News Agency" not in story.names
    assert sum(1 for name in story.names if "Arakan" in name) == 1


@pytest.fixture(scope="module")
def seeds_story() -> StoryActors:
    from summarizer.candidates import find_actor_names

    return story_actors_by_code(find_actor_names([read_article(p).body_text for p in SEEDS]))


def test_a_page_header_glued_to_the_first_sentence_is_cut_off(seeds_story: StoryActors) -> None:
    found = DecisionCandidates.find_for(read_article(SEEDS[2]), seeds_story)
    lead = next(s for s in found.sentences if "Islamist faction" in found.words(s))
    assert found.words(lead).startswith("Rebels, led by the Islamist faction")


def test_headlines_are_not_event_candidates(seeds_story: StoryActors) -> None:
    for path in SEEDS:
        found = DecisionCandidates.find_for(read_article(path), seeds_story)
        headline = found.words(found.sentences[0])
        assert 1 not in found.event_sentences(), headline


def test_labels_are_offered_their_sides_actors_nearest_first(seeds_story: StoryActors) -> None:
    found = DecisionCandidates.find_for(read_article(SEEDS[4]), seeds_story)
    offered = {phrase: actors for phrase, actors, _ in found.label_phrases()}
    assert offered["government forces"][0] == "Syrian government"
    assert "Syrian government" not in offered["opposition gunmen"]
    assert offered["opposition gunmen"][-1] == NONE_ACTOR
    assert "syrian army" not in offered  # an actor's own name is not a label


def test_a_foreign_label_offers_none_of_these_first(seeds_story: StoryActors) -> None:
    found = DecisionCandidates.find_for(read_article(SEEDS[2]), seeds_story)
    offered = {phrase: actors for phrase, actors, _ in found.label_phrases()}
    assert offered["russian forces"][0] == NONE_ACTOR


def test_connotation_is_asked_only_where_no_listed_word_decides(seeds_story) -> None:
    found = DecisionCandidates.find_for(read_article(SEEDS[4]), seeds_story)
    schema = build_decision_model("labels", found, {}).model_json_schema()
    asked = {phrase for phrase, _, ask in found.label_phrases() if ask}
    assert "turkish-backed syrian militias" in asked and "jihadi" not in asked
    definitions = schema["$defs"]
    with_tone = [d for d in definitions.values() if "connotation" in d["properties"]]
    assert len(with_tone) == len(asked)


def test_event_types_offered_per_sentence_are_the_cues(seeds_story: StoryActors) -> None:
    found = DecisionCandidates.find_for(read_article(SEEDS[0]), seeds_story)
    schema = build_decision_model("events", found, {}).model_json_schema()
    for n in found.event_sentences():
        offered = schema["properties"][f"s{n}"]["enum"]
        assert offered == candidate_types(found.words(found.sentences[n - 1]))
