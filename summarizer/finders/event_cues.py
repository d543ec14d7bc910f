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
        (r"\b(captur|seiz|took (full )?control|take[ns]? (full )?control|taken (full )?control|"
         r"overr[au]n|overtak|liberat|fell to|fall of|recaptur|regain|took over|taking over)",
         TERRITORY),
        (r"\b(withdr[ae]w|withdrawn|withdrawal|retreat|pull(ed)? out|reposition|redeploy|"
         r"evacuat|surrender)",
         ("Non-violent transfer of territory", "Change to group/activity")),
        (r"\b(air ?strikes?|airstrikes?|air raids?|drones?|warplanes?|aircraft|fighter jets?|"
         r"jets|aerial|bombard|bomb(ed|ing|s)?\b)",
         ("Air/drone strike", "Shelling/artillery/missile attack")),
        (r"\b(shell(ed|ing|s)|artillery|rockets?|missiles?|mortars?)",
         ("Shelling/artillery/missile attack", "Air/drone strike")),
        (r"\b(explosions?|explosives?|blasts?|ied|landmines?|car bomb)",
         ("Remote explosive/landmine/IED", "Attack")),
        (r"\b(arrest|detain)", ("Arrests", "Abduction/forced disappearance")),
        (r"\b(kidnap|abduct)", ("Abduction/forced disappearance", "Arrests")),
        (r"\b(loot|destroy|burn(ed|t)|torch)", ("Looting/property destruction", "Attack")),
        (r"\b(agree|agreement|deal|ceasefire|truce|sign(ed|s|ing)?\b|accords?\b)",
         ("Agreement", "Other")),
        (r"\b(fled|flee|fleeing|displac|left (their|the) )", ("Other", "Change to group/activity")),
        (r"\b(enter(ed|s|ing)?|advanc|march(ed|es|ing)\b|reach|edg(ed|ing) toward|"
         r"gain(ed|s|ing)? (\w+ )?ground|close in|push(ed|es|ing)? (south|north|east|west|into|"
         r"toward))",
         ("Non-state actor overtakes territory", "Armed clash", "Change to group/activity")),
        (r"\b(clash|fought|fighting|battl|assault|ambush|launch(ed)? an? )",
         ("Armed clash", "Attack")),
        (r"\b(kill|attack|struck|shot|fired|wounded|injured)",
         ("Attack", "Armed clash", "Air/drone strike")),
        (r"\b(deploy|reinforc|sent troops|mobiliz|mobilis|ordered)",
         ("Change to group/activity", "Headquarters or base established")),
        (r"\b(establish(ed|es|ing)?|set up) (a|an|the)\b",
         ("Headquarters or base established", "Change to group/activity")),
        (r"\b(protest|demonstrat|rall(y|ied))", ("Protests", "Riots")),
        (r"\b(met|meet|meeting|talks|summit|called for|urged)\b", ("Other", "Agreement")),
    )
)  # fmt: skip
"""Cues in order of precedence: a sentence that tells of a capture and of fighting
is first a capture; an arrest of protesters is first an arrest."""
FALLBACK_TYPES: tuple[EventType, ...] = ("Other", "Change to group/activity")


_LEADING_CLAUSE = re.compile(r"^(?:After|Following|Since|Before|Despite|Amid)\b[^,]{2,120},\s*")


def main_clause(sentence: str) -> str:
    """The sentence without a leading time or circumstance clause ('After the fall of
    Hama, ...'), when what follows still tells a happening."""
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


_HYPOTHETICAL = re.compile(
    r"\b(if|would|could|might|should|unless|aims? to|aiming to|plans? to|planning to|"
    r"threaten(s|ed|ing)? to|vow(s|ed)? to|will|yet to|no immediate|willing(ness)? to|"
    r"failed to|"
    r"(denied|denies|denying|rejected|rejects|rejecting|dismissed) (\w+ )?(reports|claims))\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\b(since|until|in|from) (19|20)\d\d\b|\bhas seen\b|\bhave been key\b|\bfor years\b",
    re.IGNORECASE,
)


