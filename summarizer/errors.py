"""One root exception with a few subclasses, so the CLI can print one clear line."""

from __future__ import annotations

from typing import TypeVar


class SummarizerError(Exception):
    """Root of every error the tool reports to a user."""


class InputError(SummarizerError):
    """A single input file cannot be used; other inputs still run."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ModelError(SummarizerError):
    """The model could not be reached, started, or gave unusable output."""


class CassetteMissError(SummarizerError):
    """An offline replay asked for a model call that was never recorded."""


class GoldError(SummarizerError):
    """A gold file is malformed or its evidence is not in its article."""


class UsageError(SummarizerError):
    """The command line asks for something impossible (exit code 2)."""


E = TypeVar("E", bound=BaseException)


def find_in_chain(error: BaseException, kind: type[E]) -> E | None:
    """The first exception of ``kind`` in ``error``'s chain of causes: libraries wrap
    what they catch (instructor wraps the openai client, which wraps the HTTP layer)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


class CutOffError(ModelError):
    """The model's reply ran past the call's output limit (max_tokens)."""
