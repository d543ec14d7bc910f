"""URLs as input, against a real HTTP server on loopback that the tests start."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli.commands import cli
from summarizer.errors import InputError, UsageError
from summarizer.text import fetch
from summarizer.text.articles import read_article
from summarizer.text.metadata import read_page_metadata
from summarizer.text.user_metadata import supplied_for

PAGE = (Path(__file__).resolve().parent / "pages" / "news_page.html").read_bytes()


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        routes = {
            "/article": (200, "text/html; charset=utf-8", PAGE),
            "/pdf": (200, "application/pdf", b"%PDF-1.4"),
            "/gone": (404, "text/html", b"<p>Not here</p>"),
            "/broken": (503, "text/html", b"<p>Try later</p>"),
        }
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(7):  # no Content-Length: the limit is enforced while reading
                self.wfile.write(b"<p>" + b"x" * 1_000_000 + b"</p>")
            return
        status, kind, body = routes.get(self.path, routes["/article"])
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_is_fetched_saved_and_read_without_clutter(site: str, tmp_path: Path) -> None:
    saved = fetch.fetch_page(f"{site}/article", tmp_path)
    assert saved.parent == tmp_path / "pages" and saved.suffix == ".html"
    article = read_article(saved)
    assert "Most popular" not in article.text and "cookie" not in article.text
    metadata, sources = read_page_metadata(
        article, supplied_for(saved, article.text, None, article.page_metadata)
    )
    assert metadata.headline.startswith("Syrian insurgents enter 2 central towns")
    assert (metadata.outlet, metadata.published) == ("The Independent", "2024-12-06")
    assert article.page_metadata["url"].startswith("https://www.independent.co.uk/")


def test_a_saved_page_is_read_again_not_fetched_again(site: str, tmp_path: Path) -> None:
    first = fetch.fetch_page(f"{site}/article", tmp_path)
    first.write_text(first.read_text(encoding="utf-8") + "<!-- kept -->", encoding="utf-8")
    assert (
        fetch.fetch_page(f"{site}/article", tmp_path)
        .read_text(encoding="utf-8")
        .endswith("kept -->")
    )


def test_a_redirect_is_followed(site: str, tmp_path: Path) -> None:
    assert "Rastan" in read_article(fetch.fetch_page(f"{site}/moved", tmp_path)).text


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/gone", "HTTP 404 Not Found"),
        ("/broken", "HTTP 503 Service Unavailable"),
        ("/pdf", "not a web page (content type application/pdf)"),
        ("/loop", "more than 5 redirects"),
        ("/huge", "page larger than 5 MB"),
    ],
)
def test_a_page_that_cannot_be_used_is_one_line(
    site: str, tmp_path: Path, path: str, problem: str
) -> None:
    with pytest.raises(InputError) as raised:
        fetch.fetch_page(f"{site}{path}", tmp_path)
    assert str(raised.value) == f"{site}{path}: {problem}"
    assert not (tmp_path / "pages").exists() or not list((tmp_path / "pages").iterdir())


def test_a_slow_server_times_out(
    site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT_SECONDS", 0.5)
    with pytest.raises(InputError, match=r"/slow: no answer within 0 s|/slow: no answer within"):
        fetch.fetch_page(f"{site}/slow", tmp_path)


def test_nothing_listening_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(
        InputError, match=r"^http://127\.0\.0\.1:9/x: cannot be fetched \(ConnectError"
    ):
        fetch.fetch_page("http://127.0.0.1:9/x", tmp_path)


def test_the_url_list_skips_comments_and_keeps_fragments(tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text("# coverage\nhttps://a.example/x#part\n\nhttps://b.example/y  # AP\n")
    assert fetch.read_url_list(listed) == ["https://a.example/x#part", "https://b.example/y"]
    listed.write_text("https://a.example/x\nnot a url\n")
    with pytest.raises(UsageError, match=r"urls.txt:2: not an http\(s\) URL"):
        fetch.read_url_list(listed)


def test_the_cli_takes_urls_and_names_each_that_fails(site: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, [f"{site}/article", f"{site}/gone", "--offline", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert f"error: {site}/gone: HTTP 404 Not Found" in result.stderr
    saved = list((out / "pages").glob("*.html"))
    assert len(saved) == 1
    # offline, the page's model calls are not recorded: the line says how to record them
    assert f"error: {saved[0]}: no recorded model call" in result.stderr
