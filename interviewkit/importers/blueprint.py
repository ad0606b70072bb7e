"""A role blueprint exported from WordPress's REST API: JSON whose `content.rendered` is the HTML
article. Its hiring section has a scorecard table with a Weight column, exercises with their
durations, "what to assess" probes, and strong / weak / red-flag signal lists."""

from __future__ import annotations

import html

from interviewkit.importers import limits
from interviewkit.importers.common import extract
from interviewkit.importers.document import sections_from_html
from interviewkit.importers.kitdata import DocumentError, ParsedDocument
from interviewkit.importers.names import shown_document_name
from interviewkit.importers.words import role_title

SHAPE = "WordPress blueprint"


def matches(data: object) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("content"), dict)
        and "rendered" in data["content"]
    )


def _rendered(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("rendered", "")
    return value if isinstance(value, str) else ""


def parse(name: str, data: dict) -> ParsedDocument:
    heading = html.unescape(_rendered(data.get("title"))).strip()
    content = _rendered(data.get("content"))
    if not content.strip():
        raise DocumentError("not a role document: the WordPress export has no content")
    limits.check_html_nesting(content, "the WordPress content")
    sections = sections_from_html(content)
    if not heading:
        raise DocumentError("not a role document: the WordPress export has no title")
    title = role_title(heading)
    return extract(shown_document_name(name, title), sections, title=title, shape=SHAPE)
