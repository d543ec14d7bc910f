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
       python scripts/benchmark.py live [--prompt V]
       python scripts/benchmark.py load [--prompt V] [--articles N] [--latency S]
       python scripts/benchmark.py slots
       python scripts/benchmark.py dev [--prompt V] [--against V]
       python scripts/benchmark.py pairs
       python scripts/benchmark.py soak [--articles N] [--jobs J]

`soak` runs 1,000 articles (the seeds, copied) through the loopback replay server with
random faults (429, 500, 503, resets, truncated bodies) on 15% of requests at -j 8, and
prints articles/s, peak memory and the outcome counts.

`pairs` asks the embedded model to judge each candidate claim pair of the seeds
(two claimants naming one target; one small choice per pair, both sentences shown)
and prints its answers and the rules' against the corpus gold: the measurement
behind judging pairs by rules.

`dev` runs a version on the out-of-sample dev set (`make dev-set` builds dev/), one
story per run as a user would (the response cache serves a rerun), and prints its
scores with 95% intervals; `--against` adds another version's scores and the paired
interval of the difference.

`live` runs `summarize seeds/` on the embedded model (recording into a temporary
cassette folder, so nothing committed is touched) and compares its wall time with
this machine's floor for the same work, measured in the same run: the time the
llama.cpp server itself reports for evaluating the prompt tokens it actually had
to evaluate (a reused cached prefix costs nothing there) plus decoding the
completion tokens under the grammar. The ratio wall / floor is what the layout
and the tool add on top of the model's own speed.

`load` runs N articles (copies of the seeds) against an OpenAI-compatible server on
127.0.0.1 that answers from the cassettes after a fixed latency per request (the
server the fault tests use), at -j 1 and at -j 8, with the cache off. The ideal at
-j 8 is requests / 8 x latency; the last line prints the ratio to it.

`slots` starts the embedded server and sends the same four short requests one after
another, then all four at once: whether concurrent requests help on this machine
(they decide the embedded default of -j).
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from summarizer.evaluation.corpus_scoring import CorpusScore, sum_corpus_scores
from summarizer.evaluation.harness import compare_results, evaluate_folder, metric_intervals
from summarizer.layouts.prompts import DEFAULT_PROMPT
from summarizer.llm.providers import resolve_model_config
from summarizer.llm.providers.model_store import cache_dir
from summarizer.run.pipeline import RunOptions, run_summarize
from summarizer.text.articles import read_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def replay(prompt: str, use_cache: bool = False) -> None:
    with tempfile.TemporaryDirectory() as out:
        options = RunOptions(
            output_dir=Path(out), prompt_version=prompt, record_mode="none", use_cache=use_cache
        )
        result = run_summarize([ROOT / "seeds"], resolve_model_config(), options)
        assert not result.failures, result.failures


def load(prompt: str, articles: int, latency: float, jobs_runs: tuple[int, ...] = (1, 8)) -> None:
    """N articles against the loopback replay server (its own process, as a model
    server would be), at -j 1 and -j 8."""
    import shutil
    import subprocess
    import sys

    from summarizer.llm.providers import ModelConfig
    from summarizer.llm.providers.local_server import free_port
    from summarizer.llm.providers.model_store import DEFAULT_MODEL_NAME

    cassettes = sorted((ROOT / "cassettes" / prompt / DEFAULT_MODEL_NAME).glob("*.yaml"))
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "replay_server.py"),
            "--port",
            str(port),
            "--latency",
            str(latency),
            *map(str, cassettes),
        ]  # fmt: skip
    )
    try:
        with tempfile.TemporaryDirectory() as scratch:
            inputs = Path(scratch) / "articles"
            inputs.mkdir()
            for n in range(articles):
                seed = SEEDS[n % len(SEEDS)]
                shutil.copy(seed, inputs / f"{seed.stem}-{n:04d}.txt")
            base_url = f"http://127.0.0.1:{port}/v1"
            _wait_for(base_url)
            config = ModelConfig(provider="compatible", model=DEFAULT_MODEL_NAME,
                                 base_url=base_url, api_key="not-needed")  # fmt: skip
            ratio = 0.0
            for jobs in jobs_runs:
                options = RunOptions(output_dir=Path(scratch) / f"out-{jobs}",
                                     prompt_version=prompt, jobs=jobs, use_cache=False)  # fmt: skip
                started = time.perf_counter()
                result = run_summarize([inputs], config, options)
                wall = time.perf_counter() - started
                assert not result.failures, result.failures[:3]
                ideal = result.requests_sent / jobs * latency
                ratio = wall / ideal
                print(f"-j {jobs}: {articles} articles, {result.requests_sent} requests at "
                      f"{latency:g} s each: wall {wall:.1f} s, ideal {ideal:.1f} s, ratio "
                      f"{ratio:.2f}, peak in flight {result.peak_in_flight}")  # fmt: skip
            print(f"ratio to ideal at -j 8: {ratio:.2f}")
    finally:
        server.terminate()
        server.wait()


