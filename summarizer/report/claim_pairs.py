"""Which claims contradict or support each other: pairs proposed and judged by rules.

A pair is proposed only when two claimants (not one actor under two names) speak of
the same happening: the same act on the same target, read from the sentence of each
claim the way ``happenings`` reads events ("reports of rebels entering Northport" and "we
announce the liberation of Northport" are both a capture of Northport). A claim that names an act
but no target ("rejected reports of a troop withdrawal") speaks of the target its
article last gave that act. Then, of two factual claims, one denying what the other
asserts -> contradicts; both asserting it -> supports. Two calls to action (or two
predictions, two opinions) about one happening support each other; they are not
facts to contradict. Sharing a place word alone proposes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from summarizer.finders.actors import normalize_name, same_actor
from summarizer.finders.lexicon import either
from summarizer.report.acts import StoryNames, act_title, acts_on, same_target
from summarizer.schemas import ArticleRecord, ClaimRecord
from summarizer.text.sentences import sentence_around

FACTUAL = frozenset({"factual assertion", "denial"})
_DENIAL = re.compile(rf"\b(?:{either('speech', 'denials.denial_words')})\b", re.IGNORECASE)


_DENIES_WHAT_CAME_BEFORE = re.compile(
    rf"\b(?:{either('speech', 'denials.back_reference_verbs')})\s+"
    rf"(?:{either('speech', 'denials.back_reference_determiners')})\s+(?:\w+\s+)?"
    rf"(?:{either('speech', 'denials.back_reference_nouns')})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ClaimAbout:
    """One claim with the happenings it speaks of."""

    article_id: str
    outlet: str
    index: int
    claim: ClaimRecord
    sentence: str
    about: tuple[tuple[str, str], ...]
    """(act, target) pairs."""
    refers_back: bool = False
    """It denies the account told just before it ('aides disputed that characterization')."""

    @property
    def denies(self) -> bool:
        return self.claim.kind == "denial" or bool(_DENIAL.search(self.sentence))


@dataclass(frozen=True)
class ClaimPair:
    relation: str
    """'contradicts' or 'supports'."""
    topic: str
    """The shared happening, in words ('capture of Northport')."""
    first: ClaimAbout
    second: ClaimAbout


def claims_about(
    record: ArticleRecord, outlet: str, text: str | None, story: StoryNames
) -> list[ClaimAbout]:
    """Each grounded factual claim of ``record`` with what it speaks of: the acts of its
    quote (else of its sentence), each on the target the quote, then the sentence names;
    an act left without one takes the last target the article gave that act before it."""
    told = [(e.grounding.start or 0, "event", i, e.evidence) for i, e in enumerate(record.events)]
    told += [(c.grounding.start or 0, "claim", i, c.quote) for i, c in enumerate(record.claims)]
    last_target: dict[str, str] = {}
    found = []
    for _, kind, index, words_ in sorted(told, key=lambda item: (item[0], item[1])):
        if kind == "event":
            for act, targets in acts_on(words_, story):
                last_target[act] = targets[0]
            continue
        claim = record.claims[index]
        sentence = _sentence(claim, text)
        in_sentence = dict(acts_on(sentence, story))
        about: list[tuple[str, str]] = []
        for act, targets in acts_on(words_, story, keep_untargeted=True) or acts_on(
            sentence, story, keep_untargeted=True
        ):
            chosen = targets or in_sentence.get(act, ())
            if chosen:
                about += [(act, t) for t in chosen]
                last_target[act] = chosen[0]
            elif act in last_target:
                about.append((act, last_target[act]))
        refers_back = bool(_DENIES_WHAT_CAME_BEFORE.search(sentence))
        if claim.grounding.grounded:  # kept when about nothing: a later denial may refer to it
            found.append(ClaimAbout(record.article_id, outlet, index, claim, sentence,
                                    tuple(dict.fromkeys(about)), refers_back))  # fmt: skip
    return found


def _sentence(claim: ClaimRecord, text: str | None) -> str:
    """The sentence that holds the claim (a quotation alone rarely says what of)."""
    start, end = claim.grounding.start, claim.grounding.end
    if text is None or start is None or end is None:
        return claim.quote
    return sentence_around(text, start, end)


def judge(first: ClaimAbout, second: ClaimAbout) -> ClaimPair | None:
    """Contradicts, supports, or nothing (no shared happening, or one claimant)."""
    if _one_claimant(first.claim.claimant_canonical or first.claim.claimant,
                     second.claim.claimant_canonical or second.claim.claimant):  # fmt: skip
        return None
    shared = [
        (act, target)
        for act, target in first.about
        for other_act, other_target in second.about
        if act == other_act and same_target(target, other_target)
    ]
    if not shared:
        return None
    factual = {first.claim.kind, second.claim.kind} <= FACTUAL
    if factual and first.denies != second.denies:
        relation = "contradicts"
    elif (
        not first.denies
        and not second.denies
        and (factual or first.claim.kind == second.claim.kind)
    ):
        relation = "supports"  # both say it happened, or both call for (predict...) the same
    else:
        return None  # two denials agree on nothing that happened; an opinion is no denial
    act, target = shared[0]
    return ClaimPair(relation, act_title(act, target), first, second)


def candidate_pairs(claims: list[ClaimAbout]) -> list[tuple[ClaimAbout, ClaimAbout]]:
    """Pairs of claims by two claimants that name one target, whatever their acts: what
    a judge (these rules, or a model) could be asked about."""
    return [
        (a, b)
        for a, b in combinations(claims, 2)
        if not _one_claimant(a.claim.claimant, b.claim.claimant)
        and any(same_target(x, y) for _, x in a.about for _, y in b.about)
    ]


def _denied_before(claims: list[ClaimAbout]) -> list[ClaimPair]:
    """A claim that denies 'that characterization' contradicts the claim just before it
    in its article, by another claimant."""
    pairs = []
    for denial in claims:
        if not denial.refers_back:
            continue
        before = [c for c in claims if c.article_id == denial.article_id and c.index < denial.index
                  and not _one_claimant(c.claim.claimant, denial.claim.claimant)]  # fmt: skip
        if before:
            told = max(before, key=lambda c: c.index)
            pairs.append(ClaimPair("contradicts", "the account before it", told, denial))
    return pairs


MAX_PAIRS_PER_TOPIC = 50
"""Pairs kept per happening and relation: in a large corpus, hundreds of outlets quoting
one denial against one assertion say one thing, not thousands."""


def _by_happening(claims: list[ClaimAbout]) -> list[list[int]]:
    """Positions of the claims about each happening (an act on one target, spellings
    merged): only claims in one group can pair, so pairing is not quadratic in the
    whole corpus."""
    targets: dict[str, list[str]] = {}
    groups: dict[tuple[str, str], list[int]] = {}
    for position, claim in enumerate(claims):
        for act, target in claim.about:
            known = targets.setdefault(act, [])
            chosen = next((t for t in known if same_target(t, target)), None)
            if chosen is None:
                known.append(target)
                chosen = target
            members = groups.setdefault((act, chosen), [])
            if not members or members[-1] != position:
                members.append(position)
    return list(groups.values())


def claim_pairs(claims: list[ClaimAbout]) -> list[ClaimPair]:
    """Every judged pair (at most MAX_PAIRS_PER_TOPIC of one relation on one happening),
    contradictions first, then in reading order."""
    found: dict[tuple[int, int], ClaimPair] = {}
    kept: dict[tuple[str, str], int] = {}
    for members in _by_happening(claims):
        for a, b in combinations(members, 2):
            if (a, b) in found:
                continue
            pair = judge(claims[a], claims[b])
            if pair is None:
                continue
            topic = (pair.topic, pair.relation)
            kept[topic] = kept.get(topic, 0) + 1
            if kept[topic] <= MAX_PAIRS_PER_TOPIC:
                found[(a, b)] = pair
    pairs = [found[key] for key in sorted(found)]
    known = {frozenset({(p.first.article_id, p.first.index), (p.second.article_id, p.second.index)})
             for p in pairs}  # fmt: skip
    pairs += [
        p for p in _denied_before(claims)
        if frozenset({(p.first.article_id, p.first.index), (p.second.article_id, p.second.index)})
        not in known
    ]  # fmt: skip
    return sorted(pairs, key=lambda p: p.relation != "contradicts")


@dataclass
class Corroboration:
    """Claimants who say the same happened: one line of 'who says so'."""

    topic: str
    claims: list[ClaimAbout]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(c.outlet for c in self.claims))

    @property
    def sources(self) -> int:
        """Distinct claimants: one monitor cited by three outlets is one source."""
        distinct: list[str] = []
        for claim in self.claims:
            name = claim.claim.claimant_canonical or claim.claim.claimant
            if not any(_one_claimant(name, other) for other in distinct):
                distinct.append(name)
        return len(distinct)


def _one_claimant(a: str, b: str) -> bool:
    """Two names of one claimant: the same actor, or one name inside the other
    ('Monitor' / 'the London-based Ruritanian Monitor for Human Rights')."""
    x, y = normalize_name(a), normalize_name(b)
    return same_actor(a, b) or bool(x and y and (f" {x} " in f" {y} " or f" {y} " in f" {x} "))


def corroborations(pairs: list[ClaimPair]) -> list[Corroboration]:
    """Supporting pairs joined by topic, each claim once; most claimants first."""
    groups: dict[str, Corroboration] = {}
    for pair in pairs:
        if pair.relation != "supports":
            continue
        group = groups.setdefault(pair.topic, Corroboration(pair.topic, []))
        for claim in (pair.first, pair.second):
            if all(
                (c.article_id, c.index) != (claim.article_id, claim.index) for c in group.claims
            ):
                group.claims.append(claim)
    return sorted(groups.values(), key=lambda g: (-len(g.claims), g.topic))
