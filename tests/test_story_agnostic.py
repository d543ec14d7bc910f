"""Nothing story-specific in the code: finders and rules must work on any story."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "summarizer"
STORY_WORDS = re.compile(r"\b(hts|homs|assad|syria|syrian|hama|aleppo|damascus)\b", re.I)


def _code_strings(tree: ast.AST) -> list[str]:
    """String constants that are not docstrings (docstrings may cite the seeds)."""
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                docstrings.add(id(body[0].value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docstrings
    ]  # fmt: skip


def test_no_story_words_in_the_package_code() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name)]
        for text in _code_strings(tree) + names:
            if STORY_WORDS.search(text):
                offenders.append(f"{path.name}: {text[:60]!r}")
    assert offenders == []
