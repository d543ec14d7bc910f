"""The ``summarize`` command: parse options, call the library, print.
"""

from summarizer.cli.commands import cli, main

__all__ = ["cli", "main"]
