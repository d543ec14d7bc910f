"""The "decisions" layout (prompt v5): v4's candidates, narrowed further by code.

What v4's recorded run got wrong, and what code now decides instead of the model:

- Event types: 39% 'Agreement'. Each event sentence now offers only the two or
  three types its verbs allow (``event_cues``), plus 'Other'.
- Non-events: headlines, hypotheticals ('if they take Homs'), plans and background
  history became events. Code drops them; repeats of one happening (same type,
  same place) are merged into the first mention.
- Labels: 'insurgents' tied to an army, 'rebels' to a government. Code now names
  the story's actors from the names it found, sorts them into a nation's state
  side or an armed group (asked, the model put every name on the government's
  side), and offers each label only the actors of the side its words allow
  (``label_lexicon``).
  Connotation comes from the lexicon where a listed word decides it; an actor's
  own name ('Syrian army') is a name, not a label.
- A page header glued to the first sentence ('World | 6 December | viewsRebels…')
  is cut off, so no evidence starts in page furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from summarizer.actors import StoryActors, acronym, normalize_name, same_actor
from summarizer.articles import Article
from summarizer.attribution import with_read_voice
from summarizer.candidate_layout import (
    NONE_ACTOR,
    ArticleCandidates,
    _description,
    _event_status,
    _grounding,
    _Strict,
    build_call_model,
)
from summarizer.candidates import LabelCandidate, find_claims, find_labels
from summarizer.event_cues import candidate_types, places, tells_no_happening
from summarizer.grounding import Span
from summarizer.label_lexicon import NON_STATE, STATE, label_side, lexicon_connotation
from summarizer.schemas import ActorLabelRecord, Connotation, EventRecord, event_category
from summarizer.sentences import SentenceIndex

_HEADER_PREFIX = re.compile(r"(?:[^|\n]{0,60}\|){1,4}\s*(?:[a-z]+(?=[A-Z\"\u201c]))?")
"""A page header glued before the first words: 'World | 6 December 2024 | views'."""
_SPACE = re.compile(r"\s+")
_NATION_ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese|i|an)$")


_STATE_NAME = re.compile(
    r"^(?P<nation>[A-Z][a-z]+)(?: Arab)? "
    r"(?i:government|army|military|armed forces|regime|defen[cs]e forces|security forces)$"
)
"""'Syrian government', 'Syrian Arab Army': a nation's state institutions, when the
articles also name that nation's government. 'Syrian National Army' or 'Syrian
Democratic Forces' are not of this form; 'Arakan Army' is, but no 'Arakan government'
is named, so it is an armed group."""
_GOVERNING = re.compile(r"\b(government|regime|administration)\b", re.IGNORECASE)
_NOT_A_SIDE = re.compile(
    r"\b(observatory|agency|news|television|radio|media|press|monitor|institute|"
    r"university|human rights|united nations)\b",
    re.IGNORECASE,
)


def story_actors_by_code(found: list[str]) -> StoryActors:
    """The story's sides from the names code found across the run's articles (most
    mentioned first): a nation's government, army and armed forces (when its
    government is named) are one state actor, named by its 'government' name (an
    army's labels are the government's); every other group once, spelling variants
    merged; monitors and media are not sides."""
    candidates = [n for n in found if not _NOT_A_SIDE.search(n)]
    governed = {
        match["nation"] for n in candidates
        if (match := _STATE_NAME.match(n)) and _GOVERNING.search(n)
    }  # fmt: skip
    states: dict[str, list[str]] = {}
    armed: dict[str, list[str]] = {}
    for name in candidates:
        state = _STATE_NAME.match(name)
        if state and state["nation"] in governed:
            states.setdefault(state["nation"], []).append(name)
            continue
        kept = next((k for k in armed if same_actor(name, k)), None)
        armed.setdefault(kept or name, []).append(name)
    names: list[str] = []
    sides: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    for variants in states.values():
        governing = next((n for n in variants if "government" in n.lower()), variants[0])
        names.append(governing)
        sides[governing] = STATE
        aliases[governing] = _with_acronyms(variants)
    for name, variants in armed.items():
        names.append(name)
        sides[name] = NON_STATE
        aliases[name] = _with_acronyms(variants)
    names = names[:8]
    return StoryActors(names, sides, found, {n: aliases[n] for n in names})


def _with_acronyms(variants: list[str]) -> list[str]:
    initials = [acronym(v) for v in variants]
    return list(dict.fromkeys([*variants, *(a for a in initials if len(a) >= 2)]))


def _first_words(aliases: list[str]) -> set[str]:
    """'Syrian' of 'Syrian army': the nation word of multi-word names."""
    return {alias.split()[0].lower() for alias in aliases if " " in alias}


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


def _without_header(text: str, span: Span) -> Span:
    match = _HEADER_PREFIX.match(text, span.start, span.end)
    if match and match.end() < span.end and "|" in match.group():
        return Span(match.end(), span.end)
    return span


@dataclass
class DecisionCandidates(ArticleCandidates):
    """v4's candidates with the v5 narrowing (see the module docstring)."""

    story: StoryActors = field(default_factory=lambda: StoryActors([]))

    @classmethod
    def find_for(cls, article: Article, story: StoryActors) -> DecisionCandidates:
        index = SentenceIndex(article.text)
        body = article.searchable()
        sentences = [_without_header(article.text, s) for s in index.spans if body.in_body(s)]
        own_names = {normalize_name(n) for n in [*story.found, *story.names]}
        labels = [
            c for c in find_labels(article.text, article.body)
            if normalize_name(c.label) not in own_names
        ]  # fmt: skip
        return cls(
            article.text, sentences, find_claims(article.text, article.body), labels,
            list(story.names), story,
        )  # fmt: skip

    def _is_heading(self, span: Span) -> bool:
        """A whole line not ending a sentence with a full stop: a headline or subhead."""
        words = self.text[span.start : span.end].rstrip()
        before = self.text[: span.start].rstrip(" \t")
        after = self.text[span.end :].lstrip(" \t")
        whole_line = (not before or before.endswith("\n")) and (not after or after[0] == "\n")
        return whole_line and not words.endswith((".", "!", '"', "\u201d"))

    def event_sentences(self) -> list[int]:
        return [
            n for n in super().event_sentences()
            if not self._is_heading(self.sentences[n - 1])
            and not tells_no_happening(self.words(self.sentences[n - 1]))
        ]  # fmt: skip

    def label_phrases(self) -> list[tuple[str, list[str], bool]]:
        """Per distinct phrase: the actors it may name, those mentioned nearest to its
        first use first, and whether the model is asked its connotation (no lexicon
        word decides it)."""
        first_use: dict[str, LabelCandidate] = {}
        for candidate in self.labels:
            first_use.setdefault(_SPACE.sub(" ", candidate.label).lower(), candidate)
        phrases = []
        for phrase in self.distinct_labels():
            use = first_use[phrase]
            sentence = (
                next(s for s in self.sentences if s.start <= use.span.start < s.end)
                if any(s.start <= use.span.start < s.end for s in self.sentences)
                else Span(use.span.start, use.span.end)
            )
            words = self.text[sentence.start : sentence.end]
            offset = use.span.start - sentence.start
            allowed = self.story.on_side(label_side(phrase))
            ranked = sorted(allowed, key=lambda a: self._closeness(a, phrase, words, offset))
            choices = [*ranked, NONE_ACTOR]
            if self._foreign(use.label):
                choices = [NONE_ACTOR, *ranked]
            phrases.append((phrase, choices, lexicon_connotation(phrase) is None))
        return phrases

    def _foreign(self, label: str) -> bool:
        """The label names a nation none of the story's actors belongs to ('Russian
        forces', 'Ukrainian special forces'): likely someone else."""
        nations = {
            alias.split()[0].lower() for aliases in self.story.aliases.values()
            for alias in aliases if " " in alias
        }  # fmt: skip
        adjectives = [w for w in label.split() if _NATION_ADJECTIVE.match(w)]
        return bool(adjectives) and not any(w.lower() in nations for w in adjectives)

    def _closeness(self, actor: str, phrase: str, sentence: str, offset: int) -> tuple:
        """Sort key of an actor for a label: named in the label itself ('Kurdish
        forces'), then mentioned nearest in the label's sentence, then mentioned most
        in the article."""
        aliases = self.story.aliases.get(actor, [actor])
        nation = _first_words(aliases)
        shared = {
            other for other in self.story.names
            if other != actor and nation & _first_words(self.story.aliases.get(other, [other]))
        }  # fmt: skip
        in_label = not shared and bool(nation & set(phrase.split()))
        distance = _mention_distance(sentence, offset, aliases)
        mentions = sum(
            len(re.findall(rf"\b{re.escape(a)}\b", self.text, 0 if a.isupper() else re.I))
            for a in aliases
        )
        return (not in_label, distance is None, distance or 0, -mentions)

    def prompt_variables(self) -> dict[str, str]:
        variables = super().prompt_variables()
        events = "\n".join(
            f"s{n}: {self.words(self.sentences[n - 1])}" for n in self.event_sentences()
        )
        variables["event_candidates"] = events or "(none)"
        return variables


