"""Read a saved web page: its main text by trafilatura, its metadata from its own head.

A news page holds a cookie banner, navigation, share bar, captions, a newsletter box,
"most popular" lists, comments and a footer around the article. trafilatura (pinned
in pyproject) finds the article's main text and reads the page's metadata (og:, meta
and JSON-LD: site name, author, date, canonical URL). The page's title is kept as
the text's first line, so the headline stays grounded in the text the offsets refer
to. When trafilatura finds no main text, the plain reader (every visible block)
reads the page instead, and the record says so.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import trafilatura

logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its warnings are not ours to show

FETCHED_MARK = "<!-- summarize: fetched from {url} on {when} -->"
"""The first line of a page ``summarize URL`` saved: where and when it was fetched."""
_FETCHED = re.compile(r"^<!-- summarize: fetched from (?P<url>\S+) on \S+ -->")
TRAFILATURA = "trafilatura"
PLAIN_READER = "plain HTML reader"


@dataclass(frozen=True)
class WebPage:
    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    """What the page's head says: outlet, byline, published, url (only those it states)."""
    reader: str = TRAFILATURA
    note: str | None = None
    """Why the plain reader read the page, when it did."""


class _TextExtractor(HTMLParser):
    """Collect visible text from HTML, one line per block element."""

    _BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "li", "article", "section", "tr",
               "button", "td", "th", "figcaption", "header", "footer", "nav"}  # fmt: skip
    _SKIP = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """Every visible block of an HTML page, one line each (blocks never glue together)."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _head_metadata(document: Any) -> dict[str, str]:
    """Site name, author, date and canonical URL of a trafilatura Document."""
    values = {
        "outlet": document.sitename,
        "byline": document.author,
        "published": document.date,
        "url": document.url,
    }
    return {
        key: str(value).strip() for key, value in values.items() if value and str(value).strip()
    }


def fetched_from(html: str) -> str | None:
    """The URL a saved page was fetched from (its first line says), or None."""
    match = _FETCHED.match(html)
    return match["url"] if match else None


def read_web_page(html: str, url: str | None = None) -> WebPage:
    """The page's main text (title first) and what its head says about it (and where a
    page ``summarize URL`` saved was fetched from, when its head names no URL)."""
    url = url or fetched_from(html)
    document: Any = None
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False,
        )  # fmt: skip
    except Exception as error:  # noqa: BLE001 - a parser crash on a bad page is a fallback
        problem = f"trafilatura failed ({error.__class__.__name__})"
    else:
        problem = "trafilatura found no main text"
    paragraphs = _paragraphs(document.text) if document is not None and document.text else []
    if not paragraphs:
        return WebPage(
            plain_text(html), {}, PLAIN_READER, f"{problem}; read with the {PLAIN_READER}"
        )
    title = " ".join((document.title or "").split())
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    metadata = _head_metadata(document)
    if url:
        metadata.setdefault("url", url)
    return WebPage("\n".join(paragraphs), metadata)
