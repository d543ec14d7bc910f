"""The HTML pages in a real headless Chromium: the rendered DOM and a screenshot.

`make test` (and so CI) installs Debian's chromium when it is missing; without it
these tests fail under CI and are skipped elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli.commands import cli
from summarizer.layouts.prompts import DEFAULT_PROMPT
from summarizer.report.html import render_html_report
from summarizer.schemas import ArticleRecord
from summarizer.text.articles import Article
from summarizer.text.grounding import Span

ROOT = Path(__file__).resolve().parent.parent
BROWSER = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
    None,
)
if BROWSER is None and not os.environ.get("CI"):
    pytest.skip("no Chromium on this machine (make test installs it)", allow_module_level=True)


def _chromium(*args: str) -> str:
    assert BROWSER, "CI must have Chromium: make test installs Debian's chromium"
    done = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--virtual-time-budget=3000", *args],  # fmt: skip
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump_dom(page: Path, fragment: str = "", *flags: str) -> str:
    return _chromium(*flags, "--dump-dom", page.as_uri() + fragment)


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    os.chdir(ROOT)
    result = CliRunner().invoke(cli, ["seeds/", "--offline", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def test_the_seeds_report_shows_five_articles_with_every_grounded_item_highlighted(
    seeds_report: Path,
) -> None:
    dom = dump_dom(seeds_report / "report.html")
    assert dom.count('class="article"') == 5
    records = [
        ArticleRecord.model_validate_json(p.read_text()) for p in seeds_report.glob("0*.json")
    ]
    grounded = sum(
        1 for r in records for _, i in r.iter_grounded_items()
        if i.grounding.grounded and _ != "frames"
    )  # fmt: skip
    highlighted = {i for ids in re.findall(r'data-items="([^"]+)"', dom) for i in ids.split()}
    assert len(highlighted) == grounded
    assert 'id="conflicts"' in dom and f"prompt {DEFAULT_PROMPT}" in dom


def test_opening_an_item_link_flashes_its_span(seeds_report: Path) -> None:
    dom = dump_dom(seeds_report / "report.html", "#a004-lb0")
    flashed = re.findall(r'<span class="([^"]*)" data-items="([^"]*)"', dom)
    assert flashed and all(("flash" in c.split()) == ("a004-lb0" in i.split()) for c, i in flashed)
    assert any("flash" in c.split() for c, _ in flashed)


def test_tables_are_readable_with_javascript_off(seeds_report: Path, tmp_path: Path) -> None:
    """The page's one script only adds the flash: without it, everything else renders.

    (Headless Chromium cannot dump the DOM with scripting disabled, so the script is
    cut from a copy of the page instead.)
    """
    html = (seeds_report / "report.html").read_text(encoding="utf-8")
    assert html.count("<script>") == 1
    without = tmp_path / "no-js.html"
    without.write_text(re.sub(r"<script>.*?</script>", "", html, flags=re.DOTALL))
    dom = dump_dom(without, "#a004-lb0")
    assert "Happenings × outlets" in dom and "What each outlet calls each actor" in dom
    assert 'href="#a000-ev0"' in dom and dom.count('class="article"') == 5
    classes = re.findall(r'<span class="([^"]*)" data-items=', dom)
    assert classes and not any("flash" in c.split() for c in classes)


def test_no_script_from_an_article_runs(tmp_path: Path, seeds_report: Path) -> None:
    record = ArticleRecord.model_validate_json(next(seeds_report.glob("003*.json")).read_text())
    mark = "document.documentElement.setAttribute('data-pwned', '{}')"
    text = (
        f"Rebels took Homs. <script>{mark.format('script')}</script>"
        f'<img src=x onerror="{mark.format("img")}">\n'
    )
    article = Article(Path("evil.txt"), text, [Span(0, len(text))])
    page = tmp_path / "evil.html"
    page.write_text(render_html_report([record], {record.article_id: (article, None)}))
    dom = dump_dom(page)
    assert "data-pwned" not in dom.split("<body")[0] and "data-pwned=" not in dom.split(">")[0]
    assert "&lt;script&gt;" in dom


def test_the_first_screen_tells_the_story_across_outlets(seeds_report: Path) -> None:
    dom = dump_dom(seeds_report / "report.html")
    story = dom.split('id="story"')[1].split("</section>")[0]
    assert "All 5 outlets report: Capture: Aleppo; Capture: Hama." in story
    assert "asserts what" in story  # a contradiction, in words
    main = dom.split("<main>")[1]
    assert main.index('id="story"') < main.index('id="coverage"') < main.index('id="overview"')


def test_every_happening_row_links_to_sentences_that_are_highlighted(seeds_report: Path) -> None:
    dom = dump_dom(seeds_report / "report.html")
    coverage = dom.split('id="coverage"')[1].split("</section>")[0]
    rows = re.findall(r'<tr id="row-(\d+)">(.*?)</tr>', coverage, flags=re.DOTALL)
    assert rows and [int(n) for n, _ in rows] == list(range(1, len(rows) + 1))
    highlighted = {i for ids in re.findall(r'data-items="([^"]+)"', dom) for i in ids.split()}
    for _, cells in rows:
        links = re.findall(r'href="#([^"]+)"', cells)
        assert len(links) >= 2  # a shared row: marks from two outlets at least
        assert set(links) <= highlighted
    assert "Capture: Aleppo" in rows[0][1] and rows[0][1].count("✓") >= 4


def test_the_slant_view_draws_linked_bars_for_every_outlet(seeds_report: Path) -> None:
    dom = dump_dom(seeds_report / "report.html")
    slant = dom.split('id="slant"')[1].split("</section>")[0]
    assert slant.count('class="slant"') == 5 and slant.count("<svg") == 15
    highlighted = {i for ids in re.findall(r'data-items="([^"]+)"', dom) for i in ids.split()}
    segments = re.findall(r'<a href="#([^"]+)" class="jump"><rect [^>]*width="([\d.]+)"', slant)
    assert segments and all(float(width) > 0 for _, width in segments)
    assert {target for target, _ in segments} <= highlighted
    assert "Only this outlet tells" in slant and "Every other outlet tells" in slant


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_a_screenshot_of_the_report_renders(seeds_report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _chromium(
        "--window-size=1280,1600", f"--screenshot={shot}", (seeds_report / "report.html").as_uri()
    )
    assert _png_size(shot) == (1280, 1600)
    assert shot.stat().st_size > 40_000  # text and coloured tables, not a blank page


def test_the_compare_page_shows_both_versions_against_gold(tmp_path: Path) -> None:
    page = tmp_path / "compare.html"
    result = CliRunner().invoke(cli, ["compare", "v2", "v3", "--offline", "--html", str(page)])
    assert result.exit_code == 0, result.stderr
    dom = dump_dom(page)
    assert dom.count('class="article"') == 5
    assert dom.count('data-version="v2"') == dom.count('data-version="v3"') == 15
    for outcome in ("matched", "missed", "false-positive"):
        assert f'class="row {outcome}"' in dom
    assert "significantly better" in dom and "no detectable difference" in dom
