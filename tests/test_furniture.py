from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.text.articles import read_article

FURNITURE = [
    pytest.param("000_ab575505975abd69.txt", "Leave a comment", id="cradle_comment_box"),
    pytest.param("003_ac508b4e2d9fc02e.txt", "Rudaw moderates all comments", id="rudaw_comments"),
    pytest.param("003_ac508b4e2d9fc02e.txt", "Tishreen Dam", id="rudaw_sidebar"),
    pytest.param("004_1d4940750912eb2c.txt", "Your donation allows us", id="independent_appeal"),
    pytest.param("004_1d4940750912eb2c.txt", "reproductive rights", id="independent_appeal_body"),
    pytest.param("004_1d4940750912eb2c.txt", "automatically logged in", id="login_notice"),
    pytest.param("004_1d4940750912eb2c.txt", "notifications from The", id="notification_banner"),
]


@pytest.mark.parametrize(("name", "phrase"), FURNITURE)
def test_page_furniture_is_not_shown_to_the_model(seeds_dir: Path, name: str, phrase: str) -> None:
    article = read_article(seeds_dir / name)
    assert phrase in article.text
    assert phrase not in article.body_text
    span, problem = article.searchable().locate(phrase)
    assert span is None and problem is not None


BODY = [
    pytest.param(
        "003_ac508b4e2d9fc02e.txt",
        "We announce the complete liberation of Homs city",
        id="rudaw_quote",
    ),
    pytest.param(
        "004_1d4940750912eb2c.txt",
        "The battle of Homs is the mother of all battles",
        id="independent_quote",
    ),
    pytest.param("000_ab575505975abd69.txt", "this regime is dead", id="cradle_last_quote"),
    pytest.param("002_0b5465d82192f9ae.txt", "Operation Dawn of Freedom", id="last_body_line"),
]


@pytest.mark.parametrize(("name", "phrase"), BODY)
def test_article_body_is_kept(seeds_dir: Path, name: str, phrase: str) -> None:
    article = read_article(seeds_dir / name)
    assert phrase in article.body_text
    span, problem = article.searchable().locate(phrase)
    assert problem is None and span is not None
    assert article.text[span.start : span.end] == phrase
