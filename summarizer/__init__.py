"""summarizer: source-grounded events, claims and framing labels from news articles.

The public API is small: read articles, pick a model, extract records, compare them.
Names are imported when first used, so importing one stage (``summarizer.evaluation``,
say) loads only what that stage imports.
"""

from __future__ import annotations

import typing

from summarizer._exports import lazy_exports

if typing.TYPE_CHECKING:  # what the table below names, for type checkers
    from summarizer.errors import CassetteMissError as CassetteMissError
    from summarizer.errors import GoldError as GoldError
    from summarizer.errors import InputError as InputError
    from summarizer.errors import ModelError as ModelError
    from summarizer.errors import SummarizerError as SummarizerError
    from summarizer.errors import UsageError as UsageError
    from summarizer.layouts.prompts import load_prompt as load_prompt
    from summarizer.llm.providers import ModelConfig as ModelConfig
    from summarizer.llm.providers import open_client as open_client
    from summarizer.llm.providers import resolve_model_config as resolve_model_config
    from summarizer.report.html import render_html_report as render_html_report
    from summarizer.report.markdown import build_corpus as build_corpus
    from summarizer.report.markdown import render_report as render_report
    from summarizer.run.extract import ExtractionSettings as ExtractionSettings
    from summarizer.run.extract import extract_article as extract_article
    from summarizer.run.pipeline import RunOptions as RunOptions
    from summarizer.run.pipeline import RunResult as RunResult
    from summarizer.run.pipeline import run_summarize as run_summarize
    from summarizer.schemas import ArticleRecord as ArticleRecord
    from summarizer.text.articles import Article as Article
    from summarizer.text.articles import read_article as read_article
    from summarizer.text.metadata import read_page_metadata as read_page_metadata

else:  # imported when first used
    __getattr__, __dir__, __all__ = lazy_exports(
        __name__,
        """
        summarizer.errors: CassetteMissError GoldError InputError ModelError
        summarizer.errors: SummarizerError UsageError
        summarizer.layouts.prompts: load_prompt
        summarizer.llm.providers: ModelConfig open_client resolve_model_config
        summarizer.report.html: render_html_report
        summarizer.report.markdown: build_corpus render_report
        summarizer.run.extract: ExtractionSettings extract_article
        summarizer.run.pipeline: RunOptions RunResult run_summarize
        summarizer.schemas: ArticleRecord
        summarizer.text.articles: Article read_article
        summarizer.text.metadata: read_page_metadata
        """,
    )
