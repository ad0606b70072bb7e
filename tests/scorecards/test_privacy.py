"""Candidate data protection: erasure keeps the scores anonymously, the data export holds
everything, both only for the role's recruiters and admins, both audited."""

import json
import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from interviewkit.audit import events as audit
from interviewkit.models import AuditEvent
from scorecards.models import Candidate, ExportJob, Rating, Scorecard
from scorecards.services.privacy import candidate_data_export, candidate_erase
from tests.factories import (
    CandidateFactory,
    DecisionFactory,
    InterviewFactory,
    ObservedSignalFactory,
    RatingFactory,
    ScorecardFactory,
)


@pytest.fixture
def loop(candidate, kit, interviewer, recruiter):
    """The candidate with one submitted scorecard full of notes, a decision, an amendment,
    an export archive and audit events that name them."""
    interview = InterviewFactory(candidate=candidate, interviewer=interviewer, title="Design")
    scorecard = ScorecardFactory(
        interview=interview,
        kit=kit,
        submitted=True,
        takeaways="Casey spoke about their time at Acme.",
    )
    dims = list(kit.dimensions.all())
    RatingFactory(scorecard=scorecard, dimension=dims[0], value=4, evidence="Casey designed X.")
    RatingFactory(scorecard=scorecard, dimension=dims[1], value=2, evidence="")
    ObservedSignalFactory(scorecard=scorecard, signal=kit.signals.first(), note="Casey said Y.")
    scorecard.revisions.create(
        number=1,
        snapshot={"takeaways": "Casey, ex-Acme", "ratings": [{"value": 3, "evidence": "Casey"}]},
        reason="Casey's reference call",
    )
    DecisionFactory(candidate=candidate, rationale="Casey is strong on design.")
    job = ExportJob.objects.create(
        role=candidate.role,
        candidate_ids=[candidate.pk],
        failures=[{"candidate_id": candidate.pk, "candidate": "Casey Candidate", "error": "x"}],
    )
    job.archive.save("packets.zip", ContentFile(b"PK"), save=True)
    audit.record(recruiter, "export.pdf", candidate)
    return {"scorecard": scorecard, "job": job}


def test_erasure_removes_the_personal_data_and_keeps_the_scores(candidate, loop, recruiter):
    archive_path = loop["job"].archive.path
    counts = candidate_erase(candidate=candidate, by=recruiter)
    candidate.refresh_from_db()
    assert candidate.name == f"Erased candidate #{candidate.pk}"
    assert candidate.email == f"candidate-{candidate.pk}@erased.invalid"
    assert candidate.erased_at is not None
    scorecard = Scorecard.objects.get(pk=loop["scorecard"].pk)
    assert scorecard.takeaways == ""
    assert scorecard.recommendation == "yes"
    assert sorted(Rating.objects.filter(scorecard=scorecard).values_list("value", flat=True)) == [
        2,
        4,
    ]
    assert set(Rating.objects.filter(scorecard=scorecard).values_list("evidence", flat=True)) == {
        ""
    }
    assert scorecard.observed.get().note == ""
    revision = scorecard.revisions.get()
    assert revision.reason == ""
    assert revision.snapshot == {"takeaways": "", "ratings": [{"value": 3, "evidence": ""}]}
    assert candidate.decisions.get().rationale == ""
    assert candidate.decisions.get().outcome == "hire"
    job = ExportJob.objects.get(pk=loop["job"].pk)
    assert not job.archive
    assert job.failures == []

    assert not os.path.exists(archive_path)
    assert counts["ratings"] == 1 and counts["export_archives"] == 1


def test_erasure_takes_the_name_out_of_the_audit_log_and_records_itself(candidate, loop, recruiter):
    candidate_erase(candidate=candidate, by=recruiter)
    assert not AuditEvent.objects.filter(object_repr__contains="Casey").exists()
    assert not AuditEvent.objects.filter(object_repr__contains="casey@example.com").exists()
    event = AuditEvent.objects.get(action="candidate.erase")
    assert event.actor == recruiter
    assert event.role == candidate.role
    assert event.object_id == str(candidate.pk)
    assert event.detail["reason"] == "request"


def test_erasure_clears_free_text_from_the_details_of_events_about_them(
    candidate, loop, interviewer
):
    amend = audit.record(
        interviewer,
        "scorecard.amend",
        loop["scorecard"],
        detail={"candidate_id": candidate.pk, "revision_number": 1, "reason": "Casey called"},
    )
    other = audit.record(interviewer, "kit.edit", candidate.role, detail={"reason": "weights"})
    candidate_erase(candidate=candidate, by=interviewer)
    amend.refresh_from_db()
    other.refresh_from_db()
    assert amend.detail == {"candidate_id": candidate.pk, "revision_number": 1, "reason": ""}
    assert amend.object_repr == f"Scorecard for Design with Erased candidate #{candidate.pk}"
    assert other.detail == {"reason": "weights"}


def test_erasing_twice_changes_nothing(candidate, loop, recruiter):
    candidate_erase(candidate=candidate, by=recruiter)
    assert candidate_erase(candidate=candidate, by=recruiter) == {}
    assert AuditEvent.objects.filter(action="candidate.erase").count() == 1


def test_two_erased_candidates_of_one_role_keep_unique_emails(role, recruiter):
    first = CandidateFactory(role=role)
    second = CandidateFactory(role=role)
    candidate_erase(candidate=first, by=recruiter)
    candidate_erase(candidate=second, by=recruiter)
    assert Candidate.objects.filter(role=role, email__endswith="@erased.invalid").count() == 2


