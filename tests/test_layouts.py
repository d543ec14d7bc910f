"""The layout protocol: one registry, and a new layout needs no change to the driver."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import instructor
import openai
import pytest

from summarizer.errors import UsageError
from summarizer.finders.actors import StoryActors
from summarizer.layouts import LAYOUTS, Answers, Parts, Question, layout_of, register
from summarizer.layouts.base import NoCorpusPass
from summarizer.layouts.prompts import PromptCall, PromptVersion, list_versions, load_prompt
from summarizer.llm.providers import ModelConfig
from summarizer.run.extract import extract_article
from summarizer.schemas import FrameRecord, FramingRecord, Grounding
from summarizer.text.articles import Article, read_article

ROOT = Path(__file__).resolve().parent.parent


class FirstLineOnly(NoCorpusPass):
    """A layout written outside the package: the headline as summary and frame, no call."""

    code_components: ClassVar[tuple[str, ...]] = ("events", "claims", "actor_labels")

    def check_call(self, call: PromptCall) -> str | None:
        return None

    def find(self, article: Article, story: StoryActors) -> Article:
        return article

    def questions(self, found: Article, prompt: PromptVersion) -> list[Question]:
        return []

    def record(self, found: Article, answers: Answers) -> Parts:
        line = found.text.splitlines()[0]
        start = found.text.index(line)
        shown = Grounding(start=start, end=start + len(line), grounded=True, problem=None)
        frame = FrameRecord(frame="Political", evidence=line, grounding=shown)
        return Parts(line, [], [], [], FramingRecord(primary=frame, secondary=[]))


@pytest.fixture
def first_line_only() -> Iterator[None]:
    """The layout registered for one test (the registry is the process's)."""
    register("first_line_only")(FirstLineOnly)
    yield
    LAYOUTS.pop("first_line_only")


def _version(folder: Path, layout: str) -> Path:
    version = folder / "vx"
    version.mkdir(parents=True)
    (version / "system.md.j2").write_text("Article {{ article_id }}.\n", encoding="utf-8")
    (version / "overview.md.j2").write_text("Summarise.\n", encoding="utf-8")
    (version / "prompt.toml").write_text(
        'system = "system.md.j2"\n[[calls]]\nname = "overview"\ntemplate = "overview.md.j2"\n'
        f'components = ["metadata", "summary", "framing"]\nlayout = "{layout}"\n',
        encoding="utf-8",
    )
    return folder


def test_every_layout_a_released_version_names_is_registered_once() -> None:
    assert {"items", "sentence_walk", "candidates", "decisions", "any_story"} <= set(LAYOUTS)
    assert LAYOUTS["items"] is LAYOUTS["sentence_walk"]  # v2 and v3 mix the two call shapes
    for version in ("v1", "v2", "v3", "v4", "v5", "v6"):
        prompt = load_prompt(version)
        assert layout_of(prompt) is LAYOUTS[prompt.calls[0].layout]
    with pytest.raises(ValueError, match="registered twice"):
        register("items")(FirstLineOnly)


@pytest.mark.usefixtures("first_line_only")
def test_a_new_layout_is_a_class_and_a_prompt_folder(tmp_path: Path) -> None:
    prompts = _version(tmp_path / "prompts", "first_line_only")
    assert "vx" in list_versions(prompts)
    prompt = load_prompt("vx", prompts)
    client = instructor.from_openai(openai.OpenAI(api_key="unused", base_url="http://127.0.0.1:9"))
    article = read_article(ROOT / "seeds" / "004_1d4940750912eb2c.txt")
    config = ModelConfig(provider="local", model="none", base_url="http://127.0.0.1:9")
    record = extract_article(client, article, prompt, config)
    assert record.summary == article.text.splitlines()[0]
    assert record.run.usage.calls == 0 and record.run.prompt_version == "vx"
    assert record.framing.primary is not None and record.framing.primary.grounding.grounded


def test_a_manifest_naming_an_unknown_layout_is_one_clear_error(tmp_path: Path) -> None:
    prompts = _version(tmp_path / "prompts", "nonesuch")
    with pytest.raises(UsageError, match="a call's layout is one of") as raised:
        load_prompt("vx", prompts)
    assert "any_story" in str(raised.value) and "prompt.toml" in str(raised.value)


def test_questions_carry_what_the_driver_sends(tmp_path: Path) -> None:
    """v6's claims call: batches of ten, each a question with halves for a cut-off reply."""
    prompt = load_prompt("v6")
    layout: Any = layout_of(prompt)
    found = layout.find(read_article(ROOT / "seeds" / "004_1d4940750912eb2c.txt"), StoryActors([]))
    claims = next(call for call in prompt.calls if call.name == "claims")
    questions = [q for q in layout.questions(found, prompt) if q.call is claims]
    assert questions and all(q.stand_in and q.call is claims for q in questions)
    halves = questions[0].halves() if questions[0].halves else []
    fields = [len(h.response_model.model_fields) for h in halves]
    assert sum(fields) == len(questions[0].response_model.model_fields)


def test_v3s_walk_is_made_from_the_sides_its_overview_names() -> None:
    """The one question that needs an earlier answer is prepared when it is asked."""
    article = read_article(ROOT / "seeds" / "004_1d4940750912eb2c.txt")
    for version, prepared in (("v2", False), ("v3", True)):
        prompt = load_prompt(version)
        layout: Any = layout_of(prompt)
        questions = layout.questions(layout.find(article, StoryActors([])), prompt)
        walk = [q for q in questions if q.call.layout == "sentence_walk"]
        assert walk and all((q.prepare is not None) == prepared for q in walk), version
        assert all(q.prepare is None for q in questions if q not in walk)
