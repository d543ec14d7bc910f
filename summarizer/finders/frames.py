"""Which news frames an article's own words point to (the Policy Frames Codebook).

Asked for frames from a list of fourteen, a 1.5B model names the first ones of the
list ('Economic') for every article. Each frame has cue words, general English news
vocabulary for that frame (Boydstun et al.'s codebook dimensions); code counts them
per body sentence, offers the model only the frames the article's words support,
and names as secondary frames those that recur.
"""

from __future__ import annotations

import re
from collections import Counter

from summarizer.finders.lexicon import lexicon
from summarizer.schemas import Frame

FRAME_CUES: dict[Frame, tuple[str, ...]] = {
    frame: tuple(cues) for frame, cues in lexicon("frames")["cues"].items()
}
"""Cue words per frame. Country names stand for any foreign power's involvement, the
frame's core; the list names the usual great and regional powers of world news."""

_PATTERNS = {
    frame: re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")(?!\w)", re.I)
    for frame, cues in FRAME_CUES.items()
}
SECONDARY_SHARE = 0.3
"""A frame is secondary when its cues are in at least this share of the sentences
where the strongest frame's cues are."""
MAX_OFFERED = 4


def frame_cue(frame: str, sentence: str) -> bool:
    """Whether ``sentence`` has one of ``frame``'s cue words."""
    return bool(_PATTERNS[frame].search(sentence))  # type: ignore[index]


def frame_counts(sentences: list[str]) -> Counter[Frame]:
    """In how many sentences each frame's cues occur."""
    counts: Counter[Frame] = Counter()
    for sentence in sentences:
        for frame, pattern in _PATTERNS.items():
            if pattern.search(sentence):
                counts[frame] += 1
    return counts


def offered_frames(sentences: list[str]) -> list[Frame]:
    """The frames the article's words support most, strongest first (at most four)."""
    counts = frame_counts(sentences)
    ranked = [frame for frame, n in counts.most_common() if n >= 2]
    return ranked[:MAX_OFFERED] or ["Political"]


def recurring_frames(sentences: list[str], primary: str) -> list[Frame]:
    """Secondary frames: those whose cues recur across the article, strongest first."""
    counts = frame_counts(sentences)
    if not counts:
        return []
    top = counts.most_common(1)[0][1]
    return [
        frame for frame, n in counts.most_common()
        if frame != primary and n >= max(2, SECONDARY_SHARE * top)
    ][:3]  # fmt: skip