def test_the_data_export_holds_everything_about_the_candidate(candidate, loop, recruiter):
    data = candidate_data_export(candidate=candidate, by=recruiter)
    json.dumps(data)  # JSON-ready as it is
    assert data["candidate"]["name"] == "Casey Candidate"
    assert data["candidate"]["email"] == "casey@example.com"
    [interview] = data["interviews"]
    card = interview["scorecard"]
    assert card["takeaways"] == "Casey spoke about their time at Acme."
    assert {r["evidence"] for r in card["ratings"]} == {"Casey designed X.", ""}
    assert card["signals_observed"][0]["note"] == "Casey said Y."
    assert card["amendments"][0]["reason"] == "Casey's reference call"
    assert data["decisions"][0]["rationale"] == "Casey is strong on design."
    assert "export.pdf" in [e["action"] for e in data["audit_events"]]
    assert AuditEvent.objects.filter(action="candidate.data_export", actor=recruiter).count() == 1


def test_the_data_export_of_a_candidate_without_interviews(candidate, recruiter):
    data = candidate_data_export(candidate=candidate, by=recruiter)
    assert data["interviews"] == [] and data["decisions"] == []


# Views


def erase_url(candidate) -> str:
    return reverse("scorecards:privacy-erase", kwargs={"pk": candidate.pk})


def export_url(candidate) -> str:
    return reverse("scorecards:privacy-export", kwargs={"pk": candidate.pk})


@pytest.mark.parametrize("url", [erase_url, export_url])
@pytest.mark.parametrize("persona", ["hiring_manager", "interviewer"])
def test_people_who_see_the_candidate_but_do_not_handle_data_get_403(
    client, candidate, loop, request, persona, url
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(candidate)).status_code == 403
    assert client.post(erase_url(candidate), {"confirm": "erase"}).status_code == 403
    candidate.refresh_from_db()
    assert candidate.erased_at is None


def test_the_confirmation_page_says_what_goes_and_what_stays(
    client, candidate, loop, recruiter, django_assert_num_queries
):
    client.force_login(recruiter)
    # session, user, the candidate (visible to the user) with its role, admin check (groups),
    # is-recruiter check, the scorecard counts, the decision count.
    with django_assert_num_queries(7):
        response = client.get(erase_url(candidate))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Erase Casey Candidate's personal data" in html
    assert "Kept as anonymous statistics" in html
    assert "2 ratings per dimension" in html
    assert 'name="confirm"' in html


def test_erasing_needs_the_confirmation_box(client, candidate, recruiter):
    client.force_login(recruiter)
    response = client.post(erase_url(candidate), follow=True)
    assert "Tick the box to confirm" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.erased_at is None


def test_a_recruiter_erases_a_candidate(client, candidate, loop, recruiter):
    client.force_login(recruiter)
    response = client.post(erase_url(candidate), {"confirm": "erase"}, follow=True)
    html = response.content.decode()
    assert "personal data is erased" in html
    assert f"Erased candidate #{candidate.pk}" in html
    candidate.refresh_from_db()
    assert candidate.erased_at is not None
    assert AuditEvent.objects.get(action="candidate.erase").ip == "127.0.0.1"


def test_an_admin_downloads_the_data_export(client, candidate, loop, admin_user):
    client.force_login(admin_user)
    response = client.get(export_url(candidate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="candidate-{candidate.pk}-data.json"'
    )
    assert json.loads(response.content)["candidate"]["email"] == "casey@example.com"
    assert AuditEvent.objects.filter(action="candidate.data_export", actor=admin_user).exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_unexpected_methods_get_405(client, candidate, recruiter, method):
    client.force_login(recruiter)
    assert getattr(client, method)(erase_url(candidate)).status_code == 405
    assert getattr(client, method)(export_url(candidate)).status_code == 405


def test_the_export_answers_reads_only(client, candidate, recruiter):
    client.force_login(recruiter)
    assert client.post(export_url(candidate)).status_code == 405


# The retention command


def test_the_command_erases_candidates_older_than_the_retention(role, recruiter, settings):
    old = CandidateFactory(role=role)
    new = CandidateFactory(role=role)
    Candidate.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    call_command("erase_old_candidates", "--days", "30")
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.erased_at is not None and new.erased_at is None
    event = AuditEvent.objects.get(action="candidate.erase")
    assert event.actor is None
    assert event.detail["reason"] == "retention: 30 days"


def test_the_command_defaults_to_the_setting_and_can_dry_run(role, settings, capsys):
    settings.CANDIDATE_RETENTION_DAYS = 10
    old = CandidateFactory(role=role)
    Candidate.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=11))
    call_command("erase_old_candidates", "--dry-run")
    out = capsys.readouterr().out
    assert f"would erase candidate #{old.pk}" in out
    assert "1 candidate older than 10 days would be erased." in out
    old.refresh_from_db()
    assert old.erased_at is None
    call_command("erase_old_candidates")
    old.refresh_from_db()
    assert old.erased_at is not None


def test_the_command_refuses_a_nonsense_period(db):
    with pytest.raises(CommandError, match="--days must be at least 1"):
        call_command("erase_old_candidates", "--days", "0")


def test_the_packet_of_an_erased_candidate_still_shows_the_scores_anonymously(
    client, candidate, loop, hiring_manager, recruiter
):
    candidate_erase(candidate=candidate, by=recruiter)
    client.force_login(hiring_manager)
    response = client.get(reverse("scorecards:packet", kwargs={"pk": candidate.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Erased candidate #{candidate.pk}" in html
    # The full name: an interviewer made up by the factories may be called Casey too.
    assert "Casey Candidate" not in html
    assert "casey@example.com" not in html
