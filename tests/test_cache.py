"""The user's response cache: reruns are free, resumable, and hold no secret."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli.commands import cli
from summarizer.llm.providers import resolve_model_config
from summarizer.llm.providers.response_cache import ResponseCache, request_key
from summarizer.output import write_text_atomic
from summarizer.run.pipeline import RunOptions, run_summarize

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def records(folder: Path) -> dict[str, dict]:
    found = {}
    for path in sorted(folder.glob("*.json")):
        if path.name == "corpus.json":
            continue
        data = json.loads(path.read_text())
        data["run"].pop("wall_seconds")
        found[path.name] = data
    return found


def test_a_second_offline_run_makes_no_model_call(tmp_path):
    runner = CliRunner()
    first = runner.invoke(cli, ["run", str(ROOT / "seeds"), "--offline", "-o", str(tmp_path / "a")])
    assert first.exit_code == 0, first.output
    assert "answered from the cache 0" in first.output
    second = runner.invoke(
        cli, ["run", str(ROOT / "seeds"), "--offline", "-o", str(tmp_path / "b")]
    )
    assert second.exit_code == 0, second.output
    assert "model calls 0 " in second.output
    assert records(tmp_path / "a") == records(tmp_path / "b")


def test_no_cache_bypasses_it(tmp_path):
    runner = CliRunner()
    for folder in ("a", "b"):
        outcome = runner.invoke(
            cli, ["run", str(SEEDS[0]), "--offline", "--no-cache", "-o", str(tmp_path / folder)]
        )
        assert outcome.exit_code == 0, outcome.output
        assert "answered from the cache 0" in outcome.output
        assert "model calls 0 " not in outcome.output


def test_only_new_or_changed_articles_reach_the_model(tmp_path):
    options = RunOptions(output_dir=tmp_path / "out", record_mode="none")
    config = resolve_model_config()
    first = run_summarize(SEEDS[:4], config, options)
    assert first.from_cache == 0 and first.requests_sent > 0
    again = run_summarize(SEEDS, config, options)
    assert again.from_cache == first.requests_sent  # the four it has seen
    alone = run_summarize(SEEDS[4:], config, RunOptions(output_dir=None, record_mode="none",
                                                        use_cache=False))  # fmt: skip
    assert again.requests_sent == alone.requests_sent  # only the fifth article's calls


def test_the_key_covers_the_request_body_and_not_its_key_order():
    body = {"model": "m", "messages": [{"role": "user", "content": "article"}], "seed": 0}
    same = json.dumps(dict(reversed(list(body.items())))).encode()
    assert request_key("local:", "/v1/chat/completions", json.dumps(body).encode()) == request_key(
        "local:", "/v1/chat/completions", same
    )
    edited = {**body, "messages": [{"role": "user", "content": "article, edited"}]}
    assert request_key("local:", "/v1/chat/completions", json.dumps(edited).encode()) != (
        request_key("local:", "/v1/chat/completions", json.dumps(body).encode())
    )
    assert request_key("openai:", "/v1/chat/completions", json.dumps(body).encode()) != (
        request_key("local:", "/v1/chat/completions", json.dumps(body).encode())
    )


def test_cache_info_and_clear(tmp_path):
    runner = CliRunner()
    runner.invoke(cli, ["run", str(SEEDS[0]), "--offline", "-o", str(tmp_path / "out")])
    info = runner.invoke(cli, ["cache", "info"])
    assert info.exit_code == 0
    assert "responses.sqlite" in info.output and "qwen2.5-coder" in info.output
    cleared = runner.invoke(cli, ["cache", "clear"])
    assert cleared.exit_code == 0 and "removed" in cleared.output
    store = ResponseCache()
    assert store.info().entries == 0
    store.close()


def test_outputs_get_the_users_umask_not_the_temporary_files_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "report.md", "hello\n")
        assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o644
        os.umask(0o077)
        write_text_atomic(tmp_path / "private.md", "hello\n")
        assert stat.S_IMODE((tmp_path / "private.md").stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_every_file_a_run_writes_is_readable_by_the_group(tmp_path):
    old = os.umask(0o022)
    try:
        outcome = CliRunner().invoke(
            cli, ["run", str(SEEDS[0]), "--offline", "-o", str(tmp_path / "out")]
        )
    finally:
        os.umask(old)
    assert outcome.exit_code == 0
    written = list((tmp_path / "out").iterdir())
    assert len(written) == 4  # record, corpus.json, report.md, report.html
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name


@pytest.mark.enable_socket
def test_a_run_killed_halfway_resumes_to_the_same_records(tmp_path):
    """SIGTERM in the middle of a run against a slow server; the rerun finishes from
    the cache what the first run had done, and the records equal an uninterrupted run."""
    from replay_server import ReplayServer
    from test_faults import CASSETTES, VERSION

    env = {**os.environ, "SUMMARIZER_RESPONSE_CACHE": str(tmp_path / "responses.sqlite")}
    with ReplayServer(CASSETTES, latency=0.4) as server:

        def command(out: str, *extra: str) -> list[str]:
            # one article at a time, so the first record is written well before the last
            return [sys.executable, "-m", "summarizer", "run", str(ROOT / "seeds"),
                    "--prompt", VERSION, "--base-url", server.base_url, "-j", "1", "-o",
                    str(tmp_path / out), *extra]  # fmt: skip

        whole = subprocess.run(command("whole", "--no-cache"), env=env, capture_output=True,
                               text=True, timeout=120)  # fmt: skip
        assert whole.returncode == 0, whole.stderr
        process = subprocess.Popen(command("resumed"), env=env, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not list((tmp_path / "resumed").glob("0*.json")) and time.monotonic() < deadline:
            time.sleep(0.05)
        process.terminate()
        _, interrupted = process.communicate(timeout=30)
        assert process.returncode == 130, interrupted
        assert "interrupted" in interrupted
        assert not (tmp_path / "resumed" / "report.md").exists()
        assert not list((tmp_path / "resumed").glob(".*.tmp"))
        rerun = subprocess.run(command("resumed"), env=env, capture_output=True, text=True,
                               timeout=120)  # fmt: skip
        assert rerun.returncode == 0, rerun.stderr
    assert "answered from the cache 0" not in rerun.stderr
    assert records(tmp_path / "resumed") == records(tmp_path / "whole")
    assert (tmp_path / "resumed" / "report.md").read_text() == (
        tmp_path / "whole" / "report.md"
    ).read_text()
