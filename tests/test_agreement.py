"""The second annotation (evals/agreement/) as the human ceiling, and debatable items."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli.commands import cli
from summarizer.errors import GoldError
from summarizer.evaluation.gold import GoldFile, load_gold_file
from summarizer.evaluation.harness import evaluate_agreement
from summarizer.evaluation.metrics import Counts
from summarizer.evaluation.scoring import EventItem, ScoredArticle, score_article
from summarizer.text.articles import read_article
from summarizer.text.grounding import Span

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = ROOT / "evals" / "agreement"


def test_agreement_files_cover_000_and_004_with_located_spans() -> None:
    assert sorted(p.stem[:3] for p in AGREEMENT.glob("*.json")) == ["000", "004"]
    for path in AGREEMENT.glob("*.json"):
        with pytest.raises(GoldError, match="framing is required"):
            load_gold_file(path, ROOT / "seeds")  # no frames: it can never pass as gold
        article = read_article(ROOT / "seeds" / f"{path.stem}.txt").searchable()
        annotation = GoldFile.model_validate_json(path.read_text(encoding="utf-8"))
        for where, text in annotation.evidence_items():
            assert article.locate(text)[1] is None, where


def test_the_human_ceiling_is_high_but_not_perfect() -> None:
    metrics = evaluate_agreement().metrics
    for component in (metrics.events, metrics.claims, metrics.labels):
        assert 0.8 <= component.f1 <= 1.0
    assert metrics.labels.f1 < 1.0


def test_eval_agreement_prints_the_ceiling() -> None:
    result = CliRunner().invoke(cli, ["eval", "--agreement"])
    assert result.exit_code == 0
    assert "second annotator" in result.stdout and "labels.f1" in result.stdout


def _event(debatable: bool, anchor: int) -> EventItem:
    span = (Span(anchor, anchor + 50),)
    return EventItem("Rebels took Hama.", "x", span, frozenset({"Other"}), "Other", "asserted",
                     debatable=debatable)  # fmt: skip


@pytest.mark.parametrize(
    ("predicted", "gold", "counts"),
    [
        pytest.param([], [_event(True, 0)], Counts(0, 0, 0), id="missed_debatable_gold_is_free"),
        pytest.param([_event(False, 0)], [_event(True, 0)], Counts(1, 1, 1), id="found_counts"),
        pytest.param([_event(True, 0)], [], Counts(0, 0, 0), id="extra_debatable_guess_is_free"),
        pytest.param([_event(False, 0)], [], Counts(0, 1, 0), id="extra_firm_guess_is_wrong"),
        pytest.param([], [_event(False, 0)], Counts(0, 0, 1), id="missed_firm_gold_is_a_miss"),
    ],
)
def test_debatable_items_count_only_when_matched(
    predicted: list[EventItem], gold: list[EventItem], counts: Counts
) -> None:
    score = score_article(ScoredArticle(events=predicted), ScoredArticle(events=gold))
    assert score.tally.events == counts
