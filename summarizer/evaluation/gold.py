"""Hand-labelled gold files: their schema, and a loader that refuses broken ones.

A gold file lists acceptable alternatives where annotators would disagree (several
canonical names for one actor, two defensible event types), following
``evals/GUIDE.md``. Every evidence span must be found in its article's body.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import Field, ValidationError

from summarizer import project
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
from summarizer.text.articles import Article, read_article


class GoldMetadata(Strict):
    outlet: str | None
    """Null when the page does not name its outlet: then only a null prediction is right."""
    alt_outlets: list[str] = Field(default_factory=list)
    published: str | None
    headline: str | None = None
    """Verbatim, as the page prints it; null when the page has none."""


class GoldEvent(Strict):
    description: str
    event_type: EventType
    alt_event_types: list[EventType] = Field(default_factory=list)
    location: str | None
    status: EventStatus
    source: list[str] | None = None
    """Acceptable names of who reports it, when status is attributed or denied."""
    evidence: str
    alt_evidence: list[str] = Field(default_factory=list)
    """Other mentions of the same happening (headline, lead, later recap)."""
    debatable: bool = False
    """Careful annotators could disagree: a match counts, a miss costs nothing."""


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
    alt_evidence: list[str] = Field(default_factory=list)
    debatable: bool = False


class GoldLabel(Strict):
    actor: list[str] = Field(min_length=1)
    label: str
    alt_labels: list[str] = Field(default_factory=list)
    voice: Voice
    quoted_source: str | None
    connotation: Connotation
    evidence: str
    debatable: bool = False


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
    framing: GoldFraming | None
    """Required in gold; null in an annotation that did not label frames."""
    furniture: list[str] = Field(default_factory=list)
    """Verbatim page furniture (captions, appeals, sidebars...): evidence there leaks."""

    def evidence_items(self) -> list[tuple[str, str]]:
        """(where, evidence text) for every span the file cites."""
        items = [(f"events[{i}]", e.evidence) for i, e in enumerate(self.events)]
        items += [
            (f"events[{i}].alt_evidence[{j}]", text)
            for i, e in enumerate(self.events)
            for j, text in enumerate(e.alt_evidence)
        ]
        items += [(f"claims[{i}]", c.quote) for i, c in enumerate(self.claims)]
        items += [
            (f"claims[{i}].alt_evidence[{j}]", text)
            for i, c in enumerate(self.claims)
            for j, text in enumerate(c.alt_evidence)
        ]
        items += [(f"actor_labels[{i}]", a.evidence) for i, a in enumerate(self.actor_labels)]
        if self.framing is not None:
            items.append(("framing.primary", self.framing.primary.evidence))
            items += [
                (f"framing.secondary[{i}]", f.evidence)
                for i, f in enumerate(self.framing.secondary)
            ]
        return items


def default_gold_dir() -> Path:
    return project.gold_dir()


def default_seeds_dir() -> Path:
    return project.seeds_dir()


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
    if gold.framing is None:
        raise GoldError(f"{path}: framing is required in gold")
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
    if gold.metadata.headline is not None and not searchable.find_all(gold.metadata.headline):
        raise GoldError(f"{path}: metadata.headline is not found verbatim in the article")
    for number, text in enumerate(gold.furniture):
        if not searchable.find_all(text):
            raise GoldError(f"{path}: furniture[{number}] {text[:60]!r} is not in the article")
    return gold, article


def load_gold(gold_dir: Path | None = None, seeds_dir: Path | None = None) -> dict[str, GoldFile]:
    """All gold files by article id, each checked against its article."""
    folder = gold_dir or default_gold_dir()
    seeds = seeds_dir or default_seeds_dir()
    files = sorted(p for p in folder.glob("*.json") if p.name != "corpus.json")
    if not files:
        raise GoldError(f"{folder}: no gold files")
    return {path.stem: load_gold_file(path, seeds)[0] for path in files}


def gold_version(gold_dir: Path | None = None) -> str:
    """``<VERSION>+<hash>``: the number in the folder's VERSION file (see
    ``evals/CHANGELOG.md``) and a hash of the files, so an unversioned edit shows."""
    folder = gold_dir or default_gold_dir()
    version_file = folder / "VERSION"
    number = version_file.read_text(encoding="utf-8").strip() if version_file.is_file() else "0"
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{number}+{digest.hexdigest()[:8]}"
