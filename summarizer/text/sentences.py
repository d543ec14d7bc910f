"""Sentences of an article: every splitter in one place.

``sentence_spans`` (v4, v5, the comparison) and ``split_sentences`` (the text v1-v3 show
the model) are kept as released; v6 splits with syntok (``syntok_sentences``).

A sentence ends at ``.``, ``!`` or ``?`` (plus any closing quote or bracket) before
whitespace, or at a line break, so a headline or a caption line is a sentence of
its own. Offsets are into the original text, so spans from grounding compare
directly.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from summarizer.text.grounding import Span

SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s|\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d\u2019']?\s+(?=[\"\u201c\u2018A-Z0-9])")


def sentence_spans(text: str) -> list[Span]:
    """Every non-blank sentence of ``text``, in order, trimmed of surrounding space."""
    spans = []
    begin = 0
    for boundary in [*SENTENCE_END.finditer(text), None]:
        end = boundary.end() if boundary else len(text)
        piece = text[begin:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append(Span(begin + lead, begin + len(piece.rstrip())))
        begin = end
    return spans


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or headline line) of ``text`` that holds ``text[start:end]``."""
    begin = 0
    for boundary in SENTENCE_END.finditer(text, 0, start):
        begin = boundary.end()
    after = SENTENCE_END.search(text, max(start, end - 1))  # the span's own full stop
    return text[begin : after.end() if after else len(text)].strip()


class SentenceIndex:
    """Widen a span to the whole sentences it touches, by binary search."""

    def __init__(self, text: str) -> None:
        self.spans = sentence_spans(text)
        self._starts = [span.start for span in self.spans]

    def cover(self, span: Span) -> Span:
        """From the start of the sentence holding ``span.start`` to the end of the one
        holding its last character (the span itself when it falls between sentences)."""
        if not self.spans:
            return span
        first = self.spans[max(bisect.bisect_right(self._starts, span.start) - 1, 0)]
        last_char = max(span.end - 1, span.start)
        last = self.spans[max(bisect.bisect_right(self._starts, last_char) - 1, 0)]
        return Span(min(first.start, span.start), max(last.end, span.end))

    def number(self, offset: int) -> int:
        """1-based number of the sentence that starts at or before ``offset``."""
        return max(bisect.bisect_right(self._starts, offset), 1)


@functools.lru_cache(maxsize=32)
def sentence_index(text: str) -> SentenceIndex:
    """The sentence index of ``text``, built once: every finder of an article shares it."""
    return SentenceIndex(text)


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def any_overlap(first: Sequence[Span], second: Sequence[Span]) -> bool:
    return any(overlaps(a, b) for a in first for b in second)


def split_sentences(body: str) -> list[str]:
    """Sentences of the article body, in order, without duplicates.

    Straight double quotes become curly ones: llama-cpp-python's JSON-schema-to-GBNF
    converter emits a grammar it cannot parse for some enum strings containing them
    (and then crashes). Grounding folds quote styles, so offsets are unaffected.
    """
    sentences: list[str] = []
    for line in body.splitlines():
        for piece in _SENTENCE_END.split(line.strip()):
            piece = piece.strip().replace('"', "\u201d")
            if len(piece) >= 12 and piece not in sentences:
                sentences.append(piece)
    return sentences


def numbered_sentences(body: str) -> str:
    """The body as "[1] sentence" lines, for prompts that cite sentences by number."""
    return "\n".join(f"[{n}] {s}" for n, s in enumerate(split_sentences(body), start=1))
