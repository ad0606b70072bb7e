"""Bounds on the work one document may cause: size, nesting, rows, items and time.

Every bound is checked before the expensive step it protects (a JSON or HTML document is scanned
for its nesting depth before it is parsed, table rows are counted before they are read), so a
worst-case upload is refused in a fraction of a second with the place where the limit was hit.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from interviewkit.importers.kitdata import DocumentError

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_NESTING = 40
MAX_TABLE_ROWS = 200
MAX_LIST_ITEMS = 1000
MAX_PDF_PAGES = 40
# What one kit may hold. Twelve dimensions is the largest seed kit; grouping a job description
# aims for four to eight and never makes more than MAX_GROUPED_DIMENSIONS.
MAX_DIMENSIONS = 12
MAX_GROUPED_DIMENSIONS = 8
MAX_EXERCISES = 12
MAX_SIGNALS = 80
TIME_BUDGET_SECONDS = 3.0

_deadline: ContextVar[float | None] = ContextVar("import_deadline", default=None)


@contextmanager
def time_budget(seconds: float = TIME_BUDGET_SECONDS) -> Iterator[None]:
    """Reading inside this block stops with a DocumentError once `seconds` have passed."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_time(where: str) -> None:
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise DocumentError(
            f"the document takes too long to read (over {TIME_BUDGET_SECONDS:g} s, "
            f"stopped at {where}); split it into smaller documents"
        )


def check_size(raw: bytes) -> None:
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"the document is too large ({len(raw) / 1024 / 1024:.1f} MB; at most "
            f"{MAX_DOCUMENT_BYTES // 1024 // 1024} MB)"
        )


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def check_json_nesting(text: str) -> None:
    """Refuse JSON nested deeper than MAX_NESTING before `json.loads` recurses into it."""
    depth = 0
    for match in JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise DocumentError(
                    f"the JSON is nested more than {MAX_NESTING} levels deep "
                    f"(line {_line_of(text, match.start())})"
                )
        elif token in "]}":
            depth -= 1


VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr", "param",
}  # fmt: skip
HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")


def check_html_nesting(html: str, where: str = "the HTML") -> None:
    """Refuse HTML nested deeper than MAX_NESTING (50,000 nested spans would make every tree walk
    recurse 50,000 times). A tag scan, linear in the size of the text."""
    depth = 0
    for match in HTML_TAG.finditer(html):
        closing, name, self_closing = match.groups()
        name = name.lower()
        if name in VOID_ELEMENTS or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > MAX_NESTING:
            raise DocumentError(
                f"{where} is nested more than {MAX_NESTING} elements deep "
                f"(line {_line_of(html, match.start())}, <{name}>)"
            )


# Lines that open nested blocks in Markdown: blockquote markers and indented list markers.
NESTED_LINE = re.compile(rf"^((?:[ \t]*>)+|[ \t]{{{2 * MAX_NESTING},}}[-*+][ \t])", re.MULTILINE)
TABLE_LINE = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)


def check_markdown(text: str) -> None:
    """Nesting and table size of a Markdown or plain-text document, before it is parsed."""
    for match in NESTED_LINE.finditer(text):
        if match.group(1).count(">") > MAX_NESTING or len(match.group(1)) > 2 * MAX_NESTING:
            raise DocumentError(
                f"the document is nested more than {MAX_NESTING} levels deep "
                f"(line {_line_of(text, match.start())})"
            )
    run_start, run, previous_end = 0, 0, -2
    for match in TABLE_LINE.finditer(text):
        if match.start() == previous_end + 1:
            run += 1
        else:
            run_start, run = match.start(), 1
        previous_end = match.end()
        # A table is its header, a delimiter row and its body rows.
        if run > MAX_TABLE_ROWS + 2:
            raise DocumentError(
                f"the table starting at line {_line_of(text, run_start)} has more than "
                f"{MAX_TABLE_ROWS} rows (at most {MAX_TABLE_ROWS})"
            )


def check_rows(count: int, where: str) -> None:
    if count > MAX_TABLE_ROWS:
        raise DocumentError(f"the table in {where} has {count} rows (at most {MAX_TABLE_ROWS})")


def check_items(count: int, where: str) -> None:
    if count > MAX_LIST_ITEMS:
        raise DocumentError(f"the document has more than {MAX_LIST_ITEMS} list items (at {where})")


def check_kit_counts(*, dimensions: int, exercises: int, signals: int, where: str) -> None:
    for count, limit, noun in (
        (dimensions, MAX_DIMENSIONS, "dimensions"),
        (exercises, MAX_EXERCISES, "exercises"),
        (signals, MAX_SIGNALS, "signals"),
    ):
        if count > limit:
            raise DocumentError(f"{where} has {count} {noun}; a kit holds at most {limit}")
