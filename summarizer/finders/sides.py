"""Which side of a story an actor or a label is on: a state's institutions or a group.

The story's sides are named by code from the names found across the run's articles
(prompt v5 and v6): a nation's government, army and armed forces are one state actor
when the articles name its government; every other group is a non-state actor; media
and monitors are no side. A label's words say which kind of actor it can name. Word
lists in ``lexicon/sides.toml``.
"""

from __future__ import annotations

import re

from summarizer.finders.actors import StoryActors, acronym, same_actor
from summarizer.finders.lexicon import either, words

Side = str
STATE: Side = "state"
NON_STATE: Side = "non-state"
STATE_WORDS = words("sides", "state_words")
NON_STATE_WORDS = words("sides", "non_state_words")
_WORD = re.compile(r"[a-z]+")
_NATION_ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese|i|an)$")
_STATE_NAME = re.compile(
    r"^(?P<nation>[A-Z][a-z]+)(?: Arab)? "
    rf"(?i:{either('sides', 'decisions.state_institutions')})$"
)
"""'Ruritanian government', 'Ruritanian Arab Army': a nation's state institutions, when
the articles also name that nation's government. 'Ruritanian National Army' or
'Ruritanian Democratic Forces' are not of this form; 'Eastvale Army' is, but no 'Eastvale
government' is named, so it is an armed group."""
_GOVERNING = re.compile(rf"\b({either('sides', 'decisions.governing')})\b", re.IGNORECASE)
_NOT_A_SIDE = re.compile(rf"\b({either('sides', 'decisions.not_sides')})\b", re.IGNORECASE)


def story_actors_by_code(found: list[str]) -> StoryActors:
    """The story's sides from the names code found across the run's articles (most
    mentioned first): a nation's government, army and armed forces (when its
    government is named) are one state actor, named by its 'government' name (an
    army's labels are the government's); every other group once, spelling variants
    merged; monitors and media are not sides."""
    candidates = [n for n in found if not _NOT_A_SIDE.search(n)]
    governed = {
        match["nation"] for n in candidates
        if (match := _STATE_NAME.match(n)) and _GOVERNING.search(n)
    }  # fmt: skip
    states: dict[str, list[str]] = {}
    armed: dict[str, list[str]] = {}
    for name in candidates:
        state = _STATE_NAME.match(name)
        if state and state["nation"] in governed:
            states.setdefault(state["nation"], []).append(name)
            continue
        kept = next((k for k in armed if same_actor(name, k)), None)
        armed.setdefault(kept or name, []).append(name)
    names: list[str] = []
    sides: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    for variants in states.values():
        governing = next((n for n in variants if "government" in n.lower()), variants[0])
        names.append(governing)
        sides[governing] = STATE
        aliases[governing] = _with_acronyms(variants)
    for name, variants in armed.items():
        names.append(name)
        sides[name] = NON_STATE
        aliases[name] = _with_acronyms(variants)
    names = names[:8]
    return StoryActors(names, sides, found, {n: aliases[n] for n in names})


def _with_acronyms(variants: list[str]) -> list[str]:
    initials = [acronym(v) for v in variants]
    return list(dict.fromkeys([*variants, *(a for a in initials if len(a) >= 2)]))


def is_foreign(label: str, story: StoryActors) -> bool:
    """The label names a nation none of the story's actors belongs to ('Bordurian
    forces', 'Syldavian special forces'): someone else, not a side of the story."""
    nations = {word for aliases in story.aliases.values() for word in nation_words(aliases)}
    adjectives = [w for w in label.split() if _NATION_ADJECTIVE.match(w)]
    return bool(adjectives) and not any(w.lower() in nations for w in adjectives)


def nation_words(aliases: list[str]) -> set[str]:
    """'Ruritanian' of 'Ruritanian army': the nation word of multi-word names."""
    return {alias.split()[0].lower() for alias in aliases if " " in alias}


def label_side(label: str) -> Side | None:
    """Which kind of actor a label can name: a state's institutions ('government
    forces', 'regime') or a non-state group ('opposition gunmen', 'anti-regime
    forces'); None when the words do not say ('forces', 'allies')."""
    lowered = label.lower().replace("\u2019", "'")
    parts = lowered.split()
    if any(p.startswith("anti-") for p in parts):
        return NON_STATE
    if any(p.startswith("pro-") and _WORD.findall(p)[-1] in STATE_WORDS for p in parts):
        return STATE  # 'pro-government fighters'
    words = [w for p in parts for w in _WORD.findall(p)]
    if any(w in NON_STATE_WORDS for w in words):
        return NON_STATE
    if any(w in STATE_WORDS for w in words):
        return STATE
    return None
