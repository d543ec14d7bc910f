"""Claim and label candidates found by code: seed sentences and other house styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.finders.candidates import find_claims, find_labels
from summarizer.text.articles import read_article
from summarizer.text.grounding import Span

ROOT = Path(__file__).resolve().parent.parent


def _claims(text: str) -> list[tuple[str, str, str]]:
    found = find_claims(text, [Span(0, len(text))])
    return [(c.speaker, c.speech, text[c.span.start : c.span.end]) for c in found]


def _labels(text: str) -> list[str]:
    return [c.label for c in find_labels(text, [Span(0, len(text))])]


@pytest.mark.parametrize(
    ("sentence", "speaker", "speech", "words"),
    [
        pytest.param(
            "\u201cThe battle of Homs is the mother of all battles and will decide who will rule "
            "Syria,\u201d said Rami Abdurrahman, the Observatory\u2019s chief.",
            "Rami Abdurrahman", "direct", "\u201cThe battle of Homs is the mother of all battles",
            id="seed_quote_then_said_name"),
        pytest.param(
            "Pro-government Sham FM said the insurgents entered Rastan and Talbiseh without "
            "facing any resistance.", "Pro-government Sham FM", "reported",
            "the insurgents entered Rastan", id="seed_x_said_clause"),
        pytest.param(
            "On Friday, according to the Observatory, the army also withdrew from the city of "
            "Deir Essor in the east of the country.", "the Observatory", "reported",
            "the army also withdrew", id="seed_according_to_in_the_middle"),
        pytest.param(
            "State news agency SANA quoted an unnamed military official as saying Friday that "
            "Syrian and Russian air force are attacking insurgents in Hama province.",
            "an unnamed military official", "reported", "Syrian and Russian air force",
            id="seed_quoted_as_saying"),
        pytest.param(
            "ERBIL, Kurdistan Region - Syrian rebels led by the Hay\u2019at Tahrir al-Sham (HTS) "
            "on Sunday announced that they had taken full control of the strategic city of Homs.",
            "Syrian rebels led by the Hay\u2019at Tahrir al-Sham (HTS)", "reported",
            "they had taken full control", id="seed_dateline_and_weekday_stripped"),
        pytest.param(
            "\u201cWe will not be lectured on prudence by people who emptied the treasury,\u201d "
            "the finance minister, a former banker, told parliament on Tuesday.",
            "the finance minister", "direct", "\u201cWe will not be lectured",
            id="politics_quote_with_appositive"),
        pytest.param(
            "The defendant denied that he had ever signed the contracts, his lawyer told the "
            "court.", "his lawyer", "reported", "The defendant denied that he had ever signed",
            id="court_trailing_attribution"),
        pytest.param(
            "Unemployment rose to 5.2% in March, according to figures from the statistics office.",
            "figures from the statistics office", "reported", "Unemployment rose to 5.2% in March",
            id="wire_according_to_at_the_end"),
    ],
)  # fmt: skip
def test_a_claim_candidate_names_its_speaker_and_words(
    sentence: str, speaker: str, speech: str, words: str
) -> None:
    [(found_speaker, found_speech, found_words)] = _claims(sentence)
    assert found_speaker == speaker and found_speech == speech
    assert found_words.startswith(words)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The city of Homs is a major intersection point between the capital and "
                     "the coast.", id="outlet_own_sentence"),
        pytest.param("The Syrian army also withdrew from Deir Ezzor under an \u201cagreement\u201d "
                     "with the SDF.", id="scare_quote_is_not_a_claim"),
        pytest.param("Smoke is also said to be rising from the state television building.",
                     id="passive_said_has_no_speaker"),
    ],
)  # fmt: skip
def test_no_claim_candidate_without_a_named_speaker(sentence: str) -> None:
    assert _claims(sentence) == []


def test_a_quotation_running_across_sentences_is_one_candidate() -> None:
    text = (
        "\u201cIf we talk about goals, the goal of the revolution remains the overthrow of this "
        "regime. It is our right to use all available means,\u201d al-Julani said."
    )
    [(speaker, speech, words)] = _claims(text)
    assert speaker == "al-Julani" and speech == "direct" and "It is our right" in words


def test_every_seed_yields_candidates_only_inside_its_body() -> None:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        article = read_article(path)
        for candidate in find_claims(article.text, article.body):
            assert article.searchable().in_body(candidate.span), (path.name, candidate)


@pytest.mark.parametrize(
    ("sentence", "labels"),
    [
        pytest.param("Over the past 10 days, HTS and SNA fighters have taken control of Aleppo.",
                     ["fighters"], id="names_kept_out_of_the_label"),
        pytest.param("The offensive is led by an umbrella group of Turkish-backed Syrian militias.",
                     ["group", "Turkish-backed Syrian militias"],
                     id="modifiers_as_written"),
        pytest.param("The break came a day after opposition gunmen captured the city.",
                     ["opposition gunmen"], id="noun_modifier"),
        pytest.param("The Syrian Arab Army and the Lebanese Armed Forces moved troops north.",
                     ["troops"], id="proper_names_are_not_labels"),
        pytest.param("Separatist militants ambushed a convoy, the interior ministry said, calling "
                     "them terrorists.", ["Separatist militants", "terrorists"],
                     id="another_conflict"),
        pytest.param("The junta's soldiers fired on protesters near the capital.",
                     ["soldiers"], id="possessive_is_not_a_modifier"),
    ],
)  # fmt: skip
def test_label_candidates(sentence: str, labels: list[str]) -> None:
    assert _labels(sentence) == labels
