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
from summarizer.providers.local_server import run_local_server
from summarizer.providers.model_store import DEFAULT_MODEL_NAME, cache_dir, default_model_path

Provider = Literal["openai", "compatible", "local"]

DEFAULT_OPENAI_MODEL = "gpt-4.1-mini"
LOCAL_CONTEXT_TOKENS = 12288
REMOTE_CONTEXT_TOKENS = 128_000
OFFLINE_BASE_URL = "http://127.0.0.1:9/v1"

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

    @property
    def mode(self) -> instructor.Mode:
        return MODES[self.provider]

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
        )
    if api_key:
        return ModelConfig(
            provider="openai",
            model=model or env.get("SUMMARIZER_MODEL") or DEFAULT_OPENAI_MODEL,
            api_key=api_key,
            context_tokens=REMOTE_CONTEXT_TOKENS,
        )
    if model_path is not None and not model_path.is_file():
        raise UsageError(f"{model_path}: no such model file")
    name = model or (model_path.stem.lower() if model_path else DEFAULT_MODEL_NAME)
    return ModelConfig(provider="local", model=name, model_path=model_path)


@contextlib.contextmanager
def open_client(config: ModelConfig, *, offline: bool = False) -> Iterator[instructor.Instructor]:
    """Yield an instructor client for ``config``; starts the local server if needed.

    With ``offline`` no server is started and no network is used: every request
    must be answered by a recorded cassette.
    """
    if offline:
        client = openai.OpenAI(base_url=OFFLINE_BASE_URL, api_key="offline", max_retries=0)
        yield instructor.from_openai(client, mode=config.mode)
        return
    if config.provider != "local":
        client = openai.OpenAI(
            base_url=config.base_url, api_key=config.api_key, timeout=900.0, max_retries=2
        )
        yield instructor.from_openai(client, mode=config.mode)
        return
    model_path = config.model_path or default_model_path()
    with run_local_server(
        model_path, config.model, config.context_tokens, cache_dir() / "logs"
    ) as base_url:
        client = openai.OpenAI(base_url=base_url, api_key="local", timeout=1800.0, max_retries=0)
        yield instructor.from_openai(client, mode=config.mode)


__all__ = ["ModelConfig", "ModelError", "open_client", "resolve_model_config"]
