"""Check the model's summary against the article: its numbers and names must be there.

The summary is the one long free text a candidate layout lets the model write. A
sentence that carries a number or a name the article does not contain (a wrong
casualty count, a city the article never mentions) is flagged, and the report
shows it as such. This is a floor, not a proof: a sentence can reuse the article's
names and numbers and still misstate how they relate.
"""

from __future__ import annotations

import re

from summarizer.finders.lexicon import words
from summarizer.text.sentences import sentence_spans

_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_NAME = re.compile(r"\b[A-Z][\w\u2019'-]+")
_COMMON = words("names", "summary_check.not_names")


def _normal_number(text: str) -> str:
    return text.replace(",", "").rstrip(".")


def unsupported_sentences(summary: str, article_text: str) -> list[str]:
    """Summary sentences with a number or a name the article does not contain."""
    lowered = article_text.lower().replace("\u2019", "'")
    numbers = {_normal_number(n) for n in _NUMBER.findall(article_text)}
    flagged = []
    for span in sentence_spans(summary):
        sentence = summary[span.start : span.end].strip()
        missing_number = any(_normal_number(n) not in numbers for n in _NUMBER.findall(sentence))
        names = [n for n in _NAME.findall(sentence) if n not in _COMMON]
        missing_name = any(n.lower().replace("\u2019", "'") not in lowered for n in names)
        if sentence and (missing_number or missing_name):
            flagged.append(sentence)
    return flagged
