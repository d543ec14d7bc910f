"""The finders' vocabularies, read once from ``lexicon/<name>.toml`` beside this module."""

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


@functools.cache
def words(name: str, key: str) -> frozenset[str]:
    """One word list of a data file, as a set (built once)."""
    return frozenset(lexicon(name)[key])