def tells_no_happening(sentence: str) -> bool:
    """A hypothetical, a plan or a threat ('if they take Homs', 'will march'), a denial
    of reports (a claim, not a happening), background history ('since 2011'), or a
    fragment left of a quotation (', read a joint statement'): not an event."""
    fragment = not sentence[:1].isalnum() and sentence[:1] not in "\"\u201c'\u2018"
    return fragment or bool(_HYPOTHETICAL.search(sentence) or _BACKGROUND.search(sentence))


_HAPPENING_WORD = re.compile(
    r"\b(captur|seiz|liberat|withdr|retreat|enter|advanc|strik|bomb|shell|attack|kill|"
    r"arrest|agree|ceasefire|fled|flee|clash)\w*",
    re.IGNORECASE,
)


def happenings(text: str) -> set[str]:
    """The stems of the happening words in ``text`` ('withdrawal' -> 'withdr'): what
    lets a denial meet the report it denies."""
    return {match.group(1).lower() for match in _HAPPENING_WORD.finditer(text)}


def tells_a_happening(sentence: str) -> bool:
    """A sentence of at least five words with a verb of one of the event types."""
    return len(sentence.split()) >= 5 and any(p.search(sentence) for p, _ in TYPE_CUES)


_LEADING_ATTRIBUTION = re.compile(
    r"^(?:[^,]{1,25},\s*)?(?:according to [^,]{2,80},\s*|[^,.\u201c\"]{2,80}?\s(?:said|says|"
    r"reported|reports|report|announced|told [^,]{2,40}?|quoted [^,]{2,60}? as saying"
    r"(?: \w+day)?)\s+"
    r"(?:that\s+)?)",
    re.IGNORECASE,
)
_TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:according to [^,]{2,80}|[^,]{2,80}\b(?:said|says|reported|reports|told)\b[^,]{0,60})$",
    re.IGNORECASE,
)
DESCRIPTION_WORDS = 16


def event_description(sentence: str) -> str:
    """What happened, in the sentence's own words: without the attribution around it
    ('According to the Observatory, ...', 'X said that ...', '..., X said'), at most
    DESCRIPTION_WORDS words."""
    core = _TRAILING_ATTRIBUTION.sub("", sentence.rstrip(". ")).strip()
    core = _LEADING_ATTRIBUTION.sub("", core, count=1).strip() or core
    words = (core or sentence).split()
    text = " ".join(words[:DESCRIPTION_WORDS]) + ("…" if len(words) > DESCRIPTION_WORDS else "")
    return text[:1].upper() + text[1:]


_CAPITALISED = re.compile(r"(?<![\w\u2019'-])[A-Z][\w\u2019'-]+")
_NOT_PLACES = frozenset({
    "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "The", "A", "An", "In", "On", "As", "After", "According", "This",
    "That", "They", "It", "He", "She", "We", "President", "Minister", "Ministry", "Army",
})  # fmt: skip
_ADJECTIVE_FORM = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese)(?:-\w+)?$")
_POSSESSIVE = re.compile(r"[\u2019']s?$")


def target_place(sentence: str, names: frozenset[str] = frozenset()) -> str | None:
    """The place the verb that decides the sentence's type acts on: the nearest place
    word after it ('captured the town of Salamiyah'), else before it ('Homs ...
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
    ('Syrian', 'Turkish-backed'), words of ``names`` (the story's actors), nor the
    country of such a name ('Syria' of 'Syrian army'): what two mentions of one
    happening share ('Homs')."""
    found = set()
    for match in _CAPITALISED.finditer(sentence):
        word = _POSSESSIVE.sub("", match.group())
        country = any(name.startswith(word) and name != word for name in names)
        if word in _NOT_PLACES or word in names or country or _ADJECTIVE_FORM.match(word):
            continue
        found.add(word)
    return frozenset(found)
