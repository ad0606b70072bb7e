"""The PDF packet: what our path adds on top of WeasyPrint, and how it grows with the panel.

- `pdf_overhead_ratio`: the median time of `fresh_render(candidate)`
  (read the packet, render the print templates, then WeasyPrint) for a 6-scorecard packet,
  divided by the median time WeasyPrint alone takes to render the same final HTML with the same
  stylesheets and font objects (`pdf.print_document(html).write_pdf(stylesheets=[…],
  font_config=…)`: the same user-agent stylesheet too, `scorecards.packets.user_agent`). The
  two are timed alternately, in one process, after a warm-up, which of them goes first
  alternating from round to round, and the figure is the median of each round's ratio, so that
  a busy machine slows both alike. Target ≤ 1.10.
- `pdf_ms_p50`: the median of our path for 6 scorecards, warm worker (stylesheet and fonts
  already built and the loaded objects frozen, as `ready_to_work()` does at a worker's start).
- `pdf_ms`: the median for 2, 6, 20 and 50 scorecards; `pdf_pages` the pages of each.
- `pdf_cold_ms`: the first document of a fresh worker, which builds the stylesheet and fonts;
  `pdf_start_up_ms` the median of what it takes longer than the next, warm, document (rounds
  of the two, the cache cleared before each): what `warm_up()` saves.
- `pdf_vs_chromium_ratio`: our warm WeasyPrint path (`html_to_pdf`, stylesheet and fonts
  cached) over Debian's Chromium `page.pdf()` on the same 4-scorecard packet HTML (for
  Chromium the print stylesheet inlined, as `standalone_html` makes it, since Chromium does
  not get our stylesheet object), a fresh render each time, timed alternately in one process
  (which goes first alternating); the figure is the median of each round's ratio.
  `chromium_pdf_ms` is Chromium's median.
- `pdf_vs_chromium_ratio_fitted` (and `chromium_pdf_fitted_ms`): the same comparison for a
  4-scorecard packet of a role whose model is fitted (`bench.data.fitted_kit`), as every real
  role's is after its first scorecards: such a packet also shows the calibrated view. No bar;
  reported so that the bar's lighter packet does not stand for every packet.
- `pdf_instructions_per_render`: the instructions one warm render of the `pdf_vs_chromium_ratio`
  packet's HTML costs, counted by callgrind (`bench.instructions`): the PDF figure that does not
  depend on the machine. None in a quick run or without valgrind (`details.instructions` says
  which).
- `pdf_download_cached_ms`: the median time of a hiring manager's download of an unchanged
  packet (the same 4-scorecard packet, `GET /candidates/<id>/packet.pdf` through Django's test
  client: login, access checks, the packet's HTML built to find its key, the kept file read,
  the audit event written), after a first download that made and kept it.
  `pdf_cached_vs_chromium_ratio` is that over `chromium_pdf_ms`: at most 1.
"""

from __future__ import annotations

import os
import statistics
import time

from bench import instructions
from bench.timing import in_turns, p50, time_ms

CURVE_SIZES = (2, 6, 20, 50)
HEADLINE = 6
CHROMIUM_PANEL = 4
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def fresh_render(candidate) -> bytes:
    """The packet's PDF made now, as for a packet whose PDF is not kept yet: read the packet,
    render the print templates, then WeasyPrint (`scorecards.services.packet_pdfs` without
    its lookup)."""
    from scorecards.packets import pdf

    return pdf.html_to_pdf(pdf.with_made_at(pdf.packet_html(candidate)))


def weasyprint_alone(html: str) -> bytes:
    from scorecards.packets import pdf

    fonts, css = pdf._resources()
    return pdf.print_document(html).write_pdf(stylesheets=[css], font_config=fonts)


def overhead(candidate, *, rounds: int) -> dict:
    """Ours and WeasyPrint alone, timed alternately on the same packet."""
    from scorecards.packets import pdf

    html = pdf.packet_html(candidate)
    fresh_render(candidate)
    weasyprint_alone(html)
    ours, alone = in_turns(
        lambda: fresh_render(candidate), lambda: weasyprint_alone(html), rounds=rounds
    )
    started = time.perf_counter()
    pdf.packet_html(candidate)
    html_ms = (time.perf_counter() - started) * 1000
    return {
        "ours_ms": p50(ours),
        "weasyprint_ms": p50(alone),
        # The median of each round's ratio: a round's two timings share the machine's load.
        "ratio": round(statistics.median(o / a for o, a in zip(ours, alone, strict=True)), 3),
        "ratio_of_medians": round(p50(ours) / p50(alone), 3),
        "html_ms": round(html_ms, 2),
        "html_bytes": len(html.encode()),
    }


def start_up(candidate, *, rounds: int) -> dict:
    """What warming saves: rounds of one document with the stylesheet and fonts built anew
    (the first document of a fresh worker) and one right after with them cached."""
    from scorecards.packets import pdf

    cold, warm = [], []
    with pdf._lock:
        saved = dict(pdf._cache)
    try:
        for _ in range(rounds):
            with pdf._lock:
                pdf._cache.clear()
            started = time.perf_counter()
            fresh_render(candidate)
            cold.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            fresh_render(candidate)
            warm.append((time.perf_counter() - started) * 1000)
    finally:
        with pdf._lock:
            pdf._cache.clear()
            pdf._cache.update(saved)
    return {
        "cold_ms": p50(cold),
        "start_up_ms": round(statistics.median(c - w for c, w in zip(cold, warm, strict=True)), 2),
    }


def chromium_render(page, html: str) -> bytes:
    page.set_content(html)
    return page.pdf(format="A4")


