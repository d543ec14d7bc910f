"""Follow the articles of a replayed run through the calls: how often the driver goes
down into another module and comes back, and how often each finder runs per article.

    python scripts/walk.py                 # the default version on seeds/, offline
    python scripts/walk.py --prompt v5

An older tree (before the driver was ``run/extract.py``): copy this script into a
worktree of it, run it there with ``PYTHONPATH=<worktree>`` and ``--driver
summarizer/extract.py``.

A call from the driver (the module that takes one article down the stack) into another
module of the package is one descent, and its return one climb back up. A finder entry
is a call into ``finders/`` or ``text/`` from outside its own module.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import threading
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "summarizer"
FINDER_FOLDERS = ("finders", "text")


def _module(filename: str) -> str | None:
    path = Path(filename)
    if not path.is_relative_to(PACKAGE):
        return None
    return path.relative_to(ROOT).as_posix()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt", default=None, help="prompt version (default: the tool's)")
    parser.add_argument("--driver", default="summarizer/run/extract.py")
    parser.add_argument("--seeds", default="seeds")
    args = parser.parse_args()
    descents: collections.Counter[str] = collections.Counter()
    finders: collections.Counter[str] = collections.Counter()
    lock = threading.Lock()

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event != "call" or frame.f_back is None:
            return
        callee = _module(frame.f_code.co_filename)
        caller = _module(frame.f_back.f_code.co_filename)
        if callee is None or callee == caller or frame.f_code.co_name.startswith("<"):
            return
        name = f"{callee}:{frame.f_code.co_name}"
        with lock:
            if caller == args.driver:
                descents[name] += 1
            if callee.split("/")[1] in FINDER_FOLDERS and caller is not None:
                finders[name] += 1

    os.chdir(ROOT)
    from summarizer.cli import cli

    articles = len(list((ROOT / args.seeds).glob("*.txt")))
    with tempfile.TemporaryDirectory() as out:
        command = [args.seeds, "--offline", "--no-cache", "-j", "1", "-o", out]
        command += ["--prompt", args.prompt] if args.prompt else []
        threading.setprofile(profile)
        sys.setprofile(profile)
        try:
            cli.main(command, standalone_mode=False)
        except SystemExit:
            pass
        finally:
            sys.setprofile(None)
            threading.setprofile(None)  # type: ignore[arg-type]
    total = sum(descents.values())
    print(f"{articles} articles; the driver ({args.driver}) went down and climbed back up "
          f"{total / articles:.1f} times per article:")  # fmt: skip
    for name, count in descents.most_common():
        print(f"  {count / articles:5.1f}  {name}")
    print("finder entries per article (calls into finders/ and text/ from outside):")
    for name, count in sorted(finders.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {count / articles:5.1f}  {name}")


if __name__ == "__main__":
    main()
