"""The "code finds, the model decides" layout (prompt v4 and later).

Code splits the sentences, finds every attributed quotation or clause and every
label phrase with its offsets (``candidates.py``), and reads the metadata from the
page. The model is asked only for decisions and short text: which sentences
report an event and of what type, which candidate claims to keep and what kind
they are, which actor each label names and its tone, and the frames. Output tokens
go to decisions, never to copying the article; every item's evidence is a span
code found, so it is grounded by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from summarizer.actors import same_actor
from summarizer.articles import Article
from summarizer.attribution import with_read_voice
from summarizer.candidates import ClaimCandidate, LabelCandidate, find_claims, find_labels
from summarizer.grounding import Span
from summarizer.schemas import (
    ActorLabelRecord,
    ClaimantType,
    ClaimKind,
    ClaimRecord,
    Connotation,
    EventRecord,
    EventStatus,
    EventType,
    Frame,
    FrameRecord,
    FramingRecord,
    Grounding,
    event_category,
)
from summarizer.sentences import SentenceIndex

NONE_ACTOR = "none of these"
_UNCONFIRMED = re.compile(
    r"\b(reportedly|allegedly|apparently|probably|unconfirmed|said to)\b", re.I
)
_DENIED = re.compile(r"\b(denied|denies|rejected|rejects|dismissed)\b", re.I)
_SPACE = re.compile(r"\s+")


@dataclass
class ArticleCandidates:
    """What code found in one article, numbered the way the prompts show it."""

    text: str
    sentences: list[Span]
    claims: list[ClaimCandidate]
    labels: list[LabelCandidate]
    actors: list[str] = field(default_factory=list)

    @classmethod
    def find(cls, article: Article, actors: list[str]) -> ArticleCandidates:
        index = SentenceIndex(article.text)
        body = article.searchable()
        sentences = [s for s in index.spans if body.in_body(s)]
        return cls(
            article.text,
            sentences,
            find_claims(article.text, article.body),
            find_labels(article.text, article.body),
            actors,
        )

    def words(self, span: Span) -> str:
        return _SPACE.sub(" ", self.text[span.start : span.end]).strip()

    def sentence_number(self, span: Span) -> int:
        """1-based number among the body sentences shown to the model."""
        for number, sentence in enumerate(self.sentences, start=1):
            if sentence.start <= span.start < sentence.end:
                return number
        return 0

    def prompt_variables(self) -> dict[str, str]:
        """The numbered sentences and candidate lists the templates show."""
        numbered = "\n".join(f"[{n}] {self.words(s)}" for n, s in enumerate(self.sentences, 1))
        claims = "\n".join(
            f"C{n} (sentence {self.sentence_number(c.span)}) {c.speaker} {c.verb}: "
            f"{self.words(c.span)}"
            for n, c in enumerate(self.claims, 1)
        )
        labels = "\n".join(
            f"L{n} (sentence {self.sentence_number(c.span)}): {self.words(c.span)}"
            for n, c in enumerate(self.labels, 1)
        )
        actors = "\n".join(f"- {a}" for a in self.actors)
        return {"numbered": numbered, "claim_candidates": claims or "(none)",
                "label_candidates": labels or "(none)", "actors": actors}  # fmt: skip


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _enum(values: list[str] | list[int]) -> Any:
    return Literal[tuple(values)] if values else Literal["-"]  # type: ignore[valid-type]


def _items(name: str, field_name: str, item: type[BaseModel], limit: int) -> type[BaseModel]:
    """A response model holding one list of ``item`` of at most ``limit`` entries."""
    listing: Any = list[item]  # type: ignore[valid-type]
    fields: Any = {field_name: (listing, Field(max_length=max(limit, 1)))}
    return create_model(name, __base__=_Strict, **fields)


def _field(kind: Any, description: str, **limits: Any) -> Any:
    return (kind, Field(description=description, **limits))


def build_call_model(
    call: str, found: ArticleCandidates, limits: dict[str, int]
) -> type[BaseModel]:
    """The response model of one v4 call: small enums instead of free text where possible."""
    numbers = list(range(1, len(found.sentences) + 1))
    if call == "events":
        pick = create_model(
            "EventPick", __base__=_Strict,
            sentence=_field(_enum(numbers), "Number of the sentence that reports it."),
            event_type=_field(EventType, "The ACLED event type that fits best."),
            description=_field(str, "What happened, in at most 12 neutral words.", max_length=100),
        )  # fmt: skip
        return _items("EventPicks", "events", pick, limits.get("events", 12))
    if call == "claims":
        ids = [f"C{n}" for n in range(1, len(found.claims) + 1)]
        decision = create_model(
            "ClaimDecision", __base__=_Strict,
            id=_field(_enum(ids), "The candidate kept."),
            claimant=_field(str, "Short canonical name of who says it.", max_length=60),
            claimant_type=_field(ClaimantType, "What kind of actor the claimant is."),
            kind=_field(ClaimKind, "What kind of statement it is."),
            paraphrase=_field(str, "What is claimed, neutrally, in at most 15 words.",
                              max_length=110),
        )  # fmt: skip
        return _items("ClaimDecisions", "claims", decision, len(ids))
    if call == "labels":
        ids = [f"L{n}" for n in range(1, len(found.labels) + 1)]
        decision = create_model(
            "LabelDecision", __base__=_Strict,
            id=_field(_enum(ids), "The label phrase."),
            actor=_field(_enum([*found.actors, NONE_ACTOR]), "Which actor it names."),
            connotation=_field(Connotation, "The charge of the words themselves."),
        )  # fmt: skip
        return _items("LabelDecisions", "labels", decision, len(ids))
    if call == "overview":
        return create_model(
            "Overview", __base__=_Strict,
            summary=_field(str, "Two or three neutral sentences.", max_length=400),
            primary_frame=_field(Frame, "The article's dominant frame."),
            primary_sentence=_field(_enum(numbers), "A sentence showing that frame."),
            secondary_frames=_field(list[Frame], "Other clear frames.", max_length=3),
        )  # fmt: skip
    if call == "actors":
        return create_model(
            "StoryActors", __base__=_Strict,
            actors=_field(list[str], "Short names of the story's main sides.", min_length=2,
                          max_length=6),
        )  # fmt: skip
    raise ValueError(f"unknown candidates call {call!r}")


def _grounding(span: Span) -> Grounding:
    return Grounding(start=span.start, end=span.end, grounded=True, problem=None)


def _event_status(found: ArticleCandidates, sentence: Span) -> tuple[EventStatus, str | None]:
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
    """One record per picked sentence and type; a repeat of the same happening (same
    type, same description) is dropped."""
    records: list[EventRecord] = []
    seen: set[tuple[str, str]] = set()
    for pick in result.events:  # type: ignore[attr-defined]
        sentence = found.sentences[int(pick.sentence) - 1]
        key = (pick.event_type, pick.description.strip().lower())
        if key in seen:
            continue
        seen.add(key)
        status, source = _event_status(found, sentence)
        records.append(EventRecord(
            evidence=found.text[sentence.start : sentence.end],
            description=pick.description.strip(), event_type=pick.event_type, actors=[],
            location=None, date=None, date_precision="unknown", status=status, source=source,
            category=event_category(pick.event_type), grounding=_grounding(sentence),
        ))  # fmt: skip
    return records


def claims_from(result: BaseModel, found: ArticleCandidates) -> list[ClaimRecord]:
    records = []
    for decision in result.claims:  # type: ignore[attr-defined]
        candidate = found.claims[int(str(decision.id)[1:]) - 1]
        records.append(ClaimRecord(
            quote=found.text[candidate.span.start : candidate.span.end],
            claimant=candidate.speaker,
            claimant_canonical=decision.claimant.strip() or candidate.speaker,
            claimant_type=decision.claimant_type, paraphrase=decision.paraphrase.strip(),
            speech=candidate.speech, verb=candidate.verb, kind=decision.kind,
            grounding=_grounding(candidate.span),
        ))  # fmt: skip
    return records


def labels_from(result: BaseModel, found: ArticleCandidates) -> list[ActorLabelRecord]:
    """Each label the model tied to an actor; its voice is read from its sentence."""
    records = []
    for decision in result.labels:  # type: ignore[attr-defined]
        if decision.actor == NONE_ACTOR:
            continue
        candidate = found.labels[int(str(decision.id)[1:]) - 1]
        label = found.text[candidate.span.start : candidate.span.end]
        record = ActorLabelRecord(
            evidence=label, actor=decision.actor, label=label, voice="outlet",
            quoted_source=None, connotation=decision.connotation,
            grounding=_grounding(candidate.span),
        )  # fmt: skip
        records.append(with_read_voice(record, found.text))
    return records


def framing_from(result: BaseModel, found: ArticleCandidates) -> tuple[str, FramingRecord]:
    overview: Any = result
    sentence = found.sentences[int(overview.primary_sentence) - 1]
    evidence = found.text[sentence.start : sentence.end]
    primary = FrameRecord(frame=overview.primary_frame, evidence=evidence,
                          grounding=_grounding(sentence))  # fmt: skip
    secondary = [
        FrameRecord(frame=frame, evidence=evidence, grounding=_grounding(sentence))
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
