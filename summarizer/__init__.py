"""summarizer: source-grounded events, claims and framing labels from news articles.

The public API is small: read articles, pick a model, extract records, compare them.
Names are imported when first used, so importing one stage (``summarizer.evaluation``,
say) loads only what that stage imports.
"""

from __future__ import annotations

from summarizer._exports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    """
    summarizer.errors: CassetteMissError GoldError InputError ModelError SummarizerError UsageError
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
