"""``python -m summarizer`` is the ``summarize`` command."""

from summarizer.cli.commands import main

main()
