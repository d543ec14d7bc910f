"""Replay every released prompt version offline and compare with ``examples/vN``.

    python scripts/replay_examples.py            # v1..v6 (every version examples/ holds)
    python scripts/replay_examples.py v5 v6

For a refactor that must not change behaviour: each version runs on ``seeds/`` from its
cassettes (the response cache off), and every record, ``corpus.json``, ``report.md``
and ``report.html`` must equal the stored example byte for byte, wall-clock times aside. Exits 1 on
any difference, naming the file.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TIME = re.compile(r'"wall_seconds": [\d.]+|wall [\d.,]+ s')
"""Wall-clock times: the only bytes a replay may change."""


def _without_times(text: str) -> str:
    return _TIME.sub("<time>", text)


def _differences(expected: Path, replayed: Path) -> list[str]:
    """Files of ``expected`` the replay did not write byte for byte (times masked)."""
    found = []
    for path in sorted(expected.iterdir()):
        if path.suffix not in (".json", ".md", ".html"):
            continue
        other = replayed / path.name
        if not other.is_file():
            found.append(f"{path}: not written by the replay")
        elif _without_times(path.read_text()) != _without_times(other.read_text()):
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
