"""Stage 4, ask: the one place that talks to a model (instructor over the openai client),
its recordings (vcrpy cassettes) and the model providers (a key, a server, or the
embedded llama.cpp default).
"""

from summarizer.llm.ask import ExtractionSettings, Session, asking
from summarizer.llm.providers import ModelConfig, open_client, resolve_model_config
from summarizer.llm.recording import cassette_path, use_cassette

__all__ = [
    "ExtractionSettings",
    "ModelConfig",
    "Session",
    "asking",
    "cassette_path",
    "open_client",
    "resolve_model_config",
    "use_cassette",
]
