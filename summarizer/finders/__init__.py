"""Finders for any story (prompt v6): what code can find in English news text by rule.

Each module has one job and reads its word lists from ``lexicon/*.toml`` (one file per
vocabulary, loaded once): sentences (syntok), names and titles, claims, labels, events.
Nothing here knows a story, an outlet or a place.
"""

from summarizer.finders.claims import Claim, find_claims
from summarizer.finders.events import event_sense_types, tells_a_happening_v6
from summarizer.finders.labels import Label, find_labels, label_tone
from summarizer.finders.names import NameBook
from summarizer.finders.sentences import SyntokIndex, syntok_spans

__all__ = [
    "Claim",
    "Label",
    "NameBook",
    "SyntokIndex",
    "event_sense_types",
    "find_claims",
    "find_labels",
    "label_tone",
    "syntok_spans",
    "tells_a_happening_v6",
]
