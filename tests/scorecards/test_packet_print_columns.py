"""The PDF packet's tables have fixed columns (static/css/print.css): whatever a cell holds stays
in its cell. Checked on the PDF itself: no two characters of a line lie over each other, and
every character of a long dimension name is printed."""

import io

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTComponent, LTContainer, LTTextContainer

from scorecards.services.packet_pdfs import packet_pdf
from tests.scorecards.test_packet_dimension_tables import loop_of

# The letters of a word touch, and kerning pulls some pairs ("Ta", "We") together by up to a
# sixth of the font size; text laid over a neighbouring cell lies further in than that.
KERNING = 0.2


def characters(item: LTComponent):
    if isinstance(item, LTChar):
        yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from characters(child)


def overlaps(content: bytes) -> list[str]:
    """Each pair of characters on one baseline of a page whose boxes overlap, as text."""
    found = []
    for page in extract_pages(io.BytesIO(content)):
        lines: dict[float, list[LTChar]] = {}
        for char in characters(page):
            if char.get_text().strip():
                lines.setdefault(round(char.y0, 1), []).append(char)
        for chars in lines.values():
            chars.sort(key=lambda c: c.x0)
            for left, right in zip(chars, chars[1:], strict=False):
                if right.x0 < left.x1 - KERNING * min(left.size, right.size):
                    found.append(f"page {page.pageid}: {left.get_text()!r} {right.get_text()!r}")
    return found


def cell_texts(content: bytes) -> list[str]:
    """The text of each block of lines, without spaces or line breaks. Characters further apart
    than half a letter are read as apart, so each cell of a table is a block of its own."""
    return [
        "".join(c.get_text() for c in characters(box) if c.get_text().strip())
        for page in extract_pages(io.BytesIO(content), laparams=LAParams(char_margin=0.5))
        for box in page
        if isinstance(box, LTTextContainer)
    ]


@pytest.mark.parametrize("count", [1, 4, 5, 8, 16])
def test_no_character_of_a_packet_lies_over_another(candidate, count):
    loop_of(candidate, count)
    assert overlaps(packet_pdf(candidate)) == []


def test_a_long_dimension_name_is_broken_within_its_column(candidate):
    """A word wider than the dimension column (a German compound, a name without spaces) is
    broken across lines of its own cell, in each table that names it."""
    names = [
        "Verantwortungsbewusstseinsentwicklungsfähigkeit",
        "Infrastructure-as-code/continuous-delivery-pipelines",
    ]
    kit = candidate.role.current_kit()
    for dimension, name in zip(kit.dimensions.order_by("position"), names, strict=False):
        dimension.name = name
        dimension.save(update_fields=["name"])
    loop_of(candidate, 8)
    content = packet_pdf(candidate)
    assert overlaps(content) == []
    blocks = cell_texts(content)
    for name in names:
        # The dimension table, the 8 scorecards' tables and the appendix name it (a break may
        # fall at a hyphen, which stays at the end of its line).
        assert sum(name in block for block in blocks) >= 10, (name, blocks)


def test_the_overlap_check_sees_text_laid_over_a_neighbour(candidate):
    """The check above is not blind: a column too narrow for its figures is caught."""
    from scorecards.packets import pdf

    loop_of(candidate, 8)
    html = pdf.packet_html(candidate).replace(
        "</head>",
        "<style>.dim-table-many .rater { width: 4pt; } .dim-table td, .dim-table th "
        "{ overflow-wrap: normal !important; }</style></head>",
        1,
    )
    assert overlaps(pdf.html_to_pdf(html)) != []
