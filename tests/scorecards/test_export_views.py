"""Export pages: who may export a role, starting a batch, polling its progress, downloads."""

import pytest
from django.test import override_settings
from django.urls import reverse

from interviewkit.models import AuditEvent
from scorecards.models import ExportJob
from scorecards.services import exports
from tests.factories import CandidateFactory, InterviewFactory
from tests.scorecards.export_fixtures import (
    IMMEDIATE_TASKS,
    start_export,
    submitted_scorecard,
    zip_names,
)

pytestmark = pytest.mark.usefixtures("media_root", "fake_renderer")


@pytest.fixture
def role_interviewer(candidate, interviewer):
    """An interviewer of the role who has even submitted their scorecard."""
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 3})
    return interviewer


@pytest.fixture
def finished_job(role, recruiter, candidate):
    with override_settings(TASKS=IMMEDIATE_TASKS):
        return start_export(role=role, kind="packets", candidate_ids=[], by=recruiter)


def role_urls(role):
    return [
        reverse("scorecards:export-role", args=[role.slug]),
        reverse("scorecards:export-csv", args=[role.slug]),
    ]


def job_urls(job):
    return [
        reverse("scorecards:export-job", args=[job.pk]),
        reverse("scorecards:export-job-progress", args=[job.pk]),
        reverse("scorecards:export-job-download", args=[job.pk]),
    ]


# --- the persona trio -------------------------------------------------------------------


def test_interviewers_of_the_role_get_403_even_after_submitting(
    client, role, finished_job, role_interviewer
):
    client.force_login(role_interviewer)
    for url in role_urls(role) + job_urls(finished_job):
        assert client.get(url).status_code == 403, url
    assert client.post(role_urls(role)[0], {"kind": "packets"}).status_code == 403
    # The audit middleware records each denial.
    assert AuditEvent.objects.filter(action="permission.denied").count() == 6


# --- the export page --------------------------------------------------------------------


def test_the_export_page_lists_every_candidate_ticked(client, role, recruiter, candidate):
    second = CandidateFactory(role=role, name="Dana Doe", email="dana@example.com")
    submitted_scorecard(second, InterviewFactory().interviewer, {"Dimension 1": 3})
    client.force_login(recruiter)

    response = client.get(reverse("scorecards:export-role", args=[role.slug]))

    page = " ".join(response.content.decode().split())
    assert "Casey Candidate (casey@example.com) · 0 submitted scorecards </label>" in page
    assert "Dana Doe (dana@example.com) · 1 submitted scorecard </label>" in page
    assert page.count('name="candidates"') == 2
    assert page.count("checked") >= 3  # both candidates and the default kind
    assert "js/exports.js" in page


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_starting_an_export_redirects_to_its_job_page(client, role, recruiter, candidate):
    CandidateFactory(role=role, name="Left Out")
    client.force_login(recruiter)

    response = client.post(
        reverse("scorecards:export-role", args=[role.slug]),
        {"kind": "summaries", "candidates": [candidate.pk]},
    )

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("scorecards:export-job", args=[job.pk])
    assert (job.kind, job.candidate_ids, job.requested_by) == (
        "summaries",
        [candidate.pk],
        recruiter,
    )


def test_starting_without_a_candidate_keeps_the_choice_and_explains(
    client, role, recruiter, candidate
):
    client.force_login(recruiter)

    response = client.post(
        reverse("scorecards:export-role", args=[role.slug]), {"kind": "summaries"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tick at least one candidate to export." in page
    assert 'name="kind" value="summaries" id="id_kind_1" required checked' in " ".join(page.split())
    assert not ExportJob.objects.exists()


def test_a_role_without_candidates_says_so(client, role, recruiter):
    client.force_login(recruiter)

    page = client.get(reverse("scorecards:export-role", args=[role.slug])).content.decode()

    assert "This role has no candidates yet." in page
    assert "Start export" not in page


# --- the job page and its progress --------------------------------------------------------


def test_a_queued_job_polls_for_progress(client, role, recruiter, candidate):
    job = exports.export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)
    client.force_login(recruiter)

    page = client.get(reverse("scorecards:export-job", args=[job.pk])).content.decode()

    progress_url = reverse("scorecards:export-job-progress", args=[job.pk])
    assert f'hx-get="{progress_url}" hx-trigger="every 1s"' in page
    assert '<progress id="job-progress" class="export-progress w-100" value="0" max="1">' in page
    assert "0/1" in page and "Waiting for a worker" in page
    assert "Download ZIP" not in page


def test_a_finished_job_stops_polling_and_offers_the_zip_and_failures(
    client, role, recruiter, candidate, monkeypatch
):
    CandidateFactory(role=role, name="Broken Packet")

    def render(c, *, kind, for_user=None):
        if c.name == "Broken Packet":
            raise RuntimeError("no kit")
        return b"%PDF"

    monkeypatch.setattr(exports, "render_candidate_pdf", render)
    with override_settings(TASKS=IMMEDIATE_TASKS):
        job = start_export(role=role, kind="packets", candidate_ids=[], by=recruiter)
    client.force_login(recruiter)

    fragment = client.get(reverse("scorecards:export-job-progress", args=[job.pk])).content.decode()

    assert "hx-trigger" not in fragment
    assert 'value="2" max="2"' in fragment
    assert reverse("scorecards:export-job-download", args=[job.pk]) in fragment
    assert "<strong>Broken Packet</strong>: RuntimeError: no kit" in fragment


def test_the_zip_download_is_the_archive_and_is_audited(client, finished_job, recruiter, candidate):
    client.force_login(recruiter)

    response = client.get(reverse("scorecards:export-job-download", args=[finished_job.pk]))

    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert zip_names(b"".join(response.streaming_content)) == [
        f"casey-candidate-{candidate.pk}-packet.pdf"
    ]
    event = AuditEvent.objects.filter(action="export.zip").latest("id")
    assert (event.actor, event.detail["event"]) == (recruiter, "download")


def test_an_unfinished_job_has_nothing_to_download(client, role, recruiter, candidate):
    job = exports.export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)
    client.force_login(recruiter)

    assert client.get(reverse("scorecards:export-job-download", args=[job.pk])).status_code == 404


