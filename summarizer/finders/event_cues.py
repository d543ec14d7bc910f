"""What code can tell about a candidate event sentence before the model sees it.

A 1.5B model asked for one of 22 ACLED types picks the same one for everything.
The verb of a sentence already narrows the type to two or three ('captured' is a
change of territory, 'shelled' an attack); the model chooses among those. Code also
drops sentences that tell no happening: hypotheticals, plans, background history.
The cue lists are general English news vocabulary, not words of one story.
"""

from __future__ import annotations

import re

from summarizer.finders.lexicon import either, lexicon, listed, words
from summarizer.schemas import EventType

TYPE_CUES: tuple[tuple[re.Pattern[str], tuple[EventType, ...]], ...] = tuple(
    (re.compile(cue["pattern"], re.IGNORECASE), tuple(cue["types"]))
    for cue in lexicon("events")["type_cues"]
)
"""Cues in order of precedence: a sentence that tells of a capture and of fighting
is first a capture; an arrest of protesters is first an arrest."""
FALLBACK_TYPES: tuple[EventType, ...] = tuple(listed("events", "decisions.fallback_types"))


_LEADING_CLAUSE = re.compile(r"^(?:After|Following|Since|Before|Despite|Amid)\b[^,]{2,120},\s*")


def main_clause(sentence: str) -> str:
    """The sentence without a leading time or circumstance clause ('After the fall of
    Eastvale, ...'), when what follows still tells a happening."""
    rest = _LEADING_CLAUSE.sub("", sentence, count=1)
    return rest if rest != sentence and any(p.search(rest) for p, _ in TYPE_CUES) else sentence


def candidate_types(sentence: str) -> list[EventType]:
    """The event types the main clause's verbs allow, the first cue's likeliest type
    first ('Other' when no cue matches)."""
    clause = main_clause(sentence)
    types: list[EventType] = []
    for pattern, allowed in TYPE_CUES:
        if pattern.search(clause):
            types += [t for t in allowed if t not in types]
    return types or list(FALLBACK_TYPES)


_HYPOTHETICAL = re.compile(rf"\b({either('events', 'decisions.hypothetical')})\b", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"\b(since|until|in|from) (19|20)\d\d\b|\bhas seen\b|\bhave been key\b|\bfor years\b",
    re.IGNORECASE,
)


def tells_no_happening(sentence: str) -> bool:
    """A hypothetical, a plan or a threat ('if they take Northport', 'will march'), a denial
    of reports (a claim, not a happening), background history ('since 2011'), or a
    fragment left of a quotation (', read a joint statement'): not an event."""
    fragment = not sentence[:1].isalnum() and sentence[:1] not in "\"\u201c'\u2018"
    return fragment or bool(_HYPOTHETICAL.search(sentence) or _BACKGROUND.search(sentence))


_HAPPENING_WORD = re.compile(
    rf"\b({either('events', 'decisions.happening_stems')})\w*", re.IGNORECASE
)


def happenings(text: str) -> set[str]:
    """The stems of the happening words in ``text`` ('withdrawal' -> 'withdr'): what
    lets a denial meet the report it denies."""
    return {match.group(1).lower() for match in _HAPPENING_WORD.finditer(text)}


def tells_a_happening(sentence: str) -> bool:
    """A sentence of at least five words with a verb of one of the event types."""
    return len(sentence.split()) >= 5 and any(p.search(sentence) for p, _ in TYPE_CUES)


_LEADING_ATTRIBUTION = re.compile(
    r"^(?:[^,]{1,25},\s*)?(?:according to [^,]{2,80},\s*|[^,.\u201c\"]{2,80}?\s"
    rf"(?:{either('speech', 'attribution.opening_forms')})\s+(?:that\s+)?)",
    re.IGNORECASE,
)
_TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:according to [^,]{2,80}|[^,]{2,80}\b"
    rf"(?:{either('speech', 'attribution.closing_verbs')})\b[^,]{{0,60}})$",
    re.IGNORECASE,
)
DESCRIPTION_WORDS = 16
_TAIL_V4 = re.compile(
    r",\s*(?:according to\b.*|[^,]{2,80}\b"
    rf"(?:{either('speech', 'attribution.closing_verbs')})\b.*)$",
    re.I,
)
DESCRIPTION_WORDS_V4 = 14


def first_words(text: str, count: int) -> str:
    """At most ``count`` words of ``text``, an ellipsis marking the cut."""
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def event_description(sentence: str) -> str:
    """What happened, in the sentence's own words (v5, v6): without the attribution around
    it ('According to the ministry, ...', 'X said that ...', '..., X said'), at most
    DESCRIPTION_WORDS words."""
    core = _TRAILING_ATTRIBUTION.sub("", sentence.rstrip(". ")).strip()
    core = _LEADING_ATTRIBUTION.sub("", core, count=1).strip() or core
    text = first_words(core or sentence, DESCRIPTION_WORDS)
    return text[:1].upper() + text[1:]


def description_without_tail(sentence: str) -> str:
    """v4's description, as released: the sentence without a trailing attribution
    ('..., the ministry said'), at most DESCRIPTION_WORDS_V4 words."""
    core = _TAIL_V4.sub("", sentence.rstrip(". ")).strip()
    return first_words(core or sentence, DESCRIPTION_WORDS_V4)


_CAPITALISED = re.compile(r"(?<![\w\u2019'-])[A-Z][\w\u2019'-]+")
_NOT_PLACES = words("events", "decisions.not_places")
_ADJECTIVE_FORM = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese)(?:-\w+)?$")
_POSSESSIVE = re.compile(r"[\u2019']s?$")


def target_place(sentence: str, names: frozenset[str] = frozenset()) -> str | None:
    """The place the verb that decides the sentence's type acts on: the nearest place
    word after it ('captured the town of Eastvale'), else before it ('Northport ...
    captured')."""
    sentence = main_clause(sentence)
    cue = next((m for pattern, _ in TYPE_CUES if (m := pattern.search(sentence))), None)
    if cue is None:
        return None
    after = places(sentence[cue.end() : cue.end() + 45], names)
    if after:
        return min(after, key=lambda p: sentence.find(p, cue.end()))
    before = places(sentence[max(0, cue.start() - 45) : cue.start()], names)
    return max(before, key=lambda p: sentence.rfind(p, 0, cue.start())) if before else None


def places(sentence: str, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """Capitalised words that are neither common words, nationality adjectives
    ('Ruritanian', 'Bordurian-backed'), words of ``names`` (the story's actors), nor the
    country of such a name ('Ruritania' of 'Ruritanian army'): what two mentions of one
    happening share ('Northport')."""
    found = set()
    for match in _CAPITALISED.finditer(sentence):
        word = _POSSESSIVE.sub("", match.group())
        country = any(name.startswith(word) and name != word for name in names)
        if word in _NOT_PLACES or word in names or country or _ADJECTIVE_FORM.match(word):
            continue
        found.add(word)
    return frozenset(found)