def _wait_for(base_url: str) -> None:
    import httpx

    for _ in range(200):
        try:
            httpx.get(f"{base_url}/models", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError(f"{base_url} did not answer")


def score_with_intervals() -> None:
    metric_intervals(evaluate_folder(ROOT / "examples" / "v2"))


SCORED = (evaluate_folder(ROOT / "examples" / "v2"), evaluate_folder(ROOT / "examples" / "v3"))


_PERF = re.compile(
    r"(?P<kind>prompt eval|eval) time =\s+(?P<ms>[\d.]+) ms /\s+(?P<count>\d+) (?:tokens|runs)"
)


def server_floor(log: Path) -> tuple[float, int, int]:
    """Seconds the server spent evaluating prompts and decoding, and the token counts,
    summed over every request in its log."""
    seconds, prompt_tokens, completion_tokens = 0.0, 0, 0
    for match in _PERF.finditer(log.read_text(errors="replace")):
        seconds += float(match["ms"]) / 1000
        if match["kind"] == "prompt eval":
            prompt_tokens += int(match["count"])
        else:
            completion_tokens += int(match["count"])
    return seconds, prompt_tokens, completion_tokens


_TOTAL = re.compile(r"total time =\s+(?P<ms>[\d.]+) ms")


def server_busy(log: Path) -> float:
    """Seconds the server spent on requests from start to end (its 'total time')."""
    return sum(float(m["ms"]) for m in _TOTAL.finditer(log.read_text(errors="replace"))) / 1000


def live(prompt: str) -> None:
    """One real embedded run of seeds/ and its ratio to the floor."""
    logs = cache_dir() / "logs"
    before = set(logs.glob("*.log")) if logs.is_dir() else set()
    with tempfile.TemporaryDirectory() as scratch:
        cassettes = Path(scratch) / "cassettes"
        options = RunOptions(
            output_dir=Path(scratch) / "out", prompt_version=prompt, record_mode="all",
            cassettes_dir=cassettes,
        )  # fmt: skip
        started = time.perf_counter()
        result = run_summarize([ROOT / "seeds"], resolve_model_config(), options)
        wall = time.perf_counter() - started
    [log] = sorted(set(logs.glob("*.log")) - before, key=lambda p: p.stat().st_mtime)[-1:]
    floor, evaluated, decoded = server_floor(log)
    usage = result.usage
    print(f"prompt {prompt}: {len(result.records)} ok, {len(result.failures)} failed")
    print(f"tokens sent {usage.prompt_tokens:,} in / {usage.completion_tokens:,} out; "
          f"server evaluated {evaluated:,} prompt tokens and decoded {decoded:,}")  # fmt: skip
    busy = server_busy(log)
    print(f"wall {wall:,.1f} s; floor {floor:,.1f} s (server's own prompt-eval + decode time)")
    print(f"the server was busy {busy:,.1f} s in all: {busy - floor:,.1f} s beyond the floor is "
          f"grammar set-up and constrained sampling; {wall - busy:,.1f} s is start-up and "
          "this tool")  # fmt: skip
    print(f"ratio to floor {wall / floor:.2f}" if floor else "ratio to floor n/a")


def slots(requests: int = 4) -> None:
    """Serial versus concurrent requests on the embedded llama.cpp server."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from summarizer.llm.providers.local_server import run_local_server
    from summarizer.llm.providers.model_store import DEFAULT_MODEL_NAME, default_model_path

    article = read_article(SEEDS[3]).body_text[:1500]
    with run_local_server(
        default_model_path(), DEFAULT_MODEL_NAME, 4096, cache_dir() / "logs"
    ) as base_url:

        def ask(n: int) -> None:
            question = f"{article}\n\nQuestion {n}: who took control of the city? One sentence."
            body = {"model": DEFAULT_MODEL_NAME, "max_tokens": 48, "temperature": 0,
                    "messages": [{"role": "user", "content": question}]}  # fmt: skip
            httpx.post(f"{base_url}/chat/completions", json=body, timeout=600).raise_for_status()

        ask(0)  # warm up
        started = time.perf_counter()
        for n in range(1, requests + 1):
            ask(n)
        serial = time.perf_counter() - started
        started = time.perf_counter()
        with ThreadPoolExecutor(requests) as pool:
            list(pool.map(ask, range(requests + 1, 2 * requests + 1)))
        concurrent = time.perf_counter() - started
    print(f"{requests} requests one after another: {serial:.1f} s")
    print(f"{requests} requests at once:          {concurrent:.1f} s "
          f"({serial / concurrent:.2f}x the throughput)")  # fmt: skip


def dev_predictions(prompt: str, dev_dir: Path) -> Path:
    """Run ``prompt`` on each dev story (its articles share an id prefix) and gather the
    records into dev/out/<prompt>/all."""
    import shutil

    stories: dict[str, list[Path]] = {}
    for path in sorted((dev_dir / "seeds").glob("*.txt")):
        stories.setdefault(path.stem.split("_")[0], []).append(path)
    gathered = dev_dir / "out" / prompt / "all"
    gathered.mkdir(parents=True, exist_ok=True)
    config = resolve_model_config()
    for story, paths in stories.items():
        options = RunOptions(output_dir=dev_dir / "out" / prompt / story, prompt_version=prompt)
        started = time.perf_counter()
        result = run_summarize(paths, config, options)
        print(f"{story}: {len(result.records)} ok, {len(result.failures)} failed, "
              f"{result.usage.completion_tokens:,} completion tokens, "
              f"{time.perf_counter() - started:,.0f} s")  # fmt: skip
        for failure in result.failures:
            print(f"  {failure.message}")
        for record in result.records:
            shutil.copy(options.output_dir / f"{record.article_id}.json", gathered)
    return gathered


def story_by_story(predictions: Path, gold: Path, seeds: Path) -> CorpusScore | None:
    """The comparison scored one story at a time (a user compares one story per run),
    the counts summed over the stories."""
    stories: dict[str, set[str]] = {}
    for path in sorted(gold.glob("*_*.json")):
        stories.setdefault(path.stem.split("_")[0], set()).add(path.stem)
    scores = [
        score
        for ids in stories.values()
        if (score := evaluate_folder(predictions, gold, seeds, only=ids).corpus) is not None
    ]
    return sum_corpus_scores(scores) if scores else None


def dev(prompt: str, against: str | None, dev_dir: Path) -> None:
    """Scores of ``prompt`` on the dev set (out of sample), beside ``against``'s."""
    from rich.console import Console

    from summarizer.cli import display

    console = Console()
    if not (dev_dir / "seeds").is_dir():
        raise SystemExit(f"no dev set in {dev_dir}: run `make dev-set` first")
    gold, seeds = dev_dir / "evals" / "gold", dev_dir / "seeds"
    gathered = dev_predictions(prompt, dev_dir)
    result = evaluate_folder(gathered, gold, seeds)
    result.corpus = None  # the folder mixes stories: their comparison is scored one by one
    bounds = metric_intervals(result)
    for table in display.eval_tables(result, bounds, None):
        console.print(table)
    corpus = story_by_story(gathered, gold, seeds)
    if corpus:
        console.print(display.corpus_table(corpus))
    for failure in result.failures:
        print(f"missing: {failure}")
    if against:
        other = evaluate_folder(dev_predictions(against, dev_dir), gold, seeds)
        differences = compare_results(other, result)
        for table in display.compare_tables(other, result, differences, local=True):
            console.print(table)


class PairJudgement(BaseModel):
    relation: Literal["contradicts", "supports", "unrelated"]


def pairs() -> None:
    """Judge the seeds' candidate claim pairs by the embedded model (one small choice per
    pair, both sentences shown) and by the rules, each against the corpus gold."""
    from collections import Counter

    from summarizer.evaluation.corpus_gold import load_corpus_gold
    from summarizer.evaluation.corpus_scoring import gold_relation
    from summarizer.evaluation.gold import load_gold
    from summarizer.llm.providers import open_client
    from summarizer.report.acts import story_names
    from summarizer.report.claim_pairs import candidate_pairs, claims_about, judge
    from summarizer.schemas import ArticleRecord

    folder = ROOT / "examples" / DEFAULT_PROMPT
    result = evaluate_folder(folder)
    records = [
        ArticleRecord.model_validate_json(p.read_text()) for p in sorted(folder.glob("0*.json"))
    ]
    story = story_names(records)
    claims = [
        c
        for r in records
        for c in claims_about(r, r.article_id, result.articles[r.article_id].text, story)
    ]
    corpus = load_corpus_gold(ROOT / "evals" / "gold", load_gold())
    assert corpus is not None
    scores = {a: v.score for a, v in result.articles.items()}
    config = resolve_model_config()
    tally: Counter[tuple[str, str, str]] = Counter()
    with open_client(config) as backend:
        client = backend.instructor()
        for first, second in candidate_pairs(claims):
            gold = gold_relation(first, second, corpus, scores)
            if gold is None:
                continue
            question = (
                "Two claims from news reports about the same story.\n"
                f"Claim A ({first.claim.claimant}): {first.sentence}\n"
                f"Claim B ({second.claim.claimant}): {second.sentence}\n"
                "Does claim A contradict claim B (one denies or states the opposite of what "
                "the other says happened), support it (both say the same thing happened), or "
                "are they unrelated (about different matters)?"
            )
            answer = client.chat.completions.create(
                model=config.model, response_model=PairJudgement, max_retries=1, temperature=0,
                max_tokens=20, messages=[{"role": "user", "content": question}],
                **config.request_extras(PairJudgement),
            )  # fmt: skip
            ruled = judge(first, second)
            tally[("model", answer.relation, gold)] += 1
            tally[("rules", ruled.relation if ruled else "unrelated", gold)] += 1
    for judge_name in ("rules", "model"):
        print(judge_name)
        for relation in ("contradicts", "supports", "unrelated"):
            said = {
                g: tally[(judge_name, relation, g)]
                for g in ("contradicts", "supports", "unrelated")
            }
            print(f"  says {relation:11}: gold " + ", ".join(f"{g} {n}" for g, n in said.items()))


def soak_run(articles: int, jobs: int) -> None:
    """``articles`` articles through the loopback replay server with random faults."""
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from soak import SOAK_FAULTS, soak

    with tempfile.TemporaryDirectory() as folder:
        result = soak(Path(folder), articles, jobs=jobs)
    print(f"soak: {result.articles:,} articles at -j {jobs}, faults {', '.join(SOAK_FAULTS)} "
          f"on 15% of {result.requests:,} requests")  # fmt: skip
    print(f"  {result.per_second:.1f} articles/s ({result.seconds:.0f} s), peak memory "
          f"{result.peak_megabytes:.0f} MB (Python allocations)")  # fmt: skip
    print(f"  records {result.records:,} (of which written with failed calls {result.partial:,}), "
          f"failed {result.failed:,}, unaccounted {len(result.unaccounted)}, "
          f"half-written files {len(result.half_written)}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "mode",
        nargs="?",
        choices=("offline", "live", "load", "slots", "dev", "pairs", "soak"),
        default="offline",
    )
    parser.add_argument("--against", default=None, help="dev: a version to compare with")
    parser.add_argument("--dev", type=Path, default=ROOT / "dev", help="dev: the dev-set folder")
    parser.add_argument("--articles", type=int, default=40, help="load: 40; soak: 1,000")
    parser.add_argument("--jobs", type=int, default=8, help="soak: articles at a time")
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--prompt", default=DEFAULT_PROMPT)
    args = parser.parse_args()
    if args.mode == "live":
        live(args.prompt)
        return
    if args.mode == "dev":
        dev(args.prompt, args.against, args.dev)
        return
    if args.mode == "slots":
        slots()
        return
    if args.mode == "pairs":
        pairs()
        return
    if args.mode == "soak":
        soak_run(args.articles if args.articles != 40 else 1000, args.jobs)
        return
    if args.mode == "load":
        load(args.prompt, args.articles, args.latency)
        return
    article = read_article(SEEDS[3])
    searchable = article.searchable()
    needle = "We announce the complete liberation of Homs city"
    cases: list[tuple[str, Callable[[], object], int]] = [
        (f"offline replay of seeds/ ({args.prompt}, 5 articles)", lambda: replay(args.prompt), 1),
        (
            f"rerun of seeds/ from the response cache ({args.prompt})",
            lambda: replay(args.prompt, use_cache=True),
            1,
        ),  # fmt: skip
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
