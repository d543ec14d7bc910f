"""Metrics as types: additive per-article tallies, and the numbers computed from them.

Every metric is a ratio of sums over articles (micro-average), so a tally of one
article adds to another's and the bootstrap in ``bootstrap.py`` only has to re-add
resampled tallies. ``Metrics`` is computed once from a total; renaming a field is
a type error for every reader, not a ``KeyError`` at run time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import reduce
from typing import Any

COLLAPSE_SHARE = 0.9
"""A field has collapsed when at least this share of predictions carry one value..."""
COLLAPSE_MARGIN = 0.2
"""...and gold's most frequent value is rarer than that by at least this much."""
COLLAPSE_MIN_ITEMS = 5
UNDEFINED = math.nan
"""An accuracy over zero judged items: shown as n/a, never as a perfect 1.0."""


def _ratio(part: float, whole: float, empty: float = 1.0) -> float:
    return part / whole if whole else empty


@dataclass(frozen=True)
class Counts:
    """True positives and sizes; precision, recall and F1 follow from them.

    For an accuracy, ``matched`` is the number correct and ``predicted`` = ``gold``
    = the number judged.
    """

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold
        )

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted, 1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold, 1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def accuracy(correct: int, judged: int) -> Counts:
    return Counts(correct, judged, judged)


