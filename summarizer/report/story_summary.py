"""A few plain sentences above the tables: what all outlets agree on, where they differ.

Composed by code from the happening rows and the judged claim pairs (no model
wording), so each sentence can link to the rows and claims it is made of.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarizer.report.claim_pairs import ClaimPair
from summarizer.report.happenings import Happening

SHOWN = 4
"""Rows named in one sentence before '…and N more'."""


@dataclass(frozen=True)
class SummarySentence:
    text: str
    rows: list[Happening] = field(default_factory=list)
    claims: list[Any] = field(default_factory=list)
    """ClaimAbout items the sentence rests on."""


def _names(rows: list[Happening]) -> str:
    titles = [r.title for r in rows[:SHOWN]]
    more = f" and {len(rows) - SHOWN} more" if len(rows) > SHOWN else ""
    return "; ".join(titles) + more


def _voice_differs(row: Happening) -> str | None:
    """'A and B tell it in their own voice; C attributes it (to X)', when they differ."""
    by_status: dict[str, list[str]] = {}
    for outlet, cell in row.by_outlet.items():
        by_status.setdefault(cell.status, []).append(outlet)
    if len(by_status) < 2:
        return None
    parts = []
    for status, outlets in by_status.items():
        who = ", ".join(outlets)
        parts.append(f"{who}: {'own voice' if status == 'asserted' else status}")
    return f"{row.title}: " + "; ".join(parts) + "."


def story_summary(
    outlets: list[str], rows: list[Happening], pairs: list[ClaimPair]
) -> list[SummarySentence]:
    if len(outlets) < 2:
        return []
    every = [r for r in rows if len(r.by_outlet) == len(outlets)]
    some = [r for r in rows if 1 < len(r.by_outlet) < len(outlets)]
    single = [r for r in rows if len(r.by_outlet) == 1]
    sentences = []
    if every:
        sentences.append(SummarySentence(
            f"All {len(outlets)} outlets report: {_names(every)}.", every))  # fmt: skip
    else:
        sentences.append(
            SummarySentence(f"No happening is reported by all {len(outlets)} outlets.")
        )
    if some:
        counted = "; ".join(
            f"{r.title} ({len(r.by_outlet)} of {len(outlets)})" for r in some[:SHOWN]
        )
        more = f" and {len(some) - SHOWN} more" if len(some) > SHOWN else ""
        sentences.append(SummarySentence(f"Some outlets report: {counted}{more}.", some))
    if single:
        sentences.append(SummarySentence(
            f"{len(single)} happenings are reported by one outlet only (see each outlet's slant).",
            single))  # fmt: skip
    for row in every + some:
        differs = _voice_differs(row)
        if differs:
            sentences.append(
                SummarySentence(f"They tell it in different voices — {differs}", [row])
            )
            break
    contradictions = [p for p in pairs if p.relation == "contradicts"]
    for pair in contradictions[:2]:
        a, b = pair.first, pair.second
        sentences.append(SummarySentence(
            f"{pair.topic} — {a.claim.claimant} ({a.outlet}) {'denies' if a.denies else 'asserts'} "
            f"what {b.claim.claimant} ({b.outlet}) {'denies' if b.denies else 'asserts'}.",
            claims=[a, b]))  # fmt: skip
    if len(contradictions) > 2:
        sentences.append(SummarySentence(f"{len(contradictions) - 2} more contradictions below."))
    return sentences
