"""An article's metadata read from the page itself, with offsets, or left null.

A small model invents outlets ("Reuters" for an unnamed outlet) and misreads dates
(08-12-2024 as 12 August). What a page states about itself sits in a few header
lines in a few house styles, so code reads it: the headline verbatim, the dateline
parsed explicitly, the outlet only where the page names it, a byline, and the
language by a detector. A value the page does not state stays null; the user can
supply it (front matter, ``--meta FILE``), and every value says where it came from.
Nothing here knows any story, outlet or place.
"""

from __future__ import annotations

import calendar
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from langdetect import DetectorFactory, LangDetectException, detect

from summarizer.finders.lexicon import words
from summarizer.schemas import ArticleMetadata, MetadataSource
from summarizer.text.articles import Article
from summarizer.text.furniture import split_lines
from summarizer.text.grounding import Span

HEADER_CHARS = 1000
"""A dateline is looked for in the page's first thousand characters."""
KICKER_MAX_WORDS = 4
HEADLINE_MAX_WORDS = 25
SECTION_NAMES = words("pages", "section_names")
"""Section labels that stand where an outlet name stands ("World | 6 Dec 2024")."""

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<year>(?:19|20)\d{2})\b"),
]
_COPYRIGHT = re.compile(
    r"(?i:copyright|©)\s*(?i:\(c\)\s*)?(?:19|20)\d{2}\s+(?P<name>[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,4})"
)
_BYLINE = re.compile(r"^(?i:by)\s+(?P<name>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,3})\b")
_NAME_LINE = re.compile(r"^[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}$")
_WEEKDAYS = [name.lower() for name in calendar.day_name]

DetectorFactory.seed = 0  # langdetect is random unless seeded


@dataclass(frozen=True)
class Found:
    value: str
    span: Span | None
    source: str = "page"
    note: str | None = None


APP_CHROME = words("pages", "app_chrome")
"""Lines of a site's or app's frame, pasted above an article: never its headline."""


def _chrome(text: str) -> bool:
    """A menu line, a byline or a line that is only a date: not a headline."""
    lowered = " ".join(text.lower().split())
    parts = [p.strip() for p in re.split(r"[|·•/]", lowered) if p.strip()]
    return (
        bool(parts)
        and all(p in APP_CHROME or p in SECTION_NAMES for p in parts)
        or bool(_BYLINE_START.match(text))
    )


_BYLINE_START = re.compile(r"^by\s+\S", re.IGNORECASE)


def _after_date(span: Span, text: str) -> tuple[Span, str] | None:
    """A line that opens with a date glued to the headline ('date 2025-10-26 Army chief
    vows...'): the words after the date, when they read as a headline."""
    dates = _find_dates(text)
    if not dates or dates[0][0].start > 20:
        return None
    rest = text[dates[0][0].end :]
    stripped = rest.lstrip(" :|-–—,")
    if len(stripped.split()) < 4 or _find_dates(stripped):
        return None
    start = span.start + len(text) - len(stripped)
    return Span(start, start + len(stripped.rstrip())), stripped.rstrip()


def _headline(article: Article) -> Found | None:
    """The first body line that is no dateline, menu line or byline (a date glued before
    the headline is cut off it); a short kicker line above a title-like line ("Civil war
    in Ruritania" over the headline) is skipped."""
    lines = []
    for s in article.body[:8]:
        text = article.text[s.start : s.end].strip()
        offset = article.text.index(text, s.start) if text else s.start
        span = Span(offset, offset + len(text))
        if not text or _chrome(text):
            continue
        if _find_dates(text):
            glued = _after_date(span, text)
            if glued is not None:
                lines.append(glued)
            continue
        lines.append((span, text))
        if len(lines) == 2:
            break
    if not lines:
        return None
    first_span, first = lines[0]
    note = None
    if len(lines) > 1 and len(first.split()) <= KICKER_MAX_WORDS and not first.endswith("."):
        second_span, second = lines[1]
        if len(second.split()) <= 16:
            first_span, first = second_span, second
            note = "the line above it reads as a section kicker"
    if len(first.split()) > HEADLINE_MAX_WORDS:
        return None
    return Found(first, first_span, note=note)


