"""The "any_story" layout (prompt v6): v5's division of work, with finders for any story.

v5's rules were written reading five reports of one war; on other stories they found no
labels and a fifth of the claims. v6 keeps v5's split (code finds and decides what it
can, the model decides claim kinds, paraphrases, unknown tones, the summary and the
dominant frame) and swaps the finders (``summarizer.finders``):

- sentences by syntok ("Mr.", "Gen.", "Va." stay inside their sentence);
- claims: colon-introduced and multi-sentence quotations, pronoun and surname speakers
  read as names, a wider list of reporting verbs, one claim per quoted sentence;
- labels: titles, appositions, back-referring descriptions and group nouns of any
  subject, beside v5's armed-group labels; each (actor, label, voice) once; voice from
  quotation marks;
- events: a typed verb only in its sense ("fired Ortiz" is no attack), quotations are
  claims, and a past action at a named time is a happening ('Other' when no violent
  type fits).

The claims call is asked in batches, so the output of one request stays bounded
whatever the number of quotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, create_model

from summarizer.finders.actors import StoryActors, normalize_name
from summarizer.finders.candidates import ClaimCandidate, is_head
from summarizer.finders.candidates import find_labels as find_group_labels
from summarizer.finders.claim_kinds import claim_kind_cue
from summarizer.finders.claims import find_claims
from summarizer.finders.events import event_sense_types, tells_a_happening_v6
from summarizer.finders.frames import frame_counts, offered_frames
from summarizer.finders.labels import Label, find_labels, label_tone
from summarizer.finders.names import NameBook
from summarizer.finders.quotes import outside_quotes, quote_spans
from summarizer.finders.sides import is_foreign
from summarizer.layouts.answer_forms import described
from summarizer.layouts.base import Answers, Question, answers_of, register
from summarizer.layouts.candidates import claims_from, span_grounding
from summarizer.layouts.decisions import (
    GENERIC_HEADS,
    DecisionCandidates,
    DecisionsFamily,
    LabelQuestion,
    after_headers,
    decision_labels_from,
)
from summarizer.schemas import (
    ActorLabelRecord,
    ClaimantType,
    ClaimKind,
    ClaimRecord,
    Connotation,
    Strict,
)
from summarizer.text.articles import Article
from summarizer.text.furniture import body_sentences
from summarizer.text.grounding import Span
from summarizer.text.sentences import overlaps

if TYPE_CHECKING:
    from summarizer.layouts.prompts import PromptCall, PromptVersion
from summarizer.text.syntok_sentences import SyntokIndex


def _in_any(span: Span, spans: list[Span]) -> bool:
    return any(s.start <= span.start < s.end for s in spans)


CLAIMS_PER_REQUEST = 10
"""Candidates per claims request: a request's output stays well inside max_tokens."""
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class AnyStoryCandidates(DecisionCandidates):
    """v5's candidates found by the any-story finders (see the module docstring)."""

    claimants: list[str] = field(default_factory=list)
    """The resolved name of each claim's speaker, in the order of ``claims``."""
    story_labels: list[Label] = field(default_factory=list)
    quotes: list[Span] = field(default_factory=list)

    @classmethod
    def find_any(cls, article: Article, story: StoryActors) -> AnyStoryCandidates:
        index = SyntokIndex(article.text)
        sentences, headers = body_sentences(article, index)
        names = NameBook(article.text)
        quotes = [q for region in article.body for q in quote_spans(article.text, region)]
        found = find_claims(article.text, article.body, index, names, quotes)
        claims = [
            after_headers(ClaimCandidate(c.span, c.speaker, c.verb, c.speech,
                                          index.number(c.span.start)), headers)
            for c in found
        ]  # fmt: skip
        own_names = {normalize_name(n) for n in [*story.found, *story.names]}
        war_labels = [
            c for c in find_group_labels(article.text, article.body)
            if normalize_name(c.label) not in own_names and c.label.lower() not in GENERIC_HEADS
            and not is_foreign(c.label, story) and not _in_any(c.span, headers)
        ]  # fmt: skip
        if not story.names:
            war_labels = []
        # Where the story has armed sides, v5's labels name their groups (tied to the
        # story's actors); the any-story finder adds titles, appositions, other groups.
        any_labels = [
            label for label in find_labels(article.text, article.body, names, quotes)
            if not any(overlaps(w.span, label.span) for w in war_labels)
            and normalize_name(label.label) not in own_names
            and not (story.names and is_head(label.label.split()[-1]))
        ]  # fmt: skip
        return cls(
            article.text, sentences, claims, war_labels, list(story.names), story,
            claimants=[c.claimant for c in found], story_labels=any_labels, quotes=quotes,
        )  # fmt: skip

    def outside_quotes(self, span: Span) -> str:
        return _SPACE.sub(" ", outside_quotes(self.text, span, self.quotes)).strip()

    def _event_sentences(self) -> list[int]:
        return [
            n for n, sentence in enumerate(self.sentences, 1)
            if not self._is_heading(sentence)
            and tells_a_happening_v6(self.words(sentence), self.outside_quotes(sentence))
        ]  # fmt: skip

    def event_types(self, words: str) -> list[Any]:
        return event_sense_types(words)

    def story_questions(self) -> list[LabelQuestion]:
        """The any-story labels whose tone no lexicon word decides, once per phrase."""
        war = {q.phrase for q in DecisionCandidates._asked_labels(self)}
        questions: dict[str, LabelQuestion] = {}
        for label in self.story_labels:
            phrase = _SPACE.sub(" ", label.label).lower()
            if label_tone(phrase) is None and phrase not in war and phrase not in questions:
                questions[phrase] = LabelQuestion(
                    phrase, [label.actor], self.sentence_number(label.span), ask_tone=True
                )
        return list(questions.values())

    def _asked_labels(self) -> list[LabelQuestion]:
        return [*super()._asked_labels(), *self.story_questions()]

    def _offered_frames(self) -> list[str]:
        """The frames whose cue words lead the article, tied at the top: code names the
        dominant frame when one leads (on the seeds and the dev set the leading frame
        was gold's primary in 5 of 5 and 8 of 9 articles), the model breaks a tie."""
        counts = frame_counts(self.sentence_texts())
        top = max(counts.values(), default=0)
        return [f for f, n in counts.most_common() if n == top and n >= 2] or list(
            offered_frames(self.sentence_texts())
        )

    def claim_batches(self) -> list[list[int]]:
        numbers = list(range(1, len(self.claims) + 1))
        return [
            numbers[i : i + CLAIMS_PER_REQUEST] for i in range(0, len(numbers), CLAIMS_PER_REQUEST)
        ]

    def claim_lines(self, numbers: list[int]) -> str:
        lines = []
        for n in numbers:
            claim = self.claims[n - 1]
            lines.append(
                f"C{n} (sentence {self.sentence_number(claim.span)}) "
                f"{self.claimants[n - 1]} {claim.verb}: {self.words(claim.span)}"
            )
        return "\n".join(lines)


