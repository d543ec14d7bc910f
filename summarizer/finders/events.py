"""Whether a sentence tells a happening, and of which type, by the sense of its verb.

v5 typed a sentence by the first event verb in it, so "he fired Ortiz" was an attack and
"destroyed his life" property destruction. Here a typed verb counts only in the sense its
object shows (``lexicon/events.toml``: senses), a quotation is a statement (a claim, not an
event), and a sentence with no violent verb still tells a happening when a past-tense
verb acts in it at a time the article names ("indicted the officers on Friday"): a
happening that fits no violent type is typed 'Other'.
"""

from __future__ import annotations

import functools
import re

from summarizer.finders.event_cues import candidate_types, tells_a_happening, tells_no_happening
from summarizer.finders.lexicon import lexicon, words
from summarizer.schemas import EventType


@functools.cache
def _senses() -> list[tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None]]:
    def compiled(pattern: str | None) -> re.Pattern[str] | None:
        return re.compile(pattern, re.IGNORECASE) if pattern else None

    return [
        (
            re.compile(s["cue"], re.IGNORECASE),
            compiled(s.get("applies_when")),
            compiled(s.get("not_when")),
        )
        for s in lexicon("events")["senses"]
    ]


_NAME_RUN = re.compile(r"\b[A-Z][\w-]*(?:(?:,? (?:and|of|&) |, | )[A-Z][\w-]*)+")
"""Capitalised words inside a multi-word name ('Bureau of Alcohol, Tobacco, Firearms and
Explosives', 'Free Ruritanian Army'): a name's words type no event."""


def _blank_name(match: re.Match[str]) -> str:
    """A name's words blanked out; a sentence's first word may be a verb, so it stays."""
    text = match.group()
    keep = len(text.split()[0]) if match.start() == 0 else 0
    return text[:keep] + re.sub(r"\S", "~", text[keep:])


def in_sense(sentence: str) -> str:
    """The sentence with every typed verb blanked out whose object shows another sense,
    and with the words inside multi-word names blanked out."""
    read = _NAME_RUN.sub(_blank_name, sentence)
    blanked = read
    for cue, applies_when, not_when in _senses():  # each sense judged on the words as read
        if not cue.search(read):
            continue
        wrong = (applies_when is not None and not applies_when.search(read)) or (
            not_when is not None and not_when.search(read)
        )
        if wrong:
            blanked = cue.sub(lambda m: "~" * len(m.group()), blanked)
    return blanked


def event_sense_types(sentence: str) -> list[EventType]:
    """The types the sentence's verbs allow in their sense here, likeliest first ('Other'
    first when no typed verb is left)."""
    return candidate_types(in_sense(sentence))


@functools.cache
def _time_cue() -> re.Pattern[str]:
    cues = sorted(lexicon("events")["time_cues"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE)


@functools.cache
def _hypothetical() -> re.Pattern[str]:
    cues = lexicon("events")["hypothetical"]
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE)


_WORD = re.compile(r"[A-Za-z][a-z'-]+")


def has_past_action(sentence: str) -> bool:
    """A past-tense verb of doing: an irregular form from the lexicon or a word in -ed
    (not one of the statement verbs that tell no happening)."""
    irregular = words("events", "irregular_past")
    not_happening = words("events", "not_happenings")
    for word in _WORD.findall(sentence):
        lowered = word.lower()
        if lowered in not_happening or word[0].isupper():
            continue
        if lowered in irregular or (lowered.endswith("ed") and len(lowered) > 4):
            return True
    return False


def tells_a_happening_v6(sentence: str, outside_quotes: str) -> bool:
    """Whether a sentence (and its words outside quotation marks) tells a happening:
    at least five of its own words, no hypothetical, plan, background or quotation
    fragment, and a verb of an event type in its sense or a past action at a named time."""
    own = outside_quotes.replace("_", " ")
    if tells_no_happening(sentence) or _hypothetical().search(own):
        return False
    if sentence[:1] in '\u201c"' or len(own.split()) < 5:
        return False  # a sentence that opens with a quotation is a statement: a claim
    typed = tells_a_happening(in_sense(sentence))  # a capture told in a quotation is one too
    return typed or bool(has_past_action(own) and _time_cue().search(own))