def test_the_csv_download_is_audited(client, role, hiring_manager, candidate, interviewer):
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 3, "Dimension 2": None})
    client.force_login(hiring_manager)

    response = client.get(reverse("scorecards:export-csv", args=[role.slug]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{role.slug}-ratings-' in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("candidate_email,candidate_name,role,")
    assert len(lines) == 3
    event = AuditEvent.objects.get(action="export.csv")
    assert (event.actor, event.role) == (hiring_manager, role)


# --- query counts -----------------------------------------------------------------------


def test_the_export_page_takes_a_fixed_number_of_queries(
    client, role, recruiter, django_assert_num_queries
):
    CandidateFactory.create_batch(5, role=role)
    client.force_login(recruiter)
    url = reverse("scorecards:export-role", args=[role.slug])
    # session, user, role, persona groups, the user's rights on the role (one query),
    # the candidate ids (ticked by default), the candidates with their submitted counts,
    # submitted scorecards count, recent jobs with their requesters
    with django_assert_num_queries(9):
        client.get(url)


def test_the_progress_fragment_takes_a_fixed_number_of_queries(
    client, finished_job, recruiter, django_assert_num_queries
):
    client.force_login(recruiter)
    url = reverse("scorecards:export-job-progress", args=[finished_job.pk])
    # session, user, job with role and requester, persona groups, the user's rights on the
    # role (one query)
    with django_assert_num_queries(5):
        client.get(url)


# --- the exports index ------------------------------------------------------------------


def test_the_exports_index_lists_only_the_users_roles_and_their_jobs(
    client, role, recruiter, finished_job
):
    other = CandidateFactory().role
    ExportJob.objects.create(role=other, kind="packets", total=1)
    client.force_login(recruiter)

    response = client.get(reverse("scorecards:export-list"))

    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("scorecards:export-role", args=[role.slug]) in page
    assert other.title not in page
    assert reverse("scorecards:export-job", args=[finished_job.pk]) in page


def test_the_exports_index_names_who_asked_by_full_name_else_username(client, role, recruiter):
    recruiter.first_name, recruiter.last_name = "Rita", "Recruiter"
    recruiter.username = "rrecruiter"
    recruiter.save()
    ExportJob.objects.create(role=role, kind="packets", total=1, requested_by=recruiter)
    client.force_login(recruiter)
    page = client.get(reverse("scorecards:export-list")).content.decode()
    assert "· Rita Recruiter" in page and "rrecruiter" not in page
    recruiter.first_name = recruiter.last_name = ""
    recruiter.save()
    page = client.get(reverse("scorecards:export-list")).content.decode()
    assert "· rrecruiter" in page


def test_the_exports_index_takes_a_fixed_number_of_queries(
    client, role, recruiter, finished_job, django_assert_num_queries
):
    CandidateFactory.create_batch(3, role=role)
    client.force_login(recruiter)
    # session, user, persona groups, roles with candidate counts, jobs with role and requester
    with django_assert_num_queries(5):
        client.get(reverse("scorecards:export-list"))


def test_the_csv_download_takes_a_fixed_number_of_queries(
    client, role, recruiter, candidate, interviewer, other_interviewer, django_assert_num_queries
):
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 3, "Dimension 2": 2})
    submitted_scorecard(
        candidate, other_interviewer, {"Dimension 3": 3}, exercise_name="Behavioral"
    )
    client.force_login(recruiter)
    url = reverse("scorecards:export-csv", args=[role.slug])
    # session, user, role, persona groups, the user's rights on the role, audit insert,
    # every rating with its scorecard, kit, interview, candidate, interviewer and dimension
    with django_assert_num_queries(7):
        response = client.get(url)
        rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == 1 + 3


def test_a_job_whose_archive_was_removed_says_so(client, finished_job, recruiter):
    finished_job.archive.delete(save=True)
    client.force_login(recruiter)

    page = client.get(reverse("scorecards:export-job", args=[finished_job.pk])).content.decode()

    assert "The ZIP is no longer available" in page
    assert "Download ZIP" not in page
    download = reverse("scorecards:export-job-download", args=[finished_job.pk])
    assert client.get(download).status_code == 404
