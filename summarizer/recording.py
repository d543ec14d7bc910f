"""Record and replay model calls with vcrpy, one cassette per article.

Cassettes live at ``cassettes/<prompt version>/<model>/<article>.yaml`` and match on
method, path and request body, so a different prompt template, model or article
misses instead of replaying someone else's answer. Secrets and volatile headers are
dropped before anything is written.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import vcr
from vcr.errors import CannotOverwriteExistingCassetteException

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
    return Path(__file__).resolve().parent.parent / "cassettes"


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


def make_vcr(record_mode: RecordMode) -> vcr.VCR:
    """A VCR configured for model calls: body matching, secrets filtered."""
    return vcr.VCR(
        record_mode=record_mode,
        match_on=("method", "path", "body"),
        filter_headers=list(SECRET_HEADERS),
        filter_query_parameters=list(SECRET_QUERY_PARAMETERS),
        before_record_request=_scrub_request,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
    )


@contextlib.contextmanager
def use_cassette(path: Path | None, record_mode: RecordMode | None) -> Iterator[None]:
    """Record or replay inside the block; with no mode, do neither."""
    if record_mode is None or path is None:
        yield
        return
    if record_mode != "none":
        path.parent.mkdir(parents=True, exist_ok=True)
    with make_vcr(record_mode).use_cassette(str(path)):
        yield


def is_cassette_miss(error: BaseException) -> bool:
    """True when ``error`` (or anything it was raised from) is a vcrpy replay miss."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, CannotOverwriteExistingCassetteException):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
