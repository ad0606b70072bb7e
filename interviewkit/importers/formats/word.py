"""Word `.docx` documents (python-docx) as HTML: headings by paragraph style, bulleted and
numbered lists by style or numbering, bold lead-ins, and tables, in document order."""

from __future__ import annotations

import io
import zipfile
from html import escape

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from interviewkit.importers import limits
from interviewkit.importers.kitdata import DocumentError


def _heading_level(paragraph: Paragraph) -> int | None:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return 1
    if style.startswith("Heading"):
        digits = style.removeprefix("Heading").strip()
        return min(6, int(digits)) if digits.isdigit() else 2
    return None


def _list_kind(paragraph: Paragraph) -> str | None:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if "Number" in style:
        return "ol"
    if "List" in style or "Bullet" in style:
        return "ul"
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return "ul"
    return None


def _inline_html(paragraph: Paragraph) -> str:
    """Runs as HTML, a bold lead-in kept as <strong> so it can name the item."""
    parts: list[str] = []
    for run in paragraph.runs:
        text = escape(run.text)
        if not text:
            continue
        parts.append(f"<strong>{text}</strong>" if run.bold else text)
    return "".join(parts).replace("</strong><strong>", "")


def _table_html(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = "".join(f"<td>{escape(cell.text.strip())}</td>" for cell in row.cells)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table>{''.join(rows)}</table>"


def docx_html(raw: bytes) -> tuple[str, str]:
    """(title, HTML) of a Word document; DocumentError when it cannot be opened."""
    try:
        document = Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"a damaged Word document (it cannot be opened: {exc})") from None
    title = (document.core_properties.title or "").strip()
    html: list[str] = []
    open_list: str | None = None
    count = 0
    for block in document.iter_inner_content():
        count += 1
        if count % 200 == 0:
            limits.check_time(f"paragraph {count}")
        if isinstance(block, Table):
            limits.check_rows(len(block.rows), f"table {count}")
            if open_list:
                html.append(f"</{open_list}>")
                open_list = None
            html.append(_table_html(block))
            continue
        text = _inline_html(block)
        if not text.strip():
            continue
        level = _heading_level(block)
        kind = None if level else _list_kind(block)
        if open_list and kind != open_list:
            html.append(f"</{open_list}>")
            open_list = None
        if level:
            html.append(f"<h{level}>{text}</h{level}>")
        elif kind:
            if open_list is None:
                html.append(f"<{kind}>")
                open_list = kind
            html.append(f"<li>{text}</li>")
        else:
            html.append(f"<p>{text}</p>")
    if open_list:
        html.append(f"</{open_list}>")
    return title, "\n".join(html)
