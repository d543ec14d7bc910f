"""Find evidence spans verbatim in an article and turn them into character offsets.

Only three things are normalised before comparing, because they differ between
what a model types and what a web page stores without changing a single word:
runs of whitespace, the style of quote marks, and the kind of dash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
    }
)
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Fold whitespace runs to one space, curly quotes to straight, dashes to '-'."""
    return _SPACE.sub(" ", _DASHES.sub("-", text.translate(_QUOTES))).strip()


def _normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise like ``normalize_text`` and keep, per output char, its source index."""
    folded = _DASHES.sub("-", text.translate(_QUOTES))
    chars: list[str] = []
    index: list[int] = []
    in_space = False
    for position, char in enumerate(folded):
        if char.isspace():
            if not in_space and chars:
                chars.append(" ")
                index.append(position)
            in_space = True
            continue
        in_space = False
        chars.append(char)
        index.append(position)
    return "".join(chars), index


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class ArticleText:
    """An article's original text, the regions that are its body, and a search index."""

    def __init__(self, text: str, body: list[Span] | None = None) -> None:
        self.text = text
        self.body = body if body is not None else [Span(0, len(text))]
        self._normalized, self._index = _normalize_with_map(text)

    def find_all(self, needle: str) -> list[Span]:
        """Every place ``needle`` occurs (after normalisation), as original offsets."""
        target = normalize_text(needle)
        if not target:
            return []
        spans = []
        start = self._normalized.find(target)
        while start != -1:
            last = start + len(target) - 1
            spans.append(Span(self._index[start], self._index[last] + 1))
            start = self._normalized.find(target, start + 1)
        return spans

    def in_body(self, span: Span) -> bool:
        """True when ``span`` lies in body lines with only whitespace between them."""
        first = next((i for i, p in enumerate(self.body) if p.start <= span.start < p.end), None)
        last = next((i for i, p in enumerate(self.body) if p.start < span.end <= p.end), None)
        if first is None or last is None or last < first:
            return False
        gaps = (self.text[self.body[i].end : self.body[i + 1].start] for i in range(first, last))
        return all(not gap.strip() for gap in gaps)

    def locate(self, needle: str) -> tuple[Span | None, str | None]:
        """Return the first occurrence inside the body, or None and the reason why not."""
        if not normalize_text(needle):
            return None, "evidence is empty"
        spans = self.find_all(needle)
        if not spans:
            return None, "not found verbatim in the article"
        for span in spans:
            if self.in_body(span):
                return span, None
        return None, "found only in page furniture (comments, appeals, sidebars), not the article"


class GroundingError(ValueError):
    """Raised inside a validator so instructor re-asks the model with this message."""


class Groundable(Protocol):
    evidence_text: str

    def extra_problem(self) -> str | None: ...


class GroundingContext:
    """Validation context that checks evidence, or (lenient) only records problems."""

    def __init__(self, article: ArticleText, *, strict: bool = True) -> None:
        self.article = article
        self.strict = strict

    def problem(self, item: Groundable) -> tuple[Span | None, str | None]:
        """Where the item's evidence is, and what is wrong with it (None if fine)."""
        span, problem = self.article.locate(item.evidence_text)
        if problem is None:
            problem = item.extra_problem()
        return span, problem

    def check(self, item: Groundable) -> None:
        """Raise a re-ask message when strict and the item is not grounded."""
        span, problem = self.problem(item)
        if problem is None or not self.strict:
            return
        name = type(item).__name__.lower()
        advice = (
            "Use evidence that contains it, or drop the item."
            if span is not None
            else "Copy the words exactly as they appear in the ARTICLE "
            "(a sentence or part of one), or drop the item."
        )
        raise GroundingError(f"{name} evidence {item.evidence_text[:160]!r}: {problem}. {advice}")
