"""Compare articles about one story: happenings across outlets, judged claim pairs,
actor labels, each outlet's slant, and a story summary composed from them.

Actors are merged across outlets by acronym and fuzzy name (so "HNW" and "Harakat
Nur al-Wadi" are one actor); events become one row per happening (``happenings``);
claims about one happening are judged contradicting or supporting (``claim_pairs``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarizer.finders.actors import same_actor
from summarizer.report.acts import story_names
from summarizer.report.claim_pairs import (
    ClaimPair,
    Corroboration,
    claim_pairs,
    claims_about,
    corroborations,
)
from summarizer.report.happenings import Happening, happenings
from summarizer.report.slant import OutletSlant, outlet_slants
from summarizer.report.story_summary import SummarySentence, story_summary
from summarizer.schemas import ArticleRecord
from summarizer.text.articles import reread_articles


def outlet_name(record: ArticleRecord) -> str:
    """A unique column name: the outlet the page names, plus the article number.

    The number keeps two articles apart when the model gives both the same outlet
    (or none), so one outlet's column never mixes two articles.
    """
    number = record.article_id.split("_", 1)[0]
    outlet = (record.metadata.outlet or "").strip()
    return f"{outlet} ({number})" if outlet else record.article_id


def grounded(items: list[Any]) -> list[Any]:
    """Only items whose evidence was found: the comparison never builds on the rest."""
    return [item for item in items if item.grounding.grounded]


class ActorIndex:
    """Assigns every actor name seen to a cluster, named by its most common form."""

    def __init__(self) -> None:
        self.clusters: list[list[str]] = []

    def key(self, name: str) -> int:
        for index, members in enumerate(self.clusters):
            if any(same_actor(name, member) for member in members):
                members.append(name)
                return index
        self.clusters.append([name])
        return len(self.clusters) - 1

    def display(self, index: int) -> str:
        """Most common form, then longest, then first seen: never hash order."""
        members = self.clusters[index]
        return max(members, key=lambda m: (members.count(m), len(m), -members.index(m)))


@dataclass
class LabelCell:
    own_voice: list[str] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)


@dataclass
class ActorLabels:
    actor: str
    by_outlet: dict[str, LabelCell]

    @property
    def distinct_labels(self) -> set[str]:
        return {
            label.lower()
            for cell in self.by_outlet.values()
            for label in cell.own_voice + cell.quoted
        }


def compare_labels(records: list[ArticleRecord]) -> list[ActorLabels]:
    """Actor x outlet table of labels, split into own voice and quoted."""
    index = ActorIndex()
    table: dict[int, dict[str, LabelCell]] = {}
    for record in records:
        outlet = outlet_name(record)
        for item in grounded(record.actor_labels):
            cell = table.setdefault(index.key(item.actor), {}).setdefault(outlet, LabelCell())
            label = (
                item.label
                if item.voice == "outlet"
                else (f"{item.label} ({item.quoted_source})" if item.quoted_source else item.label)
            )
            target = cell.own_voice if item.voice == "outlet" else cell.quoted
            if label not in target:
                target.append(label)
    rows = [ActorLabels(index.display(k), cells) for k, cells in table.items()]
    return sorted(rows, key=lambda row: (-len(row.distinct_labels), row.actor))


@dataclass(frozen=True)
class Comparison:
    """Everything the reports compare across outlets, computed once per run."""

    outlets: list[str]
    happenings: list[Happening]
    pairs: list[ClaimPair]
    labels: list[ActorLabels]
    slants: list[OutletSlant]
    summary: list[SummarySentence]

    @property
    def shared(self) -> list[Happening]:
        """Happenings more than one outlet tells: the rows of the coverage table."""
        return [h for h in self.happenings if len(h.by_outlet) > 1]

    @property
    def single(self) -> list[Happening]:
        return [h for h in self.happenings if len(h.by_outlet) == 1]

    @property
    def contradictions(self) -> list[ClaimPair]:
        return [p for p in self.pairs if p.relation == "contradicts"]

    @property
    def corroborations(self) -> list[Corroboration]:
        return corroborations(self.pairs)


def texts_of(records: list[ArticleRecord]) -> dict[str, str]:
    """Each record's article text, where its source file is still there unchanged (the
    sentence around a claim says what it is about when the quotation does not)."""
    return {key: article.text for key, (article, _) in reread_articles(records).items() if article}


def compare(records: list[ArticleRecord], texts: dict[str, str] | None = None) -> Comparison:
    texts = texts_of(records) if texts is None else texts
    columns = {r.article_id: outlet_name(r) for r in records}
    outlets = list(dict.fromkeys(columns.values()))
    story = story_names(records)  # read once, for the rows and the claim pairs
    rows = happenings(records, columns, story)
    claims = [
        c
        for r in records
        for c in claims_about(r, columns[r.article_id], texts.get(r.article_id), story)
    ]
    pairs = claim_pairs(claims)
    slants = outlet_slants(records, columns, rows)
    return Comparison(
        outlets, rows, pairs, compare_labels(records), slants, story_summary(outlets, rows, pairs)
    )