def claims_request(
    found: AnyStoryCandidates, numbers: list[int]
) -> tuple[dict[str, str], type[BaseModel]]:
    """One batch of the claims call: its candidate lines and a decision per candidate
    (the speaker is code's: it is read from the text)."""
    decision = create_model(
        "ClaimDecision", __base__=Strict,
        claimant_type=described(ClaimantType, "What kind of actor the claimant is."),
        kind=described(ClaimKind, "What kind of statement it is."),
        what=described(str, "What is claimed, neutrally, in at most 10 words.", max_length=70),
    )  # fmt: skip
    fields: Any = {f"C{n}": (decision, ...) for n in numbers}
    model = create_model("ClaimsByCandidate", __base__=Strict, **fields)
    return {"claim_candidates": found.claim_lines(numbers)}, model


def _halves(numbers: list[int]) -> list[list[int]]:
    """A batch's candidates in two halves (none for a single candidate)."""
    middle = len(numbers) // 2
    return [numbers[:middle], numbers[middle:]] if len(numbers) >= 2 else []


def combine_answers(results: list[BaseModel]) -> Any:
    """The batches' answers as one object (C1, C2, ... across batches)."""
    merged: dict[str, Any] = {}
    for result in results:
        merged.update({name: getattr(result, name) for name in type(result).model_fields})
    return SimpleNamespace(**merged)


