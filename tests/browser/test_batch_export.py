"""The recruiter starts a batch export, watches its progress and downloads the ZIP.

The worker: the job is queued on the real database backend (django-tasks-db), and this test
runs the real worker, `manage.py db_worker --batch`, in the test's own thread. A subprocess
cannot reach the live server's database (an in-memory SQLite), and the immediate backend would
finish the job inside the click, leaving no progress to watch. While the worker renders the
second candidate, the test checks that the page, polling by itself, already shows 1/2.
"""

import zipfile

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from scorecards.services import exports
from tests.browser.conftest import log_in
from tests.factories import CandidateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_recruiter_exports_a_role_and_downloads_the_zip(
    page, screenshot, recruiter, role, candidate, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    second = CandidateFactory(role=role, name="Dana Doe", email="dana@example.com")
    CandidateFactory(role=role, name="Left Out", email="left@example.com")
    rendered = []
    real_render = exports.render_candidate_pdf

    def render(c, *, kind, for_user=None):
        if rendered:  # the first candidate is done: the page shows it without a reload
            expect(page.get_by_text("1/2")).to_be_visible(timeout=5_000)
            expect(page.locator("#job-progress")).to_have_attribute("value", "1")
            screenshot("batch-export-running")
        rendered.append(c.name)
        return real_render(c, kind=kind, for_user=for_user)

    monkeypatch.setattr(exports, "render_candidate_pdf", render)

    log_in(page, "recruiter")
    page.goto("/exports/")
    screenshot("exports-index")
    page.get_by_role("link", name=f"Export {role.title}").click()
    page.get_by_role("heading", name=f"Export {role.title}").wait_for()
    page.get_by_label("One-page summaries").check()
    page.get_by_role("button", name="Untick all").click()
    page.get_by_label("Casey Candidate (casey@example.com)").check()
    page.get_by_label("Dana Doe (dana@example.com)").check()
    screenshot("batch-export-form")
    page.get_by_role("button", name="Start export").click()

    page.get_by_role("heading", name=f"One-page summaries for {role.title}").wait_for()
    expect(page.get_by_text("Waiting for a worker")).to_be_visible()
    expect(page.locator("#job-progress")).to_have_attribute("value", "0")
    screenshot("batch-export-queued")

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert rendered == ["Casey Candidate", "Dana Doe"]
    download_link = page.get_by_role("link", name="Download ZIP")
    expect(download_link).to_be_visible(timeout=5_000)
    expect(page.get_by_text("2/2")).to_be_visible()
    screenshot("batch-export-done")
    with page.expect_download() as download_info:
        download_link.click()
    path = tmp_path / "export.zip"
    download_info.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == [
            f"casey-candidate-{candidate.pk}-summary.pdf",
            f"dana-doe-{second.pk}-summary.pdf",
        ]
        assert all(archive.read(name).startswith(b"%PDF-") for name in archive.namelist())
