"""Who speaks, read from the words before or after a claim (prompt v6).

A speaker as written ('NORTHPORT — Senate Majority Leader Ana Berg, in a
statement') is cut to the speaker ('Senate Majority Leader Ana Berg'); its kind
says whether it can speak at all (a name, a role, a pronoun) or is a clause.
"""

from __future__ import annotations

import re

from summarizer.finders.lexicon import words

_LEADING = re.compile(
    r"^(?:.*?\b(?:as|that|when|after|while|before|because)\s+)?"
    r"(?:for (?:its|his|her|their) part|on \w+day|meanwhile|however|but|and|then|also|"
    r"still|yet|with|by|in a statement|in an interview|asked for [^,]{0,40},|"
    r"asked [^,]{0,60},)?\s*,?\s*",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'-]{1,40}\s+[\u2014\u2013-]+\s*"
    r"|^[A-Z]{2,}[A-Za-z .,']{0,40}\s[\u2014\u2013-]\s+"
    r"|^[Dd]ate \S+\s+"
)
"""'WASHINGTON — ': a dateline before the first words (capitals, then a dash)."""
_TRAILING_WORDS = re.compile(
    r"(?:\s+(?:had|has|have|also|both|all|previously|earlier|later|then|repeatedly|"
    r"reportedly|again|first|once|further|himself|herself|themselves|on \w+day|"
    r"(?:late |early )?(?:on|this|last) \w+|\w+ly))+$",
    re.IGNORECASE,
)
_NOT_A_SUBJECT = re.compile(
    r"\b(?:is|are|was|were|be|been|being|not|no|if|would|could|should|will|can|did|does|do|"
    r"to|of the things)\b",
    re.IGNORECASE,
)


_ISSUED = re.compile(
    r"\s+(?:issued|released|put out|posted|published)\s+(?:a|an|its|his|her|their)\s+\w+$", re.I
)
_STATEMENT = re.compile(r"^(?:an?|the|its)\s+(?P<source>.+?)\s+(?:statement|release)\b.*$", re.I)
"""'The hospital issued a statement', 'an FBI statement released Thursday': the source."""


def clean_speaker(text: str) -> str:
    text = _DATELINE.sub("", text.strip().lstrip("\u2015\u2014\u2013- "))
    text = _LEADING.sub("", text)
    text = re.split(r"\s+(?:on|in|to|from|during|at|late|earlier|via)\s+", text)[0]
    text = _TRAILING_WORDS.sub("", f" {text}").strip()
    text = _STATEMENT.sub(lambda m: m["source"], _ISSUED.sub("", text))
    return text.strip(' ,.;:\u2013\u2014\u2015-\u201c\u201d"')


def speaker_kind(speaker: str) -> str | None:
    """'person' for he/she, 'group' for they, 'named' for a name or a role noun; None when
    the words are no speaker (a clause, a number, 'it')."""
    lowered = speaker.lower()
    if lowered in words("speech", "person_pronouns"):
        return "person"
    if lowered in words("speech", "group_pronouns"):
        return "group"
    tokens = speaker.split()
    if not 0 < len(tokens) <= 10 or _NOT_A_SUBJECT.search(speaker) or speaker[0].isdigit():
        return None
    not_names = words("names", "not_names")
    if any(t[:1].isupper() and t not in not_names for t in tokens):
        return "named"
    roles = words("speech", "role_speakers")
    if any(re.sub(r"[\u2019']s?$", "", t.lower()) in roles for t in tokens):
        return "named"
    if tokens[0].lower() in ("the", "a", "an", "its", "his", "her", "their") and len(tokens) <= 6:
        return "named"  # "the hospital", "a senior official"
    return None


def ends_in_role(speaker: str) -> bool:
    """'Ms. Lind's spokesman', 'the defense minister': a role, whoever it belongs to."""
    last = speaker.split()[-1] if speaker.split() else ""
    return last.islower() and last.rstrip("s") in words("labels", "person_heads") | {
        r.rstrip("s") for r in words("speech", "role_speakers")
    }
