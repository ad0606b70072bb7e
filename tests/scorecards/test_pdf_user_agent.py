"""The print documents' user-agent stylesheet (scorecards.packets.user_agent): WeasyPrint's own,
less the rules for pseudo-elements the packets never have, and a packet laid out the same."""

from __future__ import annotations

import io
import logging

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent, LTContainer
from weasyprint import HTML
from weasyprint.html import UA, UA_COUNTER_STYLE
from weasyprint.text.fonts import FontConfiguration

from scorecards.packets import pdf
from scorecards.packets.user_agent import (
    MARKER_FOR_LISTS,
    UNUSED,
    UserAgentChanged,
    print_user_agent,
    print_user_agent_css,
)
from tests.factories import UserFactory
from tests.scorecards.packet_fixtures import submitted_scorecard


def test_only_the_rules_of_unused_pseudo_elements_are_left_out():
    ours = print_user_agent_css().split("\n")
    theirs = UA.split("\n")
    left_out = [line for line in theirs if line.startswith(UNUSED)]
    assert len(left_out) == len(UNUSED)
    kept = [line for line in theirs if not line.startswith(UNUSED)]
    assert len(ours) == len(kept)
    changed = [(a, b) for a, b in zip(kept, ours, strict=True) if a != b]
    # One line differs: the markers' rule, for list items and summaries only.
    assert len(changed) == 1
    (before, after) = changed[0]
    assert before.startswith("::marker {") and after.startswith(MARKER_FOR_LISTS)
    assert before.split("{", 1)[1] == after.split("{", 1)[1]


@pytest.mark.parametrize("rule", [*UNUSED, "::marker"])
def test_a_weasyprint_without_one_of_the_rules_is_noticed(rule):
    without = "\n".join(line for line in UA.split("\n") if not line.startswith(rule + " "))
    with pytest.raises(UserAgentChanged):
        print_user_agent_css(without)


def layout(content: bytes) -> list[tuple]:
    """Everything drawn on each page: each text character with its font and box, and each
    line, rectangle and curve with its box (rounded to 0.01 pt)."""
    drawn = []

    def walk(item, page):
        if isinstance(item, LTChar):
            drawn.append((page, "char", item.get_text(), item.fontname, *_box(item)))
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child, page)
        elif isinstance(item, LTComponent):
            drawn.append((page, type(item).__name__, *_box(item)))

    for number, page in enumerate(extract_pages(io.BytesIO(content))):
        walk(page, number)
    return drawn


def _box(item) -> tuple[float, ...]:
    return tuple(round(v, 2) for v in (item.x0, item.y0, item.x1, item.y1))


def test_a_packet_comes_out_as_with_weasyprints_own_stylesheet(candidate, kit):
    for k, values in enumerate([(4, 3, 2, 1), (1, 2, None, 4), (3, 3, 3, 3)]):
        who = UserFactory(username=f"rater{k}", first_name="Rater", last_name=str(k))
        submitted_scorecard(
            candidate,
            who,
            values,
            red_flag_note="Blamed the team for the outage." if k == 1 else None,
            evidence="Walked through the trade-offs; asked about failure modes.",
        )
    html = pdf.with_made_at(pdf.packet_html(candidate))
    assert "<li" in html  # list items, whose markers the stylesheet keeps (print.css hides them)
    fonts, css = pdf._resources()
    ours = pdf.html_to_pdf(html)
    theirs = HTML(
        string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.StaticOnlyFetcher()
    ).write_pdf(stylesheets=[css], font_config=fonts)
    drawn = layout(ours)
    assert len(drawn) > 1000
    assert drawn == layout(theirs)


def test_the_kept_pdfs_key_names_the_user_agent_stylesheet_too():
    pdf._resources()
    assert print_user_agent_css() in pdf._cache["engine"]


def test_the_stylesheet_is_parsed_without_a_warning_and_leaves_weasyprints_counters_alone(caplog):
    before = dict(UA_COUNTER_STYLE)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        print_user_agent(FontConfiguration())
    assert [r.getMessage() for r in caplog.records] == []
    assert UA_COUNTER_STYLE.keys() == before.keys()
    assert all(UA_COUNTER_STYLE[name] is style for name, style in before.items())
