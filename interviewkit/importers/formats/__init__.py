"""Every format a role document comes in, recognised by its content first and its file name
second, read into one of two things: JSON data, or text the section parsers read (Markdown or
HTML) with the title the format itself carries (front matter, document properties, page title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from interviewkit.importers import limits
from interviewkit.importers.formats.text import plain_to_markdown, split_front_matter
from interviewkit.importers.kitdata import DocumentError

MARKDOWN = "Markdown"
PLAIN = "plain text"
HTML = "HTML"
WORD = "Word"
PDF = "PDF"
JSON = "JSON"

HTML_START = re.compile(r"\A\s*(<!doctype html|<html|<head|<body|<!--)", re.IGNORECASE)
HTML_BLOCK = re.compile(r"<(h[1-6]|p|ul|ol|li|div|section|article|table)\b[^>]*>", re.I)
MARKDOWN_SIGNS = re.compile(r"^(#{1,6}\s|\s*[-*+]\s|\s*\d+\.\s|\|.*\|)", re.MULTILINE)


@dataclass
class Readable:
    format: str
    text: str = ""  # Markdown or HTML
    title: str = ""
    json_text: str = ""
    front_matter: dict[str, str] | None = None


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


def _binary_kind(raw: bytes, suffix: str) -> str | None:
    if raw.startswith(b"%PDF"):
        return PDF
    if raw.startswith(b"PK\x03\x04"):
        if b"word/" in raw[:65536] or suffix == ".docx":
            return WORD
        raise DocumentError("a ZIP archive that is not a Word document: upload the document itself")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        # The OLE container: an old .doc, or a .docx saved with a password (Word encrypts it so).
        raise DocumentError(
            "a password-protected or old-format (.doc) Word file: save it as .docx without a "
            "password"
        )
    if raw.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise DocumentError("an image, not a document: it has no text to read")
    if suffix == ".pdf":
        raise DocumentError("a damaged PDF (it does not start with %PDF)")
    if suffix == ".docx":
        raise DocumentError("a damaged Word document (it is not a .docx package)")
    return None


def read_document(name: str, raw: bytes) -> Readable:
    limits.check_size(raw)
    suffix = PurePath(name).suffix.lower()
    kind = _binary_kind(raw, suffix)
    if kind == PDF:
        from interviewkit.importers.formats.pdf import pdf_markdown

        text = plain_to_markdown(pdf_markdown(raw))
        limits.check_markdown(text)
        return Readable(format=PDF, text=text)
    if kind == WORD:
        from interviewkit.importers.formats.word import docx_html

        title, html = docx_html(raw)
        limits.check_html_nesting(html, "the Word document")
        return Readable(format=WORD, text=html, title=title)
    text = decode(raw)
    stripped = text.lstrip()
    if not stripped:
        raise DocumentError("the file is empty")
    if stripped[0] in "[{" and suffix not in (".html", ".htm"):
        limits.check_json_nesting(stripped)
        return Readable(format=JSON, json_text=stripped)
    if (
        suffix in (".html", ".htm")
        or HTML_START.match(text)
        or (
            suffix not in (".md", ".markdown", ".txt")
            and len(HTML_BLOCK.findall(text[:20000])) >= 3
        )
    ):
        limits.check_html_nesting(text)
        return Readable(format=HTML, text=text)
    front, body = split_front_matter(text)
    if not body.strip():
        raise DocumentError("the file is empty (it has front matter and nothing else)")
    limits.check_markdown(body)
    is_markdown = suffix in (".md", ".markdown") or bool(MARKDOWN_SIGNS.search(body))
    return Readable(
        format=MARKDOWN if is_markdown else PLAIN,
        text=plain_to_markdown(body),
        title=front.get("title", "") or front.get("role", "") or front.get("position", ""),
        front_matter=front,
    )
