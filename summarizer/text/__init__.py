"""Stage 1, read: input files and web pages into articles, the body told apart from page
furniture, sentences as spans, metadata read from the page, evidence found verbatim.
"""

from __future__ import annotations

from summarizer._exports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    """
    summarizer.text.articles: Article collect_paths read_article reread_articles
    summarizer.text.fetch: fetch_page is_url read_url_list
    summarizer.text.grounding: ArticleText GroundingContext Span
    summarizer.text.metadata: read_page_metadata
    summarizer.text.sentences: SentenceIndex sentence_index
    summarizer.text.user_metadata: load_meta_file supplied_for
    summarizer.text.web_page: read_web_page
    """,
)
