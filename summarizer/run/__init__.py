"""Stage 5, run: one article down the stack (find, ask, record) and many articles at
once (cache, concurrency, faults, outputs).
"""

from summarizer.run.extract import build_record, extract_article, name_story_actors
from summarizer.run.pipeline import RunOptions, RunResult, run_summarize

__all__ = [
    "RunOptions",
    "RunResult",
    "build_record",
    "extract_article",
    "name_story_actors",
    "run_summarize",
]
