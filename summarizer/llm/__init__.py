"""Stage 4, ask: the one place that talks to a model (instructor over the openai client),
its recordings (vcrpy cassettes) and the model providers (a key, a server, or the
embedded llama.cpp default).
"""

from __future__ import annotations

from summarizer._exports import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    """
    summarizer.llm.ask: ExtractionSettings Session asking
    summarizer.llm.providers: ModelConfig open_client resolve_model_config
    summarizer.llm.recording: cassette_path use_cassette
    """,
)