def _add_maps(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(a)
    for key, value in b.items():
        merged[key] = merged[key] + value if key in merged else value
    return merged


@dataclass(frozen=True)
class FieldTally:
    """One enum field (event status, claim kind...): per-class counts on matched pairs,
    and the values of all predicted and all gold items (for the collapse check)."""

    per_class: Mapping[str, Counts] = field(default_factory=dict)
    predicted_values: Mapping[str, int] = field(default_factory=dict)
    gold_values: Mapping[str, int] = field(default_factory=dict)

    def __add__(self, other: FieldTally) -> FieldTally:
        return FieldTally(
            _add_maps(self.per_class, other.per_class),
            _add_maps(self.predicted_values, other.predicted_values),
            _add_maps(self.gold_values, other.gold_values),
        )


def tally_field(
    pairs: Iterable[tuple[str, frozenset[str], str]],
    predicted_values: Iterable[str],
    gold_values: Iterable[str],
) -> FieldTally:
    """Tally (predicted value, acceptable gold values, gold's main value) per matched pair.

    A prediction equal to any acceptable value counts as that class; otherwise the
    pair is a miss for gold's main value and a false positive for the prediction.
    """
    per_class: dict[str, Counts] = {}
    for predicted, acceptable, main in pairs:
        truth = predicted if predicted in acceptable else main
        hit = int(predicted == truth)
        per_class[predicted] = per_class.get(predicted, Counts()) + Counts(hit, 1, hit)
        if not hit:
            per_class[truth] = per_class.get(truth, Counts()) + Counts(0, 0, 1)
    return FieldTally(per_class, _count(predicted_values), _count(gold_values))


def _count(values: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


@dataclass(frozen=True)
class ArticleTally:
    """Everything additive about one scored article (or, summed, about many)."""

    events: Counts = Counts()
    claims: Counts = Counts()
    labels: Counts = Counts()
    event_type: FieldTally = FieldTally()
    event_status: FieldTally = FieldTally()
    event_source: Counts = Counts()
    claim_kind: FieldTally = FieldTally()
    claimant_type: FieldTally = FieldTally()
    claim_attribution: Counts = Counts()
    label_voice: FieldTally = FieldTally()
    label_connotation: FieldTally = FieldTally()
    frames: Mapping[str, Counts] = field(default_factory=dict)
    primary_frame: Counts = Counts()
    outlet: Counts = Counts()
    published: Counts = Counts()
    headline: Counts = Counts()
    grounding: Counts = Counts()
    leakage: Counts = Counts()

    def __add__(self, other: ArticleTally) -> ArticleTally:
        values: dict[str, Any] = {}
        for item in fields(self):
            a, b = getattr(self, item.name), getattr(other, item.name)
            values[item.name] = _add_maps(a, b) if isinstance(a, Mapping) else a + b
        return ArticleTally(**values)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleTally:
        """Inverse of ``as_dict`` (baselines store per-article tallies for paired tests)."""
        values: dict[str, Any] = {}
        for item in fields(cls):
            raw = data[item.name]
            if item.name == "frames":
                values[item.name] = {k: Counts(**v) for k, v in raw.items()}
            elif "per_class" in raw:
                values[item.name] = FieldTally(
                    {k: Counts(**v) for k, v in raw["per_class"].items()},
                    dict(raw["predicted_values"]),
                    dict(raw["gold_values"]),
                )
            else:
                values[item.name] = Counts(**raw)
        return cls(**values)


@dataclass(frozen=True)
class ComponentMetrics:
    precision: float
    recall: float
    f1: float
    matched: int
    predicted: int
    gold: int

    @classmethod
    def of(cls, counts: Counts) -> ComponentMetrics:
        return cls(counts.precision, counts.recall, counts.f1, *_sizes(counts))


def _sizes(counts: Counts) -> tuple[int, int, int]:
    return counts.matched, counts.predicted, counts.gold


@dataclass(frozen=True)
class FieldMetrics:
    """Accuracy and macro-F1 on matched pairs, and whether predictions collapsed."""

    accuracy: float
    macro_f1: float
    pairs: int
    top_value: str | None
    top_share: float
    gold_top_share: float
    collapsed: bool

    @classmethod
    def of(cls, tally: FieldTally) -> FieldMetrics:
        pairs = sum(c.predicted for c in tally.per_class.values())
        correct = sum(c.matched for c in tally.per_class.values())
        present = [c for c in tally.per_class.values() if c.predicted or c.gold]
        top_value, top_share = _top(tally.predicted_values)
        _, gold_top = _top(tally.gold_values)
        collapsed = (
            sum(tally.predicted_values.values()) >= COLLAPSE_MIN_ITEMS
            and top_share >= COLLAPSE_SHARE
            and gold_top <= top_share - COLLAPSE_MARGIN
        )
        return cls(
            accuracy=_ratio(correct, pairs, UNDEFINED),
            macro_f1=sum(c.f1 for c in present) / len(present) if pairs else UNDEFINED,
            pairs=pairs,
            top_value=top_value,
            top_share=top_share,
            gold_top_share=gold_top,
            collapsed=collapsed,
        )


def _accuracy(counts: Counts) -> float:
    return _ratio(counts.matched, counts.predicted, UNDEFINED)


def _defined(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _defined(inner) for key, inner in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _top(values: Mapping[str, int]) -> tuple[str | None, float]:
    total = sum(values.values())
    if not total:
        return None, 0.0
    value = max(sorted(values), key=lambda v: values[v])
    return value, values[value] / total


@dataclass(frozen=True)
class FrameMetrics:
    micro_f1: float
    macro_f1: float
    primary_accuracy: float


@dataclass(frozen=True)
class MetadataMetrics:
    outlet_accuracy: float
    date_accuracy: float
    headline_accuracy: float


@dataclass(frozen=True)
class Metrics:
    """All reported numbers of one eval, computed once from the summed tallies."""

    events: ComponentMetrics
    claims: ComponentMetrics
    labels: ComponentMetrics
    event_type: FieldMetrics
    event_status: FieldMetrics
    event_source_accuracy: float
    claim_kind: FieldMetrics
    claimant_type: FieldMetrics
    claim_attribution_accuracy: float
    label_voice: FieldMetrics
    label_connotation: FieldMetrics
    frames: FrameMetrics
    metadata: MetadataMetrics
    grounding_rate: float
    leakage_rate: float
    leaked_items: int
    evidence_items: int

    @classmethod
    def of(cls, tally: ArticleTally) -> Metrics:
        frames = tally.frames.values()
        micro = sum(frames, Counts())
        present = [c for c in frames if c.predicted or c.gold]
        return cls(
            events=ComponentMetrics.of(tally.events),
            claims=ComponentMetrics.of(tally.claims),
            labels=ComponentMetrics.of(tally.labels),
            event_type=FieldMetrics.of(tally.event_type),
            event_status=FieldMetrics.of(tally.event_status),
            event_source_accuracy=_accuracy(tally.event_source),
            claim_kind=FieldMetrics.of(tally.claim_kind),
            claimant_type=FieldMetrics.of(tally.claimant_type),
            claim_attribution_accuracy=_accuracy(tally.claim_attribution),
            label_voice=FieldMetrics.of(tally.label_voice),
            label_connotation=FieldMetrics.of(tally.label_connotation),
            frames=FrameMetrics(
                micro_f1=micro.f1,
                macro_f1=sum(c.f1 for c in present) / len(present) if present else 1.0,
                primary_accuracy=tally.primary_frame.precision,
            ),
            metadata=MetadataMetrics(
                outlet_accuracy=tally.outlet.precision,
                date_accuracy=tally.published.precision,
                headline_accuracy=tally.headline.precision,
            ),
            grounding_rate=tally.grounding.precision,
            leakage_rate=_ratio(tally.leakage.matched, tally.leakage.predicted, 0.0),
            leaked_items=tally.leakage.matched,
            evidence_items=tally.grounding.predicted,
        )

    @classmethod
    def of_articles(cls, tallies: Iterable[ArticleTally]) -> Metrics:
        return cls.of(reduce(lambda a, b: a + b, tallies, ArticleTally()))

    def as_dict(self) -> dict[str, Any]:
        """Nested plain values, for JSON and the SQLite history (undefined -> None)."""
        return _defined(asdict(self))

    def numbers(self) -> dict[str, float]:
        """Every numeric metric under a dotted name ('events.f1', 'event_status.accuracy')."""
        flat: dict[str, float] = {}

        def walk(prefix: str, value: Any) -> None:
            if isinstance(value, dict):
                for key, inner in value.items():
                    walk(f"{prefix}.{key}" if prefix else key, inner)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                flat[prefix] = float(value)
            elif value is None and prefix.endswith(("accuracy", "macro_f1")):
                flat[prefix] = UNDEFINED

        walk("", self.as_dict())
        return flat

    def collapsed_fields(self) -> list[tuple[str, FieldMetrics]]:
        """Enum fields whose predictions collapsed to one value (see ``FieldMetrics``)."""
        return [
            (item.name, value)
            for item in fields(self)
            if isinstance(value := getattr(self, item.name), FieldMetrics) and value.collapsed
        ]


@dataclass(frozen=True)
class MetricRef:
    """A metric picked by a typed getter; ``name`` is its key in JSON and baselines."""

    name: str
    read: Callable[[Metrics], float]
    higher_is_better: bool = True


HEADLINE_METRICS: tuple[MetricRef, ...] = (
    MetricRef("events.f1", lambda m: m.events.f1),
    MetricRef("claims.f1", lambda m: m.claims.f1),
    MetricRef("labels.f1", lambda m: m.labels.f1),
    MetricRef("frames.micro_f1", lambda m: m.frames.micro_f1),
    MetricRef("grounding_rate", lambda m: m.grounding_rate),
)
"""The gated metrics: the CI gate and ``compare`` mark these."""

REPORTED_METRICS: tuple[MetricRef, ...] = (
    MetricRef("events.precision", lambda m: m.events.precision),
    MetricRef("events.recall", lambda m: m.events.recall),
    HEADLINE_METRICS[0],
    MetricRef("event_type.accuracy", lambda m: m.event_type.accuracy),
    MetricRef("event_status.macro_f1", lambda m: m.event_status.macro_f1),
    MetricRef("event_source_accuracy", lambda m: m.event_source_accuracy),
    MetricRef("claims.precision", lambda m: m.claims.precision),
    MetricRef("claims.recall", lambda m: m.claims.recall),
    HEADLINE_METRICS[1],
    MetricRef("claim_attribution_accuracy", lambda m: m.claim_attribution_accuracy),
    MetricRef("claim_kind.macro_f1", lambda m: m.claim_kind.macro_f1),
    MetricRef("claimant_type.macro_f1", lambda m: m.claimant_type.macro_f1),
    MetricRef("labels.precision", lambda m: m.labels.precision),
    MetricRef("labels.recall", lambda m: m.labels.recall),
    HEADLINE_METRICS[2],
    MetricRef("label_voice.accuracy", lambda m: m.label_voice.accuracy),
    MetricRef("label_connotation.macro_f1", lambda m: m.label_connotation.macro_f1),
    HEADLINE_METRICS[3],
    MetricRef("frames.macro_f1", lambda m: m.frames.macro_f1),
    MetricRef("frames.primary_accuracy", lambda m: m.frames.primary_accuracy),
    MetricRef("metadata.outlet_accuracy", lambda m: m.metadata.outlet_accuracy),
    MetricRef("metadata.date_accuracy", lambda m: m.metadata.date_accuracy),
    MetricRef("metadata.headline_accuracy", lambda m: m.metadata.headline_accuracy),
    HEADLINE_METRICS[4],
    MetricRef("leakage_rate", lambda m: m.leakage_rate, higher_is_better=False),
)
"""What ``eval`` and ``compare`` print with intervals, in this order."""
