"""Write a folder's reports: corpus.json, report.md and report.html, from its records.

The run writes them after its articles (``run.pipeline``), and ``summarize report``
rebuilds them from the records a folder already holds; both go through
``write_reports``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from summarizer.errors import InputError, UsageError
from summarizer.output import write_json_atomic, write_text_atomic
from summarizer.report.comparison import compare
from summarizer.report.html import render_html_report
from summarizer.report.markdown import build_corpus, render_report
from summarizer.schemas import ArticleRecord
from summarizer.text.articles import Article


def write_reports(
    folder: Path,
    records: list[ArticleRecord],
    articles: Mapping[str, tuple[Article | None, str | None]],
) -> None:
    """Compare ``records`` and write the three reports into ``folder``.

    ``articles`` maps an article id to its article, or to a note saying why its text
    is not available (the HTML report shows the note instead of the text).
    """
    comparison = compare(records, {key: a.text for key, (a, _) in articles.items() if a})
    write_json_atomic(folder / "corpus.json", build_corpus(records, comparison))
    write_text_atomic(folder / "report.md", render_report(records, comparison))
    html = render_html_report(records, articles, comparison)
    write_text_atomic(folder / "report.html", html)


def read_records(folder: Path) -> list[ArticleRecord]:
    """The article records in ``folder`` (every ``*.json`` but corpus.json), by name.

    Raises:
        InputError: a file there is not an article record.
        UsageError: there are none.
    """
    records = []
    for path in sorted(folder.glob("*.json")):
        if path.name == "corpus.json":
            continue
        try:
            records.append(ArticleRecord.model_validate_json(path.read_text(encoding="utf-8")))
        except ValueError as error:
            problem = f"not an article record ({error.__class__.__name__})"
            raise InputError(str(path), problem) from error
    if not records:
        raise UsageError(f"{folder}: no article records")
    return records
