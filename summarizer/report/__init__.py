"""Stage 6, compare and report: one row per happening across outlets, judged claim pairs,
each outlet's slant, and the ``report.md`` / ``report.html`` pages that show them.
"""

from __future__ import annotations

from summarizer._exports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    """
    summarizer.report.comparison: Comparison compare
    summarizer.report.html: render_html_report
    summarizer.report.markdown: build_corpus render_report
    """,
)