def _find_dates(text: str, offset: int = 0) -> list[tuple[Span, list[date]]]:
    """Every full date (day, month, year) in ``text``: each with its readings."""
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            readings = _readings(match)
            if readings:
                found.append((Span(offset + match.start(), offset + match.end()), readings))
    return sorted(found, key=lambda item: item[0].start)


def _readings(match: re.Match[str]) -> list[date]:
    year = int(match["year"])
    groups = match.groupdict()
    if groups.get("a") is not None:
        a, b = int(match["a"]), int(match["b"])
        pairs = [(a, b), (b, a)]  # (day, month): day first, then month first
    else:
        month = match["month"]
        number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
        pairs = [(int(match["day"]), number)]
    readings: list[date] = []
    for day, month_number in pairs:
        try:
            reading = date(year, month_number, day)
        except ValueError:
            continue
        if reading not in readings:
            readings.append(reading)
    return readings


def _choose(readings: list[date], text: str) -> tuple[date, str | None]:
    """One reading of an ambiguous numeric date, decided from the article's own words:
    the weekday it names ("on Sunday"), then the month it names; else day first."""
    if len(readings) == 1:
        return readings[0], None
    lowered = text.lower()
    for cue, key in (("weekday", lambda d: _WEEKDAYS[d.weekday()]),
                     ("month", lambda d: calendar.month_name[d.month].lower())):  # fmt: skip
        named = [d for d in readings if re.search(rf"\b{key(d)}\b", lowered)]
        if len(named) == 1:
            return named[0], f"day and month order decided by the {cue} the article names"
    return readings[0], "day and month order ambiguous; read day first"


def _dateline(article: Article) -> Found | None:
    header = article.text[:HEADER_CHARS]
    dates = _find_dates(header)
    if not dates:
        return None
    span, readings = dates[0]
    chosen, note = _choose(readings, article.text)
    return Found(chosen.isoformat(), span, note=note)


def _header_lines(article: Article, until: int) -> list[tuple[Span, str]]:
    return [(line.span, line.text) for line in split_lines(article.text[:until])]


def _outlet(article: Article, date_span: Span | None) -> Found | None:
    """Where the page names itself: "Outlet | date", a name line beside the dateline that
    recurs on the page, or a copyright line. Otherwise none."""
    limit = min(len(article.text), HEADER_CHARS)
    lines = _header_lines(article, limit)
    for span, text in lines:
        parts = [p.strip() for p in text.split("|")]
        if len(parts) >= 2 and _find_dates(parts[1]):
            name = parts[0]
            if name and name.lower() not in SECTION_NAMES and _NAME_LINE.match(name):
                start = article.text.index(name, span.start)
                return Found(name, Span(start, start + len(name)), note="beside the dateline")
    if date_span is not None:
        for span, text in _beside(lines, date_span):
            if _NAME_LINE.match(text) and text.lower() not in SECTION_NAMES:
                if _named_again(article.text, text, span):
                    note = "a name line beside the dateline, named again on the page"
                    return Found(text, span, note=note)
    for match in _COPYRIGHT.finditer(article.text):
        name = match["name"].rstrip(".")
        return Found(name, Span(match.start("name"), match.start("name") + len(name)),
                     note="the copyright holder")  # fmt: skip
    return None


def _named_again(text: str, name: str, span: Span) -> bool:
    """Whether ``name`` occurs again away from its own line and the lines next to it
    (a photo caption repeats itself in its credit line; an outlet names itself
    elsewhere, in a comment policy or a newsletter box)."""
    lines = split_lines(text)
    index = next(i for i, line in enumerate(lines) if line.span.start <= span.start < line.span.end)
    near = {i for i in (index - 1, index, index + 1) if 0 <= i < len(lines)}
    return any(
        i not in near and re.search(rf"\b{re.escape(name)}\b", line.text)
        for i, line in enumerate(lines)
    )


