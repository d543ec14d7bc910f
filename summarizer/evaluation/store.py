"""SQLite run history for evals, with an append-only list of numbered migrations."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

if TYPE_CHECKING:
    from summarizer.evaluation.results import EvalResult

Migration = Callable[[sqlite3.Connection], None]


def _create_eval_runs(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE eval_runs (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            git_commit TEXT,
            prompt_version TEXT,
            prompt_hash TEXT,
            model TEXT,
            offline INTEGER NOT NULL,
            metrics TEXT NOT NULL,
            prompt_tokens INTEGER NOT NULL,
            completion_tokens INTEGER NOT NULL,
            wall_seconds REAL NOT NULL
        )
        """
    )


def _add_gold_version_and_recorded_time(db: sqlite3.Connection) -> None:
    """Scores of different gold versions must not be compared silently; recorded wall
    time is what a run cost, replay time is not."""
    db.execute("ALTER TABLE eval_runs ADD COLUMN gold_version TEXT")
    db.execute("ALTER TABLE eval_runs ADD COLUMN recorded_seconds REAL")


MIGRATIONS: list[Migration] = [_create_eval_runs, _add_gold_version_and_recorded_time]
"""Never edit or reorder: add a new function at the end."""


def history_path() -> Path:
    """``$SUMMARIZER_HOME/history.db``, else the user's data directory."""
    home = os.environ.get("SUMMARIZER_HOME")
    folder = Path(home) if home else Path(platformdirs.user_data_dir("summarizer"))
    return folder / "history.db"


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open the history database and bring it to the latest migration."""
    target = path or history_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(target)
    db.row_factory = sqlite3.Row
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (number INTEGER PRIMARY KEY)")
    done = {row[0] for row in db.execute("SELECT number FROM _migrations")}
    for number, migration in enumerate(MIGRATIONS, start=1):
        if number not in done:
            with db:
                migration(db)
                db.execute("INSERT INTO _migrations (number) VALUES (?)", (number,))
    return db


def current_commit() -> str | None:
    """The git commit of the working tree, when there is one."""
    try:
        output = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return output.stdout.strip() or None


def record_eval(
    db: sqlite3.Connection, result: dict[str, Any], metrics: dict[str, Any], offline: bool
) -> int:
    """Append one eval (``EvalResult.summary()`` and its metrics); returns its id."""
    usage = result.get("usage", {})
    with db:
        cursor = db.execute(
            """
            INSERT INTO eval_runs (created_at, git_commit, prompt_version, prompt_hash, model,
                offline, metrics, prompt_tokens, completion_tokens, wall_seconds,
                gold_version, recorded_seconds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                datetime.now(UTC).isoformat(timespec="seconds"),
                current_commit(),
                result.get("prompt_version"),
                result.get("prompt_hash"),
                result.get("model"),
                int(offline),
                json.dumps(metrics),
                usage.get("prompt_tokens", 0),
                usage.get("completion_tokens", 0),
                result.get("replay_seconds") or 0.0,
                result.get("gold_version"),
                result.get("recorded_seconds"),
            ),
        )
    return int(cursor.lastrowid or 0)


def record_result(result: EvalResult, offline: bool, db: sqlite3.Connection | None = None) -> int:
    """Append ``result`` to the run history (the user's, unless ``db`` is given)."""
    history = connect() if db is None else db
    return record_eval(history, result.summary(), result.metrics.as_dict(), offline)


def list_evals(db: sqlite3.Connection, limit: int = 20) -> list[dict[str, Any]]:
    """Most recent eval runs first, metrics decoded."""
    rows = db.execute("SELECT * FROM eval_runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [{**dict(row), "metrics": json.loads(row["metrics"])} for row in rows]
