"""summarizer: source-grounded events, claims and framing labels from news articles.

The public API is small: read articles, pick a model, extract records, compare them.
"""

from __future__ import annotations

from summarizer.errors import (
    CassetteMissError,
    GoldError,
    InputError,
    ModelError,
    SummarizerError,
    UsageError,
)
from summarizer.layouts.prompts import load_prompt
from summarizer.llm.providers import ModelConfig, open_client, resolve_model_config
from summarizer.report.html import render_html_report
from summarizer.report.markdown import build_corpus, render_report
from summarizer.run.extract import ExtractionSettings, extract_article
from summarizer.run.pipeline import RunOptions, RunResult, run_summarize
from summarizer.schemas import ArticleRecord
from summarizer.text.articles import Article, read_article
from summarizer.text.metadata import read_page_metadata

__all__ = [
    "Article",
    "ArticleRecord",
    "CassetteMissError",
    "ExtractionSettings",
    "GoldError",
    "InputError",
    "ModelConfig",
    "ModelError",
    "RunOptions",
    "RunResult",
    "SummarizerError",
    "UsageError",
    "build_corpus",
    "extract_article",
    "load_prompt",
    "open_client",
    "read_article",
    "read_page_metadata",
    "render_html_report",
    "render_report",
    "resolve_model_config",
    "run_summarize",
]
