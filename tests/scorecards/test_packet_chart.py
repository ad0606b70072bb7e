"""The ratings chart: server-side SVG, the same in the page and the PDF, readable without colour."""

import re

import pytest
from django.urls import reverse

from scorecards.packets import pdf
from scorecards.packets.charts import SHAPES, marker, ratings_chart
from scorecards.packets.load import load_packet
from tests.factories import UserFactory
from tests.scorecards.packet_fixtures import (
    panel,
    submitted_scorecard,
)

pytestmark = pytest.mark.django_db


def shape_of(svg: str) -> str:
    """A marker as seen in greyscale: its geometry, and whether it is filled or hollow."""
    hollow = 'fill="#ffffff"' in svg
    geometry = re.sub(r'(fill|stroke)="#[0-9a-f]{6}"', "", svg)
    return f"{geometry}:{'hollow' if hollow else 'filled'}"


def test_every_interviewer_gets_a_different_marker_shape_without_relying_on_colour():
    shapes = {shape_of(marker(i, 0, 0)) for i in range(len(SHAPES) * 2)}
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


def test_the_page_and_the_pdf_carry_the_same_svg(client, hiring_manager, candidate):
    panel(candidate, 3)
    client.force_login(hiring_manager)
    page = client.get(reverse("scorecards:packet", args=[candidate.pk])).content.decode()
    printed = pdf.packet_html(candidate)
    chart = str(ratings_chart(load_packet(candidate)))
    assert chart in page
    assert chart in printed
