"""The user's cache of model responses, in SQLite: a rerun on unchanged inputs is free.

Every successful model response is stored under a key made of what determines it:
the backend, the request path and the canonical request body (model, messages with
the article text, response schema, temperature, seed, max tokens). Nothing else is
stored: no request headers, so no API key. A run interrupted at article 400 of 500
resumes from here when re-run.

The cache is the user's (under the platform's cache folder); the cassettes in the
repository are the tests' recordings. They are different things.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from summarizer.llm.providers.model_store import cache_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    backend TEXT NOT NULL,
    model TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL,
    created REAL NOT NULL
)
"""


def default_cache_path() -> Path:
    """``responses.sqlite`` in the user's cache folder (XDG_CACHE_HOME on Linux);
    SUMMARIZER_RESPONSE_CACHE names another file."""
    override = os.environ.get("SUMMARIZER_RESPONSE_CACHE")
    return Path(override) if override else cache_dir() / "responses.sqlite"


def request_key(backend: str, path: str, body: bytes) -> str:
    """sha256 of the backend, path and the body with its keys sorted: the same
    request always gets the same key, whatever order the client wrote it in."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False)
    except ValueError:
        canonical = body.decode("utf-8", errors="replace")
    return hashlib.sha256(f"{backend}\0{path}\0{canonical}".encode()).hexdigest()


@dataclass(frozen=True)
class CachedResponse:
    status: int
    content_type: str
    body: bytes


@dataclass(frozen=True)
class CacheInfo:
    path: Path
    entries: int
    size_bytes: int
    models: dict[str, int]


class ResponseCache:
    """A thread-safe key → response store in one SQLite file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(SCHEMA)

    def get(self, key: str) -> CachedResponse | None:
        with self._lock:
            row = self._db.execute(
                "SELECT status, content_type, body FROM responses WHERE key = ?", (key,)
            ).fetchone()
        return CachedResponse(row[0], row[1], bytes(row[2])) if row else None

    def put(self, key: str, backend: str, model: str, response: CachedResponse) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, backend, model, response.status, response.content_type,
                 response.body, time.time()),
            )  # fmt: skip

    def info(self) -> CacheInfo:
        with self._lock:
            entries = self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
            models = dict(self._db.execute("SELECT model, COUNT(*) FROM responses GROUP BY model"))
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))
        return CacheInfo(self.path, entries, size, models)

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        with self._lock, self._db:
            removed = self._db.execute("DELETE FROM responses").rowcount
        with self._lock:
            self._db.execute("VACUUM")
        return removed

    def close(self) -> None:
        with self._lock:
            self._db.close()
