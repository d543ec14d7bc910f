from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from summarizer.errors import GoldError
from summarizer.evaluation.gold import load_gold, load_gold_file

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "evals" / "gold"


def test_all_five_seeds_have_valid_gold() -> None:
    gold = load_gold()
    assert sorted(gold) == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
    assert all(g.events and g.actor_labels for g in gold.values())


def _broken_copy(tmp_path: Path, change: dict) -> Path:
    data = json.loads((GOLD / "003_ac508b4e2d9fc02e.json").read_text())
    data.update(change)
    path = tmp_path / "003_ac508b4e2d9fc02e.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param({"events": [{"description": "x"}]}, "invalid gold file", id="schema"),
        pytest.param({"article_id": "other"}, "does not match the file name", id="wrong_id"),
    ],
)
def test_broken_gold_is_refused_with_the_file_named(
    tmp_path: Path, change: dict, message: str
) -> None:
    path = _broken_copy(tmp_path, change)
    with pytest.raises(GoldError, match=message) as caught:
        load_gold_file(path, ROOT / "seeds")
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("evidence", "problem"),
    [
        pytest.param("Rebels stormed the palace.", "not found verbatim", id="invented"),
        pytest.param(
            "Rudaw moderates all comments submitted on our website.", "furniture", id="furniture"
        ),
    ],
)
def test_gold_evidence_must_be_in_the_article_body(
    tmp_path: Path, evidence: str, problem: str
) -> None:
    data = json.loads((GOLD / "003_ac508b4e2d9fc02e.json").read_text())
    data["events"][0]["evidence"] = evidence
    (tmp_path / "003_ac508b4e2d9fc02e.json").write_text(json.dumps(data))
    with pytest.raises(GoldError, match=problem):
        load_gold(tmp_path, ROOT / "seeds")


def test_an_empty_gold_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no gold files"):
        load_gold(tmp_path)


def test_gold_folder_scores_one_through_the_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from summarizer.cli.commands import cli

    shutil.copytree(GOLD, tmp_path / "gold")
    result = CliRunner().invoke(cli, ["eval", "--predictions", str(tmp_path / "gold"), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)["metrics"]
    assert metrics["events"]["f1"] == metrics["claims"]["f1"] == metrics["labels"]["f1"] == 1.0
    assert metrics["frames"]["micro_f1"] == 1.0
    assert metrics["grounding_rate"] == 1.0
