"""Each package's public names resolve to what they name, imported when first used."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import pytest

PACKAGES = [
    "summarizer", "summarizer.text", "summarizer.finders", "summarizer.layouts",
    "summarizer.llm", "summarizer.run", "summarizer.report", "summarizer.evaluation",
]  # fmt: skip


@pytest.mark.parametrize("name", PACKAGES)
def test_every_public_name_of_a_package_resolves(name: str) -> None:
    package = importlib.import_module(name)
    assert package.__all__
    for public in package.__all__:
        value = getattr(package, public)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__name__ == public, (name, public)
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018


def test_showing_results_loads_no_run_layout_or_model_code() -> None:
    """What scores, gates and shows an eval does not import the pipeline (a fresh process:
    this one has imported everything)."""
    code = (
        "import sys\n"
        "import summarizer.evaluation.results, summarizer.evaluation.gate\n"
        "import summarizer.evaluation.explain, summarizer.evaluation.store\n"
        "import summarizer.evaluation.compare_page\n"
        "print(sorted({m for m in sys.modules if m.startswith(('summarizer.run', "
        "'summarizer.layouts', 'summarizer.llm'))}))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]"
