"""The package's vocabularies, read once from ``lexicon/<name>.toml`` beside this module.

Every word list the rules use is a data file here, one per vocabulary (reporting verbs
in ``speech.toml``, label heads in ``labels.toml``, tones, sides, event cues, frame
cues, page furniture...). A released version's list that differs from a later one's is
kept under a table named for the layout that reads it (``[candidates]`` for v4,
``[decisions]`` for v5), so that version replays as released.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


@functools.cache
def lexicon(name: str) -> dict[str, Any]:
    """The parsed data file ``lexicon/<name>.toml`` (cached: read once per process)."""
    return tomllib.loads((LEXICON_DIR / f"{name}.toml").read_text(encoding="utf-8"))


def listed(name: str, path: str) -> list[Any]:
    """One list of a data file by its dotted path (``"candidates.head_nouns"``)."""
    value: Any = lexicon(name)
    for key in path.split("."):
        value = value[key]
    return list(value)


@functools.cache
def words(name: str, path: str) -> frozenset[str]:
    """One word list of a data file, as a set (built once)."""
    return frozenset(listed(name, path))


def either(name: str, path: str) -> str:
    """A list of words or regular expressions as one alternation, in order: ``a|b|c``."""
    return "|".join(listed(name, path))
