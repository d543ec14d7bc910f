"""An OpenAI-compatible HTTP server on 127.0.0.1 that answers from recorded cassettes
and injects faults on request: what the fault tests and the load benchmark run against.

It is a real server in a thread (``http.server``), so the client under test goes
through its whole HTTP stack: sockets, timeouts, retries. A request is answered
with the recorded response whose request had the same model and messages; a
request with no such recording gets the recorded answer to the same response
schema when exactly one exists (the corpus-level call of a run over copies of
the seeds), else 404.

Faults are queued: each request takes the next one (``None`` = answer normally).
"""

from __future__ import annotations

import contextlib
import json
import random
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

FAULTS = (
    "429", "429-retry-after", "500", "503", "timeout", "reset", "truncated", "not-json",
    "bad-schema", "control-char", "cut-off",
)  # fmt: skip


def _messages_key(body: dict[str, Any]) -> str:
    return json.dumps([body.get("model"), body.get("messages")], sort_keys=True)


def _schema_key(body: dict[str, Any]) -> str | None:
    """The response schema, in either dialect (llama.cpp's json_object + schema, or
    OpenAI's json_schema)."""
    response_format = body.get("response_format") or {}
    schema = response_format.get("schema") or (response_format.get("json_schema") or {}).get(
        "schema"
    )
    return json.dumps(schema, sort_keys=True) if schema else None


class Recordings:
    """Recorded (request, response) pairs from vcrpy cassettes."""

    def __init__(self, cassettes: Iterable[Path]) -> None:
        self.by_messages: dict[str, bytes] = {}
        by_schema: dict[str, list[bytes]] = {}
        for cassette in cassettes:
            data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
            for interaction in data.get("interactions", []):
                if not interaction["request"].get("body"):
                    continue  # a GET (the readiness probe): nothing to answer from
                body = json.loads(interaction["request"]["body"])
                answer = interaction["response"]["body"]["string"]
                answer = answer.encode() if isinstance(answer, str) else answer
                self.by_messages[_messages_key(body)] = answer
                schema = _schema_key(body)
                if schema:
                    by_schema.setdefault(schema, []).append(answer)
        self.by_schema = {k: v[0] for k, v in by_schema.items() if len(set(v)) == 1}

    def answer(self, body: dict[str, Any]) -> bytes | None:
        """The recorded answer to these messages; for a re-ask (the recorded messages
        plus the rejected answer and the error), the answer to the recorded ones."""
        messages = body.get("messages") or []
        for length in range(len(messages), 1, -1):
            found = self.by_messages.get(_messages_key({**body, "messages": messages[:length]}))
            if found is not None:
                return found
        schema = _schema_key(body)
        return self.by_schema.get(schema) if schema else None


