"""Whether two actor names denote the same actor: one rule for the report and the scorer.

Names are compared after dropping punctuation and the particles "the", "al", "el";
an all-capitals name matches the initials of the other ("HTS" / "Hayat Tahrir
al-Sham"); otherwise a fuzzy ratio decides.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

ACTOR_MATCH_THRESHOLD = 85.0
_NAME_NOISE = re.compile(r"[^\w\s]|\b(the|al|el)\b", re.IGNORECASE)


def normalize_name(name: str) -> str:
    return " ".join(_NAME_NOISE.sub(" ", name.replace("\u2019", "'")).lower().split())


def acronym(name: str) -> str:
    """Initials of the capitalised words: 'Hayat Tahrir al-Sham' -> 'HTS'."""
    words = re.split(r"[\s\-\u2019']+", name)
    return "".join(w[0] for w in words if w[:1].isupper())


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
