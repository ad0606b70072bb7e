"""The candidate's profile: links, the recruiters' notes and a CV, kept privately, served
only to people who may see the candidate, hidden notes under blind review, exported and
erased with the candidate's personal data."""

import base64
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interviewkit.models import AuditEvent
from scorecards.services.privacy import candidate_data_export, candidate_erase
from tests.factories import InterviewFactory
from tests.scorecards.packet_fixtures import submitted_scorecard

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def profile_url(candidate):
    return reverse("scorecards:candidate-profile", args=[candidate.pk])


def cv_url(candidate):
    return reverse("scorecards:candidate-cv", args=[candidate.pk])


def upload(client, candidate, name="Casey CV.pdf", content=PDF, **fields):
    data = {"linkedin_url": "", "portfolio_url": "", "recruiter_notes": "", **fields}
    if content is not None:
        data["cv"] = SimpleUploadedFile(name, content)
    return client.post(profile_url(candidate), data)


def test_a_recruiter_saves_links_notes_and_a_cv_stored_under_a_random_name(
    client, recruiter, candidate, media
):
    client.force_login(recruiter)
    response = upload(
        client,
        candidate,
        linkedin_url="linkedin.com/in/casey",
        recruiter_notes="Prefers mornings.",
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.linkedin_url == "https://linkedin.com/in/casey"
    assert candidate.cv_name == "Casey CV.pdf"
    stored = Path(candidate.cv.path)
    assert stored.read_bytes() == PDF and "Casey" not in stored.name
    assert AuditEvent.objects.get(action="candidate.profile").detail == {
        "changed": ["linkedin_url", "recruiter_notes", "cv"]
    }
    page = client.get(reverse("scorecards:candidate", args=[candidate.pk])).content.decode()
    assert "CV: Casey CV.pdf" in page and "Prefers mornings." in page


def test_the_cv_is_downloaded_by_the_team_and_the_interviewer_only(
    client, recruiter, hiring_manager, interviewer, outsider, candidate
):
    client.force_login(recruiter)
    upload(client, candidate)
    InterviewFactory(candidate=candidate, interviewer=interviewer)
    for person in (recruiter, hiring_manager, interviewer):
        client.force_login(person)
        response = client.get(cv_url(candidate))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"
    client.force_login(outsider)
    assert client.get(cv_url(candidate)).status_code == 404


def test_a_file_that_is_not_what_its_name_says_is_refused_with_the_rest_kept(
    client, recruiter, candidate
):
    client.force_login(recruiter)
    for name, content, reason in [
        ("cv.pdf", b"MZ\x90\x00 not a pdf", "is named .pdf but is not a PDF"),
        ("cv.docx", b"PK\x03\x04 broken", "is named .docx but is not a Word document"),
        ("cv.exe", PDF, "is not a PDF or a Word (.docx) file"),
    ]:
        response = upload(client, candidate, name=name, content=content, recruiter_notes="Kept.")
        html = response.content.decode()
        assert response.status_code == 400
        assert reason in html and "Kept." in html
        assert "data-error-summary" in html and 'href="#id_cv"' in html
    candidate.refresh_from_db()
    assert not candidate.cv and candidate.recruiter_notes == ""


def test_a_word_cv_is_taken_and_a_too_large_one_is_refused(client, recruiter, candidate, settings):
    client.force_login(recruiter)
    assert upload(client, candidate, name="cv.docx", content=docx_bytes()).status_code == 302
    settings.CV_MAX_BYTES = 100
    response = upload(client, candidate, name="big.pdf", content=PDF + b"x" * 200)
    assert "a CV may be at most" in response.content.decode()


def test_replacing_and_removing_the_cv_deletes_the_old_file(
    client, recruiter, candidate, django_capture_on_commit_callbacks
):
    client.force_login(recruiter)
    upload(client, candidate)
    candidate.refresh_from_db()
    first = Path(candidate.cv.path)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, candidate, name="new.pdf")
    candidate.refresh_from_db()
    assert not first.exists() and candidate.cv_name == "new.pdf"
    second = Path(candidate.cv.path)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, candidate, content=None, remove_cv="on")
    candidate.refresh_from_db()
    assert not candidate.cv and not second.exists()


def test_only_recruiters_edit_the_profile(client, hiring_manager, interviewer, candidate):
    InterviewFactory(candidate=candidate, interviewer=interviewer)
    client.force_login(hiring_manager)
    assert client.get(profile_url(candidate)).status_code == 403
    client.force_login(interviewer)
    assert client.get(profile_url(candidate)).status_code == 403


def test_the_interview_page_shows_cv_and_links_and_the_notes_only_after_submitting(
    client, recruiter, interviewer, candidate
):
    client.force_login(recruiter)
    upload(client, candidate, recruiter_notes="Strong phone screen.", portfolio_url="https://c.dev")
    interview = InterviewFactory(candidate=candidate, interviewer=interviewer)
    client.force_login(interviewer)
    page = client.get(reverse("scorecards:interview", args=[interview.pk])).content.decode()
    assert cv_url(candidate) in page and 'href="https://c.dev"' in page
    assert "Strong phone screen." not in page and "blind review" in page
    interview.delete()
    done = submitted_scorecard(candidate, interviewer, [3, 3, 3, 3]).interview
    page = client.get(reverse("scorecards:interview", args=[done.pk])).content.decode()
    assert "Strong phone screen." in page


def test_the_profile_is_exported_and_erased_with_the_candidate(client, recruiter, candidate, media):
    client.force_login(recruiter)
    upload(client, candidate, recruiter_notes="Call after 5.", linkedin_url="https://l.in/c")
    candidate.refresh_from_db()
    stored = Path(candidate.cv.path)
    data = candidate_data_export(candidate=candidate, by=recruiter)["candidate"]
    assert data["recruiter_notes"] == "Call after 5." and data["linkedin_url"] == "https://l.in/c"
    assert base64.b64decode(data["cv"]["content_base64"]) == PDF
    candidate_erase(candidate=candidate, by=recruiter)
    candidate.refresh_from_db()
    assert not stored.exists() and not any(Path(media).rglob("*.pdf"))
    assert (candidate.recruiter_notes, candidate.linkedin_url, candidate.cv_name) == ("", "", "")
