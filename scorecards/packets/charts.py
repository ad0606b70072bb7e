"""Server-side SVG of a packet: every dimension's ratings across interviewers.

One layout (`chart_layout`: the marks and the labels, in the chart's own units), drawn two ways:
`ratings_chart` for the browser page, one SVG with its text inside, which scales with the
screen; `print_ratings_chart` for the WeasyPrint PDF, the marks in an SVG and the text laid
over it as HTML (WeasyPrint draws SVG text letter by letter, slowly). Each mark is an SVG path
(`Mark`); the page has one per shape, the PDF one per paint. Nothing to fetch, no script.
Readable in greyscale: each interviewer has a marker SHAPE (and a fill or hollow style) named
in the legend with their number, the scale is labelled in words, and the mean and any
disagreement are written as text beside each row. `<title>` and `<desc>` describe the chart
for screen readers. The page's SVG uses only presentation attributes (no `style=`), which its
Content-Security-Policy allows. Every piece of user text goes through `escape`."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Mark:
    """A mark of the chart (a shape without text): SVG path data and its paint, the
    presentation attributes it is filled and stroked with."""

    d: str
    paint: str

    def svg(self) -> str:
        return f'<path d="{self.d}" {self.paint}/>'


def rect(x: float, y: float, width: float, height: float, paint: str) -> Mark:
    return Mark(f"M{_num(x)} {_num(y)}h{_num(width)}v{_num(height)}h{_num(-width)}z", paint)


def segment(x1: float, y1: float, x2: float, y2: float, paint: str) -> Mark:
    return Mark(f"M{_num(x1)} {_num(y1)}L{_num(x2)} {_num(y2)}", paint)


def marker(index: int, cx: float, cy: float, size: float = 6) -> Mark:
    """The marker of interviewer number `index` (0-based): a shape, filled or hollow."""
    shape = SHAPES[index % len(SHAPES)]
    colour = COLOURS[index % len(COLOURS)]
    hollow = (index // len(SHAPES)) % 2 == 1
    fill = "#ffffff" if hollow else colour
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="1.6"'
    s = size
    if shape == "circle":
        arc = f"a{_num(s)} {_num(s)} 0 1 0"
        return Mark(
            f"M{_num(cx - s)} {_num(cy)}{arc} {_num(2 * s)} 0{arc} {_num(-2 * s)} 0z", paint
        )
    if shape == "square":
        return rect(cx - s + 0.8, cy - s + 0.8, 2 * s - 1.6, 2 * s - 1.6, paint)
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
    corners = "L".join(f"{_num(cx + px)} {_num(cy + py)}" for px, py in points)
    return Mark(f"M{corners}z", paint)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Label:
    """A piece of the chart's text, placed in the chart's own units (x, and y of the baseline)."""

    x: float
    y: float
    text: str  # not escaped yet
    anchor: str = "start"  # "start", "middle" or "end", as SVG's text-anchor
    size: int = 12
    bold: bool = False
    muted: bool = False
    italic: bool = False
    title: str = ""  # the whole text, where `text` is shortened


@dataclass
class ChartLayout:
    """The chart as marks (shapes without text, in painting order) and labels, in a
    WIDTH × height box."""

    height: int
    marks: list[Mark] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


def chart_layout(packet: Packet) -> ChartLayout:
    """The dot plot: a row per dimension, a column per rating level, a marker per rating."""
    lines = packet.lines
    cards = packet.scorecards
    legend_rows = (len(cards) + 1) // 2
    height = HEADER + ROW * max(1, len(lines)) + 24 + 22 * max(1, legend_rows) + 8
    chart = ChartLayout(height)
    marks, labels = chart.marks, chart.labels
    marks.append(rect(0, 0, WIDTH, height, 'fill="#ffffff"'))

    # Scale header and vertical guides.
    bottom = HEADER + ROW * max(1, len(lines))
    for row in range(0, len(lines), 2):
        top = HEADER + row * ROW
        marks.append(rect(0, top, WIDTH, ROW, 'fill="#f3f4f6"'))
    for level, name in LEVEL_NAMES.items():
        x = _x(level)
        labels.append(Label(x, 18, str(level), anchor="middle", bold=True))
        labels.append(Label(x, 34, name, anchor="middle", size=11, muted=True))
        marks.append(segment(x, HEADER - 4, x, bottom, 'stroke="#ced4da" stroke-width="1"'))
    labels.append(Label(NOTE_LEFT, 34, "mean · spread", size=11, muted=True))

    if not lines:
        labels.append(Label(PLOT_LEFT, HEADER + 22, "The kit has no dimensions.", muted=True))
    for row, line in enumerate(lines):
        d = line.result
        top = HEADER + row * ROW
        mid = top + ROW / 2
        weight = f"{d.kit_weight}%" if d.kit_weight is not None else "older kit"
        labels.append(
            Label(
                8,
                mid + 4,
                f"{_shorten(d.name, 26)} ({weight})",
                bold=d.disagreement,
                title=d.name,
            )
        )
        if d.n == 0:
            labels.append(
                Label(_x(2.5), mid + 4, "not rated", anchor="middle", muted=True, italic=True)
            )
            continue
        # The mean: a dashed bar across the row.
        mx = _x(d.mean)
        marks.append(
            segment(
                mx,
                top + 4,
                mx,
                top + ROW - 4,
                f'stroke="{INK}" stroke-width="2" stroke-dasharray="3 2"',
            )
        )
        by_level: dict[int, list[int]] = {}
        for index, (_, value) in enumerate(line.cells):
            if value is not None:
                by_level.setdefault(value, []).append(index)
        for level, indexes in by_level.items():
            count = len(indexes)
            for slot, index in enumerate(indexes):
                offset = (slot - (count - 1) / 2) * MARKER_GAP
                marks.append(marker(index, _x(level) + offset, mid))
        note = f"{d.mean:.2f} · {d.spread}" + (" disagree" if d.disagreement else "")
        labels.append(Label(NOTE_LEFT, mid + 4, note, bold=d.disagreement))

    # Legend: marker, number, interviewer and exercise.
    legend_top = bottom + 24
    if not cards:
        labels.append(Label(8, legend_top + 6, "No submitted scorecards yet.", muted=True))
    for index, card in enumerate(cards):
        col, row = index % 2, index // 2
        x = 14 + col * (WIDTH / 2)
        y = legend_top + row * 22
        marks.append(marker(index, x, y))
        whole = f"#{card.number} {card.interviewer} · {card.exercise}"
        shown = _shorten(whole, 50)
        labels.append(Label(x + 14, y + 4, shown, title=whole if shown != whole else ""))
    labels.append(
        Label(WIDTH - 8, legend_top - 8, "dashed line = mean", anchor="end", size=10, muted=True)
    )
    return chart


def _svg_open(packet: Packet, chart: ChartLayout, chart_id: str) -> str:
    title = f"Ratings by dimension for {packet.candidate.name}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ratings-chart" role="img" '
        f'width="{WIDTH}" height="{chart.height}" viewBox="0 0 {WIDTH} {chart.height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="DejaVu Sans, Verdana, sans-serif" font-size="12">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(describe(packet))}</desc>'
    )


def _svg_text(label: Label) -> str:
    attributes = f'x="{label.x:.1f}" y="{label.y:.1f}"'
    if label.anchor != "start":
        attributes += f' text-anchor="{label.anchor}"'
    attributes += f' fill="{MUTED if label.muted else INK}"'
    if label.size != 12:
        attributes += f' font-size="{label.size}"'
    if label.bold:
        attributes += ' font-weight="bold"'
    if label.italic:
        attributes += ' font-style="italic"'
    title = f"<title>{escape(label.title)}</title>" if label.title else ""
    return f"<text {attributes}>{title}{escape(label.text)}</text>"


def ratings_chart(packet: Packet, *, chart_id: str = "ratings-chart") -> SafeString:
    """The chart as one SVG, its text in `<text>` elements: for the page, where it scales
    with the screen."""
    chart = chart_layout(packet)
    parts = [_svg_open(packet, chart, chart_id), *(mark.svg() for mark in chart.marks)]
    parts.extend(_svg_text(label) for label in chart.labels)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every user string above is escaped


# The box a centred label is centred in, in chart units.
MIDDLE_SPAN = 120
# Where a label's box starts above its baseline, in em: DejaVu Sans at line-height 1.
BASELINE_FROM_TOP = 0.85


def _percent(units: float) -> str:
    """A length in chart units as a percentage of the chart's width (what CSS margins and
    paddings, vertical ones too, are percentages of)."""
    return f"{units / WIDTH * 100:.3f}%"


def _html_labels(chart: ChartLayout) -> str:
    """The labels as blocks of no height in normal flow, top to bottom, each moved down from
    the one before by its margin and right by its own: WeasyPrint lays out a block of one line
    for a fraction of what an absolutely positioned box or an SVG `<text>` costs."""
    parts, above = [], 0.0
    for label in sorted(chart.labels, key=lambda label: label.y - BASELINE_FROM_TOP * label.size):
        top = label.y - BASELINE_FROM_TOP * label.size
        if label.anchor == "middle":
            left, width = label.x - MIDDLE_SPAN / 2, MIDDLE_SPAN
        elif label.anchor == "end":
            left, width = 0.0, label.x
        else:
            left, width = label.x, WIDTH - label.x
        styles = (("muted", label.muted), ("bold", label.bold), ("italic", label.italic))
        classes = ["chart-label", f"chart-label-{label.size}", f"anchor-{label.anchor}"]
        classes += [name for name, on in styles if on]
        place = (
            f"margin-top:{_percent(top - above)};margin-left:{_percent(left)};"
            f"width:{_percent(width)}"
        )
        parts.append(f'<div class="{" ".join(classes)}" style="{place}">{escape(label.text)}</div>')
        above = top
    # The labels start at the SVG's top and end, with the padding, at its bottom.
    return (
        f'<div class="chart-labels" style="margin-top:-{_percent(chart.height)};'
        f'padding-bottom:{_percent(chart.height - above)}">{"".join(parts)}</div>'
    )


def marks_by_paint(marks: list[Mark]) -> list[Mark]:
    """The marks as one path per paint, each path's shapes in their order, the paths in the
    order their paint first appears. The chart paints the same: its marks of different paints
    never lie over one another except as that order has them (the background, then the row
    stripes, the guides, the means, and the markers, which are set apart in a row)."""
    paths: dict[str, list[str]] = {}
    for mark in marks:
        paths.setdefault(mark.paint, []).append(mark.d)
    return [Mark("".join(shapes), paint) for paint, shapes in paths.items()]


def print_ratings_chart(packet: Packet, *, chart_id: str = "ratings-chart") -> SafeString:
    """The chart for the PDF: the marks in an SVG and the text laid over it as HTML.

    WeasyPrint lays out and draws an SVG `<text>` one letter at a time, which made the chart's
    text 11 % of a 4-scorecard packet's render (counted in instructions, docs/performance.md);
    as HTML blocks the same text costs less than half of that. The SVG keeps its title and
    description. Its marks are one path per paint (`marks_by_paint`): WeasyPrint sets up each
    SVG element's paint anew, and the ~50 elements of a 4-scorecard chart become 8.
    """
    chart = chart_layout(packet)
    parts = ['<div class="chart-print">', _svg_open(packet, chart, chart_id)]
    parts.extend(mark.svg() for mark in marks_by_paint(chart.marks))
    parts.append("</svg>")
    parts.append(_html_labels(chart))
    parts.append("</div>")
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
