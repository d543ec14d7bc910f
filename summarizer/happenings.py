"""One row per happening across outlets: which outlet told it, and in whose voice.

Two event records are one happening when they tell the same act (``acts`` in
``finders/lexicon/acts.toml``: a capture, an advance, a withdrawal...) on the same
target (a place, person or body named in the sentence). The act is read from the
sentence, not from the ACLED type, so "advanced to within 5 km of X" and "captured X"
stay apart while "entered X" and "captured X" meet. A sentence that lists targets
("took Aleppo, Hama and Homs") tells one happening per target; a sentence with two
acts ("the break into A came a day after they captured B") tells two. Within one
article, a mention that names no target joins the row of the same act it reads most
like (the headline and a recap of one capture).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from summarizer.actors import acronym
from summarizer.event_cues import main_clause
from summarizer.finders.lexicon import lexicon, words
from summarizer.schemas import ArticleRecord, EventRecord

TARGET_MATCH = 80.0
"""Fuzzy ratio at which two spellings name one target ('Talbiseh' / 'Talbisseh')."""
UNTARGETED_MATCH = 55.0
"""Token-set similarity at which a mention naming no target joins a row of its article."""
STATUS_ORDER = ("asserted", "attributed", "unconfirmed", "denied")
"""How an outlet tells a happening, strongest first: one cell shows its strongest."""


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
"""A run of capitalised words; Arabic names may open with a particle ('el-Fasher')."""
_LEADING_PARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ul)[-\s]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[\u2019']s?$")
_ADJECTIVE_FORM = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese|ist|ists)$")
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")


@dataclass(frozen=True)
class Mention:
    """One act told by one event record: what it does, and to what."""

    article_id: str
    outlet: str
    event_index: int
    event: EventRecord
    act: str
    targets: tuple[str, ...]
    cue: str = ""
    """The words that tell the act ('entered'): a recap tends to reuse them."""
    participants: tuple[str, ...] = ()
    """Every name in the sentence, actors too: who else is in the happening."""
    days: frozenset[str] = frozenset()
    """The days the sentence names ('friday', 'december 7')."""

    @property
    def cue_stem(self) -> str:
        return self.cue.lower()[:5]


def _clean(name: str) -> str:
    return _POSSESSIVE.sub("", name.strip())


def _is_country_or_adjective(name: str, actors: frozenset[str]) -> bool:
    """A nationality adjective ('Turkish'), or the country of an actor ('Syria' of
    'Syrian army'): a place that contains the story, not a target in it."""
    if _ADJECTIVE_FORM.match(name):
        return True
    lowered = name.lower()
    return len(lowered) > 3 and any(
        a.lower().startswith(lowered) and a[len(lowered) : len(lowered) + 1].isalpha()
        for a in actors
    )


def _is_actor(name: str, actors: frozenset[str]) -> bool:
    """A name of one of the story's actors (also as an acronym, or the end of its full
    name: 'Democratic Forces' of 'Syrian Democratic Forces')."""
    lowered = name.lower()
    for actor in actors:
        other = actor.lower()
        if lowered == other or (name.isupper() and name == acronym(actor)):
            return True
        if " " in lowered and other.endswith(" " + lowered):
            return True
    return False


def _names(
    text: str, offset: int, story: StoryNames, doers: bool = False
) -> list[tuple[int, int, str]]:
    """Target names in ``text``: capitalised runs that are no common word, title,
    acronym (a body, not a place), nationality, compound adjective ('UN-designated') or
    relative place ('north of X'); with ``doers``, no actor either (before the verb, an
    actor's name is who acts). A run's leading such words are dropped first
    ('US-backed Syrian Democratic Forces' is the actor it names)."""
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
_DAY = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2})\b"
)
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|being|got|remained)\b", re.IGNORECASE)
"""Before the verb, a name is what it acts on only in the passive ('Homs was taken')."""


def cue_is_passive(cue: str) -> bool:
    """A verb whose subject undergoes it ('X fell to the rebels')."""
    return cue.lower().startswith(("fell", "fall"))


_SOURCE_BEFORE = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$", re.IGNORECASE)
"""'groups from X that entered': X is where the actors come from, not what they enter."""
_SUBORDINATE = re.compile(r",\s+(?:which|who|whose|where)\b.*$", re.DOTALL)


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


def _live_cues(clause: str) -> list[tuple[int, int, Act]]:
    """The clause's act cues, without acts named only in passing ('during the attack')."""
    return [
        c for c in _cues(clause) if not _BACK_REFERENCE.search(clause[max(0, c[0] - 20) : c[0]])
    ]


def mentions_of(record: ArticleRecord, outlet: str, story: StoryNames) -> list[Mention]:
    """The acts each grounded event of ``record`` tells, one mention per act and target
    (a subordinate ', which ...' clause tells none). An event naming no target is one
    mention of its strongest act (or of its ACLED type, when no act cue is in it)."""
    found: list[Mention] = []
    for index, event in enumerate(record.events):
        if not event.grounding.grounded:
            continue
        clause = _SUBORDINATE.sub("", main_clause(event.evidence))
        participants = tuple(dict.fromkeys(n for _, _, n in _names(event.evidence, 0, story)))
        days = frozenset(d.lower() for d in _DAY.findall(event.evidence))
        told = dict.fromkeys(
            (act, target, cue)
            for act, targets, cue in _acts_with_cues(clause, story)
            for target in targets
        )
        if told:
            found += [
                Mention(
                    record.article_id, outlet, index, event, act, (target,), cue, participants, days
                )
                for act, target, cue in told
            ]
            continue
        live = _live_cues(clause)
        strongest = min(live, key=lambda c: acts().index(c[2]), default=None)
        act_name, cue = (
            (strongest[2].name, clause[strongest[0] : strongest[1]])
            if strongest
            else (event.event_type, "")
        )
        found.append(
            Mention(record.article_id, outlet, index, event, act_name, (), cue, participants, days)
        )
    return found


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
        names = _names(match["lead"], 0, story)
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
    return [(act, targets) for act, targets, _ in _acts_with_cues(clause, story, keep_untargeted)]


def _acts_with_cues(
    clause: str, story: StoryNames, keep_untargeted: bool = False
) -> list[tuple[str, tuple[str, ...], str]]:
    cues = _live_cues(clause)
    told: list[tuple[str, tuple[str, ...], str]] = []
    for number, (start, end, act) in enumerate(cues):
        segment_start = 0 if number == 0 else cues[number - 1][1]
        segment_end = cues[number + 1][0] if number + 1 < len(cues) else len(clause)
        stop = _AFTER_STOP().search(clause, end, segment_end)
        after = _names(clause[end : stop.start() if stop else segment_end], end, story)
        if cue_is_passive(clause[start:end]):
            after = []  # 'X fell to Y': Y took X
        if act.not_after is not None:
            after = [n for n in after if not act.not_after.search(clause[max(0, n[0] - 40) : n[0]])]
        before = [
            n
            for n in (
                _names(clause[segment_start:start], segment_start, story, doers=True)
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


@dataclass
class OutletCell:
    """How one outlet tells one happening."""

    events: list[tuple[int, EventRecord]] = field(default_factory=list)

    @property
    def status(self) -> str:
        statuses = {event.status for _, event in self.events}
        return next((s for s in STATUS_ORDER if s in statuses), "asserted")

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(e.source for _, e in self.events if e.source))


@dataclass
class Happening:
    """One row of the cross-outlet table."""

    act: str
    targets: list[str]
    by_outlet: dict[str, OutletCell] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    """The articles of its mentions (kept as mentions are added)."""
    names: set[str] = field(default_factory=set)
    """Every name in its mentions' sentences."""
    days: set[str] = field(default_factory=set)

    @property
    def title(self) -> str:
        """Composed by code from the act and its targets ('Capture of A and B'); a row
        with no target is titled by its first mention's words."""
        act = next((a for a in acts() if a.name == self.act), None)
        description = self.mentions[0].event.description
        if act is None:
            return _first_words(description)
        if not self.targets:
            return f"{act.untargeted}: {_first_words(description, 8)}"
        return act_title(self.act, _join(_display_targets(self.targets)))

    @property
    def first_outlet(self) -> str:
        return next(iter(self.by_outlet))

    @property
    def category(self) -> str:
        return self.mentions[0].event.category

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.articles.add(mention.article_id)
        self.names.update(mention.participants, mention.targets)
        self.days.update(mention.days)
        cell = self.by_outlet.setdefault(mention.outlet, OutletCell())
        if all(i != mention.event_index for i, _ in cell.events):
            cell.events.append((mention.event_index, mention.event))
        for target in mention.targets:
            if not any(same_target(target, t) for t in self.targets):
                self.targets.append(target)

    def matches(self, mention: Mention) -> bool:
        if mention.act != self.act or not mention.targets:
            return False
        return any(same_target(t, mine) for t in mention.targets for mine in self.targets)


def act_types(act_name: str) -> tuple[str, ...]:
    """The ACLED types an act is (an act read from no verb is its own type)."""
    act = next((a for a in acts() if a.name == act_name), None)
    return act.types if act else (act_name,)


def act_title(act_name: str, target: str) -> str:
    """'take', 'Homs' -> 'Capture of Homs' (an unknown act: its name and the target)."""
    act = next((a for a in acts() if a.name == act_name), None)
    return act.title.format(target=target) if act else f"{act_name}: {target}"


def _display_targets(targets: list[str]) -> list[str]:
    """One spelling per target, the first seen."""
    shown: list[str] = []
    for target in targets:
        if not any(same_target(target, s) for s in shown):
            shown.append(target)
    return shown


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _first_words(text: str, count: int = 10) -> str:
    words_ = text.rstrip("….").split()
    return " ".join(words_[:count]) + ("…" if len(words_) > count else "")


SIMILARITY_SAMPLE = 12
"""A row's first mentions stand for it when a mention is compared by its words."""


def _similarity(mention: Mention, row: Happening, article_id: str | None = None) -> float:
    """How alike the words of ``mention`` and the row's mentions (of one article) are."""
    pool = [m for m in row.mentions if article_id is None or m.article_id == article_id]
    return max(
        (fuzz.token_set_ratio(mention.event.evidence, m.event.evidence)
         for m in pool[:SIMILARITY_SAMPLE]),
        default=0.0,
    )  # fmt: skip


def _same_cue(mention: Mention, row: Happening) -> bool:
    """The row's mentions in the same article tell the act in the same word."""
    return bool(mention.cue_stem) and any(
        m.article_id == mention.article_id and m.cue_stem == mention.cue_stem for m in row.mentions
    )


def cluster(mentions: Iterable[Mention]) -> list[Happening]:
    """Rows of happenings, most outlets first; ties by first mention."""
    rows: list[Happening] = []
    untargeted: list[Mention] = []
    for mention in mentions:
        if not mention.targets:
            untargeted.append(mention)
            continue
        row = next((r for r in rows if r.matches(mention)), None)
        if row is None:
            row = Happening(mention.act, [])
            rows.append(row)
        row.add(mention)
    rows = _merge_twins(rows)
    for mention in untargeted:
        own = [r for r in rows if r.act == mention.act and mention.article_id in r.articles]
        best = max(
            own,
            key=lambda r: (_same_cue(mention, r), _similarity(mention, r, mention.article_id)),
            default=None,
        )
        if best is not None and (
            _same_cue(mention, best)
            or _similarity(mention, best, mention.article_id) >= UNTARGETED_MATCH
        ):
            best.add(mention)
            continue
        same = _told_elsewhere(mention, rows)
        row = same or Happening(mention.act, [])
        if same is None:
            rows.append(row)
        row.add(mention)
    order = {id(r): n for n, r in enumerate(rows)}
    return sorted(rows, key=lambda r: (-len(r.by_outlet), order[id(r)]))


def _generic(act: str) -> bool:
    """An act read from no verb (the event's ACLED type): two such need more in common
    to be one happening."""
    return all(a.name != act for a in acts())


def _told_elsewhere(mention: Mention, rows: list[Happening]) -> Happening | None:
    """The row of another article that a mention naming no target tells: same act on no
    other day, and the same people or places in its sentences, or the story's only row
    of that act (for an act read from no verb: two names in common and the same day).
    Of several, the one more outlets tell."""
    best, best_key = None, (-1, -1)
    alone = sum(1 for r in rows if r.act == mention.act) == 1
    for row in rows:
        if row.act != mention.act or mention.article_id in row.articles:
            continue
        shared = sum(1 for p in mention.participants if any(same_target(p, n) for n in row.names))
        days = row.days
        other_day = bool(mention.days and days and not mention.days & days)
        if _generic(mention.act):
            enough = shared >= 2 and bool(mention.days & days)
        else:  # the same people or places, or the story's only such act ('the offensive')
            enough = shared >= 1 or alone or _similarity(mention, row) >= 85.0
        key = (len(row.by_outlet), shared)  # the happening more outlets tell, first
        if enough and not other_day and key > best_key:
            best, best_key = row, key
    return best


def _merge_twins(rows: list[Happening]) -> list[Happening]:
    """Rows of one act whose every mention comes from the same event records ('the towns
    of A and B', told together by every outlet that tells either) are one happening."""
    merged: list[Happening] = []
    for row in rows:
        records = {(m.article_id, m.event_index) for m in row.mentions}
        twin = next(
            (
                r
                for r in merged
                if r.act == row.act
                and {(m.article_id, m.event_index) for m in r.mentions} == records
                and len(records) > 1
            ),
            None,
        )
        if twin is None:
            merged.append(row)
            continue
        for mention in row.mentions:
            twin.add(mention)
    return merged


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


def happenings(records: list[ArticleRecord], outlet_of: dict[str, str]) -> list[Happening]:
    """The story's happenings across ``records`` (``outlet_of``: article id -> column)."""
    story = story_names(records)
    mentions = [m for r in records for m in mentions_of(r, outlet_of[r.article_id], story)]
    return cluster(mentions)
