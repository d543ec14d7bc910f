"""One root exception with a few subclasses, so the CLI can print one clear line."""

from __future__ import annotations


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
