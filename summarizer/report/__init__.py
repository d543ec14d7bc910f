"""Stage 6, compare and report: one row per happening across outlets, judged claim pairs,
each outlet's slant, and the ``report.md`` / ``report.html`` pages that show them.
"""

from summarizer.report.comparison import Comparison, compare
from summarizer.report.html import render_html_report
from summarizer.report.markdown import build_corpus, render_report

__all__ = [
    "Comparison",
    "build_corpus",
    "compare",
    "render_html_report",
    "render_report",
]
