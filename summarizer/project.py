"""Where a project's data lives: found from the current folder, never from the package.

An installed ``summarize`` has no repository around it. Cassettes, gold files,
the CI baseline, the seed articles and project-local prompt versions belong to
the project the user runs it in: the nearest folder, from the current one
upwards, that holds ``cassettes/``, ``evals/`` or ``prompts/`` (else the current
folder), like a project config.
"""

from __future__ import annotations

from pathlib import Path

MARKERS = ("cassettes", "evals", "prompts")


def project_root(start: Path | None = None) -> Path:
    """The project folder for ``start`` (default: the current folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).is_dir() for marker in MARKERS):
            return folder
    return here


def cassettes_dir() -> Path:
    return project_root() / "cassettes"


def gold_dir() -> Path:
    return project_root() / "evals" / "gold"


def agreement_dir() -> Path:
    return project_root() / "evals" / "agreement"


def baseline_path() -> Path:
    return project_root() / "evals" / "baseline.json"


def seeds_dir() -> Path:
    return project_root() / "seeds"


def local_prompts_dir() -> Path:
    """Project-local prompt versions; they override or add to the bundled ones."""
    return project_root() / "prompts"
