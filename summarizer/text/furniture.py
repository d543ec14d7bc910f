"""Separate an article's body from page furniture (comments, appeals, sidebars).

Web captures of news pages carry text that is not the article: comment sections,
donation appeals, login notices, "latest stories" sidebars. The model is shown
only the body, and grounding refuses evidence found outside it. The rules work on
lines and are deliberately plain so a reader can audit them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.finders.lexicon import listed
from summarizer.text.grounding import Span

if TYPE_CHECKING:
    from summarizer.text.articles import Article
    from summarizer.text.sentences import SentenceIndex

_FLAGS = re.IGNORECASE

TAIL_MARKERS = [re.compile(p, _FLAGS) for p in listed("pages", "furniture.tail_markers")]
"""A line that matches ends the body: everything from it onwards is furniture."""

BLOCKS = [
    (re.compile(start, _FLAGS), re.compile(end, _FLAGS))
    for start, end in listed("pages", "furniture.blocks")
]
"""(start, end) line pairs enclosing furniture, such as a donation appeal."""

LINE_PATTERNS = [re.compile(p, _FLAGS) for p in listed("pages", "furniture.line_patterns")]
"""Single lines of furniture inside the body (captions, widgets, appeals), and lines
addressed to an AI reading the page ('ignore all previous instructions'): a prompt
injection is not the article, so the model never sees it."""


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
"""A leading YAML front matter block: metadata the user supplied, not article text."""


GLUED_DATE = re.compile(
    r"^(?:date|published|updated|posted|last updated)\s*:?\s*"
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s+",
    re.IGNORECASE,
)
"""A capture's date token run into the line after it: page furniture, not article text."""


@dataclass(frozen=True)
class Line:
    span: Span
    text: str


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their offsets in ``text`` (trailing spaces excluded)."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        content = match.group().strip()
        if not content:
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        lines.append(Line(Span(start, start + len(content)), content))
    return lines


def find_body(text: str) -> list[Span]:
    """Return the spans of ``text`` that belong to the article body, in order."""
    body: list[Span] = []
    block_end: re.Pattern[str] | None = None
    front = FRONT_MATTER.match(text)
    for line in split_lines(text):
        if front and line.span.start < front.end():
            continue
        if block_end is not None:
            if block_end.search(line.text):
                block_end = None
            continue
        if any(marker.search(line.text) for marker in TAIL_MARKERS):
            break
        started = next((end for start, end in BLOCKS if start.search(line.text)), None)
        if started is not None:
            block_end = started
            continue
        if any(pattern.search(line.text) for pattern in LINE_PATTERNS):
            continue
        glued = GLUED_DATE.match(line.text)
        if glued and glued.end() < len(line.text):  # 'date 2025-10-26 Army chief says...'
            body.append(Span(line.span.start + glued.end(), line.span.end))
            continue
        body.append(line.span)
    return body


def body_text(text: str, body: list[Span]) -> str:
    """The body lines joined by newlines: what the model is shown."""
    return "\n".join(text[span.start : span.end] for span in body)


_HEADER_PREFIX = re.compile(r"(?:[^|\n]{0,60}\|){1,4}\s*(?:[a-z]+(?=[A-Z\"\u201c]))?")
"""A page header glued before the first words: 'World | 6 December 2024 | views'."""


def without_glued_header(text: str, span: Span) -> Span:
    match = _HEADER_PREFIX.match(text, span.start, span.end)
    if match and match.end() < span.end and "|" in match.group():
        return Span(match.end(), span.end)
    return span


def body_sentences(article: Article, index: SentenceIndex) -> tuple[list[Span], list[Span]]:
    """The body's sentences, each without a page header glued before its first words,
    and those headers."""
    body = article.searchable()
    original = [s for s in index.spans if body.in_body(s)]
    sentences = [without_glued_header(article.text, s) for s in original]
    headers = [Span(o.start, c.start) for o, c in zip(original, sentences, strict=True)
               if c.start > o.start]  # fmt: skip
    return sentences, headers
