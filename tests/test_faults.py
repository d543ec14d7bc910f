"""Faults survived, against a real OpenAI-compatible server on 127.0.0.1.

The server (``replay_server.py``) answers from the v5 cassettes and injects the
fault a test asks for; the client under test goes through its whole HTTP stack.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from replay_server import FAULTS, ReplayServer

from summarizer.llm.providers import ModelConfig, RetryPolicy
from summarizer.llm.providers.model_store import DEFAULT_MODEL_NAME
from summarizer.llm.providers.transport import AdaptiveLimit
from summarizer.run.pipeline import RunOptions, RunResult, run_summarize
from summarizer.schemas import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
VERSION = "v5"
CASSETTES = sorted((ROOT / "cassettes" / VERSION / DEFAULT_MODEL_NAME).glob("*.yaml"))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
pytestmark = pytest.mark.enable_socket  # loopback only: --allow-hosts=127.0.0.1
FAST_RETRIES = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05, max_retry_after=1.5)


def config_for(server: ReplayServer, timeout: float = 2.0) -> ModelConfig:
    return ModelConfig(
        provider="compatible", model=DEFAULT_MODEL_NAME, base_url=server.base_url,
        api_key="not-needed", timeout_seconds=timeout,
    )  # fmt: skip


def run(server: ReplayServer, paths: list[Path], tmp: Path, **options: object) -> RunResult:
    settings = RunOptions(
        output_dir=tmp / "out", prompt_version=VERSION, retry=FAST_RETRIES,
        cache_path=tmp / "responses.sqlite", **options,  # type: ignore[arg-type]
    )  # fmt: skip
    return run_summarize(paths, config_for(server), settings)


def without_timings(data: object) -> object:
    """``data`` without its measured durations (any key ending in 'seconds')."""
    if isinstance(data, dict):
        return {k: without_timings(v) for k, v in data.items() if not k.endswith("seconds")}
    if isinstance(data, list):
        return [without_timings(v) for v in data]
    return data


@pytest.fixture
def server():
    with ReplayServer(CASSETTES) as running:
        yield running


def test_a_clean_run_through_the_server_gives_the_recorded_records(server, tmp_path):
    result = run(server, [SEEDS[3]], tmp_path, use_cache=False)
    assert not result.failures and len(result.records) == 1
    assert result.requests_sent == server.requests
    assert result.retries == 0


@pytest.mark.parametrize(
    "fault", [f for f in FAULTS if f not in ("bad-schema", "control-char", "cut-off")]
)
def test_each_fault_once_is_retried_and_the_article_succeeds(server, tmp_path, fault):
    clean = run(server, [SEEDS[3]], tmp_path / "clean", use_cache=False)
    server.inject(fault)
    result = run(server, [SEEDS[3]], tmp_path / "faulty", use_cache=False)
    assert not result.failures, result.failures
    assert result.retries == 1
    assert result.requests_sent == clean.requests_sent + 1
    assert [without_timings(r.model_dump(mode="json")) for r in result.records] == [
        without_timings(r.model_dump(mode="json")) for r in clean.records
    ]


def test_a_reply_that_fails_the_schema_is_re_asked(server, tmp_path):
    server.inject("bad-schema")  # the article's first call
    result = run(server, [SEEDS[3]], tmp_path, use_cache=False)
    assert not result.failures, result.failures
    assert result.records[0].run.usage.retries == 1


@pytest.mark.parametrize("fault", ["503", "timeout", "reset", "truncated", "not-json"])
def test_a_fault_past_the_limit_costs_that_articles_calls_not_its_record(server, tmp_path, fault):
    server.timeout_sleep = 3.0
    marker = "Rastan and Talbiseh"  # in 004 only
    server.fail_matching(marker, fault)
    result = run(server, SEEDS, tmp_path, use_cache=False)
    assert result.failures == []
    [partial] = result.partial
    assert partial.path == str(SEEDS[4]) and "\n" not in partial.message
    assert partial.message.startswith(str(SEEDS[4]))
    assert "call: model server failed 3 times" in partial.message
    assert "record written with what code found" in partial.message
    assert len(result.records) == 5
    record = ArticleRecord.model_validate_json(
        (tmp_path / "out" / f"{SEEDS[4].stem}.json").read_text(encoding="utf-8")
    )
    assert record.failed_calls and record.undecided_count > 0
    assert record.events  # code's candidates are kept, not thrown away
    assert all(i.grounding.grounded for _, i in record.iter_grounded_items())
    assert "## Calls that failed" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_a_schema_failure_past_the_limit_is_one_line_in_words(server, tmp_path):
    server.fail_matching("Rastan and Talbiseh", "bad-schema")
    result = run(server, [SEEDS[3], SEEDS[4]], tmp_path, use_cache=False)
    [partial] = result.partial
    assert partial.path == str(SEEDS[4]) and "\n" not in partial.message
    assert "call: the model's reply did not fit the answer's form after 2 tries" in partial.message
    assert len(result.records) == 2 and not result.failures


def test_the_command_exits_1_naming_the_article_and_the_cause(server, tmp_path):
    from click.testing import CliRunner

    from summarizer.cli.commands import cli

    server.fail_matching("Rastan and Talbiseh", "500")
    runner = CliRunner()
    outcome = runner.invoke(
        cli,
        ["run", str(SEEDS[3]), str(SEEDS[4]), "--prompt", VERSION, "--base-url",
         server.base_url, "-o", str(tmp_path / "out"), "--no-cache"],
        env={"SUMMARIZER_TIMEOUT": "2"},
    )  # fmt: skip
    assert outcome.exit_code == 1, outcome.output
    errors = [line for line in outcome.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert str(SEEDS[4]) in errors[0] and "HTTP 500" in errors[0]


def test_retry_after_is_honoured(server, tmp_path):
    import time

    server.inject("429-retry-after")
    started = time.perf_counter()
    result = run(server, [SEEDS[3]], tmp_path, use_cache=False)
    assert not result.failures
    assert time.perf_counter() - started >= 1.0  # the server asked for 1 s


def test_the_limit_halves_on_overload_and_grows_back():
    limit = AdaptiveLimit(8)
    limit.overloaded()
    assert limit.limit == 4
    limit.overloaded()
    limit.overloaded()
    limit.overloaded()
    assert limit.limit == 1
    for _ in range(1):
        limit.succeeded()
    assert limit.limit == 2
    for _ in range(200):
        limit.succeeded()
    assert limit.limit == 8  # never above the ceiling


def test_overload_lowers_the_concurrency_of_a_parallel_run(tmp_path):
    with ReplayServer(CASSETTES, latency=0.05) as server:
        server.inject("429", "429", "429")
        result = run(server, SEEDS, tmp_path, use_cache=False, jobs=4)
    assert not result.failures
    assert result.retries == 3


def test_records_and_reports_are_the_same_whatever_the_number_of_jobs(tmp_path):
    outputs = {}
    with ReplayServer(CASSETTES, latency=0.02) as server:
        for jobs in (1, 4):
            folder = tmp_path / f"j{jobs}"
            result = run(server, SEEDS, folder, use_cache=False, jobs=jobs)
            assert not result.failures and result.jobs == jobs
            outputs[jobs] = folder / "out"
        assert server.peak_in_flight > 1
    for path in sorted(outputs[1].iterdir()):
        other = outputs[4] / path.name
        if path.suffix == ".json":
            assert without_timings(json.loads(path.read_text())) == without_timings(
                json.loads(other.read_text())
            ), path.name
        else:  # the run line of report.html gives the wall time
            timing = re.compile(r"wall [\d.,]+ s")
            assert timing.sub("", path.read_text()) == timing.sub("", other.read_text())


def test_no_api_key_lands_in_anything_a_run_writes(server, tmp_path, monkeypatch):
    """A key-shaped value planted in the environment is sent to the server (it is
    the key) but appears in no output, cache entry, log or error message."""
    from click.testing import CliRunner

    from summarizer.cli.commands import cli

    planted = "sk-" + "proj-PLANTED0123456789abcdefSECRET"  # split: no key-shaped literal
    monkeypatch.setenv("OPENAI_API_KEY", planted)
    server.fail_matching("Rastan and Talbiseh", "500")  # an error message too
    outcome = CliRunner().invoke(
        cli,
        ["run", str(ROOT / "seeds"), "--prompt", VERSION, "--base-url", server.base_url,
         "-o", str(tmp_path / "out")],
        env={"SUMMARIZER_TIMEOUT": "2"},
    )  # fmt: skip
    assert outcome.exit_code == 1 and "error:" in outcome.output
    assert planted not in outcome.output
    state = [tmp_path / "out", Path(os.environ["SUMMARIZER_CACHE_DIR"]),
             Path(os.environ["SUMMARIZER_HOME"])]  # fmt: skip
    scanned = 0
    for folder in state:
        for path in folder.rglob("*") if folder.exists() else []:
            if path.is_file():
                scanned += 1
                assert planted.encode() not in path.read_bytes(), path
    assert scanned >= 5  # records, reports and the cache were written and read


class KillsTheServer:
    """Kills the stand-in embedded server (SIGKILL) after each of the given numbers
    of records has been written."""

    def __init__(self, pid_file: Path, out: Path, after_records: list[int]) -> None:
        import threading

        self.pid_file, self.out, self.after = pid_file, out, list(after_records)
        self.killed: list[int] = []
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        import signal
        import time

        deadline = time.monotonic() + 60
        while self.after and time.monotonic() < deadline:
            done = len(list(self.out.glob("0*.json"))) if self.out.exists() else 0
            if done >= self.after[0] and self.pid_file.exists():
                pid = int(self.pid_file.read_text())
                if pid not in self.killed:
                    os.kill(pid, signal.SIGKILL)
                    self.killed.append(pid)
                    self.after.pop(0)
            time.sleep(0.02)


@pytest.fixture
def stand_in_server(tmp_path, monkeypatch):
    """The embedded-server start-up, running the replay server as its process."""
    import importlib
    import sys

    local_server = importlib.import_module("summarizer.llm.providers.local_server")
    pid_file = tmp_path / "server.pid"

    def command(model_path: Path, alias: str, port: int, context_tokens: int) -> list[str]:
        return [sys.executable, str(Path(__file__).parent / "replay_server.py"), "--port",
                str(port), "--pid-file", str(pid_file), "--latency", "0.1",
                *map(str, CASSETTES)]  # fmt: skip

    monkeypatch.setattr(local_server, "server_command", command)
    monkeypatch.setattr(local_server, "require_llama_cpp", lambda: None)
    model = tmp_path / "stand-in.gguf"
    model.write_bytes(b"")
    return ModelConfig(provider="local", model=DEFAULT_MODEL_NAME, model_path=model), pid_file


def run_local(config: ModelConfig, tmp_path: Path) -> RunResult:
    options = RunOptions(output_dir=tmp_path / "out", prompt_version=VERSION, retry=FAST_RETRIES,
                         use_cache=False)  # fmt: skip
    return run_summarize(SEEDS, config, options)


def test_the_embedded_server_killed_mid_run_is_restarted_and_the_article_retried(
    stand_in_server, tmp_path
):
    config, pid_file = stand_in_server
    killer = KillsTheServer(pid_file, tmp_path / "out", [1])
    result = run_local(config, tmp_path)
    assert len(killer.killed) == 1
    assert not result.failures, result.failures
    assert len(result.records) == len(SEEDS)


def test_a_second_death_fails_the_run_with_a_clear_line(stand_in_server, tmp_path):
    config, pid_file = stand_in_server
    killer = KillsTheServer(pid_file, tmp_path / "out", [1, 2])
    result = run_local(config, tmp_path)
    assert len(killer.killed) == 2
    assert result.failures and len(result.records) == 2
    assert all("stopped again after one restart" in f.message for f in result.failures)
    assert all("\n" not in f.message for f in result.failures)


def test_a_rerun_from_the_cache_never_starts_the_embedded_server(stand_in_server, tmp_path):
    config, pid_file = stand_in_server
    options = RunOptions(output_dir=tmp_path / "out", prompt_version=VERSION,
                         retry=FAST_RETRIES, cache_path=tmp_path / "responses.sqlite")  # fmt: skip
    first = run_summarize(SEEDS, config, options)
    assert first.requests_sent > 0 and pid_file.exists()
    pid_file.unlink()
    again = run_summarize(SEEDS, config, options)
    assert again.requests_sent == 0 and again.from_cache == first.requests_sent
    assert not pid_file.exists()  # no server process was started


def test_a_raw_control_character_in_a_json_string_costs_nothing(server, tmp_path):
    """The 1.5B model sometimes writes a raw newline inside a string: strict JSON refuses
    it, instructor re-asks and gets the same; the answer is read with it allowed."""
    server.fail_matching("below are CANDIDATES (C1", "control-char")
    result = run(server, SEEDS[:2], tmp_path)
    assert result.failures == []
    assert len(result.records) == 2
    assert all(record.claims for record in result.records)


def test_a_reply_cut_off_at_the_output_limit_is_asked_again_in_halves(tmp_path):
    """v6 asks claims in batches; a batch whose reply runs past max_tokens is split in
    two and each half asked once (never the same request again), down to one candidate;
    what still cannot be answered is left undecided, and the record is written."""
    cassettes = sorted((ROOT / "cassettes" / "v6" / DEFAULT_MODEL_NAME).glob("*.yaml"))
    with ReplayServer(cassettes) as v6_server:
        v6_server.keep_bodies = True
        v6_server.fail_matching("below are CANDIDATES (C1", "cut-off")  # every claims request
        options = RunOptions(output_dir=tmp_path / "out", prompt_version="v6", retry=FAST_RETRIES,
                             cache_path=tmp_path / "responses.sqlite", use_cache=False)  # fmt: skip
        result = run_summarize([SEEDS[3]], config_for(v6_server), options)
    asked = [
        tuple(
            int(n)
            for n in re.findall(r"C(\d+) \(sentence", json.loads(b)["messages"][-1]["content"])
        )
        for b in v6_server.bodies
        if "below are CANDIDATES" in b
    ]
    assert len(asked) == len(set(asked))  # no request is repeated
    first = asked[0]
    assert (
        len(first) > 1 and first[: len(first) // 2] in asked and first[len(first) // 2 :] in asked
    )
    [record] = result.records  # the halves have no recording here: they fail, undecided
    assert record.claims and [f.call for f in record.failed_calls] == ["claims"]
    assert record.failed_calls[0].undecided == len(first)


def test_a_stand_in_answer_is_neutral_and_needs_no_model():
    from typing import Literal

    from pydantic import BaseModel

    from summarizer.llm.undecided import decisions_in, undecided_answer

    class Decision(BaseModel):
        kind: Literal["factual assertion", "denial"]
        side: Literal["government", "armed group", "other"]
        tone: Literal["negative", "neutral", "positive"]
        what: str

    class Answer(BaseModel):
        C1: Decision
        C2: Decision

    answer = undecided_answer(Answer)
    assert answer.C1.side == "other" and answer.C1.tone == "neutral" and answer.C2.what == ""
    assert answer.C1.kind == "factual assertion"  # no neutral value: the first allowed
    assert decisions_in(Answer) == 2
