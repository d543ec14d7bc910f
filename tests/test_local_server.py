from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.providers.local_server import server_command, stop_server

IGNORES_SIGTERM = (
    "import signal, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "print('ready', flush=True)\n"
    "time.sleep(60)\n"
)


def test_server_binds_loopback_only() -> None:
    command = server_command(Path("m.gguf"), "alias", 4321, 8192)
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "4321"
    assert command[1:3] == ["-m", "llama_cpp.server"]


def test_a_server_that_ignores_sigterm_is_killed() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", IGNORES_SIGTERM], stdout=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stdout.readline() == b"ready\n"
        started = time.monotonic()
        stop_server(process, grace_seconds=0.5)
    assert process.returncode is not None
    assert time.monotonic() - started < 10


@pytest.mark.live
def test_embedded_server_answers_and_is_stopped(tmp_path: Path) -> None:
    """Starts the real llama.cpp server on the default model (needs the [local] extra)."""
    import httpx

    from summarizer.providers.local_server import run_local_server
    from summarizer.providers.model_store import DEFAULT_MODEL_NAME, default_model_path

    with run_local_server(default_model_path(), DEFAULT_MODEL_NAME, 2048, tmp_path) as base_url:
        models = httpx.get(f"{base_url}/models", timeout=10).json()
        assert models["data"][0]["id"] == DEFAULT_MODEL_NAME
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url}/models", timeout=2)
