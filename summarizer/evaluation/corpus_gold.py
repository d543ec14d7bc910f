"""Corpus-level gold: which gold events of different articles are one happening, and
which gold claims contradict or support each other (``corpus.json`` in a gold folder).

Items are named ``<article_id>:<index>`` (the position in that gold file's ``events``
or ``claims`` list), so the file holds no article text.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from summarizer.errors import GoldError
from summarizer.evaluation.gold import GoldFile
from summarizer.schemas import Strict

CORPUS_FILE = "corpus.json"

ItemRef = tuple[str, int]


class GoldHappening(Strict):
    id: str
    title: str
    events: list[str] = Field(description="'<article_id>:<event index>', two or more.")


class GoldClaimPair(Strict):
    relation: Literal["contradicts", "supports"]
    claims: list[str] = Field(min_length=2, max_length=2)
    note: str = ""


class CorpusGold(Strict):
    version: str
    annotator: str = ""
    happenings: list[GoldHappening] = Field(default_factory=list)
    claim_pairs: list[GoldClaimPair] = Field(default_factory=list)

    def same_happening_pairs(self) -> set[frozenset[ItemRef]]:
        """Pairs of gold events of different articles that are one happening."""
        pairs: set[frozenset[ItemRef]] = set()
        for happening in self.happenings:
            refs = [parse_ref(r) for r in happening.events]
            pairs |= {frozenset((a, b)) for a, b in combinations(refs, 2) if a[0] != b[0]}
        return pairs

    def relation_pairs(self, relation: str) -> set[frozenset[ItemRef]]:
        """The pairs of a relation; for 'supports', closed under transitivity (claims that
        each agree with a third agree with each other, so the gold may link a group of
        several claimants through one of them)."""
        pairs = {
            frozenset(parse_ref(r) for r in pair.claims)
            for pair in self.claim_pairs
            if pair.relation == relation
        }
        if relation != "supports":
            return pairs
        groups: list[set[ItemRef]] = []
        for pair in pairs:
            touching = [g for g in groups if g & pair]
            merged = set(pair).union(*touching)
            groups = [g for g in groups if not g & pair] + [merged]
        return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def parse_ref(ref: str) -> ItemRef:
    article_id, _, index = ref.rpartition(":")
    return article_id, int(index)


def load_corpus_gold(folder: Path, gold: dict[str, GoldFile]) -> CorpusGold | None:
    """The folder's corpus gold, each reference checked against its gold file; None
    when the folder has none.

    Raises:
        GoldError: bad JSON or schema, or a reference to no such article or item.
    """
    path = folder / CORPUS_FILE
    if not path.is_file():
        return None
    try:
        corpus = CorpusGold.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: invalid corpus gold ({exc})") from exc
    refs = [("events", r) for h in corpus.happenings for r in h.events]
    refs += [("claims", r) for p in corpus.claim_pairs for r in p.claims]
    for kind, ref in refs:
        try:
            article_id, index = parse_ref(ref)
        except ValueError:
            raise GoldError(f"{path}: {ref!r} is not '<article_id>:<index>'") from None
        items = getattr(gold[article_id], kind) if article_id in gold else None
        if items is None or not 0 <= index < len(items):
            raise GoldError(f"{path}: {ref!r} names no gold {kind[:-1]}")
    return corpus
