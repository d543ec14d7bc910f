"""The "decisions" layout (prompt v5): v4's candidates, narrowed further by code.

What v4's recorded run got wrong, and what code now decides instead of the model:

- Event types: 39% 'Agreement'. Each event sentence now offers only the two or
  three types its verbs allow (``finders/event_cues.py``), plus 'Other'.
- Non-events: headlines, hypotheticals ('if they take Northport'), plans and background
  history became events. Code drops them; repeats of one happening (same type,
  same place) are merged into the first mention.
- Labels: 'insurgents' tied to an army, 'rebels' to a government. Code now names
  the story's actors from the names it found, sorts them into a nation's state
  side or an armed group (asked, the model put every name on the government's
  side), and offers each label only the actors of the side its words allow
  (``finders/sides.py``; tones in ``finders/label_lexicon.py``).
  Connotation comes from the lexicon where a listed word decides it; an actor's
  own name ('Ruritanian army') is a name, not a label.
- A page header glued to the first sentence ('World | 6 December | viewsRebels…')
  is cut off, so no evidence starts in page furniture.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel

from summarizer.finders.actors import StoryActors, normalize_name
from summarizer.finders.candidates import (
    ClaimCandidate,
    LabelCandidate,
    find_actor_names,
    find_claims,
    find_labels,
)
from summarizer.finders.event_cues import (
    candidate_types,
    event_description,
    places,
    target_place,
    tells_a_happening,
    tells_no_happening,
)
from summarizer.finders.frames import frame_cue, offered_frames, recurring_frames
from summarizer.finders.label_lexicon import lexicon_connotation
from summarizer.finders.lexicon import words
from summarizer.finders.sides import is_foreign, label_side, nation_words, story_actors_by_code
from summarizer.finders.voice import with_read_voice
from summarizer.layouts.answer_forms import build_decision_model
from summarizer.layouts.base import Answers, Parts, Question, only_answer, register
from summarizer.layouts.candidates import (
    ArticleCandidates,
    claims_from,
    event_status,
    span_grounding,
)
from summarizer.schemas import (
    ActorLabelRecord,
    ClaimRecord,
    Connotation,
    EventRecord,
    FrameRecord,
    FramingRecord,
    event_category,
)
from summarizer.text.articles import Article
from summarizer.text.furniture import body_sentences
from summarizer.text.grounding import Span
from summarizer.text.sentences import sentence_index

if TYPE_CHECKING:
    from summarizer.layouts.prompts import PromptCall, PromptVersion

_SPACE = re.compile(r"\s+")
GENERIC_HEADS = words("labels", "decisions.generic_heads")
"""A bare word for any armed body ('forces', 'troops', 'allies') tells nothing about
how the outlet sees a side: not a label. 'fighters', 'rebels', 'regime' do."""


@dataclass(frozen=True)
class LabelQuestion:
    """One label phrase: the actors of its side, nearest first (code ties the label to
    the first: asked, the model tied 'terrorists' to the Northern Front and 'fighters' to the
    government), and whether its tone is left to the model."""

    phrase: str
    actors: list[str]
    sentence: int
    ask_tone: bool


def _mention_distance(sentence: str, offset: int, aliases: list[str]) -> int | None:
    """How far from ``offset`` the nearest mention of any alias is in ``sentence``."""
    distances = [
        abs(match.start() - offset)
        for alias in aliases
        for match in re.finditer(
            rf"\b{re.escape(alias)}\b", sentence, 0 if alias.isupper() else re.IGNORECASE
        )
    ]
    return min(distances) if distances else None


def after_headers(claim: ClaimCandidate, headers: list[Span]) -> ClaimCandidate:
    """A claim code found from the start of a sentence begins after its page header."""
    for header in headers:
        if header.start <= claim.span.start < header.end:
            return dataclasses.replace(claim, span=Span(header.end, claim.span.end))
    return claim


@dataclass(frozen=True)
class DecisionCandidates(ArticleCandidates):
    """v4's candidates with the v5 narrowing (see the module docstring), each worked out
    once when the findings are made."""

    story: StoryActors = field(default_factory=lambda: StoryActors([]))
    _mention_counts: dict[str, int] = field(init=False, repr=False, compare=False)
    _questions: list[LabelQuestion] = field(init=False, repr=False, compare=False)
    _asked: list[LabelQuestion] = field(init=False, repr=False, compare=False)
    _frames: list[str] = field(init=False, repr=False, compare=False)

    def _derive(self) -> None:
        mentions = {actor: self._count_mentions(actor) for actor in self.story.names}
        object.__setattr__(self, "_mention_counts", mentions)
        super()._derive()
        object.__setattr__(self, "_questions", self._label_questions())
        object.__setattr__(self, "_asked", self._asked_labels())
        object.__setattr__(self, "_frames", self._offered_frames())

    @classmethod
    def find_for(cls, article: Article, story: StoryActors) -> DecisionCandidates:
        sentences, headers = body_sentences(article, sentence_index(article.text))
        own_names = {normalize_name(n) for n in [*story.found, *story.names]}
        labels = [
            c for c in find_labels(article.text, article.body)
            if normalize_name(c.label) not in own_names
            and c.label.lower() not in GENERIC_HEADS and not is_foreign(c.label, story)
        ]  # fmt: skip
        labels = [c for c in labels if not any(h.start <= c.span.start < h.end for h in headers)]
        claims = [after_headers(c, headers) for c in find_claims(article.text, article.body)]
        return cls(article.text, sentences, claims, labels, list(story.names), story)

    def _is_heading(self, span: Span) -> bool:
        """A whole line not ending a sentence with a full stop: a headline or subhead."""
        words = self.text[span.start : span.end].rstrip()
        before = self.text[: span.start].rstrip(" \t")
        after = self.text[span.end :].lstrip(" \t")
        whole_line = (not before or before.endswith("\n")) and (not after or after[0] == "\n")
        return whole_line and not words.endswith((".", "!", '"', "\u201d"))

    def _event_sentences(self) -> list[int]:
        """Body sentences with a verb of an event type, that are no headline and tell
        no hypothetical, plan, denial or background."""
        return [
            n for n, sentence in enumerate(self.sentences, 1)
            if tells_a_happening(self.words(sentence)) and not self._is_heading(sentence)
            and not tells_no_happening(self.words(sentence))
        ]  # fmt: skip

    def event_types(self, words: str) -> list[Any]:
        """The types a sentence's verbs allow, likeliest first."""
        return candidate_types(words)

    def label_questions(self) -> list[LabelQuestion]:
        """Per distinct phrase: the actors of its side, those mentioned nearest to its
        first use first; what is left for the model to decide."""
        return self._questions

    def _label_questions(self) -> list[LabelQuestion]:
        first_use: dict[str, LabelCandidate] = {}
        for candidate in self.labels:
            first_use.setdefault(_SPACE.sub(" ", candidate.label).lower(), candidate)
        questions = []
        for phrase in self.distinct_labels():
            use = first_use[phrase]
            sentence = next(
                (s for s in self.sentences if s.start <= use.span.start < s.end), use.span
            )
            words = self.text[sentence.start : sentence.end]
            offset = use.span.start - sentence.start
            allowed = self.story.on_side(label_side(phrase))
            ranked = sorted(allowed, key=lambda a: self._closeness(a, phrase, words, offset))
            questions.append(LabelQuestion(
                phrase, ranked, self.sentence_number(use.span),
                ask_tone=lexicon_connotation(phrase) is None,
            ))  # fmt: skip
        return questions

    def asked_labels(self) -> list[LabelQuestion]:
        """The phrases whose tone the model decides (no lexicon word decides it),
        numbered L1, L2, ..."""
        return self._asked

    def _asked_labels(self) -> list[LabelQuestion]:
        return [q for q in self.label_questions() if q.actors and q.ask_tone]

    def _count_mentions(self, actor: str) -> int:
        """How often the article names ``actor`` by any of its names."""
        return sum(
            len(re.findall(rf"\b{re.escape(a)}\b", self.text, 0 if a.isupper() else re.I))
            for a in self.story.aliases.get(actor, [actor])
        )

    def _mentions(self, actor: str) -> int:
        known = self._mention_counts.get(actor)
        return self._count_mentions(actor) if known is None else known

    def _closeness(self, actor: str, phrase: str, sentence: str, offset: int) -> tuple:
        """Sort key of an actor for a label: named in the label itself ('Ruritanian
        forces'), then mentioned nearest in the label's sentence, then mentioned most
        in the article."""
        aliases = self.story.aliases.get(actor, [actor])
        nation = nation_words(aliases)
        shared = {
            other for other in self.story.names
            if other != actor and nation & nation_words(self.story.aliases.get(other, [other]))
        }  # fmt: skip
        in_label = not shared and bool(nation & set(phrase.split()))
        distance = _mention_distance(sentence, offset, aliases)
        mentions = self._mentions(actor)
        return (not in_label, distance is None, distance or 0, -mentions)

    def _prompt_variables(self) -> dict[str, str]:
        """v4's variables, with the options code leaves for each decision written out:
        the grammar alone does not show a model its options."""
        variables = super()._prompt_variables()
        events = "\n".join(
            f"s{n}: {self.words(self.sentences[n - 1])}\n"
            f"    types: {' | '.join(candidate_types(self.words(self.sentences[n - 1])))}"
            for n in self.event_sentences()
        )
        labels = "\n".join(
            f"L{n}: {q.phrase} (as in sentence {q.sentence})"
            for n, q in enumerate(self.asked_labels(), 1)
        )
        variables["event_candidates"] = events or "(none)"
        variables["label_candidates"] = labels or "(none)"
        variables["frame_options"] = ", ".join(self.offered_frames())
        return variables

    def name_words(self) -> frozenset[str]:
        """Every word of the story's actor names and acronyms: not places."""
        names = [*self.story.found, *(a for v in self.story.aliases.values() for a in v)]
        return frozenset(word for name in names for word in name.split())

    def sentence_texts(self) -> list[str]:
        return [self.words(s) for s in self.sentences]

    def offered_frames(self) -> list[str]:
        return self._frames

    def _offered_frames(self) -> list[str]:
        return list(offered_frames(self.sentence_texts()))


