"""A candidate's name is one line of text: a line break or control character in it is refused
with the character's code wherever a name comes in (the add page, the API's create and edit,
the CSV import), and what was typed stays in the form. A name with CR/LF would otherwise make
a mail subject a forged header (Django refuses it with BadHeaderError): names stored before
the check go out on one subject line, in the reminders and the invitations."""

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from scorecards.exports.csv_io import (
    COLUMNS,
    CsvImportError,
    ratings_csv_lines,
    scorecards_csv_read,
)
from scorecards.models import Candidate, Interview
from scorecards.services.candidates import interview_add
from scorecards.services.notifications import reminders_send_due
from tests.scorecards.export_fixtures import submitted_scorecard
from tests.scorecards.recruiting_fixtures import exercises_of, loop_for

FORGED = "Casey\r\nBcc: all@example.com"


def test_the_add_page_refuses_a_name_with_a_line_break_and_keeps_what_was_typed(
    client, role, kit, recruiter
):
    client.force_login(recruiter)
    response = client.post(
        reverse("scorecards:candidate-add", kwargs={"slug": role.slug}),
        {"name": FORGED, "email": "casey2@example.com"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The name must be one line of text" in page
    assert "U+000D, U+000A" in page
    # The message sits at the name field, and the typed values come back.
    name_input = re.search(r'<input[^>]*name="name"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in name_input
    assert 'value="casey2@example.com"' in page
    assert "Bcc: all@example.com" in name_input
    assert not Candidate.objects.filter(email="casey2@example.com").exists()


def test_the_api_refuses_a_name_with_a_line_break_on_create_and_on_edit(
    client, role, kit, recruiter, candidate
):
    client.force_login(recruiter)
    created = client.post(
        reverse("api:candidate-list"),
        {"role": role.slug, "name": FORGED, "email": "casey2@example.com"},
        content_type="application/json",
    )
    assert created.status_code == 400
    assert "one line of text" in created.json()["error"]["fields"]["name"][0]
    assert not Candidate.objects.filter(email="casey2@example.com").exists()

    edited = client.patch(
        reverse("api:candidate-detail", kwargs={"pk": candidate.pk}),
        {"name": "Casey\u2028Candidate"},
        content_type="application/json",
    )
    assert edited.status_code == 400
    assert "(U+2028)" in edited.json()["error"]["fields"]["name"][0]
    old_name = candidate.name
    candidate.refresh_from_db()
    assert candidate.name == old_name


@pytest.mark.parametrize("bad", ["Dana\r\nDoe", "Dana\x1bDoe", "Dana\u2029Doe"])
def test_the_csv_import_refuses_a_name_with_a_line_break_naming_its_line(
    role, candidate, interviewer, bad
):
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 3}, recommendation="yes")
    rows = list(csv.DictReader(io.StringIO("".join(ratings_csv_lines(role)))))
    rows[0]["candidate_name"] = bad
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)

    with pytest.raises(CsvImportError) as refused:
        scorecards_csv_read(io.StringIO(out.getvalue()))
    (error,) = refused.value.errors
    assert error.line == 2
    assert error.message.startswith("candidate_name must be one line of text")
    assert "U+" in error.message


def test_the_csv_import_still_takes_a_one_line_name(role, candidate, interviewer):
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 3}, recommendation="yes")
    (card,) = scorecards_csv_read(io.StringIO("".join(ratings_csv_lines(role))))
    assert card.candidate_name == candidate.name


@pytest.fixture
def legacy_name(candidate):
    """A name stored before names were checked."""
    Candidate.objects.filter(pk=candidate.pk).update(name=FORGED)
    candidate.refresh_from_db()
    return candidate


def test_the_automatic_reminder_for_a_stored_name_with_a_line_break_is_sent(
    legacy_name, kit, interviewer, mailoutbox
):
    interview = loop_for(legacy_name, kit, interviewer)[0]
    Interview.objects.filter(candidate=legacy_name).exclude(pk=interview.pk).delete()
    interview.scheduled_at = dt.datetime(2030, 5, 6, 9, 0, tzinfo=dt.UTC)
    interview.save()
    assert reminders_send_due(now=interview.ends_at + dt.timedelta(hours=1)) == 1
    (mail,) = mailoutbox
    assert "\r" not in mail.subject and "\n" not in mail.subject
    assert "Casey  Bcc: all@example.com" in mail.subject
    assert mail.to == [interviewer.email]


def test_the_invitation_for_a_stored_name_with_a_line_break_is_sent(
    legacy_name, kit, interviewer, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview_add(
            candidate=legacy_name,
            exercise=exercises_of(kit)[0],
            interviewer=interviewer,
            scheduled_at=dt.datetime(2030, 3, 4, 14, 0, tzinfo=dt.UTC),
            by=recruiter,
        )
    (mail,) = mailoutbox
    assert "\r" not in mail.subject and "\n" not in mail.subject
    assert mail.subject.startswith("Interview: ")
    assert "Casey  Bcc: all@example.com" in mail.subject
