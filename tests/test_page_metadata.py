"""Page metadata read by code: the seeds, and other subjects and house styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.errors import InputError, UsageError
from summarizer.text.articles import read_article
from summarizer.text.metadata import read_page_metadata
from summarizer.text.user_metadata import load_meta_file, supplied_for

ROOT = Path(__file__).resolve().parent.parent


def _read(tmp_path: Path, text: str, name: str = "page.txt") -> tuple[dict, dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    metadata, sources = read_page_metadata(article, supplied_for(path, article.text, None))
    return metadata.model_dump(), {s.field: s for s in sources}


@pytest.mark.parametrize(
    ("seed", "outlet", "published", "headline"),
    [
        pytest.param("000", "The Cradle", "2024-12-08",
                     "HTS extremists take control of Homs, no clashes reported as Syrian army "
                     "withdraws", id="pipe_dateline"),
        pytest.param("001", None, "2024-12-06", "Rebels advance on Homs – shots in Damascus?",
                     id="kicker_and_no_outlet"),
        pytest.param("002", None, "2024-12-06",
                     "Syrian Opposition Forces Make Gains in Homs, Threatening Regime's Control",
                     id="section_name_is_not_an_outlet"),
        pytest.param("003", "Rudaw", "2024-12-08", "Syrian rebel control key city of Homs",
                     id="numeric_date_decided_by_weekday"),
        pytest.param("004", "The Associated Press", "2024-12-06",
                     "Syrian insurgents enter 2 central towns, bringing them close to the city "
                     "of Homs", id="copyright_holder_not_the_caption"),
    ],
)  # fmt: skip
def test_seed_metadata_is_read_from_the_page(
    seed: str, outlet: str | None, published: str, headline: str
) -> None:
    article = read_article(next((ROOT / "seeds").glob(f"{seed}_*.txt")))
    metadata, sources = read_page_metadata(article)
    assert (metadata.outlet, metadata.published, metadata.headline) == (outlet, published, headline)
    for source in sources:
        if source.source == "page":
            assert source.start is not None and source.end is not None
            assert article.text[source.start : source.end].strip()
    by_field = {s.field: s for s in sources}
    assert by_field["outlet"].source == ("page" if outlet else "not stated")


def test_wire_copy_with_byline_agency_line_and_copyright(tmp_path: Path) -> None:
    metadata, sources = _read(tmp_path, (
        "Judge blocks new zoning rules in Springfield\n\n"
        "By Jane Doe\nAssociated Press\nMarch 3, 2023\n\n"
        "SPRINGFIELD, Ill. (AP) — A state judge on Friday blocked the city's new zoning rules, "
        "saying the council had skipped a required public hearing before the vote.\n\n"
        "Copyright 2023 The Associated Press. All rights reserved.\n"
    ))  # fmt: skip
    assert metadata["headline"] == "Judge blocks new zoning rules in Springfield"
    assert metadata["byline"] == "Jane Doe"
    assert metadata["published"] == "2023-03-03"
    assert metadata["outlet"] == "Associated Press"
    assert sources["outlet"].note == "a name line beside the dateline, named again on the page"


def test_a_quote_heavy_political_story_under_a_section_dateline(tmp_path: Path) -> None:
    metadata, sources = _read(tmp_path, (
        "Politics | 14 June 2022\n"
        "Minister defends budget as opposition cries foul\n\n"
        "\u201cWe will not be lectured on prudence,\u201d the finance minister said on "
        "Tuesday. "
        "\u201cThis budget is balanced.\u201d The opposition leader called it "
        "\u201ca fantasy\u201d.\n"
    ))  # fmt: skip
    assert metadata["outlet"] is None and sources["outlet"].source == "not stated"
    assert metadata["published"] == "2022-06-14"
    assert metadata["headline"] == "Minister defends budget as opposition cries foul"


@pytest.mark.parametrize(
    ("weekday", "expected"),
    [
        pytest.param("Thursday", "2021-03-04", id="weekday_says_month_first"),
        pytest.param("Saturday", "2021-04-03", id="weekday_says_day_first"),
        pytest.param("", "2021-04-03", id="no_cue_reads_day_first"),
    ],
)
def test_an_ambiguous_numeric_date_is_decided_from_the_text(
    tmp_path: Path, weekday: str, expected: str
) -> None:
    when = f" on {weekday}" if weekday else ""
    metadata, sources = _read(tmp_path, (
        "Court jails former mayor for fraud\n03/04/2021\n\n"
        f"The former mayor was sentenced{when} to four years in prison for diverting public "
        "funds, the court said, rejecting the defence's request for a suspended sentence.\n"
    ))  # fmt: skip
    assert metadata["published"] == expected
    assert sources["published"].note


def test_a_page_that_states_nothing_gives_nulls_not_guesses(tmp_path: Path) -> None:
    metadata, sources = _read(tmp_path, (
        "Die Rebellen rücken auf die Stadt vor, und in der Hauptstadt sind Schüsse zu hören. "
        "Die Regierung hat sich bislang nicht geäußert, berichten Augenzeugen.\n"
    ))  # fmt: skip
    assert metadata["outlet"] is None and metadata["published"] is None
    assert metadata["language"] == "de" and sources["language"].source == "detected"
    assert sources["published"].source == "not stated"


def test_front_matter_supplies_what_the_page_lacks_and_is_not_article_text(
    tmp_path: Path,
) -> None:
    text = (
        "---\nurl: https://www.example-news.org/2024/05/story\ndate: 1 May 2024\n---\n"
        "Flood waters recede in river towns\n\nResidents returned on Wednesday to assess "
        "the damage after the river fell below its banks for the first time in a week.\n"
    )
    metadata, sources = _read(tmp_path, text)
    assert metadata["outlet"] == "example-news.org" and sources["outlet"].source == "url"
    assert metadata["published"] == "2024-05-01"
    assert sources["published"].source == "front matter"
    assert metadata["headline"] == "Flood waters recede in river towns"
    article = read_article(tmp_path / "page.txt")
    assert "example-news" not in article.body_text


def test_bad_front_matter_is_one_error_for_that_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("---\n- just\n- a list\n---\nHeadline\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.txt: front matter is not a mapping"):
        supplied_for(path, path.read_text(), None)


@pytest.mark.parametrize("suffix", [".csv", ".yaml"])
def test_a_meta_file_wins_over_the_page(tmp_path: Path, suffix: str) -> None:
    meta = tmp_path / f"meta{suffix}"
    if suffix == ".csv":
        meta.write_text(
            "file,outlet,url,date\n001_d3689e4019bbc6d2.txt,Example Daily,,2024-12-06\n"
        )
    else:
        meta.write_text("001_d3689e4019bbc6d2:\n  outlet: Example Daily\n  date: 2024-12-06\n")
    values = load_meta_file(meta)
    path = next((ROOT / "seeds").glob("001_*.txt"))
    article = read_article(path)
    metadata, sources = read_page_metadata(article, supplied_for(path, article.text, values))
    assert metadata.outlet == "Example Daily"
    assert {s.field: s.source for s in sources}["outlet"] == "meta file"


def test_a_malformed_meta_file_is_a_usage_error(tmp_path: Path) -> None:
    meta = tmp_path / "meta.csv"
    meta.write_text("name,outlet\nx.txt,Y\n")
    with pytest.raises(UsageError, match="needs a 'file' column"):
        load_meta_file(meta)


BODY = (
    "\nThe port authority said on Monday that the harbour would stay open through the winter,"
    " after a week of storms closed two of its three piers.\n\nDock workers said repairs had"
    " already begun on the northern pier.\n"
)


@pytest.mark.parametrize(
    ("capture", "headline", "published", "byline"),
    [
        pytest.param(
            "Home\nEpaper\nOpen in App\nCity | Business\nHarbour to stay open through the winter\n"
            "By Staff Reporter\nPublished: 2025-10-27\n",
            "Harbour to stay open through the winter", "2025-10-27", "Staff Reporter",
            id="app_menu_above_the_headline",
        ),
        pytest.param(
            "date 2025-10-26 Harbour to stay open through the winter\nBy Staff, Agencies\n",
            "Harbour to stay open through the winter", "2025-10-26", None,
            id="date_token_glued_before_the_headline",
        ),
        pytest.param(
            "Harbour to stay open through the winter\nBy Reuters\nOctober 27, 2025\n",
            "Harbour to stay open through the winter", "2025-10-27", "Reuters",
            id="agency_byline",
        ),
    ],
)  # fmt: skip
def test_messy_captures_give_the_real_headline_and_no_made_up_outlet(
    tmp_path: Path, capture: str, headline: str, published: str, byline: str | None
) -> None:
    metadata, sources = _read(tmp_path, capture + BODY)
    assert metadata["headline"] == headline
    assert metadata["published"] == published
    assert metadata["byline"] == byline
    assert metadata["outlet"] is None  # the agency in a byline is not the publisher
    span = sources["headline"]
    text = capture + BODY
    assert text[span.start : span.end] == headline


def test_a_glued_date_token_is_not_article_text(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("date 2025-10-26 Harbour to stay open through the winter\n" + BODY)
    article = read_article(path)
    assert "2025-10-26" not in article.body_text
    assert article.body_text.startswith("Harbour to stay open")
