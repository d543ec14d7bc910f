"""Stage 2, find: what code can find in English news text by rule, with exact offsets.

One module per kind of finding: claims and their speakers, labels, names and titles,
actors, events and their sense, frames, voice, the summary check. Every word list is a
data file in ``lexicon/`` (one file per vocabulary, read once, see ``lexicon.py``).
Nothing here knows a story, an outlet or a place. ``candidates`` and ``event_cues``
are the finders of prompt v4 and v5 (kept as released); ``claims``, ``labels``,
``names`` and ``events`` are those of v6, written for any story.
"""

from __future__ import annotations

from summarizer._exports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    """
    summarizer.finders.claims: Claim find_claims
    summarizer.finders.events: event_sense_types tells_a_happening_v6
    summarizer.finders.labels: Label find_labels label_tone
    summarizer.finders.names: NameBook
    """,
)
