"""Read input files into articles, refusing bad ones with a one-line reason."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import InputError
from summarizer.text.furniture import body_text, find_body
from summarizer.text.grounding import ArticleText, Span
from summarizer.text.web_page import PLAIN_READER, read_web_page

if TYPE_CHECKING:
    from summarizer.schemas import ArticleRecord

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass
class Article:
    """One input article: its original text, body regions and identity."""

    path: Path
    text: str
    body: list[Span] = field(default_factory=list)
    page_metadata: dict[str, str] = field(default_factory=dict)
    """What a web page's head says about it (outlet, byline, published, url)."""
    reader_note: str | None = None
    """How a web page was read, when not by trafilatura."""

    @property
    def article_id(self) -> str:
        return self.path.stem

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def body_text(self) -> str:
        return body_text(self.text, self.body)

    _search: tuple[tuple[str, tuple[Span, ...]], ArticleText] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def searchable(self) -> ArticleText:
        """The article as evidence is searched in, built once per article (it normalises
        the whole text); built again only if the text or body changed."""
        key = (self.text, tuple(self.body))
        if self._search is None or self._search[0] != key:
            self._search = (key, ArticleText(self.text, self.body))
        return self._search[1]


def html_to_text(html: str) -> str:
    """The main text of an HTML page (see ``web_page``); offsets then refer to it."""
    return read_web_page(html).text


def read_article(path: Path) -> Article:
    """Load one file as an article.

    Raises:
        InputError: missing, unreadable, empty, binary, not UTF-8, or no body text.
    """
    shown = str(path)
    if not path.exists():
        raise InputError(shown, "no such file or directory")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(shown, f"cannot read file ({exc.strerror})") from exc
    if not raw.strip():
        raise InputError(shown, "file is empty")
    if b"\x00" in raw[:8192]:
        raise InputError(shown, "binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            shown, f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from exc
    page_metadata: dict[str, str] = {}
    note = None
    if path.suffix.lower() in (".html", ".htm"):
        page = read_web_page(text)
        text, page_metadata = page.text, page.metadata
        note = page.note if page.reader == PLAIN_READER else None
    article = Article(path=path, text=text, body=find_body(text), page_metadata=page_metadata,
                      reader_note=note)  # fmt: skip
    if not article.body:
        raise InputError(shown, "no article text left after removing page furniture")
    return article


def collect_paths(inputs: Iterable[Path]) -> tuple[list[Path], list[InputError]]:
    """Expand folders into their supported files; report paths that do not exist."""
    files: list[Path] = []
    errors: list[InputError] = []
    for item in inputs:
        if item.is_dir():
            try:
                entries = sorted(
                    p for p in item.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES
                )
            except OSError as exc:
                errors.append(InputError(str(item), f"folder cannot be read ({exc.strerror})"))
                continue
            found = [p for p in entries if p.is_file()]
            for entry in entries:
                if entry.is_symlink() and not entry.exists():
                    errors.append(InputError(str(entry), "broken link: its target does not exist"))
                elif not entry.is_file() and not entry.is_dir():
                    errors.append(InputError(str(entry), "not a regular file"))
            if not entries:
                errors.append(InputError(str(item), "folder holds no .txt, .md or .html files"))
            files.extend(found)
        elif item.exists():
            files.append(item)
        else:
            errors.append(InputError(str(item), "no such file or directory"))
    return files, errors


def reread_articles(
    records: Sequence[ArticleRecord],
) -> dict[str, tuple[Article | None, str | None]]:
    """Each record's article, re-read from its source path when unchanged, else a note
    saying why not (gone, unreadable, or changed since the run)."""
    found: dict[str, tuple[Article | None, str | None]] = {}
    for record in records:
        try:
            article = read_article(Path(record.source_path))
        except InputError as error:
            found[record.article_id] = (None, f"article text not available: {error}")
            continue
        if article.sha256 != record.source_sha256:
            found[record.article_id] = (None, f"{record.source_path} changed since the run")
        else:
            found[record.article_id] = (article, None)
    return found
