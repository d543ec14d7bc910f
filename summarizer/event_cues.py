"""What code can tell about a candidate event sentence before the model sees it.

A 1.5B model asked for one of 22 ACLED types picks the same one for everything.
The verb of a sentence already narrows the type to two or three ('captured' is a
change of territory, 'shelled' an attack); the model chooses among those. Code also
drops sentences that tell no happening: hypotheticals, plans, background history.
The cue lists are general English news vocabulary, not words of one story.
"""

from __future__ import annotations

import re

from summarizer.schemas import EventType

TERRITORY: tuple[EventType, ...] = (
    "Non-state actor overtakes territory",
    "Government regains territory",
    "Non-violent transfer of territory",
)
TYPE_CUES: tuple[tuple[re.Pattern[str], tuple[EventType, ...]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), types)
    for pattern, types in (
        (
            r"\b(captur|seiz|took (full )?control|take[ns]? (full )?control|taken (full )?control|"
            r"overr[au]n|overtak|liberat|fell to|fall of|recaptur|regain|took over|taking over)",
            TERRITORY,
        ),
        (
            r"\b(enter(ed|s|ing)?|advanc|march|reach|edg(ed|ing) toward|gain(ed|s)? ground|"
            r"close in|push(ed|es|ing)? (south|north|east|west|into|toward))",
            ("Non-state actor overtakes territory", "Armed clash", "Change to group/activity"),
        ),
        (
            r"\b(withdr[ae]w|withdrawn|withdrawal|retreat|pull(ed)? out|reposition|redeploy|"
            r"evacuat|surrender)",
            ("Non-violent transfer of territory", "Change to group/activity"),
        ),
        (
            r"\b(air ?strike|airstrike|air raid|drone|warplane|fighter jet|jets|aerial|bombard|"
            r"bomb(ed|ing|s)?\b)",
            ("Air/drone strike", "Shelling/artillery/missile attack"),
        ),
        (
            r"\b(shell(ed|ing|s)|artillery|rocket|missile|mortar)",
            ("Shelling/artillery/missile attack", "Air/drone strike"),
        ),
        (
            r"\b(clash|fought|fighting|battle|offensive|assault|ambush|launch(ed)? an? )",
            ("Armed clash", "Attack"),
        ),
        (
            r"\b(kill|attack|struck|shot|fired|wounded|injured)",
            ("Attack", "Armed clash", "Air/drone strike"),
        ),
        (r"\b(explo|blast|ied|landmine|car bomb)", ("Remote explosive/landmine/IED", "Attack")),
        (
            r"\b(agree|agreement|deal|ceasefire|truce|sign(ed|s|ing)?\b|accord)",
            ("Agreement", "Other"),
        ),
        (r"\b(met|meet|meeting|talks|summit|called for|urged)", ("Other", "Agreement")),
        (
            r"\b(deploy|reinforc|sent troops|mobiliz|mobilis|ordered)",
            ("Change to group/activity", "Headquarters or base established"),
        ),
        (r"\b(fled|flee|fleeing|displac|left (their|the) )", ("Other", "Change to group/activity")),
        (r"\b(protest|demonstrat|rall(y|ied))", ("Protests", "Riots")),
        (r"\b(arrest|detain|captive)", ("Arrests", "Abduction/forced disappearance")),
        (r"\b(loot|destroy|burn(ed|t)|torch)", ("Looting/property destruction", "Attack")),
        (r"\b(kidnap|abduct)", ("Abduction/forced disappearance", "Arrests")),
    )
)
FALLBACK_TYPES: tuple[EventType, ...] = ("Other", "Change to group/activity")


def candidate_types(sentence: str) -> list[EventType]:
    """The event types the sentence's verbs allow, the earliest verb's likeliest
    type first. 'Other' is offered only where the cues offer it: offered everywhere, a
    small model chose it for every sentence."""
    matches = sorted(
        (match.start(), order, allowed)
        for order, (pattern, allowed) in enumerate(TYPE_CUES)
        if (match := pattern.search(sentence))
    )
    types: list[EventType] = []
    for _, _, allowed in matches:  # the verb written first is usually the main one
        types += [t for t in allowed if t not in types]
    return types or list(FALLBACK_TYPES)


_HYPOTHETICAL = re.compile(
    r"\b(if|would|could|might|should|unless|aims? to|aiming to|plans? to|planning to|"
    r"threaten(s|ed|ing)? to|vow(s|ed)? to|will|yet to|no immediate)\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\b(since|until|in|from) (19|20)\d\d\b|\bhas seen\b|\bhave been key\b|\bfor years\b",
    re.IGNORECASE,
)


def tells_no_happening(sentence: str) -> bool:
    """A hypothetical, a plan or a threat ('if they take Homs', 'will march'), or
    background history ('since 2011'): not an event of the story."""
    return bool(_HYPOTHETICAL.search(sentence) or _BACKGROUND.search(sentence))


_PLACE = re.compile(
    r"\b(?:of|in|from|to|into|toward|towards|near|around|outside|at|on)\s+"
    r"(?:the\s+)?(?:(?:city|town|towns|province|region|capital|outskirts)\s+(?:of\s+)?)?"
    r"(?P<place>[A-Z][\w\u2019'-]+)"
)
_NOT_PLACES = frozenset({
    "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
})  # fmt: skip


def places(sentence: str) -> frozenset[str]:
    """Capitalised words after a preposition of place: where the sentence happens."""
    return frozenset(m["place"] for m in _PLACE.finditer(sentence) if m["place"] not in _NOT_PLACES)
