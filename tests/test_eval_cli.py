"""The eval, compare, history and prompts commands, on recorded runs (offline)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from summarizer.cli.commands import cli

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), terminal_width=200)
    return result.exit_code, result.stdout, result.stderr


def test_eval_prints_intervals_and_flags_v2_collapsed_fields() -> None:
    code, out, _ = _run("eval", "--prompt", "v2", "--offline")
    assert code == 0
    assert "95% CI" in out and "event_status.macro_f1" in out
    assert "collapsed: event_status: 100% of predictions are 'attributed'" in out
    assert "collapsed: claim_kind: 100% of predictions are 'factual assertion'" in out
    assert "2,774.4" in out  # the recorded run's wall time, not the replay's


def test_eval_json_carries_intervals_collapse_and_explanations() -> None:
    code, out, _ = _run("eval", "--predictions", str(ROOT / "examples" / "v2"), "--json",
                        "--explain", "004")  # fmt: skip
    assert code == 0
    document = json.loads(out)
    low, high = document["intervals"]["events.f1"]
    assert low <= document["metrics"]["events"]["f1"] <= high
    assert {"event_status", "claim_kind"} <= set(document["collapsed"])
    [explanation] = document["explain"]
    assert explanation["article_id"] == "004_1d4940750912eb2c"
    outcomes = {row["outcome"] for row in explanation["components"]["events"]}
    assert outcomes == {"matched", "missed", "false positive"}


def test_explain_shows_the_004_caption_as_an_unmatched_false_positive() -> None:
    code, out, _ = _run("eval", "--predictions", str(ROOT / "examples" / "v2"), "--json",
                        "--explain", "004_1d4940750912eb2c")  # fmt: skip
    rows = json.loads(out)["explain"][0]["components"]["events"]
    [caption] = [r for r in rows if (r["predicted"] or "").startswith("Opposition forces")]
    assert caption["outcome"] == "false positive"
    assert caption["sentence"] == "Syria Opposition"


def test_explain_of_an_unknown_article_is_a_usage_error() -> None:
    code, _, err = _run("eval", "--predictions", str(ROOT / "examples" / "v2"), "--explain", "999")
    assert code == 2 and "--explain 999" in err


def test_compare_states_which_differences_are_significant() -> None:
    code, out, _ = _run("compare", "v2", "v3", "--offline")
    assert code == 0
    assert "95% CI of Δ" in out and "no detectable difference" in out
    assert "recorded wall s" in out and "2,774.4" in out and "3,210.0" in out


def test_history_lists_what_eval_recorded() -> None:
    _run("eval", "--predictions", str(ROOT / "examples" / "v1"))
    code, out, _ = _run("history")
    assert code == 0 and "eval history" in out and "examples/v1" not in out
    assert out.count("\n│ 1 ") == 1


def test_prompts_lists_versions_with_the_default_marked() -> None:
    code, out, _ = _run("prompts")
    assert code == 0
    assert "v6 (default)" in out and "v1" in out and "v5" in out


def test_compare_takes_folders_of_records_as_well_as_versions() -> None:
    code, out, _ = _run("compare", str(ROOT / "examples" / "v2"), str(ROOT / "examples" / "v5"))
    assert code == 0
    assert "significantly better" in out and "events.f1" in out


def test_eval_scores_another_gold_folder_against_its_own_articles(tmp_path: Path) -> None:
    """A dev set lives outside the project: --gold DIR --articles DIR score it."""
    gold, articles = tmp_path / "gold", tmp_path / "articles"
    gold.mkdir()
    articles.mkdir()
    source = ROOT / "evals" / "gold" / "004_1d4940750912eb2c.json"
    (gold / source.name).write_text(source.read_text())
    (gold / "VERSION").write_text("1\n")
    (articles / "004_1d4940750912eb2c.txt").write_text(
        (ROOT / "seeds" / "004_1d4940750912eb2c.txt").read_text()
    )
    code, out, _ = _run("eval", "--predictions", str(gold), "--gold", str(gold),
                        "--articles", str(articles), "--json")  # fmt: skip
    assert code == 0
    assert json.loads(out)["metrics"]["claims"]["f1"] == 1.0
