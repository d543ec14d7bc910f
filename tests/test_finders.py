"""The any-story finders (prompt v6) on sentences of other subjects and house styles.

Every text here is written for the test (sport, business, courts, local politics,
science, a flood, a strike): none comes from the seeds or the dev set.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.finders.claim_kinds import claim_kind_cue
from summarizer.finders.claims import find_claims
from summarizer.finders.events import event_sense_types, tells_a_happening_v6
from summarizer.finders.labels import find_labels, label_tone
from summarizer.finders.names import NameBook
from summarizer.text.grounding import Span
from summarizer.text.syntok_sentences import SyntokIndex, syntok_spans


def _claims(text: str) -> list[tuple[str, str, str]]:
    """(claimant, verb, claimed words) of every claim in ``text``, one paragraph a line."""
    body = _paragraphs(text)
    found = find_claims(text, body, SyntokIndex(text), NameBook(text))
    return [(c.claimant, c.verb, text[c.span.start : c.span.end]) for c in found]


def _paragraphs(text: str) -> list[Span]:
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return spans


def _labels(text: str) -> list[tuple[str, str, str]]:
    found = find_labels(text, _paragraphs(text), NameBook(text), [])
    return [(label.label, label.actor, label.voice) for label in found]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The U.S. envoy met Mr. Smith at 4 p.m. on Dec. 6 in Portland.", id="abbreviations"
        ),
        pytest.param("Gen. Maria Ortiz said the drill went well.", id="rank"),
        pytest.param('"We will appeal," Rep. Dana Hill said on Monday.', id="unknown_honorific"),
    ],
)
def test_syntok_keeps_abbreviations_inside_their_sentence(text: str) -> None:
    assert syntok_spans(text) == [Span(0, len(text))]


def test_a_line_is_never_joined_to_the_next() -> None:
    text = "Council Approves Budget\nThe council approved the budget on Tuesday."
    assert [text[s.start : s.end] for s in syntok_spans(text)] == [
        "Council Approves Budget",
        "The council approved the budget on Tuesday.",
    ]


def test_a_quote_attributed_after_it_names_the_speaker_in_full() -> None:
    text = (
        "Coach Tomas Berg of the Harbor City Owls watched the final from the bench.\n"
        '"We played our hearts out tonight," Mr. Berg told reporters.'
    )
    assert _claims(text) == [("Tomas Berg", "told", '"We played our hearts out tonight,"')]


def test_a_pronoun_speaker_is_the_person_named_in_the_sentence_before() -> None:
    text = (
        "Mayor Lena Ortiz defended the new parking rules at a hearing.\n"
        "\u201cThese rules will save the downtown shops,\u201d she said."
    )
    [(claimant, verb, _)] = _claims(text)
    assert (claimant, verb) == ("Lena Ortiz", "said")


def test_colon_introduced_speech_and_tweets_are_claims() -> None:
    text = 'The striker Ana Costa tweeted Saturday: "I am staying at this club for good."'
    assert _claims(text) == [("Ana Costa", "tweeted", '"I am staying at this club for good."')]


def test_a_multi_sentence_quotation_is_one_claim() -> None:
    text = '"The bridge is safe. We checked every bolt twice," said Priya Nair, the city engineer.'
    [(claimant, verb, words)] = _claims(text)
    assert claimant == "Priya Nair" and verb == "said"
    assert words == '"The bridge is safe. We checked every bolt twice,"'


def test_a_paragraph_that_opens_with_a_quotation_continues_the_last_speaker() -> None:
    text = (
        '"We expect a strong quarter," said Jonas Weber, the chief executive of Lumen Foods.\n'
        '"Our new plant in the north opens next spring."'
    )
    claims = _claims(text)
    assert [c[0] for c in claims] == ["Jonas Weber", "Jonas Weber"]


def test_reported_speech_names_its_speaker_and_keeps_the_clause() -> None:
    text = "The company's lawyers argued that the contract had expired in March."
    [(claimant, verb, words)] = _claims(text)
    assert (claimant, verb) == ("company's lawyers", "argued")
    assert words.startswith("argued that the contract")


def test_according_to_and_quoted_as_saying_attribute_to_the_source() -> None:
    text = (
        "According to the regional weather service, the river rose two metres overnight.\n"
        "The local paper quoted a fire brigade officer as saying that three homes were flooded."
    )
    claims = _claims(text)
    assert [c[0] for c in claims] == ["regional weather service", "a fire brigade officer"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Professor Elena Park told the news agency.", id="to_whom_only"),
        pytest.param("Professor Elena Park said in a statement.", id="where_only"),
        pytest.param("The report said nothing about wages.", id="a_noun_report"),
        pytest.param("It was a good day, the weather was fine and the fans sang.", id="no_speaker"),
    ],
)
def test_no_claim_without_something_said_by_someone(text: str) -> None:
    assert _claims(text) == []


def test_a_dateline_is_no_part_of_the_claimant() -> None:
    text = "LYON \u2014 Union leaders said the strike would continue until Friday."
    [(claimant, _, _)] = _claims(text)
    assert claimant == "Union leaders"


def test_a_title_before_a_name_is_a_label_of_that_person() -> None:
    labels = _labels("Finance Minister Olga Berg presented the budget on Tuesday.")
    assert ("Finance Minister", "Olga Berg", "outlet") in labels


def test_an_apposition_is_a_label_and_the_description_refers_back() -> None:
    text = (
        "Karl Jensen, the chief executive of Nordvik Shipping, resigned on Monday.\n"
        "The chief executive had led the firm for a decade."
    )
    labels = _labels(text)
    assert ("chief executive of Nordvik Shipping", "Karl Jensen", "outlet") in labels
    assert ("chief executive", "Karl Jensen", "outlet") in labels


def test_group_nouns_with_qualifiers_are_labels_but_names_are_not() -> None:
    text = (
        "Angry farmers blocked the road while Harbor City Police watched.\n"
        "Senior officials at the Coastal Fisheries Agency declined to comment."
    )
    labels = [label for label, _, _ in _labels(text)]
    assert "Angry farmers" not in labels  # 'angry' qualifies, 'farmers' is no group head here
    assert "Senior officials" in labels
    assert "Harbor City Police" not in labels and "Police" not in labels


def test_a_label_inside_quotation_marks_is_quoted() -> None:
    text = 'A fan shouted that the owners were "greedy bullies" as local officials left.'
    found = find_labels(text, _paragraphs(text), NameBook(text), [Span(35, 50)])
    assert [(label.label, label.voice) for label in found] == [("local officials", "outlet")]


@pytest.mark.parametrize(
    ("label", "tone"),
    [
        pytest.param("corrupt officials", "negative", id="charged"),
        pytest.param("lone gunman", "neutral", id="descriptive_head"),
        pytest.param("paramilitary militia", "neutral", id="militia_describes"),
        pytest.param("heroes of the flood", "positive", id="approving"),
        pytest.param("anti-corruption campaigners", None, id="unknown_left_to_the_model"),
    ],
)
def test_a_labels_tone_comes_from_its_words(label: str, tone: str | None) -> None:
    assert label_tone(label) == tone


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        pytest.param(
            "The club fired its head coach on Sunday after a fifth defeat.",
            "Other",
            id="fired_a_person",
        ),
        pytest.param(
            "Police fired on protesters outside the factory on Sunday.",
            "Attack",
            id="fired_on_people",
        ),
        pytest.param(
            "The scandal destroyed his career in a matter of weeks.",
            "Other",
            id="destroyed_a_career",
        ),
        pytest.param(
            "Rioters destroyed three shops and a bank on Main Street.",
            "Looting/property destruction",
            id="destroyed_property",
        ),
        pytest.param(
            "The state police took over the investigation on Friday.",
            "Other",
            id="took_over_a_case",
        ),
        pytest.param(
            "A camera captured the moment the roof collapsed.", "Other", id="captured_on_camera"
        ),
        pytest.param(
            "The two firms struck a deal worth two billion on Monday.",
            "Agreement",
            id="struck_a_deal",
        ),
    ],
)
def test_a_typed_verb_counts_only_in_its_sense(sentence: str, first: str) -> None:
    assert event_sense_types(sentence)[0] == first


@pytest.mark.parametrize(
    ("sentence", "outside", "expected"),
    [
        pytest.param(
            "The senate passed the farm bill on Thursday night.",
            None,
            True,
            id="past_action_at_a_named_time",
        ),
        pytest.param(
            "The farm bill is popular with rural voters.", None, False, id="a_state_not_a_happening"
        ),
        pytest.param(
            "The union is trying to prevent the next strike on Friday.",
            None,
            False,
            id="an_attempt",
        ),
        pytest.param(
            '"They attacked us on Friday," the driver said.',
            "__________ ________ __ ___ ______ the driver said.",
            False,
            id="a_quotation_is_a_claim",
        ),
    ],
)
def test_what_tells_a_happening(sentence: str, outside: str | None, expected: bool) -> None:
    assert tells_a_happening_v6(sentence, outside or sentence) is expected


TEXTS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400
) | st.lists(
    st.sampled_from(['"', "\u201c", "\u201d", "Mr.", "said", "he", ",", ".", "\n", "the",
                     "Anna", "Berg", "told", ":", "according to", "Senator", "officials"]),
    max_size=60,
).map(" ".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_the_finders_never_raise_and_stay_inside_the_text(text: str) -> None:
    body = _paragraphs(text)
    names = NameBook(text)
    index = SyntokIndex(text)
    for span in index.spans:
        assert 0 <= span.start < span.end <= len(text)
    for claim in find_claims(text, body, index, names):
        assert 0 <= claim.span.start < claim.span.end <= len(text)
    for label in find_labels(text, body, names, []):
        assert 0 <= label.span.start < label.span.end <= len(text)
        assert text[label.span.start : label.span.end].strip(" ,.;:") == label.label
    for span in index.spans:
        words = text[span.start : span.end]
        event_sense_types(words)
        tells_a_happening_v6(words, words)


def test_he_and_she_agree_with_the_articles_honorifics() -> None:
    text = (
        "Ms. Ines Varga met Mr. Paul Roth at the port authority on Monday.\n"
        "\u201cThe harbour stays open all winter,\u201d he said."
    )
    [(claimant, _, _)] = _claims(text)
    assert claimant == "Paul Roth"


def test_a_role_speaker_is_the_person_who_holds_that_title() -> None:
    text = (
        "Chancellor Mira Holt opened the session on Tuesday.\n"
        '"We will balance the budget," the chancellor said.'
    )
    [(claimant, _, _)] = _claims(text)
    assert claimant == "Mira Holt"


def test_a_statement_is_attributed_to_its_source() -> None:
    text = (
        "The county hospital issued a statement saying that the patient was in stable "
        "condition after surgery."
    )
    [(claimant, verb, _)] = _claims(text)
    assert (claimant, verb) == ("county hospital", "saying")


def test_a_quotation_attributed_later_in_its_sentence_has_that_speaker() -> None:
    text = 'After the flood, "the pumps could not keep up" downtown, said Iris Lund, the mayor.'
    claims = _claims(text)
    assert ("Iris Lund", "said", '"the pumps could not keep up"') in claims


def test_calls_on_reports_a_call_to_action() -> None:
    text = "In a video, the union's leader, Marta Silva, calls on workers to stay home on Monday."
    [(claimant, verb, _)] = _claims(text)
    assert (claimant, verb) == ("Marta Silva", "calls")


@pytest.mark.parametrize(
    ("words", "verb", "kind"),
    [
        pytest.param("urged the council to reopen the library", "urged", "call to action",
                     id="urged"),
        pytest.param('"The city must fix the bridge now,"', "said", "call to action",
                     id="must"),
        pytest.param('"We will open a second plant next year,"', "said", "prediction or intention",
                     id="will"),
        pytest.param("the storm destroyed two houses and a barn on the coast", "said",
                     "factual assertion", id="a_happening"),
        pytest.param('"This is the best team I have coached,"', "said", None,
                     id="left_to_the_model"),
    ],
)
def test_a_claims_own_words_decide_its_kind_where_they_can(
    words: str, verb: str, kind: str | None
) -> None:
    assert claim_kind_cue(words, verb) == kind
