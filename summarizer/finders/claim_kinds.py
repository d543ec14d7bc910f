"""The kind of statement a claim's own words decide (prompt v6); else the model decides.

Call words, prediction words and call verbs are in ``lexicon/speech.toml``.
"""

from __future__ import annotations

import re

from summarizer.finders.events import event_sense_types, has_past_action
from summarizer.finders.lexicon import lexicon


def _any_phrase(key: str) -> re.Pattern[str]:
    phrases = sorted(lexicon("speech")[key], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


def claim_kind_cue(words: str, verb: str) -> str | None:
    """The kind of statement a claim's own words decide: a call to action ('urged',
    'must'), a prediction or intention ('will', 'vowed'), or a factual assertion when
    it tells a happening in the past tense; None when nothing decides (the model's)."""
    if verb.lower() in lexicon("speech")["call_verbs"] or _any_phrase("call_words").search(words):
        return "call to action"
    if _any_phrase("prediction_words").search(words) or verb.lower() in ("vowed", "promised"):
        return "prediction or intention"
    if event_sense_types(words)[0] != "Other" and has_past_action(words):
        return "factual assertion"
    return None

