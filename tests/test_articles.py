from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.text.articles import collect_paths, html_to_text, read_article


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "file is empty", id="empty"),
        pytest.param(b"  \n\t\n", "file is empty", id="whitespace_only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text", id="binary"),
        pytest.param(
            "Caf\u00e9 news".encode("latin-1"),
            "not UTF-8 text (invalid byte 0xe9 at offset 3)",
            id="latin1",
        ),
        pytest.param(b"Comments\nLeave a comment\n", "no article text left", id="only_furniture"),
    ],
)
def test_bad_files_are_refused_with_one_line_naming_the_file(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_article(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: ")
    assert message in text
    assert "\n" not in text


def test_missing_path_is_reported_not_raised(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Headline\nBody.")
    files, errors = collect_paths([good, tmp_path / "missing.txt"])
    assert files == [good]
    assert [str(e) for e in errors] == [f"{tmp_path / 'missing.txt'}: no such file or directory"]


def test_folders_expand_to_supported_files_in_order(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "c.html", "notes.pdf"):
        (tmp_path / name).write_text("x")
    files, errors = collect_paths([tmp_path])
    assert [f.name for f in files] == ["a.txt", "b.md", "c.html"]
    assert errors == []


def test_html_is_read_as_its_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><style>p{}</style><script>var x=1;</script></head>"
        "<body><h1>Rebels take Homs</h1><p>Fighters  entered the city.</p></body></html>"
    )
    assert read_article(path).text == "Rebels take Homs\nFighters entered the city."
    assert html_to_text("<p>a</p><p>b</p>") == "a\nb"


def test_a_broken_link_in_a_folder_gets_its_own_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rebels took the town.\n", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    files, errors = collect_paths([tmp_path])
    assert [f.name for f in files] == ["a.txt"]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'gone.txt'}: broken link: its target does not exist"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_named_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Rebels took the town.\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="locked.txt: cannot read file \\(Permission denied\\)"):
        read_article(path)


def test_the_suggested_record_command_is_shell_quoted(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from summarizer.cli.commands import cli

    path = tmp_path / "my article.txt"
    path.write_text("Council agrees budget\n\nThe council agreed the budget on Monday.\n")
    result = CliRunner().invoke(cli, [str(path), "--offline", "-o", str(tmp_path / "out")])
    assert f"record it with: summarize '{path}' --prompt" in result.stderr
