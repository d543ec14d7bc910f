"""End-to-end CLI runs that replay the committed cassettes (no model, no network)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli.commands import cli
from summarizer.layouts.prompts import DEFAULT_PROMPT
from summarizer.llm.providers import resolve_model_config
from summarizer.run.pipeline import RunOptions, run_summarize
from summarizer.text.articles import read_article
from summarizer.text.grounding import Span, normalize_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
VOLATILE = ("wall_seconds",)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _stable(record: dict) -> dict:
    record = json.loads(json.dumps(record))
    record["run"].pop("wall_seconds")
    record.pop("source_path")
    return record


RECORDED_VERSIONS = sorted(path.name for path in EXAMPLES.iterdir() if path.is_dir())


@pytest.mark.parametrize("version", RECORDED_VERSIONS)
def test_offline_replay_reproduces_the_recorded_run(tmp_path: Path, version: str) -> None:
    out = tmp_path / "out"
    code, _, stderr = _run("seeds", "--offline", "--prompt", version, "-o", str(out))
    assert code == 0, stderr
    expected = EXAMPLES / version
    for path in sorted(expected.glob("0*.json")):
        assert _stable(json.loads((out / path.name).read_text())) == _stable(
            json.loads(path.read_text())
        ), path.name
    assert (out / "report.md").read_text() == (expected / "report.md").read_text()
    assert "articles ok 5 / failed 0" in stderr


@pytest.mark.parametrize("version", RECORDED_VERSIONS)
def test_every_evidence_span_is_at_its_offsets_and_none_comes_from_furniture(version: str) -> None:
    paths = sorted((EXAMPLES / version).glob("0*.json"))
    assert len(paths) == 5
    for path in paths:
        record = json.loads(path.read_text())
        article = read_article(ROOT / "seeds" / f"{record['article_id']}.txt")
        items = record["events"] + record["claims"] + record["actor_labels"]
        items += [record["framing"]["primary"], *record["framing"]["secondary"]]
        for item in items:
            grounding = item["grounding"]
            evidence = item["quote"] if "quote" in item else item["evidence"]
            assert grounding["grounded"] is (grounding["problem"] is None)
            if grounding["start"] is not None:
                found = article.text[grounding["start"] : grounding["end"]]
                assert normalize_text(found) == normalize_text(evidence), path.name
                assert article.searchable().in_body(Span(grounding["start"], grounding["end"]))
            else:
                assert not grounding["grounded"]


def _bad_inputs(folder: Path) -> dict[str, str]:
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / "003_ac508b4e2d9fc02e.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "latin1.txt").write_bytes("Caf\u00e9 Homs".encode("latin-1"))
    (folder / "long.txt").write_text("Rebels advanced on the city of Homs today. " * 3000)
    return {
        "empty.txt": "file is empty",
        "image.txt": "binary file, not text",
        "latin1.txt": "not UTF-8 text",
        "long.txt": "the model's context is 12,288 tokens",
    }


def test_bad_inputs_get_one_line_each_and_the_others_still_run(tmp_path: Path) -> None:
    expected = _bad_inputs(tmp_path / "in")
    out = tmp_path / "out"
    code, _, stderr = _run(str(tmp_path / "in"), str(tmp_path / "missing.txt"), "--offline",
                           "--prompt", DEFAULT_PROMPT, "-o", str(out))  # fmt: skip
    assert code == 1
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    for name, problem in expected.items():
        assert any(name in line and problem in line for line in errors), (name, stderr)
    assert any("missing.txt: no such file or directory" in line for line in errors)
    assert sorted(p.name for p in out.iterdir()) == [
        "003_ac508b4e2d9fc02e.json", "corpus.json", "report.html", "report.md"
    ]  # fmt: skip
    assert "articles ok 1 / failed 5" in stderr


def test_an_unwritable_output_folder_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, stderr = _run("seeds", "--offline", "-o", str(blocker / "out"))
    assert code == 2
    assert "output folder cannot be written" in stderr


def test_unknown_prompt_version_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = _run("seeds", "--offline", "--prompt", "v9", "-o", str(tmp_path))
    assert code == 2 and "unknown prompt version 'v9'" in stderr


def test_an_edited_prompt_misses_the_cassette_with_a_clear_message(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", prompts)
    system = prompts / "v1" / "system.md.j2"
    system.write_text(system.read_text().replace("careful", "meticulous", 1))
    config = resolve_model_config()
    options = RunOptions(
        output_dir=None, prompt_version="v1", record_mode="none", prompts_dir=prompts
    )
    result = run_summarize([ROOT / "seeds" / "003_ac508b4e2d9fc02e.txt"], config, options)
    [failure] = result.failures
    assert "003_ac508b4e2d9fc02e.txt: no recorded model call for prompt v1" in failure.message
    assert config.model in failure.message
    assert "--record new_episodes" in failure.message
    assert "\n" not in failure.message


def test_schema_command_prints_the_record_schema() -> None:
    code, stdout, _ = _run("schema")
    schema = json.loads(stdout)
    assert code == 0
    assert {"events", "claims", "actor_labels", "framing"} <= set(schema["properties"])


def test_help_documents_every_option() -> None:
    code, stdout, _ = _run("run", "--help")
    assert code == 0
    for option in ("--output", "--model", "--base-url", "--model-path", "--prompt", "--record",
                   "--offline", "--max-retries", "--cassettes"):  # fmt: skip
        assert option in stdout


def test_a_reask_never_recorded_still_reads_the_last_recorded_answer(tmp_path: Path) -> None:
    """v1 re-asks ungrounded items; replayed with one more re-ask than was recorded, the
    extra one misses the cassette and the last recorded answer is read leniently, as the
    recording run did: the records are the example's, not five failures."""
    out = tmp_path / "out"
    code, _, stderr = _run("seeds", "--offline", "--no-cache", "--prompt", "v1",
                           "--max-retries", "2", "-o", str(out))  # fmt: skip
    assert code == 0, stderr
    for path in sorted((EXAMPLES / "v1").glob("0*.json")):
        replayed, recorded = (_stable(json.loads(p.read_text())) for p in (out / path.name, path))
        for record in (replayed, recorded):
            record["run"].pop("usage")
        assert replayed == recorded, path.name
