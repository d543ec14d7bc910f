"""report.html as text: every grounded item highlighted, furniture never, text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli.commands import cli
from summarizer.report.html import render_html_report
from summarizer.schemas import ArticleRecord
from summarizer.text.articles import Article, read_article
from summarizer.text.articles import reread_articles as load_articles
from summarizer.text.grounding import Span

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "v2"


@pytest.fixture(scope="module")
def records() -> list[ArticleRecord]:
    return [
        ArticleRecord.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(EXAMPLES.glob("0*.json"))
    ]


@pytest.fixture(scope="module")
def page(records: list[ArticleRecord]) -> str:
    return render_html_report(records, load_articles(records))


def _highlighted_ids(html: str) -> set[str]:
    return {i for ids in re.findall(r'data-items="([^"]+)"', html) for i in ids.split()}


def test_every_grounded_item_is_highlighted_at_its_offsets(
    records: list[ArticleRecord], page: str
) -> None:
    expected = set()
    for record in records:
        number = record.article_id[:3]
        for short, items in (("ev", record.events), ("cl", record.claims),
                             ("lb", record.actor_labels)):  # fmt: skip
            expected |= {f"a{number}-{short}{i}" for i, item in enumerate(items)
                         if item.grounding.grounded}  # fmt: skip
    assert expected and _highlighted_ids(page) == expected
    for item_id in expected:
        assert f'id="{item_id}"' in page


def test_page_furniture_is_shown_but_never_highlighted(page: str) -> None:
    furniture = re.findall(r'<span class="furniture">(.*?)</span>', page, re.DOTALL)
    assert any("Leave a comment" in chunk for chunk in furniture)
    assert all("<span" not in chunk for chunk in furniture)


def test_article_text_is_escaped(records: list[ArticleRecord]) -> None:
    text = 'Rebels <script>alert("x")</script> took <b>Homs</b>.\n'
    article = Article(Path("evil.txt"), text, [Span(0, len(text))])
    html = render_html_report(records[:1], {records[0].article_id: (article, None)})
    assert "&lt;script&gt;alert(" in html and '<script>alert("x")' not in html
    assert "&lt;b&gt;Homs&lt;/b&gt;" in html


def test_a_missing_or_changed_article_is_named_instead_of_shown(
    records: list[ArticleRecord], tmp_path: Path
) -> None:
    moved = records[0].model_copy(update={"source_path": str(tmp_path / "gone.txt")})
    html = render_html_report([moved], load_articles([moved]))
    assert "article text not available" in html and "gone.txt" in html


def test_contradicting_claims_are_shown_side_by_side_with_their_quotes(
    records: list[ArticleRecord],
) -> None:
    rudaw = next(r for r in records if r.article_id.startswith("003"))
    claims = list(rudaw.claims)
    claims[2] = claims[2].model_copy(update={"claimant_type": "armed group"})
    claims[5] = claims[5].model_copy(update={"kind": "denial"})
    changed = rudaw.model_copy(update={"claims": claims})
    html = render_html_report(
        [changed], {rudaw.article_id: (read_article(ROOT / rudaw.source_path), None)}
    )
    section = html.split('id="conflicts"')[1].split("</section>")[0]
    assert "complete liberation of Homs city" in section and "safe and stable" in section


def test_report_command_writes_report_html(tmp_path: Path) -> None:
    for path in EXAMPLES.glob("0*.json"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count('class="article"') == 5
