"""Score one predicted article against its gold: pure functions that return tallies.

Matching is anchored in the text (rules in ``evals/README.md``): a predicted item and
a gold item can only pair when their evidence lies in the same sentence(s) of the
same file; among such candidates, type and text similarity decide, one to one, with
the Hungarian algorithm. Fuzzy text alone never pairs two items, so a photo caption
cannot match an advance told three paragraphs later.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from summarizer.evaluation.metrics import ArticleTally, Counts, accuracy, tally_field
from summarizer.finders.actors import same_actor
from summarizer.schemas import FRAMES
from summarizer.text.grounding import Span, normalize_text
from summarizer.text.sentences import any_overlap

EVENT_THRESHOLD = 0.5
CLAIM_THRESHOLD = 0.5
EVENT_TYPE_WEIGHT = 0.2
CLAIM_QUOTE_WEIGHT = 0.6
LABEL_MATCH = 0.9


@dataclass(frozen=True)
class EventItem:
    description: str
    evidence: str
    anchors: tuple[Span, ...]
    """Whole sentences holding the evidence (gold: and each listed other mention)."""
    types: frozenset[str]
    """Acceptable types; the first of ``event_type`` for a prediction."""
    event_type: str
    status: str
    sources: tuple[str, ...] = ()
    debatable: bool = False
    """Annotators disagree: counts when matched, costs nothing when not."""


@dataclass(frozen=True)
class ClaimItem:
    quote: str
    paraphrase: str
    anchors: tuple[Span, ...]
    claimants: tuple[str, ...]
    kinds: frozenset[str]
    kind: str
    claimant_type: str
    debatable: bool = False


@dataclass(frozen=True)
class LabelItem:
    labels: tuple[str, ...]
    """The label and, for gold, its acceptable alternatives."""
    evidence: str
    anchors: tuple[Span, ...]
    actors: tuple[str, ...]
    voice: str
    connotation: str
    debatable: bool = False


@dataclass(frozen=True)
class MetadataItem:
    outlets: frozenset[str] = frozenset()
    """Acceptable outlet names; empty when the page does not name one (null)."""
    published: str | None = None
    headline: str | None = None


@dataclass(frozen=True)
class EvidenceCheck:
    """One predicted evidence span: where it is, and whether it is grounded."""

    grounded: bool
    span: Span | None


@dataclass
class ScoredArticle:
    """The comparable content of one article, from a prediction or a gold file."""

    events: list[EventItem] = field(default_factory=list)
    claims: list[ClaimItem] = field(default_factory=list)
    labels: list[LabelItem] = field(default_factory=list)
    metadata: MetadataItem = MetadataItem()
    frames: frozenset[str] = frozenset()
    primary: frozenset[str] = frozenset()
    evidence: list[EvidenceCheck] = field(default_factory=list)
    furniture: tuple[Span, ...] = ()
    """Hand-marked page furniture (gold only): evidence there is leakage."""


@dataclass(frozen=True)
class Pair:
    predicted: int
    gold: int
    similarity: float


@dataclass(frozen=True)
class ArticleScore:
    """The tally of one article and the pairs behind it (for ``eval --explain``)."""

    tally: ArticleTally
    event_pairs: tuple[Pair, ...] = ()
    claim_pairs: tuple[Pair, ...] = ()
    label_pairs: tuple[Pair, ...] = ()


def text_similarity(a: str, b: str) -> float:
    """Fuzzy similarity in [0, 1]; a span contained in the other scores high."""
    return fuzz.token_set_ratio(normalize_text(a).lower(), normalize_text(b).lower()) / 100.0


def event_similarity(predicted: EventItem, gold: EventItem) -> float:
    type_agrees = 1.0 if predicted.types & gold.types else 0.0
    text = 0.5 * text_similarity(predicted.description, gold.description) + 0.5 * text_similarity(
        predicted.evidence, gold.evidence
    )
    return EVENT_TYPE_WEIGHT * type_agrees + (1 - EVENT_TYPE_WEIGHT) * text


def claim_similarity(predicted: ClaimItem, gold: ClaimItem) -> float:
    return CLAIM_QUOTE_WEIGHT * text_similarity(predicted.quote, gold.quote) + (
        1 - CLAIM_QUOTE_WEIGHT
    ) * text_similarity(predicted.paraphrase, gold.paraphrase)


def normalize_label(label: str) -> str:
    """Lowercase, no quote marks or punctuation, singular: 'Rebels' -> 'rebel'."""
    text = re.sub(r"'s\b", "", normalize_text(label).lower())
    words = re.sub(r"[^\w\s-]", " ", text).split()
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def label_similarity(predicted: LabelItem, gold: LabelItem) -> float:
    """0 unless the label (or a listed alternative) and the actor agree; then 0.9, or 1.0
    when the voice agrees too, so that between two gold labels differing only in voice
    the pairing does not depend on order. Voice and connotation are scored apart."""
    wanted = {normalize_label(label) for label in gold.labels}
    if not any(normalize_label(label) in wanted for label in predicted.labels):
        return 0.0
    if not _any_same(predicted.actors, gold.actors):
        return 0.0
    return LABEL_MATCH + (1 - LABEL_MATCH) * (predicted.voice == gold.voice)


Item = TypeVar("Item", EventItem, ClaimItem, LabelItem)


def match_items(
    predicted: Sequence[Item],
    gold: Sequence[Item],
    similarity: Callable[[Item, Item], float],
    threshold: float,
) -> list[Pair]:
    """One-to-one pairs whose anchors overlap and whose similarity reaches ``threshold``.

    The assignment maximises the number of valid pairs first, then their similarity,
    so the result does not depend on item order.
    """
    if not predicted or not gold:
        return []
    scores = np.array(
        [
            [similarity(p, g) if any_overlap(p.anchors, g.anchors) else 0.0 for g in gold]
            for p in predicted
        ]
    )
    valid = scores >= threshold
    weights = np.where(valid, 1.0 + scores, 0.0)
    rows, columns = linear_sum_assignment(weights, maximize=True)
    return [
        Pair(int(r), int(c), float(scores[r, c]))
        for r, c in zip(rows, columns, strict=True)
        if valid[r, c]
    ]


def _components(
    predicted: ScoredArticle, gold: ScoredArticle
) -> tuple[list[Pair], list[Pair], list[Pair]]:
    return (
        match_items(predicted.events, gold.events, event_similarity, EVENT_THRESHOLD),
        match_items(predicted.claims, gold.claims, claim_similarity, CLAIM_THRESHOLD),
        match_items(predicted.labels, gold.labels, label_similarity, LABEL_MATCH),
    )


def _field(
    pairs: list[Pair],
    predicted: Sequence[Any],
    gold: Sequence[Any],
    value: Callable[[Any], str],
    acceptable: Callable[[Any], frozenset[str]] | None = None,
) -> Any:
    """Tally one enum field over matched pairs and over all items of each side."""
    allowed = acceptable or (lambda item: frozenset({value(item)}))
    return tally_field(
        (
            (value(predicted[p.predicted]), allowed(gold[p.gold]), value(gold[p.gold]))
            for p in pairs
        ),
        (value(item) for item in predicted),
        (value(item) for item in gold),
    )


def _source_counts(pairs: list[Pair], predicted: ScoredArticle, gold: ScoredArticle) -> Counts:
    """Of matched events for which gold names a source (attributed or denied), how
    many predictions name the same source."""
    judged = [p for p in pairs if gold.events[p.gold].sources]
    correct = sum(
        1
        for p in judged
        if _any_same(predicted.events[p.predicted].sources, gold.events[p.gold].sources)
    )
    return accuracy(correct, len(judged))


def _any_same(names: Sequence[str], others: Sequence[str]) -> bool:
    """Whether any name of one list denotes the same actor as any of the other."""
    return any(same_actor(a, b) for a in names for b in others)


def _metadata_counts(predicted: MetadataItem, gold: MetadataItem) -> tuple[Counts, Counts, Counts]:
    """Outlet, date and headline: each right (1) or wrong (0). Gold null means the page
    does not state it, and only a null prediction is right."""
    outlet = next(iter(predicted.outlets), None)
    outlet_ok = (
        outlet is None
        if not gold.outlets
        else outlet is not None and _fold(outlet) in {_fold(o) for o in gold.outlets}
    )
    date_ok = (
        not predicted.published
        if gold.published is None
        else (predicted.published or "")[:10] == gold.published
    )
    headline_ok = (
        not predicted.headline
        if gold.headline is None
        else normalize_text(predicted.headline or "") == normalize_text(gold.headline)
    )
    return accuracy(int(outlet_ok), 1), accuracy(int(date_ok), 1), accuracy(int(headline_ok), 1)


def _fold(name: str) -> str:
    return " ".join(normalize_text(name).casefold().split())


def _component_counts(pairs: list[Pair], predicted: Sequence[Any], gold: Sequence[Any]) -> Counts:
    """Matched, predicted and gold counts; an unmatched debatable item on either side
    is left out (neither a false positive nor a miss)."""
    paired_predictions = {p.predicted for p in pairs}
    paired_gold = {p.gold for p in pairs}
    free_predicted = sum(
        1 for i, item in enumerate(predicted) if item.debatable and i not in paired_predictions
    )
    free_gold = sum(1 for i, item in enumerate(gold) if item.debatable and i not in paired_gold)
    return Counts(len(pairs), len(predicted) - free_predicted, len(gold) - free_gold)


def _leaked(evidence: list[EvidenceCheck], furniture: tuple[Span, ...]) -> int:
    return sum(1 for e in evidence if e.span is not None and any_overlap((e.span,), furniture))


def score_article(predicted: ScoredArticle, gold: ScoredArticle) -> ArticleScore:
    """Compare one predicted article with its gold."""
    events, claims, labels = _components(predicted, gold)
    attributed = sum(
        1
        for p in claims
        if _any_same(predicted.claims[p.predicted].claimants, gold.claims[p.gold].claimants)
    )
    outlet, published, headline = _metadata_counts(predicted.metadata, gold.metadata)
    sizes = (len(predicted.evidence), len(predicted.evidence))
    tally = ArticleTally(
        events=_component_counts(events, predicted.events, gold.events),
        claims=_component_counts(claims, predicted.claims, gold.claims),
        labels=_component_counts(labels, predicted.labels, gold.labels),
        event_type=_field(
            events, predicted.events, gold.events, lambda e: e.event_type, lambda e: e.types
        ),
        event_status=_field(events, predicted.events, gold.events, lambda e: e.status),
        event_source=_source_counts(events, predicted, gold),
        claim_kind=_field(
            claims, predicted.claims, gold.claims, lambda c: c.kind, lambda c: c.kinds
        ),
        claimant_type=_field(claims, predicted.claims, gold.claims, lambda c: c.claimant_type),
        claim_attribution=accuracy(attributed, len(claims)),
        label_voice=_field(labels, predicted.labels, gold.labels, lambda a: a.voice),
        label_connotation=_field(labels, predicted.labels, gold.labels, lambda a: a.connotation),
        frames={
            frame: Counts(
                matched=int(frame in predicted.frames and frame in gold.frames),
                predicted=int(frame in predicted.frames),
                gold=int(frame in gold.frames),
            )
            for frame in FRAMES
        },
        primary_frame=accuracy(int(bool(predicted.primary & gold.primary)), 1),
        outlet=outlet,
        published=published,
        headline=headline,
        grounding=Counts(sum(1 for e in predicted.evidence if e.grounded), *sizes),
        leakage=Counts(_leaked(predicted.evidence, gold.furniture), *sizes),
    )
    return ArticleScore(tally, tuple(events), tuple(claims), tuple(labels))
