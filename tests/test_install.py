"""Installed the ordinary way (a wheel in a fresh venv), the tool runs outside the repo."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from summarizer.layouts.prompts import load_prompt

ROOT = Path(__file__).resolve().parent.parent


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_wheel_runs_offline_from_a_project_folder_and_from_elsewhere(tmp_path: Path) -> None:
    dist = str(tmp_path / "dist")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "--no-index", "-q", "-w", dist, str(ROOT)], tmp_path)  # fmt: skip
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("summarizer-*.whl")
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], tmp_path).returncode == 0
    python = venv / "bin" / "python"
    installed = _run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                      str(wheel)], tmp_path)  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    # The dependencies come from the test environment (offline), the package from the wheel.
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                tmp_path).stdout.strip()  # fmt: skip
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = _run([str(python), "-c", "import summarizer; print(summarizer.__file__)"], tmp_path)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    summarize = str(venv / "bin" / "summarize")
    out = tmp_path / "out"

    run = _run([summarize, "seeds/", "--offline", "-o", str(out)], ROOT)
    assert run.returncode == 0, run.stderr
    assert (out / "report.md").is_file() and len(list(out.glob("0*.json"))) == 5

    scored = _run([summarize, "eval", "--offline", "--json"], ROOT)
    assert scored.returncode == 0, scored.stderr
    assert '"events"' in scored.stdout

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "report.md").unlink()
    rebuilt = _run([summarize, "report", str(out)], elsewhere)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert (out / "report.md").is_file()
    versions = _run([summarize, "prompts"], elsewhere)
    assert versions.returncode == 0 and "v6 (default)" in versions.stdout
    code = "from summarizer.layouts.prompts import load_prompt as l; p = l('v6')"
    shipped = _run([str(python), "-c", f"{code}; print(p.template_hash, p.folder)"], elsewhere)
    template_hash, folder = shipped.stdout.split()
    assert template_hash == load_prompt("v6").template_hash and folder.startswith(str(venv))
    assert os.environ["SUMMARIZER_HOME"] != str(Path.home())