def against_chromium(candidate, *, rounds: int) -> dict:
    """Our warm WeasyPrint path and Chromium's `page.pdf()`, each a fresh render of the same
    packet HTML, timed alternately. The HTML is built before the browser starts (Playwright's
    sync API runs an event loop, in which Django refuses database queries)."""
    from playwright.sync_api import sync_playwright

    from scorecards.packets import pdf

    html = pdf.packet_html(candidate)
    standalone = pdf.standalone_html(candidate)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            chromium_render(page, standalone)
            pdf.html_to_pdf(html)
            ours, chromium = in_turns(
                lambda: pdf.html_to_pdf(html),
                lambda: chromium_render(page, standalone),
                rounds=rounds,
            )
        finally:
            browser.close()
    return {
        "weasyprint_ms": p50(ours),
        "chromium_ms": p50(chromium),
        "ratio": round(statistics.median(o / c for o, c in zip(ours, chromium, strict=True)), 3),
    }


def cached_download(candidate, manager, *, rounds: int) -> dict:
    """A hiring manager's downloads of an unchanged packet: the first makes and keeps the PDF,
    the rest read it."""
    import tempfile

    from django.conf import settings
    from django.test import Client, override_settings
    from django.urls import reverse

    from scorecards.models import PacketPdf

    url = reverse("scorecards:packet-pdf", args=[candidate.pk])
    client = Client()
    client.force_login(manager)
    with (
        tempfile.TemporaryDirectory(prefix="bench-pdf-") as media,
        override_settings(MEDIA_ROOT=media, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]),
    ):
        started = time.perf_counter()
        first = client.get(url)
        first_ms = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200 or response.content != first.content:
                raise RuntimeError("A cached download differed from the first one.")
        PacketPdf.objects.filter(candidate=candidate).delete()
    return {"first_ms": round(first_ms, 2), "cached_ms": p50(times), "bytes": len(first.content)}


def pages(candidate) -> int:
    """The packet's page count (the PDF's object streams are compressed: lay it out again)."""
    from scorecards.packets import pdf

    fonts, css = pdf._resources()
    document = pdf.print_document(pdf.packet_html(candidate))
    return len(document.render(stylesheets=[css], font_config=fonts).pages)


def run(*, quick: bool = False) -> dict:
    from bench.data import bench_kit, fitted_kit, hiring_manager, panel_candidate
    from scorecards.models import Candidate, RoleFit
    from scorecards.packets import pdf
    from scorecards.task_worker import ready_to_work

    repeat = 2 if quick else 7
    rounds = 2 if quick else 21
    kit = bench_kit()
    # The bars' packets are of a role with no stored fit (the fitted role's is measured beside
    # them) in every run: the batch benchmark's task workers run the refits that the other
    # benchmarks' submits queued, and fit this role, so that the next run on the same database
    # would measure a fitted role's packet.
    RoleFit.objects.filter(role=kit.role).delete()
    candidates = {size: panel_candidate(kit, size, seed=200 + size) for size in CURVE_SIZES}
    candidates[CHROMIUM_PANEL] = panel_candidate(kit, CHROMIUM_PANEL, seed=200 + CHROMIUM_PANEL)
    fitted = panel_candidate(fitted_kit(), CHROMIUM_PANEL, seed=300 + CHROMIUM_PANEL)
    try:
        ready_to_work()  # as a task worker does before its first task
        ratio = overhead(candidates[HEADLINE], rounds=rounds)
        curve = {
            size: p50(time_ms(lambda c=c: fresh_render(c), repeat=repeat))
            for size, c in candidates.items()
            if size in CURVE_SIZES
        }
        page_counts = {size: pages(candidates[size]) for size in CURVE_SIZES}
        cold = start_up(candidates[HEADLINE], rounds=2 if quick else 5)
        versus = against_chromium(candidates[CHROMIUM_PANEL], rounds=rounds)
        calibrated_view = "trust-calibrated" in pdf.packet_html(fitted)
        versus_fitted = against_chromium(fitted, rounds=rounds)
        counted = (
            {"skipped": "not in a quick run"}
            if quick
            else instructions.per_render(pdf.packet_html(candidates[CHROMIUM_PANEL]))
        )
        download = cached_download(
            candidates[CHROMIUM_PANEL], hiring_manager(kit), rounds=rounds * 2
        )
    finally:
        made = [c.pk for c in candidates.values()] + [fitted.pk]
        Candidate.objects.filter(pk__in=made).delete()
    return {
        "pdf_overhead_ratio": ratio["ratio"],
        "pdf_ms_p50": curve[HEADLINE],
        "pdf_ms": {str(size): curve[size] for size in CURVE_SIZES},
        "pdf_pages": {str(size): page_counts[size] for size in CURVE_SIZES},
        "pdf_cold_ms": cold["cold_ms"],
        "pdf_start_up_ms": cold["start_up_ms"],
        "pdf_vs_chromium_ratio": versus["ratio"],
        "chromium_pdf_ms": versus["chromium_ms"],
        "pdf_vs_chromium_ratio_fitted": versus_fitted["ratio"],
        "chromium_pdf_fitted_ms": versus_fitted["chromium_ms"],
        "pdf_instructions_per_render": counted.get("instructions"),
        "pdf_download_cached_ms": download["cached_ms"],
        "pdf_cached_vs_chromium_ratio": round(download["cached_ms"] / versus["chromium_ms"], 3),
        "details": {
            "download": download,
            "overhead": ratio,
            "against_chromium": versus,
            "against_chromium_fitted": {**versus_fitted, "calibrated_view": calibrated_view},
            "instructions": counted,
            "repeat": repeat,
            "rounds": rounds,
            "measured": "fresh_render in-process, warm stylesheet and fonts; the ratio "
            "against WeasyPrint alone on the same HTML, CSS and font objects, timed alternately",
        },
    }