def _beside(lines: list[tuple[Span, str]], date_span: Span) -> list[tuple[Span, str]]:
    """The header lines right before and after the dateline's line."""
    index = next((i for i, (s, _) in enumerate(lines) if s.start <= date_span.start < s.end), None)
    if index is None:
        return []
    return [lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]


def _byline(article: Article, date_span: Span | None, outlet: Found | None) -> Found | None:
    lines = _header_lines(article, min(len(article.text), HEADER_CHARS))
    for span, text in lines:
        match = _BYLINE.match(text)
        if match:
            return Found(
                match["name"],
                Span(span.start + match.start("name"), span.start + match.end("name")),
            )
    if date_span is None:
        return None
    for span, text in _beside(lines, date_span):
        is_outlet = outlet is not None and outlet.value == text
        if not is_outlet and _NAME_LINE.match(text) and 2 <= len(text.split()) <= 4:
            if text.lower() not in SECTION_NAMES and not _find_dates(text):
                by = _BYLINE_START.match(text)
                if by:  # 'By Reuters': the name after 'By'
                    name = text[by.end() - 1 :].strip()
                    start = span.start + text.index(name)
                    return Found(name, Span(start, start + len(name)), note="a byline")
                return Found(text, span, note="a name line beside the dateline")
    return None


_DETECT_LOCK = threading.Lock()
"""langdetect seeds and draws from the process-wide ``random``: two threads detecting
at once get each other's draws and different answers."""


def _language(article: Article) -> Found | None:
    try:
        with _DETECT_LOCK:
            return Found(detect(article.body_text), None, source="detected")
    except LangDetectException:
        return None


def _from_user(values: Mapping[str, str], source: str) -> dict[str, Found]:
    """Values a user supplied; an outlet may come from a URL's domain."""
    found = {
        key: Found(str(value), None, source=source)
        for key, value in values.items()
        if key in ("outlet", "headline", "published", "byline", "language") and value
    }
    url = values.get("url")
    if "outlet" not in found and url:
        domain = urlparse(str(url)).netloc.removeprefix("www.")
        if domain:
            found["outlet"] = Found(domain, None, source="url", note=str(url))
    if "published" in found:
        found["published"] = Found(_normalise_date(found["published"].value), None, source=source)
    return found


def _normalise_date(value: str) -> str:
    dates = _find_dates(value)
    return dates[0][1][0].isoformat() if dates else value


def read_page_metadata(
    article: Article, supplied: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[ArticleMetadata, list[MetadataSource]]:
    """The article's metadata and where each value came from.

    ``supplied`` maps a source name ("front matter", "meta file") to values a user
    gave; they win over what the page shows, and fill what it does not state.
    """
    headline = _headline(article)
    dateline = _dateline(article)
    outlet = _outlet(article, dateline.span if dateline else None)
    found: dict[str, Found | None] = {
        "headline": headline,
        "published": dateline,
        "outlet": outlet,
        "byline": _byline(article, dateline.span if dateline else None, outlet),
        "language": _language(article),
    }
    for source, values in (supplied or {}).items():
        given = _from_user(values, source)
        named = found.get("outlet") is not None
        if (
            source == "html metadata"
            and named
            and given.get("outlet", Found("", None)).source == "url"
        ):
            del given["outlet"]  # a domain is weaker than the name the page prints
        found.update(given)
    metadata = ArticleMetadata(
        outlet=_value(found["outlet"]),
        headline=_value(found["headline"]) or "",
        published=_value(found["published"]),
        byline=_value(found["byline"]),
        language=_value(found["language"]) or "und",
    )
    sources = [
        MetadataSource(
            field=name,  # type: ignore[arg-type]
            source=item.source if item else "not stated",  # type: ignore[arg-type]
            start=item.span.start if item and item.span else None,
            end=item.span.end if item and item.span else None,
            note=_joined(
                item.note if item else None, article.reader_note if name == "headline" else None
            ),
        )
        for name, item in found.items()
    ]
    return metadata, sources


def _joined(*notes: str | None) -> str | None:
    """Notes on one value, in one line (how the page was read rides on the headline)."""
    return "; ".join(n for n in notes if n) or None


def _value(item: Found | None) -> str | None:
    return item.value if item else None
