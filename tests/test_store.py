from __future__ import annotations

from pathlib import Path

from summarizer.evaluation import store


def _result() -> dict:
    return {
        "prompt_version": "v1",
        "prompt_hash": "abc",
        "model": "m",
        "gold_version": "2+deadbeef",
        "usage": {"prompt_tokens": 10, "completion_tokens": 5},
        "replay_seconds": 1.5,
        "recorded_seconds": 600.0,
    }


def _metrics(f1: float) -> dict:
    return {
        "events": {"f1": f1},
        "claims": {"f1": f1},
        "labels": {"f1": f1},
        "frames": {"micro_f1": f1},
        "grounding_rate": 1.0,
    }


def test_history_is_appended_and_listed_newest_first(tmp_path: Path) -> None:
    db = store.connect(tmp_path / "h.db")
    store.record_eval(db, _result(), _metrics(0.25), offline=True)
    store.record_eval(db, _result(), _metrics(0.5), offline=False)
    rows = store.list_evals(db)
    assert [r["metrics"]["events"]["f1"] for r in rows] == [0.5, 0.25]
    assert rows[0]["prompt_tokens"] == 10 and rows[0]["offline"] == 0
    assert rows[0]["gold_version"] == "2+deadbeef" and rows[0]["recorded_seconds"] == 600.0


def test_migrations_run_once_and_in_order(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    store.connect(path).close()
    db = store.connect(path)
    assert [r[0] for r in db.execute("SELECT number FROM _migrations")] == [1, 2]


def test_history_defaults_to_the_isolated_home(isolated_state: Path) -> None:
    assert store.history_path() == isolated_state / "home" / "history.db"
