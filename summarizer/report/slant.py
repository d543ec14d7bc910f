"""Each outlet's slant at a glance: how it names the actors in its own voice, whose
voices it quotes, how much it asserts itself, and what it alone tells or leaves out.

Every figure keeps the items behind it, so a report can link each number to its words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.report.happenings import Happening
from summarizer.schemas import ActorLabelRecord, ArticleRecord, ClaimRecord, EventRecord

CONNOTATIONS = ("negative", "neutral", "positive")
STATUSES = ("asserted", "attributed", "unconfirmed", "denied")


@dataclass
class OutletSlant:
    outlet: str
    labels: list[ActorLabelRecord] = field(default_factory=list)
    """Grounded labels in the outlet's own voice."""
    voices: dict[str, list[ClaimRecord]] = field(default_factory=dict)
    """Grounded claims by claimant type, most first."""
    events: dict[str, list[EventRecord]] = field(default_factory=dict)
    """Grounded events by status."""
    exclusives: list[Happening] = field(default_factory=list)
    """Happenings no other outlet tells."""
    omissions: list[Happening] = field(default_factory=list)
    """Happenings every other outlet tells (two or more of them) and this one does not."""

    @property
    def connotations(self) -> dict[str, list[ActorLabelRecord]]:
        return {c: [label for label in self.labels if label.connotation == c] for c in CONNOTATIONS}

    @property
    def labels_by_actor(self) -> dict[str, list[ActorLabelRecord]]:
        grouped: dict[str, list[ActorLabelRecord]] = {}
        for label in self.labels:
            grouped.setdefault(label.actor, []).append(label)
        return grouped

    @property
    def claims_total(self) -> int:
        return sum(len(claims) for claims in self.voices.values())

    @property
    def events_total(self) -> int:
        return sum(len(events) for events in self.events.values())

    def share(self, status: str) -> float:
        """The share of the outlet's events told with this status (0 with no events)."""
        total = self.events_total
        return len(self.events.get(status, [])) / total if total else 0.0


def outlet_slants(
    records: list[ArticleRecord], columns: dict[str, str], rows: list[Happening]
) -> list[OutletSlant]:
    """One slant per outlet column, in the records' order."""
    slants: dict[str, OutletSlant] = {}
    for record in records:
        slant = slants.setdefault(
            columns[record.article_id], OutletSlant(columns[record.article_id])
        )
        slant.labels += [
            label
            for label in record.actor_labels
            if label.grounding.grounded and label.voice == "outlet"
        ]
        for claim in record.claims:
            if claim.grounding.grounded:
                slant.voices.setdefault(claim.claimant_type, []).append(claim)
        for event in record.events:
            if event.grounding.grounded:
                slant.events.setdefault(event.status, []).append(event)
    outlets = list(slants)
    for slant in slants.values():
        slant.voices = dict(sorted(slant.voices.items(), key=lambda kv: (-len(kv[1]), kv[0])))
        if len(outlets) < 2:
            continue
        others = [o for o in outlets if o != slant.outlet]
        slant.exclusives = [r for r in rows if set(r.by_outlet) == {slant.outlet}]
        if len(others) >= 2:
            slant.omissions = [
                r
                for r in rows
                if slant.outlet not in r.by_outlet and set(others) <= set(r.by_outlet)
            ]
    return list(slants.values())