def decision_events_from(found: DecisionCandidates) -> list[EventRecord]:
    """One record per happening, typed by the verb code reads in its sentence (the
    first cue's likeliest type). A later sentence of the same type is a repeat of an
    earlier one (the lead, a quote and a recap of one capture) when its verb acts on
    the same place, or when it names no place at all."""
    records: list[EventRecord] = []
    kept: list[tuple[str, str | None]] = []
    for number in found.event_sentences():
        sentence = found.sentences[number - 1]
        words = found.words(sentence)
        event_type = found.event_types(words)[0]
        names = found.name_words()
        target = target_place(words, names)
        repeat = any(
            t == event_type and (target == p if target else not places(words, names))
            for t, p in kept
        )
        if event_type != "Other" and repeat:
            continue
        kept.append((event_type, target))
        status, source = event_status(found, sentence)
        records.append(EventRecord(
            evidence=found.text[sentence.start : sentence.end],
            description=event_description(words), event_type=event_type, actors=[],
            location=None, date=None, date_precision="unknown", status=status, source=source,
            category=event_category(event_type), grounding=span_grounding(sentence),
        ))  # fmt: skip
    return records


def decision_framing_from(
    result: BaseModel, found: DecisionCandidates
) -> tuple[str, FramingRecord]:
    """The model's summary and dominant frame (shown by its sentence); secondary frames
    are those whose cue words recur, each shown by its first sentence with a cue."""
    overview: Any = result
    sentence = found.sentences[int(overview.primary_sentence) - 1]
    primary = FrameRecord(frame=overview.primary_frame,
                          evidence=found.text[sentence.start : sentence.end],
                          grounding=span_grounding(sentence))  # fmt: skip
    texts = found.sentence_texts()
    secondary = []
    for frame in recurring_frames(texts, overview.primary_frame):
        shown = next(found.sentences[i] for i, text in enumerate(texts) if frame_cue(frame, text))
        secondary.append(FrameRecord(frame=frame, evidence=found.text[shown.start : shown.end],
                                     grounding=span_grounding(shown)))  # fmt: skip
    return overview.summary.strip(), FramingRecord(primary=primary, secondary=secondary)


