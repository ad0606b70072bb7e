"""PDF documents (pdfminer.six) as Markdown: the text layer line by line, lines set larger than
the body text (or wholly bold and short) as headings, bullets and numbers as list items."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSException

from interviewkit.importers import limits
from interviewkit.importers.formats.text import BULLET, NUMBERED
from interviewkit.importers.kitdata import DocumentError


def _line_facts(line: LTTextLine) -> tuple[str, float, bool]:
    chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
    text = re.sub(r"\s+", " ", line.get_text()).strip()
    if not chars:
        return text, 0.0, False
    size = max(round(c.size, 1) for c in chars)
    bold = all("bold" in c.fontname.lower() for c in chars)
    return text, size, bold


@dataclass
class _Line:
    text: str
    size: float
    bold: bool
    top: float
    bottom: float
    left: float


def _page_lines(page) -> list[_Line]:
    """The page's text lines top to bottom; pieces on one baseline (a bullet set apart from its
    text, table cells) joined left to right."""
    pieces: list[_Line] = []
    for box in page:
        if not isinstance(box, LTTextContainer):
            continue
        for line in box:
            if isinstance(line, LTTextLine):
                text, size, bold = _line_facts(line)
                if text:
                    pieces.append(_Line(text, size, bold, line.y1, line.y0, line.x0))
    pieces.sort(key=lambda p: (-p.top, p.left))
    rows: list[list[_Line]] = []
    for piece in pieces:
        if rows and abs(rows[-1][0].top - piece.top) <= max(2.0, piece.size * 0.3):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda p: p.left)
        text_pieces = [p for p in row if p.text not in BULLET_GLYPHS] or row
        lines.append(
            _Line(
                " ".join(p.text for p in row),
                max(p.size for p in text_pieces),
                all(p.bold for p in text_pieces),
                max(p.top for p in row),
                min(p.bottom for p in row),
                row[0].left,
            )
        )
    return lines


BULLET_GLYPHS = {"•", "·", "▪", "◦", "○", "●", "■", "–", "-"}


def pdf_markdown(raw: bytes) -> str:
    """The PDF's text as Markdown; DocumentError for a locked, damaged, scanned or huge PDF."""
    pages: list[list[_Line]] = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(raw), laparams=LAParams()), 1):
            if number > limits.MAX_PDF_PAGES:
                raise DocumentError(
                    f"the PDF has more than {limits.MAX_PDF_PAGES} pages (stopped at page {number})"
                )
            limits.check_time(f"page {number}")
            pages.append(_page_lines(page))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DocumentError(
            "the PDF is password-protected: save a copy without a password"
        ) from None
    except (PDFSyntaxError, PSException, PDFException, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(f"a damaged PDF (it cannot be read: {type(exc).__name__})") from None
    if not pages:
        raise DocumentError("a damaged PDF (it has no pages)")
    if not any(pages):
        raise DocumentError(
            f"the PDF has no text layer on any of its {len(pages)} page(s) (a scan?): "
            "export it again from the original document, or paste its text"
        )
    sizes = Counter(line.size for lines in pages for line in lines for _ in line.text)
    body = sizes.most_common(1)[0][0]
    heading_sizes = sorted({s for s in sizes if s >= body * 1.15}, reverse=True)[:5]
    out: list[str] = []
    for lines in pages:
        previous: _Line | None = None
        for line in lines:
            text = line.text
            gap = (previous.bottom - line.top) if previous else 0.0
            new_block = previous is None or gap > line.size * 0.6
            if line.size in heading_sizes:
                out.extend(["", "#" * (heading_sizes.index(line.size) + 1) + " " + text, ""])
            elif line.bold and len(text) <= 70 and not text.endswith(".") and new_block:
                out.extend(["", "#" * (len(heading_sizes) + 1) + " " + text, ""])
            elif BULLET.match(text) or NUMBERED.match(text):
                out.append(text)
            elif new_block or not out or not out[-1]:
                out.extend(["", text])
            else:
                out[-1] = f"{out[-1]} {text}"
            previous = line
        out.append("")
    return "\n".join(out)
