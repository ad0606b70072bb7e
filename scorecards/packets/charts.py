"""Server-side SVG of a packet: every dimension's ratings across interviewers.

The same markup goes inline into the browser page and into the WeasyPrint PDF (nothing to fetch,
no script). Readable in greyscale: each interviewer has a marker SHAPE (and a fill or hollow
style) named in the legend with their number, the scale is labelled in words, and the mean and
any disagreement are written as text beside each row. `<title>` and `<desc>` describe the chart
for screen readers. Only SVG presentation attributes are used (no `style=`), which the page's
Content-Security-Policy allows. Every piece of user text goes through `escape`.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from interviewkit.scale import LEVEL_NAMES, LEVELS
from scorecards.packets.load import Packet

WIDTH = 720
LABEL_WIDTH = 210
PLOT_LEFT = 250
STEP = 100  # pixels between two rating levels
PLOT_RIGHT = PLOT_LEFT + 3 * STEP
NOTE_LEFT = PLOT_RIGHT + 40
HEADER = 44
ROW = 34
MARKER_GAP = 15
INK = "#212529"
MUTED = "#6c757d"

# Distinct in shape first, then in fill, then in colour (the colours also differ in lightness).
COLOURS = ("#1f4e79", "#a64b00", "#2e6b30", "#6a1b9a", "#7a5c00", "#00606b", "#8b1a1a", "#333333")
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "pentagon", "cross", "star")


def _x(value: float) -> float:
    return PLOT_LEFT + (value - 1) * STEP


def marker(index: int, cx: float, cy: float, size: float = 6) -> str:
    """The marker of interviewer number `index` (0-based): a shape, filled or hollow."""
    shape = SHAPES[index % len(SHAPES)]
    colour = COLOURS[index % len(COLOURS)]
    hollow = (index // len(SHAPES)) % 2 == 1
    fill = "#ffffff" if hollow else colour
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="1.6"'
    s = size
    if shape == "circle":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{s:.1f}" {paint}/>'
    if shape == "square":
        return (
            f'<rect x="{cx - s + 0.8:.1f}" y="{cy - s + 0.8:.1f}" width="{2 * s - 1.6:.1f}" '
            f'height="{2 * s - 1.6:.1f}" {paint}/>'
        )
    if shape == "cross":
        w = s / 2.6
        points = [
            (-w, -s), (w, -s), (w, -w), (s, -w), (s, w), (w, w),
            (w, s), (-w, s), (-w, w), (-s, w), (-s, -w), (-w, -w),
        ]  # fmt: skip
    elif shape == "triangle":
        points = [(0, -s - 1), (s + 0.5, s - 0.5), (-s - 0.5, s - 0.5)]
    elif shape == "triangle-down":
        points = [(0, s + 1), (s + 0.5, -s + 0.5), (-s - 0.5, -s + 0.5)]
    elif shape == "diamond":
        points = [(0, -s - 1), (s + 1, 0), (0, s + 1), (-s - 1, 0)]
    elif shape == "pentagon":
        points = [(0, -s), (s, -0.3 * s), (0.62 * s, s), (-0.62 * s, s), (-s, -0.3 * s)]
    else:  # star
        points = [
            (0, -s - 1), (0.3 * s, -0.35 * s), (s + 1, -0.3 * s), (0.45 * s, 0.2 * s),
            (0.65 * s, s + 1), (0, 0.5 * s), (-0.65 * s, s + 1), (-0.45 * s, 0.2 * s),
            (-s - 1, -0.3 * s), (-0.3 * s, -0.35 * s),
        ]  # fmt: skip
    coords = " ".join(f"{cx + px:.1f},{cy + py:.1f}" for px, py in points)
    return f'<polygon points="{coords}" {paint}/>'


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ratings_chart(packet: Packet, *, chart_id: str = "ratings-chart") -> SafeString:
    """The dot plot: a row per dimension, a column per rating level, a marker per rating."""
    lines = packet.lines
    cards = packet.scorecards
    legend_rows = (len(cards) + 1) // 2
    height = HEADER + ROW * max(1, len(lines)) + 24 + 22 * max(1, legend_rows) + 8
    parts: list[str] = []
    title = f"Ratings by dimension for {packet.candidate.name}"
    parts.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ratings-chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="DejaVu Sans, Verdana, sans-serif" font-size="12">'
    )
    parts.append(f'<title id="{chart_id}-title">{escape(title)}</title>')
    parts.append(f'<desc id="{chart_id}-desc">{escape(describe(packet))}</desc>')
    parts.append(f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>')

    # Scale header and vertical guides.
    bottom = HEADER + ROW * max(1, len(lines))
    for row in range(0, len(lines), 2):
        top = HEADER + row * ROW
        parts.append(f'<rect x="0" y="{top}" width="{WIDTH}" height="{ROW}" fill="#f3f4f6"/>')
    for level, label in LEVEL_NAMES.items():
        x = _x(level)
        parts.append(
            f'<text x="{x:.1f}" y="18" text-anchor="middle" fill="{INK}" '
            f'font-weight="bold">{level}</text>'
            f'<text x="{x:.1f}" y="34" text-anchor="middle" fill="{MUTED}" '
            f'font-size="11">{label}</text>'
            f'<line x1="{x:.1f}" y1="{HEADER - 4}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="#ced4da" stroke-width="1"/>'
        )
    parts.append(f'<text x="{NOTE_LEFT}" y="34" fill="{MUTED}" font-size="11">mean · spread</text>')

    if not lines:
        parts.append(
            f'<text x="{PLOT_LEFT}" y="{HEADER + 22}" fill="{MUTED}">'
            "The kit has no dimensions.</text>"
        )
    for row, line in enumerate(lines):
        d = line.result
        top = HEADER + row * ROW
        mid = top + ROW / 2
        weight = f"{d.kit_weight}%" if d.kit_weight is not None else "older kit"
        bold = ' font-weight="bold"' if d.disagreement else ""
        parts.append(
            f'<text x="8" y="{mid + 4:.1f}" fill="{INK}"{bold}>'
            f"<title>{escape(d.name)}</title>"
            f"{escape(_shorten(d.name, 26))} ({weight})</text>"
        )
        if d.n == 0:
            parts.append(
                f'<text x="{_x(2.5):.1f}" y="{mid + 4:.1f}" text-anchor="middle" '
                f'fill="{MUTED}" font-style="italic">not rated</text>'
            )
            continue
        # The mean: a dashed bar across the row.
        mx = _x(d.mean)
        parts.append(
            f'<line x1="{mx:.1f}" y1="{top + 4}" x2="{mx:.1f}" y2="{top + ROW - 4}" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="3 2"/>'
        )
        by_level: dict[int, list[int]] = {}
        for index, (_, value) in enumerate(line.cells):
            if value is not None:
                by_level.setdefault(value, []).append(index)
        for level, indexes in by_level.items():
            count = len(indexes)
            for slot, index in enumerate(indexes):
                offset = (slot - (count - 1) / 2) * MARKER_GAP
                parts.append(marker(index, _x(level) + offset, mid))
        note = f"{d.mean:.2f} · {d.spread}"
        if d.disagreement:
            note += " disagree"
        parts.append(f'<text x="{NOTE_LEFT}" y="{mid + 4:.1f}" fill="{INK}"{bold}>{note}</text>')

    # Legend: marker, number, interviewer and exercise.
    legend_top = bottom + 24
    if not cards:
        parts.append(
            f'<text x="8" y="{legend_top + 6}" fill="{MUTED}">No submitted scorecards yet.</text>'
        )
    for index, card in enumerate(cards):
        col, row = index % 2, index // 2
        x = 14 + col * (WIDTH / 2)
        y = legend_top + row * 22
        label = _shorten(f"#{card.number} {card.interviewer} · {card.exercise}", 50)
        parts.append(marker(index, x, y))
        parts.append(f'<text x="{x + 14:.1f}" y="{y + 4:.1f}" fill="{INK}">{escape(label)}</text>')
    parts.append(
        f'<text x="{WIDTH - 8}" y="{legend_top - 8}" text-anchor="end" fill="{MUTED}" '
        f'font-size="10">dashed line = mean</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every user string above is escaped


def describe(packet: Packet) -> str:
    """The chart in words, for the SVG's <desc>."""
    if not packet.scorecards:
        return "No submitted scorecards yet."
    names = {c.id: c.interviewer for c in packet.scorecards}
    lowest, highest = LEVELS[0], LEVELS[-1]
    sentences = [
        f"Ratings from {lowest} ({LEVEL_NAMES[lowest]}) to {highest} ({LEVEL_NAMES[highest]})."
    ]
    for line in packet.lines:
        d = line.result
        if d.n == 0:
            sentences.append(f"{d.name}: not rated.")
            continue
        given = ", ".join(f"{names[c.id]} {v}" for c, v in line.cells if v is not None)
        extra = " Disagreement." if d.disagreement else ""
        sentences.append(f"{d.name}: {given}; mean {d.mean:.2f}.{extra}")
    return " ".join(sentences)