def any_story_claims(result: Any, found: AnyStoryCandidates) -> list[ClaimRecord]:
    """Each candidate with the words code found, its speaker as code read the name, and
    the model's kind, claimant type and paraphrase; a denial verb makes it a denial."""
    return claims_from(result, found, found.claimants, claim_kind_cue)


def _voice_by_quotes(record: ActorLabelRecord, found: AnyStoryCandidates) -> ActorLabelRecord:
    start, end = record.grounding.start, record.grounding.end
    quoted = (
        start is not None
        and end is not None
        and any(q.start < start and end <= q.end for q in found.quotes)
    )
    return record.model_copy(
        update={"voice": "quoted" if quoted else "outlet", "quoted_source": None}
    )


def any_story_labels(result: Any, found: AnyStoryCandidates) -> list[ActorLabelRecord]:
    """v5's armed-group labels and the any-story labels, each (actor, label, voice) once,
    voice read from quotation marks."""
    asked = {q.phrase: n for n, q in enumerate(found.asked_labels(), 1)}
    records = [_voice_by_quotes(r, found) for r in decision_labels_from(result, found)]
    for label in found.story_labels:
        phrase = _SPACE.sub(" ", label.label).lower()
        tone: Connotation | None = label_tone(phrase)
        if tone is None:
            tone = getattr(result, f"L{asked[phrase]}").connotation
        records.append(ActorLabelRecord(
            evidence=label.label, actor=label.actor, label=label.label, voice=label.voice,
            quoted_source=None, connotation=tone, grounding=span_grounding(label.span),
        ))  # fmt: skip
    kept: list[ActorLabelRecord] = []
    seen: set[tuple[str, str, str]] = set()
    for record in sorted(records, key=lambda r: r.grounding.start or 0):
        key = (normalize_name(record.actor), normalize_name(record.label).rstrip("s"), record.voice)
        if key not in seen:
            seen.add(key)
            kept.append(record)
    return kept


@register("any_story")
class AnyStoryLayout(DecisionsFamily[AnyStoryCandidates]):
    """v6: v5's division of work with the any-story finders; claims asked in batches."""

    def find(self, article: Article, story: StoryActors) -> AnyStoryCandidates:
        return AnyStoryCandidates.find_any(article, story)

    def call_questions(
        self, found: AnyStoryCandidates, call: PromptCall, prompt: PromptVersion
    ) -> list[Question]:
        if call.name == "claims" and self.asks(call.name, found):
            return [self._claims_question(found, call, batch) for batch in found.claim_batches()]
        return super().call_questions(found, call, prompt)

    def _claims_question(
        self, found: AnyStoryCandidates, call: PromptCall, numbers: list[int]
    ) -> Question:
        """One batch; a reply cut off at the output limit is asked again as two halves."""
        extra, model = claims_request(found, numbers)
        return Question(
            call, {**found.prompt_variables(), **extra}, model, stand_in=True,
            halves=lambda: [self._claims_question(found, call, h) for h in _halves(numbers)],
        )  # fmt: skip

    def combined(self, answers: Answers, call: str) -> Any:
        given = answers_of(answers, call)
        return combine_answers(given) if given else None

    def claims(self, answer: Any, found: AnyStoryCandidates) -> list[ClaimRecord]:
        return any_story_claims(answer, found)

    def labels(self, answer: Any, found: AnyStoryCandidates) -> list[ActorLabelRecord]:
        return any_story_labels(answer, found)
