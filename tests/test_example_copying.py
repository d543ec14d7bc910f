"""No copied examples: an output field must not collapse onto a prompt example's value.

v2's worked example (one article's three sentences) was copied into every item: all
70 events `attributed`, all 92 claims `factual assertion`. This finds the JSON
examples in a version's templates and fails when, in that version's recorded run,
an enum field takes the example's value for 90% or more of its items while gold
spreads over several values. v2 and v3 are kept as released and must be caught;
the default version must not be.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from summarizer.layouts.prompts import DEFAULT_PROMPT, load_prompt

ROOT = Path(__file__).resolve().parent.parent
ENUM_FIELDS = {
    "events": ("status", "event_type"),
    "claims": ("kind", "claimant_type"),
    "actor_labels": ("connotation", "voice"),
}
EXAMPLE_FIELDS = {"status", "event_type", "kind", "claimant_type", "connotation", "voice"}
COPIED_SHARE = 0.9


def _walk(value: Any) -> list[tuple[str, str]]:
    """(field, value) pairs of every enum field anywhere in a JSON example."""
    if isinstance(value, dict):
        pairs = [(k, v) for k, v in value.items() if k in EXAMPLE_FIELDS and isinstance(v, str)]
        return pairs + [p for v in value.values() for p in _walk(v)]
    if isinstance(value, list):
        return [p for v in value for p in _walk(v)]
    return []


def example_values(version: str) -> dict[str, set[str]]:
    """The enum values the version's templates show in JSON examples."""
    found: dict[str, set[str]] = {}
    for template in load_prompt(version).folder.glob("*.j2"):
        for line in template.read_text(encoding="utf-8").splitlines():
            if not line.startswith("{"):
                continue
            try:
                example = json.loads(line)
            except ValueError:
                continue
            for field, value in _walk(example):
                found.setdefault(field, set()).add(value)
    return found


def copied_fields(version: str) -> list[str]:
    """Fields of the recorded run whose values are, ≥90%, one the example shows."""
    shown = example_values(version)
    records = [json.loads(p.read_text()) for p in (ROOT / "examples" / version).glob("0*.json")]
    copied = []
    for component, names in ENUM_FIELDS.items():
        for name in names:
            values = Counter(item[name] for r in records for item in r[component] if name in item)
            if not values or name not in shown:
                continue
            top, count = values.most_common(1)[0]
            if top in shown[name] and count / sum(values.values()) >= COPIED_SHARE:
                copied.append(f"{component}.{name} = {top!r}")
    return copied


def test_the_check_catches_v2_copying_its_worked_example() -> None:
    assert "events.status = 'attributed'" in copied_fields("v2")
    assert "claims.kind = 'factual assertion'" in copied_fields("v2")


def test_the_default_version_copies_no_example() -> None:
    assert copied_fields(DEFAULT_PROMPT) == []
