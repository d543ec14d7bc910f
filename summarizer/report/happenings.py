"""One row per happening across outlets: which outlet told it, and in whose voice.

Two event records are one happening when they tell the same act on the same target
(read by ``acts``). A sentence that lists targets ("took Northport, Eastvale and Westbrook") tells
one happening per target; a sentence with two acts ("the break into A came a day
after they captured B") tells two. Within one article, a mention that names no target
joins the row of the same act it reads most like (the headline and a recap of one
capture); across articles, the row whose people it shares.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from summarizer.finders.event_cues import main_clause
from summarizer.report.acts import (
    DAY,
    SUBORDINATE,
    StoryNames,
    act_title,
    acts,
    acts_with_cues,
    live_cues,
    names_in,
    same_target,
    story_names,
)
from summarizer.schemas import ArticleRecord, EventRecord

UNTARGETED_MATCH = 55.0
"""Token-set similarity at which a mention naming no target joins a row of its article."""
STATUS_ORDER = ("asserted", "attributed", "unconfirmed", "denied")
"""How an outlet tells a happening, strongest first: one cell shows its strongest."""


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


def mentions_of(record: ArticleRecord, outlet: str, story: StoryNames) -> list[Mention]:
    """The acts each grounded event of ``record`` tells, one mention per act and target
    (a subordinate ', which ...' clause tells none). An event naming no target is one
    mention of its strongest act (or of its ACLED type, when no act cue is in it)."""
    found: list[Mention] = []
    for index, event in enumerate(record.events):
        if not event.grounding.grounded:
            continue
        clause = SUBORDINATE.sub("", main_clause(event.evidence))
        participants = tuple(dict.fromkeys(n for _, _, n in names_in(event.evidence, 0, story)))
        days = frozenset(d.lower() for d in DAY.findall(event.evidence))
        told = dict.fromkeys(
            (act, target, cue)
            for act, targets, cue in acts_with_cues(clause, story)
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
        live = live_cues(clause)
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


def happenings(
    records: list[ArticleRecord], outlet_of: dict[str, str], story: StoryNames | None = None
) -> list[Happening]:
    """The story's happenings across ``records`` (``outlet_of``: article id -> column;
    ``story``: its names, when the caller has read them already)."""
    story = story or story_names(records)
    mentions = [m for r in records for m in mentions_of(r, outlet_of[r.article_id], story)]
    return cluster(mentions)
