"""Pydantic types for everything the model fills in and everything the tool writes.

Two layers live here:

* *Draft* types (``Event``, ``Claim``, ``ActorLabel``, ``FrameUse``...) are what the
  model is asked to produce. Their evidence fields are checked against the article
  by a validator that receives the article through instructor's validation context,
  so an invented quote is re-asked with a precise error.
* *Record* types (``EventRecord``...) are what the tool writes: the draft plus the
  character offsets of its evidence in the original file and a ``grounded`` flag.

Every field has a description because OpenAI-style backends show them to the model.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationInfo,
    model_serializer,
    model_validator,
)

from summarizer.text.grounding import GroundingContext, normalize_text

SCHEMA_VERSION = "1.2"


EventType = Literal[
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Suicide bomb",
    "Grenade",
    "Chemical weapon",
    "Attack",
    "Abduction/forced disappearance",
    "Sexual violence",
    "Protests",
    "Riots",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
]

ACLED_CATEGORY_SIZES = {
    "Battles": 3,
    "Explosions/Remote violence": 6,
    "Violence against civilians": 3,
    "Protests": 1,
    "Riots": 1,
    "Strategic developments": 8,
}
"""ACLED's disorder categories, each holding the next so many types of ``EventType``
(in its order): every type is written once, in ``EventType``."""
_TYPES: tuple[str, ...] = get_args(EventType)
ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    category: _TYPES[sum(list(ACLED_CATEGORY_SIZES.values())[:n]) :][:size]
    for n, (category, size) in enumerate(ACLED_CATEGORY_SIZES.items())
}
if sum(ACLED_CATEGORY_SIZES.values()) != len(_TYPES):
    raise ValueError("ACLED_CATEGORY_SIZES must add up to the number of event types")
"""ACLED disorder categories mapped to their closed list of event types."""

Frame = Literal[
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
]
FRAMES: tuple[str, ...] = Frame.__args__  # type: ignore[attr-defined]

ClaimantType = Literal[
    "government",
    "military",
    "armed group",
    "monitor/NGO",
    "media",
    "international body",
    "individual",
    "other",
]
ClaimKind = Literal[
    "factual assertion",
    "denial",
    "opinion or evaluation",
    "prediction or intention",
    "call to action",
]
EventStatus = Literal["asserted", "attributed", "denied", "unconfirmed"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
Connotation = Literal["negative", "neutral", "positive"]
Voice = Literal["outlet", "quoted"]


def event_category(event_type: str) -> str:
    """Return the ACLED disorder category (e.g. "Battles") of an event type."""
    for category, types in ACLED_TAXONOMY.items():
        if event_type in types:
            return category
    raise KeyError(event_type)


class Strict(BaseModel):
    """Base for every schema type: unknown keys are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")


class Evidenced(Strict):
    """A draft item whose ``evidence_field`` must be a verbatim span of the article."""

    evidence_field: ClassVar[str] = "evidence"

    @property
    def evidence_text(self) -> str:
        return str(getattr(self, self.evidence_field))

    def extra_problem(self) -> str | None:
        """A type-specific reason the evidence does not support the item, if any."""
        return None

    @model_validator(mode="after")
    def _check_grounding(self, info: ValidationInfo) -> Evidenced:
        context = info.context
        if isinstance(context, dict) and isinstance(context.get("grounding"), GroundingContext):
            context["grounding"].check(self)
        return self


class ArticleMetadata(Strict):
    outlet: str | None = Field(
        description="Name of the publishing outlet as printed in the text; null if absent."
    )
    headline: str = Field(description="The article's headline, copied exactly.")
    published: str | None = Field(
        description="Publication date as ISO 8601 (YYYY-MM-DD) when the text gives one."
    )
    byline: str | None = Field(description="Author name(s) when given, else null.")
    language: str = Field(description="ISO 639-1 code of the article's language, e.g. en.")


class Actor(Strict):
    name: str = Field(description="The actor's name exactly as written in the article.")
    canonical: str = Field(
        description="Canonical name, e.g. 'Hayat Tahrir al-Sham' for HTS or 'Syrian Arab Army'."
    )
    role: Literal["initiator", "target", "other"] = Field(
        description="initiator = who acts; target = who is acted upon; other = involved."
    )


class Event(Evidenced):
    evidence: str = Field(
        description="A verbatim passage (one sentence or less) of the article reporting the event."
    )
    description: str = Field(description="One neutral sentence saying what happened.")
    event_type: EventType = Field(description="ACLED event type that fits best.")
    actors: list[Actor] = Field(description="Actors involved in the event.")
    location: str | None = Field(description="Place as written in the article, or null.")
    date: str | None = Field(
        description="When it happened, ISO 8601 when stated (YYYY-MM-DD), else null."
    )
    date_precision: DatePrecision = Field(description="How precise the stated date is.")
    status: EventStatus = Field(
        description=(
            "asserted = told in the outlet's own voice; attributed = reported from a "
            "named source; denied = a source denies it; unconfirmed = marked as unverified."
        )
    )
    source: str | None = Field(description="Who reports it, when status is not asserted.")


class Claim(Evidenced):
    evidence_field: ClassVar[str] = "quote"

    quote: str = Field(description="Verbatim quote or reported-speech passage from the article.")
    claimant: str = Field(description="Who makes the claim, as written in the article.")
    claimant_canonical: str = Field(description="Canonical name of the claimant.")
    claimant_type: ClaimantType = Field(description="What kind of actor the claimant is.")
    paraphrase: str = Field(description="Standalone neutral paraphrase of what is claimed.")
    speech: Literal["direct", "reported"] = Field(
        description="direct = in quotation marks; reported = indirect speech."
    )
    verb: str = Field(description="Attribution verb as written: said, denied, announced...")
    kind: ClaimKind = Field(description="What sort of statement it is.")


