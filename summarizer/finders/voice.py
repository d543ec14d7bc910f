"""Whose voice a label is in, read from the sentence rather than asked of the model.

Small models mark almost every label "quoted" and name a source at random, while
the answer is visible in the text: a label inside quotation marks, or in the
reported part of a sentence with an attribution cue ("according to", "said
that"), is someone else's word; anywhere else it is the outlet's own. Deciding
this in code makes the outlet-vs-quoted split in the report reproducible and
checkable by a reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.finders.lexicon import either, words
from summarizer.schemas import ActorLabelRecord, Voice
from summarizer.text.grounding import normalize_text
from summarizer.text.sentences import sentence_around

_OPENING = "\u201c\u201e\u00ab"
_CLOSING = "\u201d\u00bb"
_ACCORDING = re.compile(r"\baccording to ((?:the )?[^,.;]+)", re.IGNORECASE)
_REPORTING = re.compile(rf"\b(?:{either('speech', 'voice.reporting_forms')})\b", re.IGNORECASE)
# After one of these the verb is followed by circumstances, not by reported words,
# unless a "that" comes later: "announced on its Telegram channel".
_PREPOSITIONS = words("speech", "voice.circumstance_words")
_THAT = re.compile(r"\bthat\b")
_SPEAKER_COMMA = re.compile(r",[\u201d\"]?\s*[^,]{0,80}$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class VoiceReading:
    voice: Voice
    source: str | None = None


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted stretches of a sentence, including a quote that began in an earlier
    sentence ('dead," NF leader …') or runs on into the next one."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for position, char in enumerate(text):
        straight = char == '"'
        if char in _OPENING or (straight and opened is None and _opens(text, position)):
            opened = position
        elif char in _CLOSING or straight:
            spans.append((0 if opened is None else opened, position + 1))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def _opens(text: str, position: int) -> bool:
    """A straight quote opens when it starts the text or follows a space or bracket."""
    return position == 0 or text[position - 1] in " ([-"


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _reported_spans(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of ``text`` that carry someone's reported words, by reporting verb."""
    spans = []
    for verb in _REPORTING.finditer(text):
        if _inside(quotes, *verb.span()):
            continue  # "We announce …" inside a quotation is the quote, not a cue
        after = text[verb.end() :]
        that = _THAT.search(after)
        next_word = (after.split() or [""])[0].lower()
        if that:
            spans.append((verb.end() + that.end(), len(text)))  # "said (…) that …"
        elif next_word.isalpha() and next_word not in _PREPOSITIONS and after.strip()[0].islower():
            spans.append((verb.end(), len(text)))  # "said the insurgents …", not "said Ortiz"
        rest = after.strip(" .")
        trailing = _SPEAKER_COMMA.search(text[: verb.start()])
        if trailing and (not rest or rest[0].isupper()):
            spans.append((0, trailing.start()))  # "…, the ministry said." / "…, said Ortiz."
    return spans


def read_voice(sentence: str, label: str) -> VoiceReading | None:
    """The voice of the first use of ``label`` in ``sentence``; None if it is not there."""
    text = _SPACE.sub(" ", sentence).strip()  # same positions as normalize_text(sentence)
    needle = normalize_text(label).lower()
    at = normalize_text(sentence).lower().find(needle)
    if at < 0:
        return None
    end = at + len(needle)
    quotes = _quote_spans(text)
    if _inside(quotes, at, end):
        return VoiceReading("quoted")
    according = _ACCORDING.search(text)
    if according:
        if _inside([according.span(1)], at, end):
            return VoiceReading("outlet")  # the label names the source itself
        return VoiceReading("quoted", according.group(1).strip())
    if _inside(_reported_spans(text, quotes), at, end):
        return VoiceReading("quoted")
    return VoiceReading("outlet")


def with_read_voice(label: ActorLabelRecord, text: str) -> ActorLabelRecord:
    """``label`` with voice (and, for "according to X", source) read from its sentence.

    Ungrounded labels keep the model's answer: there is no trusted sentence to read.
    """
    grounding = label.grounding
    if not grounding.grounded or grounding.start is None or grounding.end is None:
        return label
    reading = read_voice(sentence_around(text, grounding.start, grounding.end), label.label)
    if reading is None:
        return label
    source = None if reading.voice == "outlet" else reading.source or label.quoted_source
    return label.model_copy(update={"voice": reading.voice, "quoted_source": source})
