"""Metadata the user supplies beside an article's text: front matter and ``--meta FILE``.

Read by code only, never asked of the model; ``text.metadata`` ranks them above what
it reads from the page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

import yaml

from summarizer.errors import InputError, UsageError
from summarizer.text.furniture import FRONT_MATTER


def read_front_matter(path: Path, text: str) -> dict[str, str]:
    """The front matter's keys (outlet, url, published/date, byline, headline, language).

    Raises:
        InputError: the block is not a YAML mapping.
    """
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match["body"]) or {}
    except yaml.YAMLError as exc:
        problem = f"front matter is not valid YAML ({exc.__class__.__name__})"
        raise InputError(str(path), problem) from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "front matter is not a mapping of keys to values")
    return _meta_values(data)


def _meta_values(data: Mapping[str, object]) -> dict[str, str]:
    values = {str(k).lower(): str(v) for k, v in data.items() if v is not None}
    if "date" in values and "published" not in values:
        values["published"] = values.pop("date")
    return values


def load_meta_file(path: Path) -> dict[str, dict[str, str]]:
    """``--meta FILE``: per article file (name or stem), the values the page lacks.

    CSV with a ``file`` column, or YAML mapping file -> {outlet, url, date, ...}.

    Raises:
        UsageError: the file cannot be read or has the wrong shape (one line).
    """
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".csv":
            rows = list(csv.DictReader(io.StringIO(text)))
            if rows and "file" not in rows[0]:
                raise UsageError(f"{path}: a CSV meta file needs a 'file' column")
            entries = {row.pop("file"): dict(row) for row in rows}
        else:
            loaded = yaml.safe_load(text) or {}
            if not isinstance(loaded, dict) or not all(
                isinstance(v, dict) for v in loaded.values()
            ):
                raise UsageError(f"{path}: a YAML meta file maps each article file to its values")
            entries = loaded
    except (OSError, UnicodeDecodeError, yaml.YAMLError, csv.Error) as exc:
        raise UsageError(f"{path}: cannot read meta file ({exc.__class__.__name__})") from exc
    return {
        str(name): _meta_values({k: v for k, v in values.items() if v})
        for name, values in entries.items()
    }


def supplied_for(
    path: Path,
    text: str,
    meta: Mapping[str, Mapping[str, str]] | None,
    page: Mapping[str, str] | None = None,
) -> dict[str, Mapping[str, str]]:
    """What is known of one article beside its text, weakest first: a web page's head
    (``page``), then the user's front matter, then the meta file (wins)."""
    supplied: dict[str, Mapping[str, str]] = {}
    if page:
        supplied["html metadata"] = page
    front = read_front_matter(path, text)
    if front:
        supplied["front matter"] = front
    entry = (meta or {}).get(path.name) or (meta or {}).get(path.stem)
    if entry:
        supplied["meta file"] = entry
    return supplied
