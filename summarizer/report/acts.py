"""How a sentence tells an act, and on what: the reading behind one row per happening.

An act (``acts`` in ``finders/lexicon/acts.toml``: a capture, an advance, a withdrawal,
an arrest...) is read from a sentence's verbs, not from an ACLED type, so "advanced
to within 5 km of X" and "captured X" are two acts while "entered X" and "captured X"
are one. Its target is the place, person, body or facility it acts on: names after
the verb (a list of names is several targets), before it only in the passive ("X fell
to..."); an act named in passing ("injured during the attack") is none of the
sentence's. Claims are read the same way (``claim_pairs``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from summarizer.finders.actors import acronym
from summarizer.finders.lexicon import lexicon, words
from summarizer.schemas import ArticleRecord

TARGET_MATCH = 80.0
"""Fuzzy ratio at which two spellings name one target ('Eastvale' / 'Eastvaile')."""


@dataclass(frozen=True)
class Act:
    name: str
    title: str
    untargeted: str
    cues: tuple[re.Pattern[str], ...]
    not_after: re.Pattern[str] | None = None
    """Words before a name that make it no target of this act ('fled toward X')."""
    types: tuple[str, ...] = ()
    """The ACLED event types this act is."""


@functools.cache
def acts() -> tuple[Act, ...]:
    return tuple(
        Act(
            a["name"],
            a["title"],
            a["untargeted"],
            tuple(re.compile(c, re.IGNORECASE) for c in a["cues"]),
            _marks(a["not_after"]) if a.get("not_after") else None,
            tuple(a["types"]),
        )
        for a in lexicon("acts")["acts"]
    )


def _marks(marks: Iterable[str]) -> re.Pattern[str]:
    """Any of ``marks`` shortly before the end of a text ('north of the city of ')."""
    ordered = sorted(marks, key=len, reverse=True)
    alternatives = "|".join(map(re.escape, ordered))
    return re.compile(rf"\b(?:{alternatives})\s+(?:the\s+)?(?:\w+\s+){{0,3}}?$", re.IGNORECASE)


@functools.cache
def _AFTER_STOP() -> re.Pattern[str]:  # noqa: N802 - a compiled constant, built once
    stops = sorted(words("acts", "after_stops"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, stops)), re.IGNORECASE)


@functools.cache
def _relative() -> re.Pattern[str]:
    return _marks(words("acts", "relative_places"))


_PARTICLE = r"(?:(?:al|el|ad|an|ar|as|ash|at|az|ad-|ul)-)?"
_NAME = re.compile(
    rf"(?<![\w\u2019'-]){_PARTICLE}[A-Z][\w\u2019'-]*(?:\s+{_PARTICLE}[A-Z][\w\u2019'-]*)*"
)
"""A run of capitalised words; Arabic names may open with a particle ('el-Haddar')."""
_LEADING_PARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ul)[-\s]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[\u2019']s?$")
_ADJECTIVE_FORM = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese|ist|ists)$")
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")


def _clean(name: str) -> str:
    return _POSSESSIVE.sub("", name.strip())


def _is_country_or_adjective(name: str, actors: frozenset[str]) -> bool:
    """A nationality adjective ('Bordurian'), or the country of an actor ('Ruritania'
    of 'Ruritanian army'): a place that contains the story, not a target in it."""
    if _ADJECTIVE_FORM.match(name):
        return True
    lowered = name.lower()
    return len(lowered) > 3 and any(
        a.lower().startswith(lowered) and a[len(lowered) : len(lowered) + 1].isalpha()
        for a in actors
    )


def _is_actor(name: str, actors: frozenset[str]) -> bool:
    """A name of one of the story's actors (also as an acronym, or the end of its full
    name: 'Democratic Forces' of 'Ruritanian Democratic Forces')."""
    lowered = name.lower()
    for actor in actors:
        other = actor.lower()
        if lowered == other or (name.isupper() and name == acronym(actor)):
            return True
        if " " in lowered and other.endswith(" " + lowered):
            return True
    return False


def names_in(
    text: str, offset: int, story: StoryNames, doers: bool = False
) -> list[tuple[int, int, str]]:
    """Target names in ``text``: capitalised runs that are no common word, title,
    acronym (a body, not a place), nationality, compound adjective ('UN-designated') or
    relative place ('north of X'); with ``doers``, no actor either (before the verb, an
    actor's name is who acts). A run's leading such words are dropped first
    ('US-backed Ruritanian Democratic Forces' is the actor it names)."""
    skip = words("acts", "not_targets")
    found = []
    for match in _NAME.finditer(text):
        tokens = match.group().split()
        start = match.start()
        while tokens and _not_a_target_word(_clean(tokens[0]), skip):
            start += len(tokens[0]) + 1
            tokens.pop(0)
        if not tokens:
            continue
        first_word = start == 0 and offset == 0 and len(tokens) == 1
        if first_word and _lower_next(text, match.end()) and tokens[0] not in story.seen:
            continue  # a sentence's first word before a common word, never capitalised inside
            # a sentence of the story, is no name ('Extremist groups', 'Efforts to')
        name = _clean(" ".join(tokens))
        if _is_country_or_adjective(name, story.actors):
            continue
        actor = _is_actor(name, story.actors) or any(
            _is_actor(_clean(t), story.actors) for t in tokens
        )
        if doers and actor:
            continue
        if _relative().search(text[max(0, start - 40) : start]):
            continue
        found.append((offset + start, offset + start + len(name), name))
    return found


@functools.cache
def _title_words() -> frozenset[str]:
    titles = words("names", "title_words") | words("names", "honorifics")
    return frozenset(t.rstrip(".") for t in titles)


_PARTY_TAG = re.compile(r"^[RDI]-[A-Z]")
"""'R-La', 'D-Calif': a party and state tag after a legislator's name."""


def _not_a_target_word(token: str, skip: frozenset[str]) -> bool:
    compound = "-" in token and token.split("-", 1)[1][:1].islower()
    return (
        token in skip or token in _title_words() or compound or token.isupper()
        or bool(_ADJECTIVE_FORM.match(token)) or bool(_PARTY_TAG.match(token))
    )  # fmt: skip


def _lower_next(text: str, end: int) -> bool:
    rest = text[end:].lstrip()
    return rest[:1].islower()


_BACK_REFERENCE = re.compile(
    r"\b(?:during|after|before|since|until|following)\s+(?:the|a|an|this|that|being)\s+$",
    re.IGNORECASE,
)
"""'injured during the attack', 'after the shooting stopped', 'after being shot': the act
is one told elsewhere, named in passing; it is not what this sentence tells."""
DAY = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2})\b"
)
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|being|got|remained)\b", re.IGNORECASE)
"""Before the verb, a name is what it acts on only in the passive ('Northport was taken')."""


