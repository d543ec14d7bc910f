"""Score the cross-outlet comparison against corpus gold: happenings and claim pairs.

Clustering is scored by pairs: two gold events of different articles are predicted
to be one happening when mentions that denote them sit in one row. A mention denotes
the gold event whose sentence(s) it shares (the anchored matching of ``scoring``) and
whose place agrees with its target, so "took Northport, Eastvale and Westbrook" denotes three gold
events. Only gold events some mention denotes are scored, so a missed event costs
event recall (scored per article), not clustering. Claim pairs are scored through the
per-article claim matching: a predicted pair is right when its two claims match the
two claims of a gold pair of that relation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from summarizer.evaluation.corpus_gold import CorpusGold, ItemRef
from summarizer.evaluation.gold import GoldFile
from summarizer.evaluation.metrics import Counts
from summarizer.evaluation.scoring import ArticleScore, ScoredArticle, event_similarity
from summarizer.report.acts import act_types, same_target
from summarizer.report.claim_pairs import ClaimAbout, ClaimPair
from summarizer.report.happenings import Happening, Mention
from summarizer.text.sentences import any_overlap


@dataclass(frozen=True)
class CorpusScore:
    clustering: Counts
    """Same-happening pairs of gold events: predicted, gold, both."""
    contradictions: Counts
    supports: Counts
    rows: int
    wrong_pairs: list[tuple[ItemRef, ItemRef]] = field(default_factory=list)
    missed_pairs: list[tuple[ItemRef, ItemRef]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        def counts(c: Counts) -> dict[str, float | int]:
            return {"matched": c.matched, "predicted": c.predicted, "gold": c.gold,
                    "precision": c.precision, "recall": c.recall, "f1": c.f1}  # fmt: skip

        return {
            "rows": self.rows,
            "clustering": counts(self.clustering),
            "contradictions": counts(self.contradictions),
            "supports": counts(self.supports),
        }


def _place_agrees(target: str, location: str | None) -> bool:
    if not location:
        return True
    parts = [p.strip() for p in location.replace(" and ", ",").split(",") if p.strip()]
    words = [w for p in parts for w in (p, *p.split())]
    return any(same_target(target, w) for w in words)


def denoted_event(
    mention: Mention, predicted: ScoredArticle, gold: ScoredArticle, gold_file: GoldFile
) -> int | None:
    """The gold event a mention tells, or None: of the gold events in its sentence(s),
    those whose place agrees with its target, and of those, the ones of a type the act
    is, the likeliest by type and text. A target no gold location names (a person, a
    facility) is not held against it, but then the scorer does not guess: one gold event
    of a fitting type must remain. A target that is a place the gold names elsewhere
    denotes nothing here."""
    item = predicted.events[mention.event_index]
    candidates = [
        g for g, gold_item in enumerate(gold.events) if any_overlap(item.anchors, gold_item.anchors)
    ]
    placed = [
        g
        for g in candidates
        if all(_place_agrees(t, gold_file.events[g].location) for t in mention.targets)
    ]
    places = [e.location for e in gold_file.events if e.location]
    a_place = any(_place_agrees(t, p) for t in mention.targets for p in places)
    if not placed and a_place:
        return None
    pool = placed or candidates
    kinds = set(act_types(mention.act))
    fitting = [
        g
        for g in pool
        if kinds & {gold_file.events[g].event_type, *gold_file.events[g].alt_event_types}
    ]
    pool = fitting or pool
    if not pool or (not placed and len(pool) > 1):
        return None
    return max(pool, key=lambda g: event_similarity(item, gold.events[g]))


def score_corpus(
    rows: list[Happening],
    pairs: list[ClaimPair],
    corpus: CorpusGold,
    gold_files: dict[str, GoldFile],
    predicted: dict[str, ScoredArticle],
    gold: dict[str, ScoredArticle],
    scores: dict[str, ArticleScore],
) -> CorpusScore:
    denoted: set[ItemRef] = set()
    predicted_pairs: set[frozenset[ItemRef]] = set()
    for row in rows:
        members = set()
        for mention in row.mentions:
            a = mention.article_id
            if a not in gold_files or a not in predicted:
                continue
            event = denoted_event(mention, predicted[a], gold[a], gold_files[a])
            if event is not None:
                members.add((a, event))
        denoted |= members
        predicted_pairs |= {frozenset(p) for p in combinations(members, 2) if p[0][0] != p[1][0]}
    gold_pairs = {p for p in corpus.same_happening_pairs() if p <= denoted}
    hits = predicted_pairs & gold_pairs
    clustering = Counts(len(hits), len(predicted_pairs), len(gold_pairs))

    def claim_counts(relation: str) -> Counts:
        wanted = {p for p in corpus.relation_pairs(relation) if all(a in predicted for a, _ in p)}
        found = set()
        for pair in pairs:
            if pair.relation != relation:
                continue
            first = _gold_claim(pair.first.article_id, pair.first.index, scores)
            second = _gold_claim(pair.second.article_id, pair.second.index, scores)
            if first is not None and second is not None:
                found.add(frozenset((first, second)))
        proposed = sum(1 for pair in pairs if pair.relation == relation)
        return Counts(len(found & wanted), proposed, len(wanted))

    return CorpusScore(
        clustering,
        claim_counts("contradicts"),
        claim_counts("supports"),
        len(rows),
        sorted(tuple(sorted(p)) for p in predicted_pairs - gold_pairs),  # type: ignore[misc]
        sorted(tuple(sorted(p)) for p in gold_pairs - predicted_pairs),  # type: ignore[misc]
    )


def gold_relation(
    first: ClaimAbout, second: ClaimAbout, corpus: CorpusGold, scores: dict[str, ArticleScore]
) -> str | None:
    """What the corpus gold says of two predicted claims: 'contradicts', 'supports',
    'unrelated', or None when either matches no gold claim."""
    a = _gold_claim(first.article_id, first.index, scores)
    b = _gold_claim(second.article_id, second.index, scores)
    if a is None or b is None:
        return None
    pair = frozenset((a, b))
    for relation in ("contradicts", "supports"):
        if pair in corpus.relation_pairs(relation):
            return relation
    return "unrelated"


def _gold_claim(article_id: str, index: int, scores: dict[str, ArticleScore]) -> ItemRef | None:
    score = scores.get(article_id)
    if score is None:
        return None
    match = next((p.gold for p in score.claim_pairs if p.predicted == index), None)
    return (article_id, match) if match is not None else None


def sum_corpus_scores(scores: list[CorpusScore]) -> CorpusScore:
    """Several stories' scores as one (counts summed: a micro average)."""
    total = CorpusScore(Counts(), Counts(), Counts(), 0)
    for score in scores:
        total = CorpusScore(
            total.clustering + score.clustering,
            total.contradictions + score.contradictions,
            total.supports + score.supports,
            total.rows + score.rows,
            total.wrong_pairs + score.wrong_pairs,
            total.missed_pairs + score.missed_pairs,
        )
    return total
