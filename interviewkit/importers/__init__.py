"""Document importers: one parser per document shape, all reading by structure.

`parse_document(name, raw)` returns the documents found in one file (a kit export made with
`--all` holds several) or raises `DocumentError` with a one-line reason.
"""

from __future__ import annotations

import json

from interviewkit.importers import blueprint, brief, postings
from interviewkit.importers.common import extract
from interviewkit.importers.document import sections_from_markdown
from interviewkit.importers.kitdata import DocumentError, KitData, ParsedDocument
from interviewkit.importers.words import role_title

__all__ = ["DocumentError", "KitData", "ParsedDocument", "decode", "parse_document"]


def decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from None
    if "\x00" in text:
        raise DocumentError("not a text document (it contains NUL bytes)")
    return text


def parse_document(name: str, raw: bytes) -> list[ParsedDocument]:
    text = decode(raw)
    stripped = text.lstrip()
    if not stripped:
        raise DocumentError("the file is empty")
    if stripped[0] in "[{":
        return _parse_json(name, stripped)
    return [_parse_markdown(name, text)]


def _parse_json(name: str, text: str) -> list[ParsedDocument]:
    # Imported here: kit_json needs the models, the Markdown parsers do not.
    from interviewkit import kit_json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if blueprint.matches(data):
        return [blueprint.parse(name, data)]
    if kit_json.matches(data):
        return kit_json.parse(name, data)
    raise DocumentError(
        "not a role document: JSON that is neither a WordPress post nor an exported kit"
    )


def _parse_markdown(name: str, text: str) -> ParsedDocument:
    sections = sections_from_markdown(text)
    heading = next((s.title for s in sections if s.level == 1), "")
    if not heading:
        heading = next((s.title for s in sections if s.level >= 1), "")
    if not heading:
        raise DocumentError("not a role document: it has no title heading")
    title = role_title(heading)
    for shape in (postings, brief):
        if shape.matches(sections):
            return shape.parse(name, sections, title)
    # Any other Markdown document (a blueprint written in Markdown) imports if it carries a
    # weight table; `extract` says clearly when it carries no weights at all.
    return extract(name, sections, title=title, shape="Markdown blueprint")
