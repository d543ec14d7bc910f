"""Quotations in a paragraph, as spans, and a sentence's words outside them.

What is inside quotation marks is someone else's voice; what is outside is the outlet's.
"""

from __future__ import annotations

from summarizer.text.grounding import Span

OPEN = "\u201c"
CLOSE = "\u201d"


def quote_spans(text: str, region: Span) -> list[Span]:
    """Quotations in a paragraph: curly pairs, straight pairs; a quotation left open at
    the end of the paragraph runs to its end (news style continues it in the next)."""
    spans: list[Span] = []
    opened: int | None = None
    for position in range(region.start, region.end):
        char = text[position]
        straight = char == '"'
        opens = char == OPEN or (
            straight
            and opened is None
            and (position == region.start or text[position - 1] in " ([\u2014-\n")
        )
        if opens and opened is None:
            opened = position
        elif (char == CLOSE or straight) and opened is not None:
            spans.append(Span(opened, position + 1))
            opened = None
    if opened is not None:
        spans.append(Span(opened, region.end))
    return spans


def outside_quotes(text: str, span: Span, quotes: list[Span]) -> str:
    """``text[span]`` with the words inside ``quotes`` blanked to '_' (same length, so
    offsets still hold): what the outlet says in its own voice."""
    chars = list(text[span.start : span.end])
    for quote in quotes:
        for position in range(max(quote.start, span.start), min(quote.end, span.end)):
            if chars[position - span.start].strip():
                chars[position - span.start] = "_"
    return "".join(chars)
