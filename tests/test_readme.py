"""The README's "Layout" section names only paths that exist.

The Layout is a `text` code block: a line that starts at the margin names top-level folders
(`interviewkit/`, columns two or more spaces apart) and, in a folder's list, its modules and
folders (`models, access, services/`; a path that starts with the folder is written from the
root); an indented line lists more of the folder above it. `<app>` stands for each app.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("interviewkit", "scorecards")
PATH_TOKEN = re.compile(r"[\w<>.-]+/[\w<>/.…-]*")
MODULE = re.compile(r"[a-z_]+")


def layout_block(readme: str) -> str:
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```text\n", 1)[1].split("```", 1)[0]


def named_paths(block: str) -> list[str]:
    """Every path the block names, relative to the repository's root."""
    paths: list[str] = []
    folder = ""
    for line in block.splitlines():
        if not line.strip():
            continue
        indented = line[0].isspace()
        for column in re.split(r"\s{2,}", line.strip()):
            first = PATH_TOKEN.match(column)
            if first and not indented:
                folder = first.group().rstrip("…")
                paths += expand(folder.rstrip("/"))
                column = column[first.end() :]
            paths += listed(column, folder)
    return paths


def listed(text: str, folder: str) -> list[str]:
    """The folders and modules a list names: inside `folder` unless written from the root."""
    paths = []
    for item in (item.strip() for item in re.split(r"[,()]", text)):
        for token in PATH_TOKEN.findall(item):
            path = token.rstrip("…").rstrip("/")
            paths += expand(path if path.startswith(folder) else folder + path)
        if MODULE.fullmatch(item):
            paths.append(folder + item)
    return paths


def expand(path: str) -> list[str]:
    return [path.replace("<app>", app) for app in APPS] if "<app>" in path else [path]


def exists(path: str) -> bool:
    target = ROOT / path
    return target.exists() or target.with_suffix(".py").exists()


def test_every_path_in_the_layout_exists():
    paths = named_paths(layout_block((ROOT / "README.md").read_text()))
    assert len(paths) > 20, paths  # the block was found and read
    missing = [path for path in paths if not exists(path)]
    assert not missing, f"The README's Layout names paths that do not exist: {missing}"


def test_the_check_reads_folders_modules_and_apps():
    block = (
        "interviewkit/  settings, URLs (models, no_such_module)\n"
        "  editor/  gone/\n"
        "templates/<app>/…   tests/ (tests/browser/ drives Chromium)\n"
    )
    assert named_paths(block) == [
        "interviewkit",
        "interviewkit/settings",
        "interviewkit/models",
        "interviewkit/no_such_module",
        "interviewkit/editor",
        "interviewkit/gone",
        "templates/interviewkit",
        "templates/scorecards",
        "tests",
        "tests/browser",
    ]
    assert [path for path in named_paths(block) if not exists(path)] == [
        "interviewkit/no_such_module",
        "interviewkit/gone",
    ]
