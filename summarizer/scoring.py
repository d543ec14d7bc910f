"""Score predicted records against gold: pure functions that return numbers.

Formulas are documented in ``evals/README.md``. Items are matched one-to-one with
the Hungarian algorithm; a pair counts only when its similarity reaches the
component's threshold, and the assignment maximises the number of such pairs first
(so the score does not depend on item order), then their total similarity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from summarizer.comparison import same_actor
from summarizer.grounding import normalize_text
from summarizer.schemas import FRAMES

EVENT_THRESHOLD = 0.55
CLAIM_THRESHOLD = 0.6
EVENT_TYPE_WEIGHT = 0.2
CLAIM_QUOTE_WEIGHT = 0.6


@dataclass(frozen=True)
class EventItem:
    types: frozenset[str]
    description: str
    evidence: str


@dataclass(frozen=True)
class ClaimItem:
    claimants: tuple[str, ...]
    paraphrase: str
    quote: str
    kinds: frozenset[str]


@dataclass(frozen=True)
class LabelItem:
    actors: tuple[str, ...]
    labels: tuple[str, ...]
    voice: str


@dataclass(frozen=True)
class EvidenceCheck:
    """One predicted evidence span and whether it sits at its offsets, in the body."""

    grounded: bool
    leaked: bool


@dataclass
class ScoredArticle:
    """The comparable content of one article, from a prediction or a gold file."""

    events: list[EventItem] = field(default_factory=list)
    claims: list[ClaimItem] = field(default_factory=list)
    labels: list[LabelItem] = field(default_factory=list)
    frames: frozenset[str] = frozenset()
    primary: frozenset[str] = frozenset()
    evidence: list[EvidenceCheck] = field(default_factory=list)


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
    """1.0 when label, voice and actor all agree (any listed alternative), else 0."""
    if predicted.voice != gold.voice:
        return 0.0
    wanted = {normalize_label(label) for label in gold.labels}
    if not any(normalize_label(label) in wanted for label in predicted.labels):
        return 0.0
    actor_ok = any(same_actor(p, g) for p in predicted.actors for g in gold.actors)
    return 1.0 if actor_ok else 0.0


def match_items(
    predicted: Sequence[Any],
    gold: Sequence[Any],
    similarity: Callable[[Any, Any], float],
    threshold: float,
) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) with similarity >= threshold."""
    if not predicted or not gold:
        return []
    scores = np.array([[similarity(p, g) for g in gold] for p in predicted])
    valid = scores >= threshold
    # Maximise the number of valid pairs first, then their similarity.
    weights = np.where(valid, 1.0 + scores, 0.0)
    rows, columns = linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, columns, strict=True) if valid[r, c]]


@dataclass
class Counts:
    """True positives and sizes; precision, recall and F1 follow from them."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold
        )

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class ArticleScore:
    events: Counts
    claims: Counts
    labels: Counts
    claim_attribution: Counts
    claim_kind: Counts
    frame_counts: dict[str, Counts]
    primary_correct: bool
    evidence_total: int
    evidence_grounded: int
    evidence_leaked: int


def score_article(predicted: ScoredArticle, gold: ScoredArticle) -> ArticleScore:
    """Compare one predicted article with its gold."""
    event_pairs = match_items(predicted.events, gold.events, event_similarity, EVENT_THRESHOLD)
    claim_pairs = match_items(predicted.claims, gold.claims, claim_similarity, CLAIM_THRESHOLD)
    label_pairs = match_items(predicted.labels, gold.labels, label_similarity, 1.0)
    attributed = sum(
        1
        for p, g in claim_pairs
        if any(
            same_actor(a, b)
            for a in predicted.claims[p].claimants
            for b in gold.claims[g].claimants
        )
    )
    kinds = sum(1 for p, g in claim_pairs if predicted.claims[p].kinds & gold.claims[g].kinds)
    frame_counts = {
        frame: Counts(
            matched=int(frame in predicted.frames and frame in gold.frames),
            predicted=int(frame in predicted.frames),
            gold=int(frame in gold.frames),
        )
        for frame in FRAMES
    }
    return ArticleScore(
        events=Counts(len(event_pairs), len(predicted.events), len(gold.events)),
        claims=Counts(len(claim_pairs), len(predicted.claims), len(gold.claims)),
        labels=Counts(len(label_pairs), len(predicted.labels), len(gold.labels)),
        claim_attribution=Counts(attributed, len(claim_pairs), len(claim_pairs)),
        claim_kind=Counts(kinds, len(claim_pairs), len(claim_pairs)),
        frame_counts=frame_counts,
        primary_correct=bool(predicted.primary & gold.primary),
        evidence_total=len(predicted.evidence),
        evidence_grounded=sum(1 for e in predicted.evidence if e.grounded),
        evidence_leaked=sum(1 for e in predicted.evidence if e.leaked),
    )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def aggregate(scores: dict[str, ArticleScore]) -> dict[str, Any]:
    """Micro-averaged metrics over articles, plus frame macro-F1 and accuracies."""
    total = {name: Counts() for name in ("events", "claims", "labels", "attribution", "kind")}
    frames = {frame: Counts() for frame in FRAMES}
    for score in scores.values():
        total["events"] += score.events
        total["claims"] += score.claims
        total["labels"] += score.labels
        total["attribution"] += score.claim_attribution
        total["kind"] += score.claim_kind
        for frame, counts in score.frame_counts.items():
            frames[frame] += counts
    frame_micro = sum(frames.values(), Counts())
    present = [c for c in frames.values() if c.predicted or c.gold]
    evidence_total = sum(s.evidence_total for s in scores.values())
    claims = total["claims"].as_dict()
    claims["attribution_accuracy"] = _share(
        total["attribution"].matched, total["attribution"].predicted
    )
    claims["kind_accuracy"] = _share(total["kind"].matched, total["kind"].predicted)
    return {
        "events": total["events"].as_dict(),
        "claims": claims,
        "labels": total["labels"].as_dict(),
        "frames": {
            "micro_f1": round(frame_micro.f1, 4),
            "macro_f1": round(sum(c.f1 for c in present) / len(present), 4) if present else 1.0,
            "primary_accuracy": _share(
                sum(1 for s in scores.values() if s.primary_correct), len(scores)
            ),
        },
        "grounding_rate": _share(sum(s.evidence_grounded for s in scores.values()), evidence_total),
        "leakage": sum(s.evidence_leaked for s in scores.values()),
        "evidence_items": evidence_total,
    }


def article_row(score: ArticleScore) -> dict[str, Any]:
    """Per-article details for the JSON output and the table."""
    frames = sum(score.frame_counts.values(), Counts())
    return {
        "events": score.events.as_dict(),
        "claims": score.claims.as_dict(),
        "labels": score.labels.as_dict(),
        "frames_f1": round(frames.f1, 4),
        "primary_correct": score.primary_correct,
        "grounding_rate": _share(score.evidence_grounded, score.evidence_total),
        "leakage": score.evidence_leaked,
    }
