"""The connotation of common label words, read by code where the word decides it.

Media-framing research treats a handful of words for armed and political groups as
charged whatever the story ('terrorists', 'regime', 'jihadi' condemn; 'moderates',
'freedom fighters' approve) and most others as descriptive ('rebels', 'troops',
'opposition'). Code reads those; a phrase with no listed word is left to the model.
The lists are general English news vocabulary, not words of one story.
"""

from __future__ import annotations

import re

from summarizer.finders.lexicon import words
from summarizer.schemas import Connotation

NEGATIVE_WORDS = words("tones", "decisions.negative")
POSITIVE_WORDS = words("tones", "decisions.positive")
NEUTRAL_HEADS = words("tones", "decisions.neutral")
"""Heads that are descriptive when nothing charged qualifies them."""

_WORD = re.compile(r"[a-z]+")


def lexicon_connotation(label: str) -> Connotation | None:
    """'negative'/'positive' when a listed charged word is in the phrase (a prefix
    such as 'anti-' negates nothing: 'anti-regime groups' is descriptive), 'neutral'
    when its head is a descriptive noun and nothing charged qualifies it, else None."""
    lowered = label.lower().replace("\u2019", "'")
    words = [w for part in lowered.split() if not part.startswith(("anti-", "pro-"))
             for w in _WORD.findall(part)]  # fmt: skip
    if any(w in NEGATIVE_WORDS for w in words):
        return "negative"
    if any(w in POSITIVE_WORDS for w in words):
        return "positive"
    if words and words[-1] in NEUTRAL_HEADS:
        return "neutral"
    return None