def cue_is_passive(cue: str) -> bool:
    """A verb whose subject undergoes it ('X fell to the rebels')."""
    return cue.lower().startswith(("fell", "fall"))


_SOURCE_BEFORE = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$", re.IGNORECASE)
"""'groups from X that entered': X is where the actors come from, not what they enter."""
SUBORDINATE = re.compile(r",\s+(?:which|who|whose|where)\b.*$", re.DOTALL)


def _groups(names: list[tuple[int, int, str]], text: str) -> list[tuple[str, ...]]:
    """Names joined as a list ('A, B and C') are one group; the rest stand alone."""
    groups: list[list[tuple[int, int, str]]] = []
    for item in names:
        if groups and _LIST_JOIN.match(text[groups[-1][-1][1] : item[0]]):
            groups[-1].append(item)
        else:
            groups.append([item])
    return [tuple(name for _, _, name in group) for group in groups]


def _cues(clause: str) -> list[tuple[int, int, Act]]:
    """Every act cue in the clause, in order; where cues overlap, the earlier act wins."""
    found: list[tuple[int, int, Act]] = []
    for act in acts():
        for cue in act.cues:
            for match in cue.finditer(clause):
                if not any(s < match.end() and match.start() < e for s, e, _ in found):
                    found.append((match.start(), match.end(), act))
    return sorted(found, key=lambda item: item[0])


def live_cues(clause: str) -> list[tuple[int, int, Act]]:
    """The clause's act cues, without acts named only in passing ('during the attack')."""
    return [
        c for c in _cues(clause) if not _BACK_REFERENCE.search(clause[max(0, c[0] - 20) : c[0]])
    ]


@functools.cache
def _facilities() -> list[tuple[str, re.Pattern[str]]]:
    groups = lexicon("acts")["facilities"]
    return [
        (group[0], re.compile(
            r"^(?P<lead>(?:\S+\s+){0,6}?)(?:" + "|".join(map(re.escape, group)) + r")s?\b",
            re.IGNORECASE,
        ))
        for group in groups
    ]  # fmt: skip


def _facility(window: str, story: StoryNames) -> str | None:
    """The facility the verb acts on, when its object is one ('seized a key military
    base', 'captured the headquarters of ...'), within its first words: named by its
    kind, and by the name written just before it ('the Rustan bridge' -> 'Rustan
    bridge'); a facility the sentence only places the act near is none."""
    text = window.strip()
    for kind, pattern in _facilities():
        match = pattern.search(text)
        if match is None or _relative().search(match["lead"]):
            continue
        names = names_in(match["lead"], 0, story)
        last = names[-1] if names else None
        if last and not match["lead"][last[1] :].strip(" '\u2019s"):
            return f"{last[2]} {kind.split()[-1]}"  # the name right before the facility
        return kind
    return None


