"""Options several commands share, and the run settings built from them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from summarizer.errors import UsageError
from summarizer.layouts.prompts import DEFAULT_PROMPT
from summarizer.llm.providers import ModelConfig, resolve_model_config
from summarizer.llm.recording import RECORD_MODES
from summarizer.run.extract import ExtractionSettings
from summarizer.run.pipeline import RunOptions

MODEL_OPTIONS = [
    click.option(
        "--model",
        "-m",
        help="Model name (default: gpt-4.1-mini with "
        "OPENAI_API_KEY, else the embedded qwen2.5-coder-1.5b-instruct-q4_k_m).",
    ),
    click.option(
        "--base-url",
        envvar="OPENAI_BASE_URL",
        show_envvar=True,
        help="Any OpenAI-compatible server (Ollama, vLLM, llama.cpp).",
    ),
    click.option(
        "--model-path",
        type=click.Path(path_type=Path),
        help="Run the embedded llama.cpp server on this GGUF instead of the default.",
    ),
    click.option(
        "--prompt",
        "prompt_version",
        default=DEFAULT_PROMPT,
        show_default=True,
        help="Prompt version (`summarize prompts` lists them; a project's own prompts/ "
        "folder can add or override versions).",
    ),
    click.option(
        "--record",
        "record_mode",
        type=click.Choice(RECORD_MODES),
        help="Record model calls to cassettes/ (vcrpy record mode).",
    ),
    click.option(
        "--offline",
        is_flag=True,
        help="Replay recorded calls only (same as --record none); no model, no network.",
    ),
    click.option(
        "--max-retries",
        default=1,
        show_default=True,
        type=click.IntRange(0, 5),
        help="Re-asks when evidence is not found verbatim in the article.",
    ),
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(1, 256),
        help="Model requests at once, across articles (default: 1 for the embedded "
        "model, 8 for remote servers). Halves on 429/503 and grows back. Runs "
        "that record or replay cassettes go one article at a time.",
    ),
    click.option(
        "--no-cache",
        is_flag=True,
        help="Neither read nor write the response cache (`summarize cache info`).",
    ),
    click.option(
        "--cassettes",
        "cassettes_dir",
        type=click.Path(path_type=Path),
        help="Cassette folder (default: cassettes/ of the project in the current folder).",
    ),
]
"""Options shared by every command that talks to a model."""


def model_options(function: Any) -> Any:
    """Add ``MODEL_OPTIONS`` to a command."""
    for option in reversed(MODEL_OPTIONS):
        function = option(function)
    return function


def build_run_options(output: Path | None, **kwargs: Any) -> RunOptions:
    """The run the model options ask for (``output``: its folder, None for an eval)."""
    if kwargs["offline"] and kwargs["record_mode"] not in (None, "none"):
        raise UsageError("--offline replays only; it cannot be combined with --record")
    options = RunOptions(
        output_dir=output,
        prompt_version=kwargs["prompt_version"],
        record_mode="none" if kwargs["offline"] else kwargs["record_mode"],
        settings=ExtractionSettings(max_retries=kwargs["max_retries"]),
        jobs=kwargs.get("jobs"),
        use_cache=not kwargs.get("no_cache", False),
    )
    if kwargs.get("cassettes_dir"):
        options.cassettes_dir = kwargs["cassettes_dir"]
    return options


GOLD_OPTION = click.option(
    "--gold",
    "gold_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Gold folder (default: evals/gold/ of the project in the current folder).",
)


ARTICLES_OPTION = click.option(
    "--articles",
    "articles_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of the gold's articles (default: seeds/ of the project in the current folder).",
)


def model_config(kwargs: dict[str, Any]) -> ModelConfig:
    """The model that ``--model``, ``--base-url`` and ``--model-path`` name."""
    return resolve_model_config(kwargs["model"], kwargs["base_url"], kwargs["model_path"])
