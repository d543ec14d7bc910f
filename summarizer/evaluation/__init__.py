"""Apart from the run: gold files, scoring against them, intervals, the CI gate, run
history and the error view.

Only the harness (``harness.py``: getting predictions by replaying the pipeline, or
from a folder of records) imports the run; what scores, gates and shows results does
not, so it is not exported here.
"""

from __future__ import annotations

from summarizer._exports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    """
    summarizer.evaluation.gate: check_against_baseline load_baseline
    summarizer.evaluation.gold: GoldFile load_gold
    summarizer.evaluation.metrics: Metrics
    summarizer.evaluation.results: ArticleView EvalResult eval_document
    """,
)
