"""Run llama.cpp's OpenAI-compatible server as a child process on loopback.

The server is ``llama-cpp-python[server]`` (``python -m llama_cpp.server``). It is
bound to 127.0.0.1 on a free port, polled until it answers, and always stopped on
exit: normal return, error, or Ctrl-C.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from summarizer.errors import ModelError

STARTUP_TIMEOUT_SECONDS = 180.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_command(model_path: Path, alias: str, port: int, context_tokens: int) -> list[str]:
    """The command line that starts the server for ``model_path``."""
    return [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model_path),
        "--model_alias",
        alias,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(context_tokens),
        "--n_threads",
        str(max(1, os.cpu_count() or 1)),
        "--seed",
        "0",
    ]


def _wait_until_ready(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    """Poll ``/models`` until it answers, failing fast if the process dies."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace").strip().splitlines()[-3:]
            raise ModelError(
                f"local llama.cpp server exited with code {process.returncode}: " + " | ".join(tail)
            )
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/models", timeout=2.0).status_code == 200:
                return
        time.sleep(0.5)
    raise ModelError(f"local llama.cpp server did not answer within {STARTUP_TIMEOUT_SECONDS:.0f}s")


def stop_server(process: subprocess.Popen[bytes], grace_seconds: float = 3.0) -> None:
    """Terminate the server, kill it if it lingers; a second Ctrl-C kills at once."""
    if process.poll() is not None:
        return
    try:
        process.terminate()
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    except BaseException:
        process.kill()
        process.wait()
        raise


def require_llama_cpp() -> None:
    """Raises:
    ModelError: llama-cpp-python (the embedded server) is not installed."""
    if importlib.util.find_spec("llama_cpp") is None:
        raise ModelError(
            "the embedded model needs llama-cpp-python: pip install -e '.[local]' "
            "(or set OPENAI_API_KEY / --base-url to use another server)"
        )


class LocalServer:
    """The embedded server as a child process that can be restarted once it dies."""

    def __init__(self, model_path: Path, alias: str, context_tokens: int, log_dir: Path) -> None:
        self.model_path = model_path
        self.alias = alias
        self.context_tokens = context_tokens
        self.log_dir = log_dir
        self.process: subprocess.Popen[bytes] | None = None
        self.base_url = ""
        self.restarts = 0
        self._lock = threading.Lock()
        self._failed: ModelError | None = None

    def ensure_started(self) -> str:
        """The server's base URL, starting it on first use: a rerun that the response
        cache answers in full never loads the model. A start that failed is not
        tried again for every request.

        Raises:
            ModelError: the server cannot be started.
        """
        with self._lock:
            if self._failed is not None:
                raise self._failed
            if self.process is None:
                try:
                    self.start()
                except ModelError as error:
                    self._failed = error
                    raise
            return self.base_url

    def died(self) -> bool:
        """Started once and no longer running."""
        return self.process is not None and self.process.poll() is not None

    def start(self) -> str:
        """Start on a free loopback port and wait until it answers.

        Raises:
            ModelError: llama-cpp-python is not installed, or the server fails to start.
        """
        require_llama_cpp()
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}/v1"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = self.log_dir / f"llama-server-{port}.log"
        with log.open("wb") as log_handle:
            self.process = subprocess.Popen(
                server_command(self.model_path, self.alias, port, self.context_tokens),
                stdout=log_handle,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        try:
            _wait_until_ready(self.process, self.base_url, log)
        except BaseException:
            self.stop()
            raise
        return self.base_url

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def restart(self) -> str:
        """Stop what is left of the server and start a new one (a new port)."""
        with self._lock:
            self.stop()
            self.restarts += 1
            return self.start()

    def stop(self) -> None:
        if self.process is not None:
            stop_server(self.process)


@contextlib.contextmanager
def local_server(
    model_path: Path, alias: str, context_tokens: int, log_dir: Path, *, lazy: bool = False
) -> Iterator[LocalServer]:
    """A LocalServer (started now, or on first use when ``lazy``), stopped whatever
    happens."""
    server = LocalServer(model_path, alias, context_tokens, log_dir)
    try:
        if lazy:
            require_llama_cpp()
        else:
            server.start()
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def run_local_server(
    model_path: Path, alias: str, context_tokens: int, log_dir: Path
) -> Iterator[str]:
    """Start the server, yield its OpenAI base URL, and stop it whatever happens.

    Raises:
        ModelError: llama-cpp-python is not installed, or the server fails to start.
    """
    with local_server(model_path, alias, context_tokens, log_dir) as server:
        yield server.base_url
