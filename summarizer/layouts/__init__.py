"""Stage 3, the division of work between code and model.

A prompt version's calls name its layout in ``prompt.toml``. A layout finds what code
can, says what to ask the model, and builds the record's parts from both: one protocol
(``base.Layout``), each layout registered by name once, on its class:

* ``items`` / ``sentence_walk`` (v1-v3, ``items.py``): the model writes the items;
* ``candidates`` (v4, ``candidates.py``): code finds candidates, the model decides;
* ``decisions`` (v5, ``decisions.py``): code decides what its rules can;
* ``any_story`` (v6, ``any_story.py``): v5's split with finders for any story.

``prompts.py`` loads and renders the versions in the top-level ``prompts/``. Every
module of this package is imported here, so a new layout is one new module (with
``@register("name")`` on its class) and its version's ``prompts/vN/`` folder.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

from summarizer.layouts.base import (
    LAYOUTS,
    Answers,
    Layout,
    NoCorpusPass,
    Parts,
    Question,
    register,
)

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda module: module.name):
    importlib.import_module(f"{__name__}.{_module.name}")  # each layout registers itself

if TYPE_CHECKING:
    from summarizer.layouts.prompts import PromptVersion


def layout_of(prompt: PromptVersion) -> Layout:
    """The layout a loaded prompt version is asked by."""
    return LAYOUTS[prompt.layout]


__all__ = [
    "LAYOUTS", "Answers", "Layout", "NoCorpusPass", "Parts", "Question", "layout_of", "register",
]
