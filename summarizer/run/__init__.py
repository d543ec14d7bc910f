"""Stage 5, run: one article down the stack (find, ask, record) and many articles at
once (cache, concurrency, faults, outputs).
"""

from __future__ import annotations

from summarizer._exports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    """
    summarizer.run.extract: build_record extract_article name_story_actors
    summarizer.run.pipeline: RunOptions RunResult run_summarize
    """,
)