class ReplayServer:
    """Start with ``with ReplayServer(cassettes) as server: server.base_url``."""

    def __init__(self, cassettes: Iterable[Path], latency: float = 0.0) -> None:
        self.recordings = Recordings(cassettes)
        self.latency = latency
        self.faults: deque[str | None] = deque()
        self.matching: list[tuple[str, str]] = []
        self.requests = 0
        self.bodies: list[str] = []
        """Every request body received, in order (when ``keep_bodies``)."""
        self.keep_bodies = False
        self.random: tuple[random.Random, float, tuple[str, ...]] | None = None
        self.in_flight = 0
        self.peak_in_flight = 0
        self.timeout_sleep = 3.0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def inject(self, *faults: str | None) -> None:
        """Queue faults for the next requests, in order."""
        unknown = [f for f in faults if f is not None and f not in FAULTS]
        if unknown:
            raise ValueError(f"unknown faults {unknown}")
        self.faults.extend(faults)

    def fail_matching(self, text: str, fault: str) -> None:
        """Every request whose body contains ``text`` gets ``fault``, for good."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault}")
        self.matching.append((text, fault))

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_fault(self, raw: str) -> str | None:
        with self._lock:
            self.requests += 1
            if self.keep_bodies:
                self.bodies.append(raw)
            for text, fault in self.matching:
                if text in raw:
                    return fault
            if self.faults:
                return self.faults.popleft()
            if self.random is not None:
                draw, rate, faults = self.random
                if draw.random() < rate:
                    return draw.choice(faults)
            return None

    def random_faults(self, rate: float, faults: tuple[str, ...], seed: int = 0) -> None:
        """From now on, each request gets one of ``faults`` with probability ``rate``."""
        unknown = [f for f in faults if f not in FAULTS]
        if unknown:
            raise ValueError(f"unknown faults {unknown}")
        self.random = (random.Random(seed), rate, faults)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _send(
                self,
                status: int,
                body: bytes,
                content_type: str = "application/json",
                headers: dict[str, str] | None = None,
                length: int | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(body) if length is None else length))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()

            def do_GET(self) -> None:  # /v1/models: a readiness probe
                self._send(200, b'{"object": "list", "data": []}')

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length) or b"{}"
                body = json.loads(raw)
                with server._lock:
                    server.in_flight += 1
                    server.peak_in_flight = max(server.peak_in_flight, server.in_flight)
                try:
                    self._answer(body, server._next_fault(raw.decode("utf-8", "replace")))
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, body: dict[str, Any], fault: str | None) -> None:
                if server.latency:
                    time.sleep(server.latency)
                if fault == "429":
                    return self._send(429, b'{"error": {"message": "rate limited"}}')
                if fault == "429-retry-after":
                    return self._send(429, b'{"error": {"message": "slow down"}}',
                                      headers={"retry-after": "1"})  # fmt: skip
                if fault in ("500", "503"):
                    return self._send(int(fault), b'{"error": {"message": "server error"}}')
                if fault == "timeout":
                    time.sleep(server.timeout_sleep)
                    return None
                if fault == "reset":
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.connection.close()
                    self.close_connection = True
                    return None
                answer = server.recordings.answer(body)
                if answer is None:
                    return self._send(404, b'{"error": {"message": "no recording"}}')
                if fault == "truncated":
                    self._send(200, answer[: len(answer) // 2], length=len(answer))
                    self.close_connection = True
                    return None
                if fault == "not-json":
                    return self._send(200, b"<html>502 Bad Gateway</html>", "text/html")
                if fault == "control-char":  # a raw newline inside the first JSON string
                    completion = json.loads(answer)
                    content = completion["choices"][0]["message"]["content"]
                    at = content.index('": "') + 4
                    broken = f"{content[:at]}\n{content[at:]}"
                    completion["choices"][0]["message"]["content"] = broken
                    return self._send(200, json.dumps(completion).encode())
                if fault == "cut-off":  # the reply ran past max_tokens
                    completion = json.loads(answer)
                    completion["choices"][0]["finish_reason"] = "length"
                    content = completion["choices"][0]["message"]["content"]
                    completion["choices"][0]["message"]["content"] = content[: len(content) // 2]
                    return self._send(200, json.dumps(completion).encode())
                if fault == "bad-schema":
                    completion = json.loads(answer)
                    completion["choices"][0]["message"]["content"] = '{"unexpected": true}'
                    return self._send(200, json.dumps(completion).encode())
                return self._send(200, answer)

        return Handler


@contextlib.contextmanager
def replay_server(cassettes: Iterable[Path], latency: float = 0.0) -> Iterator[ReplayServer]:
    with ReplayServer(cassettes, latency) as server:
        yield server


def main() -> None:
    """``python replay_server.py --port N --pid-file F CASSETTE...``: the same server as
    a process, standing in for the embedded llama.cpp server in restart tests."""
    import argparse
    import os

    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid-file", type=Path)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("cassettes", nargs="+", type=Path)
    args = parser.parse_args()
    server = ReplayServer(args.cassettes, args.latency)
    server._server.server_close()
    server._server = ThreadingHTTPServer((args.host, args.port), server._handler())
    if args.pid_file:
        args.pid_file.write_text(str(os.getpid()))
    server._server.serve_forever()


if __name__ == "__main__":
    main()
