"""Kept PDFs: a packet's PDF is made once per state and read afterwards, for each reader's view
of it, and never served once anything it shows has changed."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from interviewkit import personas
from interviewkit.profiles.services import profile_update
from scorecards.models import PacketPdf, RoleFit, Scorecard
from scorecards.packets import pdf
from scorecards.services import exports
from scorecards.services.decisions import decision_record
from scorecards.services.packet_pdfs import KEEP_PER_KIND, packet_pdf, packet_pdfs_prepare
from scorecards.services.privacy import candidate_erase
from scorecards.tasks import packet_pdfs_task, role_fit_task
from tests.factories import CandidateFactory, DecisionFactory, UserFactory
from tests.scorecards.packet_fixtures import draft_scorecard, submitted_scorecard
from tests.scorecards.test_pdf import pdf_text


@pytest.fixture
def renders(monkeypatch):
    """The PDFs WeasyPrint actually made (each call of `pdf.html_to_pdf`)."""
    made: list[str] = []
    real = pdf.html_to_pdf

    def counted(html, **kwargs):
        made.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(pdf, "html_to_pdf", counted)
    return made


@pytest.fixture
def loop(candidate, interviewer, other_interviewer):
    submitted_scorecard(candidate, interviewer, (3, 4, 3), takeaways="Clear about trade-offs.")
    submitted_scorecard(candidate, other_interviewer, (3, 3, 2), takeaways="Careful with data.")
    return candidate


def download(client, user, candidate, kind="packet") -> bytes:
    client.force_login(user)
    response = client.get(reverse(f"scorecards:{kind}-pdf", args=[candidate.pk]))
    assert response.status_code == 200, response.content[:300]
    return response.content


def stored_files() -> list[str]:
    """Every file under packet-pdfs/, as its path there (`<candidate id>/<name>`)."""
    if not default_storage.exists("packet-pdfs"):
        return []
    folders = default_storage.listdir("packet-pdfs")[0]
    return sorted(
        f"{folder}/{name}"
        for folder in folders
        for name in default_storage.listdir(f"packet-pdfs/{folder}")[1]
    )


def kept_name(row) -> str:
    return row.file.name.removeprefix("packet-pdfs/")


def test_a_second_download_of_an_unchanged_packet_reads_the_kept_pdf(
    client, loop, hiring_manager, renders
):
    first = download(client, hiring_manager, loop)
    second = download(client, hiring_manager, loop)
    assert second == first
    assert len(renders) == 1
    row = PacketPdf.objects.get(candidate=loop)
    assert row.kind == PacketPdf.Kind.PACKET
    assert stored_files() == [kept_name(row)]
    assert "Clear about trade-offs." in pdf_text(first)


def test_the_summary_is_kept_apart_from_the_packet(client, loop, recruiter, renders):
    download(client, recruiter, loop, kind="summary")
    download(client, recruiter, loop, kind="summary")
    download(client, recruiter, loop, kind="packet")
    assert len(renders) == 2
    assert set(PacketPdf.objects.values_list("kind", flat=True)) == {"packet", "summary"}


def test_a_decision_shows_in_the_next_download(
    client, loop, hiring_manager, renders, django_capture_on_commit_callbacks
):
    download(client, hiring_manager, loop)
    with django_capture_on_commit_callbacks():
        decision_record(
            candidate=loop,
            outcome="hire",
            rationale="Strong on every dimension.",
            by=hiring_manager,
        )
    after = download(client, hiring_manager, loop)
    assert len(renders) == 2
    assert "Strong on every dimension." in pdf_text(after)


def test_any_change_that_shows_is_never_served_from_the_old_pdf(
    client, loop, hiring_manager, renders
):
    """Even a change made behind the services' back (an admin's edit in the database)."""
    download(client, hiring_manager, loop)
    Scorecard.objects.filter(takeaways="Careful with data.").update(takeaways="Rewritten note.")
    after = download(client, hiring_manager, loop)
    assert len(renders) == 2
    assert "Rewritten note." in pdf_text(after)
    assert "Careful with data." not in pdf_text(after)


def test_each_reader_gets_the_pdf_in_their_own_time_zone(
    client, loop, hiring_manager, recruiter, renders
):
    profile_update(user=hiring_manager, time_zone="America/New_York", email_enabled=True)
    profile_update(user=recruiter, time_zone="Asia/Tokyo", email_enabled=True)
    manager_pdf = pdf_text(download(client, hiring_manager, loop))
    recruiter_pdf = pdf_text(download(client, recruiter, loop))
    assert len(renders) == 2
    assert PacketPdf.objects.filter(candidate=loop).count() == 2
    assert " EST by interviewkit" in manager_pdf or " EDT by interviewkit" in manager_pdf
    assert " JST by interviewkit" in recruiter_pdf


def test_blind_review_holds_even_when_a_pdf_is_kept(client, loop, hiring_manager, renders):
    download(client, hiring_manager, loop)
    writer = UserFactory(username="still_writing", persona=personas.INTERVIEWERS)
    draft_scorecard(loop, writer)
    with pytest.raises(PermissionDenied):
        packet_pdf(loop, for_user=writer)
    client.force_login(writer)
    response = client.get(reverse("scorecards:packet-pdf", args=[loop.pk]))
    assert response.status_code == 404  # blind review: as if the packet did not exist
    assert len(renders) == 1


def test_a_kept_file_that_went_missing_is_made_again(client, loop, hiring_manager, renders):
    download(client, hiring_manager, loop)
    row = PacketPdf.objects.get(candidate=loop)
    default_storage.delete(row.file.name)
    again = download(client, hiring_manager, loop)
    assert again.startswith(b"%PDF")
    assert len(renders) == 2
    assert PacketPdf.objects.filter(candidate=loop).count() == 1


def test_erasing_the_candidate_deletes_their_kept_pdfs(
    client, loop, hiring_manager, django_capture_on_commit_callbacks
):
    download(client, hiring_manager, loop)
    download(client, hiring_manager, loop, kind="summary")
    assert len(stored_files()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        counts = candidate_erase(candidate=loop, by=hiring_manager)
    assert counts["kept_pdfs"] == 2
    assert not PacketPdf.objects.filter(candidate=loop).exists()
    assert stored_files() == []


def test_erasure_also_deletes_a_pdf_whose_row_was_never_saved(
    client, loop, hiring_manager, django_capture_on_commit_callbacks
):
    """A worker killed between writing the file and saving its row leaves a file with no row:
    it holds the candidate's name, so erasure finds it by the candidate's folder."""
    default_storage.save(f"packet-pdfs/{loop.pk}/packet-orphan.pdf", ContentFile(b"%PDF-1.7"))
    with django_capture_on_commit_callbacks(execute=True):
        candidate_erase(candidate=loop, by=hiring_manager)
    assert stored_files() == []


def test_a_candidate_keeps_only_a_few_variants_and_their_files_go(
    loop, django_capture_on_commit_callbacks
):
    zones = [
        "UTC",
        "Europe/Paris",
        "Asia/Tokyo",
        "America/Chicago",
        "Australia/Sydney",
        "Asia/Kolkata",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for zone in zones:
            with timezone.override(zone):
                packet_pdf(loop)
    kept = PacketPdf.objects.filter(candidate=loop)
    assert kept.count() == KEEP_PER_KIND
    assert len(stored_files()) == KEEP_PER_KIND
    assert sorted(kept_name(row) for row in kept) == stored_files()


def test_after_a_refit_the_worker_makes_the_packets_for_the_hiring_team(
    client, loop, hiring_manager, recruiter, renders, django_capture_on_commit_callbacks
):
    profile_update(user=recruiter, time_zone="Asia/Tokyo", email_enabled=True)
    with django_capture_on_commit_callbacks(execute=True):
        role_fit_task.call(loop.role_id)
    queued = DBTaskResult.objects.get(task_path="scorecards.tasks.packet_pdfs_task")
    args = queued.args_kwargs
    result = packet_pdfs_task.call(*args["args"], **args["kwargs"])  # the worker's run
    assert result["made"] == 2  # the manager's (the site's zone) and the recruiter's (Tokyo)
    assert len(renders) == 2
    download(client, hiring_manager, loop)
    download(client, recruiter, loop)
    assert len(renders) == 2  # both read from the kept files


def test_a_decision_queues_the_candidates_packet(
    loop, hiring_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision_record(candidate=loop, outcome="hold", rationale="Wait.", by=hiring_manager)
    queued = DBTaskResult.objects.get(task_path="scorecards.tasks.packet_pdfs_task")
    assert queued.args_kwargs["kwargs"]["candidate_id"] == loop.pk
    assert queued.priority < 0  # behind exports, refits and webhooks


def test_a_role_wide_run_gives_way_to_a_newer_fit(loop, hiring_manager, renders):
    role_fit_task.call(loop.role_id)
    fitted_at = RoleFit.objects.get(role_id=loop.role_id).fitted_at
    older = fitted_at - timedelta(seconds=1)
    assert packet_pdfs_prepare(role_id=loop.role_id, fitted_at=older).made == 0
    assert packet_pdfs_prepare(role_id=loop.role_id, fitted_at=fitted_at).made == 1
    assert len(renders) == 1


def test_candidates_without_a_submitted_scorecard_or_long_decided_are_left_to_their_download(
    role, loop, candidate, hiring_manager, interviewer
):
    waiting = CandidateFactory(role=role, name="Wren Waiting", email="wren@example.com")
    draft_scorecard(waiting, interviewer)
    decided = CandidateFactory(role=role, name="Dana Decided", email="dana@example.com")
    submitted_scorecard(decided, interviewer, (2, 2, 2))
    old = DecisionFactory(candidate=decided, decided_by=hiring_manager)
    type(old).objects.filter(pk=old.pk).update(decided_at=timezone.now() - timedelta(days=60))
    assert packet_pdfs_prepare(role_id=role.pk).made == 1
    assert list(PacketPdf.objects.values_list("candidate_id", flat=True)) == [loop.pk]


def test_a_batch_export_reads_the_pdf_the_reader_downloaded(client, loop, recruiter, renders):
    download(client, recruiter, loop)
    content = exports.render_candidate_pdf(loop, kind="packets", for_user=recruiter)
    assert content.startswith(b"%PDF")
    assert len(renders) == 1


def test_a_large_role_is_prepared_in_batches_newest_first(
    role, hiring_manager, interviewer, monkeypatch, django_capture_on_commit_callbacks
):
    from scorecards.services import packet_pdfs

    monkeypatch.setattr(packet_pdfs, "PREPARE_BATCH", 2)
    people = [CandidateFactory(role=role, email=f"c{i}@example.com") for i in range(5)]
    for person in people:
        submitted_scorecard(person, interviewer, (3, 3, 3))
    with django_capture_on_commit_callbacks(execute=True):
        result = packet_pdfs_task.call(role.pk)
    assert result == {"role": role.pk, "candidate": None, "made": 2, "next": people[3].pk}
    assert set(PacketPdf.objects.values_list("candidate_id", flat=True)) == {
        people[4].pk,
        people[3].pk,
    }
    rows = DBTaskResult.objects.filter(task_path="scorecards.tasks.packet_pdfs_task")
    assert rows.get().args_kwargs["kwargs"]["before"] == people[3].pk
    assert packet_pdfs_task.call(role.pk, before=people[3].pk)["next"] == people[1].pk
    assert packet_pdfs_task.call(role.pk, before=people[1].pk)["next"] is None
    assert PacketPdf.objects.count() == 5
