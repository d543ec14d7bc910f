from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarizer.errors import UsageError
from summarizer.output import prepare_output_dir, write_text_atomic


def test_a_failed_write_leaves_neither_a_partial_file_nor_a_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("previous run")

    def refuse(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_text_atomic(target, "new report")
    assert target.read_text() == "previous run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_an_unwritable_output_folder_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(UsageError, match="output folder cannot be written"):
        prepare_output_dir(blocker / "out")
