"""PDF documents (pdfminer.six) as Markdown: the text layer line by line, lines set larger than
the body text (or wholly bold and short) as headings, bullets and numbers as list items."""

from __future__ import annotations

import io
import re
from collections import Counter

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


def pdf_markdown(raw: bytes) -> str:
    """The PDF's text as Markdown; DocumentError for a locked, damaged, scanned or huge PDF."""
    pages: list[list[tuple[str, float, bool, bool]]] = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(raw), laparams=LAParams()), 1):
            if number > limits.MAX_PDF_PAGES:
                raise DocumentError(
                    f"the PDF has more than {limits.MAX_PDF_PAGES} pages (stopped at page {number})"
                )
            limits.check_time(f"page {number}")
            lines: list[tuple[str, float, bool, bool]] = []
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                first = True
                for line in box:
                    if isinstance(line, LTTextLine):
                        text, size, bold = _line_facts(line)
                        if text:
                            lines.append((text, size, bold, first))
                            first = False
            pages.append(lines)
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
    sizes = Counter(size for lines in pages for text, size, _, _ in lines for _ in text)
    body = sizes.most_common(1)[0][0]
    heading_sizes = sorted({s for s in sizes if s >= body * 1.15}, reverse=True)[:5]
    out: list[str] = []
    for lines in pages:
        for text, size, bold, starts_box in lines:
            if size in heading_sizes:
                out.extend(["", "#" * (heading_sizes.index(size) + 1) + " " + text, ""])
            elif bold and len(text) <= 70 and not text.endswith(".") and starts_box:
                out.extend(["", "#" * (len(heading_sizes) + 1) + " " + text, ""])
            elif BULLET.match(text) or NUMBERED.match(text) or starts_box or not out:
                if starts_box and out and out[-1]:
                    out.append("")
                out.append(text)
            else:
                out[-1] = f"{out[-1]} {text}"
    return "\n".join(out)
