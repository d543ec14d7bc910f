from __future__ import annotations

import re
from pathlib import Path

import httpx2
import openai
import pytest

from summarizer.llm.recording import cassette_path, model_slug, use_cassette

ROOT = Path(__file__).resolve().parent.parent
KEY = (
    "sk-" + "proj-" + "abcdefghijklmnopqrstuvwxyz0123456789"
)  # built so no key-like literal is committed
SECRET_PATTERNS = [
    re.compile(r"sk-[A-Za-z0-9_-]{16,}"),
    re.compile(r"Bearer\s+[A-Za-z0-9._-]{8,}", re.IGNORECASE),
    re.compile(r"^\s*(authorization|api-key|openai-organization|cookie|set-cookie):", re.I | re.M),
]
COMPLETION = {
    "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": "m",
    "choices": [{"index": 0, "finish_reason": "stop",
                 "message": {"role": "assistant", "content": "{}"}}],
    "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4},
}  # fmt: skip


def _client() -> openai.OpenAI:
    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(
            200,
            json=COMPLETION,
            headers={
                "set-cookie": "session=secret",
                "x-request-id": "req_123",
                "openai-organization": "org-x",
            },
        )

    transport = httpx2.MockTransport(answer)
    return openai.OpenAI(
        api_key=KEY,
        organization="org-secret",
        base_url="https://api.example.invalid/v1?api_key=" + KEY,
        http_client=httpx2.Client(transport=transport),
    )


def test_recorded_cassettes_keep_no_secrets_or_volatile_headers(tmp_path: Path) -> None:
    cassette = tmp_path / "c.yaml"
    with use_cassette(cassette, "all"), _client() as client:
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    text = cassette.read_text()
    assert KEY not in text and "org-secret" not in text and "session=secret" not in text
    for pattern in SECRET_PATTERNS:
        assert not pattern.search(text), pattern.pattern
    assert "x-stainless" not in text.lower() and "user-agent" not in text.lower()
    assert "req_123" not in text


def test_replay_needs_the_same_body(tmp_path: Path) -> None:
    cassette = tmp_path / "c.yaml"
    with use_cassette(cassette, "all"), _client() as client:
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    with use_cassette(cassette, "none"), _client() as client:
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
        with pytest.raises(openai.APIConnectionError):
            client.with_options(max_retries=0).chat.completions.create(
                model="m", messages=[{"role": "user", "content": "hello"}]
            )


def test_committed_cassettes_hold_no_key_like_strings() -> None:
    cassettes = sorted((ROOT / "cassettes").rglob("*.yaml"))
    assert len(cassettes) >= 10, "expected v1 and v2 cassettes for all five seeds"
    for path in cassettes:
        text = path.read_text()
        for pattern in SECRET_PATTERNS:
            assert not pattern.search(text), f"{path}: {pattern.pattern}"


def test_cassettes_are_organised_by_prompt_model_and_article() -> None:
    path = cassette_path(Path("cassettes"), "v1", "Qwen2.5-Coder-1.5B-Instruct:Q4_K_M", "003_x")
    assert path == Path("cassettes/v1/qwen2.5-coder-1.5b-instruct-q4_k_m/003_x.yaml")
    assert model_slug("org/model name") == "org-model-name"


def test_recording_keeps_the_calls_durations_beside_the_cassette(tmp_path: Path) -> None:
    from summarizer.llm.recording import read_timing, timing_path

    cassette = tmp_path / "c.yaml"
    with use_cassette(cassette, "all"), _client() as client:
        for text in ("one", "two"):
            client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
    timing = read_timing(cassette)
    assert timing is not None and timing.call_seconds is not None
    assert len(timing.call_seconds) == 2 and timing.wall_seconds >= sum(timing.call_seconds) - 0.02
    recorded = timing_path(cassette).read_text()
    with use_cassette(cassette, "none"), _client() as client:
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "one"}])
    assert timing_path(cassette).read_text() == recorded  # a replay never rewrites it


def test_every_committed_cassette_has_its_recorded_timing() -> None:
    from summarizer.llm.recording import read_timing

    for cassette in (ROOT / "cassettes").rglob("*.yaml"):
        timing = read_timing(cassette)
        assert timing is not None and timing.wall_seconds > 0, cassette
