"""The vocabularies are data files: each parses, and what code reads from them is well formed."""

from __future__ import annotations

import re
import tomllib
from typing import get_args

import pytest

from summarizer.finders.event_cues import TYPE_CUES
from summarizer.finders.frames import FRAME_CUES
from summarizer.finders.lexicon import LEXICON_DIR, lexicon
from summarizer.schemas import EventType, Frame

FILES = sorted(LEXICON_DIR.glob("*.toml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_vocabulary_file_parses_and_has_no_empty_list(path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def lists(value: object) -> list[list[object]]:
        if isinstance(value, dict):
            return [found for item in value.values() for found in lists(item)]
        if isinstance(value, list):
            return [value, *(found for item in value for found in lists(item))]
        return []

    assert all(found for found in lists(data)), f"{path.name} has an empty list"


def test_frames_are_tried_in_the_codebooks_order() -> None:
    """Ties between frames are broken by this order: the data file must keep it."""
    assert list(FRAME_CUES) == list(get_args(Frame))


def test_event_type_cues_compile_and_name_acled_types() -> None:
    assert len(TYPE_CUES) == len(lexicon("events")["type_cues"])
    for pattern, types in TYPE_CUES:
        assert isinstance(pattern, re.Pattern) and types
        assert set(types) <= set(get_args(EventType))