def build_decision_model(
    call: str, found: DecisionCandidates, limits: dict[str, int]
) -> type[BaseModel]:
    """v5's response models: events and labels offer only what code allows."""
    if call == "events":
        fields: Any = {
            f"s{n}": (Literal[tuple(candidate_types(found.words(found.sentences[n - 1])))],  # type: ignore[misc]
                      Field(description="the event type"))
            for n in found.event_sentences()
        }  # fmt: skip
        return create_model("EventsBySentence", __base__=_Strict, **fields)
    if call == "labels":
        fields = {}
        for n, (_, actors, ask_tone) in enumerate(found.label_phrases(), 1):
            decision: dict[str, Any] = {
                "actor": (Literal[tuple(actors)], ...),  # type: ignore[valid-type]
            }
            if ask_tone:
                decision["connotation"] = (Connotation, ...)
            fields[f"L{n}"] = (create_model(f"Label{n}", __base__=_Strict, **decision), ...)
        return create_model("LabelsByCandidate", __base__=_Strict, **fields)
    return build_call_model(call, found, limits)


def decision_events_from(result: BaseModel, found: DecisionCandidates) -> list[EventRecord]:
    """One record per happening: a later sentence of the same type that shares a place
    with a kept one is a repeat of it (headline, lead and recap of one capture)."""
    records: list[EventRecord] = []
    kept: list[tuple[str, frozenset[str]]] = []
    for number in found.event_sentences():
        sentence = found.sentences[number - 1]
        words = found.words(sentence)
        event_type = getattr(result, f"s{number}")
        where = places(words)
        if event_type != "Other" and any(t == event_type and where & p for t, p in kept):
            continue
        kept.append((event_type, where))
        status, source = _event_status(found, sentence)
        records.append(EventRecord(
            evidence=found.text[sentence.start : sentence.end],
            description=_description(words), event_type=event_type, actors=[],
            location=None, date=None, date_precision="unknown", status=status, source=source,
            category=event_category(event_type), grounding=_grounding(sentence),
        ))  # fmt: skip
    return records


def decision_labels_from(result: BaseModel, found: DecisionCandidates) -> list[ActorLabelRecord]:
    """Each label tied to an actor, its tone from the lexicon or the model, its voice
    read from its sentence."""
    decisions = {
        phrase: getattr(result, f"L{n}")
        for n, (phrase, _, _) in enumerate(found.label_phrases(), 1)
    }
    records = []
    for candidate in found.labels:
        phrase = _SPACE.sub(" ", candidate.label).lower()
        decision = decisions[phrase]
        if decision.actor == NONE_ACTOR:
            continue
        tone: Connotation = lexicon_connotation(phrase) or decision.connotation
        label = found.text[candidate.span.start : candidate.span.end]
        record = ActorLabelRecord(
            evidence=label, actor=decision.actor, label=label, voice="outlet",
            quoted_source=None, connotation=tone, grounding=_grounding(candidate.span),
        )  # fmt: skip
        records.append(with_read_voice(record, found.text))
    return records
