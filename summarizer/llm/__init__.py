"""Stage 4, ask: the one place that talks to a model (instructor over the openai client),
its recordings (vcrpy cassettes) and the model providers (a key, a server, or the
embedded llama.cpp default).
"""
