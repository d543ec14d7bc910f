"""Stage 3, the division of work between code and model.

A prompt version's calls name its layout in ``prompt.toml``. A layout finds what code
can, says what to ask the model, and builds the record's parts from both: one protocol
(``base.Layout``), each layout registered by name once, on its class:

* ``items`` / ``sentence_walk`` (v1-v3, ``items.py``): the model writes the items;
* ``candidates`` (v4, ``candidates.py``): code finds candidates, the model decides;
* ``decisions`` (v5, ``decisions.py``): code decides what its rules can;
* ``any_story`` (v6, ``any_story.py``): v5's split with finders for any story.

``prompts.py`` loads and renders the versions in the top-level ``prompts/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.layouts import any_story, candidates, decisions, items  # noqa: F401 (they register)
from summarizer.layouts.base import LAYOUTS, Answers, Layout, Parts, Question, register

if TYPE_CHECKING:
    from summarizer.layouts.prompts import PromptVersion


def layout_of(prompt: PromptVersion) -> Layout:
    """The layout a loaded prompt version is asked by."""
    return LAYOUTS[prompt.layout]


__all__ = ["LAYOUTS", "Answers", "Layout", "Parts", "Question", "layout_of", "register"]
