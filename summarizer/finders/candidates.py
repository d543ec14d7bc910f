"""Candidate claims and actor labels, found by code with exact offsets.

What a small model gets wrong most often is what code can find exactly: who is
quoted, where a quotation starts and ends, which words an outlet uses to name a
side. This module finds those spans in any English news text; the model is then
asked only to decide about them (keep or reject, claimant type, kind, actor).
Nothing here knows any story, outlet or place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from summarizer.finders.lexicon import either, listed, words
from summarizer.text.grounding import Span
from summarizer.text.sentences import SentenceIndex, sentence_index

Speech = Literal["direct", "reported"]

REPORTING_VERBS = tuple(listed("speech", "candidates.reporting_verbs"))
_VERBS = "|".join(REPORTING_VERBS)
_VERB = rf"(?P<verb>{_VERBS})"
_QUOTE = re.compile(r"[\u201c\"](?P<inner>[^\u201c\u201d\"]{2,}?)[\u201d\"]")
_REPORTED = re.compile(
    rf"(?:^|,\s+|\b(?:that|as|after|when)\s+)(?P<speaker>[^,;\u201c\"]{{2,90}}?)\s+{_VERB}\b(?P<rest>.*)$"
)
_TRAILING = re.compile(
    rf",[\u201d\"]?\s*(?P<speaker>[^,;\u201c\u201d\"]{{2,80}}?)\s+{_VERB}(?P<tail>(?:\s+[\w-]+){{0,4}})\s*\.?$"
)
_ACCORDING = re.compile(r"\baccording to (?P<speaker>[^,;.]{2,90})", re.IGNORECASE)
_CUE = re.compile(rf"\b(?:{_VERBS})\b|according to", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:.*?\b(?:as|that|when|after|while|before|because)\s+)?"
    r"(?:for its part|on \w+day|meanwhile|however|but|and|then)?\s*,?\s*",
    re.IGNORECASE,
)
_TRAILING_WORDS = re.compile(
    r"(?:\s+(?:had|has|have|also|both|all|previously|earlier|later|then|repeatedly|"
    r"reportedly|again|first|once|\w+ly))+$",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^.{0,60}?\s[-\u2013\u2014]\s+")
"""'NORTHPORT, Eastvale Province - Ruritanian rebels ...': the dateline before the dash."""
_WHEN = re.compile(r"\s+(?:late |early )?(?:on|in|this|last)\s+\w+$", re.IGNORECASE)
_NOT_A_SUBJECT = re.compile(r"\b(?:is|are|was|were|be|been|being|no|not)\b", re.IGNORECASE)
_QUOTED_AS = re.compile(
    r"(?P<via>[^,;]{2,60}?)\s+quoted\s+(?P<speaker>[^,;]{2,60}?)\s+as\s+saying\s+(?:\w+\s+)?(?:that\s+)?(?P<rest>.*)$"
)
MIN_QUOTE_WORDS = 4
"""Shorter quotations are scare quotes ("agreement", "regime forces"), not claims."""
_NOT_SPEAKERS = re.compile(r"^(it|this|that|which|who|there|he|she|they|we|i|you)$", re.I)


@dataclass(frozen=True)
class ClaimCandidate:
    """Words attributed to someone, with the attribution code could see."""

    span: Span
    """The quotation (with its marks) or the reported clause."""
    speaker: str
    """The claimant as written ('Ruritania's defense minister', 'the rights group')."""
    verb: str
    speech: Speech
    sentence: int
    """1-based number of the sentence it starts in."""


def _clean_speaker(text: str) -> str:
    """The claimant phrase alone: no leading clause ('This comes as ...'), no trailing
    adverbs or auxiliaries ('... had previously')."""
    text = _DATELINE.sub("", _LEADING.sub("", text.strip()))
    text = _WHEN.sub("", text)
    text = _TRAILING_WORDS.sub("", f" {text}").strip()
    return text.strip(" ,.;:\u2013\u2014-")


def _is_speaker(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 12
        and not _NOT_SPEAKERS.match(text)
        and not text[0].isdigit()
        and not _NOT_A_SUBJECT.search(text)
    )


_AFTER = re.compile(
    rf"^[,.!?]?\s*(?:(?P<verb_first>{_VERBS})\s+(?P<speaker_after>[^,.;]{{2,80}})"
    rf"|(?P<speaker>[^.;\u201c\u201d\"]{{2,200}}?)\s+{_VERB}\b)"
)


def _direct(text: str, index: SentenceIndex, offset: int) -> list[ClaimCandidate]:
    """Quotations of at least MIN_QUOTE_WORDS words whose speaker is named next to them:
    after the quotation ('," the minister, a former general, told CNN') or before it,
    from the start of its sentence ('The minister told state TV that they have "...').
    """
    found = []
    for match in _QUOTE.finditer(text):
        if len(match["inner"].split()) < MIN_QUOTE_WORDS:
            continue
        speaker, verb = None, None
        attribution = _AFTER.match(text[match.end() : match.end() + 240])
        if attribution:
            speaker = attribution["speaker_after"] or attribution["speaker"].split(",")[0]
            verb = attribution["verb_first"] or attribution["verb"]
        else:
            sentence_start = index.cover(
                Span(offset + match.start(), offset + match.start() + 1)
            ).start
            before = text[max(0, sentence_start - offset) : match.start()]
            lead = re.search(rf"^(?P<speaker>[^.;\u201d\"]{{2,120}}?)\s+{_VERB}\b", before)
            if lead:
                speaker, verb = lead["speaker"], lead["verb"]
        if speaker is None or verb is None:
            continue
        speaker = _clean_speaker(re.split(r"\s+(?:on|in|to|from|late|earlier)\s+", speaker)[0])
        if not _is_speaker(speaker):
            continue
        span = Span(offset + match.start(), offset + match.end())
        found.append(ClaimCandidate(span, speaker, verb, "direct", index.number(span.start)))
    return found


def _candidate(
    sentence: str, start: int, clause: tuple[int, int], speaker: str, verb: str, number: int
) -> ClaimCandidate:
    """A reported-speech candidate for ``sentence[clause[0]:clause[1]]`` (trailing stop cut)."""
    begin, end = clause
    while end > begin and sentence[end - 1] in ". ":
        end -= 1
    return ClaimCandidate(Span(start + begin, start + end), speaker, verb, "reported", number)


def _according(sentence: str, match: re.Match[str]) -> tuple[int, int]:
    """The clause an "according to X" attributes: before it, or after it and its comma."""
    before = sentence[: match.start()].rstrip(" ,")
    if len(before.split()) > 3:  # "..., according to X"
        return 0, len(before)
    after = match.end()
    if before and "," in sentence[after:]:  # "On Friday, according to X, the army ..."
        after = sentence.index(",", after) + 1
    while after < len(sentence) and sentence[after] in " ,":
        after += 1
    return after, len(sentence)


def _reported_clause(sentence: str, match: re.Match[str]) -> tuple[int, int]:
    """What follows the reporting verb, without a leading '... that'."""
    begin = match.start("rest")
    rest = sentence[begin:]
    that = re.match(r"\s*(?:[^,]{0,60}?\s)?that\s+", rest)
    if that:
        begin += that.end()
    else:
        begin += len(rest) - len(rest.lstrip())
    return begin, len(sentence)


def _reported(sentence: str, start: int, number: int) -> ClaimCandidate | None:
    """Indirect speech in one sentence: 'X said (that) ...', '..., X said', 'according to X'."""
    quoted_as = _QUOTED_AS.search(sentence)
    if quoted_as:
        speaker = _clean_speaker(quoted_as["speaker"])
        clause = (quoted_as.start("rest"), len(sentence))
        return _candidate(sentence, start, clause, speaker, "quoted", number)
    trailing = _TRAILING.search(sentence)
    if trailing and _is_speaker(_clean_speaker(trailing["speaker"])):
        speaker = _clean_speaker(trailing["speaker"])
        return _candidate(sentence, start, (0, trailing.start()), speaker, trailing["verb"], number)
    according = _ACCORDING.search(sentence)
    if according:
        speaker = _clean_speaker(according["speaker"])
        clause = _according(sentence, according)
        return _candidate(sentence, start, clause, speaker, "according to", number)
    reported = _REPORTED.search(sentence)
    if reported is None:
        return None
    speaker = _clean_speaker(reported["speaker"])
    if not speaker or speaker.lower().endswith(" and"):
        # "The rebels, led by X, have said": the subject is the sentence's first phrase
        speaker = _clean_speaker(sentence.split(",")[0])
    if not _is_speaker(speaker) or len(reported["rest"].split()) < 3:
        return None
    clause = _reported_clause(sentence, reported)
    return _candidate(sentence, start, clause, speaker, reported["verb"], number)


def find_claims(text: str, body: list[Span]) -> list[ClaimCandidate]:
    """Every attributed quotation or reported clause in the body, in text order.

    A direct quotation that lies inside a reported clause of the same sentence
    wins (it is the claimant's own words); an outlet's own sentence yields nothing.
    """
    index = sentence_index(text)
    found: list[ClaimCandidate] = []
    for region in body:
        chunk = text[region.start : region.end]
        direct = _direct(chunk, index, region.start)
        found += direct
        for sentence in index.spans:
            if not (region.start <= sentence.start and sentence.end <= region.end):
                continue
            words = text[sentence.start : sentence.end]
            if not _CUE.search(words):
                continue
            candidate = _reported(words, sentence.start, index.number(sentence.start))
            if candidate is None:
                continue
            overlaps = any(
                d.span.start < candidate.span.end and candidate.span.start < d.span.end
                for d in direct
            )
            if not overlaps:
                found.append(candidate)
    return sorted(found, key=lambda c: c.span.start)


HEAD_NOUNS = tuple(listed("labels", "candidates.head_nouns"))
_ANY_CASE = "|".join(
    f"[{w[0].upper()}{w[0]}]{w[1:]}"
    for w in listed("labels", "candidates.qualifier_words_any_case")
)
MODIFIERS = re.compile(
    rf"^(?:[A-Z]?[a-z]+-(?:{either('labels', 'candidates.qualifier_participles')})|"
    rf"(?:pro|anti)-[A-Za-z-]+|{either('labels', 'candidates.qualifier_forms')}|"
    rf"{either('labels', 'candidates.qualifier_words')}|{_ANY_CASE})$"
)
"""Words that may qualify a label noun: adjectives by their form, and a short list
of nouns used as qualifiers ('government troops'); verbs and adverbs stop a phrase."""
_STOP = words("labels", "candidates.stop_words")
_WORD = re.compile(r"[\w\u2019'-]+")


@dataclass(frozen=True)
class LabelCandidate:
    """A noun phrase an outlet uses to name a group or side, with its span."""

    span: Span
    label: str
    sentence: int


def is_head(word: str) -> bool:
    lowered = word.lower()
    stem = lowered[:-1] if lowered.endswith("s") and lowered[:-1] in HEAD_NOUNS else lowered
    return stem in HEAD_NOUNS or lowered in HEAD_NOUNS


def _in_a_name(text: str, words: list[tuple[int, int, str]], position: int) -> bool:
    """A capitalised head noun inside a proper name ('Ruritanian Arab Army', 'Bordurian
    Armed Forces') is part of the name, unless it starts a sentence."""
    start, _, word = words[position]
    if not word[0].isupper():
        return False
    before = text[:start].rstrip()
    sentence_start = not before or before[-1] in '.!?\n\u201c"' or before.endswith(("\u2014", "-"))
    if sentence_start:
        return False
    previous = words[position - 1][2] if position else ""
    return previous[:1].isupper() or word.isupper()


def find_labels(text: str, body: list[Span]) -> list[LabelCandidate]:
    """Label phrases: a head noun from a general vocabulary of armed and political
    groups ('rebels', 'troops', 'regime') with the modifiers written before it
    ('Bordurian-backed Ruritanian militias', 'opposition gunmen'); proper names stop the
    phrase, so 'NF extremists' gives 'extremists'."""
    index = sentence_index(text)
    found: list[LabelCandidate] = []
    for region in body:
        words = [(m.start() + region.start, m.end() + region.start, m.group())
                 for m in _WORD.finditer(text[region.start : region.end])]  # fmt: skip
        for position, (_, end, word) in enumerate(words):
            if not is_head(word) or _in_a_name(text, words, position):
                continue
            first = position
            while first > 0:
                previous = words[first - 1][2]
                if previous.lower() in _STOP or not MODIFIERS.match(previous):
                    break
                if text[words[first - 1][1] : words[first][0]].strip():  # punctuation between
                    break
                first -= 1
            span = Span(words[first][0], end)
            if found and found[-1].span.end > span.start:
                if span.start > found[-1].span.start:
                    continue
                found.pop()  # "opposition" then "opposition gunmen": keep the whole phrase
            found.append(
                LabelCandidate(span, text[span.start : span.end], index.number(span.start))
            )
    return found


_NAME_WORD = r"(?:[A-Z][\w\u2019'-]+|al-[A-Z][\w\u2019'-]*|al|bin|of|for|the|de|el)"
_DEFINED = re.compile(
    rf"\b(?P<name>[A-Z][\w\u2019'-]+(?:\s+{_NAME_WORD}){{0,5}})\s+\((?P<short>[A-Z]{{2,6}})\)"
)
_SIDE = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?:ian|ish|ese|i|an)\s+"
    rf"(?:{either('sides', 'candidates.side_nouns')}))\b"
)


def find_actor_names(texts: list[str], limit: int = 12) -> list[str]:
    """Names of groups and sides across a story's articles, most mentioned first: names
    an article defines with an acronym ('Ruritanian National Army (RNA)') and nationality
    sides ('Ruritanian government'). The corpus pass chooses the story's actors among them."""
    counts: dict[str, int] = {}
    for text in texts:
        for match in (*_DEFINED.finditer(text), *_SIDE.finditer(text)):
            name = re.sub(r"^(?:the|The)\s+", "", match["name"].strip())
            name = re.sub(r"^[A-Z]{2,}-\w+\s+", "", name)  # 'US-sponsored Ruritanian ...'
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    return ranked[:limit]


EVENT_VERBS = tuple(listed("events", "candidates.verb_stems"))
"""Stems of verbs that report something happening: a sentence without one is not
offered to the model as a possible event."""
_EVENT_VERB = re.compile(r"\b(?:" + "|".join(EVENT_VERBS) + r")\w*", re.IGNORECASE)


def is_event_sentence(sentence: str) -> bool:
    """Whether a sentence has a verb of happening (a candidate event sentence)."""
    return bool(_EVENT_VERB.search(sentence)) and len(sentence.split()) >= 5
