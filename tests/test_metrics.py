from __future__ import annotations

import math

import pytest

from summarizer.evaluation.metrics import ArticleTally, Counts, FieldMetrics, Metrics, tally_field


def _field(predicted: list[str], gold: list[str]) -> FieldMetrics:
    pairs = [(p, frozenset({g}), g) for p, g in zip(predicted, gold, strict=True)]
    return FieldMetrics.of(tally_field(pairs, predicted, gold))


def test_a_field_that_collapses_to_one_value_is_flagged() -> None:
    gold = ["asserted"] * 5 + ["attributed"] * 4 + ["denied"]
    collapsed = _field(["attributed"] * 10, gold)
    assert collapsed.collapsed and collapsed.top_value == "attributed"
    assert collapsed.top_share == 1.0 and collapsed.gold_top_share == 0.5
    assert not _field(gold, gold).collapsed


def test_one_value_is_no_collapse_when_gold_has_one_value_too() -> None:
    assert not _field(["outlet"] * 10, ["outlet"] * 10).collapsed


def test_macro_f1_punishes_a_collapse_that_accuracy_hides() -> None:
    gold = ["factual assertion"] * 8 + ["denial", "opinion or evaluation"]
    field = _field(["factual assertion"] * 10, gold)
    assert field.accuracy == pytest.approx(0.8)
    assert field.macro_f1 == pytest.approx((2 * 0.8 / 1.8 + 0 + 0) / 3)


def test_an_acceptable_alternative_counts_as_right() -> None:
    either = frozenset({"factual assertion", "denial"})
    tally = tally_field(
        [("denial", either, "factual assertion")], ["denial"], ["factual assertion"]
    )
    assert FieldMetrics.of(tally).accuracy == 1.0


def test_tallies_add_and_round_trip_through_json() -> None:
    one = ArticleTally(events=Counts(1, 2, 3), frames={"Morality": Counts(1, 1, 1)})
    two = ArticleTally(events=Counts(1, 1, 1), frames={"Morality": Counts(0, 1, 0)})
    total = one + two
    assert total.events == Counts(2, 3, 4)
    assert total.frames["Morality"] == Counts(1, 2, 1)
    assert ArticleTally.from_dict(total.as_dict()) == total
    assert Metrics.of(total).events.recall == pytest.approx(0.5)


def test_an_accuracy_over_nothing_is_undefined_not_perfect() -> None:
    metrics = Metrics.of(ArticleTally(events=Counts(0, 3, 4)))
    assert math.isnan(metrics.event_status.accuracy)
    assert math.isnan(metrics.event_source_accuracy)
    assert metrics.as_dict()["event_status"]["accuracy"] is None
    assert metrics.events.f1 == 0.0