def decision_labels_from(
    result: BaseModel | None, found: DecisionCandidates
) -> list[ActorLabelRecord]:
    """Each label tied to its actor (the model's choice, or the only one left), its
    tone from the lexicon or the model, its voice read from its sentence."""
    asked = {q.phrase: n for n, q in enumerate(found.asked_labels(), 1)}
    questions = {q.phrase: q for q in found.label_questions()}
    records = []
    for candidate in found.labels:
        phrase = _SPACE.sub(" ", candidate.label).lower()
        question = questions[phrase]
        if not question.actors:
            continue
        decision: Any = getattr(result, f"L{asked[phrase]}") if phrase in asked else None
        tone: Connotation = lexicon_connotation(phrase) or decision.connotation
        label = found.text[candidate.span.start : candidate.span.end]
        record = ActorLabelRecord(
            evidence=label, actor=question.actors[0], label=label, voice="outlet",
            quoted_source=None, connotation=tone, grounding=span_grounding(candidate.span),
        )  # fmt: skip
        records.append(with_read_voice(record, found.text))
    return records


Found = TypeVar("Found", bound=DecisionCandidates)


class DecisionsFamily(Generic[Found]):
    """v5's division of work, over v5's findings or v6's: code types and merges the
    events, ties labels to the story's actors (named by code from the names it found),
    and reads tones from the lexicon; the model decides claim kinds, unknown tones, the
    summary and the dominant frame."""

    code_components: ClassVar[tuple[str, ...]] = ("events",)

    def check_call(self, call: PromptCall) -> str | None:
        return None

    def asks(self, call: str, found: Found) -> bool:
        """Claims when there are candidates; labels whose words no lexicon knows."""
        if call == "claims":
            return bool(found.claims)
        if call == "labels":
            return bool(found.asked_labels())
        return True

    def questions(self, found: Found, prompt: PromptVersion) -> list[Question]:
        return [q for call in prompt.calls for q in self.call_questions(found, call, prompt)]

    def call_questions(
        self, found: Found, call: PromptCall, prompt: PromptVersion
    ) -> list[Question]:
        """One decision request per call the article has something to ask about."""
        if not self.asks(call.name, found):
            return []
        model = build_decision_model(call.name, found, prompt.schema.max_items)
        return [Question(call, found.prompt_variables(), model, stand_in=True)]

    def combined(self, answers: Answers, call: str) -> Any:
        """One call's answer (None when it was not asked); v6 merges its batches."""
        return only_answer(answers, call)

    def claims(self, answer: Any, found: Found) -> list[ClaimRecord]:
        return claims_from(answer, found)

    def labels(self, answer: Any, found: Found) -> list[ActorLabelRecord]:
        return decision_labels_from(answer, found)

    def record(self, found: Found, answers: Answers) -> Parts:
        claims = self.combined(answers, "claims")
        summary, framing = decision_framing_from(self.combined(answers, "overview"), found)
        return Parts(
            summary=summary,
            events=decision_events_from(found),
            claims=self.claims(claims, found) if claims else [],
            actor_labels=self.labels(self.combined(answers, "labels"), found),
            framing=framing,
        )

    def find_story(self, articles: Sequence[Article], prompt: PromptVersion) -> list[str]:
        return find_actor_names([article.body_text for article in articles])

    def story_questions(self, found: list[str], prompt: PromptVersion) -> list[Question]:
        return []

    def story(self, found: list[str], answers: Answers) -> StoryActors:
        return story_actors_by_code(found)


@register("decisions")
class DecisionsLayout(DecisionsFamily[DecisionCandidates]):
    """v5 (see the module docstring)."""

    def find(self, article: Article, story: StoryActors) -> DecisionCandidates:
        return DecisionCandidates.find_for(article, story)
