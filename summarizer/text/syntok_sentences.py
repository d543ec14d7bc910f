"""Sentences by syntok, line by line, as character spans into the original text.

syntok keeps abbreviations inside their sentence ("Gen. Piet Varga", "U.S.",
"Mr. Hale", "4 p.m.", "Northport, Va.") where the released versions' regex cut them.
A line is never joined to the next, so a headline or a caption stays a sentence of its
own, as in ``summarizer.text.sentences``.
"""

from __future__ import annotations

import re

import syntok.segmenter as segmenter

from summarizer.finders.lexicon import words
from summarizer.text.grounding import Span
from summarizer.text.sentences import SentenceIndex

_LINE = re.compile(r"[^\n]+")


def syntok_spans(text: str) -> list[Span]:
    """Every non-blank sentence of ``text``, in order, trimmed of surrounding space."""
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        for paragraph in segmenter.analyze(line.group()):
            for sentence in paragraph:
                tokens = [t for t in sentence if t.value]
                if not tokens:
                    continue
                start = line.start() + tokens[0].offset
                end = line.start() + tokens[-1].offset + len(tokens[-1].value)
                spans.append(Span(start, end))
    return _merge_stray_closers(text, _merge_after_honorifics(text, spans))


def _merge_after_honorifics(text: str, spans: list[Span]) -> list[Span]:
    """syntok ends a sentence at an honorific it does not know ('... don't," Rep. | Mike
    Doyle said'): such a sentence continues in the next one of its line."""
    honorifics = words("names", "honorifics")
    merged: list[Span] = []
    for span in spans:
        if merged:
            last = text[merged[-1].start : merged[-1].end].split()
            if last and last[-1] in honorifics and "\n" not in text[merged[-1].end : span.start]:
                merged[-1] = Span(merged[-1].start, span.end)
                continue
        merged.append(span)
    return merged


def _merge_stray_closers(text: str, spans: list[Span]) -> list[Span]:
    """A lone closing quote or bracket that syntok left as a sentence belongs to the one
    before it."""
    merged: list[Span] = []
    for span in spans:
        piece = text[span.start : span.end]
        if (
            merged
            and not any(c.isalnum() for c in piece)
            and "\n" not in text[merged[-1].end : span.start]
        ):
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged


class SyntokIndex(SentenceIndex):
    """``SentenceIndex`` over syntok's sentences."""

    def __init__(self, text: str) -> None:
        self.spans = syntok_spans(text)
        self._starts = [span.start for span in self.spans]
