"""Replay every released prompt version offline and compare with ``examples/vN``.

    python scripts/replay_examples.py            # v1..v6 (every version examples/ holds)
    python scripts/replay_examples.py v5 v6

For a refactor that must not change behaviour: each version runs on ``seeds/`` from its
cassettes (the response cache off), and every record, ``corpus.json``, ``report.md``
and ``report.html`` must equal the stored example, wall-clock times aside. Exits 1 on
any difference, naming the file.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TIMES = {"wall_seconds"}
_WALL = re.compile(r"wall [\d.,]+ s")


def _without_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if k not in TIMES}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def _differences(expected: Path, replayed: Path) -> list[str]:
    found = []
    for path in sorted(expected.iterdir()):
        if path.suffix not in (".json", ".md", ".html"):
            continue
        other = replayed / path.name
        if not other.is_file():
            found.append(f"{path}: not written by the replay")
        elif path.suffix == ".json":
            same = _without_times(json.loads(path.read_text())) == _without_times(
                json.loads(other.read_text())
            )
            found += [] if same else [f"{path}: differs"]
        elif _WALL.sub("wall", path.read_text()) != _WALL.sub("wall", other.read_text()):
            found.append(f"{path}: differs")
    return found


def main() -> int:
    versions = sys.argv[1:] or sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir())
    problems = []
    for version in versions:
        with tempfile.TemporaryDirectory() as out:
            command = [sys.executable, "-m", "summarizer", "seeds/", "--offline", "--no-cache",
                       "--prompt", version, "-o", out]  # fmt: skip
            run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            found = _differences(ROOT / "examples" / version, Path(out))
            if run.returncode != 0:
                found.append(f"{version}: exit {run.returncode}: {run.stderr.strip()[-300:]}")
        print(f"{version}: {'identical' if not found else f'{len(found)} differences'}")
        problems += found
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
