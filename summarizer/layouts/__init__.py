"""Stage 3, the division of work between code and model: a prompt version's layout (named
in its ``prompt.toml``) finds what code can, asks the model the rest, and builds the
record's parts. One protocol (``base.Layout``), every layout registered by name once.
"""
