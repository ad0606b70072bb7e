"""The ratings chart: server-side SVG, the same in the page and the PDF, readable without colour."""

import re
from html import unescape

import pytest
from django.urls import reverse

from scorecards.packets import pdf
from scorecards.packets.charts import (
    BASELINE_FROM_TOP,
    SHAPES,
    WIDTH,
    chart_layout,
    marker,
    print_ratings_chart,
    ratings_chart,
)
from scorecards.packets.load import load_packet
from tests.factories import UserFactory
from tests.scorecards.packet_fixtures import (
    panel,
    submitted_scorecard,
)

pytestmark = pytest.mark.django_db

PATH = r'<path d="([^"]*)" ([^>]*?)/>'


def shape_of(svg: str) -> str:
    """A marker as seen in greyscale: its geometry, and whether it is filled or hollow."""
    hollow = 'fill="#ffffff"' in svg
    geometry = re.sub(r'(fill|stroke)="#[0-9a-f]{6}"', "", svg)
    return f"{geometry}:{'hollow' if hollow else 'filled'}"


def test_every_interviewer_gets_a_different_marker_shape_without_relying_on_colour():
    shapes = {shape_of(marker(i, 0, 0).svg()) for i in range(len(SHAPES) * 2)}
    assert len(shapes) == len(SHAPES) * 2  # 8 shapes, filled then hollow


def test_the_chart_has_a_title_a_description_and_a_legend_naming_each_interviewer(
    scored_candidate,
):
    svg = str(ratings_chart(load_packet(scored_candidate)))
    assert 'role="img"' in svg
    assert '<title id="ratings-chart-title">Ratings by dimension for Casey Candidate</title>' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert "Dimension 1:" in desc and "Disagreement." in desc and "Dimension 4: not rated." in desc
    assert "#1 " in svg and "#2 " in svg  # the legend
    assert "not rated" in svg
    assert "disagree" in svg  # disagreement in words, not only colour
    assert not re.search(r"\sstyle=", svg)  # the Content-Security-Policy forbids inline styles


def test_names_in_the_chart_are_escaped(candidate):
    sly = UserFactory(username="sly", first_name="<script>x</script>", last_name="&")
    submitted_scorecard(candidate, sly, [3, 3, 3, 3])
    svg = str(ratings_chart(load_packet(candidate)))
    assert "<script>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt;" in svg


def test_a_shortened_legend_entry_keeps_its_whole_text_in_a_title(candidate):
    long_name = UserFactory(
        username="long", first_name="Maximiliane", last_name="Von Hohenberg-Schillingsfürst"
    )
    short_name = UserFactory(username="short", first_name="Ann", last_name="Lee")
    submitted_scorecard(candidate, long_name, [3, 3, 3, 3])
    submitted_scorecard(candidate, short_name, [2, 2, 2, 2])
    texts = re.findall(r"<text [^>]*>(.*?)</text>", str(ratings_chart(load_packet(candidate))))
    legend = {unescape(re.sub(r"<title>.*?</title>", "", t)): t for t in texts if "#" in t[:30]}
    (long_entry,) = [t for text, t in legend.items() if "Maximiliane" in text]
    (short_entry,) = [t for text, t in legend.items() if "Ann Lee" in text]
    whole = unescape(re.search(r"<title>(.*?)</title>", long_entry).group(1))
    shown = unescape(re.sub(r"<title>.*?</title>", "", long_entry))
    assert shown.endswith("…") and len(shown) == 50
    assert whole == "#1 Maximiliane Von Hohenberg-Schillingsfürst · System design"
    assert whole.startswith(shown[:-1])
    assert "<title>" not in short_entry  # nothing shortened, nothing repeated


def test_the_page_and_the_pdf_draw_the_same_chart(client, hiring_manager, candidate):
    panel(candidate, 3)
    client.force_login(hiring_manager)
    page = client.get(reverse("scorecards:packet", args=[candidate.pk])).content.decode()
    printed = pdf.packet_html(candidate)
    packet = load_packet(candidate)
    chart = str(ratings_chart(packet))
    printed_chart = str(print_ratings_chart(packet))
    assert chart in page
    assert printed_chart in printed
    # The same marks and the same words: in the page's SVG as <text>, in the PDF's as HTML.
    page_words = [
        unescape(re.sub(r"<title>.*?</title>", "", t))
        for t in re.findall(r"<text[^>]*>(.*?)</text>", chart)
    ]
    print_words = [
        unescape(t)
        for t in re.findall(r'<div class="chart-label [^"]*"[^>]*>(.*?)</div>', printed_chart)
    ]
    assert sorted(print_words) == sorted(page_words) and "dashed line = mean" in print_words
    assert "<text" not in printed_chart
    # The same shapes in the same paint: in the page one path each, in the PDF one path per
    # paint, its shapes in the page's order.
    page_shapes = {}
    for d, paint in re.findall(PATH, chart):
        page_shapes.setdefault(paint, []).append(d)
    printed_paths = re.findall(PATH, printed_chart)
    assert [paint for _, paint in printed_paths] == list(page_shapes)
    for d, paint in printed_paths:
        assert re.findall(r"M[^M]*", d) == page_shapes[paint]
    assert not re.search(r"<(?:circle|rect|polygon|line)\b", chart + printed_chart)


def test_the_pdf_chart_paints_its_layers_in_order_with_one_path_per_paint(candidate):
    panel(candidate, 4)
    printed = str(print_ratings_chart(load_packet(candidate)))
    paints = [paint for _, paint in re.findall(PATH, printed)]
    # The background, the row stripes, the guides, the means, then one path per interviewer.
    assert paints[:4] == [
        'fill="#ffffff"',
        'fill="#f3f4f6"',
        'stroke="#ced4da" stroke-width="1"',
        'stroke="#212529" stroke-width="2" stroke-dasharray="3 2"',
    ]
    assert paints[4:] == [marker(i, 0, 0).paint for i in range(4)]


def test_the_pdf_chart_places_each_label_where_the_svg_does(candidate):
    panel(candidate, 2)
    chart = chart_layout(load_packet(candidate))
    printed = str(print_ratings_chart(load_packet(candidate)))
    # Each label block moves down from the one before by its margin: add them up.
    blocks = re.findall(
        r'<div class="chart-label [^"]*anchor-(\w+)[^"]*" style="margin-top:([-0-9.]+)%;'
        r'margin-left:([-0-9.]+)%;width:([0-9.]+)%">(.*?)</div>',
        printed,
    )
    assert len(blocks) == len(chart.labels)
    top = 0.0
    by_top = sorted(chart.labels, key=lambda label: label.y - BASELINE_FROM_TOP * label.size)
    for label, (anchor, down, left, width, text) in zip(by_top, blocks, strict=True):
        top += float(down)
        left, width = float(left), float(width)
        assert (unescape(text), anchor) == (label.text, label.anchor)
        expected_top = (label.y - BASELINE_FROM_TOP * label.size) / WIDTH * 100
        assert top == pytest.approx(expected_top, abs=0.01)
        # Where the text starts, is centred or ends is where the SVG puts it.
        edge = {"start": left, "middle": left + width / 2, "end": left + width}[anchor]
        assert edge == pytest.approx(label.x / WIDTH * 100, abs=0.002)
    # The block of labels starts at the SVG's top and ends at its bottom.
    assert f"margin-top:-{chart.height / WIDTH * 100:.3f}%" in printed
    padding = float(re.search(r"padding-bottom:([0-9.]+)%", printed).group(1))
    assert top + padding == pytest.approx(chart.height / WIDTH * 100, abs=0.01)
