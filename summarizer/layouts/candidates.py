"""The "code finds, the model decides" layout (prompt v4 and later).

Code splits the sentences, finds every attributed quotation or clause and every
label phrase with its offsets (``finders/candidates.py``); the metadata is read from
the page for every layout (``run.extract.build_record``). The model is asked only
for decisions and short text: which sentences report an event and of what type,
which candidate claims to keep and what kind they are, which actor each label names
and its tone, and the frames. Output tokens go to decisions, never to copying the
article; every item's evidence is a span code found, so it is grounded by
construction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel

from summarizer.finders.actors import StoryActors, same_actor
from summarizer.finders.candidates import (
    ClaimCandidate,
    LabelCandidate,
    find_actor_names,
    find_claims,
    find_labels,
    is_event_sentence,
)
from summarizer.finders.event_cues import description_without_tail
from summarizer.finders.lexicon import either
from summarizer.finders.voice import with_read_voice
from summarizer.layouts.answer_forms import NONE_ACTOR, build_actors_model, build_call_model
from summarizer.layouts.base import Answers, Parts, Question, only_answer, register
from summarizer.schemas import (
    ActorLabelRecord,
    ClaimKind,
    ClaimRecord,
    EventRecord,
    EventStatus,
    FrameRecord,
    FramingRecord,
    Grounding,
    event_category,
)
from summarizer.text.articles import Article
from summarizer.text.grounding import Span
from summarizer.text.sentences import sentence_index

if TYPE_CHECKING:
    from summarizer.layouts.prompts import PromptCall, PromptVersion

_UNCONFIRMED = re.compile(rf"\b({either('speech', 'status.hedges')})\b", re.I)
_DENIED = re.compile(rf"\b({either('speech', 'status.denial_verbs')})\b", re.I)
_SPACE = re.compile(r"\s+")
_DENIES = re.compile(rf"\b({either('speech', 'status.claim_denial_verbs')})\b", re.I)


@dataclass(frozen=True)
class ArticleCandidates:
    """What code found in one article, numbered the way the prompts show it."""

    text: str
    sentences: list[Span]
    claims: list[ClaimCandidate]
    labels: list[LabelCandidate]
    actors: list[str] = field(default_factory=list)
    _events: list[int] = field(init=False, repr=False, compare=False)
    _variables: dict[str, str] = field(init=False, repr=False, compare=False)

    @classmethod
    def find(cls, article: Article, actors: list[str]) -> ArticleCandidates:
        index = sentence_index(article.text)
        body = article.searchable()
        sentences = [s for s in index.spans if body.in_body(s)]
        return cls(
            article.text,
            sentences,
            find_claims(article.text, article.body),
            find_labels(article.text, article.body),
            actors,
        )

    def __post_init__(self) -> None:
        self._derive()
        object.__setattr__(self, "_variables", self._prompt_variables())

    def _derive(self) -> None:
        """What follows from the findings, worked out once, when they are made."""
        object.__setattr__(self, "_events", self._event_sentences())

    def _event_sentences(self) -> list[int]:
        return [n for n, s in enumerate(self.sentences, 1) if is_event_sentence(self.words(s))]

    def event_sentences(self) -> list[int]:
        """Numbers of the sentences with a verb of happening: the event candidates."""
        return self._events

    def distinct_labels(self) -> list[str]:
        """Each label phrase once (case-folded): the model decides about a phrase once,
        and every use of it becomes an item, its voice read per sentence."""
        return list(dict.fromkeys(_SPACE.sub(" ", c.label).lower() for c in self.labels))

    def words(self, span: Span) -> str:
        return _SPACE.sub(" ", self.text[span.start : span.end]).strip()

    def sentence_number(self, span: Span) -> int:
        """1-based number among the body sentences shown to the model."""
        for number, sentence in enumerate(self.sentences, start=1):
            if sentence.start <= span.start < sentence.end:
                return number
        return 0

    def prompt_variables(self) -> dict[str, str]:
        """The numbered sentences and candidate lists the templates show (made once)."""
        return dict(self._variables)

    def _prompt_variables(self) -> dict[str, str]:
        numbered = "\n".join(f"[{n}] {self.words(s)}" for n, s in enumerate(self.sentences, 1))
        claims = "\n".join(
            f"C{n} (sentence {self.sentence_number(c.span)}) {c.speaker} {c.verb}: "
            f"{self.words(c.span)}"
            for n, c in enumerate(self.claims, 1)
        )
        first_use: dict[str, LabelCandidate] = {}
        for candidate in self.labels:
            first_use.setdefault(_SPACE.sub(" ", candidate.label).lower(), candidate)
        labels = "\n".join(
            f"L{n}: {phrase} (as in sentence {self.sentence_number(first_use[phrase].span)})"
            for n, phrase in enumerate(self.distinct_labels(), 1)
        )
        actors = "\n".join(f"- {a}" for a in self.actors)
        events = "\n".join(
            f"s{n}: {self.words(self.sentences[n - 1])}" for n in self.event_sentences()
        )
        return {"numbered": numbered, "event_candidates": events or "(none)",
                "claim_candidates": claims or "(none)",
                "label_candidates": labels or "(none)", "actors": actors}  # fmt: skip


def span_grounding(span: Span) -> Grounding:
    return Grounding(start=span.start, end=span.end, grounded=True, problem=None)


def event_status(found: ArticleCandidates, sentence: Span) -> tuple[EventStatus, str | None]:
    """Status read from the sentence: a denial, an attribution, doubt, else asserted."""
    words = found.words(sentence)
    source = next(
        (c.speaker for c in found.claims if sentence.start <= c.span.start < sentence.end), None
    )
    if _DENIED.search(words):
        return "denied", source
    if source:
        return "attributed", source
    if _UNCONFIRMED.search(words):
        return "unconfirmed", None
    return "asserted", None


def events_from(result: BaseModel, found: ArticleCandidates) -> list[EventRecord]:
    """One record per sentence the model says reports an event; a repeat of the same
    happening (same type, same description) is dropped."""
    records: list[EventRecord] = []
    seen: set[tuple[str, str]] = set()
    for number in found.event_sentences():
        sentence = found.sentences[number - 1]
        event_type = getattr(result, f"s{number}")
        description = description_without_tail(found.words(sentence))
        key = (event_type, description.lower())
        if key in seen:
            continue
        seen.add(key)
        status, source = event_status(found, sentence)
        records.append(EventRecord(
            evidence=found.text[sentence.start : sentence.end],
            description=description, event_type=event_type, actors=[],
            location=None, date=None, date_precision="unknown", status=status, source=source,
            category=event_category(event_type), grounding=span_grounding(sentence),
        ))  # fmt: skip
    return records


def claims_from(
    result: Any,
    found: ArticleCandidates,
    canonical: list[str] | None = None,
    kind_by_code: Callable[[str, str], str | None] | None = None,
) -> list[ClaimRecord]:
    """The kept candidates, with the words and speaker code found; each claimant's
    canonical name from ``canonical`` (code's, v6) or else the model's answer, and its
    kind from ``kind_by_code`` where that decides (v6), else the model's."""
    records = []
    for number, candidate in enumerate(found.claims, start=1):
        decision = getattr(result, f"C{number}")
        denies = _DENIED.search(candidate.verb) or _DENIES.search(found.words(candidate.span))
        cue = kind_by_code(found.words(candidate.span), candidate.verb) if kind_by_code else None
        kind: ClaimKind = "denial" if denies else (cue or decision.kind)  # type: ignore[assignment]
        name = canonical[number - 1] if canonical else decision.claimant.strip()
        records.append(ClaimRecord(
            quote=found.text[candidate.span.start : candidate.span.end],
            claimant=candidate.speaker,
            claimant_canonical=name or candidate.speaker,
            claimant_type=decision.claimant_type, paraphrase=decision.what.strip(),
            speech=candidate.speech, verb=candidate.verb, kind=kind,
            grounding=span_grounding(candidate.span),
        ))  # fmt: skip
    return records


def labels_from(result: BaseModel, found: ArticleCandidates) -> list[ActorLabelRecord]:
    """Each label the model tied to an actor; its voice is read from its sentence."""
    decisions = {
        phrase: getattr(result, f"L{n}") for n, phrase in enumerate(found.distinct_labels(), 1)
    }
    records = []
    for candidate in found.labels:
        decision = decisions[_SPACE.sub(" ", candidate.label).lower()]
        if decision.actor == NONE_ACTOR:
            continue
        label = found.text[candidate.span.start : candidate.span.end]
        record = ActorLabelRecord(
            evidence=label, actor=decision.actor, label=label, voice="outlet",
            quoted_source=None, connotation=decision.connotation,
            grounding=span_grounding(candidate.span),
        )  # fmt: skip
        records.append(with_read_voice(record, found.text))
    return records


def framing_from(result: BaseModel, found: ArticleCandidates) -> tuple[str, FramingRecord]:
    overview: Any = result
    sentence = found.sentences[int(overview.primary_sentence) - 1]
    evidence = found.text[sentence.start : sentence.end]
    primary = FrameRecord(frame=overview.primary_frame, evidence=evidence,
                          grounding=span_grounding(sentence))  # fmt: skip
    secondary = [
        FrameRecord(frame=frame, evidence=evidence, grounding=span_grounding(sentence))
        for frame in dict.fromkeys(overview.secondary_frames)
        if frame != overview.primary_frame
    ]
    return overview.summary.strip(), FramingRecord(primary=primary, secondary=secondary)


def clean_actors(names: list[str]) -> list[str]:
    """The corpus pass's actor names: trimmed, distinct (by actor matching), at most six."""
    kept: list[str] = []
    for name in names:
        name = " ".join(name.split()).strip(" .,;")[:60]
        if name and name.lower() != NONE_ACTOR and not any(same_actor(name, k) for k in kept):
            kept.append(name)
    return kept[:6]


@register("candidates")
class CandidatesLayout:
    """v4: code finds candidates; the model decides about each; the corpus pass asks the
    model to choose the story's actors among the names code found."""

    code_components: ClassVar[tuple[str, ...]] = ()

    def check_call(self, call: PromptCall) -> str | None:
        return None

    def find(self, article: Article, story: StoryActors) -> ArticleCandidates:
        return ArticleCandidates.find(article, list(story.names))

    def asks(self, call: str, found: ArticleCandidates) -> bool:
        """Whether the call has anything to ask the model about this article."""
        if call == "claims":
            return bool(found.claims)
        if call == "labels":
            return bool(found.labels and found.actors)
        return True

    def questions(self, found: ArticleCandidates, prompt: PromptVersion) -> list[Question]:
        return [q for call in prompt.calls for q in self.call_questions(found, call, prompt)]

    def call_questions(
        self, found: ArticleCandidates, call: PromptCall, prompt: PromptVersion
    ) -> list[Question]:
        """One decision request per call the article has something to ask about."""
        if not self.asks(call.name, found):
            return []
        model = build_call_model(call.name, found, prompt.schema.max_items)
        return [Question(call, found.prompt_variables(), model, stand_in=True)]

    def record(self, found: ArticleCandidates, answers: Answers) -> Parts:
        events, claims, labels, overview = (
            only_answer(answers, name) for name in ("events", "claims", "labels", "overview")
        )
        summary, framing = framing_from(overview, found)
        return Parts(
            summary=summary,
            events=events_from(events, found) if events else [],
            claims=claims_from(claims, found) if claims else [],
            actor_labels=labels_from(labels, found) if labels is not None else [],
            framing=framing,
        )

    def find_story(self, articles: Sequence[Article], prompt: PromptVersion) -> StoryNames:
        """The names code finds across the articles, when the version has a corpus call
        (without one the story has no actors)."""
        if prompt.corpus_call is None:
            return StoryNames([], "", asked=False)
        openings = "\n\n".join(
            f"{n}. " + " ".join(article.body_text.splitlines()[:3])[:600]
            for n, article in enumerate(articles, start=1)
        )
        return StoryNames(find_actor_names([a.body_text for a in articles]), openings)

    def story_questions(self, found: StoryNames, prompt: PromptVersion) -> list[Question]:
        call = prompt.corpus_call
        if call is None or len(found.names) < 2:
            return []
        listed = "\n".join(f"- {name}" for name in found.names)
        variables = {"openings": found.openings, "names": listed}
        return [Question(call, variables, build_actors_model(found.names))]

    def story(self, found: StoryNames, answers: Answers) -> StoryActors:
        chosen = next((a for given in answers.values() for a in given), None)
        if chosen is not None:
            return StoryActors(clean_actors(list(chosen.actors)), found=found.names)
        if found.asked and len(found.names) < 2:
            return StoryActors(found.names, found=found.names)
        return StoryActors([])


@dataclass(frozen=True)
class StoryNames:
    """The corpus pass's findings: names code found across the articles, and each
    article's opening lines (what the model reads to choose the sides)."""

    names: list[str]
    openings: str
    asked: bool = True
    """Whether the version has a corpus call at all."""
