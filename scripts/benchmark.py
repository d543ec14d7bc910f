"""Benchmark the parts of summarizer that do not depend on model speed.

Measures, as medians over repeated runs on the five seed articles:
  * offline replay of a whole `summarize seeds/` run from cassettes (end to end),
  * reading + furniture removal + grounding index per article,
  * locating one evidence span,
  * scoring the gold set against itself,
  * scoring v2's recorded records with 1,000 bootstrap resamples per metric (what
    `summarize eval` does after the replay), and a paired v2-vs-v3 bootstrap
    (what `summarize compare` adds).

Model latency is reported separately from the recorded runs (README), because it
depends on the machine and the backend, not on this code.

Usage: python scripts/benchmark.py [--repeat N] [--prompt V]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from summarizer.articles import read_article
from summarizer.evals import compare_results, evaluate_folder, metric_intervals
from summarizer.pipeline import RunOptions, run_summarize
from summarizer.prompts import DEFAULT_PROMPT
from summarizer.providers import resolve_model_config

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def replay(prompt: str) -> None:
    with tempfile.TemporaryDirectory() as out:
        options = RunOptions(output_dir=Path(out), prompt_version=prompt, record_mode="none")
        result = run_summarize([ROOT / "seeds"], resolve_model_config(), options)
        assert not result.failures, result.failures


def score_with_intervals() -> None:
    metric_intervals(evaluate_folder(ROOT / "examples" / "v2"))


SCORED = (evaluate_folder(ROOT / "examples" / "v2"), evaluate_folder(ROOT / "examples" / "v3"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--prompt", default=DEFAULT_PROMPT)
    args = parser.parse_args()
    article = read_article(SEEDS[3])
    searchable = article.searchable()
    needle = "We announce the complete liberation of Homs city"
    cases: list[tuple[str, Callable[[], object], int]] = [
        (f"offline replay of seeds/ ({args.prompt}, 5 articles)", lambda: replay(args.prompt), 1),
        (
            "read + furniture + index, 5 articles",
            lambda: [read_article(p).searchable() for p in SEEDS],
            1,
        ),
        ("locate one evidence span", lambda: searchable.locate(needle), 100),
        ("score gold against itself", lambda: evaluate_folder(ROOT / "evals" / "gold"), 1),
        ("score v2 + 1,000-resample intervals", score_with_intervals, 1),
        ("paired bootstrap v2 vs v3 (scored)", lambda: compare_results(*SCORED), 1),
    ]
    rows = [(name, median_seconds(action, args.repeat * scale)) for name, action, scale in cases]
    width = max(len(name) for name, _ in rows)
    print(f"{'benchmark'.ljust(width)}  median")
    for name, seconds in rows:
        shown = f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
        print(f"{name.ljust(width)}  {shown}")


if __name__ == "__main__":
    main()
