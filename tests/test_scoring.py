from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from summarizer.articles import read_article
from summarizer.evals import scored_from_gold
from summarizer.gold import load_gold
from summarizer.scoring import (
    ClaimItem,
    EventItem,
    LabelItem,
    ScoredArticle,
    aggregate,
    normalize_label,
    score_article,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gold_articles() -> dict[str, ScoredArticle]:
    gold = load_gold()
    return {
        article_id: scored_from_gold(g, read_article(ROOT / "seeds" / f"{article_id}.txt"))
        for article_id, g in gold.items()
    }


def _score(predicted: dict[str, ScoredArticle], gold: dict[str, ScoredArticle]) -> dict:
    return aggregate({k: score_article(predicted[k], gold[k]) for k in gold})


def test_gold_against_itself_scores_one_everywhere(gold_articles: dict) -> None:
    metrics = _score(gold_articles, gold_articles)
    for component in ("events", "claims", "labels"):
        assert metrics[component]["precision"] == 1.0
        assert metrics[component]["recall"] == 1.0
        assert metrics[component]["f1"] == 1.0
    assert metrics["claims"]["attribution_accuracy"] == 1.0
    assert metrics["claims"]["kind_accuracy"] == 1.0
    assert metrics["frames"] == {"micro_f1": 1.0, "macro_f1": 1.0, "primary_accuracy": 1.0}
    assert metrics["grounding_rate"] == 1.0
    assert metrics["leakage"] == 0


@pytest.mark.parametrize("component", ["events", "claims", "labels"])
def test_removing_one_gold_item_lowers_recall_of_that_component_only(
    gold_articles: dict, component: str
) -> None:
    article_id = "003_ac508b4e2d9fc02e"
    predicted = dict(gold_articles)
    items = getattr(predicted[article_id], component)
    predicted[article_id] = replace(predicted[article_id], **{component: items[1:]})
    metrics = _score(predicted, gold_articles)
    total = metrics[component]["gold"]
    assert metrics[component]["recall"] == pytest.approx(round((total - 1) / total, 4))
    assert metrics[component]["precision"] == 1.0
    for other in {"events", "claims", "labels"} - {component}:
        assert metrics[other]["f1"] == 1.0


def test_a_fabricated_event_lowers_precision(gold_articles: dict) -> None:
    article_id = "000_ab575505975abd69"
    fabricated = EventItem(
        frozenset({"Chemical weapon"}), "A chemical attack hit Tartus port.", "Invented sentence."
    )
    predicted = dict(gold_articles)
    predicted[article_id] = replace(
        predicted[article_id], events=[*predicted[article_id].events, fabricated]
    )
    metrics = _score(predicted, gold_articles)
    total = metrics["events"]["gold"]
    assert metrics["events"]["precision"] == pytest.approx(round(total / (total + 1), 4))
    assert metrics["events"]["recall"] == 1.0


def test_scores_do_not_depend_on_item_order(gold_articles: dict) -> None:
    shuffler = random.Random(7)
    shuffled = {}
    for article_id, article in gold_articles.items():
        lists = {name: list(getattr(article, name)) for name in ("events", "claims", "labels")}
        for items in lists.values():
            shuffler.shuffle(items)
        shuffled[article_id] = replace(article, **lists)
    degraded = {
        k: replace(v, events=v.events[2:], labels=v.labels[:-1]) for k, v in gold_articles.items()
    }
    degraded_shuffled = {
        k: replace(v, events=list(reversed(v.events)), labels=list(reversed(v.labels)))
        for k, v in degraded.items()
    }
    assert _score(shuffled, gold_articles) == _score(gold_articles, gold_articles)
    assert _score(degraded_shuffled, gold_articles) == _score(degraded, gold_articles)


def test_wrong_voice_or_actor_does_not_match_a_label() -> None:
    gold = ScoredArticle(labels=[LabelItem(("Hayat Tahrir al-Sham", "HTS"), ("rebels",), "outlet")])
    right = ScoredArticle(labels=[LabelItem(("HTS",), ("Rebels",), "outlet")])
    wrong_voice = ScoredArticle(labels=[LabelItem(("HTS",), ("rebels",), "quoted")])
    wrong_actor = ScoredArticle(labels=[LabelItem(("Syrian Arab Army",), ("rebels",), "outlet")])
    assert score_article(right, gold).labels.matched == 1
    assert score_article(wrong_voice, gold).labels.matched == 0
    assert score_article(wrong_actor, gold).labels.matched == 0


def test_claim_attribution_counts_only_matched_claims() -> None:
    gold = ScoredArticle(
        claims=[
            ClaimItem(
                ("Syrian Defense Ministry",),
                "Homs is safe.",
                "the situation in Homs was safe and stable",
                frozenset({"denial"}),
            )
        ]
    )
    wrong_claimant = ScoredArticle(
        claims=[
            ClaimItem(
                ("Hassan Abdulghani",),
                "Homs is safe.",
                "the situation in Homs was safe and stable",
                frozenset({"denial"}),
            )
        ]
    )
    score = score_article(wrong_claimant, gold)
    assert score.claims.matched == 1
    assert score.claim_attribution.matched == 0
    assert score.claim_kind.matched == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Rebels", "rebel", id="plural"),
        pytest.param("\u201cmoderates\u201d", "moderate", id="quote_marks"),
        pytest.param("Assad\u2019s opponents", "assad opponent", id="possessive"),
    ],
)
def test_normalize_label(raw: str, expected: str) -> None:
    assert normalize_label(raw) == expected
