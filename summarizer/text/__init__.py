"""Stage 1, read: input files and web pages into articles, the body told apart from page
furniture, sentences as spans, metadata read from the page, evidence found verbatim.
"""

from summarizer.text.articles import Article, collect_paths, read_article, reread_articles
from summarizer.text.fetch import fetch_page, is_url, read_url_list
from summarizer.text.grounding import ArticleText, GroundingContext, Span
from summarizer.text.metadata import read_page_metadata
from summarizer.text.sentences import SentenceIndex, sentence_index
from summarizer.text.user_metadata import load_meta_file, supplied_for
from summarizer.text.web_page import read_web_page

__all__ = [
    "Article",
    "ArticleText",
    "GroundingContext",
    "SentenceIndex",
    "Span",
    "collect_paths",
    "fetch_page",
    "is_url",
    "load_meta_file",
    "read_article",
    "read_page_metadata",
    "read_url_list",
    "read_web_page",
    "reread_articles",
    "sentence_index",
    "supplied_for",
]