def acts_on(
    clause: str, story: StoryNames, keep_untargeted: bool = False
) -> list[tuple[str, tuple[str, ...]]]:
    """Each act cue of the clause with what it acts on: the names after it (up to the
    next cue), else the name nearest before it; a list of names is several targets.
    An act with no target is left out unless ``keep_untargeted``."""
    return [(act, targets) for act, targets, _ in acts_with_cues(clause, story, keep_untargeted)]


def acts_with_cues(
    clause: str, story: StoryNames, keep_untargeted: bool = False
) -> list[tuple[str, tuple[str, ...], str]]:
    cues = live_cues(clause)
    told: list[tuple[str, tuple[str, ...], str]] = []
    for number, (start, end, act) in enumerate(cues):
        segment_start = 0 if number == 0 else cues[number - 1][1]
        segment_end = cues[number + 1][0] if number + 1 < len(cues) else len(clause)
        stop = _AFTER_STOP().search(clause, end, segment_end)
        after = names_in(clause[end : stop.start() if stop else segment_end], end, story)
        if cue_is_passive(clause[start:end]):
            after = []  # 'X fell to Y': Y took X
        if act.not_after is not None:
            after = [n for n in after if not act.not_after.search(clause[max(0, n[0] - 40) : n[0]])]
        before = [
            n
            for n in (
                names_in(clause[segment_start:start], segment_start, story, doers=True)
                if number == 0
                else []
            )
            if not _SOURCE_BEFORE.search(clause[max(0, n[0] - 12) : n[0]])
            and (_PASSIVE.search(clause[n[1] : start]) or cue_is_passive(clause[start:end]))
        ]
        cue = clause[start:end]
        window = clause[end : stop.start() if stop else segment_end]
        facility = None
        if act.name in words("acts", "facility_acts") and not cue_is_passive(cue):
            facility = _facility(window, story)
        if facility:
            told.append((act.name, (facility,), cue))
        elif after:
            told.append((act.name, _groups(after, clause)[0], cue))
        elif before:
            told.append((act.name, _groups(before, clause)[-1], cue))
        elif keep_untargeted:
            told.append((act.name, (), cue))
    return told


@functools.lru_cache(maxsize=65536)
def same_target(a: str, b: str) -> bool:
    """Two spellings of one target: equal, fuzzy-equal, or a surname of the other."""
    x, y = (_LEADING_PARTICLE.sub("", n.lower()).replace("-", " ") for n in (a, b))
    if x == y or fuzz.ratio(x, y) >= TARGET_MATCH:
        return True
    short, long = sorted((x, y), key=len)
    return len(short) > 3 and long.endswith(" " + short)


def act_types(act_name: str) -> tuple[str, ...]:
    """The ACLED types an act is (an act read from no verb is its own type)."""
    act = next((a for a in acts() if a.name == act_name), None)
    return act.types if act else (act_name,)


def act_title(act_name: str, target: str) -> str:
    """'take', 'Northport' -> 'Capture of Northport' (an unknown act: its name and the target)."""
    act = next((a for a in acts() if a.name == act_name), None)
    return act.title.format(target=target) if act else f"{act_name}: {target}"


@dataclass(frozen=True)
class StoryNames:
    """What the whole story tells about its names, read once per comparison."""

    actors: frozenset[str] = frozenset()
    """Names that act in the story (claimants, labelled actors): who acts, not a target."""
    seen: frozenset[str] = frozenset()
    """Capitalised words written inside a sentence somewhere in the story: names, so a
    sentence that opens with one ('Kessra fell') opens with a name."""


_INNER_CAPITAL = re.compile(r"(?<=[\w,;:)] )[A-Z][\w\u2019'-]*")


def story_names(records: list[ArticleRecord]) -> StoryNames:
    names: set[str] = set()
    texts: list[str] = []
    for record in records:
        names |= {c.claimant_canonical for c in record.claims if c.claimant_canonical}
        names |= {label.actor for label in record.actor_labels if label.actor}
        names |= {a.canonical for e in record.events for a in e.actors if a.canonical}
        texts += [e.evidence for e in record.events] + [c.quote for c in record.claims]
    seen = {_clean(m.group()) for text in texts for m in _INNER_CAPITAL.finditer(text)}
    return StoryNames(frozenset(n for n in names if n and n[:1].isupper()), frozenset(seen))
