from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from summarizer.errors import ModelError
from summarizer.llm.providers.model_store import assemble_model


def _parts(tmp_path: Path) -> list[Path]:
    parts = []
    for number, payload in enumerate((b"GGUF", b"-part-two", b"-three"), start=1):
        part = tmp_path / f"part{number:02d}.bin"
        part.write_bytes(payload)
        parts.append(part)
    return parts


def test_parts_are_concatenated_in_order_and_verified(tmp_path: Path) -> None:
    expected = hashlib.sha256(b"GGUF-part-two-three").hexdigest()
    target = assemble_model(_parts(tmp_path), tmp_path / "cache" / "m.gguf", expected)
    assert target.read_bytes() == b"GGUF-part-two-three"


def test_hash_mismatch_is_refused_and_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "m.gguf"
    with pytest.raises(ModelError, match="sha256 .* expected 0000"):
        assemble_model(_parts(tmp_path), target, "0000")
    assert list(target.parent.iterdir()) == []
