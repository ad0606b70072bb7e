"""PDF packets and summaries: their text, who may download them, and what WeasyPrint may fetch."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from interviewkit import personas
from interviewkit.models import AuditEvent
from scorecards.packets import pdf
from scorecards.packets.pdf import BASE_URL, FetchRefused, StaticOnlyFetcher
from scorecards.services.packet_pdfs import packet_pdf
from tests.factories import DecisionFactory, UserFactory
from tests.scorecards.packet_fixtures import (
    draft_scorecard,
    submitted_scorecard,
)

STATIC = BASE_URL + "static/"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


# --- the fetcher -----------------------------------------------------------------------------


def test_the_fetcher_serves_the_projects_static_files():
    response = StaticOnlyFetcher().fetch(STATIC + "css/print.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_the_fetcher_decodes_data_urls():
    response = StaticOnlyFetcher().fetch("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/static/css/print.css",
        "https://interviewkit.invalid.example.com/static/css/print.css",
        "https://interviewkit.invalid@example.com/static/css/print.css",
        "http://interviewkit.invalid/static/css/print.css",
        STATIC + "../../../../etc/passwd",
        STATIC + "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        STATIC + "css/..%2f..%2f..%2fetc%2fpasswd",
        STATIC + "css/does-not-exist.css",
        BASE_URL + "media/exports/secret.zip",
        "ftp://example.com/x",
        "javascript:alert(1)",
        "/etc/passwd",
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    fetcher = StaticOnlyFetcher()
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_never_connects_so_never_follows_a_redirect():
    hits = []

    class Redirector(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Redirector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/static/css/print.css"
        with pytest.raises(FetchRefused):
            StaticOnlyFetcher().fetch(url)
        html = f'<p>x</p><img src="{url}"><link rel="stylesheet" href="{url}">'
        fetcher = StaticOnlyFetcher()
        pdf.html_to_pdf(html, fetcher=fetcher)
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []
    assert fetcher.refused == [url, url]


def test_a_document_asking_for_local_files_gets_refused_and_still_renders():
    fetcher = StaticOnlyFetcher()
    content = pdf.html_to_pdf(
        '<p>Hello</p><img src="file:///etc/passwd"><img src="https://example.com/a.png">',
        fetcher=fetcher,
    )
    assert "Hello" in pdf_text(content)
    assert fetcher.refused == ["file:///etc/passwd", "https://example.com/a.png"]
    assert fetcher.served == []


def test_the_stylesheet_and_fonts_are_built_once_per_process(monkeypatch, scored_candidate):
    pdf.warm_up()
    fonts, css = pdf._resources()

    def no_new_stylesheet(*args, **kwargs):
        raise AssertionError("a warm worker must not parse print.css again")

    monkeypatch.setattr(pdf, "CSS", no_new_stylesheet)
    monkeypatch.setattr(pdf, "FontConfiguration", no_new_stylesheet)
    packet_pdf(scored_candidate)
    packet_pdf(scored_candidate, kind="summary")
    assert pdf._resources() == (fonts, css)


# --- the documents ---------------------------------------------------------------------------


def test_the_packet_pdf_holds_the_name_score_and_red_flags(scored_candidate, hiring_manager):
    DecisionFactory(candidate=scored_candidate, outcome="hold", rationale="One more loop.")
    text = pdf_text(packet_pdf(scored_candidate, for_user=hiring_manager))
    assert "Casey Candidate" in text
    assert "Staff Platform Engineer" in text  # the running header
    assert "2.78" in text and "59 %" in text and "90 %" in text
    assert "Blames others" in text
    assert "Blamed the on-call team for the outage." in text
    assert "Strong no" in text
    assert "Hold" in text and "One more loop." in text
    assert "Appendix" in text
    assert "Page 1 of" in text


def test_the_summary_is_one_page_with_score_flags_recommendations_and_decision(
    scored_candidate, recruiter
):
    DecisionFactory(candidate=scored_candidate, outcome="hire", rationale="Go.")
    content = packet_pdf(scored_candidate, kind="summary", for_user=recruiter)
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    text = pdf_text(content)
    assert "One-page summary" in text.replace("ONE-PAGE SUMMARY", "One-page summary")
    assert "Casey Candidate" in text and "2.78" in text and "90 %" in text
    assert "Blames others" in text
    assert "Recommendations" in text and "Hire" in text


def test_html_an_image_of_a_local_file_and_a_url_in_a_note_render_as_text_and_fetch_nothing(
    monkeypatch, candidate, interviewer
):
    nasty = '<b>bold</b><img src="file:///etc/passwd"> see https://evil.example/x.png'
    submitted_scorecard(
        candidate, interviewer, [4, 3, 3, 3], evidence=nasty, red_flag_note=nasty, takeaways=nasty
    )
    fetchers = []

    class Spy(StaticOnlyFetcher):
        def __init__(self):
            super().__init__()
            fetchers.append(self)

        def fetch(self, url, headers=None):
            self.asked = [*getattr(self, "asked", []), url]
            return super().fetch(url, headers)

    monkeypatch.setattr(pdf, "StaticOnlyFetcher", Spy)
    html = pdf.packet_html(candidate)
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    text = pdf_text(packet_pdf(candidate))
    assert '<img src="file:///etc/passwd">' in text.replace("\n", "")
    assert "<b>bold</b>" in text
    assert all(not getattr(f, "asked", []) for f in fetchers)


# --- who may have it -------------------------------------------------------------------------


def test_the_blind_rule_holds_for_the_pdf_renderers(scored_candidate):
    late = UserFactory(username="late", persona=personas.INTERVIEWERS)
    draft_scorecard(scored_candidate, late)
    with pytest.raises(PermissionDenied):
        packet_pdf(scored_candidate, for_user=late)
    with pytest.raises(PermissionDenied):
        packet_pdf(scored_candidate, kind="summary", for_user=late)


@pytest.mark.parametrize("name", ["scorecards:packet-pdf", "scorecards:summary-pdf"])
def test_pdf_downloads_follow_the_persona_trio_and_are_audited(
    client, name, scored_candidate, hiring_manager, outsider
):
    url = reverse(name, args=[scored_candidate.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    late = UserFactory(username="late", persona=personas.INTERVIEWERS)
    draft_scorecard(scored_candidate, late)
    client.force_login(late)
    assert client.get(url).status_code == 404  # blind review: as if there were no packet yet
    client.force_login(hiring_manager)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="casey-candidate-')
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="export.pdf")
    assert event.actor == hiring_manager
    assert event.detail["kind"] == ("summary" if "summary" in name else "packet")


def test_a_candidate_without_scorecards_gets_a_packet_that_says_so(candidate, hiring_manager):
    text = pdf_text(packet_pdf(candidate, for_user=hiring_manager))
    assert "No score" in text
    assert "No scorecard has been submitted yet" in text
    assert "Casey Candidate" in pdf_text(packet_pdf(candidate, kind="summary"))
