"""The template context of a packet: the HTML page and both PDFs render from the same one."""

from __future__ import annotations

from scorecards.packets.charts import ratings_chart
from scorecards.packets.load import Packet, dimension_tables
from scorecards.packets.trust import packet_trust


def packet_context(
    packet: Packet,
    *,
    viewer=None,
    chart=ratings_chart,
    tables=dimension_tables,
    **extra,
) -> dict:
    """The template context shared by the HTML page and both PDFs.

    `trust` is the packet's uncertainty, calibrated view and anchoring notes
    (scorecards.packets.trust), shown right after the overall score. `viewer` is the person
    reading: colleagues' leniency is shown only to the role's hiring managers and admins
    (everyone when None, for commands). `chart` draws the ratings chart: the PDFs pass
    `print_ratings_chart`. `tables` splits the dimension table's scorecard columns: the PDF
    packet passes `print_dimension_tables`, so that each table fits the page.
    """
    return {
        "packet": packet,
        "candidate": packet.candidate,
        "role": packet.role,
        "agg": packet.aggregate,
        "chart": chart(packet),
        "dimension_tables": tables(packet),
        "trust": packet_trust(packet.candidate, packet=packet, viewer=viewer),
        "trust_template": "scorecards/packet/_trust.html",
        **extra,
    }