class ActorLabel(Evidenced):
    evidence: str = Field(description="Verbatim passage of the article containing the label.")
    actor: str = Field(description="Canonical name of the actor being labelled.")
    label: str = Field(
        description="The word or phrase the article uses for the actor, e.g. 'rebels', 'regime'."
    )
    voice: Voice = Field(
        description="outlet = the outlet's own words; quoted = inside a quote or attribution."
    )
    quoted_source: str | None = Field(description="Whose words, when voice is quoted.")
    connotation: Connotation = Field(description="Connotation of the label.")

    def extra_problem(self) -> str | None:
        if normalize_text(self.label).lower() not in normalize_text(self.evidence).lower():
            return f"label {self.label!r} does not occur in its evidence"
        return None


class FrameUse(Evidenced):
    frame: Frame = Field(description="A frame from the Media Frames Corpus list.")
    evidence: str = Field(description="Verbatim passage of the article showing the frame.")


class Framing(Strict):
    primary: FrameUse = Field(description="The dominant frame of the article.")
    secondary: list[FrameUse] = Field(description="Other frames clearly present.")


class Grounding(Strict):
    """Where an item's evidence sits in the original file, or why it could not be placed."""

    start: int | None = Field(description="Character offset of the evidence start.")
    end: int | None = Field(description="Character offset one past the evidence end.")
    grounded: bool = Field(description="True when the evidence was found in the article body.")
    problem: str | None = Field(default=None, description="Why it is ungrounded.")


class EventRecord(Event):
    category: str = Field(description="ACLED disorder category of event_type.")
    grounding: Grounding


class ClaimRecord(Claim):
    grounding: Grounding


class ActorLabelRecord(ActorLabel):
    voice: Voice = Field(
        description="Read by code from the label's sentence once grounded: quoted when the "
        "label is inside quotation marks or in words attributed by 'according to' or a "
        "reporting verb (said, told, reported...), else outlet."
    )
    grounding: Grounding


class FrameRecord(FrameUse):
    grounding: Grounding


class FramingRecord(Strict):
    primary: FrameRecord | None
    secondary: list[FrameRecord]


class Usage(Strict):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    retries: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def add(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            calls=self.calls + other.calls,
            retries=self.retries + other.retries,
        )


class RunInfo(Strict):
    prompt_version: str
    prompt_hash: str = Field(description="sha256 (12 hex) of the prompt version's template files.")
    rendered_prompt_hash: str = Field(description="sha256 (12 hex) of the rendered messages.")
    model: str
    provider: str
    usage: Usage
    wall_seconds: float


MetadataField = Literal["headline", "published", "outlet", "byline", "language"]
MetadataOrigin = Literal[
    "page", "html metadata", "front matter", "meta file", "url", "detected", "not stated"
]


class MetadataSource(Strict):
    """Where one metadata value came from: the page (with offsets), the user, or nowhere."""

    field: MetadataField
    source: MetadataOrigin = Field(
        description="page: read from the article's own header lines (offsets given); html "
        "metadata: the web page's head (og:, meta, JSON-LD); front "
        "matter / meta file / url: supplied by the user; detected: language detection; "
        "not stated: the page does not say, so the value is null."
    )
    start: int | None = Field(default=None, description="Offset of the value in the file.")
    end: int | None = Field(default=None, description="Offset one past its end.")
    note: str | None = Field(default=None, description="How it was read, when not obvious.")


class FailedCall(Strict):
    """A model call that gave no usable answer after its retries: the record is written
    anyway, with what code found, and the decisions it would have made left undecided."""

    call: str = Field(description="The prompt call: events, claims, labels, overview...")
    problem: str = Field(description="Why, in words: 'the model's reply was not valid JSON'.")
    undecided: int = Field(description="Decisions left to neutral defaults (flagged, not guessed).")


class ArticleRecord(Strict):
    """Everything extracted from one article, as written to ``OUT/<stem>.json``."""

    schema_version: str = SCHEMA_VERSION
    article_id: str = Field(description="File stem of the article.")
    source_path: str
    source_sha256: str
    metadata: ArticleMetadata = Field(
        description="Read from the page by code (never guessed by the model); see metadata_sources."
    )
    metadata_sources: list[MetadataSource] = Field(
        default_factory=list, description="Where each metadata value came from."
    )
    summary: str
    summary_unsupported: list[str] = Field(
        default_factory=list,
        description="Summary sentences carrying a number or a name the article does not "
        "contain (checked by code): shown flagged, like an ungrounded item.",
    )
    events: list[EventRecord]
    claims: list[ClaimRecord]
    actor_labels: list[ActorLabelRecord]
    framing: FramingRecord
    ungrounded_count: int = Field(description="Items whose evidence was not found.")
    run: RunInfo
    failed_calls: list[FailedCall] = Field(
        default_factory=list,
        description="Model calls that failed past their retries (absent when none did).",
    )

    @model_serializer(mode="wrap")
    def _without_empty_failures(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """A record whose calls all succeeded is written as before: no empty list."""
        data: dict[str, Any] = handler(self)
        if not self.failed_calls:
            data.pop("failed_calls", None)
        return data

    @property
    def undecided_count(self) -> int:
        return sum(failed.undecided for failed in self.failed_calls)

    def iter_grounded_items(self) -> list[tuple[str, Any]]:
        """All evidence-bearing items as (component, item) pairs."""
        items: list[tuple[str, Any]] = []
        items += [("events", e) for e in self.events]
        items += [("claims", c) for c in self.claims]
        items += [("actor_labels", a) for a in self.actor_labels]
        frames = [self.framing.primary] if self.framing.primary else []
        items += [("frames", f) for f in frames + self.framing.secondary]
        return items
