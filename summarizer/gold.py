"""Hand-labelled gold files: their schema, and a loader that refuses broken ones.

A gold file lists acceptable alternatives where annotators would disagree (several
canonical names for one actor, two defensible event types), following
``evals/GUIDE.md``. Every evidence span must be found in its article's body.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field, ValidationError

from summarizer.articles import Article, read_article
from summarizer.errors import GoldError, InputError
from summarizer.schemas import (
    ClaimantType,
    ClaimKind,
    Connotation,
    EventStatus,
    EventType,
    Frame,
    Strict,
    Voice,
)


class GoldMetadata(Strict):
    outlet: str | None
    published: str | None


class GoldEvent(Strict):
    description: str
    event_type: EventType
    alt_event_types: list[EventType] = Field(default_factory=list)
    location: str | None
    status: EventStatus
    evidence: str


class GoldClaim(Strict):
    claimant: str
    claimant_canonical: list[str] = Field(min_length=1)
    claimant_type: ClaimantType
    paraphrase: str
    quote: str
    speech: str
    verb: str
    kind: ClaimKind
    alt_kinds: list[ClaimKind] = Field(default_factory=list)


class GoldLabel(Strict):
    actor: list[str] = Field(min_length=1)
    label: str
    alt_labels: list[str] = Field(default_factory=list)
    voice: Voice
    quoted_source: str | None
    connotation: Connotation
    evidence: str


class GoldFrame(Strict):
    frame: Frame
    evidence: str


class GoldFraming(Strict):
    primary: GoldFrame
    alt_primary: list[Frame] = Field(default_factory=list)
    secondary: list[GoldFrame]


class GoldFile(Strict):
    article_id: str
    metadata: GoldMetadata
    events: list[GoldEvent]
    claims: list[GoldClaim]
    actor_labels: list[GoldLabel]
    framing: GoldFraming

    def evidence_items(self) -> list[tuple[str, str]]:
        """(where, evidence text) for every span the file cites."""
        items = [(f"events[{i}]", e.evidence) for i, e in enumerate(self.events)]
        items += [(f"claims[{i}]", c.quote) for i, c in enumerate(self.claims)]
        items += [(f"actor_labels[{i}]", a.evidence) for i, a in enumerate(self.actor_labels)]
        items.append(("framing.primary", self.framing.primary.evidence))
        items += [
            (f"framing.secondary[{i}]", f.evidence) for i, f in enumerate(self.framing.secondary)
        ]
        return items


def default_gold_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "evals" / "gold"


def default_seeds_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "seeds"


def load_gold_file(path: Path, seeds_dir: Path) -> tuple[GoldFile, Article]:
    """Load and check one gold file against its article.

    Raises:
        GoldError: bad JSON or schema, missing article, or evidence not in the body.
    """
    try:
        gold = GoldFile.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError, json.JSONDecodeError) as exc:
        first = exc.errors()[0] if isinstance(exc, ValidationError) else None
        where = ".".join(str(p) for p in first["loc"]) + ": " + first["msg"] if first else exc
        raise GoldError(f"{path}: invalid gold file ({where})") from exc
    if gold.article_id != path.stem:
        raise GoldError(f"{path}: article_id {gold.article_id!r} does not match the file name")
    try:
        article = read_article(seeds_dir / f"{gold.article_id}.txt")
    except InputError as exc:
        raise GoldError(f"{path}: its article cannot be read ({exc})") from exc
    searchable = article.searchable()
    for where, evidence in gold.evidence_items():
        _, problem = searchable.locate(evidence)
        if problem is not None:
            raise GoldError(f"{path}: {where} evidence {evidence[:60]!r} is {problem}")
    return gold, article


def load_gold(gold_dir: Path | None = None, seeds_dir: Path | None = None) -> dict[str, GoldFile]:
    """All gold files by article id, each checked against its article."""
    folder = gold_dir or default_gold_dir()
    seeds = seeds_dir or default_seeds_dir()
    files = sorted(folder.glob("*.json"))
    if not files:
        raise GoldError(f"{folder}: no gold files")
    return {path.stem: load_gold_file(path, seeds)[0] for path in files}
