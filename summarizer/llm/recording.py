"""Record and replay model calls with vcrpy, one cassette per article.

Cassettes live at ``cassettes/<prompt version>/<model>/<article>.yaml`` and match on
method, path and request body, so a different prompt template, model or article
misses instead of replaying someone else's answer. Secrets and volatile headers are
dropped before anything is written.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import vcr
from vcr.errors import CannotOverwriteExistingCassetteException

from summarizer import project
from summarizer.errors import find_in_chain
from summarizer.output import write_json_atomic

RecordMode = Literal["none", "once", "new_episodes", "all"]
RECORD_MODES: tuple[str, ...] = ("none", "once", "new_episodes", "all")

SECRET_HEADERS = (
    "authorization",
    "api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
    "x-api-key",
)
SECRET_QUERY_PARAMETERS = ("api_key", "api-key", "key", "token", "access_token")
KEPT_HEADERS = ("content-type",)
"""Only these headers are written: the rest (user-agent, x-stainless-*, dates,
request ids) change on every recording and add nothing to a replay."""


def default_cassettes_dir() -> Path:
    return project.cassettes_dir()


def model_slug(model: str) -> str:
    """A folder-safe form of a model name: 'org/Model:Q4' -> 'org-model-q4'."""
    return re.sub(r"[^a-z0-9._-]+", "-", model.lower()).strip("-") or "model"


def cassette_path(root: Path, prompt_version: str, model: str, article_id: str) -> Path:
    return root / prompt_version / model_slug(model) / f"{article_id}.yaml"


def _keep_headers(headers: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}


def _scrub_request(request: Any) -> Any:
    request.headers = _keep_headers(dict(request.headers))
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    response["headers"] = _keep_headers(response.get("headers", {}))
    return response


def make_vcr(record_mode: RecordMode, on_record: Callable[[], None] | None = None) -> vcr.VCR:
    """A VCR configured for model calls: body matching, secrets filtered.

    ``on_record`` is called as each new response is recorded (to time the calls).
    """

    def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
        if on_record is not None:
            on_record()
        return _scrub_response(response)

    return vcr.VCR(
        record_mode=record_mode,
        match_on=("method", "path", "body"),
        filter_headers=list(SECRET_HEADERS),
        filter_query_parameters=list(SECRET_QUERY_PARAMETERS),
        before_record_request=_scrub_request,
        before_record_response=scrub_response,
        decode_compressed_response=True,
    )


def timing_path(cassette: Path) -> Path:
    """Where a cassette's recorded durations live: vcrpy stores no timing."""
    return cassette.with_suffix(".timing.json")


@dataclass(frozen=True)
class RecordedTiming:
    """How long the recorded run of one article took, and each of its calls."""

    wall_seconds: float
    call_seconds: list[float] | None
    recorded_at: str | None = None
    note: str | None = None


def read_timing(cassette: Path) -> RecordedTiming | None:
    """The recorded timing beside ``cassette``, or None when there is none."""
    try:
        data = json.loads(timing_path(cassette).read_text(encoding="utf-8"))
        return RecordedTiming(**data)
    except (OSError, ValueError, TypeError):
        return None


@contextlib.contextmanager
def use_cassette(path: Path | None, record_mode: RecordMode | None) -> Iterator[None]:
    """Record or replay inside the block; with no mode, do neither.

    When every call of the block was recorded now (none replayed), their durations
    are written beside the cassette, so evals can report what the run really cost.
    """
    if record_mode is None or path is None:
        yield
        return
    if record_mode != "none":
        path.parent.mkdir(parents=True, exist_ok=True)
    stamps = [time.perf_counter()]
    with make_vcr(record_mode, lambda: stamps.append(time.perf_counter())).use_cassette(
        str(path)
    ) as cassette:
        stamps[:] = [time.perf_counter()]  # loading a cassette runs the same filter
        yield
    if len(stamps) > 1 and cassette.play_count == 0:
        calls = [round(b - a, 2) for a, b in zip(stamps, stamps[1:], strict=False)]
        timing = RecordedTiming(
            wall_seconds=round(time.perf_counter() - stamps[0], 2),
            call_seconds=calls,
            recorded_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        write_json_atomic(timing_path(path), asdict(timing))


def is_cassette_miss(error: BaseException) -> bool:
    """True when ``error`` (or anything it was raised from) is a vcrpy replay miss."""
    return find_in_chain(error, CannotOverwriteExistingCassetteException) is not None
