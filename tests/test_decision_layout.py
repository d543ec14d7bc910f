"""The v5 layout without a model: what code decides before the model is asked.

Each rule is pinned on sentences from the seeds and on sentences of other stories
and house styles (wire copy, a court report, a political story), because the rules
must hold for any news story.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.finders.actors import StoryActors
from summarizer.finders.event_cues import candidate_types, places, tells_no_happening
from summarizer.finders.label_lexicon import lexicon_connotation
from summarizer.finders.sides import NON_STATE, STATE, label_side, story_actors_by_code
from summarizer.layouts.answer_forms import build_decision_model
from summarizer.layouts.decisions import DecisionCandidates
from summarizer.text.articles import read_article

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


def test_places_are_capitalised_words_that_name_no_actor_and_no_nation() -> None:
    names = frozenset({"Syrian", "army", "HTS"})
    assert places("HTS took control of the city of Homs on Sunday.", names) == {"Homs"}
    assert places("The Syrian army left Syria’s third city, Homs.", names) == {"Homs"}
    assert places("Fighting spread from Kharkiv to Kyiv's outskirts.") == {
        "Fighting",
        "Kharkiv",
        "Kyiv",
    }


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
    from summarizer.finders.candidates import find_actor_names

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
    offered = {q.phrase: q.actors for q in found.label_questions()}
    assert offered["government forces"] == ["Syrian government"]
    assert offered["opposition gunmen"][0] == "Hayat Tahrir al-Sham"
    assert "Syrian government" not in offered["opposition gunmen"]
    assert "syrian army" not in offered  # an actor's own name is not a label
    assert "forces" not in offered  # a bare word for any armed body is not a label


def test_a_label_of_a_nation_outside_the_story_is_not_asked(seeds_story: StoryActors) -> None:
    found = DecisionCandidates.find_for(read_article(SEEDS[2]), seeds_story)
    assert "russian forces" not in {q.phrase for q in found.label_questions()}
    assert "kurdish groups" in {q.phrase for q in found.label_questions()}


def test_only_what_code_cannot_decide_is_asked(seeds_story) -> None:
    found = DecisionCandidates.find_for(read_article(SEEDS[4]), seeds_story)
    schema = build_decision_model("labels", found, {}).model_json_schema()
    asked = found.asked_labels()
    assert len(schema["required"]) == len(asked) < len(found.label_questions())
    tone = {q.phrase for q in asked if q.ask_tone}
    assert "turkish-backed syrian militias" in tone and "jihadi" not in tone
    definitions = schema["$defs"]
    with_tone = [d for d in definitions.values() if "connotation" in d["properties"]]
    assert len(with_tone) == len(tone)
    assert all(set(d["properties"]) == {"connotation"} for d in definitions.values())


def test_events_are_typed_by_their_verbs_and_repeats_merged(seeds_story: StoryActors) -> None:
    from summarizer.layouts.decisions import decision_events_from

    found = DecisionCandidates.find_for(read_article(SEEDS[3]), seeds_story)
    events = decision_events_from(found)
    for event in events:
        assert event.event_type == candidate_types(" ".join(event.evidence.split()))[0]
    captures_of_homs = [
        e for e in events
        if e.event_type == "Non-state actor overtakes territory" and "Homs" in e.evidence
    ]  # fmt: skip
    assert len(captures_of_homs) == 1  # the lead; the quote and the recap are repeats


def test_a_summary_sentence_with_a_number_or_name_the_article_lacks_is_flagged() -> None:
    from summarizer.finders.summary_check import unsupported_sentences

    article = "Rebels took Homs on Sunday. About 3,500 prisoners were freed, the group said."
    summary = "Rebels took Homs. They freed 3,500 prisoners. They freed 4,000 prisoners in Aleppo."
    assert unsupported_sentences(summary, article) == ["They freed 4,000 prisoners in Aleppo."]


def test_pro_and_anti_prefixes_decide_the_side() -> None:
    assert label_side("pro-government fighters") == STATE
    assert label_side("anti-government fighters") == NON_STATE
    assert label_side("armed groups") == NON_STATE


@pytest.mark.parametrize(
    ("sentence", "described"),
    [
        ("According to the Observatory, government troops have also withdrawn from Homs.",
         "Government troops have also withdrawn from Homs"),
        ("Military bloggers report that the rebels have also captured the town of Salamiyah.",
         "The rebels have also captured the town of Salamiyah"),
        ("Police arrested 14 protesters outside parliament, a spokesman said.",
         "Police arrested 14 protesters outside parliament"),
        ("A jury convicted the former executive of fraud on Thursday.",
         "A jury convicted the former executive of fraud on Thursday"),
    ],
)  # fmt: skip
def test_an_events_description_drops_the_attribution_around_it(
    sentence: str, described: str
) -> None:
    from summarizer.finders.event_cues import event_description

    assert event_description(sentence) == described


def test_the_place_an_event_verb_acts_on() -> None:
    from summarizer.finders.event_cues import target_place

    assert target_place("Rebels captured the town of Salamiyah, west of Homs.") == "Salamiyah"
    assert target_place("Homs is the third major city captured by the rebels.") == "Homs"
    assert target_place("After the fall of Hama, thousands fled toward Damascus.") == "Damascus"


def test_a_denial_of_reports_or_a_failure_is_not_a_happening() -> None:
    assert tells_no_happening("Military circles rejected reports of a troop withdrawal.")
    assert tells_no_happening("Years of negotiations have failed to reach an agreement.")
    assert tells_no_happening(", read a joint statement released following the meeting.")
