"""A soak: many articles through the loopback replay server with random faults.

Every article must end as exactly one record (written whole) or one failure line;
nothing half-written stays in the output folder; memory stays bounded. Used by
tests/test_soak.py (100 articles) and ``scripts/benchmark.py soak`` (1,000).
"""

from __future__ import annotations

import gc
import json
import shutil
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from replay_server import ReplayServer

from summarizer.llm.providers import ModelConfig, RetryPolicy
from summarizer.llm.providers.model_store import DEFAULT_MODEL_NAME
from summarizer.run.pipeline import RunOptions, run_summarize
from summarizer.schemas import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
VERSION = "v5"
SOAK_FAULTS = ("429", "500", "503", "reset", "truncated")
POLICY = RetryPolicy(attempts=3, base_delay=0.005, max_delay=0.02, max_retry_after=0.05)


@dataclass(frozen=True)
class SoakResult:
    articles: int
    records: int
    partial: int
    failed: int
    seconds: float
    peak_megabytes: float
    """Peak memory Python allocated during the run (tracemalloc)."""
    requests: int
    half_written: list[str]
    unaccounted: list[str]

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def make_articles(folder: Path, count: int) -> list[Path]:
    """``count`` articles: the five seeds, copied under new names in turn."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        seed = seeds[number % len(seeds)]
        path = folder / f"{number:04d}_{seed.stem.split('_', 1)[1]}.txt"
        shutil.copyfile(seed, path)
        paths.append(path)
    return paths


def soak(
    workdir: Path, count: int, jobs: int = 8, fault_rate: float = 0.15, seed: int = 7
) -> SoakResult:
    paths = make_articles(workdir / "in", count)
    out = workdir / "out"
    cassettes = sorted((ROOT / "cassettes" / VERSION / DEFAULT_MODEL_NAME).glob("*.yaml"))
    with ReplayServer(cassettes) as server:
        server.random_faults(fault_rate, SOAK_FAULTS, seed)
        config = ModelConfig(
            provider="compatible", model=DEFAULT_MODEL_NAME, base_url=server.base_url,
            api_key="not-needed", timeout_seconds=5.0,
        )  # fmt: skip
        options = RunOptions(output_dir=out, prompt_version=VERSION, retry=POLICY, jobs=jobs,
                             use_cache=False, cache_path=workdir / "cache.sqlite")  # fmt: skip
        gc.collect()
        tracemalloc.start()
        started = time.perf_counter()
        result = run_summarize(paths, config, options)
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        requests = server.requests
    written = {p.stem for p in out.glob("*.json") if p.name != "corpus.json"}
    for path in out.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # every file is whole JSON
    for path in out.glob("0*.json"):
        ArticleRecord.model_validate_json(path.read_text(encoding="utf-8"))
    failed = {Path(f.path).stem for f in result.failures}
    recorded = {r.article_id for r in result.records}
    unaccounted = sorted(p.stem for p in paths if (p.stem in recorded) == (p.stem in failed))
    half_written = sorted(
        p.name for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"
    )
    assert written == recorded, "a record without its file, or a file without its record"
    return SoakResult(
        count, len(result.records), len(result.partial), len(result.failures), seconds,
        peak / 1e6, requests, half_written, unaccounted,
    )  # fmt: skip
