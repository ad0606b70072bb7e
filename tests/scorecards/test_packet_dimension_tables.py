"""The dimension table's scorecard columns: one table on the web page, split in the PDF packet
into tables that each fit the page (a loop of many interviewers used to be cut off at the
right edge)."""

import io
import itertools

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

from interviewkit import personas
from scorecards.packets import pdf
from scorecards.packets.load import (
    PRINT_FIRST_COLUMNS,
    PRINT_MORE_COLUMNS,
    column_groups,
    dimension_tables,
    load_packet,
    print_dimension_tables,
)
from scorecards.services.packet_pdfs import packet_pdf
from tests.factories import UserFactory
from tests.scorecards.packet_fixtures import submitted_scorecard

# --- the split -------------------------------------------------------------------------------


@given(
    count=st.integers(min_value=0, max_value=80),
    first=st.integers(min_value=1, max_value=20),
    more=st.integers(min_value=0, max_value=20),
)
def test_the_groups_keep_the_order_and_hold_each_column_once_within_each_tables_room(
    count, first, more
):
    rest = first + more  # the summary columns leave the first table less room, never more
    groups = column_groups(count, first=first, rest=rest)
    assert [i for group in groups for i in group] == list(range(count))
    assert len(groups[0]) <= first
    assert all(0 < len(group) <= rest for group in groups[1:])
    assert all(len(groups[0]) <= len(group) for group in groups[1:])
    # As few tables as hold the columns.
    assert len(groups) == 1 + max(0, -(-(count - first) // rest))


@pytest.mark.parametrize(
    "count, sizes",
    [
        (0, [0]),
        (4, [4]),
        (8, [8]),  # a loop of up to 8 prints in one table, as it always did
        (9, [4, 5]),  # shared out evenly: no table of one lone column
        (16, [8, 8]),
        (20, [8, 12]),
        (24, [8, 8, 8]),
        (30, [8, 11, 11]),
    ],
)
def test_the_print_split_of_a_loop(count, sizes):
    groups = column_groups(count, first=PRINT_FIRST_COLUMNS, rest=PRINT_MORE_COLUMNS)
    assert [len(group) for group in groups] == sizes


# --- packets ---------------------------------------------------------------------------------


def loop_of(candidate, count):
    """`count` submitted scorecards, each with a different weighted score (kit weights 40, 30,
    20, 10), by interviewers with long names. Their scores, "2.30" …, in loop order."""
    values = {}
    for ratings in itertools.product((1, 2, 3, 4), repeat=4):
        score = sum(w * v for w, v in zip((40, 30, 20, 10), ratings, strict=True)) / 100
        values.setdefault(f"{score:.2f}", ratings)
    scores = list(values)[:count]
    for i, score in enumerate(scores):
        who = UserFactory(
            username=f"rater{i}",
            first_name="Bartholomew",
            last_name=f"Featherstonehaugh {i}",
            persona=personas.INTERVIEWERS,
        )
        submitted_scorecard(candidate, who, values[score])
    return scores


def test_each_printed_table_holds_its_scorecards_own_ratings(candidate):
    loop_of(candidate, 16)
    packet = load_packet(candidate)
    tables = print_dimension_tables(packet)
    assert [t.continued for t in tables] == [False, True]
    assert [t.span for t in tables] == ["#1–#8", "#9–#16"]
    for table in tables:
        assert [line.result for line in table.lines] == [line.result for line in packet.lines]
        for line in table.lines:
            assert [card for card, _ in line.cells] == list(table.scorecards)
    whole = dimension_tables(packet)
    assert len(whole) == 1 and whole[0].lines == packet.lines


def visible_lines(content: bytes) -> list[str]:
    """The PDF's lines of text, each without the characters lying off its page."""
    lines = []
    for page in extract_pages(io.BytesIO(content)):
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if isinstance(line, LTTextLine):
                    text = "".join(
                        item.get_text()
                        for item in line
                        if not isinstance(item, LTChar) or item.x1 <= page.width
                    )
                    lines.append(text.strip())
    return lines


def dimensions_section(lines: list[str]) -> list[str]:
    """The words of the Dimensions section: from its heading to the key of its columns."""
    start = lines.index("Dimensions")
    end = next(i for i, line in enumerate(lines) if line.startswith("Columns:"))
    return " ".join(lines[start:end]).split()


def test_a_loop_of_16_prints_every_column_on_the_page(candidate):
    scores = loop_of(candidate, 16)
    lines = visible_lines(packet_pdf(candidate))
    words = dimensions_section(lines)
    assert {f"#{n}" for n in range(1, 17)} <= set(words)
    assert all(score in words for score in scores)
    assert "Dimensions, scorecards #9–#16" in lines
    assert any(line.startswith("Columns: #1 Bartholomew Featherstonehaugh 0 (") for line in lines)


def test_nothing_of_a_loop_of_16_lies_off_the_page(candidate):
    loop_of(candidate, 16)
    for page in extract_pages(io.BytesIO(packet_pdf(candidate))):
        off = [
            char.get_text()
            for box in page
            if isinstance(box, LTTextContainer)
            for line in box
            if isinstance(line, LTTextLine)
            for char in line
            if isinstance(char, LTChar) and char.x1 > page.width
        ]
        assert off == [], f"page {page.pageid}"


def test_a_loop_of_4_prints_one_dimensions_table(candidate):
    scores = loop_of(candidate, 4)
    html = pdf.packet_html(candidate)
    assert html.count('class="dim-table') == 1
    assert "Dimensions, scorecards" not in html
    words = dimensions_section(visible_lines(packet_pdf(candidate)))
    assert {"#1", "#2", "#3", "#4"} <= set(words)
    assert all(score in words for score in scores)


def test_the_web_page_keeps_one_table_of_every_scorecard(client, candidate, hiring_manager):
    loop_of(candidate, 16)
    client.force_login(hiring_manager)
    page = client.get(reverse("scorecards:packet", args=[candidate.pk])).content.decode()
    assert page.count('class="dim-table') == 1
    assert "Dimensions, scorecards" not in page
    assert page.count('class="num rater"') == 16
