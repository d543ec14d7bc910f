"""Records and gold files as comparable items, each anchored at its sentences.

A prediction (a tool record, or another annotation in gold format) and the gold
file of the same article become ``ScoredArticle``s that ``scoring.py`` can match.
Nothing here runs the model: this module sits below the harness.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from summarizer.errors import UsageError
from summarizer.evaluation.gold import GoldClaim, GoldEvent, GoldFile, GoldLabel
from summarizer.evaluation.scoring import (
    ClaimItem,
    EventItem,
    EvidenceCheck,
    LabelItem,
    MetadataItem,
    ScoredArticle,
)
from summarizer.schemas import ArticleRecord
from summarizer.text.articles import Article
from summarizer.text.grounding import ArticleText, Span, normalize_text
from summarizer.text.sentences import sentence_index


class _Anchoring:
    """Offsets and sentence anchors of evidence in one article."""

    def __init__(self, article: Article) -> None:
        self.searchable: ArticleText = article.searchable()
        self.sentences = sentence_index(article.text)

    def anchors(self, spans: list[Span | None]) -> tuple[Span, ...]:
        return tuple(self.sentences.cover(s) for s in spans if s is not None)

    def locate(self, text: str) -> Span | None:
        return self.searchable.locate(text)[0]

    def mentions(self, words: list[str]) -> list[Span]:
        """Body occurrences of any of ``words`` (case-insensitive, plural 's' allowed)."""
        found = []
        text = self.searchable.text
        for word in words:
            pattern = re.compile(rf"\b{re.escape(word.strip())}s?\b", re.IGNORECASE)
            found += [
                Span(m.start(), m.end())
                for m in pattern.finditer(text)
                if self.searchable.in_body(Span(m.start(), m.end()))
            ]
        return found

    def check(
        self, evidence: str, start: int | None, end: int | None, flagged: bool
    ) -> EvidenceCheck:
        """Grounded = at its offsets, in the body, and not flagged by the tool."""
        if start is None or end is None:
            return EvidenceCheck(grounded=False, span=None)
        span = Span(start, end)
        at_offsets = normalize_text(self.searchable.text[start:end]) == normalize_text(evidence)
        in_body = self.searchable.in_body(span)
        return EvidenceCheck(grounded=at_offsets and in_body and flagged, span=span)


def _span(start: int | None, end: int | None) -> Span | None:
    return Span(start, end) if start is not None and end is not None else None


def scored_from_record(record: ArticleRecord, article: Article) -> ScoredArticle:
    """A prediction as comparable items, each anchored at its grounded sentence."""
    where = _Anchoring(article)

    def anchors(item: object) -> tuple[Span, ...]:
        grounding = item.grounding  # type: ignore[attr-defined]
        return where.anchors([_span(grounding.start, grounding.end)])

    framing = record.framing
    frames = ([framing.primary] if framing.primary else []) + framing.secondary
    meta = record.metadata
    return ScoredArticle(
        events=[
            EventItem(
                e.description,
                e.evidence,
                anchors(e),
                frozenset({e.event_type}),
                e.event_type,
                e.status,
                (e.source,) if e.source else (),
            )
            for e in record.events
        ],
        claims=[
            ClaimItem(
                c.quote,
                c.paraphrase,
                anchors(c),
                (c.claimant_canonical, c.claimant),
                frozenset({c.kind}),
                c.kind,
                c.claimant_type,
            )
            for c in record.claims
        ],
        labels=[
            LabelItem((a.label,), a.evidence, anchors(a), (a.actor,), a.voice, a.connotation)
            for a in record.actor_labels
        ],
        metadata=MetadataItem(
            frozenset({meta.outlet}) if meta.outlet else frozenset(), meta.published, meta.headline
        ),
        frames=frozenset(f.frame for f in frames),
        primary=frozenset({framing.primary.frame}) if framing.primary else frozenset(),
        evidence=[
            where.check(
                item.evidence_text,
                item.grounding.start,
                item.grounding.end,
                item.grounding.grounded,
            )
            for _, item in record.iter_grounded_items()
        ],
    )


def scored_from_gold(gold: GoldFile, article: Article) -> ScoredArticle:
    """A gold file as comparable items (also used to score gold as a prediction).

    An event or claim is anchored at its evidence and every listed other mention;
    a label at its evidence and every body sentence that uses the label word.
    """
    where = _Anchoring(article)
    meta = gold.metadata
    furniture = [s for text in gold.furniture for s in where.searchable.find_all(text)]
    evidence = [where.locate(text) for _, text in gold.evidence_items()]
    return ScoredArticle(
        events=[_gold_event(e, where) for e in gold.events],
        claims=[_gold_claim(c, where) for c in gold.claims],
        labels=[_gold_label(a, where) for a in gold.actor_labels],
        metadata=MetadataItem(
            frozenset({meta.outlet, *meta.alt_outlets}) if meta.outlet else frozenset(),
            meta.published,
            meta.headline,
        ),
        frames=_gold_frames(gold),
        primary=(
            frozenset({gold.framing.primary.frame, *gold.framing.alt_primary})
            if gold.framing
            else frozenset()
        ),
        evidence=[EvidenceCheck(grounded=span is not None, span=span) for span in evidence],
        furniture=tuple(furniture),
    )


def _gold_frames(gold: GoldFile) -> frozenset[str]:
    if gold.framing is None:
        return frozenset()
    return frozenset({gold.framing.primary.frame} | {f.frame for f in gold.framing.secondary})


def load_prediction(path: Path, article: Article) -> ScoredArticle:
    """Read ``path`` as a tool record or, failing that, as a gold-format file.

    Raises:
        UsageError: the file is neither.
    """
    text = path.read_text(encoding="utf-8")
    try:
        return scored_from_record(ArticleRecord.model_validate_json(text), article)
    except ValidationError:
        pass
    try:
        return scored_from_gold(GoldFile.model_validate_json(text), article)
    except ValidationError as exc:
        raise UsageError(f"{path}: neither a summarize record nor a gold file") from exc


def _located(where: _Anchoring, *texts: str) -> tuple[Span, ...]:
    return where.anchors([where.locate(t) for t in texts])


def _gold_event(e: GoldEvent, where: _Anchoring) -> EventItem:
    """A gold event, anchored at its evidence and every listed other mention."""
    return EventItem(
        e.description,
        e.evidence,
        _located(where, e.evidence, *e.alt_evidence),
        frozenset({e.event_type, *e.alt_event_types}),
        e.event_type,
        e.status,
        tuple(e.source or ()),
        e.debatable,
    )


def _gold_claim(c: GoldClaim, where: _Anchoring) -> ClaimItem:
    return ClaimItem(
        c.quote,
        c.paraphrase,
        _located(where, c.quote, *c.alt_evidence),
        (*c.claimant_canonical, c.claimant),
        frozenset({c.kind, *c.alt_kinds}),
        c.kind,
        c.claimant_type,
        c.debatable,
    )


def _gold_label(a: GoldLabel, where: _Anchoring) -> LabelItem:
    """A gold label, anchored at its evidence and every body sentence using its word."""
    return LabelItem(
        (a.label, *a.alt_labels),
        a.evidence,
        where.anchors([where.locate(a.evidence), *where.mentions([a.label, *a.alt_labels])]),
        tuple(a.actor),
        a.voice,
        a.connotation,
        a.debatable,
    )
