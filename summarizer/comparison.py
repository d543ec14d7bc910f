"""Compare articles about one story: shared events, conflicting claims, actor labels.

Pure functions over ``ArticleRecord`` lists. Actors are merged across outlets by
acronym and fuzzy name (so "HTS" and "Hayat Tahrir al-Sham" are one actor), events
by ACLED category plus fuzzy text, claims are paired when different claimants
speak about the same place or actor with opposite stances.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz

from summarizer.actors import normalize_name, same_actor
from summarizer.event_cues import happenings
from summarizer.schemas import ArticleRecord, ClaimRecord, EventRecord

EVENT_MATCH_THRESHOLD = 62.0
_STOPWORDS = {"the", "and", "for", "with", "that", "this", "from"}
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ian|ese|ish)$")
"""'Syrian', 'Lebanese', 'Turkish': adjectives, not the places or actors a claim is about."""
_GOVERNMENT_SIDE = {"government", "military"}


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


@dataclass
class EventCluster:
    title: str
    category: str
    by_outlet: dict[str, list[EventRecord]]


def _event_text(event: EventRecord) -> str:
    return f"{event.location or ''} {event.description}"


def compare_events(records: list[ArticleRecord]) -> list[EventCluster]:
    """Group events across outlets; each cluster says which outlets report it."""
    clusters: list[EventCluster] = []
    for record in records:
        outlet = outlet_name(record)
        for event in grounded(record.events):
            best, best_score = None, EVENT_MATCH_THRESHOLD
            for cluster in clusters:
                if cluster.category != event.category:
                    continue
                members = [e for events in cluster.by_outlet.values() for e in events]
                score = max(
                    fuzz.token_set_ratio(_event_text(event), _event_text(m)) for m in members
                )
                if score >= best_score:
                    best, best_score = cluster, score
            if best is None:
                best = EventCluster(event.description, event.category, {})
                clusters.append(best)
            best.by_outlet.setdefault(outlet, []).append(event)
    return sorted(clusters, key=lambda c: (-len(c.by_outlet), c.title))


@dataclass
class ClaimConflict:
    topic: str
    first_outlet: str
    first: ClaimRecord
    second_outlet: str
    second: ClaimRecord


def _topics(claim: ClaimRecord) -> set[str]:
    """What a claim speaks about: capitalised words (places, actors) minus the
    claimant, and the happenings it names ('withdrawal', 'withdrawn' -> withdraw...),
    so a denial of 'reports of a troop withdrawal' meets the report of one."""
    speaker = set(normalize_name(claim.claimant_canonical).split())
    text = f"{claim.paraphrase} {claim.quote}"
    words = re.findall(r"\b[A-Z][\w\-]{3,}\b", text)
    names = {
        w
        for w in words
        if w.lower() not in _STOPWORDS and w.lower() not in speaker and not _NATIONALITY.match(w)
    }
    return names | {f"{verb}…" for verb in happenings(text)}


def _shown(topic: str, claim: ClaimRecord) -> str:
    """A topic as the claim writes it ('withdr…' -> 'withdrawn')."""
    if not topic.endswith("…"):
        return topic
    stem = topic[:-1]
    match = re.search(rf"\b{re.escape(stem)}\w*", f"{claim.quote} {claim.paraphrase}", re.I)
    return match.group().lower() if match else stem


def _opposed(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Opposite stances: one denies what the other asserts, or the two sides disagree."""
    if (a.kind == "denial") != (b.kind == "denial"):
        return True
    sides = {a.claimant_type in _GOVERNMENT_SIDE, b.claimant_type in _GOVERNMENT_SIDE}
    factual = {a.kind, b.kind} <= {"factual assertion", "denial"}
    return (
        factual and sides == {True, False} and "armed group" in {a.claimant_type, b.claimant_type}
    )


def find_conflicts(records: list[ArticleRecord], limit: int = 12) -> list[ClaimConflict]:
    """Pairs of claims by different claimants that take opposite stances on one topic."""
    claims = [(outlet_name(r), c) for r in records for c in grounded(r.claims)]
    topics = {id(c): _topics(c) for _, c in claims}
    found: list[tuple[float, ClaimConflict]] = []
    for (outlet_a, a), (outlet_b, b) in combinations(claims, 2):
        if same_actor(a.claimant_canonical, b.claimant_canonical) or not _opposed(a, b):
            continue
        shared = topics[id(a)] & topics[id(b)]
        if not shared:
            continue
        score = fuzz.token_set_ratio(a.paraphrase, b.paraphrase)
        topic = ", ".join(sorted(_shown(t, a) for t in shared))
        found.append((score, ClaimConflict(topic, outlet_a, a, outlet_b, b)))
    found.sort(key=lambda pair: -pair[0])
    return [conflict for _, conflict in found[:limit]]


@dataclass(frozen=True)
class Comparison:
    """Everything the reports compare across outlets, computed once per run."""

    events: list[EventCluster]
    conflicts: list[ClaimConflict]
    labels: list[ActorLabels]


def compare(records: list[ArticleRecord]) -> Comparison:
    return Comparison(compare_events(records), find_conflicts(records), compare_labels(records))
