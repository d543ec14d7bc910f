"""Fetch a web page given as a URL and save it beside the records.

The saved page is what the records' offsets refer to, so a rerun and ``summarize
report`` read the same bytes (a saved page is read again, not fetched again). Bounded:
a timeout, a size limit and at most a few redirects; a 4xx/5xx answer, a page that
is not HTML, or a network failure is one line naming the URL.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import httpx

from summarizer.errors import InputError, UsageError
from summarizer.output import write_text_atomic
from summarizer.text.web_page import FETCHED_MARK

TIMEOUT_SECONDS = 20.0
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PAGES_FOLDER = "pages"


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def page_name(url: str) -> str:
    """A file stem for a URL: its last path words and a short hash (two URLs never share
    a file; the same URL always gets the same one)."""
    parsed = urlparse(url)
    words = re.sub(r"[^a-z0-9]+", "-", (parsed.netloc + " " + parsed.path).lower()).strip("-")
    words = "-".join(words.split("-")[-8:])[:60].strip("-") or "page"
    return f"{words}_{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def fetch_page(url: str, folder: Path, transport: httpx.BaseTransport | None = None) -> Path:
    """``folder/pages/<name>.html`` holding the page at ``url``, fetched now or before.

    Raises:
        InputError: the page cannot be fetched, is not HTML, or is too large.
    """
    target = folder / PAGES_FOLDER / f"{page_name(url)}.html"
    if target.is_file():
        return target
    body, charset = _download(url, transport)
    text = body.decode(charset or "utf-8", errors="replace")
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, f"{FETCHED_MARK.format(url=url, when=stamp)}\n{text}")
    return target


def _download(url: str, transport: httpx.BaseTransport | None) -> tuple[bytes, str | None]:
    headers = {"User-Agent": "summarizer (news analysis; one page per request)"}
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=TIMEOUT_SECONDS,
                headers=headers,
                transport=transport,
            ) as client,  # fmt: skip
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(
                    url, f"HTTP {response.status_code} {response.reason_phrase}".strip()
                )
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind not in HTML_TYPES:
                raise InputError(url, f"not a web page (content type {kind or 'not given'})")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_BYTES:
                raise InputError(url, f"page larger than {MAX_BYTES // 1_000_000} MB")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise InputError(url, f"page larger than {MAX_BYTES // 1_000_000} MB")
                chunks.append(chunk)
            return b"".join(chunks), response.charset_encoding
    except httpx.TooManyRedirects:
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise InputError(url, f"no answer within {TIMEOUT_SECONDS:.0f} s") from None
    except httpx.InvalidURL as error:
        raise InputError(url, f"not a valid URL ({error})") from None
    except httpx.HTTPError as error:
        raise InputError(url, f"cannot be fetched ({error.__class__.__name__}: {error})") from None


def read_url_list(path: Path) -> list[str]:
    """The URLs of a ``--urls`` file: one per line; blank lines and # comments skipped.

    Raises:
        UsageError: the file cannot be read, or a line is not an http(s) URL.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read the URL list ({error.__class__.__name__})") from None
    urls = []
    for number, line in enumerate(lines, 1):
        text = re.sub(r"\s+#.*$", "", line).strip()  # a URL's own #fragment stays
        if not text or text.startswith("#"):
            continue
        if not is_url(text):
            raise UsageError(f"{path}:{number}: not an http(s) URL: {text[:80]!r}")
        urls.append(text)
    return urls
