"""Choose the backend (OpenAI, any OpenAI-compatible server, or the embedded model).

There is one code path: the ``openai`` client wrapped by ``instructor``. This module
only decides the base URL, key, model name and structured-output mode, and for the
embedded default starts and stops the local llama.cpp server.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import instructor
import openai
from pydantic import BaseModel

from summarizer.errors import ModelError, UsageError
from summarizer.llm.providers.local_server import LocalServer, local_server
from summarizer.llm.providers.model_store import DEFAULT_MODEL_NAME, cache_dir, default_model_path
from summarizer.llm.providers.response_cache import ResponseCache
from summarizer.llm.providers.transport import (
    AdaptiveLimit,
    CallStats,
    ModelHttpClient,
    RetryPolicy,
    ServerFault,
    find_fault,
)

Provider = Literal["openai", "compatible", "local"]

DEFAULT_OPENAI_MODEL = "gpt-4.1-mini"
LOCAL_CONTEXT_TOKENS = 12288
REMOTE_CONTEXT_TOKENS = 128_000
OFFLINE_BASE_URL = "http://127.0.0.1:9/v1"
REMOTE_TIMEOUT_SECONDS = 900.0
LOCAL_TIMEOUT_SECONDS = 1800.0
LOCAL_JOBS = 1
"""The embedded server decodes one request at a time on this machine's two cores
(llama-cpp-python's server has one slot), so more at once only queue."""
REMOTE_JOBS = 8

MODES: dict[Provider, instructor.Mode] = {
    "openai": instructor.Mode.TOOLS,
    "compatible": instructor.Mode.JSON_SCHEMA,
    "local": instructor.Mode.JSON_SCHEMA,
}
"""Structured-output mode per backend: grammar-constrained JSON for llama.cpp-style
servers, function tools for OpenAI."""


@dataclass(frozen=True)
class ModelConfig:
    """Everything needed to reach one model; the key is never printed."""

    provider: Provider
    model: str
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model_path: Path | None = None
    context_tokens: int = LOCAL_CONTEXT_TOKENS
    timeout_seconds: float | None = None
    """Per-request timeout; default 900 s remote, 1800 s for the embedded model."""

    @property
    def mode(self) -> instructor.Mode:
        return MODES[self.provider]

    @property
    def backend_key(self) -> str:
        """What identifies the backend in the response cache: the embedded model (live
        or replayed from cassettes) is one backend, whatever port it ran on."""
        return f"{self.provider}:{self.base_url or ''}"

    @property
    def default_jobs(self) -> int:
        return LOCAL_JOBS if self.provider == "local" else REMOTE_JOBS

    @property
    def timeout(self) -> float:
        if self.timeout_seconds is not None:
            return self.timeout_seconds
        return LOCAL_TIMEOUT_SECONDS if self.provider == "local" else REMOTE_TIMEOUT_SECONDS

    def request_extras(self, response_model: type[BaseModel]) -> dict[str, Any]:
        """Backend-specific request fields, merged into the body by the openai client.

        llama-cpp-python's server builds its decoding grammar from
        ``response_format={"type": "json_object", "schema": ...}`` and rejects
        OpenAI's ``json_schema`` form, so the embedded server gets its own dialect.
        """
        if self.provider != "local":
            return {}
        schema = response_model.model_json_schema()
        return {"extra_body": {"response_format": {"type": "json_object", "schema": schema}}}


def resolve_model_config(
    model: str | None = None,
    base_url: str | None = None,
    model_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> ModelConfig:
    """Pick the backend from options and environment, in the documented order.

    ``--base-url``/``OPENAI_BASE_URL`` wins, then ``OPENAI_API_KEY`` (OpenAI), then
    the embedded local model.

    Raises:
        UsageError: ``--model-path`` is combined with a remote backend, or names no file.
    """
    env = os.environ if environ is None else environ
    base_url = base_url or env.get("OPENAI_BASE_URL") or None
    api_key = env.get("OPENAI_API_KEY") or None
    if model_path is not None and (base_url or api_key) and base_url != OFFLINE_BASE_URL:
        raise UsageError("--model-path runs the embedded server; drop --base-url/OPENAI_API_KEY")
    if base_url:
        return ModelConfig(
            provider="compatible",
            model=model or env.get("SUMMARIZER_MODEL") or DEFAULT_MODEL_NAME,
            base_url=base_url,
            api_key=api_key or "not-needed",
            context_tokens=int(env.get("SUMMARIZER_CONTEXT_TOKENS", LOCAL_CONTEXT_TOKENS)),
            timeout_seconds=_timeout(env),
        )
    if api_key:
        return ModelConfig(
            provider="openai",
            model=model or env.get("SUMMARIZER_MODEL") or DEFAULT_OPENAI_MODEL,
            api_key=api_key,
            context_tokens=REMOTE_CONTEXT_TOKENS,
            timeout_seconds=_timeout(env),
        )
    if model_path is not None and not model_path.is_file():
        raise UsageError(f"{model_path}: no such model file")
    name = model or (model_path.stem.lower() if model_path else DEFAULT_MODEL_NAME)
    return ModelConfig(
        provider="local", model=name, model_path=model_path, timeout_seconds=_timeout(env)
    )


def _timeout(env: Mapping[str, str]) -> float | None:
    value = env.get("SUMMARIZER_TIMEOUT")
    return float(value) if value else None


@dataclass(frozen=True)
class CacheSettings:
    """Whether the run reads and writes the user's response cache."""

    read: bool = True
    write: bool = True
    path: Path | None = None


@dataclass
class Backend:
    """An open model backend: one openai client shared by every worker thread."""

    client: openai.OpenAI
    config: ModelConfig
    stats: CallStats
    limit: AdaptiveLimit
    server: LocalServer | None = None
    """The embedded server this backend started, if any."""

    def server_died(self) -> bool:
        return self.server is not None and self.server.died()

    def restart_server(self) -> None:
        """Start the embedded server again (requests follow it to its new port)."""
        assert self.server is not None
        self.server.restart()

    def instructor(self) -> instructor.Instructor:
        """A fresh instructor wrapper: its hooks (usage meters) are its own, so
        concurrent articles never count each other's tokens."""
        return instructor.from_openai(self.client, mode=self.config.mode)


@contextlib.contextmanager
def open_client(
    config: ModelConfig,
    *,
    offline: bool = False,
    jobs: int | None = None,
    cache: CacheSettings | None = None,
    policy: RetryPolicy | None = None,
) -> Iterator[Backend]:
    """Yield the backend for ``config``; starts the local server if needed.

    With ``offline`` no server is started and no network is used: every request
    must be answered by the cache or a recorded cassette.
    """
    cache = cache or CacheSettings()
    store = ResponseCache(cache.path) if (cache.read or cache.write) else None
    limit = AdaptiveLimit(jobs or config.default_jobs)
    stats = CallStats()
    opened: list[openai.OpenAI] = []

    def backend(
        base_url: str | None, api_key: str | None, server: LocalServer | None = None
    ) -> Backend:
        http = ModelHttpClient(
            backend=config.backend_key, cache=store, read_cache=cache.read, limit=limit,
            policy=policy, stats=stats, timeout=config.timeout,
            route=server.ensure_started if server is not None else None,
        )  # fmt: skip
        client = openai.OpenAI(
            base_url=base_url, api_key=api_key, max_retries=0, timeout=config.timeout,
            http_client=http,
        )  # fmt: skip
        opened.append(client)
        return Backend(client, config, stats, limit, server)

    try:
        if offline:
            yield backend(OFFLINE_BASE_URL, "offline")
        elif config.provider != "local":
            yield backend(config.base_url, config.api_key)
        else:
            model_path = config.model_path or default_model_path()
            with local_server(
                model_path, config.model, config.context_tokens, cache_dir() / "logs", lazy=True
            ) as server:
                yield backend(OFFLINE_BASE_URL, "local", server)
    finally:
        for client in opened:
            client.close()
        if store is not None:
            store.close()


__all__ = [
    "Backend",
    "CacheSettings",
    "ModelConfig",
    "ModelError",
    "RetryPolicy",
    "ServerFault",
    "find_fault",
    "open_client",
    "resolve_model_config",
]
