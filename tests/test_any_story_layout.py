"""The v6 layout: the any-story finders wired into v5's division of work."""

from __future__ import annotations

from pathlib import Path

from summarizer.finders.actors import StoryActors
from summarizer.layouts import LAYOUTS
from summarizer.layouts.any_story import CLAIMS_PER_REQUEST, AnyStoryCandidates
from summarizer.layouts.prompts import load_prompt
from summarizer.text.articles import read_article

ARTICLE = """Council Votes To Close Two Libraries
HARBOR TIMES | 2031-03-04

Mayor Lena Ortiz defended the plan at a packed hearing on Tuesday.

{quotes}

The council approved the closures on Tuesday night by five votes to four.
"""


def _names(count: int) -> list[str]:
    first = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jan", "Kai", "Lia"]
    return [f"{first[n % 12]} Berg{'e' * (n // 12)}" for n in range(count)]


def _article(tmp_path: Path, quotes: int) -> AnyStoryCandidates:
    lines = "\n\n".join(
        f'"Branch number {n} costs us more than it serves," said resident {name}.'
        for n, name in zip(range(1, quotes + 1), _names(quotes), strict=True)
    )
    path = tmp_path / "harbor.txt"
    path.write_text(ARTICLE.format(quotes=lines), encoding="utf-8")
    found = LAYOUTS["any_story"].find(read_article(path), StoryActors([]))
    assert isinstance(found, AnyStoryCandidates)
    return found


def test_v6_names_the_any_story_layout() -> None:
    prompt = load_prompt("v6")
    assert prompt.layout == "any_story"
    assert [call.name for call in prompt.calls] == ["claims", "labels", "overview"]


def test_a_quote_heavy_article_asks_its_claims_in_batches(tmp_path: Path) -> None:
    found = _article(tmp_path, quotes=23)
    assert len(found.claims) == 23
    prompt = load_prompt("v6")
    [claims] = [call for call in prompt.calls if call.name == "claims"]
    requests = [q for q in LAYOUTS["any_story"].questions(found, prompt) if q.call is claims]
    assert [len(q.response_model.model_fields) for q in requests] == [10, 10, 3]
    assert CLAIMS_PER_REQUEST == 10
    assert list(requests[2].response_model.model_fields) == ["C21", "C22", "C23"]
    assert requests[1].variables["claim_candidates"].startswith("C11 ")


def test_events_titles_and_claims_of_a_story_the_rules_never_saw(tmp_path: Path) -> None:
    found = _article(tmp_path, quotes=2)
    events = [found.words(found.sentences[n - 1]) for n in found.event_sentences()]
    assert events == [
        "Mayor Lena Ortiz defended the plan at a packed hearing on Tuesday.",
        "The council approved the closures on Tuesday night by five votes to four.",
    ]
    assert [(label.label, label.actor) for label in found.story_labels] == [("Mayor", "Lena Ortiz")]
    assert found.claimants == ["Ana Berg", "Ben Berg"]
    assert [claim.speaker for claim in found.claims] == ["resident Ana Berg", "resident Ben Berg"]
