from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.llm.providers.local_server import server_command, stop_server

IGNORES_SIGTERM = (
    "import signal, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "print('ready', flush=True)\n"
    "time.sleep(60)\n"
)


def listening_addresses(port: int) -> set[str]:
    """The addresses a TCP socket listens on at ``port``, read from the kernel's table."""
    import socket
    import struct

    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.split(":")
                if state != "0A" or int(hex_port, 16) != port:  # 0A = LISTEN
                    continue
                if len(address) == 8:
                    found.add(socket.inet_ntoa(struct.pack("<I", int(address, 16))))
                else:
                    found.add(address)
    return found


@pytest.mark.enable_socket
def test_the_kernel_table_reader_sees_a_loopback_listener() -> None:
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        assert listening_addresses(listener.getsockname()[1]) == {"127.0.0.1"}


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

    from summarizer.llm.providers.local_server import run_local_server
    from summarizer.llm.providers.model_store import DEFAULT_MODEL_NAME, default_model_path

    with run_local_server(default_model_path(), DEFAULT_MODEL_NAME, 2048, tmp_path) as base_url:
        models = httpx.get(f"{base_url}/models", timeout=10).json()
        assert models["data"][0]["id"] == DEFAULT_MODEL_NAME
        port = int(base_url.rsplit(":", 1)[1].split("/")[0])
        assert listening_addresses(port) == {"127.0.0.1"}
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url}/models", timeout=2)
