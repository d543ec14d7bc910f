from __future__ import annotations

import pytest

from summarizer.text.grounding import (
    ArticleText,
    GroundingContext,
    GroundingError,
    Span,
    normalize_text,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("\u201cquoted\u201d  text", '"quoted" text', id="curly_double_quotes"),
        pytest.param("HTS\u2019 former name", "HTS' former name", id="curly_apostrophe"),
        pytest.param("fighters \u2013 most", "fighters - most", id="en_dash"),
        pytest.param("a\n\n  b\tc", "a b c", id="whitespace_runs"),
    ],
)
def test_normalize_text_folds_only_quotes_dashes_and_space(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_find_all_returns_offsets_into_the_original_text() -> None:
    text = "Al Mayadeen\u2019s  correspondent \u201creported\u201d it."
    article = ArticleText(text)
    [span] = article.find_all('Al Mayadeen\'s correspondent "reported"')
    assert text[span.start : span.end] == "Al Mayadeen\u2019s  correspondent \u201creported\u201d"


def test_locate_rejects_a_paraphrase() -> None:
    article = ArticleText("The army withdrew from Homs.")
    span, problem = article.locate("The army left Homs.")
    assert span is None
    assert problem == "not found verbatim in the article"


def test_locate_refuses_evidence_found_only_in_furniture() -> None:
    text = "Body sentence here.\n\nComments\n\nA comment about Homs."
    article = ArticleText(text, body=[Span(0, 19)])
    span, problem = article.locate("A comment about Homs.")
    assert span is None
    assert problem is not None and "furniture" in problem


def test_evidence_may_cross_a_paragraph_break_inside_the_body() -> None:
    text = "First paragraph ends.\n\nSecond starts here."
    article = ArticleText(text, body=[Span(0, 21), Span(23, 42)])
    span, problem = article.locate("ends. Second starts")
    assert problem is None and span is not None
    assert text[span.start : span.end] == "ends.\n\nSecond starts"


class _Item:
    evidence_text = "invented words"

    def extra_problem(self) -> str | None:
        return None


def test_strict_context_raises_a_precise_reask_message() -> None:
    context = GroundingContext(ArticleText("Real words only."))
    with pytest.raises(GroundingError, match="invented words.*not found verbatim"):
        context.check(_Item())


def test_lenient_context_reports_without_raising() -> None:
    context = GroundingContext(ArticleText("Real words only."), strict=False)
    context.check(_Item())
    assert context.problem(_Item()) == (None, "not found verbatim in the article")
