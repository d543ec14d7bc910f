"""Whether two actor names denote the same actor: one rule for the report and the scorer.

Also the story's actors of one run (``StoryActors``), named once for all its
articles. Names are compared after dropping punctuation and the particles "the", "al", "el";
an all-capitals name matches the initials of the other ("HNW" / "Harakat Nur
al-Wadi"); otherwise a fuzzy ratio decides.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

ACTOR_MATCH_THRESHOLD = 85.0
_NAME_NOISE = re.compile(r"[^\w\s]|\b(the|al|el)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)
def normalize_name(name: str) -> str:
    return " ".join(_NAME_NOISE.sub(" ", name.replace("\u2019", "'")).lower().split())


def acronym(name: str) -> str:
    """Initials of the capitalised words: 'Harakat Nur al-Wadi' -> 'HNW'."""
    words = re.split(r"[\s\-\u2019']+", name)
    return "".join(w[0] for w in words if w[:1].isupper())


@functools.lru_cache(maxsize=65536)
def same_actor(a: str, b: str) -> bool:
    """Whether two actor names denote the same actor (acronym or fuzzy match)."""
    if normalize_name(a) == normalize_name(b):
        return True
    compact_a, compact_b = a.replace(" ", ""), b.replace(" ", "")
    if compact_a.isupper() and compact_a == acronym(b):
        return True
    if compact_b.isupper() and compact_b == acronym(a):
        return True
    return fuzz.ratio(normalize_name(a), normalize_name(b)) >= ACTOR_MATCH_THRESHOLD


@dataclass(frozen=True)
class StoryActors:
    """The story's actors named once for the run, each on a side when known."""

    names: list[str]
    sides: dict[str, str] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)
    """Every name code found: proper names, never labels."""
    aliases: dict[str, list[str]] = field(default_factory=dict)
    """Each actor's names as articles write them: spelling variants, acronyms."""

    def on_side(self, side: str | None) -> list[str]:
        chosen = [n for n in self.names if side is None or self.sides.get(n) == side]
        return chosen or self.names
