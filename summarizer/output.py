"""Write output files atomically: a reader never sees a half-written file."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from summarizer.errors import UsageError


def prepare_output_dir(folder: Path) -> None:
    """Create ``folder`` and prove it is writable.

    Raises:
        UsageError: it cannot be created or written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise UsageError(f"{folder}: output folder cannot be written ({exc.strerror})") from exc


_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process umask (reading it means setting it; the lock keeps that atomic)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename over it.

    The temporary file is created private (0600); before the rename it gets the mode
    any other tool's output would have (0666 minus the umask), so a colleague on a
    shared server can read the report.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
